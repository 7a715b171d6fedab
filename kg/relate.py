"""Mentions → relations between entities, each with the span that says it.

The agent of a clause is the reporting division unless the clause names
another; what a plans section says will be done is kept apart as a plan.
"""
from __future__ import annotations

import re
from typing import Iterator, Optional

from .model import Mention, Relation, Report
from .recognize.lexicon import clause_cue, trailing_cue


def relate(report: Report, division: Optional[Mention], mentions: tuple[Mention, ...]) -> tuple[Relation, ...]:
    out: list[Relation] = []
    text = report.source.norm
    if division is None:
        return ()
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
        out.append(Relation(division.key, rel, m.key, min(at, m.start), max(at, m.end), planned))
    out.extend(_received(report, division, mentions))
    return tuple(dict.fromkeys(out))


_FILLER = re.compile(r"^[\s,，]*(全区|全县|全市|我区|我县|我市|先后|还|均|成功|并|已|再次|连续|分别|同时|\d{4}年|今年|年内)*[\s,，]*$")
_HOLDER_KINDS = ("Program", "Institution", "AdministrativeDivision")


def _received(report: Report, division: Mention, mentions: tuple[Mention, ...]) -> Iterator[Relation]:
    """Who received each conferred honor: the entities named before the verb in its clause
    (西仪社区、学习巷社区入围…; “石时解纷”工作获评…), or the reporting division when the
    clause names nobody (…,获评首批全省“营商环境创新示范区”)."""
    text = report.source.norm
    for h in mentions:
        if h.kind != "Honor" or h.attr("conferred") is None:
            continue
        cue = int(h.attr("conferred") or 0)
        lo = cue
        while lo > 0 and text[lo - 1] not in "。；;，,！!？?\n":
            lo -= 1
        holders = [m for m in mentions if m.kind in _HOLDER_KINDS and lo <= m.start and m.end <= cue]
        created = re.match(r"(?:成功)?创建", text[cue:cue + 4])
        if created:  # 创建桂溪司法所为…: the body between 创建 and 为
            holders = [m for m in mentions if m.kind in _HOLDER_KINDS and cue < m.start < h.start]
        if not holders and _FILLER.match(text[lo:cue]):
            holders = [division]
        planned = report.role_at(h.start) == "plans"
        for holder in holders:
            yield Relation(holder.key, "received", h.key, min(holder.start, cue) if holder is not division else cue,
                           h.end, planned)
