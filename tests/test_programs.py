"""Programs: quoted names with head nouns, lists, named reforms and systems; not slogans."""
from __future__ import annotations

import pytest

from conftest import doc_of, report_of
from kg.keys import program_key
from kg.model import Doc
from kg.recognize import programs


def found(sentence: str) -> dict[str, str | None]:
    doc = doc_of("莲湖区2023年法治政府建设情况报告\n" + sentence + "\n")
    return {m.label: (m.alts[0] if m.alts else None) for m in doc.of_kind("Program")}


@pytest.mark.parametrize("sentence,label,alt", [
    ("深化“放管服”改革。", "放管服改革", "放管服"),
    ("全面推行企业开办“一件事一次办”。", "一件事一次办", None),
    ("创新推行“1234”家门口就业工作模式。", "1234家门口就业工作模式", "1234"),
    ("坚持和发展新时代“枫桥经验”。", "枫桥经验", "新时代“枫桥经验”"),
    ("扎实开展“千人联千企”、“千所联千会”等专项行动。", "千所联千会专项行动", "千所联千会"),
    ("“石时解纷”工作获评优秀创新经验。", "石时解纷", None),
])
def test_programs_quoted_names_take_their_head(sentence, label, alt):
    got = found(sentence)
    assert label in got and got[label] == alt


@pytest.mark.parametrize("sentence,label", [
    ("严格执行行政执法三项制度。", "行政执法三项制度"),
    ("建立行政机关负责人出庭应诉制度。", "行政机关负责人出庭应诉制度"),
    ("深化行政复议体制改革。", "行政复议体制改革"),
    ("深入践行依法护航企业高质量发展专项行动。", "依法护航企业高质量发展专项行动"),
    ("创新推出企业服务进园区、诉源治理工作站等9项改革成果。", "诉源治理工作站"),
    ("持续深化平安莲湖建设。", "平安莲湖建设"),
    ("建立法治督察与纪检监察贯通联动、行业监督与检察监督协同发力两项机制。", "行业监督与检察监督协同发力机制"),
    ("持续推动“受审分离”“审管分离”改革。", "受审分离改革"),
    ("构建“法定执法+赋权执法”的乡镇综合行政执法新模式。", "法定执法+赋权执法模式"),
    ("与市法院签约建立行政争议多元化解机制。", "行政争议多元化解机制"),
    ("全面推进道路交通安全领域突出问题专项整治工作。", "道路交通安全领域突出问题专项整治"),
])
def test_programs_named_without_quotes(sentence, label):
    assert label in found(sentence)


@pytest.mark.parametrize("sentence", [
    "实现行政诉讼案件数量和败诉率下降、出庭应诉率提升的“两降一升”。",
    "“头雁”作用进一步显现。",
    "写入“依法决策、科学决策、民主决策”。",
    "达到了“以督促学、以督促改”的良好局面。",
    "充分发挥领导干部“关键少数”的示范带动作用。",
    "围绕“2020年基本建成法治政府”的奋斗目标。",
    "完善监督检查机制。",
    "完善检查通报和责任追究制度。",
    "建立健全工作机制。",
])
def test_programs_slogans_and_outcomes_are_not_programs(sentence):
    assert found(sentence) == {}


def test_programs_same_program_one_key_across_wordings():
    a = program_key("放管服改革")
    r = report_of("某县2023年报告\n深化“放管服”改革。\n")
    assert [m.key for m in programs.recognize(Doc(r)).mentions] == [a]
