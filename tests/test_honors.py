"""Honors: scope + field + kind (+ batch), from the grammar's own rows; who received them.

Sentences are generated from the honor tables, the conferral verbs of cues.tsv and counties of
the national table, with a made-up field (智慧治理) so that no test rests on a real honor.  Each
generated property runs as one report holding every case, so a failure lists every row it
failed on.
"""
from __future__ import annotations

import random
import re

import pytest

from conftest import county_report, lexicon
from kg.data import _rows, cues, divisions, honor_grammar, words
from kg.keys import division_key

FIELD = "智慧治理"


def counties(n: int = 4) -> list:
    rows = sorted((d for d in divisions().by_code.values() if d.level == "county" and d.name.endswith("县")),
                  key=lambda d: d.code)
    return random.Random(11).sample(rows, n)


def report(county, body: str):
    """A county's report to its city, as such reports open, with ``body`` as its first part."""
    return county_report(body, county.name, divisions().by_code[county.parent].name)


def honors(doc) -> dict[str, object]:
    return {m.label: m for m in doc.of_kind("Honor")}


def received(doc) -> set[tuple[str, str]]:
    return {(r.head, r.tail.split("/", 1)[1]) for r in doc.relations if r.rel == "received"}


# ---------------------------------------------------------------- the grammar's rows, every one

def test_honors_the_tables_are_the_ones_the_tests_know():
    grammar = honor_grammar()
    assert sorted(grammar.kinds) == lexicon("honor_kinds.tsv")
    assert sorted(grammar.scopes) == lexicon("honor_scopes.tsv")
    assert sorted([r.fields[0] for r in _rows("honor_batches.tsv", (1, 1))]) == lexicon("honor_batches.tsv")


@pytest.mark.parametrize("county", counties())
def test_honors_every_kind_after_a_conferral_verb(county):
    kinds = lexicon("honor_kinds.tsv")
    doc = report(county, "".join(f"第{i}项,{county.name}获评全国{FIELD}{k}。" for i, k in enumerate(kinds)))
    found = honors(doc)
    assert [k for k in kinds if f"全国{FIELD}{k}" not in found] == []
    assert [k for k in kinds if (division_key(county.code), f"全国{FIELD}{k}") not in received(doc)] == []


def test_honors_kinds_that_stand_alone_need_only_a_scope():
    county = counties(1)[0]
    kinds = sorted(honor_grammar().kinds.items())
    doc = report(county, "".join(f"对照全国{FIELD}{k}标准查找差距。" for k, _ in kinds))
    found = honors(doc)
    assert [k for k, alone in kinds if alone and f"全国{FIELD}{k}" not in found] == []
    assert [k for k, alone in kinds if not alone and f"全国{FIELD}{k}" in found] == []
    assert all(m.cue is None for m in found.values())  # named, not received
    assert received(doc) == set()


def test_honors_every_scope_opens_a_name_and_own_scopes_are_written_as_the_division():
    county = counties(1)[0]
    chain = divisions().chain(county.code)
    scopes = [(s, honor_grammar().scopes[s]) for s in lexicon("honor_scopes.tsv")]
    doc = report(county, "".join(f"{county.name}获评{s}{FIELD}示范单位。" for s, _ in scopes))
    found = honors(doc)
    want = {}
    for scope, level in scopes:
        # 全省 is the report's province; 全市, 全州, 全县 … the nearest division whose name ends so
        own = next((d.name for d in chain if (d.level == "province" if scope[-1] == "省" else d.name.endswith(scope[-1]))),
                   None)
        want[scope] = (own if level == "own" and own else scope) + f"{FIELD}示范单位"
    assert {s: w for s, w in want.items() if w not in found} == {}


def test_honors_a_province_named_in_full_is_a_scope():
    county = counties(1)[0]
    province = divisions().chain(county.code)[-1].name
    assert f"{province}{FIELD}示范县" in honors(report(county, f"对照{province}{FIELD}示范县标准查找差距。"))


BATCHES = ["第二批", "第十一批", "首批", "第三届", "首届", "2023年度", "2022年", "年度"]


def test_honors_batches_are_dropped_from_the_label():
    county = counties(1)[0]
    doc = report(county, "".join(f"{county.name}获评{b}全国{FIELD}示范县。" for b in BATCHES))
    m = honors(doc)[f"全国{FIELD}示范县"]
    assert {m.label} == {h.label for h in doc.of_kind("Honor")}
    assert len(doc.of_kind("Honor")) == len(BATCHES)


def test_honors_batch_rows_each_match_an_example():
    for raw in [r.fields[0] for r in _rows("honor_batches.tsv", (1, 1))]:
        assert any(re.fullmatch(raw, b) for b in BATCHES), raw


def test_honors_wrappers_are_not_part_of_the_label():
    county = counties(1)[0]
    doc = report(county, "".join(f"{county.name}荣获全国{FIELD}先进集体{w}。" for w in sorted(words("wrapper"))))
    assert {m.label for m in doc.of_kind("Honor")} == {f"全国{FIELD}先进集体"}


def test_honors_every_conferral_verb_says_received_and_striving_does_not():
    county = counties(1)[0]
    table = cues()
    conferral, striving = table.verbs("received"), table.verbs("sought")
    doc = report(county, "".join(f"{county.name}{v}全国{FIELD}示范县{i}号。" for i, v in enumerate(conferral + striving)))
    got = {doc.text[m.cue:m.start] for m in doc.of_kind("Honor") if m.cue is not None}
    assert {v for v in conferral if not any(g.startswith(v) for g in got)} == set()
    assert not any(g.startswith(striving) for g in got)


# ---------------------------------------------------------------- composition, written many ways

@pytest.mark.parametrize("sentence,label", [
    ("我县成功创建{province}民营经济“两个健康”示范县。", "{province}民营经济两个健康示范县"),
    ("入选中央政法委评选的全国“枫桥式工作法”单位。", "全国枫桥式工作法单位"),  # after the 的 of a verb phrase
    ("入选首届创新论坛“2023年度县域治理创新案例”。", "县域治理创新案例"),  # the quoted name, not the event
    ("该局被确定为某市述法工作唯一的区级试点。", "某市述法工作唯一的区级试点"),  # 的 of an adjective stays
    ("先后被命名为国家生态文明建设示范县、国家卫生县城。", "国家卫生县城"),
    ("入选全国乡村民宿发展示范县、全国十大生态产茶县和全国重点产茶县。", "全国十大生态产茶县"),  # scope, no kind
    ("成功入选国家首批网络市场监管与服务示范区。", "国家网络市场监管与服务示范区"),  # 与 inside a name
    ("成功创建桂湖司法所为{province}首批“枫桥式”司法所。", "{province}枫桥式司法所"),  # 创建X为Y
    ("获评省级示范政务服务事项和全省法治县(市、区)创建活动先进单位。", "{province}法治县(市、区)创建活动先进单位"),
])
def test_honors_names_written_in_many_ways(sentence, label):
    county = counties(1)[0]
    province = divisions().chain(county.code)[-1].name
    assert label.format(province=province) in honors(report(county, sentence.format(province=province)))


@pytest.mark.parametrize("sentence", [
    "获得群众好评。", "荣获广泛关注。", "入选名单公布。", "获得市级推荐。", "获媒体报道86次。",
    "在市级优秀项目评选中获奖。", "获全国总工会批示肯定。", "全市第一条“110”企业专项服务热线开通。",
    "习近平法治思想被列为县委理论学习中心组的学习内容。", "全县首家“瞪羚”企业实现零的突破。",
])
def test_honors_phrases_that_name_no_honor(sentence):
    assert honors(report(counties(1)[0], sentence)) == {}


# ---------------------------------------------------------------- who received it

def test_honors_holder_is_the_subject_of_the_clause():
    county = counties(1)[0]
    doc = report(county, f"县审计局获评省级{FIELD}示范单位，县卫健委获得全省{FIELD}标兵单位称号。")
    province = divisions().chain(county.code)[-1].name
    assert received(doc) == {(f"institution/{county.name}审计局", f"省级{FIELD}示范单位"),
                             (f"institution/{county.name}卫生健康委员会", f"{province}{FIELD}标兵单位")}


def test_honors_holders_of_a_list_and_of_modified_names():
    county = counties(1)[0]
    doc = report(county, f"{county.name}的“甲乙丙”服务品牌和“丁戊己”工作法双双入选全国{FIELD}典型案例。")
    assert {h for h, _ in received(doc)} == {"program/甲乙丙服务品牌", "program/丁戊己工作法"}


def test_honors_a_clause_that_names_no_one_goes_to_the_sentence_or_the_report():
    county = counties(1)[0]
    doc = report(county, f"全县新增就业1.6万余人，获评全国{FIELD}示范县。"
                         f"县司法局率先开通服务，随后被司法部确定为全国{FIELD}试点单位。")
    assert received(doc) == {(division_key(county.code), f"全国{FIELD}示范县"),
                             (f"institution/{county.name}司法局", f"全国{FIELD}试点单位")}


def test_honors_anaphors_point_back():
    county = counties(1)[0]
    doc = report(county, f"全面推行“甲乙丙”工作法，其典型案例入选全国{FIELD}优秀案例。")
    assert received(doc) == {("program/甲乙丙工作法", f"全国{FIELD}优秀案例")}


def test_honors_counted_or_unnamed_holders_get_nothing():
    county = counties(1)[0]
    doc = report(county, f"全县2个村成功创建为省级{FIELD}示范村。1人荣获全国{FIELD}先进个人。")
    assert len(doc.of_kind("Honor")) == 2 and received(doc) == set()


@pytest.mark.parametrize("verb", sorted(cues().verbs("sought")))
def test_honors_striving_names_no_honor_held_and_creating_one_is_a_program(verb):
    county = counties(1)[0]
    doc = report(county, f"以{verb}省级{FIELD}示范县为总抓手，全力{verb}全国{FIELD}示范区。")
    assert honors(doc) == {} and received(doc) == set()
    programs = {m.label for m in doc.of_kind("Program")}
    assert (f"省级{FIELD}示范县创建" in programs) is (verb == "创建")


def test_honors_a_body_that_works_for_an_honor_names_none():
    county = counties(1)[0]
    doc = report(county, f"成立{county.name}创建全国{FIELD}示范县工作领导小组。")
    assert honors(doc) == {} and doc.of_kind("Program") == ()


@pytest.mark.parametrize("suffix", ["司法所", "人民调解委员会", "公证处", "律师事务所"])
def test_honors_a_kind_that_qualifies_the_holder_noun_runs_to_it(suffix):
    county = counties(1)[0]
    doc = report(county, f"城关{suffix}被评为全国模范{suffix}，该做法入选全国{FIELD}典型经验做法。")
    assert {f"全国模范{suffix}", f"全国{FIELD}典型经验做法"} <= set(honors(doc))


def test_honors_a_zone_that_says_where_is_not_held():
    county = counties(1)[0]
    doc = report(county, f"企业入驻省级{FIELD}示范区，在国家级{FIELD}示范区内建设。")
    assert honors(doc) == {}


def test_honors_one_node_across_reports():
    a, b = counties(2)
    one = honors(report(a, f"{a.name}获评第二批“全国{FIELD}示范项目”。"))
    two = honors(report(b, f"{b.name}入选首批全国{FIELD}示范项目名单。"))
    assert one[f"全国{FIELD}示范项目"].key == two[f"全国{FIELD}示范项目"].key
