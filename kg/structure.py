"""Decoded text → a structured report: title, year, dates, publisher, sections, sentences.

Chinese official reports number their parts in a few fixed ways (一、 / (一) /
1. / 一是…); the heading of a top-level part usually says what it is
(成效, 不足, 安排, 第一责任人…).  We keep that role on every section so later
stages can tell what was done from what is only planned.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from typing import Iterator, Optional

from .data import roles
from .model import Report, Section, Sentence, Source, Span, frozen

NUM = "一二三四五六七八九十"
_HEADINGS = [  # (level, pattern); the pattern's group 1 is the number
    (1, re.compile(rf"([{NUM}]{{1,3}})\s*[、.．]\s*")),
    (2, re.compile(rf"[(（]([{NUM}]{{1,3}})[)）]\s*")),
    (3, re.compile(r"(\d{1,2})\s*[、.．](?![\d])\s*")),
    (4, re.compile(rf"([{NUM}]{{1,3}})(?:是|要|抓)(?=[\u4e00-\u9fff“\"])")),
]
# The mark before the item is matched, not looked behind at: re tries a pattern that opens with
# a lookbehind at every character, and looks for the mark alone (the item's group is the same).
_INLINE_ITEM = re.compile(rf"[。；;：:！!]\s*([{NUM}]{{1,3}})是(?=[\u4e00-\u9fff“\"])")
# A sentence: up to a run of stops (with a closing quote), or to the end of its line; without the
# white space before it (after it there is none: a line is stripped, and a stop is no space).
_SENTENCE = re.compile(r"\s*([^。！？!?；;]*[。！？!?；;]+[”’\"]?|[^。！？!?；;]+)")
_IMPLICIT = [  # unnumbered paragraphs that open a part of their own
    ("plans", re.compile(r"^(下一步|下步|今后|明年|下一阶段)|^\d{4}年[,，]?\s*(我区|我县|我市|全区|全县|全市)?(将|要)")),
    ("shortcomings", re.compile(r"(存在|还有|仍有).{0,12}(不足|问题|差距).{0,8}(主要是|主要表现|表现在)")),
]
_TITLE_WORDS = re.compile(r"报告|总结|情况|工作|要点|公告|通知")
_REPORTED = re.compile(r"现将(.{4,60}?)(报告|汇报|总结)如下")
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_DATE_LINE = re.compile(r"^\s*((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*$")
_ISO_DATE = re.compile(r"((?:19|20)\d{2})[-./年](\d{1,2})[-./月](\d{1,2})")


def heading_role(heading: str, year: Optional[int] = None) -> Optional[str]:
    for role, rx in roles():
        if rx.search(heading):
            return role
    if year is not None:  # "2024年工作" in a 2023 report is a plan
        m = _YEAR.search(heading)
        if m and int(m.group(1)) > year:
            return "plans"
    return None


@frozen
class Line:
    start: int
    end: int
    text: str  # from Source.norm


def lines(source: Source) -> list[Line]:
    """The non-furniture, non-blank lines of the source, stripped, with offsets."""
    out, pos = [], 0
    furniture = {(s.start, s.end) for s in source.furniture}
    for raw in source.norm.splitlines(keepends=True):
        body = raw.rstrip("\r\n")
        lead = len(body) - len(body.lstrip())
        text = body.strip()
        start = pos + lead
        pos += len(raw)
        if text and (start, start + len(text)) not in furniture:
            out.append(Line(start, start + len(text), text))
    return out


def _iso(y: str, m: str, d: str) -> Optional[str]:
    if 1 <= int(m) <= 12 and 1 <= int(d) <= 31:
        return f"{int(y):04d}-{int(m):02d}-{int(d):02d}"
    return None


def _title(source: Source, body: list[Line]) -> tuple[str, Optional[Span]]:
    for line in body[:3]:
        t = line.text
        if len(t) <= 60 and _TITLE_WORDS.search(t) and not re.search(r"[。，,：:；;]$", t) and "。" not in t:
            return t, Span(line.start, line.end)
    for key in ("articletitle", "htmltitle"):
        value = source.meta_value(key)
        if value:
            return re.split(r"\s*[-_|—]{1,2}\s*(?=[^-_|—]*$)", value)[0] if key == "htmltitle" else value, None
    for line in body[:5]:
        m = _REPORTED.search(line.text)
        if m and _YEAR.search(m.group(1)):
            title = m.group(1) + ("报告" if m.group(2) == "报告" and not m.group(1).endswith("报告") else "")
            return title, Span(line.start + m.start(1), line.start + m.end(1))
    return source.name.rsplit(".", 1)[0], None


def _signature(body: list[Line]) -> tuple[Optional[str], Optional[str]]:
    """(date, signer) from a closing block: a line that is only a date, the signer just above it."""
    tail = body[-6:]
    for i in range(len(tail) - 1, -1, -1):
        m = _DATE_LINE.match(tail[i].text)
        if m:
            signer = None
            if i > 0:
                above = tail[i - 1].text
                if len(above) <= 40 and not re.search(r"[，,。；;：:！!？?\d]", above):
                    signer = above
            return _iso(*m.groups()), signer
    return None, None


_AGENT = re.compile(r"^(.{2,30}?(?:人民政府|政府|委员会|办公室|领导小组|局))\s*(?:19|20)\d{2}\s*年")


def _title_agent(title: str) -> Optional[str]:
    """The body named at the head of a title such as 'X县人民政府2023年法治政府建设情况报告'."""
    m = _AGENT.match(title)
    return m.group(1) if m else None


def _year(title: str, body: list[Line], published: Optional[str]) -> Optional[int]:
    m = _YEAR.search(title)
    if m:
        return int(m.group(1))
    for line in body[:5]:
        m = _REPORTED.search(line.text)
        if m and (y := _YEAR.search(m.group(1))):
            return int(y.group(1))
    if published:
        return int(published[:4]) - 1
    return None


_HEADING_END = re.compile(r"[。；;：:！!？?]")  # where a heading written inline ends


def _marks(line: Line) -> Iterator[tuple[int, int, str, int]]:
    """Section starts in one line: (level, offset, number, heading end)."""
    text = line.text
    for level, rx in _HEADINGS:
        m = rx.match(text)
        if m:
            rest = text[m.end():]
            cut = _HEADING_END.search(rest)
            end = m.end() + (cut.start() if cut else len(rest))
            if level in (1, 2) and cut is None and len(rest) > 80:
                break  # a long unpunctuated line is a paragraph that happens to start with a number
            yield level, line.start, m.group(1), line.start + end
            break
    for m in _INLINE_ITEM.finditer(text):
        rest = text[m.end(1) + 1:]
        cut = _HEADING_END.search(rest)
        yield 4, line.start + m.start(1), m.group(1), line.start + m.end(1) + 1 + (cut.start() if cut else len(rest))


def structure(source: Source) -> Report:
    body = lines(source)
    title, title_span = _title(source, body)
    sig_date, signer = _signature(body)
    published = None
    for key in ("published", "pubdate"):
        value = source.meta_value(key)
        if value and (m := _ISO_DATE.search(value)):
            published = _iso(*m.groups())
            break
    published = published or sig_date
    year = _year(title, body, published)
    publisher = signer or _title_agent(title) or source.meta_value("source") or source.meta_value("contentsource")

    raw: list[tuple[int, int, str, int, Optional[str]]] = []  # level, start, number, heading end, implicit role
    for line in body:
        marks = list(_marks(line))
        if not marks and (title_span is None or line.start != title_span.start):
            for role, rx in _IMPLICIT:
                if rx.search(line.text):
                    raw.append((1, line.start, "", line.end, role))
                    break
        raw.extend((lv, st, num, he, None) for lv, st, num, he in marks)
    raw.sort(key=lambda r: r[1])

    sections: list[Section] = []
    stack: list[int] = []
    ends = _ends(raw, len(source.text))
    for i, (level, start, number, head_end, implicit) in enumerate(raw):
        end = ends[i]
        while stack and sections[stack[-1]].level >= level:
            stack.pop()
        parent = stack[-1] if stack else None
        heading = source.text[start:head_end].strip()
        # A part's heading says its role; the parts inside it inherit that role.
        role = sections[parent].role if parent is not None else None
        role = implicit or role or heading_role(source.norm[start:head_end], year)
        sections.append(Section(len(sections), level, number, heading, start, end, role, parent))
        stack.append(len(sections) - 1)

    sentences: list[Sentence] = []
    starts = [sec.start for sec in sections]
    for line in body:
        for a, b in _split(line.text):
            s, e = line.start + a, line.start + b
            sentences.append(Sentence(len(sentences), s, e, _innermost(sections, starts, s)))
    return Report(source, title, title_span, tuple(sections), tuple(sentences), published, publisher, year)


def _ends(marks: list[tuple], n: int) -> list[int]:
    """Where each part ends: where the next part of its level or above begins (else at ``n``).
    One sweep from the end, keeping the parts that may still close one before them."""
    ends = [n] * len(marks)
    later: list[tuple[int, int]] = []  # (level, start), levels rising towards the top of the stack
    for i in range(len(marks) - 1, -1, -1):
        level = marks[i][0]
        while later and later[-1][0] > level:
            later.pop()
        if later:
            ends[i] = later[-1][1]
        later.append((level, marks[i][1]))
    return ends


def _split(text: str) -> list[tuple[int, int]]:
    """The sentences of a (stripped) line: up to each run of stops (with a closing quote), without
    the white space at their edges.  One pass of a pattern, where a loop trimmed each piece."""
    return [m.span(1) for m in _SENTENCE.finditer(text)]


def _innermost(sections: list[Section], starts: list[int], offset: int) -> Optional[int]:
    """The deepest section holding ``offset``.  Sections nest (a part ends where the next part of
    its level or above begins), so it is the last one starting at or before the offset, or the
    first of its enclosing parts that has not ended there."""
    i = bisect_right(starts, offset) - 1
    while i >= 0 and sections[i].end <= offset:
        i = -1 if sections[i].parent is None else sections[i].parent
    return i if i >= 0 else None
