"""Report structure: title, year, dates, publisher, numbered sections with roles, sentences."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from conftest import report_of

REPORT = """您当前的位置:首页>政府信息公开目录>法治政府建设年度报告
鼓楼区2023年法治政府建设情况报告
2023年,鼓楼区坚持依法行政。现将有关情况报告如下:
一、党政主要负责人履行推进法治建设第一责任人职责情况
区委常委会定期听取汇报。
二、2023年度推进法治政府建设的主要举措和成效
(一)深化“放管服”改革。一是推行“一件事一次办”。二是印发《鼓楼区政务服务事项清单》。
(二)规范行政执法。
三、存在的不足和原因
一是执法水平有待提升;二是法律顾问作用发挥不均衡。
四、2024年工作安排
1.健全依法决策机制。
2.推进行政复议体制改革。
中共鼓楼区委全面依法治区委员会办公室
2024年3月1日
扫一扫在手机上查看当前页面
"""


def test_structure_title_year_and_signature():
    r = report_of(REPORT)
    assert r.title == "鼓楼区2023年法治政府建设情况报告"
    assert r.year == 2023
    assert r.published == "2024-03-01"
    assert r.publisher == "中共鼓楼区委全面依法治区委员会办公室"


def test_structure_sections_levels_and_roles():
    r = report_of(REPORT)
    top = [(s.number, s.role) for s in r.sections if s.level == 1]
    assert top == [("一", "leadership"), ("二", "achievements"), ("三", "shortcomings"), ("四", "plans")]
    sub = [s for s in r.sections if s.level == 2]
    assert [s.heading for s in sub] == ["(一)深化“放管服”改革", "(二)规范行政执法"]
    assert all(r.sections[s.parent].number == "二" for s in sub)
    items = [s for s in r.sections if s.level == 4]
    assert [s.number for s in items] == ["一", "二", "一", "二"]  # inline 一是/二是 items
    assert [s.role for s in r.sections if s.level == 3] == ["plans", "plans"]


def test_structure_role_of_a_sentence_follows_its_section():
    r = report_of(REPORT)
    text = r.source.text
    assert r.role_at(text.index("推进行政复议体制改革")) == "plans"
    assert r.role_at(text.index("推行“一件事一次办”")) == "achievements"
    assert r.role_at(text.index("现将有关情况")) is None


def test_structure_sentences_slice_the_source_and_skip_furniture():
    r = report_of(REPORT)
    texts = [r.source.text[s.start:s.end] for s in r.sentences]
    assert "一是推行“一件事一次办”。" in texts
    assert not any("扫一扫" in t or "当前的位置" in t for t in texts)
    assert all(t == t.strip() and t for t in texts)


def test_structure_title_from_the_opening_sentence_when_there_is_no_title_line():
    r = report_of("依据相关要求,现将北京市石景山区人民政府2023年法治政府建设年度情况报告如下。\n一、主要举措和成效\n")
    assert r.title == "北京市石景山区人民政府2023年法治政府建设年度情况报告"
    assert r.year == 2023
    assert r.publisher == "北京市石景山区人民政府"


def test_structure_unnumbered_next_step_paragraph_opens_a_plans_part():
    r = report_of("某区2019年度工作报告\n一、加强组织领导\n成立委员会。\n下一步,我区继续深化改革。\n一抓关键少数,落实学法制度。\n")
    assert r.role_at(r.source.text.index("落实学法制度")) == "plans"
    assert r.role_at(r.source.text.index("成立委员会")) is None


@pytest.mark.parametrize("heading,role", [
    ("三、下步工作打算", "plans"),
    ("二、存在主要问题", "shortcomings"),
    ("一、主要做法及成效", "achievements"),
    ("二、党政主要负责人履行法治建设第一责任人职责情况", "leadership"),
    ("四、2024年法治政府建设工作思路", "plans"),
    ("五、创新治理方式,提高治理水平", None),
])
def test_structure_heading_roles(heading, role):
    r = report_of(f"某县2023年法治政府建设情况报告\n{heading}\n内容。\n")
    assert r.sections[0].role == role


_NUMBERS = "一二三四五六七八九十"
_LINES = st.one_of(
    st.tuples(st.sampled_from(["{}、", "（{}）", "{}.", "{}是"]), st.integers(0, 9)).map(
        lambda t: t[0].format(_NUMBERS[t[1]] if "{}." != t[0] else t[1] + 1) + "加强执法监督。"),
    st.sampled_from(["全年办理案件八件。", "推进依法行政；完善制度。", "开展培训。一是学法，二是用法。"]),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_LINES, min_size=1, max_size=25))
def test_structure_a_section_ends_at_the_next_of_its_level_and_holds_its_sentences(lines):
    r = report_of("某县2023年法治政府建设情况报告\n" + "\n".join(lines) + "\n")
    for sec in r.sections:
        closing = [later.start for later in r.sections[sec.index + 1:] if later.level <= sec.level]
        assert sec.end == (closing[0] if closing else len(r.source.text))
    for s in r.sentences:
        holding = [sec for sec in r.sections if sec.start <= s.start < sec.end]
        deepest = max(holding, key=lambda sec: (sec.level, sec.index), default=None)
        assert s.section == (deepest.index if deepest else None)
