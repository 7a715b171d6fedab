"""Honors: awards, titles, model-case lists, pilot and demonstration status.

An honor is a composition:

    scope  the level that confers it: 全国, 国家级, 省级 …, a province or city named in full, or an
           own scope (全省, 全市) that stands for the report's own province or city
           (data/honor_scopes.tsv, divisions found in the text);
    field  what it is for: any run of name characters (法治政府建设, 民主法治, 县域经济综合实力);
    kind   what it is: 示范县, 先进集体, 百强县, 典型案例, 试点 … (data/honor_kinds.tsv);
    batch  the round or year: 第二批, 首批, 2023年度 (data/honor_batches.tsv).

It is found in two ways.  After a conferral verb (the received and sought cues of
data/cues.tsv: 获评, 入选, 被命名为, 成功创建 …; 争创, 创建 …) every noun phrase of the list
that follows, up to the end of the clause, is an honor when it ends in a kind, or opens with a
scope and names a field.  Elsewhere, scope + field + kind written together is one
(对照…示范市标准, 推进…示范社区创建), for the kinds that can stand without a verb.

The label writes an own scope (or a bare 省/市 after a verb) as the division it stands for and a
conferring body as its full name, and drops the batch, the quotes and the words that only say it
is an honor (称号, 名单), so one honor is one node across reports.  ``cue`` is set where a
conferral says it was received; an honor only striven for (争创) has none.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator, Optional

from ..data import body_suffixes, cues, divisions, honor_grammar, words
from ..keys import honor_key, program_key
from ..model import Doc, Findings, Mention, frozen
from .divisions import stands_for
from .text import CLAUSE_BREAK, dictionary, first_longest, inside_word, is_cjk, scan

_NAME = re.compile(r"[\u4e00-\u9fff0-9A-Za-z“”‘’\"·+]")
_QUOTE = re.compile(r"[“”‘’\"]")
_LEVEL_PAREN = re.compile(r"[(（][省市县区乡镇村街道社旗、]{1,8}[)）]")  # 示范市(县、区), 示范村(社区)
_JOINERS = ("以及", "、", "和", "及", "与")
_MARKS = re.compile("[“(（”)）]|" + "|".join(_JOINERS))  # what splits a list of honors, and what it is split outside of
# A field is a name: no 的, no list closed by 等, no count or ordinal (全市第一条…, 3个项目).
_NOT_FIELD = re.compile(r"[的等]|第[一二三四五六七八九十\d]+[条个家项名位]|首[个家条]|\d+[个家项名位条]")
_FIELD_MIN = 4  # an honor without a kind must name at least this much after its scope
_SPAN_MAX = 40  # the longest honor name read
_TAIL_MAX = 8  # the longest noun read after a kind that it closes
_PLACED = ("位于", "入驻", "落户", "进驻")  # verbs that make the name after them where something is
_WITHIN = ("内", "里", "周边", "范围")  # 在X内: X is where, not what is held


@lru_cache(maxsize=1)
def _holder_nouns() -> tuple[str, ...]:
    """Nouns that close an honor's name after its kind: the kinds of body that hold one
    (body_suffixes.tsv: …司法所, …委员会) and the words that sum up what was done (…做法)."""
    bodies = {s for s, cls in body_suffixes() if cls != "WorkingGroup"}  # a working group strives, holds nothing
    return tuple(sorted(bodies | words("summary"), key=len, reverse=True))


@lru_cache(maxsize=1)
def _wrappers() -> tuple[str, ...]:
    """The words that only say a name is an honor (称号, 名单), the longest first."""
    return tuple(sorted(words("wrapper"), key=len, reverse=True))


@lru_cache(maxsize=1)
def _VERBISH() -> "re.Pattern[str]":
    """Verbs after a kind that end the name there (…试点并获得…, …示范区后)."""
    table = cues()
    return re.compile(rf"{table.pattern('issued', 'implements', 'received', 'sought')}|[并后时中的等]")


@lru_cache(maxsize=1)
def _patterns() -> tuple["re.Pattern[str]", "re.Pattern[str]"]:
    table = cues()
    return (re.compile(rf"(?:{table.pattern('received')})(?:了|为)?"),
            re.compile(rf"(?:{table.pattern('sought')})(?:了|为)?"))


@lru_cache(maxsize=1)
def _sought_before() -> "re.Pattern[str]":
    """A verb of striving that ends right before a name (争创X, 力争创建X)."""
    return re.compile(rf"(?:{cues().pattern('sought')})(?:了|为)?$")


@lru_cache(maxsize=1)
def _kinds_alone() -> dict[str, bool]:
    return {k: True for k, alone in honor_grammar().kinds.items() if alone}


@frozen
class _Scope:
    start: int
    end: int
    level: str  # nation … county, or own
    name: Optional[str]  # what the label writes instead of the written scope (own scopes, bodies)


class _Reader:
    """One report's honors: the scopes it writes, its own divisions, the bodies named in it."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.text = doc.text
        chain = divisions().chain(doc.division.code) if doc.division and doc.division.code else []
        self.chain = [(d.name, d.level) for d in chain]
        self.scopes: dict[int, _Scope] = {}
        for s, e, level in scan(self.text, honor_grammar().scopes):
            self.scopes[s] = _Scope(s, e, level, self._own(self.text[s:e]) if level == "own" else None)
        for m in doc.of_kind("AdministrativeDivision"):
            if m.level in ("province", "prefecture") and m.start not in self.scopes:
                self.scopes[m.start] = _Scope(m.start, m.end, m.level, m.label)
        self.bodies = {m.start: m for m in doc.of_kind("Institution")}

    def _own(self, written: str) -> Optional[str]:
        """全省 → the report's province, 全市 → its city (the nearest division whose name ends so)."""
        return next((name for name, level in self.chain if stands_for(written[-1], name, level)), None)

    def scope_at(self, pos: int, conferred: bool) -> Optional[_Scope]:
        """The scope that opens a name at ``pos``: a scope word, a province or city, or (after a
        conferral verb) a conferring body or a bare 省/市 standing for the report's own."""
        sc = self.scopes.get(pos)
        if sc is not None:
            return sc
        if not conferred:
            return None
        body = self.bodies.get(pos)
        if body is not None:
            return _Scope(body.start, body.end, "body", body.label)
        ch = self.text[pos:pos + 1]
        if ch in ("省", "市") and self.text[pos:pos + 2] not in dictionary():  # not 省级, 省委, 市政…
            return _Scope(pos, pos + 1, "own", self._own(ch))
        return None

    # ------------------------------------------------------------ the composition

    def honor(self, start: int, end: int, conferred: bool) -> Optional[tuple[int, int, str]]:
        """The honor a noun phrase names (start, end, label), or None.

        The name ends at its last kind (the span takes the wrappers after it, such as 称号, the
        label does not); it starts at the phrase's start, after a batch, or after the 的 that
        closes a verb phrase before it (某委评选的全国…单位)."""
        text = self.text
        kinds = honor_grammar().kinds
        kind_end = span_end = None
        for b, e, _ in scan(text[start:end], kinds, min_len=1):
            b, e = b + start, e + start
            if _verb_tail(text, b):
                continue
            after = e
            paren = _LEVEL_PAREN.match(text, after)
            if paren:
                after = paren.end()
            after = self._after_wrappers(after, end)
            if after > e or after == end or not inside_word(text, e):
                kind_end, span_end = (paren.end() if paren else e), after
        if kind_end is not None and span_end < end:
            # …先进司法所, …典型经验做法: a kind that a noun closing the phrase follows only
            # qualifies it; the name runs to that noun
            stop = self._after_wrappers(span_end, end, strip=True)
            if self._noun_tail(span_end, stop):
                kind_end = span_end = stop
        if kind_end is not None:
            # A kind inside quotes: the quoted part is the name (论坛“…创新案例”), with a scope
            # written right before the quote (全省“…示范县”).
            quote = text.rfind("“", start, kind_end)
            if quote > text.rfind("”", start, kind_end):
                before = next((sc for sc in self.scopes.values() if sc.end == quote and sc.start >= start), None)
                start = before.start if before else quote
        opens = self._name_start(start, kind_end or end)
        if opens is None:
            return None
        written_start, first = opens
        scope = self.scope_at(first, conferred)
        if kind_end is None:
            # No kind: only a conferred phrase that opens with a scope and names a field that
            # ends in a noun (获评国家级…小区; not 获…批示肯定).
            if not conferred or scope is None or scope.level == "body":
                return None
            stop = self._after_wrappers(first, end, strip=True)
            if not all(_NAME.match(c) for c in text[first:stop]):
                return None
            field = self._plain(text[scope.end:stop])
            if len(field) < _FIELD_MIN or _NOT_FIELD.search(field) \
                    or not dictionary().get(field[-2:], "n").startswith("n"):
                return None
            return written_start, stop, self._label(first, stop, scope)
        core = self._plain(text[scope.end if scope else first:kind_end])
        if len(core) < (3 if scope else 4):
            return None  # a kind with no field (国家企业, 先进单位) names nothing
        return written_start, span_end or kind_end, self._label(first, kind_end, scope)

    def _noun_tail(self, start: int, stop: int) -> bool:
        """Whether text[start:stop] is a short noun that closes a name (司法所, 人民调解委员会,
        做法, 建设城市): name characters only, no verb of the cue table, ending in a noun."""
        text = self.text
        tail = text[start:stop]
        if not 2 <= len(tail) <= _TAIL_MAX or not all(is_cjk(c) for c in tail) or _VERBISH().search(tail):
            return False
        if tail.endswith(_holder_nouns()):
            return True
        ordinary = dictionary()
        return any(ordinary.get(tail[-k:], "").startswith("n") for k in (4, 3, 2) if len(tail) >= k)

    def _after_wrappers(self, pos: int, end: int, strip: bool = False) -> int:
        """Past closing quotes and wrapper words (称号, 名单) after ``pos``; with ``strip``, where
        the phrase ends once trailing wrappers are taken off."""
        text = self.text
        wrappers = _wrappers()
        if strip:
            stop = end
            moved = True
            while moved:
                moved = False
                for w in wrappers:
                    if text.startswith(w, stop - len(w)) and stop - len(w) > pos:
                        stop -= len(w)
                        moved = True
                while stop > pos and text[stop - 1] in "”’\"":
                    stop -= 1
            return stop
        moved = True
        while moved and pos < end:
            moved = False
            if text[pos] in "”’\"":
                pos += 1
                moved = True
            for w in wrappers:
                if text.startswith(w, pos) and pos + len(w) <= end:
                    pos += len(w)
                    moved = True
                    break
        return pos

    def _name_start(self, start: int, stop: int) -> Optional[tuple[int, int]]:
        """Where the written name starts in text[start:stop] (after the 的 of a verb phrase
        before it), and where its scope or field starts (after a batch or quote that opens it)."""
        text = self.text
        cut = text.rfind("的", start, stop)
        if cut >= 0 and dictionary().get(text[cut - 2:cut], "").startswith("v"):
            start = cut + 1
        made = text.rfind("为", start, stop)  # 创建X为Y: Y is the honor
        if made > start and text.count("“", start, made) == text.count("”", start, made):
            start = made + 1
        written = start
        batch = honor_grammar().batch
        moved = True
        while moved and start < stop:
            moved = False
            m = batch.match(text, start, stop)
            if m and m.end() > start:
                start, moved = m.end(), True
            if text[start:start + 1] in ("“", "\"", "‘"):
                start, moved = start + 1, True
        return (written, start) if stop - start >= 2 else None

    def _plain(self, name: str) -> str:
        return _QUOTE.sub("", honor_grammar().batch.sub("", name))

    def _label(self, start: int, end: int, scope: Optional[_Scope]) -> str:
        text = self.text
        head = ""
        if scope is not None and scope.name:
            head, start = scope.name, scope.end
        return head + self._plain(text[start:end])

    # ------------------------------------------------------------ where honors are written

    def conferred(self) -> Iterator[Mention]:
        """Honors after a conferral verb; after a verb of striving (争创, 创建), the honor is not
        held: 创建X is the program of earning it (X创建), and 争创X names nothing yet held."""
        received, sought = _patterns()
        for rx, is_received in ((received, True), (sought, False)):
            for m in rx.finditer(self.text):
                end = CLAUSE_BREAK.search(self.text, m.end())
                stop = min(end.start() if end else len(self.text), m.end() + _SPAN_MAX * 2)
                for s, e in self._items(m.end(), stop):
                    found = self.honor(s, e, conferred=True)
                    if found is None:
                        continue
                    if is_received:
                        yield self._mention(*found, m.start())
                    elif self.scope_at(found[0], True) is not None and self.text.startswith("创建", m.start()):
                        yield self._creation(*found)

    def _items(self, start: int, stop: int) -> list[tuple[int, int]]:
        """The phrases of a list (A、B和C), split outside quotes and brackets; a part that is not
        a whole honor (no kind, and the next part opens with no scope) joins the next one, so
        that …A与B示范区 stays one name."""
        text = self.text
        cuts: list[tuple[int, int]] = []
        depth = 0
        for m in _MARKS.finditer(text, start):
            if m.start() >= stop:
                break
            ch = m.group()
            if ch in "“(（":
                depth += 1
            elif ch in "”)）":
                depth = max(0, depth - 1)
            elif depth == 0:
                cuts.append(m.span())
        parts, pos = [], start
        for a, b in cuts:
            parts.append((pos, a))
            pos = b
        parts.append((pos, stop))
        out: list[tuple[int, int]] = []
        for s, e in parts:
            if out and not self._whole(*out[-1]) and self.scope_at(s, True) is None:
                out[-1] = (out[-1][0], e)
            else:
                out.append((s, e))
        return out

    def _whole(self, start: int, end: int) -> bool:
        stop = self._after_wrappers(start, end, strip=True)
        return any(e == stop - start for _, e, _ in scan(self.text[start:stop], honor_grammar().kinds, min_len=1))

    def written(self) -> Iterator[Mention]:
        """scope + field + kind written together, for the kinds that need no verb."""
        text = self.text
        starts = sorted(s for s, sc in self.scopes.items() if self._stands_alone(sc))
        for ks, ke, _ in scan(text, _kinds_alone(), min_len=1):
            if _verb_tail(text, ks):
                continue
            before = [s for s in starts if ks - _SPAN_MAX <= s < ks]
            if not before:
                continue
            s = before[-1]
            if self._not_held(s, ke):
                continue
            field = text[self.scopes[s].end:ks]
            if not all(_NAME.match(c) or c in "()（）、" for c in field) or _NOT_FIELD.search(field):
                continue
            found = self.honor(s, ke, conferred=False)
            if found:
                yield self._mention(*found, None)

    def _not_held(self, start: int, end: int) -> bool:
        """Whether what a name written at text[start:end] names is not held: only striven for
        (争创X, 力争X) or a place where something is (在X内, 入驻X)."""
        text = self.text
        if _sought_before().search(text, max(0, start - 6), start):
            return True
        return text[start - 2:start] in _PLACED or text[start - 1:start] in words("preposition") \
            and text.startswith(_WITHIN, end)

    def _stands_alone(self, scope: _Scope) -> bool:
        """An own scope opens an honor without a verb only at province or city level (全省, 全市)."""
        if scope.level != "own":
            return scope.level != "county"
        level = next((lv for name, lv in self.chain if name == scope.name), None)
        return level in ("province", "prefecture")

    def _creation(self, start: int, end: int, label: str) -> Mention:
        """创建X: the program of earning honor X, named X创建 (省级…示范县创建)."""
        source = self.doc.report.source
        written = _QUOTE.sub("", source.norm[start:end])
        name = written + "创建"
        return Mention("Program", start - 2, end, source.text[start - 2:end], name, program_key(name),
                       alts=("创建" + written,))

    def _mention(self, start: int, end: int, label: str, cue: Optional[int]) -> Mention:
        source = self.doc.report.source
        written = _QUOTE.sub("", source.norm[start:end])
        return Mention("Honor", start, end, source.text[start:end], label, honor_key(label),
                       alts=(written,) if written != label else (), cue=cue)


def _verb_tail(text: str, pos: int) -> bool:
    """Whether the kind at ``pos`` ends a verb (获奖, 颁奖) rather than a name."""
    return dictionary().get(text[pos - 1:pos + 1], "").startswith("v")


def recognize(doc: Doc) -> Findings:
    """Honors, and the programs of earning one (创建X)."""
    reader = _Reader(doc)
    found = list(reader.conferred())
    conferred = first_longest(m for m in found if m.kind == "Honor")
    taken = [m.span for m in conferred]
    # the work of earning an honor named inside a body's name (X创建…领导小组) is part of that name
    creations = first_longest((m for m in found if m.kind == "Program"), taken + doc.spans("Institution"))
    written = first_longest(reader.written(), taken + [m.span for m in creations])
    return Findings(mentions=tuple(sorted(conferred + creations + written, key=lambda m: (m.start, m.end))))
