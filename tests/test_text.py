"""The shared matching helpers give what their plain definitions give.

first_longest, Spans and finditer_near exist to do quickly what a loop over every span or
every position does; each is checked here against that loop, over random spans and over
random text made of the pieces a pattern is built from (names, list marks, counts, commas).
"""
from __future__ import annotations

import re

from hypothesis import given, settings, strategies as st

from kg.data import limits
from kg.recognize.text import Spans, clause_start, finditer_near, first_longest, starts

spans = st.lists(st.tuples(st.integers(0, 60), st.integers(0, 12)).map(lambda p: (p[0], p[0] + p[1])), max_size=25)


class Span:
    def __init__(self, start: int, end: int) -> None:
        self.start, self.end = start, end


def _first_longest_by_definition(found: list[Span], taken: list[tuple[int, int]]) -> list[Span]:
    kept = list(taken)
    out = []
    for m in sorted(found, key=lambda m: (m.start, -(m.end - m.start))):
        if not any(a < m.end and m.start < b for a, b in kept):
            out.append(m)
            kept.append((m.start, m.end))
    return out


@given(spans, spans)
def test_text_first_longest_keeps_what_a_check_of_every_kept_span_keeps(found: list[tuple[int, int]], taken: list[tuple[int, int]]):
    readings = [Span(a, b) for a, b in found]
    assert first_longest(readings, taken) == _first_longest_by_definition(readings, taken)


@given(spans, st.integers(0, 70), st.integers(0, 15))
def test_text_spans_finds_every_span_that_overlaps_and_no_other(spans_: list[tuple[int, int]], start: int, length: int):
    end = start + length
    index = Spans(spans_)
    expected = sorted({(a, b) for a, b in spans_ if a < end and start < b})
    assert sorted(set(index.overlapping(start, end))) == expected
    assert index.overlaps(start, end) == bool(expected)


# A list summed up by a count, as the recognisers read them: items joined by 、, closed by
# 等, a count and a word that sums them up; lists never run across a comma or a full stop.
_LIST = re.compile(r"((?:[^，。、]{2,6}、)+[^，。、]{2,6}?)(?:等)?\d+(?:项|个)(?:成果|举措)(?![甲乙])")
_TRIGGER = re.compile(r"[项个](?:成果|举措)")
_OUTSIDE = re.compile(r"[，。]")
_PIECES = ["甲", "乙", "丙", "甲乙", "乙丙甲", "、", "甲乙、", "丙丙丙、", "等", "3", "12", "项", "个", "成果", "举措",
           "等12项成果", "3个举措", "，", "。", "\n", " "]


@settings(max_examples=500)
@given(st.lists(st.sampled_from(_PIECES), max_size=60).map("".join))
def test_text_finditer_near_finds_what_finditer_finds(text: str):
    spans_near = [(m.span(), m.groups()) for m in finditer_near(_LIST, text, _TRIGGER, _OUTSIDE)]
    assert spans_near == [(m.span(), m.groups()) for m in _LIST.finditer(text)]


@given(st.lists(st.sampled_from(["推进", "推行", "开展", "甲", "乙", "，"]), max_size=30).map("".join))
def test_text_a_first_character_check_changes_no_match(text: str):
    words = ["推进", "推行", "开展"]
    plain = re.compile("|".join(words))
    checked = re.compile(starts(words) + "(?:" + "|".join(words) + ")")
    assert [m.span() for m in checked.finditer(text)] == [m.span() for m in plain.finditer(text)]


@given(st.lists(st.sampled_from(["甲", "乙", "，", "。", "；", "\n"]), max_size=200).map("".join), st.integers(0, 200))
def test_text_a_clause_starts_after_the_last_mark_before_it_within_the_window(text: str, pos: int):
    pos = min(pos, len(text))
    lo = max(0, pos - limits()["clause_window"])
    marks = [m.end() for m in re.finditer(r"[。；;！!？?，,\n]", text[:pos]) if m.start() >= lo]
    assert clause_start(text, pos) == (marks[-1] if marks else lo)


def test_text_jieba_dictionary_is_jiebas_file_line_by_line():
    """The dictionary is read by splitting the whole file into columns; each line read on its own
    (the file as jieba itself opens it) gives the same words, tags and costs, in the same order."""
    import math

    import jieba

    from kg.recognize.text import _jieba_dictionary

    tags, costs, chars = {}, {}, {}
    base = math.log(60_000_000)
    with jieba.get_dict_file() as f:
        for line in f.read().decode("utf-8").splitlines():
            word, count, tag = line.split(" ")
            if len(word) > 4:
                continue
            costs[word] = math.log(int(count) or 1) - base
            (chars if len(word) == 1 else tags)[word] = tag
    got = _jieba_dictionary()
    assert [list(d.items()) for d in got[:3]] == [list(tags.items()), list(costs.items()), list(chars.items())]


def test_text_a_file_that_is_not_jiebas_dictionary_is_refused_with_its_name(tmp_path, monkeypatch):
    import pytest

    from kg.data import DataError
    from kg.recognize import text

    bad = tmp_path / "dict.txt"
    bad.write_text("法治 100 n\n政府 二十 n\n", encoding="utf-8")
    monkeypatch.setattr(text, "_jieba_dictionary_path", lambda: str(bad))
    text._jieba_dictionary.cache_clear()
    try:
        with pytest.raises(DataError, match=f"{bad}: not jieba's dictionary"):
            text._jieba_dictionary()
    finally:
        text._jieba_dictionary.cache_clear()
