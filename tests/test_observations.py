"""Figures: numbers and units, what they measure, whom they are about, and their indicator.

Sentences are generated from the tables (units.tsv, measures.tsv, indicators.tsv, numbered_names.tsv
and the national division table) as the tests know them (tests/lexicons.json): every row of the
grammar is used by at least one sentence below, and a table that lost or gained a row fails a test.  Places are real divisions taken from the table; bodies and programs are made up.
"""
from __future__ import annotations

import re
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from rdflib import Literal
from rdflib.namespace import SKOS

from conftest import county_report, doc_of, lexicon
from kg.data import FIGURE_CLASSES, divisions, figure_words, indicators, numbered_names, units
from kg.keys import division_key, indicator_key, iri
from kg.namespace import KG
from kg.recognize.numbers import chinese_integer, plain, to_decimal


@pytest.mark.parametrize("num,mult,value", [
    ("83", "", "83"), ("2.4", "万", "24000"), ("1.7", "万", "17000"), ("130", "万", "1300000"),
    ("3500", "万", "35000000"), ("200", "亿", "20000000000"), ("一千", "", "1000"), ("十二", "", "12"),
    ("两", "", "2"), ("三百零五", "", "305"), ("百分之百", "", "100"), ("百分之九十五", "", "95"),
    ("97.95", "", "97.95"), ("3", "千万", "30000000"), ("1.2", "百亿", "12000000000"), ("一万二千", "", "12000"), ("二〇二三", "", "2023"),
])
def test_numbers_normalisation_table(num, mult, value):
    assert plain(to_decimal(num, mult)) == value


def test_numbers_reject_what_is_not_a_number():
    assert chinese_integer("一把") is None and to_decimal("abc") is None


def _counties(n: int) -> list[str]:
    """Counties of the national table, several provinces apart (the table's order is by code)."""
    names = [d.name for d in divisions().by_code.values() if d.level == "county" and d.name.endswith("县")
             and len(d.name) >= 3 and len(divisions().by_name[d.name]) == 1]
    return names[:: max(1, len(names) // n)][:n]


COUNTIES = _counties(5)


def grammar(word_class: str) -> list[str]:
    """The words of one class of measures.tsv as the tests know them, longest first."""
    words = [w for c, w in (row.split("\t") for row in lexicon("measures.tsv")) if c == word_class]
    return sorted(words, key=lambda w: (-len(w), w))


def test_observations_tables_are_the_ones_the_tests_know():
    assert sorted(f"{u}\t{k}" for u, k in units().items()) == lexicon("units.tsv")
    assert sorted(f"{c}\t{w}" for c in FIGURE_CLASSES for w in figure_words(c)) == lexicon("measures.tsv")
    assert sorted("\t".join((i.label, ",".join(i.units), *i.alts)) for i in indicators()) == lexicon("indicators.tsv")
    assert sorted(numbered_names()) == lexicon("numbered_names.tsv")


def extracted(sentence: str, place: str = COUNTIES[0]):
    return county_report(sentence, place)


def observe(sentence: str, place: str = COUNTIES[0]):
    ex = extracted(sentence, place)
    return [(plain(o.value), o.unit, o.approximate, o.measure, o.area) for o in ex.observations]


def only(sentence: str, place: str = COUNTIES[0]):
    got = extracted(sentence, place).observations
    assert len(got) == 1, [(o.measure, o.value) for o in got]
    return got[0]


# ---------------------------------------------------------------- units and values

def _unit_cases():
    for unit, kind in (row.split("\t") for row in lexicon("units.tsv")):
        if kind == "time":
            yield unit, f"审批时限缩短到5{unit}。", "审批时限"
        elif kind == "rate":
            yield unit, f"政务服务事项网上可办率达98{unit}。", "政务服务事项网上可办率"
        elif kind == "points":
            yield unit, f"行政诉讼败诉率为7.2%,较上年下降3{unit}。", "行政诉讼败诉率较上年下降"
        else:
            yield unit, f"全年新增登记事项37{unit}。", "新增登记事项"


@pytest.mark.parametrize("unit,sentence,measure", list(_unit_cases()))
def test_observations_every_unit_of_the_table_is_read(unit, sentence, measure):
    got = extracted(sentence).observations
    assert got and got[-1].unit == unit and got[-1].measure == measure


@pytest.mark.parametrize("figure,value,unit,written", [
    ("3500余万元", "35000000", "元", "万元"), ("13.78亿元", "1378000000", "元", "亿元"), ("2.4万余户", "24000", "户", "万户"),
    ("1.5万人次", "15000", "人次", "万人次"), ("两万名", "20000", "名", "名"),  # 万 of a Chinese numeral is the numeral's
])
def test_observations_multipliers_scale_the_value_and_the_written_unit_is_kept(figure, value, unit, written):
    o = only(f"全年帮助企业招聘员工{figure}。")
    assert (plain(o.value), o.unit, o.written) == (value, unit, written)


@pytest.mark.parametrize("figure,value", [("百余场", "100"), ("千余场", "1000"), ("万余场", "10000"), ("百多场", "100")])
def test_observations_a_bare_hundred_or_thousand_with_more_is_about_that_many(figure, value):
    o = only(f"开展普法活动{figure}。")
    assert (plain(o.value), o.approximate, o.measure) == (value, True, "开展普法活动")


def test_observations_a_figure_that_opens_a_line_is_read_from_its_own_line():
    o = only("两万余人参加。")
    assert (plain(o.value), o.measure) == ("20000", "参加")


def test_observations_percent_written_out():
    o = only("矛盾纠纷调解成功率达百分之九十五。")
    assert (plain(o.value), o.unit, o.measure) == ("95", "%", "矛盾纠纷调解成功率")


@pytest.mark.parametrize("word", grammar("approx_before"))
def test_observations_approximation_before_the_number(word):
    assert only(f"办理行政复议案件{word}80件。").approximate


@pytest.mark.parametrize("word", grammar("approx_after"))
def test_observations_approximation_after_the_number(word):
    sentence = f"办理行政复议案件80{word}件。" if word in ("余", "多") else f"办理行政复议案件80件{word}。"
    assert only(sentence).approximate


def test_observations_offsets_slice_the_number():
    ex = extracted("受理劳动仲裁案件47件,新增个体工商户1.3万余户。")
    assert [ex.report.source.text[o.start:o.end] for o in ex.observations] == ["47件", "1.3万余户"]


# ---------------------------------------------------------------- what is not a figure

@pytest.mark.parametrize("word", grammar("ordinal"))
def test_observations_ordinals_ranks_and_rules_are_not_figures(word):
    assert observe(f"该项工作{word}3名。") == []


@pytest.mark.parametrize("sentence", [
    "2023年,全县稳步推进法治政府建设。",
    "围绕“1+6+N”工作格局推进。",  # a code in quotes
    "力争5个工作日办结不动产登记。",  # a duration that is a condition
    "不动产登记全流程压缩至4小时内。",  # a deadline
    "学习县委十五届三次、四次全会精神。",  # sessions of a meeting
    "印发《稳就业促发展十五条措施》。",  # a number inside a title
    "打造一个服务品牌。",  # an article
    "让法治理念走进千家万户。",  # a word that contains a numeral
    "发布日期:2022-03-31 名称。",  # a date
    "推进“十四五”规划实施,“十三五”期间成效明显。",  # plan periods
    "三分之二的村完成改革,这项工作十分重要。",  # a fraction, an adverb
    "会议于8点30分召开。",  # a time of day
])
def test_observations_dates_codes_sessions_titles_articles_are_not_figures(sentence):
    assert observe(sentence) == []


@pytest.mark.parametrize("name", lexicon("numbered_names.tsv"))
def test_observations_a_numeral_inside_a_well_known_name_is_no_count(name):
    assert observe(f"深入贯彻落实{name},牢固树立{name}意识。") == []


@pytest.mark.parametrize("items,numeral,noun", [
    (["律师", "公证员", "人民调解员"], "三", "支力量"), (["主导产业", "特色产业"], "两", "条产业链"),
    (["公众参与", "专家论证", "风险评估", "合法性审查", "集体讨论决定"], "五", "个环节"),
])
def test_observations_a_numeral_that_restates_the_list_before_it_is_no_count(items, numeral, noun):
    listed = "、".join(items[:-1]) + "和" + items[-1]
    assert observe(f"把{listed}{numeral}{noun}结合起来。") == []
    assert observe(f"{listed}{numeral}{noun}缺一不可。") == []
    got = observe(f"分设{listed}{numeral}{noun}。")  # what a verb set up is counted
    assert len(got) == 1 and got[0][0] == str(len(items))


# ---------------------------------------------------------------- measures

@pytest.mark.parametrize("verb,noun", [("上线", "主题套餐"), ("建成", "便民服务站"), ("新建", "调解工作室"),
                                       ("培育", "法治示范村")])
def test_observations_a_verb_and_the_noun_it_counts(verb, noun):
    assert only(f"全年{verb}12个{noun}。").measure == verb + noun


@pytest.mark.parametrize("noun,predicate", [("乡镇", "组建法治工作委员会"), ("部门", "开展政策法律学习"),
                                            ("企业", "获得政策资金"), ("村(社区)", "获评民主法治示范村")])
def test_observations_a_counted_noun_with_its_own_predicate_is_a_relative_phrase(noun, predicate):
    assert only(f"推动15个{noun}均{predicate}。").measure.endswith(f"{predicate}的{noun}")


@pytest.mark.parametrize("word", grammar("lead"))
def test_observations_leading_time_and_connective_words_are_not_measures(word):
    assert only(f"{word}办理行政复议案件80件。").measure == "办理行政复议案件"


@pytest.mark.parametrize("word", grammar("link"))
def test_observations_the_word_between_measure_and_number_is_not_the_measure(word):
    assert only(f"办理行政复议案件{word}80件。").measure == "办理行政复议案件"


@pytest.mark.parametrize("word", grammar("timeword"))
def test_observations_time_words_inside_a_measure_go(word):
    assert only(f"政府网站{word}发布政府信息3000条。").measure == "政府网站发布政府信息"


@pytest.mark.parametrize("level", grammar("scope"))
def test_observations_scope_words_are_not_measures(level):
    assert only(f"全{level}办理行政复议案件80件。").measure == "办理行政复议案件"


@pytest.mark.parametrize("change", grammar("change"))
@pytest.mark.parametrize("baseline", ["", *grammar("baseline")[:6]])
def test_observations_a_change_is_of_the_measure_before_it(change, baseline):
    got = extracted(f"办理行政复议案件80件,{baseline}{change}12%。").observations
    assert got[1].measure.startswith("办理行政复议案件") and change in got[1].measure


@pytest.mark.parametrize("baseline", grammar("baseline"))
def test_observations_every_baseline_makes_a_change(baseline):
    got = extracted(f"受理法律援助案件715件,{baseline}增长12%。").observations
    assert got[1].measure.startswith("受理法律援助案件")


@pytest.mark.parametrize("word", grammar("rate"))
def test_observations_rate_phrases(word):
    assert only(f"政务服务事项网上可办{word}达98%。").measure == f"政务服务事项网上可办{word}"


@pytest.mark.parametrize("word", grammar("share"))
def test_observations_a_share_is_of_the_measure_before_it(word):
    got = extracted(f"业务类信息14条,{word}27.5%。").observations
    assert got[1].measure == "业务类信息占比"


@pytest.mark.parametrize("word", grammar("total"))
def test_observations_a_total_is_of_the_measure_before_it(word):
    got = extracted(f"市场主体新增7500余户,{word}突破5万户。").observations
    assert got[1].measure == f"市场主体{word}"


@pytest.mark.parametrize("word", grammar("adverb"))
def test_observations_an_adverb_opens_the_predicate_of_a_counted_noun(word):
    assert only(f"全县15个乡镇{word}组建法治工作委员会。").measure.endswith("的乡镇")


@pytest.mark.parametrize("word", grammar("prep"))
def test_observations_a_counted_noun_after_a_preposition(word):
    assert only(f"{word}15个乡镇开展专项督查。").measure.endswith("的乡镇")


@pytest.mark.parametrize("word", grammar("prep"))
def test_observations_a_lone_preposition_is_no_measure(word):
    assert only(f"{word}120人次进行法律知识培训。").measure == "进行法律知识培训"


def test_observations_items_of_a_list_with_counts_of_their_own_are_apart():
    got = extracted("全局共有12个科室、干部职工86人。").observations
    assert [o.measure for o in got] == ["科室", "干部职工"]
    got = extracted("督查覆盖26个市、县(区)以及12个区直部门。").observations
    assert [o.measure for o in got] == ["督查覆盖市、县(区)", "区直部门"]


@pytest.mark.parametrize("word", grammar("part"))
def test_observations_a_part_alone_is_of_what_the_clause_before_is_about(word):
    figure = "为8%" if word == "权重" else "达3000次" if word.endswith("量") else "为96分" if "分" in word else "28项"
    phrase = word if figure[0] in "为达" else "明确" + word
    got = extracted(f"印发某县法治政府建设实施方案,{phrase}{figure}。").observations
    assert "某县法治政府建设实施方案" in got[0].measure and got[0].measure.endswith(phrase)


@pytest.mark.parametrize("word", [w for w in grammar("verb") if len(w) == 1])
def test_observations_a_one_character_report_verb_opens_a_predicate(word):
    assert only(f"全县15个村{word}省级表彰。").measure == f"{word}省级表彰的村"


@pytest.mark.parametrize("word", [w for w in grammar("verb") if len(w) >= 2])
def test_observations_report_verbs_end_a_counted_noun(word):
    assert only(f"全市共有3个项目{word}示范创建。").measure.endswith("的项目")


@pytest.mark.parametrize("word", grammar("topic"))
def test_observations_a_list_of_topics_is_not_what_is_counted(word):
    o = only(f"认真办理涉及城乡教育、道路交通、养老服务等{word}政协提案64件。")
    assert o.measure == "认真办理政协提案"


def test_observations_a_long_list_of_examples_is_not_what_is_counted():
    assert only("组织开展交通运输、生态环境、文化旅游等跨部门联合检查15次。").measure == "组织开展跨部门联合检查"
    assert only("举办“田间课堂”“板凳会”等活动12场。").measure == "举办田间课堂板凳会等活动"


@pytest.mark.parametrize("word", grammar("frame"))
def test_observations_a_framing_phrase_is_not_the_measure(word):
    assert only(f"{word}各类活动和日常服务开展普法宣传30场。").measure == "开展普法宣传"


@pytest.mark.parametrize("word", grammar("about"))
def test_observations_the_topic_an_action_is_about_stays_in_the_measure(word):
    assert only(f"{word}《某市物业管理条例》的贯彻落实开展专项督察3次。").measure == "某市物业管理条例专项督察"
    assert only(f"{word}营商环境问题开展专项督察3次。").measure == "营商环境问题专项督察"
    assert only(f"{word}其开展专项督察3次。").measure == "开展专项督察"  # a pronoun names nothing


@pytest.mark.parametrize("word", grammar("determiner"))
def test_observations_a_determiner_is_not_what_is_counted(word):
    got = extracted(f"全年主动公开{word}政府信息3000条,发布5000条。").observations
    assert got[1].measure == "发布政府信息"


@pytest.mark.parametrize("word", grammar("light"))
def test_observations_a_verb_that_only_says_something_was_done(word):
    assert only(f"全县集中法治宣传共{word}8场。").measure == "集中法治宣传"


@pytest.mark.parametrize("word", grammar("attendee"))
def test_observations_attendance_names_what_was_attended(word):
    got = extracted(f"全年举办法治讲座30场,{word}1200人次。").observations
    assert got[1].measure == "举办法治讲座" + word or got[1].measure == "法治讲座" + word


@pytest.mark.parametrize("word", grammar("distribute"))
def test_observations_one_figure_for_each_item_of_a_list(word):
    got = extracted(f"规范性文件合法性审查率、备案率{word}为100%。").observations
    assert [o.measure[-3:] for o in got] == ["审查率", "备案率"]
    assert all(o.measure.startswith("规范性文件") for o in got)  # the head the list shares
    assert {o.start for o in got} == {got[0].start}


def test_observations_values_listed_after_items_go_to_them_in_order():
    got = extracted("进出口总额和实际利用外资分别增长6.2%、3.1%。").observations
    assert [(o.measure, plain(o.value)) for o in got] == [("进出口总额增长", "6.2"), ("实际利用外资增长", "3.1")]


@pytest.mark.parametrize("word", grammar("change"))
def test_observations_changes_listed_after_figures_go_to_them_in_order(word):
    got = extracted(f"受理行政复议案件50件、行政诉讼案件30件,分别{word}12%和8%。").observations
    assert [(o.measure, plain(o.value)) for o in got][2:] == [
        (f"受理行政复议案件{word}", "12"), (f"行政诉讼案件{word}", "8")]


@pytest.mark.parametrize("head,first,others", [
    ("领导干部考试", "参考率", ["合格率"]), ("规范性文件", "报备率", ["及时率", "规范率"]),
    ("调解案件", "办结率", ["满意度"]), ("法律援助案件", "结案率", ["回访满意度"]),
])
def test_observations_the_head_before_a_list_of_rates_belongs_to_every_item(head, first, others):
    got = extracted(f"全年{head}{first}、{'、'.join(others)}均达100%。").observations
    assert [o.measure for o in got] == [head + first] + [head + o for o in others]


@pytest.mark.parametrize("word", grammar("rate"))
def test_observations_the_tail_of_the_last_item_belongs_to_every_item(word):
    got = extracted(f"人大代表建议、政协委员提案办复{word}均为100%。").observations
    assert [o.measure for o in got] == [f"人大代表建议办复{word}", f"政协委员提案办复{word}"]
    got = extracted("主导产业、特色产业链上的企业分别增至42家和16家。").observations
    assert [o.measure for o in got] == ["主导产业链上的企业", "特色产业链上的企业"]


def test_observations_items_with_heads_of_their_own_keep_them():
    got = extracted("一般公共预算收入和税收收入分别增长8.2%和6.1%。").observations
    assert [o.measure for o in got] == ["一般公共预算收入增长", "税收收入增长"]


def test_observations_a_breakdown_names_its_part_and_the_whole():
    got = extracted("全年收到投诉举报42件(窗口12件、网上30件)。").observations
    assert [o.measure for o in got] == ["收到投诉举报", "窗口投诉举报", "网上投诉举报"]
    got = extracted("全县清理现行有效政策文件52件,其中,县政府40件、乡镇人民政府12件。").observations
    assert [o.measure for o in got][1:] == ["县政府现行有效政策文件", "乡镇人民政府现行有效政策文件"]
    got = extracted("一般公共预算收入9.8亿元,同比增长8.2%,其中税收收入7.1亿元,占比72.4%。").observations
    assert [o.measure for o in got] == ["一般公共预算收入", "一般公共预算收入同比增长", "税收收入", "税收收入占比"]


@pytest.mark.parametrize("whole,parts", [
    ("网站发布的信息", ["机构职能类", "政策法规类", "业务类"]), ("全县行政复议案件", ["县公安局", "县市场监管局"]),
])
def test_observations_parts_of_the_topic_a_sentence_opens_with(whole, parts):
    listed = ";".join(f"{p}{n + 2}件,占{n + 10}%" for n, p in enumerate(parts))
    got = extracted(f"{whole}中,{listed}。").observations
    head = whole.split("的")[-1].removeprefix("全县")
    assert [o.measure for o in got if o.unit == "件"] == [p + head for p in parts]
    assert only("在执法检查中,发现问题12个。").measure == "发现问题"  # a frame, not a whole


@pytest.mark.parametrize("word", grammar("light"))
def test_observations_a_bare_verb_counts_the_activity_a_light_verb_opened(word):
    got = extracted(f"全年{word}任前考法7批次,参考161人。").observations
    assert got[1].measure == "参考任前考法"


@pytest.mark.parametrize("parts", [["网络渠道", "信函", "当面提交"], ["窗口受理", "网上提交"]])
def test_observations_each_part_of_a_breakdown_is_named_by_its_own_words(parts):
    listed = "、".join(f"{p}{n + 3}件" for n, p in enumerate(parts))
    got = extracted(f"全年收到政府信息公开申请18件({listed})。").observations
    assert [o.measure for o in got][1:] == [p + "政府信息公开申请" for p in parts]


@pytest.mark.parametrize("county", COUNTIES[:2])
def test_observations_a_part_with_a_subject_of_its_own_does_not_take_the_one_before(county):
    got = observe("全县清理政策文件52件,其中,县政府40件、乡镇人民政府12件。县法院受理案件3000件、审结2900件。", county)
    assert [o[4] for o in got] == [None, f"institution/{county}人民政府", None] + [f"institution/{county}人民法院"] * 2


def test_observations_a_bare_verb_counts_what_the_sentence_counted():
    got = extracted("受理劳动争议案件64件,办结58件、办结率90.6%,撤诉3件。").observations
    assert [o.measure for o in got] == ["受理劳动争议案件", "办结劳动争议案件", "劳动争议案件办结率", "撤诉劳动争议案件"]


@pytest.mark.parametrize("noun", ["行政复议案件", "投诉举报", "人民来信"])
def test_observations_a_bare_verb_counts_what_the_sentence_before_counted_first(noun):
    got = extracted(f"全年受理{noun}18件,同比增长5%。经依法审查,予以办结15件。").observations
    assert got[2].measure == f"予以办结{noun}"
    got = extracted(f"全年受理{noun}18件。\n经依法审查,予以办结15件。").observations
    assert got[1].measure == "予以办结"  # not across paragraphs
    got = extracted(f"全年受理{noun}18件。经依法审查,予以培训15人次。").observations
    assert got[1].measure == "予以培训"  # not in another unit


def test_observations_items_of_a_list_share_their_qualifier():
    got = extracted("建成“社区法律服务驿站”15个、服务点40个。").observations
    assert [o.measure for o in got] == ["建成社区法律服务驿站", "建成社区法律服务点"]


def test_observations_a_figure_that_names_nothing_is_of_the_clause_before():
    assert only("县级公共服务事项经逐项核对,共215项。").measure == "县级公共服务事项"


def test_observations_the_year_a_figure_is_of():
    got = extracted("城镇居民人均可支配收入从2018年的21400元增加到30150元。").observations
    assert [(o.measure, o.year) for o in got] == [("城镇居民人均可支配收入", 2018), ("城镇居民人均可支配收入", None)]
    got = extracted("2019年全县完成粮食产量32.5万吨,“十三五”期间年均增长2.1%。").observations
    assert [(o.measure, o.year) for o in got] == [("完成粮食产量", 2019), ("粮食产量年均增长", 2019)]


def test_observations_a_change_keeps_the_time_it_is_measured_against():
    got = extracted("全县实现地区生产总值96亿元,相当于2016年的1.6倍。").observations
    assert (got[1].measure, got[1].year) == ("地区生产总值相当于2016年", None)


# ---------------------------------------------------------------- areas

def _place_and_body():
    for county in COUNTIES:
        yield county, "县司法局", f"institution/{county}司法局"


@pytest.mark.parametrize("county,body,key", list(_place_and_body()))
def test_observations_area_is_the_body_the_clause_opens_with(county, body, key):
    got = observe(f"{body}牵头协调,化解各类信访积案19件。受理劳动仲裁案件47件。", county)
    assert got[0][4] == key
    assert got[1][4] is None  # the reporting division


@pytest.mark.parametrize("county", COUNTIES)
def test_observations_area_of_a_meeting_is_its_body(county):
    got = observe("全年提请县政府常务会议审议的重大事项达18次。", county)
    assert got[0][4] == f"institution/{county}人民政府"


@pytest.mark.parametrize("county", COUNTIES)
def test_observations_a_scope_word_names_the_division_of_its_level(county):
    code = divisions().by_name[county][0].code
    city = next(d for d in divisions().chain(code)[1:] if d.level == "prefecture")
    level = city.name[-1]
    got = observe(f"全{level}共有法律服务机构26家,全县办理法律援助案件80件。", county)
    assert got[0][4] == (f"division/{city.code}" if not city.name.endswith("县") else None)
    assert got[1][4] is None


def _townships():
    for county in COUNTIES:
        code = divisions().by_name[county][0].code
        town = next((t for t in divisions().townships(code) if t.name.endswith(("镇", "乡", "街道"))), None)
        if town is not None:
            yield county, town.name, division_key(town.code)


@pytest.mark.parametrize("county,town,key", list(_townships()))
def test_observations_area_is_the_township_the_clause_opens_with(county, town, key):
    got = observe(f"{town}全年受理矛盾纠纷80件,调解成功率98%,同比增长5%。受理劳动仲裁案件47件。", county)
    assert [o[4] for o in got] == [key, key, key, None]
    assert observe(f"我县{town}受理矛盾纠纷80件。", county)[0][4] == key  # the county's township


@pytest.mark.parametrize("county,town,key", list(_townships()))
def test_observations_a_place_that_qualifies_a_noun_is_no_area(county, town, key):
    got = observe(f"{town}法网入驻法律服务机构25家。", county)
    assert got[0][4] is None


@pytest.mark.parametrize("county", COUNTIES)
def test_observations_each_item_of_a_breakdown_is_about_its_own_body(county):
    got = observe("全县行政复议案件中,县公安局30件、县市场监管局28件。", county)
    assert [o[4] for o in got] == [f"institution/{county}公安局", f"institution/{county}市场监督管理局"]


@pytest.mark.parametrize("county", COUNTIES)
def test_observations_area_of_an_agent_introduced_by_a_preposition_and_of_a_part(county):
    got = observe("由县司法局牵头,开展专项检查12次。县法院审结案件2900件,其中,行政案件120件。", county)
    assert [o[4] for o in got] == [f"institution/{county}司法局"] + [f"institution/{county}人民法院"] * 2


def _two_townships():
    for county in COUNTIES:
        code = divisions().by_name[county][0].code
        towns = [t for t in divisions().townships(code) if t.name.endswith(("镇", "乡"))][:2]
        if len(towns) == 2:
            yield county, [t.name for t in towns], [division_key(t.code) for t in towns]


@pytest.mark.parametrize("county,towns,keys", list(_two_townships()))
def test_observations_places_listed_with_their_figures_each_get_theirs(county, towns, keys):
    got = observe(f"{towns[0]}、{towns[1]}分别建成法治文化广场3个和2个。", county)
    assert [(o[0], o[3], o[4]) for o in got] == [("3", "建成法治文化广场", keys[0]), ("2", "建成法治文化广场", keys[1])]


@pytest.mark.parametrize("county", COUNTIES)
@pytest.mark.parametrize("self_name", ["局党组", "我局", "本局"])
def test_observations_a_department_report_speaking_of_itself(county, self_name):
    text = (f"{county}司法局2023年法治政府建设年度报告\n一、主要举措和成效\n"
            f"{self_name}全年召开会议36次。全县办理法律援助案件80件。\n")
    got = doc_of(text).observations
    assert [o.area for o in got] == [f"institution/{county}司法局", None]


# ---------------------------------------------------------------- the indicator scheme

def _label_cases():
    for ind in indicators():
        unit = ind.units[0]
        for label in ind.labels:
            if units()[unit] == "rate":
                yield label, f"{label}达98.5{unit}。", ind.label
            else:
                yield label, f"全年{label}1200{unit}。", ind.label


@pytest.mark.parametrize("label,sentence,concept", list(_label_cases()))
def test_observations_every_label_of_the_scheme_names_its_concept(label, sentence, concept):
    assert only(sentence).indicator == indicator_key(concept)


@pytest.mark.parametrize("verb", grammar("handle"))
def test_observations_a_verb_of_handling_keeps_the_indicator(verb):
    assert only(f"全年{verb}行政复议案件52件。").indicator == indicator_key("行政复议案件数")


@pytest.mark.parametrize("sentence", ["全年办结行政复议案件41件。", "全年纠错行政复议案件6件。",
                                      "全年排查矛盾纠纷320件。", "全年梳理发布政务公开事项1460项。"])
def test_observations_another_count_of_the_same_things_is_another_indicator(sentence):
    assert only(sentence).indicator is None


def test_observations_graph_links_figures_to_the_scheme(corpus):
    import kg

    for county in COUNTIES[:2]:
        corpus(f"{county}.txt", f"{county}人民政府2023年法治政府建设情况报告\n一、主要举措\n"
                                f"全年受理行政复议申请61件,行政机关负责人出庭应诉率达100%,帮助企业获得贷款2800余万元。"
                                f"考试参考率、合格率均为100%。\n")
    g = kg.build(corpus.folder).graph
    concept = iri(indicator_key("行政复议案件数"))
    assert (concept, SKOS.prefLabel, Literal("行政复议案件数", lang="zh")) in g
    assert len(set(g.subjects(KG.indicator, concept))) == 2
    amounts = {(str(g.value(o, KG.unit)), str(g.value(o, KG.writtenUnit))) for o in g.subjects(KG.value, None)
               if g.value(o, KG.value) == Literal(Decimal("28000000.0"))}
    assert amounts == {("元", "万元")}
    assert len({s for s in g.subjects(KG.measure, None) if str(g.value(s, KG.measure)).endswith("合格率")}) == 2
    for ind in indicators():
        assert (iri(indicator_key(ind.label)), SKOS.inScheme, iri("indicator")) in g


def test_observations_a_report_in_traditional_script_keeps_it_beside_the_simplified_measure(corpus):
    import opencc

    import kg

    county = COUNTIES[1]
    body = "全年组织专题学习3993场次,累计覆盖干部群众14万人次。"
    to_traditional = opencc.OpenCC("s2t").convert
    corpus("t.txt", to_traditional(f"{county}人民政府2023年法治政府建设情况报告\n一、主要举措\n{body}\n"))
    corpus("s.txt", f"{COUNTIES[2]}人民政府2023年法治政府建设情况报告\n一、主要举措\n{body}\n")
    g = kg.build(corpus.folder).graph
    pairs = {(str(g.value(o, KG.measure)), str(g.value(o, KG.writtenMeasure))) for o in g.subjects(KG.measure, None)
             if g.value(o, KG.writtenMeasure) is not None}
    assert pairs == {("组织专题学习", to_traditional("组织专题学习")), ("覆盖干部群众", to_traditional("覆盖干部群众"))}
    assert len(set(g.subjects(KG.measure, Literal("组织专题学习", lang="zh")))) == 2  # both reports compare


def _without_lookahead(rx: "re.Pattern[str]") -> "re.Pattern[str]":
    """The pattern without the first-character lookahead it opens with."""
    assert rx.pattern.startswith("(?=[")
    return re.compile(rx.pattern[rx.pattern.index("])") + 2:])


_PIECES = st.one_of(
    st.sampled_from(sorted(units())), st.sampled_from(figure_words("approx_before") + figure_words("approx_after")),
    st.sampled_from(list("零〇一二两三四五六七八九十百千万亿") + ["百分之", "第", "年", "，", "、", ".", " "]),
    st.integers(0, 10 ** 6).map(str), st.text(alphabet="０１２３٣办理案件全县开展活动", max_size=3),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_PIECES, max_size=30).map("".join))
def test_observations_quantities_are_found_wherever_the_pattern_matches(text):
    # the lookahead in front of the pattern only says where a quantity can begin: the pattern
    # without it finds the same
    from kg.recognize.observations import _quantity_rx

    rx = _quantity_rx()
    assert [m.span() for m in rx.finditer(text)] == [m.span() for m in _without_lookahead(rx).finditer(text)]


_TIME_PIECES = st.one_of(  # what a time expression is made of, joined in order, and text around it
    st.tuples(st.sampled_from(["", "从", "自", "于", "在", "截至", "截止", "截止到", "到", "近", "连续", "“", "\""]),
              st.sampled_from(["2023年", "2023年12月", "2023年12月31日", "12月", "3月1日", "十四五", "十四五”", "三年", "2年",
                               "两年", "上半年", "下半年", *figure_words("timeword")]),
              st.sampled_from(["", "以来", "底", "年末", "度", "期间", "时期", "间", "来", "中", "年均", "的", "起"])).map("".join),
    st.sampled_from(list("一二两十年月日近全办理案件，、")),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_TIME_PIECES, max_size=20).map("".join))
def test_observations_times_are_found_wherever_the_pattern_matches(text):
    # the lookahead in front of the time pattern only says where a time can begin: the pattern
    # without it removes the same
    from kg.recognize.observations import _time_rx

    rx = _time_rx()
    assert rx.sub("", text) == _without_lookahead(rx).sub("", text)
