"""Shared helpers for the recognisers: a longest-match scanner and jieba's dictionary as word knowledge."""
from __future__ import annotations

import re
from collections import OrderedDict
from functools import lru_cache
from typing import Iterable, Iterator, Mapping, TypeVar

from ..model import Source

T = TypeVar("T")

CJK = re.compile(r"[\u4e00-\u9fff]")


def is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


class Matcher:
    """Leftmost-longest matching of a table's keys, with an Aho-Corasick automaton (pyahocorasick):
    one pass over the text in C, whatever the size of the table."""

    def __init__(self, table: Mapping[str, T], min_len: int = 2) -> None:
        import ahocorasick

        self.automaton = ahocorasick.Automaton()
        for key, value in table.items():
            if len(key) >= min_len:
                self.automaton.add_word(key, (len(key), value))
        self.empty = len(self.automaton) == 0
        if not self.empty:
            self.automaton.make_automaton()

    def scan(self, text: str) -> Iterator[tuple[int, int, T]]:
        if self.empty:
            return
        for end, (length, value) in self.automaton.iter_long(text):
            yield end + 1 - length, end + 1, value


_MATCHERS: "OrderedDict[int, tuple[object, Matcher]]" = OrderedDict()


def scan(text: str, table: Mapping[str, T], max_len: int = 0, min_len: int = 2) -> Iterator[tuple[int, int, T]]:
    """Leftmost-longest matches of the table's keys in ``text``, not overlapping.

    The index of a table is built the first time it is scanned and kept with it, so the
    tables loaded once at start (divisions, laws, bodies…) are indexed once."""
    entry = _MATCHERS.get(id(table))
    if entry is None or entry[0] is not table:
        entry = (table, Matcher(table, min_len))
        _MATCHERS[id(table)] = entry
        if len(_MATCHERS) > 32:  # small per-report tables come and go; the loaded ones stay in use
            _MATCHERS.popitem(last=False)
    else:
        _MATCHERS.move_to_end(id(table))
    return entry[1].scan(text)


@lru_cache(maxsize=1)
def dictionary() -> Mapping[str, str]:
    """jieba's dictionary (word → part-of-speech tag), words of 2-4 characters.

    Used as general knowledge of what is an ordinary word: a place name such
    as 北院门 is not in it, 品质 or 乡村 are.
    """
    import jieba

    words: dict[str, str] = {}
    with jieba.get_dict_file() as f:
        for raw in f:
            parts = raw.decode("utf-8").split()
            if len(parts) == 3 and 2 <= len(parts[0]) <= 4:
                words[parts[0]] = parts[2]
    return words


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """Spans inside “…” or "…" quotes (contents only)."""
    out = []
    for m in re.finditer(r"“([^“”\n]{1,40})”|\"([^\"\n]{1,40})\"", text):
        g = 1 if m.group(1) is not None else 2
        out.append((m.start(g), m.end(g)))
    return out


def bracketed_spans(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"《[^《》\n]{1,100}》", text)]


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


# Verbs that say what an agent did with a document or program, by relation (annotation guide).
CUES = {
    "issued": ("印发", "出台", "制定", "制订", "发布", "编制", "修订", "公布", "制发", "起草", "颁布", "建立", "公开"),
    "implements": ("贯彻落实", "贯彻", "落实", "执行", "依据", "根据", "按照", "对照", "遵照", "实施", "推行", "推进",
                   "开展", "深化", "深入推进", "全面推行", "推广", "践行", "坚持", "学习", "探索", "打造", "构建", "搭建",
                   "实行", "迭代升级", "纳入", "创新推出", "推出", "启动", "运用", "引入", "围绕", "推动", "加强",
                   "加快"),
}
_CUE_RX = re.compile("|".join(sorted({v for vs in CUES.values() for v in vs}, key=len, reverse=True)))
_CUE_OF = {v: rel for rel, vs in CUES.items() for v in vs}
_CLAUSE_START = re.compile(r"[。；;！!？?，,\n]")


def clause_cue(text: str, start: int, window: int = 80) -> tuple[str, int] | None:
    """The relation cue nearest before ``start`` in the same clause, and where it is.

    Titles in a list share the verb before the first one (印发《A》《B》和《C》).
    """
    lo = max(0, start - window)
    for m in _CLAUSE_START.finditer(text, lo, start):
        lo = m.end()
    best = None
    for m in _CUE_RX.finditer(text, lo, start):
        best = m
    if best is None:
        return None
    return _CUE_OF[best.group(0)], best.start()


_TRAILING = re.compile(r"[》”]?(?:[《“][^《》。；;]{1,60}[》”]|[、和及与])*的(?:(修订|制定|制订|起草|发布|印发|出台|编制)"
                       r"|(贯彻落实|贯彻执行|贯彻|落实|执行))")


def trailing_cue(text: str, end: int) -> tuple[str, int] | None:
    """A cue written after the title: 《A》《B》的修订和发布, 对《C》的贯彻落实."""
    m = _TRAILING.match(text, end)
    if m is None:
        return None
    return ("issued" if m.group(1) else "implements"), m.start(1) if m.group(1) else m.start(2)
