"""Administrative divisions: the national list by full name, the reporting division's own short
forms, 我区/我县/本市…, and townships, streets, communities and villages by their suffixes.

Ambiguous names (four 鼓楼区) are resolved by what the text says around them:
a parent written just before the name, then the divisions the report is about,
then distance from the reporting division.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional, Sequence

from ..data import Division, DivisionTable, divisions
from ..keys import division_key, local_division_key, unlisted_division_key
from ..model import Doc, Findings, Mention, Report
from .text import body_ranges, dictionary, inside, is_cjk, quoted_spans, scan

LEVEL_RANK = {"province": 0, "prefecture": 1, "county": 2, "township": 3, "community": 4}

_DEICTIC = re.compile(r"(?:我|本|全)(省|市|区|县|州|旗)")
# Suffixes of places below the county, longest first, with the level they name.
_LOCAL = (("街道办事处", "township"), ("街道", "township"), ("镇", "township"), ("乡", "township"),
          ("社区", "community"), ("村", "community"))
_LOCAL_RX = re.compile("|".join(s for s, _ in _LOCAL))
# Characters that end a name on its left: punctuation and the function words that stand before a place.
_LEFT_STOP = set("，,。；;：:、（）()“”\"《》 \t\n的在和与及或等各个对为向从由于至到把被将是了其该每")
_UNKNOWN_TITLE = re.compile(r"^(?:[\u4e00-\u9fff]{2,8}?(?:省|市|自治区|自治州|地区|盟))?([\u4e00-\u9fff]{2,6}?(?:区|县|市|旗))"
                            r"(?:人民政府|政府)?\s*(?:19|20)\d{2}")


@dataclass(frozen=True)
class _Hit:
    start: int
    end: int
    candidates: tuple[Division, ...]
    short: bool  # matched by a short form


@lru_cache(maxsize=1)
def _names() -> dict[str, tuple[tuple[Division, ...], bool]]:
    table = divisions()
    names: dict[str, tuple[tuple[Division, ...], bool]] = {}
    for name, divs in table.by_name.items():
        names[name] = (divs, False)
    # Province short forms take part in the scan so that they shadow a county name starting
    # inside them (江西城区 is not 西城区); they are kept only when the report is about them.
    for d in table.by_code.values():
        if d.level == "province" and d.short != d.name:
            names.setdefault(d.short, ((d,), True))
    return names


def _hits(report: Report, table: DivisionTable) -> list[_Hit]:
    names = _names()
    text = report.source.norm
    hits = []
    for lo, hi in body_ranges(report.source):
        for s, e, (divs, short) in scan(text[lo:hi], names, table.max_len):
            hits.append(_Hit(lo + s, lo + e, divs, short))
    return hits


def _choose(hit: _Hit, text: str, context: Sequence[Division], table: DivisionTable,
            anchor: Optional[Division]) -> Optional[Division]:
    cands = hit.candidates
    if len(cands) == 1:
        return cands[0]
    # A parent written right before the name: 南京市鼓楼区.
    for c in cands:
        for anc in table.chain(c.parent):
            if text[max(0, hit.start - len(anc.name)) : hit.start] == anc.name:
                return c
    # The divisions the report is about, nearest level first.
    for ctx in context:
        inside_ctx = [c for c in cands if table.is_within(c.code, ctx.code)]
        if len(inside_ctx) == 1:
            return inside_ctx[0]
    if anchor is not None:
        return min(cands, key=lambda c: (c.distance(anchor), c.code))
    return None


def _reporting(report: Report, hits: list[_Hit], table: DivisionTable) -> tuple[Optional[Division], Optional[str]]:
    """The division the report is about: the most specific one its title (or signer) names."""
    text = report.source.norm
    support: dict[str, int] = {}
    for h in hits:
        if not h.short and len(h.candidates) == 1:
            for anc in table.chain(h.candidates[0].code):
                support[anc.code] = support.get(anc.code, 0) + 1

    def pick(h: _Hit) -> Division:
        return max(h.candidates, key=lambda c: (support.get(c.parent, 0), -int(c.code)))

    def best(in_span: list[_Hit]) -> Optional[Division]:
        full = [h for h in in_span if not h.short and (h.end - h.start > 2 or _prefixed(h, text, table))]
        if not full:
            return None
        chosen = [pick(h) for h in full]
        return max(chosen, key=lambda d: (LEVEL_RANK[d.level], -chosen.index(d)))

    spans = []
    if report.title_span:
        spans.append((report.title_span.start, report.title_span.end))
    lines = [s for s in report.sentences[:3]]
    spans.extend((s.start, s.end) for s in lines)
    for lo, hi in spans:
        d = best([h for h in hits if lo <= h.start and h.end <= hi])
        if d is not None:
            return d, None
    for name in (report.title, report.publisher or ""):
        m = _UNKNOWN_TITLE.match(name)
        if m and m.group(1) not in table.by_name:
            return None, m.group(1)
    # No title: the county-level division the text names most often.
    counts: dict[str, int] = {}
    for h in hits:
        if (not h.short and len(h.candidates) == 1 and h.candidates[0].level == "county"
                and (h.end - h.start > 2 or _prefixed(h, text, table))):
            counts[h.candidates[0].code] = counts.get(h.candidates[0].code, 0) + 1
    if counts:
        code = max(sorted(counts), key=lambda c: counts[c])
        return table.by_code[code], None
    return None, None


def _prefixed(h: _Hit, text: str, table: DivisionTable) -> bool:
    return any(text[max(0, h.start - len(a.name)) : h.start] == a.name
               for c in h.candidates for a in table.chain(c.parent))


_LEVEL_CLASS = {"province": "Province", "prefecture": "Prefecture", "county": "County",
                "township": "Township", "community": "Community"}


def _mention(report: Report, start: int, end: int, d: Division) -> Mention:
    return Mention("AdministrativeDivision", start, end, report.source.text[start:end], d.name,
                   division_key(d.code), _LEVEL_CLASS[d.level], code=d.code, level=d.level)


def recognize(doc: Doc) -> Findings:
    """The reporting division and every division mention."""
    table = divisions()
    report = doc.report
    text = report.source.norm
    hits = _hits(report, table)
    anchor, unknown = _reporting(report, hits, table)
    chain = table.chain(anchor.code) if anchor else []
    context = chain[1:] if chain else []
    out: list[Mention] = []
    taken: list[tuple[int, int]] = []
    for h in hits:
        if h.short:
            continue
        if h.end - h.start == 2 and not _prefixed(h, text, table) and not (anchor and anchor in h.candidates):
            continue  # 和县, 城区: two-character names only with their parent written before them
        d = _choose(h, text, context, table, anchor)
        if d is not None:
            out.append(_mention(report, h.start, h.end, d))
            taken.append((h.start, h.end))
    # The reporting chain's own short forms: 莲湖, 石景山, 法治硚口.
    shorts = {d.short: d for d in chain if d.short != d.name}
    for lo, hi in body_ranges(report.source):
        for s, e, d in scan(text[lo:hi], shorts, max((len(k) for k in shorts), default=0)):
            s, e = s + lo, e + lo
            if not any(a < e and s < b for a, b in taken):
                out.append(_mention(report, s, e, d))
    # 我区, 本市, 全县: the nearest division of the chain with that suffix.
    for m in _DEICTIC.finditer(text):
        if m.group(0).startswith("全"):
            continue  # 全区 names the area as a whole, not a mention of the division
        for d in chain:
            if d.name.endswith(m.group(1)) or (m.group(1) == "市" and d.level == "province" and d.name.endswith("市")):
                out.append(_mention(report, m.start(), m.end(), d))
                break
    reporting: Optional[Mention] = None
    if anchor is not None:
        first = next((m for m in out if m.code == anchor.code), None)
        reporting = first or _mention(report, 0, 0, anchor)
    elif unknown is not None:
        pos = text.find(unknown)
        reporting = Mention("AdministrativeDivision", max(pos, 0), max(pos, 0) + len(unknown) if pos >= 0 else 0,
                            unknown if pos >= 0 else "", unknown, unlisted_division_key(unknown), "County",
                            level="county")
        if pos >= 0:
            out.append(reporting)
    if reporting is not None:
        out.extend(_local(report, reporting, taken))
    return Findings(mentions=tuple(out), division=reporting)


def _local(report: Report, parent: Mention, taken: list[tuple[int, int]]) -> list[Mention]:
    """Streets, townships, communities and villages, attached to the reporting division."""
    text = report.source.norm
    quotes = quoted_spans(text)
    words = dictionary()
    out = []
    for lo, hi in body_ranges(report.source):
        for m in _LOCAL_RX.finditer(text, lo, hi):
            suffix = m.group(0)
            level = dict(_LOCAL)[suffix]
            i = m.start()
            j = i
            while j > lo and is_cjk(text[j - 1]) and text[j - 1] not in _LEFT_STOP and i - j < 6:
                j -= 1
            base = text[j:i]
            if not 2 <= len(base) <= 4 or (j > lo and is_cjk(text[j - 1]) and text[j - 1] not in _LEFT_STOP):
                continue
            after = text[m.end() : m.end() + 1]
            if (base in words and words[base] not in ("ns", "nz")) or (base[-1] + suffix[0]) in words or (suffix[-1] + after) in words:
                continue  # 品质社区, 美丽乡村, 推进乡镇: ordinary words, not names
            if len(base) >= 4 and words.get(base[:2]) == "v" and base[2:] in words:
                continue  # 推进智慧社区: a verb and a word, not a name
            if inside(quotes, j, m.end()) or any(a < m.end() and j < b for a, b in taken):
                continue
            name = base + ("街道" if suffix == "街道办事处" else suffix)
            out.append(Mention("AdministrativeDivision", j, m.end(), report.source.text[j:m.end()], name,
                               local_division_key(parent.key, name), _LEVEL_CLASS[level], level=level,
                               parent=parent.key))
    return out
