"""Observations: the number normalisation table, units, measures, areas, and what is not one."""
from __future__ import annotations


import pytest

from kg.extract import extract
from kg.read import read_bytes
from kg.recognize.numbers import chinese_integer, plain, to_decimal


@pytest.mark.parametrize("num,mult,value", [
    ("83", "", "83"), ("2.4", "万", "24000"), ("1.7", "万", "17000"), ("130", "万", "1300000"),
    ("3500", "万", "35000000"), ("200", "亿", "20000000000"), ("一千", "", "1000"), ("十二", "", "12"),
    ("两", "", "2"), ("三百零五", "", "305"), ("百分之百", "", "100"), ("百分之九十五", "", "95"),
    ("97.95", "", "97.95"), ("一万二千", "", "12000"), ("二〇二三", "", "2023"),
])
def test_numbers_normalisation_table(num, mult, value):
    assert plain(to_decimal(num, mult)) == value


def test_numbers_reject_what_is_not_a_number():
    assert chinese_integer("一把") is None and to_decimal("abc") is None


def observe(sentence: str, title: str = "垫江县人民政府2023年法治政府建设情况报告"):
    ex = extract(read_bytes(f"{title}\n一、主要举措和成效\n{sentence}\n".encode(), "t.txt"))
    return [(plain(o.value), o.unit, o.approximate, o.measure, o.area) for o in ex.observations]


@pytest.mark.parametrize("sentence,value,unit,approx,measure", [
    ("办理行政复议案件83件。", "83", "件", False, "办理行政复议案件"),
    ("全年新增市场主体2.4万余户。", "24000", "户", True, "新增市场主体"),
    ("公开政府信息1.7万余条。", "17000", "条", True, "公开政府信息"),
    ("帮助企业获得政策资金3500余万元。", "35000000", "元", True, "帮助企业获得政策资金"),
    ("行政机关负责人出庭应诉率达100%。", "100", "%", False, "行政机关负责人出庭应诉率"),
    ("全程网办率95%以上。", "95", "%", True, "全程网办率"),
    ("组织线上培训一千余人次。", "1000", "人次", True, "组织线上培训"),
    ("受教育群众达15万人次。", "150000", "人次", False, "受教育群众"),
    ("上线53个主题套餐。", "53", "个", False, "上线主题套餐"),
])
def test_observations_value_unit_and_measure(sentence, value, unit, approx, measure):
    got = observe(sentence)
    assert len(got) == 1
    assert got[0][:4] == (value, unit, approx, measure)


@pytest.mark.parametrize("sentence", [
    "2023年,我县稳步推进法治政府建设。",
    "获评第二批全市法治政府建设示范项目。",
    "围绕“1+18+5”工作体系推进。",
    "实现2个工作日完成企业开办。",
    "列入区委十四届四次、五次全会工作要点。",
    "印发《优营商、激活力、促发展二十条措施》。",
    "党政主要领导每年至少听取一次汇报。",
    "打造一个服务品牌。",
])
def test_observations_years_ordinals_codes_durations_titles_are_not_indicators(sentence):
    assert observe(sentence) == []


def test_observations_area_is_the_body_the_clause_starts_with():
    got = observe("县行政争议化解中心充分发挥作用,承接法院移送行政争议案件26件。办理行政复议案件83件。")
    assert got[0][4] == "institution/垫江县行政争议化解中心"
    assert got[1][4] is None  # the reporting division


def test_observations_breakdown_names_its_part_and_the_whole():
    got = observe("全县集中公开现行有效行政规范性文件78件,其中,县政府63件、乡镇人民政府9件。")
    assert [g[3] for g in got] == ["集中公开现行有效行政规范性文件", "县政府现行有效行政规范性文件",
                                   "乡镇人民政府现行有效行政规范性文件"]
    assert got[1][4] == "institution/垫江县人民政府"


def test_observations_offsets_slice_the_number():
    ex = extract(read_bytes("某县2023年报告\n办理行政复议案件83件,新增2.4万余户。\n".encode(), "t.txt"))
    texts = [ex.report.source.text[o.start:o.end] for o in ex.observations]
    assert texts == ["83件", "2.4万余户"]
