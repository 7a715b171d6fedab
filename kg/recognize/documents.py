"""Policy documents: every title in 《》, and titles written plainly where their form makes them
a specific document — a national law's name, a quoted name with a genre word (“八五”普法规划),
a title with its period (…实施纲要(2021—2025年)), items of a list closed by 等文件, and a
title ending in a compound genre word right after 印发/制定/落实… .
"""
from __future__ import annotations

import re
from typing import Iterator, Optional

from ..data import divisions, genres, national_laws, short_name
from ..keys import document_key
from ..model import Doc, Findings, Mention, Report
from .text import body_ranges, bracketed_spans, clause_cue, first_longest, scan, trailing_cue

_GENRE = "规划|纲要|方案|计划|意见|条例|办法|规定|细则|清单|目录|措施|要点|预案|通知"
_COMPOUND = ("实施方案|工作方案|行动方案|实施细则|实施意见|实施办法|管理办法|工作办法|工作要点|责任清单|"
             "权力清单|行动计划|工作规则|工作规定|应急预案|指导意见|若干措施|若干规定")
# Verbs that stand before a title, longest first; the title starts after the last one.
_VERBS = ("贯彻落实", "深入贯彻", "认真贯彻", "严格执行", "印发", "出台", "制定", "制订", "发布", "编制", "修订", "公布",
          "制发", "起草", "贯彻", "落实", "执行", "实施", "根据", "依据", "按照", "对照", "遵循", "学习", "宣传", "围绕",
          "推进", "深入", "深化", "认真", "严格", "全面", "积极", "持续", "进一步")
_VERB_RX = re.compile("|".join(sorted(_VERBS, key=len, reverse=True)))
_PERIOD = re.compile(r"([\u4e00-\u9fff“”]{4,40}?(?:纲要|规划|方案|计划))\s*[(（]\s*((?:19|20)\d{2}\s*[-—–－~至]+\s*(?:19|20)\d{2})\s*年?\s*[)）]")
_QUOTED = re.compile(rf"“([\u4e00-\u9fff]{{2,15}})”([\u4e00-\u9fff]{{0,6}}?)({_GENRE})(?![\u4e00-\u9fff]{{0,2}}(?:制度|机制|工作|改革|体系|建设))")
_LISTED = re.compile(r"((?:[\u4e00-\u9fff]{4,30}、)*[\u4e00-\u9fff]{4,30})等(?:文件|法律法规|法规|规定|政策文件|制度文件)")
_VERB_TITLE = re.compile(rf"(?:{_VERB_RX.pattern})了?([\u4e00-\u9fff]{{2,30}}?(?:{_COMPOUND}))(?![\u4e00-\u9fff])")
_WELL_KNOWN = re.compile(r"(?:(?:[\u4e00-\u9fff]{2,8}(?:省|市|区|县))?政府工作报告)|党的[一二三四五六七八九十]{2,4}大报告")
_ENDS_IN_GENRE = re.compile(rf"(?:{_GENRE}|法|法典|报告|汇编|手册|制度|机制|指引|指南)$")
_DASH = re.compile(r"[—–－―~-]+")


def _mention(report: Report, start: int, end: int, label: str, alt: Optional[str] = None) -> Mention:
    full = national_laws().get(label)
    alts: tuple[str, ...] = ()
    if full and full != label:
        alts, label = (label,), full
    elif alt and alt != label:
        alts = (alt,)
    return Mention("PolicyDocument", start, end, report.source.text[start:end], label, document_key(label),
                   genres().of(label) or "", alts)


def _after_verb(run: str, min_len: int) -> int:
    """Where a title starts inside a run of text: after the last verb that leaves at least
    ``min_len`` characters of title."""
    cut = 0
    for m in _VERB_RX.finditer(run):
        if len(run) - m.end() >= min_len:
            cut = m.end()
    return cut


_OWN_BODY = re.compile(r"^(区|县|市|州|旗)(委|政府|人大|政协|人民政府)")
_OWN_GENRE = re.compile(r"^(?:政府工作报告|法治政府建设(?:年度)?(?:情况)?报告)$")  # always the district's own
_FOREIGN = re.compile(r"^(中共|中华人民共和国|国务院|全国|中央|党的|国家)")


def qualify(title: str, division: str) -> str:
    """The title a district's own document has in the graph: with the district's name in front.

    Two districts may each issue a 法治政府建设实施方案; written plainly in their own
    reports, the title alone does not say whose it is, so the issuer's name is added
    (the title as written stays as an alternative label).
    """
    if _FOREIGN.match(title) or title.startswith(short_name(division)):
        return title
    if re.match(r"^(我|本)(区|县|市|州|旗)", title):
        return division + title[2:]
    table = divisions()
    for length in range(min(table.max_len, len(title)), 1, -1):
        if title[:length] in table.by_name:
            return title
    if _OWN_BODY.match(title) and division.endswith(title[0]):
        return short_name(division) + title
    return division + title


def recognize(doc: Doc) -> Findings:
    """Document mentions; the reporting division's own documents (印发/制定… with no
    place in the title) get its name in front, so that they do not merge with another
    district's document of the same plain title."""
    report, division = doc.report, doc.division
    mentions = _recognize(report)
    if division is None:
        return Findings(mentions=mentions)
    out = []
    text = report.source.norm
    for m in mentions:
        cue = clause_cue(text, m.start) or trailing_cue(text, m.end)
        own = (cue and cue[0] == "issued") or _OWN_GENRE.match(m.label)
        if own and m.label not in national_laws().values():
            label = qualify(m.label, division.label)
            if label != m.label:
                m = _mention(report, m.start, m.end, label, alt=m.label)
        out.append(m)
    return Findings(mentions=tuple(out))


def _recognize(report: Report) -> tuple[Mention, ...]:
    text = report.source.norm
    found: list[Mention] = []
    brackets = bracketed_spans(text)
    for s, e in brackets:
        title = text[s + 1 : e - 1].strip()
        if title and not re.fullmatch(r"[\d\s\W]+", title):
            inner = s + 1 + (len(text[s + 1 : e - 1]) - len(text[s + 1 : e - 1].lstrip()))
            found.append(_mention(report, inner, inner + len(title), title))
    found.extend(_plain(report, brackets))
    return tuple(first_longest(found))


def _plain(report: Report, brackets: list[tuple[int, int]]) -> Iterator[Mention]:
    text = report.source.norm

    def free(s: int, e: int) -> bool:
        return not any(a < e and s < b for a, b in brackets)

    laws = national_laws()
    for lo, hi in body_ranges(report.source):
        for s, e, _ in scan(text[lo:hi], laws):
            s, e = s + lo, e + lo
            if free(s, e) and not re.match(r"[律规定治院官庭制学务]", text[e : e + 1]):
                yield _mention(report, s, e, text[s:e])
    for m in _PERIOD.finditer(text):
        run = m.group(1)
        cut = _after_verb(run, 6)
        s = m.start(1) + cut
        title = text[s : m.end(1)] + "(" + _DASH.sub("—", m.group(2).replace(" ", "")) + "年)"
        if free(s, m.end()) and len(run) - cut >= 6:
            yield _mention(report, s, m.end(), title, alt=text[s : m.end(1)])
    for m in _QUOTED.finditer(text):
        if free(m.start(), m.end()):
            label = m.group(1) + m.group(2) + m.group(3)
            yield _mention(report, m.start(), m.end(), label)
    for m in re.finditer(r"“([^“”\n]{2,15}(?:" + _GENRE + r"))”", text):
        if free(m.start(), m.end()) and re.search(r"[一二三四五六七八九十两]", m.group(1)):
            yield _mention(report, m.start(1), m.end(1), m.group(1))  # “一规划两纲要”: a named set of documents
    for m in _LISTED.finditer(text):
        pos = m.start(1)
        for i, item in enumerate(m.group(1).split("、")):
            cut = _after_verb(item, 4) if i == 0 else 0
            title = item[cut:]
            if _ENDS_IN_GENRE.search(title) and len(title) >= 4 and free(pos + cut, pos + len(item)):
                yield _mention(report, pos + cut, pos + len(item), title)
            pos += len(item) + 1
    for m in _VERB_TITLE.finditer(text):
        title = m.group(1)
        if free(m.start(1), m.end(1)) and not re.search(r"[的和及与、]", title) and len(title) >= 6:
            yield _mention(report, m.start(1), m.end(1), title)
    for m in _WELL_KNOWN.finditer(text):
        if free(m.start(), m.end()):
            title = m.group(0)
            cut = _after_verb(title, 5)
            yield _mention(report, m.start() + cut, m.end(), title[cut:])
