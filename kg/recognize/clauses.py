"""Who a clause is about, and which verb governs a name: the grammar relations are read with.

A relation is stated by a cue verb (data/cues.tsv).  Its agent is who the clause names: the
bodies or divisions written right before the verb (中共中央、国务院印发的…), else the subject
that opens the clause, else — when the clause goes straight on to its verb — the subject that
opened an earlier clause of the sentence (a subject carries over commas), else the report's own
agent: the department that publishes a department's report (我局), otherwise the reporting
division.  The verb that governs a document or a program is the one before it in its clause
(every object of a list shares it, chained verbs each count: 制定并落实), a verb written after
an object put first (对《…》作了修订) or after it (《…》的修订, …改革持续深化), or inside a
title, the verb of the title (关于印发…的通知).  Documents (to know whose title they are) and
relations (to say who does what) read clauses the same way, through this module.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache
from typing import Optional, Sequence
from weakref import WeakKeyDictionary

from ..data import cues, limits, words
from ..model import Doc, Mention, Report
from .text import alternation, clause_breaks, clause_cue, dictionary, is_cjk, trailing_cue

AGENT_KINDS = ("Institution", "AdministrativeDivision")
HOLDER_KINDS = ("Program", "Institution", "AdministrativeDivision")
_COUNTED = re.compile(r"(?<![第\d一二三四五六七八九十两几多])(?:\d+|[一二三四五六七八九十两几多]+)(?:个|家|名|项|所|批)")
_NUMBERING = (r"(?:[一二三四五六七八九十]+是|[(（][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+、"
              r"|\d+[.、]|第[一二三四五六七八九十]+[,，、]?)")
_TIME = r"(?:在?(?:19|20)\d{2}年(?:\d{1,2}月(?:份)?)?(?:\d{1,2}日)?|\d{1,2}月份?|在(?=[获入荣被]))"
JOIN = re.compile(r"、|和|及|以及|与|同|\s+")
# The report's own division written as a pronoun or a bare level word (我区, 全县, 县里, 街道).
_SELF = re.compile(r"(?:我|本|全)?(?:省|市|区|县|州|旗|盟|镇|乡|街道)(?:里|内|上下)?(?![\u4e00-\u9fff]{0,1}(?:委|政府|人大|政协|级))")
# A department's report speaking of itself (我局, 局党组).
DEPARTMENT_SELF = re.compile(r"(?:我|本)(?:局|厅|委|办|院|中心)|(?:局|厅)(?:党组|党委)")
_ANAPHOR = re.compile(r"其|(?:该|此|这)(?:项|个|些)?([\u4e00-\u9fff]{0,3}?)(?=[获入荣被成评跻])")
_OWN_DEPARTMENTS = ("Department",)
# What a name before it only qualifies: a document of its own (配套措施, 实施细则) or what was
# decided about it (X部署, X的工作安排).
_QUALIFIED = re.compile(r"的?(?:部署|工作安排|配套|实施细则|实施办法|实施意见)")


@lru_cache(maxsize=1)
def fillers() -> "re.Pattern[str]":
    """What may stand before a clause's subject or between a subject and its verb."""
    adverbs = words("adverb")
    # The characters a filler may begin with, looked at first: at most places none begins, and
    # there re need not try every alternative (a numbering, a time, each adverb) to say so.
    first = "".join(sorted({w[0] for w in adverbs} | set("一二三四五六七八九十(（第在“”了并还也")))
    return re.compile(rf"(?:(?=[\d\s{re.escape(first)}])(?:{_NUMBERING}|{_TIME}|{alternation(adverbs)}|[\s“”]|了|并|还|也))*")


@lru_cache(maxsize=1)
def _verb_chain() -> "re.Pattern[str]":
    """Verbs and adverbs that may stand between an agent and the verb that governs the object
    (市委制定印发《…》, 县政府编制并公布《…》)."""
    table = cues()
    verbs = table.pattern("issued", "implements", "received", "sought")
    adverbs = alternation(words("adverb"))
    return re.compile(rf"(?:{verbs}|{adverbs}|并|和|了|向社会|\s)*")


@lru_cache(maxsize=1)
def together() -> tuple["re.Pattern[str]", "re.Pattern[str]"]:
    table = cues()
    return (re.compile(table.pattern("cooperatesWith", place="before")),
            re.compile(table.pattern("cooperatesWith", place="after")))


@lru_cache(maxsize=1)
def _together_at_end() -> "re.Pattern[str]":
    """A cue of joint action (联合, 会同…) that ends the text searched."""
    return re.compile(rf"(?:{together()[0].pattern})$")


def _after_last(marks: Sequence[int], lo: int, pos: int) -> int:
    """Just after the last mark of ``marks`` (sorted positions) in lo..pos, else ``lo``."""
    i = bisect_left(marks, pos) - 1
    return marks[i] + 1 if i >= 0 and marks[i] >= lo else lo


def own_department(doc: Doc) -> Optional[Mention]:
    """The department whose own report this is, if it is one.  A department's own report names it
    in its title (…司法局2022年法治政府建设年度报告); a report only posted by a department
    (来源:县司法局) is the division's."""
    publisher, title = doc.publisher, doc.report.title
    if publisher is not None and publisher.cls in _OWN_DEPARTMENTS and (publisher.label in title or publisher.text in title):
        return publisher
    return None


@lru_cache(maxsize=2)
def _sentence_breaks(text: str) -> tuple[int, ...]:
    """Where the sentences of a text end: its clause breaks but the commas (a comma ends a clause,
    not a sentence).  Found once for a text, as its clause breaks are."""
    return tuple([b for b in clause_breaks(text) if text[b] not in "，,"])


class _Answers:
    """What a report's clauses say of its bodies and divisions: who does what a verb says (by
    where the verb is), the subject a clause carries over (by where it starts), and which verbs
    govern a name (by its span and kind; None: only the names of its own kind can tell, see
    ``governing``).  All of it depends only on the report, the bodies and divisions named, the
    reporting division and the department whose report it is: the documents stage asks it of
    the documents, and relations ask it again of the same documents after the honors and
    programs, which add no body or division, have been found."""

    __slots__ = ("key", "agents", "topics", "governing")

    def __init__(self, key: tuple) -> None:
        self.key = key
        self.agents: dict[int, list[Mention]] = {}
        self.topics: dict[tuple[int, tuple[str, ...]], list[Mention]] = {}
        self.governing: dict[tuple[int, int, str], Optional[list[tuple[str, int, list[Mention]]]]] = {}


# Each report's answers, kept while the report is (its stages run one after another).
_ANSWERS: "WeakKeyDictionary[Report, _Answers]" = WeakKeyDictionary()


def _answers(report: Report, named: tuple[Mention, ...], division: Optional[Mention],
             department: Optional[Mention]) -> _Answers:
    """The report's answers, when an earlier reader of it saw the same bodies, divisions and
    department; else new ones.  (Compared, not hashed: the same report's values are the same
    objects, compared at once.)"""
    key = (named, division, department)
    known = _ANSWERS.get(report)
    if known is None or known.key != key:
        known = _ANSWERS[report] = _Answers(key)
    return known


class Clauses:
    """The clauses of one report and who they are about."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.text = doc.text
        self.division = doc.division
        self.department = own_department(doc)
        self.own = self.department or self.division
        self.at: dict[int, list[Mention]] = {}
        for m in doc.mentions:
            self.at.setdefault(m.start, []).append(m)
        # where clauses and sentences end (their marks are one character each), found once
        self.breaks = clause_breaks(self.text)
        self.stops = _sentence_breaks(self.text)
        self.window = limits()["clause_window"]  # how far back a clause is read (asked tens of times a clause)
        # what several names of one clause ask alike, answered once; who acts and which verbs
        # govern a name are shared with the next reader of the same report (see _Answers)
        self.answers = _answers(doc.report, tuple(m for m in doc.mentions if m.kind in AGENT_KINDS),
                                self.division, self.department)
        self._topics: dict[tuple[int, tuple[str, ...]], list[Mention]] = {}

    # ------------------------------------------------------------ clauses

    def clause_start(self, pos: int) -> int:
        return _after_last(self.breaks, max(0, pos - self.window), pos)

    def sentence_start(self, pos: int) -> int:
        return _after_last(self.stops, max(0, pos - 4 * self.window), pos)

    def skip(self, pos: int, stop: int) -> int:
        m = fillers().match(self.text, pos, stop)
        return m.end() if m else pos

    def mention_at(self, pos: int, kinds: Sequence[str]) -> Optional[Mention]:
        found = [m for m in self.at.get(pos, ()) if m.kind in kinds]
        return max(found, key=lambda m: m.end - m.start) if found else None

    # ------------------------------------------------------------ who a clause names

    def named(self, pos: int, stop: int, kinds: Sequence[str]) -> tuple[Optional[Mention], int]:
        """The thing named at ``pos``: a mention (the last of adjacent ones: X市Y区, 我市“…”
        is the second), the report's own division or department written as a pronoun, or None."""
        text = self.text
        m = self.mention_at(pos, kinds)
        if m is None and text[pos:pos + 1] == "“":
            m = self.mention_at(pos + 1, kinds)
        if m is not None:
            end = m.end
            while m.kind == "AdministrativeDivision":  # a place qualifying what follows it
                nxt = end + 1 if text[end:end + 1] in "“”" else end
                after = self.mention_at(nxt, kinds) if nxt < stop else None
                if after is None:
                    after = self.mention_at(end, kinds) if end < stop else None
                if after is None:
                    break
                m, end = after, after.end
            return m, end
        dept = DEPARTMENT_SELF.match(text, pos, stop)
        if dept and self.department is not None:
            return self.department, dept.end()
        own = _SELF.match(text, pos, stop)
        if own and self.division is not None:
            return self.division, own.end()
        return None, pos

    def subject(self, lo: int, stop: int, kinds: Sequence[str]) -> list[Mention]:
        """The named subject that opens text[lo:stop]: one thing or a list (区委、区政府),
        passing over modifiers (X县的“…”品牌) and a 由 that introduces the agent.  A place
        that only says where counted things are (全区2个村…) is no subject."""
        text = self.text
        p = self.skip(lo, stop)
        if text.startswith("由", p):
            p += 1
        out: list[Mention] = []
        while p < stop:
            m, end = self.named(p, stop, kinds)
            if m is None:
                break
            if text.startswith("的", end):
                p = end + 1
                continue
            if end == m.end and self.continues(m, stop):
                break  # it names the owner of what follows (X警察公园…): not the subject
            out.append(m)
            p = end
            j = JOIN.match(text, p, stop)
            if j is None and self.mention_at(p, kinds) is not None:
                continue  # 区委区政府: a list written without a mark
            if j is None or self.named(j.end(), stop, kinds)[0] is None and not text.startswith("“", j.end()):
                break
            p = j.end()
        if len(out) == 1 and out[0].kind == "AdministrativeDivision" and _COUNTED.search(text, p, stop):
            return []
        return self.as_division(out)

    def as_division(self, agents: list[Mention]) -> list[Mention]:
        """The reporting division's own party committee and government acting together
        (区委、区政府印发…) are the division."""
        if len(agents) < 2:
            return agents
        own = {m.cls for m in agents if m.kind == "Institution" and self.division is not None
               and m.jurisdiction == self.division.key and m.cls in ("Government", "PartyOrgan")}
        if len(own) < 2:
            return agents
        rest = [m for m in agents if not (m.kind == "Institution" and m.cls in own
                                           and m.jurisdiction == self.division.key)]
        return [self.division, *rest]

    def continues(self, m: Mention, stop: int) -> bool:
        """Whether a name runs on into a noun it only qualifies (X警察公园…, Y镇商会…): a
        subject is followed by an adverb, a verb, a preposition or a list mark (X市成功入选…)."""
        text = self.text
        end = m.end
        if end >= stop or not is_cjk(text[end]) or self.skip(end, stop) > end or _verb_chain().match(text, end).end() > end \
                or text[end] in words("preposition") | set("和及、"):
            return False
        short = m.kind == "AdministrativeDivision" and m.text != m.label and m.label.startswith(m.text)
        level = m.kind == "AdministrativeDivision" and text[end] == "级"  # X市级部门: a level, not the place
        return short or level or dictionary().get(text[end:end + 2], "").startswith("n")

    def before(self, cue: int, lo: int, kinds: Sequence[str]) -> list[Mention]:
        """The bodies or divisions written right before a verb (only adverbs or other verbs
        between), with the list they close: 中共中央、国务院印发."""
        text = self.text
        ends = [m for p in range(lo, cue) for m in self.at.get(p, ()) if m.kind in kinds and m.end <= cue]
        # a place or body after a preposition (在X市率先启用…) is where or to whom, not who
        near = [m for m in ends if _verb_chain().fullmatch(text, m.end, cue) and text[m.start - 1:m.start] not in words("preposition")]
        if not near:
            return []
        last = max(near, key=lambda m: (m.end, m.end - m.start))
        out = [last]
        start = last.start
        while True:
            j = next((m for m in ends if m.end < start and JOIN.fullmatch(text, m.end, start)), None)
            if j is None:
                break
            out.insert(0, j)
            start = j.start
        marker = _together_at_end().search(text[lo:start])
        if marker:  # 县司法局联合县法院推行…: the partners named after 联合 are not who acts
            at = lo + marker.start()
            return self.before(at, lo, kinds) or self.subject(lo, at, kinds)
        return self.as_division(out)

    def goes_on(self, lo: int, cue: int) -> bool:
        """Whether a clause goes straight to its verb (no subject of its own to look for)."""
        p = self.skip(lo, cue)
        return p >= cue or bool(_verb_chain().fullmatch(self.text, p, cue))

    def agents(self, cue: int) -> list[Mention]:
        """Who does what the verb at ``cue`` says (several names in a list share their verb: found once)."""
        known = self.answers.agents
        if cue not in known:
            known[cue] = self._find_agents(cue)
        return list(known[cue])

    def _find_agents(self, cue: int) -> list[Mention]:
        lo = self.clause_start(cue)
        found = self.before(cue, lo, AGENT_KINDS) or self.subject(lo, cue, AGENT_KINDS)
        if found:
            return found
        if self.goes_on(lo, cue):
            topic = self.topic(lo, AGENT_KINDS)
            if topic:
                return topic
        return [self.own] if self.own is not None else []

    def topic(self, lo: int, kinds: Sequence[str]) -> list[Mention]:
        """The subject a clause starting at ``lo`` carries over from the clauses before it in
        its sentence: the nearest one that names one."""
        key = (lo, tuple(kinds))
        known = self.answers.topics if key[1] == AGENT_KINDS else self._topics
        if key not in known:
            known[key] = self._find_topic(lo, kinds)
        return list(known[key])

    def _find_topic(self, lo: int, kinds: Sequence[str]) -> list[Mention]:
        start = self.sentence_start(lo)
        if start >= lo:
            return []  # the clause opens its sentence (as about half do): no clause before it
        breaks = self.breaks[bisect_left(self.breaks, start):bisect_left(self.breaks, lo - 1)]
        for s in reversed([start] + [b + 1 for b in breaks]):
            found = self.subject(s, self.clause_end(s), kinds)
            if found:
                return found
        return []

    def clause_end(self, pos: int) -> int:
        i = bisect_left(self.breaks, pos)
        return self.breaks[i] if i < len(self.breaks) else len(self.text)

    def holders(self, cue: int) -> list[Mention]:
        """Who received what a conferral verb names: the subject of its clause; the last thing
        named when the clause opens with 其/该; the sentence's subject or the report's own
        agent when the clause names no one (…,获评…; 随后被…确定为…); nobody when it names
        someone it does not name in full (6个村获评…)."""
        text = self.text
        lo = self.clause_start(cue)
        found = self.subject(lo, cue, HOLDER_KINDS)
        if found:
            return found
        p = self.skip(lo, cue)
        anaphor = _ANAPHOR.match(text, p)
        if anaphor:
            # 其…: the last thing named before; 该小分队…: the last one whose name ends so
            noun = anaphor.group(1)
            start = self.sentence_start(self.sentence_start(lo) - 1)
            earlier = [m for m in self.doc.mentions if m.kind in HOLDER_KINDS and start <= m.start and m.end <= p
                       and m.key != (self.own.key if self.own else None)
                       and (not noun or any(m.label.endswith(noun[:k]) for k in range(len(noun), 1, -1)))]
            return [max(earlier, key=lambda m: m.end)] if earlier else []
        if text.startswith("被", p):  # 被X确定为: whoever X is, X confers; the holder is named before
            p = cue
        if p < cue:
            return []
        return self.topic(lo, HOLDER_KINDS) or ([self.own] if self.own is not None else [])

    def planned(self, pos: int) -> bool:
        return self.doc.report.role_at(pos) == "plans"


def governing(reader: Clauses, m: Mention) -> list[tuple[str, int, list[Mention]]]:
    """(relation, where its verb is, agents) for each verb that governs a mention."""
    known = reader.answers.governing
    key = (m.start, m.end, m.kind)
    if key not in known:
        known[key] = _governing(reader, m)
    found = known[key]
    if found is not None:
        return list(found)
    text = reader.text
    lo = reader.clause_start(m.start)
    listed = reader.subject(lo, reader.clause_end(lo), (m.kind,))
    if m in listed:  # A改革和B改革顺利完成: what the clause says of the list it opens
        done = _done().match(text, listed[-1].end)
        if done and (done.group(2) or m.kind == "PolicyDocument"):  # …改革持续深化, 《…》相继出台
            rel = "issued" if done.group(1) else "implements"
            return [(rel, done.start(1) if done.group(1) else done.start(2), reader.agents(m.start))]
    return []


def _governing(reader: Clauses, m: Mention) -> Optional[list[tuple[str, int, list[Mention]]]]:
    """What the text and the agents say of the verbs that govern a mention (read from its span
    and kind alone); None when they say nothing and the list the mention may open is to be
    read, which depends on the other names of its kind."""
    text = reader.text
    title = _title_around(text, m)
    if title is not None:
        return _in_title(reader, m, title)
    after = m.end + (text[m.end:m.end + 1] in "》”")
    if m.kind == "PolicyDocument" and dictionary().get(text[after:after + 2], "").startswith("n") \
            or _QUALIFIED.match(text, after):
        return []  # 举办X法专题培训, 出台《…》配套措施, 按照X部署: the verb governs the noun the name qualifies
    lo = reader.clause_start(m.start)
    fronted = _fronted(reader, m, lo)
    if fronted is not None:
        return [fronted]
    means = _MEANS_BEFORE.search(text, lo, m.start)
    if means and _MEANS_AFTER.match(text, m.end):  # 以《…》为依据, 以X改革为抓手: what the work is carried out by
        return [("implements", means.start(), reader.agents(means.start()))]
    cue = clause_cue(text, m.start)
    if cue is not None:
        rel, at = cue
        verb = _cue_verb().match(text, at)
        after = verb.end() if verb else at
        after += text.startswith("了", after)
        if text.startswith("的", after):
            # 中共中央、国务院印发的《…》: a relative clause says who issued it (only where it
            # names them: 新修订的… names nobody); the verb before it says what the clause's
            # agent does with it.
            agents = reader.before(at, reader.clause_start(at), AGENT_KINDS)
            out = [(rel, at, agents if rel == "issued" else agents or reader.agents(at))]
            outer = clause_cue(text, at)
            if outer is not None:
                out.append((outer[0], outer[1], reader.agents(outer[1])))
            out = [o for o in out if o[2]]
            if out:
                return out
        else:
            agents = reader.agents(at)
            out = [(r, a, agents) for r, a in _chain(reader, rel, at)]
            then = _then().match(text, m.end)
            if then:  # 制定《A》《B》并严格执行
                out.append(("issued" if then.group(1) else "implements", then.start(1) if then.group(1)
                            else then.start(2), agents))
            return out
    cue = trailing_cue(text, m.end)
    if cue is not None:
        return [(cue[0], cue[1], reader.agents(m.start))]
    return None


# 以A、B为抓手: a document or program a clause takes as its means or basis (以…为依据/抓手/契机)
_MEANS_BEFORE = re.compile(r"以(?:[《“][^《》“”，,。；;]{1,60}[》”][、和及与]?)*[《“]?$")
_MEANS_AFTER = re.compile(r"[》”]?(?:[、和及与]?[《“][^《》“”，,。；;]{1,60}[》”])*为[\u4e00-\u9fff]")


def _title_around(text: str, m: Mention) -> Optional[int]:
    """Where the 《》 title that holds a mention starts, when the mention is a name inside it
    (〈…〉, 关于印发…的通知, a program a title names) rather than the title itself."""
    open_ = text.rfind("《", 0, m.start)
    if open_ < 0 or open_ + 1 == m.start or text.rfind("》", open_, m.start) >= 0:
        return None
    return open_ + 1 if text.find("》", m.end) >= 0 else None


def _in_title(reader: Clauses, m: Mention, start: int) -> list[tuple[str, int, list[Mention]]]:
    """A name inside a title is governed by the verb before it in the title: 关于印发Y的通知 —
    issued by the body the title names; 落实〈Y〉 — carried out by whoever the title's own
    clause is about."""
    verbs = [v for v in _cue_verb().finditer(reader.text, start, m.start)]
    if not verbs:
        return []
    verb = verbs[-1]
    rel = cues().relation_of(verb.group(0)) or "implements"
    if m.kind == "Program":
        rel = "implements"
    at = verb.start() - 2 if reader.text.startswith("关于", verb.start() - 2) else verb.start()  # X关于印发…
    agents = reader.before(at, start, AGENT_KINDS) if rel == "issued" else reader.agents(start - 1)
    return [(rel, verb.start(), agents)] if agents else []


_CHAINED_RELATIONS = ("issued", "implements")  # the relations whose verbs chain (制定印发, 制定并落实)


@lru_cache(maxsize=1)
def _cue_verb() -> "re.Pattern[str]":
    return re.compile(cues().pattern(*_CHAINED_RELATIONS))


_CHAINED = re.compile(r"(?:并|和|及|、)?")  # what may stand between two chained verbs


@lru_cache(maxsize=1)
def _chained_end() -> "re.Pattern[str]":
    """The last character of a verb, with what may join it to the next one: where a verb chained
    before another ends (searched in the two characters before the other)."""
    ends = {v[-1] for r in _CHAINED_RELATIONS for v in cues().verbs(r)}
    return re.compile(rf"[{re.escape(''.join(sorted(ends)))}]{_CHAINED.pattern}$")


def _chain(reader: Clauses, rel: str, at: int) -> list[tuple[str, int]]:
    """The verb at ``at`` with the verbs chained before it (制定印发, 制定并落实): each says its
    relation of the same object."""
    text = reader.text
    out = [(rel, at)]
    if not _chained_end().search(text, max(0, at - 2), at):
        return out  # most verbs follow no verb: the clause is not searched for one
    lo = reader.clause_start(at)
    for m in reversed(list(_cue_verb().finditer(text, lo, at))):
        gap = text[m.end():out[-1][1]]
        if not _CHAINED.fullmatch(gap):
            break
        before = cues().relation_of(m.group(0)) or rel
        if before == "issued" and out[-1][0] == "implements" and not gap:
            out[-1] = (before, m.start())  # 印发实施: issuing for implementation, one act
            continue
        out.append((before, m.start()))
    return out


_LIST_REST = r"[”》]?(?:[、和及与]?[《“][^《》。；;]{1,60}[》”])*"


@lru_cache(maxsize=1)
def _done() -> "re.Pattern[str]":
    """What a clause opened by a document or program goes on to say of it: …持续深化, …相继出台."""
    table = cues()
    return re.compile(rf"{_LIST_REST}[^，,。；;：:！!？?\n]{{0,8}}?(?:({table.pattern('issued', place='after')})|"
                      rf"({table.pattern('implements', place='after')}))")


@lru_cache(maxsize=1)
def _then() -> "re.Pattern[str]":
    """A second verb of the same object after 并: 制定《…》并严格执行."""
    table = cues()
    adverbs = alternation(words("adverb"))
    return re.compile(rf"{_LIST_REST}并(?:{adverbs})*(?:({table.pattern('issued', place='after')})|"
                      rf"({table.pattern('implements', place='after')}))")


# 对/把/将 and the objects put first after it, up to the name (对《A》《B》…)
_FRONTING = re.compile(r"([对把将])[《“]?(?:[^，,。；;]*?[》”][、和及与]?[《“])*$")


def _fronted(reader: Clauses, m: Mention, lo: int) -> Optional[tuple[str, int, list[Mention]]]:
    """对《A》《B》作了修订, 把…纳入: an object put before its verb by 对/把/将 in the clause
    that starts at ``lo``."""
    text = reader.text
    opened = _FRONTING.search(text, lo, m.start)
    if opened is None:
        return None
    done = _done().match(text, m.end)
    if done is None:
        return None
    rel = "issued" if done.group(1) else "implements"
    at = done.start(1) if done.group(1) else done.start(2)
    return rel, at, reader.agents(opened.start(1))


