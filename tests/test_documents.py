"""Policy documents: 《》 titles, genres, plainly written titles, and what is not a title."""
from __future__ import annotations

import pytest

from conftest import doc_of, report_of
from kg.keys import document_key
from kg.model import Doc
from kg.recognize import documents

HEAD = "垫江县2023年法治政府建设情况报告\n"


def docs(sentence: str) -> dict[str, dict[str, str]]:
    return {m.label: {"genre": m.cls, **({"alt": m.alts[0]} if m.alts else {})}
            for m in doc_of(HEAD + sentence + "\n").of_kind("PolicyDocument")}


def test_documents_every_bracketed_title_with_its_genre():
    found = docs("深入贯彻落实《法治政府建设实施纲要(2015—2020年)》《重庆市重大行政决策程序规定》和《关于加强法治建设的意见》。")
    assert found == {
        "法治政府建设实施纲要(2015—2020年)": {"genre": "Plan"},
        "重庆市重大行政决策程序规定": {"genre": "Rules"},
        "关于加强法治建设的意见": {"genre": "Opinion"},
    }


@pytest.mark.parametrize("sentence,title,genre", [
    ("举办行政复议法专题培训。", "中华人民共和国行政复议法", "Law"),
    ("学习《中华人民共和国民法典》。", "中华人民共和国民法典", "Law"),
    ("贯彻落实“八五”普法规划。", "八五普法规划", "Plan"),
    ("贯彻落实法治政府建设实施纲要(2021—2025年),推进依法行政。", "法治政府建设实施纲要(2021—2025年)", "Plan"),
    ("对照市场准入负面清单、产业结构调整指导目录等文件开展审查。", "产业结构调整指导目录", "List"),
    ("对照市场准入负面清单、产业结构调整指导目录等文件开展审查。", "市场准入负面清单", "List"),
    ("专题讲述党的二十大报告关于法治政府建设的部署。", "党的二十大报告", "WorkReport"),
    ("贯彻落实法治建设“一规划两纲要”。", "一规划两纲要", "Plan"),
])
def test_documents_plainly_written_titles(sentence, title, genre):
    found = docs(sentence)
    assert title in found and found[title]["genre"] == genre


def test_documents_short_law_title_keeps_the_written_form_as_alternative():
    assert docs("举办行政复议法专题培训。")["中华人民共和国行政复议法"]["alt"] == "行政复议法"


@pytest.mark.parametrize("sentence", [
    "制定工作方案,明确任务分工。",
    "落实整改方案。",
    "严格执行法律法规。",
    "不断完善执法办法。",
    "依法行政水平不断提升,执法质量明显提高。",
    "加强劳动法律援助工作。",
    "落实“1+18+5”系列方案。",
    "全面落实市场准入负面清单制度。",
])
def test_documents_ordinary_phrases_are_not_titles(sentence):
    assert docs(sentence) == {}


def test_documents_own_plain_title_is_qualified_with_the_issuing_division():
    found = docs("制定法治政府建设实施方案,明确任务。")
    assert found["垫江县法治政府建设实施方案"]["alt"] == "法治政府建设实施方案"


def test_documents_own_bracketed_title_without_place_is_qualified():
    found = docs("印发《关于推进向乡政府和街道办事处下放行政执法权工作的通知》。")
    assert "垫江县关于推进向乡政府和街道办事处下放行政执法权工作的通知" in found


def test_documents_titles_of_others_stay_as_written():
    found = docs("贯彻《关于加强法治建设的意见》,印发《重庆市垫江县乡镇综合行政执法事项清单》。")
    assert set(found) == {"关于加强法治建设的意见", "重庆市垫江县乡镇综合行政执法事项清单"}


def test_documents_own_body_prefix_uses_the_short_name():
    doc = doc_of("石景山区2023年法治政府建设年度情况报告\n制发《区委全面依法治区委员会办公室重点任务督办工作办法》。\n")
    assert [m.label for m in doc.of_kind("PolicyDocument")] == ["石景山区委全面依法治区委员会办公室重点任务督办工作办法"]


@pytest.mark.parametrize("a,b", [
    ("法治政府建设实施纲要(2021—2025年)", "法治政府建设实施纲要（2021-2025年）"),
    ("垫江县深化“一窗综办”改革工作实施方案", "垫江县深化\"一窗综办\"改革工作实施方案"),
    ("北京市 行政执法 三年行动计划", "北京市行政执法三年行动计划"),
])
def test_documents_same_title_written_differently_has_one_key(a, b):
    assert document_key(a) == document_key(b)


def test_documents_offsets_slice_the_source():
    r = report_of(HEAD + "印发《垫江县行政规范性文件汇编》,学习行政诉讼法。\n")
    mentions = documents.recognize(Doc(r)).mentions
    assert {m.text for m in mentions} == {"垫江县行政规范性文件汇编", "行政诉讼法"}
    for m in mentions:
        assert r.source.text[m.start:m.end] == m.text
