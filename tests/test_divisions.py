"""Administrative divisions: national list, ambiguity, short forms, deictics, sub-county suffixes."""
from __future__ import annotations

import pytest

from conftest import doc_of
from kg.data import divisions, short_name


def recognize(text: str):
    doc = doc_of(text)
    return doc.division, doc.of_kind("AdministrativeDivision")


def labels(text: str) -> tuple[str | None, list[str]]:
    reporting, mentions = recognize(text)
    return (reporting.label if reporting else None), [m.label for m in mentions]


def codes(text: str) -> dict[str, str]:
    _, mentions = recognize(text)
    return {m.label: m.code for m in mentions if m.code}


def test_divisions_table_has_codes_coordinates_and_parents():
    t = divisions()
    assert t.by_code["410526"].name == "滑县" and t.by_code["410526"].parent == "410500"
    assert [d.name for d in t.chain("410526")] == ["滑县", "安阳市", "河南省"]
    assert t.by_code["110108"].parent == "110000"  # municipality districts hang on the municipality
    assert t.by_code["110108"].lat and t.by_code["110108"].lon
    assert "市辖区" not in t.by_name


def test_divisions_table_applies_later_changes():
    t = divisions()
    assert t.by_code["370116"].name == "莱芜区" and t.by_code["370116"].parent == "370100"
    assert "371200" not in t.by_code  # 莱芜市 was merged into 济南市 in 2019
    assert "郫都区" in t.by_name and "郫县" not in t.by_name


def test_divisions_reporting_division_from_title():
    rep, found = labels("滑县2023年法治政府建设情况报告\n全面贯彻落实中央和我省、我市部署。\n")
    assert rep == "滑县"
    assert found.count("河南省") == 1 and found.count("安阳市") == 1  # 我省, 我市


@pytest.mark.parametrize("title,province", [
    ("南京市鼓楼区2023年法治政府建设情况报告", "320000"),
    ("福州市鼓楼区2023年法治政府建设情况报告", "350000"),
    ("徐州市鼓楼区2022年法治政府建设情况报告", "320000"),
])
def test_divisions_ambiguous_name_resolved_by_parent_in_text(title, province):
    c = codes(title + "\n鼓楼区坚持依法行政。\n")
    assert divisions().is_within(c["鼓楼区"], province)


def test_divisions_ambiguous_name_resolved_by_what_the_report_is_about():
    c = codes("鼓楼区2023年法治政府建设情况报告\n在江苏省委和南京市委的领导下,鼓楼区坚持依法行政。\n")
    assert c["鼓楼区"] == "320106"


def test_divisions_short_forms_only_of_the_reporting_chain():
    _, found = labels("海淀区2024年度法治政府建设工作总结\n推进法治海淀建设,符合海淀实际。朝阳经验值得学习。\n")
    assert found.count("海淀区") == 3
    assert "朝阳区" not in found


def test_divisions_two_character_names_need_their_parent():
    assert "和县" not in labels("某区2023年报告\n市政府和县政府联合督查。\n")[1]
    assert "和县" in labels("马鞍山市和县2023年法治政府建设情况报告\n")[1]


def test_divisions_province_short_form_shadows_county_inside_it():
    _, found = labels("某县2023年报告\n学习江西城区改革经验。\n")
    assert "西城区" not in found


@pytest.mark.parametrize("sentence,name", [
    ("岚溪社区、枫林巷社区入围创建名单。", "枫林巷社区"),
    ("设在羊坊店街道岚溪村的调解室。", "岚溪村"),
    ("走访红星居民区。", "红星居民区"),
])
def test_divisions_communities_by_suffix(sentence, name):
    reporting, mentions = recognize("海淀区2023年法治政府建设情况报告\n" + sentence + "\n")
    hit = [m for m in mentions if m.label == name]
    assert hit and hit[0].level == "community"
    township = [m for m in mentions if m.level == "township"]
    assert hit[0].parent == (township[0].key if township else reporting.key)


@pytest.mark.parametrize("sentence", [
    "深化“品质社区”建设。",
    "建设美丽乡村。",
    "全面推进乡镇(街道)综合行政执法改革。",
    "各街道、各社区全部聘请法律顾问。",
    "推进新型城镇化。",
    "开展“千名律师进社区”活动。",
])
def test_divisions_generic_words_are_not_places(sentence):
    _, mentions = recognize("海淀区2023年法治政府建设情况报告\n" + sentence + "\n")
    assert [m.label for m in mentions if m.level in ("township", "community")] == []


def test_divisions_unknown_new_district_from_title():
    rep, _ = labels("新设区2024年法治政府建设情况报告\n新设区坚持依法行政。\n")
    assert rep == "新设区"


def test_divisions_mention_offsets_slice_the_source():
    doc = doc_of("海淀区2023年法治政府建设情况报告\n北京市朝阳区、我区、海淀营商环境。\n")
    mentions = doc.of_kind("AdministrativeDivision")
    assert {m.text for m in mentions} >= {"海淀区", "北京市", "朝阳区", "我区", "海淀"}
    for m in mentions:
        assert doc.report.source.text[m.start:m.end] == m.text


@pytest.mark.parametrize("name,short", [("海淀区", "海淀"), ("北京市", "北京"), ("恩施土家族苗族自治州", "恩施"),
                                        ("和县", "和县"), ("新疆维吾尔自治区", "新疆")])
def test_divisions_short_name(name, short):
    assert short_name(name) == short


def _shared_county_names(n: int) -> list[tuple[str, list]]:
    """County-level names that several divisions share (鼓楼区, 朝阳区…), a fixed sample."""
    import random

    shared = sorted((name, ds) for name, ds in divisions().by_name.items()
                    if len(ds) >= 2 and all(d.level == "county" for d in ds) and len(name) >= 3)
    return random.Random(7).sample(shared, n)


@pytest.mark.parametrize("name,same_named", _shared_county_names(12))
def test_divisions_publisher_line_names_its_city_before_a_shared_county_name(name, same_named):
    """A report whose opening names no division speaks for its publisher: a county-level name that
    several divisions share is the one whose city the publisher line writes before it, even when
    the text talks of another of those cities (the city is read in the publisher line, not at the
    same offsets of the text)."""
    t = divisions()
    target, other = same_named[-1], same_named[0]
    city, elsewhere = t.by_code[target.parent].name, t.by_code[other.parent].name
    text = ("2024年度法治政府建设情况报告\n一、主要工作\n全面推进依法行政，办理行政复议案件12件。\n"
            f"深入开展普法宣传，举办讲座5场。\n学习{elsewhere}经验，赴{elsewhere}考察两次，与{elsewhere}交流。\n"
            f"{city}{name}人民政府\n2025年1月10日\n")
    reporting, _ = recognize(text)
    assert reporting is not None and reporting.code == target.code
