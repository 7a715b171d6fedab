"""Policy documents: 《》 titles and the titles they hold, national laws by full and short names,
genres, plainly written titles, and what is not a document.

The laws and genres are tested from their tables (every row), the other forms with made-up
titles (智慧治理…) in sentences written as reports write them.
"""
from __future__ import annotations

import pytest

from conftest import doc_of, lexicon, report_of
from kg.data import genres, national_laws
from kg.keys import document_key
from kg.model import Doc
from kg.recognize import documents

HEAD = "雅江县人民政府关于2023年度法治政府建设情况的报告\n一、主要举措和成效\n"


def report(body: str):
    return doc_of(HEAD + body + "\n")


def docs(body: str) -> dict[str, dict[str, object]]:
    return {m.label: {"genre": m.cls, "alts": set(m.alts)} for m in report(body).of_kind("PolicyDocument")}


# ---------------------------------------------------------------- the tables' rows, every one

def test_documents_every_national_law_by_its_full_and_short_names():
    table = national_laws()
    fulls = lexicon("national_laws.tsv")
    assert sorted(set(table.values())) == fulls
    names = sorted(table)
    doc = report("".join(f"第{i}项,认真学习{n}。" for i, n in enumerate(names)))
    got = {(doc.text[m.start:m.end], m.label) for m in doc.of_kind("PolicyDocument")}
    assert [n for n in names if (n, table[n]) not in got] == []
    assert all(m.cls in ("Law", "Regulation", "Rules") for m in doc.of_kind("PolicyDocument"))  # …暂行办法 are rules


def test_documents_short_name_is_the_full_title_without_the_state_prefix():
    prefixed = [full for full in set(national_laws().values()) if full.startswith("中华人民共和国")]
    assert prefixed and all(national_laws()[full[len("中华人民共和国"):]] == full for full in prefixed)


def test_documents_every_genre_ending_gives_its_class():
    rows = genres().endings
    assert sorted(e for e, _ in rows) == lexicon("genres.tsv")
    doc = report("".join(f"印发《智慧治理第{i}号{e}》。" for i, (e, _) in enumerate(rows)))
    got = {m.label: m.cls for m in doc.of_kind("PolicyDocument")}
    assert [e for i, (e, cls) in enumerate(rows) if got.get(f"雅江县智慧治理第{i}号{e}") != cls] == []


# ---------------------------------------------------------------- titles, written many ways

def test_documents_every_bracketed_title_with_its_genre():
    found = docs("深入贯彻落实《智慧治理纲要(2021—2025年)》《某省重大行政决策程序规定》和《关于加强智慧治理的意见》。")
    assert {k: v["genre"] for k, v in found.items()} == {
        "智慧治理纲要(2021—2025年)": "Plan",
        "某省重大行政决策程序规定": "Rules",
        "关于加强智慧治理的意见": "Opinion",
    }


@pytest.mark.parametrize("sentence,inner", [
    ("逐项落实《某省落实〈智慧治理纲要(2021—2025年)〉重要举措方案》。", "智慧治理纲要(2021—2025年)"),
    ("制定《某县贯彻落实<关于智慧治理的若干措施>责任分工》。", "关于智慧治理的若干措施"),
    ("贯彻《某市人民政府关于印发某市智慧治理规划(2015—2020年)的通知》。", "某市智慧治理规划(2015—2020年)"),
])
def test_documents_titles_named_inside_a_title(sentence, inner):
    found = docs(sentence)
    assert inner in found and len(found) == 2


@pytest.mark.parametrize("sentence,title,genre", [
    ("组织行政许可法专题培训。", "中华人民共和国行政许可法", "Law"),
    ("对照行政处罚法规范自由裁量权。", "中华人民共和国行政处罚法", "Law"),
    ("严格执行优化营商环境条例。", "优化营商环境条例", "Regulation"),
    ("贯彻落实“八五”普法规划。", "八五普法规划", "Plan"),
    ("贯彻落实智慧治理实施纲要(2021—2025年),推进依法行政。", "智慧治理实施纲要(2021—2025年)", "Plan"),
    ("对照权责事项清单、智慧治理指导目录等文件开展审查。", "智慧治理指导目录", "List"),
    ("专题讲述党的二十大报告关于法治建设的部署。", "党的二十大报告", "WorkReport"),
    ("贯彻落实法治建设“一规划两纲要”。", "一规划两纲要", "Plan"),
    ("区里制定了领导干部应知应会智慧治理法规清单。", "雅江县领导干部应知应会智慧治理法规清单", "List"),
    ("年内印发优化提升智慧治理行动方案等一批政策文件。", "雅江县优化提升智慧治理行动方案", "Scheme"),
    ("法治建设已写入全县国民经济和社会发展总体规划和县政府工作报告。", "全县国民经济和社会发展总体规划", "Plan"),
    ("在自治区第十三次党代会报告中明确提出。", "自治区第十三次党代会报告", "WorkReport"),
])
def test_documents_plainly_written_titles(sentence, title, genre):
    found = docs(sentence)
    assert title in found and found[title]["genre"] == genre


@pytest.mark.parametrize("sentence", [
    "制定工作方案,明确任务分工。",
    "落实整改方案。",
    "严格执行法律法规。",
    "不断完善执法办法。",
    "依法行政水平不断提升,执法质量明显提高。",
    "加强劳动法律援助工作。",
    "落实“1+3+N”系列方案。",
    "全面落实权责清单制度。",
    "各部门、各街道全部制定党政主要负责人履行推进法治建设第一责任人职责清单。",
    "编制重大决策目录清单。",
    "落实领导干部应知应会智慧治理法规清单。",  # a bare ending after a verb of carrying out (制定了… names one)
    "文件在出台前都广泛征求了各方意见。",
    "开发“数字九龙”小程序。",
])
def test_documents_ordinary_phrases_are_not_titles(sentence):
    assert docs(sentence) == {}


def test_documents_the_report_itself_is_not_a_document_it_names():
    doc = doc_of("政 府 工 作 报 告\n——在某县第一届人民代表大会第一次会议上\n现在，我代表县人民政府向大会作政府工作报告。"
                 "法治建设写入市政府工作报告。\n")
    assert [m.label for m in doc.of_kind("PolicyDocument")] == ["市政府工作报告"]


# ---------------------------------------------------------------- whose title it is

def test_documents_own_plain_title_is_qualified_with_the_issuing_division():
    found = docs("制定智慧治理实施方案,明确任务。")
    assert "智慧治理实施方案" in found["雅江县智慧治理实施方案"]["alts"]


def test_documents_own_bracketed_title_without_place_is_qualified():
    assert "雅江县关于推进智慧治理工作的通知" in docs("印发《关于推进智慧治理工作的通知》。")


def test_documents_titles_of_others_stay_as_written():
    found = docs("贯彻《关于加强智慧治理的意见》,印发《甘孜藏族自治州雅江县智慧治理事项清单》。"
                 "对标中共中央、国务院印发的《智慧治理纲要》。")
    assert set(found) == {"关于加强智慧治理的意见", "甘孜藏族自治州雅江县智慧治理事项清单", "智慧治理纲要"}


def test_documents_own_body_prefix_uses_the_short_name():
    doc = doc_of("石景山区2023年法治政府建设年度情况报告\n制发《区委全面依法治区委员会办公室智慧治理督办工作办法》。\n")
    assert [m.label for m in doc.of_kind("PolicyDocument")] == ["石景山区委全面依法治区委员会办公室智慧治理督办工作办法"]


@pytest.mark.parametrize("a,b", [
    ("智慧治理实施纲要(2021—2025年)", "智慧治理实施纲要（2021-2025年）"),
    ("某县深化“一窗综办”改革工作实施方案", "某县深化\"一窗综办\"改革工作实施方案"),
    ("某市 智慧治理 三年行动计划", "某市智慧治理三年行动计划"),
])
def test_documents_same_title_written_differently_has_one_key(a, b):
    assert document_key(a) == document_key(b)


def test_documents_offsets_slice_the_source():
    r = report_of(HEAD + "印发《雅江县智慧治理文件汇编》《某省落实〈智慧治理纲要〉方案》,学习行政诉讼法。\n")
    mentions = documents.recognize(Doc(r)).mentions
    assert len(mentions) == 4
    for m in mentions:
        assert r.source.text[m.start:m.end] == m.text


# ---------------------------------------------------------------- a law inside a longer name

@pytest.mark.parametrize("law", ["宪法", "民法典", "行政复议法", "优化营商环境条例"])
@pytest.mark.parametrize("sentence,named", [
    ("开展“美好生活·{law}相伴”主题活动。", False),  # a quoted name that holds more than the law
    ("组织{law}进万家、{law}进校园活动。", False),  # a campaign that carries it somewhere
    ("抓住国家{law}日开展集中宣传。", False),  # the day named after it
    ("开展“{law}”专题学习。", True),  # the law itself in quotes
    ("认真学习{law}、{law}等法律。", True),
    ("推动{law}走进千家万户。", True),
])
def test_documents_a_law_named_inside_a_longer_name_is_not_a_mention_of_it(law, sentence, named):
    full = national_laws()[law]
    assert (full in docs(sentence.format(law=law))) is named


def test_documents_a_national_program_named_after_a_law_is_no_mention_of_the_law():
    from kg.data import national_program_rows
    laws = national_laws()
    rows = [r[0] for r in national_program_rows() if any(r[0].startswith(n) for n in laws)]
    assert rows  # the table holds programs named after a law (宪法宣传周 …)
    body = "".join(f"第{i}项，组织{name}。" for i, name in enumerate(rows))
    assert report(body).of_kind("PolicyDocument") == ()
    assert {m.label for m in report(body).of_kind("Program")} >= set(rows)
