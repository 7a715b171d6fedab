"""Mentions → relations between entities, each with the span that says it.

- issued / implements: a document or program and the verbs that govern it (recognize/clauses.py),
  or a clause that takes it as its means (以…为依据/抓手); a program is always implemented:
  setting one up, running or improving it is carrying it out.  Relying on one (依托…平台) and
  a name that only qualifies what the verb governs (按照X部署, 出台《…》配套措施) state nothing.
- received: an honor after a conferral verb (honors.py marks where the verb is) and who the
  clause says received it: its subject (a body, a division or a program: “…”获评), the last thing
  named when the clause opens with 其/该, the sentence's subject or the report's own agent when
  the clause names no one, nobody when it names someone only by a count (6个村获评…).
- cooperatesWith: the agent and each body or division named after 与/同/联合/会同 (with, jointly
  with) in a clause that says they work together.

What a plans section says will be done is kept apart as a plan.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache
from typing import Iterator

from .data import words
from .model import Doc, Findings, Mention, Relation
from .recognize.clauses import AGENT_KINDS, HOLDER_KINDS, JOIN, Clauses, governing, together


def relate(doc: Doc) -> Findings:
    if doc.division is None and doc.publisher is None:
        return Findings()
    reader = Clauses(doc)
    out: list[Relation] = []
    out.extend(_governed(reader))
    out.extend(_received(reader))
    out.extend(_cooperation(reader))
    out.extend(_joint(reader, out))
    return Findings(relations=tuple(dict.fromkeys(out)))


def _governed(reader: Clauses) -> Iterator[Relation]:
    """issued and implements: documents and programs with the verbs that govern them."""
    study, uses = tuple(words("study")), tuple(words("uses"))
    for m in reader.doc.mentions:
        if m.kind not in ("PolicyDocument", "Program"):
            continue
        found = governing(reader, m)
        if not found:
            continue
        planned = reader.planned(m.start)
        for rel, at, agents in found:
            if reader.text.startswith(uses, at):
                continue  # 依托X平台: relying on a platform is not carrying it out
            if m.kind == "Program":
                rel = "implements"
            elif reader.text.startswith(study, at):
                continue  # 学习《…》, 围绕宪法…: studying a document is not carrying it out
            for agent in agents:
                yield Relation(agent.key, rel, m.key, min(at, m.start), max(at, m.end), planned)


def _received(reader: Clauses) -> Iterator[Relation]:
    """Each conferred honor and who received it; 创建X为Y: X is made Y."""
    mentions = reader.doc.mentions
    starts = [m.start for m in mentions]  # mentions are in text order: those between two points by bisection
    for h in mentions:
        if h.kind != "Honor" or h.cue is None:
            continue
        planned = reader.planned(h.start)
        between = mentions[bisect_right(starts, h.cue):bisect_right(starts, h.start)]
        made = [m for m in between if m.kind in HOLDER_KINDS and m.end <= h.start and reader.text.startswith("为", m.end)]
        for holder in made or reader.holders(h.cue):
            if holder.key != h.key:
                yield Relation(holder.key, "received", h.key, min(holder.start, h.cue) if holder.start < h.cue
                               else h.cue, h.end, planned)


def _cooperation(reader: Clauses) -> Iterator[Relation]:
    """与/同/联合/会同 + partners: with 与/同 only where a verb of working together follows in the
    clause (与X签订…协议, 与Y结成共建对子); 联合/会同 say it themselves."""
    text = reader.text
    before, after = together()
    for m in before.finditer(text):
        partners: list[Mention] = []
        p = m.end()
        stop = reader.clause_end(p)
        while p < stop:
            x, end = reader.named(p, stop, AGENT_KINDS)
            if x is None or x.kind not in AGENT_KINDS or end == x.end and reader.continues(x, stop):
                break  # 联合X市第五中学…: the place only qualifies the partner named after it
            partners.append(x)
            j = JOIN.match(text, end, stop)
            p = j.end() if j and j.group(0) in ("、", "和", "及") else end
            if p == end:
                break
        if not partners:
            continue
        if m.group(0) in ("与", "同", "和") and not after.search(text, p, stop):
            continue
        lo = reader.clause_start(m.start())
        agents = reader.before(m.start(), lo, AGENT_KINDS) or reader.subject(lo, m.start(), AGENT_KINDS)
        if not agents:
            start = reader.sentence_start(m.start())
            agents = (reader.subject(start, reader.clause_end(start), AGENT_KINDS) if start < lo else []) \
                or ([reader.own] if reader.own else [])
        planned = reader.planned(m.start())
        for a in agents:
            for x in partners:
                if a.key != x.key:
                    yield Relation(a.key, "cooperatesWith", x.key, min(a.start, m.start()), p, planned)


@lru_cache(maxsize=1)
def _joint_words() -> "re.Pattern[str]":
    return re.compile("|".join(map(re.escape, sorted(words("joint")))))


def _joint(reader: Clauses, found: list[Relation]) -> Iterator[Relation]:
    """A joint mechanism (…联席会议制度, 诉调对接) that several named bodies set up or run
    together: they cooperate with each other."""
    joint = _joint_words()
    names = {m.key: m for m in reader.doc.mentions if m.kind == "Program" and joint.search(m.label)}
    by_evidence: dict[tuple[str, int, int], list[Relation]] = {}
    for r in found:
        if r.rel == "implements" and r.tail in names:
            by_evidence.setdefault((r.tail, r.start, r.end), []).append(r)
    kinds = {m.key: m.kind for m in reader.doc.mentions}
    pairs = {frozenset((r.head, r.tail)) for r in found if r.rel == "cooperatesWith"}
    for rels in by_evidence.values():
        bodies = [r for r in rels if kinds.get(r.head) == "Institution"]
        for other in bodies[1:]:
            first = bodies[0]
            pair = frozenset((first.head, other.head))
            if len(pair) == 2 and pair not in pairs:  # one fact for one pair, said either way
                pairs.add(pair)
                yield Relation(first.head, "cooperatesWith", other.head, first.start, first.end, first.planned)
