"""Institutions: jurisdiction + body + suffix, qualified by the reporting division."""
from __future__ import annotations

import pytest

from conftest import doc_of


def found(text: str, head: str = "海淀区2019年度法治政府建设工作情况报告\n") -> dict[str, dict[str, str]]:
    return {m.label: {"class": m.cls, "jurisdiction": m.jurisdiction, "parent": m.parent}
            for m in doc_of(head + text + "\n").of_kind("Institution")}


@pytest.mark.parametrize("sentence,label,cls", [
    ("明确区司法局牵头负责。", "海淀区司法局", "Department"),
    ("在区委、区政府的领导下推进。", "中共海淀区委", "PartyOrgan"),
    ("在区委、区政府的领导下推进。", "海淀区人民政府", "Government"),
    ("主动接受区人大监督。", "海淀区人民代表大会", "PeoplesCongress"),
    ("报市政府备案。", "北京市人民政府", "Government"),
    ("区法院通报行政案件审判情况。", "海淀区人民法院", "Court"),
    ("为区卫健委加挂牌子。", "海淀区卫生健康委员会", "Department"),
    ("成立海淀区行政复议咨询委员会,聘用委员16名。", "海淀区行政复议咨询委员会", "Department"),
    ("成立海淀区创建全国法治政府建设示范区工作领导小组。", "海淀区创建全国法治政府建设示范区工作领导小组", "WorkingGroup"),
    ("县政府(含县政府办公室)出台文件。", "海淀区人民政府办公室", None),
])
def test_institutions_qualified_by_the_reporting_division(sentence, label, cls):
    got = found(sentence)
    if cls is None:  # 县 in a district's report names no body of this report
        assert label not in got
    else:
        assert got[label]["class"] == cls


def test_institutions_county_words_follow_the_reporting_division():
    got = found("县政府(含县政府办公室)共出台文件5件。", head="滑县人民政府2023年法治政府建设情况报告\n")
    assert "滑县人民政府办公室" in got and got["滑县人民政府办公室"]["parent"] == "institution/滑县人民政府"


def test_institutions_party_committee_and_its_bodies():
    got = found("成立区委全面依法治区委员会,区委全面依法治区委员会办公室设在区司法局。")
    office = got["中共海淀区委全面依法治区委员会办公室"]
    assert office["parent"] == "institution/中共海淀区委全面依法治区委员会"
    assert got["中共海淀区委全面依法治区委员会"]["parent"] == "institution/中共海淀区委"
    assert "中共海淀区委" in got  # the committee its bodies are named after is named too


def test_institutions_full_names_drop_the_higher_levels():
    got = found("中共北京市海淀区委全面依法治区委员会办公室\n2020年5月28日")
    assert "中共海淀区委全面依法治区委员会办公室" in got


def test_institutions_national_bodies_keep_their_names():
    got = found("全面落实党中央、国务院决策部署,响应司法部号召。")
    assert {"党中央", "国务院", "司法部"} <= set(got)
    assert got["国务院"]["jurisdiction"] is None


def test_institutions_a_ministry_name_run_on_into_bumen_is_a_kind_of_department():
    """Every central body written …部 in the table: X部 is the ministry, X部门 the departments of
    that kind at every level."""
    from kg.data import bodies

    ministries = sorted(w for w in bodies().national if w.endswith("部"))
    assert len(ministries) >= 10
    text, ministry, department = "某县2023年法治政府建设情况报告\n", {}, {}
    for w in ministries:
        ministry[w] = len(text) + 1
        department[w] = len(text) + len(w) + 6
        text += f"，{w}印发通知，{w}门协同联动。"
    spans = {(m.start, m.end) for m in doc_of(text + "\n").of_kind("Institution")}
    assert [w for w, at in ministry.items() if (at, at + len(w)) not in spans] == []
    assert [w + "门" for w, at in department.items() if (at, at + len(w)) in spans] == []


@pytest.mark.parametrize("sentence", [
    "全区各部门认真落实。",
    "推进社区矫正工作。",
    "区长带头学法。",
    "城市管理水平提升。",
    "司法部门协同联动。",
    "召开区政府常务会议研究。",
])
def test_institutions_meetings_posts_and_generic_words_are_not_bodies(sentence):
    got = found(sentence)
    holder = {"海淀区人民政府"} if "区政府" in sentence else set()  # the government holding a meeting is a body
    assert set(got) == holder


def test_institutions_jurisdiction_is_the_division_named():
    got = found("在汤阴县法院的支持下化解争议。", head="滑县人民政府2023年法治政府建设情况报告\n")
    assert got["汤阴县人民法院"]["jurisdiction"] == "division/410523"


def test_institutions_local_units_named_by_place():
    got = found("成功创建岚溪司法所为示范司法所,加强基层司法所建设。", head="滑县人民政府2023年法治政府建设情况报告\n")
    assert "滑县岚溪司法所" in got
    assert not any("基层" in l for l in got)
