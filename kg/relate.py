"""Mentions → relations between entities, each with the span that says it.

The agent of a clause is the reporting division unless the clause names
another; what a plans section says will be done is kept apart as a plan.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator

from .data import cues
from .model import Doc, Findings, Mention, Relation, Report
from .recognize.text import clause_cue, trailing_cue


def relate(doc: Doc) -> Findings:
    report, division, mentions = doc.report, doc.division, doc.mentions
    out: list[Relation] = []
    text = report.source.norm
    if division is None:
        return Findings()
    for m in mentions:
        if m.kind not in ("PolicyDocument", "Program"):
            continue
        cue = clause_cue(text, m.start) or trailing_cue(text, m.end)
        if cue is None:
            continue
        rel, at = cue
        if m.kind == "Program":
            rel = "implements"  # 建立/推行/开展 a program is running it (annotation guide)
        planned = report.role_at(m.start) == "plans"
        agent = _agent(report, division, mentions, at)
        out.append(Relation(agent.key, rel, m.key, min(at, m.start), max(at, m.end), planned))
    out.extend(_received(report, division, mentions))
    out.extend(_cooperation(report, division, mentions))
    return Findings(relations=tuple(dict.fromkeys(out)))


_CLAUSE_OPEN = re.compile(r"[。；;！!？?\n]")
_NUMBERING = re.compile(r"^\s*(?:[一二三四五六七八九十]+是|[(（][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+、|\d+[.、])?\s*")
_OWN_BODIES = ("Government", "PartyOrgan")


def _agent(report: Report, division: Mention, mentions: tuple[Mention, ...], cue: int) -> Mention:
    """Who does what a clause says: an explicit subject at the start of the sentence — a street,
    a community, another district, or a body other than the district's own government and
    party committee — or else the reporting division (我区, 区, 全区, or no subject at all)."""
    text = report.source.norm
    lo = cue
    while lo > 0 and not _CLAUSE_OPEN.match(text[lo - 1]):
        lo -= 1
    lead = _NUMBERING.match(text, lo)
    start = lead.end() if lead else lo
    for m in mentions:
        if m.start == start and m.end <= cue:
            own = m.kind == "Institution" and m.cls in _OWN_BODIES and m.jurisdiction == division.key
            if m.kind == "AdministrativeDivision" and m.key != division.key and m.code is None:
                return m  # 北院门街道…, 西仪社区…
            if m.kind == "Institution" and not own:
                return m
    return division


@lru_cache(maxsize=1)
def _cooperate() -> "re.Pattern[str]":
    """与X签约…: the partner written between 与 and a cooperation verb."""
    return re.compile(rf"与([^，,。；;]{{2,30}}?)(?:{cues().pattern('cooperatesWith', place='after')})")



def _cooperation(report: Report, division: Mention, mentions: tuple[Mention, ...]) -> Iterator[Relation]:
    """与西铁法院签约建立…: an agreement or joint mechanism with a named body."""
    text = report.source.norm
    for m in _cooperate().finditer(text):
        partners = [x for x in mentions if x.kind in ("Institution", "AdministrativeDivision")
                    and m.start(1) <= x.start and x.end <= m.end(1)]
        for p in partners:
            agent = _agent(report, division, mentions, m.start())
            if p.key != agent.key:
                yield Relation(agent.key, "cooperatesWith", p.key, m.start(), m.end(),
                               report.role_at(m.start()) == "plans")

_FILLER = re.compile(r"^[\s,，]*(全区|全县|全市|我区|我县|我市|先后|还|均|成功|并|已|再次|连续|分别|同时|\d{4}年|今年|年内)*[\s,，]*$")
_HOLDER_KINDS = ("Program", "Institution", "AdministrativeDivision")
_KIND_WORDS = re.compile(r"^[”\s]*(\d+项|[一二三四五六七八九十两]+项)?(改革举措|创新举措|举措|项目|工作|案例|做法|经验|品牌|模式|机制|等)?[”\s]*$")


def _received(report: Report, division: Mention, mentions: tuple[Mention, ...]) -> Iterator[Relation]:
    """Who received each conferred honor: the entities named before the verb in its clause
    (西仪社区、学习巷社区入围…; “石时解纷”工作获评…), or the reporting division when the
    clause names nobody (…,获评首批全省“营商环境创新示范区”)."""
    text = report.source.norm
    for h in mentions:
        if h.kind != "Honor" or h.cue is None:
            continue
        cue = h.cue
        lo = cue
        while lo > 0 and text[lo - 1] not in "。；;，,！!？?\n":
            lo -= 1
        named = [m for m in mentions if m.kind in _HOLDER_KINDS and lo <= m.start and m.end <= cue]
        # The holders are named right before the verb (西仪社区、学习巷社区入围; “石时解纷”工作获评);
        # a mention followed by other words (硚口|警察公园被确定为) names something else.
        holders = named if named and _KIND_WORDS.match(text[named[-1].end:cue]) else []
        created = re.match(r"(?:成功)?创建", text[cue:cue + 4])
        if created:  # 创建桂溪司法所为…: the body between 创建 and 为
            holders = [m for m in mentions if m.kind in _HOLDER_KINDS and cue < m.start < h.start]
        if not holders and _FILLER.match(text[lo:cue]):
            holders = [division]
        planned = report.role_at(h.start) == "plans"
        for holder in holders:
            yield Relation(holder.key, "received", h.key, min(holder.start, cue) if holder is not division else cue,
                           h.end, planned)
