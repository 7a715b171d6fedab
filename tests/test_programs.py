"""Programs: named by structure — a quoted name and its head, a head noun after a governing verb
or opening a clause that carries it out, lists, national programs, places' brands; not slogans.

Sentences are generated from program_heads.tsv, programs.tsv, the word classes of words.tsv,
cues.tsv and the division table, with made-up names (智慧治理, 甲乙丙) so that no test rests on
one report's program.
"""
from __future__ import annotations

import random

import pytest

from conftest import county_report, lexicon
from kg.data import cues, divisions, national_program_rows, program_heads, words
from kg.keys import program_key

STEM = "智慧治理"


def report(body: str, county: str = "雅江县"):
    return county_report(body, county)


def found(body: str) -> dict[str, set[str]]:
    """Each program's label → every name it was written with (its label too)."""
    out: dict[str, set[str]] = {}
    for m in report(body).of_kind("Program"):
        out.setdefault(m.label, {m.label}).update(m.alts)
    return out


def names(body: str) -> set[str]:
    return set().union(*found(body).values())


def implemented(doc) -> set[str]:
    return {r.tail.split("/", 1)[1] for r in doc.relations if r.rel == "implements"}


# ---------------------------------------------------------------- the grammar's rows, every one

def test_programs_the_head_and_word_tables_are_the_ones_the_tests_know():
    assert sorted(program_heads()) == lexicon("program_heads.tsv")
    from kg.data import WORD_CLASSES

    assert sorted(f"{c}\t{w}" for c in WORD_CLASSES for w in words(c)) == lexicon("words.tsv")


def test_programs_every_head_ends_a_quoted_name():
    heads = lexicon("program_heads.tsv")
    doc = report("".join(f"第{i}项，深入推行“甲乙丙{i}”{h}。" for i, h in enumerate(heads)))
    got = {m.label for m in doc.of_kind("Program")}
    assert [h for i, h in enumerate(heads) if f"甲乙丙{i}{h}" not in got] == []
    assert [h for i, h in enumerate(heads) if f"甲乙丙{i}{h}" not in implemented(doc)] == []


def test_programs_heads_that_need_no_quotes_end_a_governed_name_and_the_others_do_not():
    heads = program_heads()
    doc = report("".join(f"第{i}项，深入推行{STEM}{i}号{h}。" for i, h in enumerate(sorted(heads))))
    got = {m.label for m in doc.of_kind("Program")}
    named = {h: f"{STEM}{i}号{h}" in got for i, h in enumerate(sorted(heads))}
    assert [h for h, free in heads.items() if free and not named[h]] == []
    assert [h for h, free in heads.items() if not free and named[h]] == []



def test_programs_every_head_ends_a_governed_name_after_a_quoted_part():
    heads = lexicon("program_heads.tsv")
    doc = report("".join(f"第{i}项，深入推行{STEM}“甲乙{i}”{h}。" for i, h in enumerate(heads)))
    got = {m.label for m in doc.of_kind("Program")}
    assert [h for i, h in enumerate(heads) if f"{STEM}甲乙{i}{h}" not in got] == []

def test_programs_every_national_program_written_plainly():
    rows = national_program_rows()
    assert sorted(r[0] for r in rows) == lexicon("programs.tsv")
    doc = report("".join(f"第{i}项，深入推进{name}。" for i, row in enumerate(rows) for name in row))
    got = {m.label for m in doc.of_kind("Program")}
    assert [r[0] for r in rows if r[0] not in got] == []
    keys: dict[str, set[str]] = {}
    for m in doc.of_kind("Program"):
        keys.setdefault(m.text, set()).add(m.key)
    # every written form is the same program as its row's first name
    assert [name for row in rows for name in row if keys.get(name) != {program_key(row[0])}] == []


def test_programs_a_clause_it_opens_says_it_is_carried_out():
    verbs = cues().verbs("implements", place="after")
    doc = report("".join(f"第{i}项，{STEM}{i}号改革持续{v}。" for i, v in enumerate(verbs)))
    assert [v for i, v in enumerate(verbs) if f"{STEM}{i}号改革" not in implemented(doc)] == []


def test_programs_every_summary_word_makes_a_list_of_programs():
    summary = sorted(words("summary"))
    doc = report("".join(f"创新推出{STEM}甲{i}、{STEM}乙{i}等2项{w}。" for i, w in enumerate(summary)))
    got = {m.label for m in doc.of_kind("Program")}
    assert [w for i, w in enumerate(summary) if {f"{STEM}甲{i}", f"{STEM}乙{i}"} - got] == []


@pytest.mark.parametrize("word_class,frame", [
    ("generic", "建立{w}机制。"),  # too general to name a program
    ("determiner", "深入推行{w}" + STEM + "制度。"),  # a phrase about things in general
    ("outcome", "充分发挥“" + STEM + "”{w}。"),  # a slogan or an outcome
    ("improving", "持续推进{w}" + STEM + "机制。"),  # improving what exists, not running a named program
])
def test_programs_word_classes_that_name_no_program(word_class, frame):
    members = sorted(words(word_class))
    doc = report("".join(frame.format(w=w) for w in members))
    assert [m.label for m in doc.of_kind("Program")] == []


def test_programs_places_brands_from_the_division_table():
    rows = sorted((d for d in divisions().by_code.values() if d.level in ("province", "prefecture")), key=lambda d: d.code)
    sample = random.Random(7).sample(rows, 12)
    doc = report("".join(f"加快推进法治{d.name}建设，建设平安{d.name}。" for d in sample))
    got = {m.label for m in doc.of_kind("Program")}
    assert [d.name for d in sample if f"法治{d.name}建设" not in got or f"平安{d.name}建设" not in got] == []


# ---------------------------------------------------------------- structures, written many ways

@pytest.mark.parametrize("sentence,label,alt", [
    ("深化“甲乙丙”改革。", "甲乙丙改革", "甲乙丙"),
    ("创新推行“5678”社区服务工作模式。", "5678社区服务工作模式", "5678"),
    ("扎实开展“甲乙丙”、“丁戊己”等专项行动。", "丁戊己专项行动", "丁戊己"),
    ("持续推动“甲乙分离”“丙丁分离”改革。", "甲乙分离改革", "甲乙分离"),
    ("严格执行行政规范性文件“三统一”制度。", "行政规范性文件三统一制度", "三统一制度"),
    ("构建“甲执法+乙执法”的综合执法新模式。", "甲执法+乙执法模式", "甲执法+乙执法"),
    ("扎实推进“天津政法强基工程”。", "天津政法强基工程", None),
    ("“甲乙丙”工作获评全国示范项目。", "甲乙丙", None),
])
def test_programs_quoted_names_take_their_head(sentence, label, alt):
    got = found(sentence)
    assert label in got and (alt is None or alt in got[label])


@pytest.mark.parametrize("sentence,label", [
    ("严格执行重大事项请示报告制度。", "重大事项请示报告制度"),
    ("坚持县政府常务会议会前学法制度。", "县政府常务会议会前学法制度"),
    ("深入开展执法大练兵活动。", "执法大练兵活动"),
    ("推行副市长包保督导机制。", "副市长包保督导机制"),
    ("组织开展了两批次自治区级法治政府建设示范创建活动。", "自治区级法治政府建设示范创建活动"),
    ("以民主法治示范村创建为抓手。", "民主法治示范村创建"),
    ("乡镇综合行政执法体制改革在全市率先完成。", "乡镇综合行政执法体制改革"),
    ("党政机构改革和乡镇机构改革顺利完成。", "党政机构改革"),
    ("党政机构改革和乡镇机构改革顺利完成。", "乡镇机构改革"),
    ("建立甲部门与乙部门贯通联动、丙监督与丁监督协同发力两项机制。", "丙监督与丁监督协同发力机制"),
    ("创新推出政策直达车间、矛盾化解工作站等9项改革成果。", "矛盾化解工作站"),
    ("积极参与全市法治政府建设示范创建活动。", "法治政府建设示范创建"),
])
def test_programs_named_without_quotes(sentence, label):
    assert label in names(sentence)


@pytest.mark.parametrize("sentence", [
    "实现投诉数量下降、满意度提升的“一降一升”。",
    "“领航”作用进一步显现。",
    "写入“依法办事、科学办事”。",
    "达到了“以学促干、以干促学”的良好局面。",
    "围绕“2030年基本建成智慧城市”的奋斗目标。",
    "完善监督检查机制。",
    "完善检查通报和责任追究制度。",
    "建立健全工作机制。",
    "加快完善信息公开考核制度。",
    "在完善工作机制方面下功夫。",
    "组织各种法治宣传活动。",
    "落实“九项”便民措施。",
    "加强行政执法队伍建设。",
    "践行“青山常在就是智慧长存”理念。",  # a quoted saying, and a concept
    "践行“青山常在就是智慧长存”。",
    "实施“一号工程”，推进“三号工程”。",  # a rank, not a name
    "坚持“四个智慧”。",  # a count of concepts right after its verb
    "推出“开办甲店”、“新生儿乙办”等主题套餐。",  # items of what the noun after 等 names
    "坚持立法与改革决策相衔接。",  # a coordination cut out of a clause
])
def test_programs_slogans_outcomes_and_general_phrases_are_not_programs(sentence):
    assert found(sentence) == {}


def test_programs_a_national_program_keeps_its_level_and_round_as_another_name():
    got = found("聚焦第二批省级法治政府建设示范创建，对标全国法治政府建设示范创建活动。")
    assert {"第二批省级法治政府建设示范创建", "全国法治政府建设示范创建活动"} <= set(got["法治政府建设示范创建"])


def test_programs_same_program_one_key_across_wordings():
    a = report("深化“放管服”改革。", "雅江县").of_kind("Program")
    b = report("持续推进放管服改革。", "叶县").of_kind("Program")
    assert [m.key for m in a] == [m.key for m in b] == [program_key("放管服改革")]


def test_programs_inside_a_title_only_when_quoted_or_national():
    doc = report("出台《首问负责制实施细则》《智慧治理机制实施办法》。")
    assert [m.label for m in doc.of_kind("Program")] == ["首问负责制"]


# ---------------------------------------------------------------- a plan period's campaign and its plan

@pytest.mark.parametrize("period", ["七五", "八五", "九五"])
def test_programs_a_quoted_period_with_its_campaign_is_a_program_and_its_plan_a_document(period):
    doc = report(f"深入开展“{period}”普法，制定“{period}”普法规划。")
    assert [m.label for m in doc.of_kind("Program")] == [f"{period}普法"]
    assert [m.label for m in doc.of_kind("PolicyDocument") if m.label.endswith(f"{period}普法规划")]


def test_programs_a_count_with_words_before_it_and_a_list_summed_up_as_reforms_are_names():
    assert names("深入推进智慧治理“两个责任”落实。") >= {"两个责任"}
    assert names("推行“甲乙通办”、“丙丁联办”等改革举措。") >= {"甲乙通办", "丙丁联办"}


def test_programs_a_clean_name_for_every_item_of_a_list_and_no_dash():
    from kg.link import link
    doc = report("搭建“甲乙丙”“丁戊己”等平台，推行“——庚辛壬”模式。")
    entities = link([("x", doc.mentions, doc.division, doc.publisher)])
    names = {e.label: set(e.alts) for e in entities.values() if e.kind == "Program"}
    assert names == {"甲乙丙平台": {"甲乙丙"}, "丁戊己平台": {"丁戊己"}, "庚辛壬模式": {"庚辛壬", "“庚辛壬”模式"}}


@pytest.mark.parametrize("sentence,named", [
    ("推进智慧治理示范与平安建设创建。", set()),  # two things joined
    ("建立智慧治理督察与纪检监察贯通联动机制。", {"智慧治理督察与纪检监察贯通联动机制"}),  # one joint mechanism
    ("建立律师事务所与商会联系合作机制。", {"律师事务所与商会联系合作机制"}),
])
def test_programs_two_things_joined_are_not_one_name_but_a_joint_mechanism_is(sentence, named):
    assert set(found(sentence)) == named


@pytest.mark.parametrize("head", random.Random(5).sample(lexicon("program_heads.tsv"), 6))
@pytest.mark.parametrize("gap", ["", "、"])
def test_programs_a_list_of_quoted_names_ends_with_its_line(head, gap):
    """A line that ends with a quoted name and a next line that starts with one are two things, not
    a list sharing the second one's head (sentences, and lists, end with their line)."""
    apart = names(f"深入开展“甲乙丙”{gap}\n“丁戊己”{head}。")
    assert f"甲乙丙{head}" not in apart
