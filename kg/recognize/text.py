"""What every recogniser shares: table scanning, first-longest selection, quotes and titles,
clauses and their cue verbs, and jieba's dictionary as knowledge of ordinary words."""
from __future__ import annotations

import importlib.util
import os
import re
from bisect import bisect_left
from collections import OrderedDict
from functools import lru_cache
from math import log
from typing import Iterable, Iterator, Mapping, Optional, TypeVar

from ..data import DataError, cues, limits
from ..model import Source

T = TypeVar("T")



def is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


class Matcher:
    """Leftmost-longest matching of a table's keys.

    A table is matched by an Aho-Corasick automaton (pyahocorasick): one pass in C.  The
    automaton's root, though, tries each of its children in turn, and a table whose names begin
    with many different characters makes that pass slow: the national divisions (thousands of
    first characters), the national laws (about two hundred), the bodies written alone.  Those
    names end in a few characters (the level of a division: 市, 县, 镇…; 法, 条例; 局, 委), so
    such a table is matched through an index of its names' last two characters instead: the
    places where a name's last two characters stand are found by one regex search in C, and
    only there are names looked up by their lengths.  Of all the names found, the leftmost-longest
    ones are kept, as the automaton keeps them.  (An index of the first two characters looked
    up every position of the text, in C too, but as one Python integer each: three times as
    slow on the divisions.)"""

    # The index where names begin with 50 characters or more (the root's children), and with
    # three times as many as they end with (measured on reports: below either, the automaton is
    # as fast or faster)
    MANY_FIRSTS, FEW_ENDINGS = 50, 3

    def __init__(self, table: Mapping[str, T], min_len: int = 2) -> None:
        keys = [k for k in table if len(k) >= min_len]
        self.empty = not keys
        self.table = table
        self.by_end: Optional[dict[str, tuple[int, ...]]] = None
        firsts = len({k[0] for k in keys})
        if min_len >= 2 and firsts >= self.MANY_FIRSTS and firsts >= self.FEW_ENDINGS * len({k[-1] for k in keys}):
            lengths: dict[str, set[int]] = {}
            for k in keys:
                lengths.setdefault(k[-2:], set()).add(len(k))
            self.by_end = {k: tuple(sorted(v, reverse=True)) for k, v in lengths.items()}
            # each last character, where one of the characters names put before it stands before
            # it (市(?<=[…]市)|县(?<=[…]县)…): only the places where a name's last two characters
            # stand are visited, not every last character
            before: dict[str, set[str]] = {}
            for pair in self.by_end:
                before.setdefault(pair[1], set()).add(pair[0])
            self.ends = re.compile("|".join(f"{re.escape(c)}(?<=[{''.join(map(re.escape, sorted(b)))}]{re.escape(c)})"
                                            for c, b in sorted(before.items())))
            return
        import ahocorasick

        self.automaton = ahocorasick.Automaton()
        for key in keys:
            self.automaton.add_word(key, (len(key), table[key]))
        if not self.empty:
            self.automaton.make_automaton()

    def scan(self, text: str) -> Iterator[tuple[int, int, T]]:
        if self.empty:
            return
        if self.by_end is None:
            # pyahocorasick's longest-match pass drops a name at the very end of the text while a
            # longer name is still possible there: an end mark no name holds lets it finish
            for end, (length, value) in self.automaton.iter_long(text + "\0"):
                yield end + 1 - length, end + 1, value
            return
        by_end, get = self.by_end, self.table.get
        found = []  # (start, -length, end, value) of every name in the text
        for m in self.ends.finditer(text):
            e = m.end()
            for length in by_end[text[e - 2:e]]:
                if length <= e:
                    value = get(text[e - length:e])
                    if value is not None:
                        found.append((e - length, -length, e, value))
        found.sort()  # no two names share a start and a length: the values are never compared
        i = 0
        for s, _, e, value in found:
            if s >= i:  # the longest of those that begin first after the name found last
                yield s, e, value
                i = e


_MATCHERS: "OrderedDict[tuple[int, int], tuple[object, Matcher]]" = OrderedDict()


def scan(text: str, table: Mapping[str, T], min_len: int = 2) -> Iterator[tuple[int, int, T]]:
    """Leftmost-longest matches of the table's keys (of ``min_len`` characters or more) in
    ``text``, not overlapping.

    The index of a table is built the first time it is scanned and kept with it, so the
    tables loaded once at start (divisions, laws, bodies…) are indexed once."""
    key = (id(table), min_len)
    entry = _MATCHERS.get(key)
    if entry is None or entry[0] is not table:
        entry = (table, Matcher(table, min_len))
        _MATCHERS[key] = entry
        if len(_MATCHERS) > 32:  # small per-report tables come and go; the loaded ones stay in use
            _MATCHERS.popitem(last=False)
    else:
        _MATCHERS.move_to_end(key)
    return entry[1].scan(text)


def alternation(words: Iterable[str]) -> str:
    """The words as one regex alternation, longest first: Python's re takes the first alternative
    that matches, so a word must come before the words it begins with."""
    return "|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w)))


def starts(*word_lists: Iterable[str]) -> str:
    """A lookahead for the characters these words begin with.  Python's re tries the words of an
    alternation one by one at every position; this set in front of it turns away at once the
    positions where none of them begins."""
    first = sorted({re.escape(w[0]) for words in word_lists for w in words if w})
    return f"(?=[{''.join(first)}])" if first else ""


@lru_cache(maxsize=1)
def dictionary() -> Mapping[str, str]:
    """jieba's dictionary (word → part-of-speech tag), words of 2-4 characters.

    Used as general knowledge of what is an ordinary word: a village's or a
    street's proper name is not in it, 品质 or 乡村 are.
    """
    return _jieba_dictionary()[0]


def char_tags() -> Mapping[str, str]:
    """jieba's part-of-speech tag of single characters that are words (用 p, 治 v)."""
    return _jieba_dictionary()[2]


@lru_cache(maxsize=1)
def _jieba_dictionary() -> tuple[dict[str, str], dict[str, float], dict[str, str], tuple[float, float]]:
    """Tags of words of 2-4 characters, costs (``segment``'s) of words of 1-4, tags of single
    characters, and the costs of a word only ``segment``'s caller knows and of an unknown character.

    Every build loads this before its workers start, so it is read the cheap way: the file split
    into its columns at once (each line is "word count tag"), the dicts built from them by zip, and
    jieba's package is not imported (it imports pkg_resources, a fifth of a second) — only its file
    is wanted.  The dicts are built from every word and the few words of other lengths (one
    character, five or more: about one in twenty) taken out afterwards: cheaper than filtering the
    columns."""
    path = _jieba_dictionary_path()
    with open(path, encoding="utf-8") as f:
        fields = f.read().split()
    words, counts, kinds = fields[0::3], fields[1::3], fields[2::3]
    if len(fields) % 3 or not "".join(counts).isdigit():
        raise DataError(f"{path}: not jieba's dictionary (each line should be: word count tag)")
    # Each word's share of jieba's counts as a logarithm: what ``segment`` adds up.
    base = log(60_000_000)  # about the sum of jieba's counts: each word costs its share of it
    cost = {n: log(int(n) or 1) - base for n in set(counts)}  # a few thousand distinct counts
    costs = dict(zip(words, map(cost.__getitem__, counts)))
    tags = dict(zip(words, kinds))
    chars = {}
    for w in [w for w in tags if not 2 <= len(w) <= 4]:
        if len(w) == 1:
            chars[w] = tags.pop(w)
        else:
            del tags[w], costs[w]
    return tags, costs, chars, (log(1000) - base, -base)


def _jieba_dictionary_path() -> str:
    spec = importlib.util.find_spec("jieba")
    if spec is None or not spec.submodule_search_locations:
        raise DataError("jieba is not installed: pip install jieba")
    return os.path.join(spec.submodule_search_locations[0], "dict.txt")


def segment(text: str, lo: int, hi: int, extra: Mapping[str, str] = {}) -> list[tuple[int, int, str]]:
    """The most probable split of text[lo:hi] into dictionary words (jieba's method without its
    HMM: a path through the graph of known words that maximises the product of their frequencies),
    as (start, end, tag of words of 2 characters or more).  ``extra`` adds words (with their tags)
    the dictionary lacks.  Meant for short spans around a figure, not whole texts."""
    tags, costs, _, (extra_cost, unknown) = _jieba_dictionary()
    s = text[lo:hi]
    n = len(s)
    score = [0.0] * (n + 1)
    step = [1] * (n + 1)
    get = costs.get
    for i in range(n - 1, -1, -1):  # unrolled over word lengths 1-4: this loop is the hot path
        w = s[i]
        v = get(w)
        best = (v if v is not None else extra_cost if w in extra else unknown) + score[i + 1]
        best_k = 1
        for k in (2, 3, 4):
            if i + k > n:
                break
            w = s[i:i + k]
            v = get(w)
            if v is None:
                if w not in extra:
                    continue
                v = extra_cost
            v += score[i + k]
            if v > best:
                best, best_k = v, k
        score[i], step[i] = best, best_k
    out, i = [], 0
    while i < n:
        k = step[i]
        w = s[i:i + k]
        out.append((lo + i, lo + i + k, extra.get(w) or tags.get(w, "")))
        i += k
    return out


def inside_word(text: str, pos: int) -> bool:
    """Whether an ordinary word (jieba's dictionary) runs across ``pos``: a name that seems to
    end there runs on (百强县 in 百强县城, 中心 in 中心组)."""
    words = dictionary()
    # each word of two to four characters with one to three of them before ``pos`` (written out: a
    # look-up per word, where a generator cost more than the look-ups)
    return (text[pos - 1:pos + 1] in words or text[pos - 1:pos + 2] in words or text[pos - 2:pos + 1] in words
            or text[pos - 2:pos + 2] in words or text[pos - 3:pos + 1] in words)


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """Spans inside “…” or "…" quotes (contents only)."""
    return list(_quoted_spans(text, limits()["quote_max"]))


@lru_cache(maxsize=2)
def _quoted_spans(text: str, n: int) -> tuple[tuple[int, int], ...]:
    """Found once for a text: bodies, places and figures each ask (a text is kept while its
    report is read, and the spans are a function of the text alone)."""
    # the opening quote first, then which one it is: re looks for one character of a set much
    # faster than it tries two alternatives at every position
    rx = re.compile(rf"[“\"](?:(?<=“)([^“”\n]{{1,{n}}})”|(?<=\")([^\"\n]{{1,{n}}})\")")
    return tuple([m.span(m.lastindex) for m in rx.finditer(text)])  # the one group that matched


def bracketed_spans(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(rf"《[^《》\n]{{1,{limits()['title_max']}}}》", text)]


def inside(spans: Iterable[tuple[int, int]], start: int, end: int) -> bool:
    return any(s <= start and end <= e for s, e in spans)


def body_ranges(source: Source) -> list[tuple[int, int]]:
    """The parts of the text that are not web furniture."""
    out, pos = [], 0
    for f in sorted(source.furniture, key=lambda s: s.start):
        if f.start > pos:
            out.append((pos, f.start))
        pos = max(pos, f.end)
    out.append((pos, len(source.norm)))
    return out


class Spans:
    """Spans in order of their start, each with how far it and those before it reach: which of
    them a span overlaps is found by one bisection instead of a look at every one."""

    def __init__(self, spans: Iterable[tuple[int, int]] = ()) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.reach: list[int] = []
        for a, b in sorted(spans):
            self.add(a, b)

    def add(self, a: int, b: int) -> None:
        """Add a span that starts no earlier than any added before it."""
        self.starts.append(a)
        self.ends.append(b)
        self.reach.append(max(b, self.reach[-1]) if self.reach else b)

    def overlapping(self, start: int, end: int) -> Iterator[tuple[int, int]]:
        """The spans that overlap start..end, latest first."""
        i = bisect_left(self.starts, end) - 1
        while i >= 0 and self.reach[i] > start:
            if self.ends[i] > start:
                yield self.starts[i], self.ends[i]
            i -= 1

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect_left(self.starts, end)
        return i > 0 and self.reach[i - 1] > start


def first_longest(found: Iterable[T], taken: Iterable[tuple[int, int]] = ()) -> list[T]:
    """The earliest, longest readings that do not overlap each other or ``taken``, in text
    order (as spaCy's ``filter_spans``).  ``found`` holds anything with ``start`` and ``end``."""
    blocked, kept = Spans(taken), Spans()
    out: list[T] = []
    for m in sorted(found, key=lambda m: (m.start, -(m.end - m.start))):  # type: ignore[attr-defined]
        if not kept.overlaps(m.start, m.end) and not blocked.overlaps(m.start, m.end):  # type: ignore[attr-defined]
            out.append(m)
            kept.add(m.start, m.end)  # type: ignore[attr-defined]
    return out


def finditer_near(rx: "re.Pattern[str]", text: str, trigger: "re.Pattern[str]",
                  outside: "re.Pattern[str]") -> Iterator["re.Match[str]"]:
    """``rx.finditer(text)``, run only on the stretches of text that can hold a match.

    For a pattern whose every match holds a match of ``trigger`` and no character ``outside``
    matches (a list never runs across a comma): the stretches between two such characters that
    hold no trigger hold no match, and a costly pattern is run over the few that do.  The pattern
    and the trigger must match no empty string and the trigger no outside character; a pattern
    that looks past its match may only ask whether the next character is one a match may not hold."""
    last = up_to_last(outside)
    end = 0
    for t in trigger.finditer(text):
        if t.start() < end:
            continue  # in the stretch searched already
        before = last.match(text, end, t.start())
        lo = before.end() if before else end
        after = outside.search(text, t.end())
        end = after.start() if after else len(text)
        yield from rx.finditer(text, lo, end)


@lru_cache(maxsize=None)
def up_to_last(marks: "re.Pattern[str]") -> "re.Pattern[str]":
    """All the text up to the last of some marks (a one-character class): matched from a point
    to another, it says where the last stretch between them begins — one call, where a loop over
    every mark would take one step each."""
    return re.compile(rf"[\s\S]*(?:{marks.pattern})")


# What ends a clause (a sentence: these but the commas).
CLAUSE_MARKS = "，,。；;！!？?：:\n"
CLAUSE_BREAK = re.compile(f"[{re.escape(CLAUSE_MARKS)}]")


@lru_cache(maxsize=2)
def clause_breaks(text: str) -> tuple[int, ...]:
    """Where the clauses of a text end (a mark of one character each), in order.  Found once for a
    text: documents, programs and relations all read its clauses (a text is kept while its report
    is read, and the positions are a function of the text alone)."""
    return tuple([m.start() for m in CLAUSE_BREAK.finditer(text)])
# Where a cue verb's reach back stops: a clause break, except the colon, since a verb before a
# colon governs what the colon introduces (推行：A、B).
_NOT_CLAUSE_START = "：:"


@lru_cache(maxsize=None)
def _cue_rx(place: str) -> tuple["re.Pattern[str]", dict[str, str]]:
    table = cues()
    rels = ("issued", "implements")
    return re.compile(table.pattern(*rels, place=place)), {v: r for r in rels for v in table.verbs(r, place)}


def clause_start(text: str, pos: int, window: Optional[int] = None) -> int:
    """Where the clause holding ``pos`` starts (after the last comma or stop), at most ``window`` back.
    Read from the text's clause breaks, found once (every name of a report asks this)."""
    lo = max(0, pos - (window or limits()["clause_window"]))
    breaks = clause_breaks(text)
    i = bisect_left(breaks, pos) - 1
    while i >= 0 and breaks[i] >= lo:
        if text[breaks[i]] not in _NOT_CLAUSE_START:
            return breaks[i] + 1
        i -= 1
    return lo


_TITLE = re.compile(r"《[^《》\n]*》")


def clause_cue(text: str, start: int) -> tuple[str, int] | None:
    """The issued/implements cue nearest before ``start`` in the same clause, and where it is.

    Titles in a list share the verb before the first one (印发《A》《B》和《C》); a verb inside
    a title (《…信息公开条例》) is part of its name, and a verb that only qualifies (修订后的)
    governs nothing.
    """
    rx, relation = _cue_rx("before")
    lo = clause_start(text, start)
    # most clauses hold no title: their titles are looked for only where one opens
    titles = [(t.start(), t.end()) for t in _TITLE.finditer(text, lo, start)] if text.find("《", lo, start) >= 0 else ()
    best = None
    for m in rx.finditer(text, lo, start):
        if titles and any(a < m.start() < b for a, b in titles) or text.startswith("后", m.end()):
            continue
        best = m
    if best is None:
        return None
    return relation[best.group(0)], best.start()


@lru_cache(maxsize=1)
def _trailing_rx() -> "re.Pattern[str]":
    table = cues()
    return re.compile(r"[》”]?(?:[《“][^《》。；;]{1,60}[》”]|[、和及与])*的(?:(" + table.pattern("issued", place="after")
                      + r")|(" + table.pattern("implements", place="after") + r"))")


def trailing_cue(text: str, end: int) -> tuple[str, int] | None:
    """A cue written after its object: 《A》《B》的修订和发布, 对《C》的贯彻落实."""
    m = _trailing_rx().match(text, end)
    if m is None:
        return None
    return ("issued" if m.group(1) else "implements"), m.start(1) if m.group(1) else m.start(2)
