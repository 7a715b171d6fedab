"""Mentions → relations between entities, each with the span that says it.

The agent of a clause is the reporting division unless the clause names
another; what a plans section says will be done is kept apart as a plan.
"""
from __future__ import annotations

from typing import Optional

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
    return tuple(dict.fromkeys(out))
