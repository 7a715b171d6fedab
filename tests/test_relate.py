"""Relations: the cue verbs of cues.tsv (every row), and who the agent of a clause is.

Reports are written for a county of the national table with made-up documents and programs
(智慧治理…), so that each test shows one way reports name who does what.
"""
from __future__ import annotations

import pytest

from conftest import county_report, doc_of, lexicon
from kg.data import cues, words

COUNTY, CITY = "雅江县", "甘孜藏族自治州"
OWN = "division/513325"


def report(body: str):
    return county_report(body, COUNTY, CITY)


def facts(doc, *rels: str) -> set[tuple[str, str, str]]:
    return {(r.head, r.rel, r.tail.split("/", 1)[1]) for r in doc.relations if not rels or r.rel in rels}


# ---------------------------------------------------------------- every cue verb

def test_relate_the_cue_table_is_the_one_the_tests_know():
    rows = sorted("\t".join(r) for r in cues().rows)
    assert rows == lexicon("cues.tsv")


@pytest.mark.parametrize("relation", ["issued", "implements"])
def test_relate_every_verb_before_a_title_states_its_relation(relation):
    verbs = [v for v in cues().verbs(relation) if v not in words("study") | words("uses")]
    doc = report("".join(f"第{i}项，我县{v}《智慧治理第{i}号方案》。" for i, v in enumerate(verbs)))
    got = facts(doc, relation)
    titles = {m.label: m.key.split("/", 1)[1] for m in doc.of_kind("PolicyDocument")}
    missing = [v for i, v in enumerate(verbs)
               if not any(t.endswith(f"智慧治理第{i}号方案") and (OWN, relation, t) in got for t in titles.values())]
    assert missing == []


@pytest.mark.parametrize("relation", ["issued", "implements"])
def test_relate_every_verb_after_a_title_states_its_relation(relation):
    verbs = cues().verbs(relation, place="after")
    doc = report("".join(f"第{i}项，抓好《智慧治理第{i}号方案》的{v}。" for i, v in enumerate(verbs)))
    got = {t for h, _, t in facts(doc, relation) if h == OWN}
    assert [v for i, v in enumerate(verbs) if not any(t.endswith(f"智慧治理第{i}号方案") for t in got)] == []


def test_relate_studying_a_document_is_not_carrying_it_out_but_studying_a_program_is():
    study = sorted(words("study"))
    doc = report("".join(f"第{i}项，我县{v}《智慧治理第{i}号办法》和“甲乙丙{i}”工作法。" for i, v in enumerate(study)))
    assert {t for _, _, t in facts(doc)} == {f"甲乙丙{i}工作法" for i in range(len(study))}


def test_relate_a_program_is_implemented_whatever_verb_sets_it_up():
    doc = report("建立智慧治理联席会议制度，深化“甲乙丙”改革。")
    assert facts(doc) == {(OWN, "implements", "智慧治理联席会议制度"), (OWN, "implements", "甲乙丙改革")}


def test_relate_every_object_of_a_list_under_one_verb():
    doc = report("制定出台《智慧治理甲方案》《智慧治理乙办法》和《智慧治理丙细则》。")
    assert {t for _, _, t in facts(doc, "issued")} == {"雅江县智慧治理甲方案", "雅江县智慧治理乙办法", "雅江县智慧治理丙细则"}


def test_relate_chained_verbs_each_state_theirs():
    doc = report("局党组制定《甲规定》并严格执行。我县制定并落实《智慧治理整改方案》。")
    got = facts(doc)
    assert {(OWN, "issued", "雅江县智慧治理整改方案"), (OWN, "implements", "雅江县智慧治理整改方案"),
            (OWN, "issued", "雅江县甲规定"), (OWN, "implements", "雅江县甲规定")} <= got


def test_relate_an_object_put_before_its_verb():
    doc = report("依据宪法，对《智慧治理章程》作了全面修订。")
    assert (OWN, "issued", "雅江县智慧治理章程") in facts(doc)


def test_relate_a_program_that_opens_its_clause():
    doc = report("智慧治理体制改革在全州率先完成，甲乙机构改革和丙丁机构改革顺利完成。")
    assert {t for _, r, t in facts(doc, "implements")} == {"智慧治理体制改革", "甲乙机构改革", "丙丁机构改革"}


# ---------------------------------------------------------------- who the agent is

def test_relate_the_bodies_right_before_the_verb_issued_it_and_the_clause_implements_it():
    doc = report("对标中共中央、国务院印发的《智慧治理纲要》，逐项落实。")
    assert facts(doc) >= {("institution/党中央", "issued", "智慧治理纲要"), ("institution/国务院", "issued", "智慧治理纲要")}
    assert (OWN, "issued", "智慧治理纲要") not in facts(doc)


def test_relate_a_relative_clause_that_names_no_issuer_says_nothing_of_who_issued():
    doc = report("抓好新修订的行政复议法的贯彻实施。")
    assert facts(doc) == {(OWN, "implements", "中华人民共和国行政复议法")}


def test_relate_the_subject_of_the_clause_and_of_the_sentence():
    doc = report("县司法局深入调研，印发《智慧治理工作规则》。经县司法局提请，州政府印发了《智慧治理工作要点》。")
    got = facts(doc, "issued")
    assert (f"institution/{COUNTY}司法局", "issued", f"{COUNTY}智慧治理工作规则") in got
    assert (f"institution/{CITY}人民政府", "issued", f"{CITY}智慧治理工作要点") in got  # the issuer's place, not the report's


def test_relate_the_own_party_committee_and_government_together_are_the_division():
    doc = report("县委、县政府先后召开会议，制定出台《智慧治理工作要点》。县委制定印发《智慧治理实施方案》。")
    got = facts(doc, "issued")
    assert (OWN, "issued", "雅江县智慧治理工作要点") in got
    assert (f"institution/中共{COUNTY}委", "issued", "雅江县智慧治理实施方案") in got


def test_relate_a_place_after_a_preposition_is_not_the_agent():
    doc = report(f"在{CITY}率先启用“甲乙丙”系统。")
    assert facts(doc) == {(OWN, "implements", "甲乙丙系统")}


def test_relate_a_department_report_speaks_as_the_department():
    title = f"{COUNTY}司法局2023年法治政府建设年度报告"
    doc = doc_of(f"{title}\n{CITY}人民政府：\n一、主要举措和成效\n我局牵头制定《智慧治理任务清单》。我县深化“甲乙丙”改革。\n")
    dept = f"institution/{COUNTY}司法局"
    assert (dept, "issued", "雅江县智慧治理任务清单") in facts(doc)
    assert (OWN, "implements", "甲乙丙改革") in facts(doc)


def test_relate_a_report_posted_by_a_department_is_still_the_division():
    doc = doc_of(f"{COUNTY}2023年度法治政府建设工作报告\n来源:县司法局\n一、主要举措\n推行“甲乙丙”改革。\n")
    assert facts(doc) == {(OWN, "implements", "甲乙丙改革")}


def test_relate_a_name_inside_a_title_is_governed_by_the_title():
    doc = report(f"贯彻《{CITY}人民政府关于印发智慧治理规划的通知》和《{COUNTY}贯彻落实〈智慧治理纲要〉责任分工》。")
    got = facts(doc)
    assert (f"institution/{CITY}人民政府", "issued", "智慧治理规划") in got
    assert (OWN, "implements", "智慧治理纲要") in got


def test_relate_what_a_plans_section_says_is_a_plan():
    doc = doc_of(f"{COUNTY}2023年法治政府建设情况报告\n一、主要举措\n推行“甲乙丙”改革。\n二、下一步工作打算\n深化“丁戊己”改革。\n")
    planned = {r.tail.split("/", 1)[1]: r.planned for r in doc.relations}
    assert planned == {"甲乙丙改革": False, "丁戊己改革": True}


# ---------------------------------------------------------------- working together

@pytest.mark.parametrize("sentence", [
    "县司法局与县人民检察院签订合作协议。",
    "县司法局联合县人民检察院推行“甲乙丙”联合督察。",
    "县司法局会同州人民检察院开展专项检查。",
])
def test_relate_cooperation_with_the_partners_named(sentence):
    got = facts(report(sentence), "cooperatesWith")
    partner = f"{CITY}人民检察院" if "州人民检察院" in sentence else f"{COUNTY}人民检察院"
    assert got == {(f"institution/{COUNTY}司法局", "cooperatesWith", partner)}


def test_relate_a_partner_is_not_the_agent():
    doc = report("县司法局联合县人民检察院推行“甲乙丙”联合督察。")
    assert (f"institution/{COUNTY}司法局", "implements", "甲乙丙联合督察") in facts(doc)
    assert not any(h.endswith("人民检察院") for h, r, _ in facts(doc) if r == "implements")


def test_relate_with_alone_is_no_cooperation():
    assert facts(report("县司法局与群众面对面交流，与经济社会发展一体谋划。"), "cooperatesWith") == set()


def test_relate_relying_on_a_name_carries_nothing_out():
    uses = sorted(words("uses"))
    doc = report("".join(f"第{i}项，我县{v}“甲乙丙{i}”平台和《智慧治理第{i}号办法》开展工作。" for i, v in enumerate(uses)))
    assert {f"甲乙丙{i}平台" for i in range(len(uses))} <= {m.label for m in doc.of_kind("Program")}
    assert facts(doc, "implements") == set()


@pytest.mark.parametrize("means", ["依据", "抓手", "契机", "牵引", "代表"])
def test_relate_a_name_a_clause_takes_as_its_means_is_carried_out(means):
    doc = report(f"以《智慧治理甲办法》《智慧治理乙细则》为{means}，以“甲乙丙”改革为{means}推进工作。")
    assert {t for _, _, t in facts(doc, "implements")} == {"智慧治理甲办法", "智慧治理乙细则", "甲乙丙改革"}


@pytest.mark.parametrize("sentence", [
    "按照“甲乙丙”改革部署，推进工作。",  # the deployment is followed
    "按照《智慧治理甲办法》的工作安排开展工作。",
    "出台《智慧治理甲条例》配套措施。",  # the verb governs what the title qualifies
])
def test_relate_a_name_that_only_qualifies_what_the_verb_governs_gets_nothing(sentence):
    assert facts(report(sentence), "issued", "implements") == set()


def test_relate_following_what_a_document_requires_carries_it_out():
    assert {t for _, _, t in facts(report("按照《智慧治理甲办法》的要求开展工作。"), "implements")} == {"智慧治理甲办法"}


def test_relate_drafting_is_not_issuing():
    doc = report("县司法局起草、县政府印发《智慧治理甲方案》，县发展改革局起草《智慧治理乙办法(草案)》。")
    assert {(h.split("/")[0], t) for h, _, t in facts(doc, "issued")} == {("institution", "雅江县智慧治理甲方案")}


@pytest.mark.parametrize("together", ["、", "和", "与"])
def test_relate_bodies_that_run_a_joint_mechanism_cooperate(together):
    from kg.data import words as word_class
    joint = sorted(word_class("joint"))
    doc = report("".join(f"第{i}项，县司法局{together}县人民法院建立智慧治理{w}机制。" for i, w in enumerate(joint)))
    pairs = {frozenset((h, t)) for h, _, t in facts(doc, "cooperatesWith")}
    assert len(pairs) == 1 and all(len(p) == 2 for p in pairs)
    assert {r.tail.split("/", 1)[1] for r in doc.relations if r.rel == "implements"} >= {"智慧治理联席机制", "智慧治理对接机制"}


def test_relate_the_clause_answers_shared_with_the_documents_stage_change_nothing():
    """Relations reuse what the documents stage read of a report's clauses (clauses._Answers):
    on every seed, reading them afresh in the relations stage gives the same relations."""
    from conftest import SEEDS
    from kg.extract import PIPELINE, extract
    from kg.read import read
    from kg.recognize import clauses
    from kg.relate import relate

    def afresh(doc):
        clauses._ANSWERS.clear()
        return relate(doc)

    fresh = tuple(afresh if stage is relate else stage for stage in PIPELINE)
    for path in sorted(SEEDS.glob("*.txt")):
        shared = extract(read(path)).relations
        assert shared and extract(read(path), fresh).relations == shared, path.name


@pytest.mark.parametrize("joiner", ["", "并", "和", "及", "、"])
def test_relate_a_verb_chained_before_another_is_read_after_every_verb_of_the_table(joiner):
    """Verbs chained before the one that governs a name are looked for only where one may end
    (right before it or before the mark that joins them): every verb of the table ends there."""
    from kg.recognize.clauses import Clauses, _chain

    for rel in ("issued", "implements"):
        for verb in cues().verbs(rel):
            doc = report(f"我县{verb}{joiner}印发《智慧治理甲规定》。")
            reader = Clauses(doc)
            start = reader.text.index(f"我县{verb}")
            at = start + 2 + len(verb) + len(joiner)
            assert (rel, start + 2) in _chain(reader, "issued", at), (verb, joiner)
