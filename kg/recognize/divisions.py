"""Administrative divisions: every name of the national table (provinces down to townships),
the usual short forms of autonomous areas, names retired since (a renamed county), the
reporting division's own short forms, deixis (我区, 本镇) and communities and villages by
their suffixes.

One automaton scans every name.  A name the table gives to several divisions (four 鼓楼区,
82 城关镇) is resolved by what the text says around it: a parent written just before it,
then the divisions the report is about, then distance from the reporting division.  A
township is read only where the report places it: after its parent, or inside a division
the report is about; a county-level name of two characters only where it is not the tail
of an ordinary word (办理县… is not 理县).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional, Sequence

from ..data import Division, DivisionTable, divisions, local_suffixes
from ..keys import division_key, local_division_key, unlisted_division_key
from ..model import Doc, Findings, Mention, Report
from ..read import recognition_text
from .text import body_ranges, dictionary, inside, is_cjk, quoted_spans, scan

LEVEL_RANK = {"province": 0, "prefecture": 1, "county": 2, "township": 3, "community": 4}
LEVEL_CLASS = {"province": "Province", "prefecture": "Prefecture", "county": "County",
               "township": "Township", "community": "Community"}

# How a name was found: its official name, a usual short form of an autonomous area
# (恩施州), a name it had before a change, a province's short form (kept only for the
# report's own chain: it is there to shadow a county name that starts inside it).
FULL, AUTONOMOUS, FORMER, SHORT = "full", "autonomous", "former", "short"

# 我区, 本镇, 我街道: the nearest division of the reporting chain whose name ends so.
_DEICTIC = re.compile(r"(?:我|本)(街道|省|市|区|县|州|旗|盟|镇|乡)")
# Function words that end a name on its left (a place written after 在, 和, 对 …).
_FUNCTION = set("的在和与及或等各个对为向从由于至到把被将是了其该每")
_LEFT_STOP = set("，,。；;：:、（）()“”\"《》 \t\n") | _FUNCTION
# jieba's tags of words that never name a place: verbs, adjectives, adverbs, conjunctions,
# prepositions, pronouns, numerals, time words.
_NOT_NAME_TAGS = set("vadcprmtfu")
_UNKNOWN_TITLE = re.compile(r"^(?:[\u4e00-\u9fff]{2,8}?(?:省|市|自治区|自治州|地区|盟))?([\u4e00-\u9fff]{2,6}?(?:区|县|市|旗))"
                            r"(?:人民政府|政府)?\s*(?:19|20)\d{2}")
_ETHNIC = re.compile(r"^(.{2,}?)(?:[\u4e00-\u9fff]{1,4}?族)+自治(州|县|旗)$")


@dataclass(frozen=True)
class _Hit:
    start: int
    end: int
    candidates: tuple[Division, ...]
    how: str


def autonomous_short(name: str) -> Optional[str]:
    """The usual short form of an autonomous prefecture, county or banner: its place name and
    its level (恩施土家族苗族自治州 → 恩施州, 长阳土家族自治县 → 长阳县)."""
    m = _ETHNIC.match(name)
    return m.group(1) + m.group(2) if m else None


@lru_cache(maxsize=None)
def fold(name: str) -> str:
    """A name as the recognisers read text: simplified, width-folded (乾县 stays matchable
    where the text's folding turns 乾 into 干)."""
    return recognition_text(name)


@lru_cache(maxsize=1)
def _names() -> dict[str, tuple[tuple[Division, ...], str]]:
    """Every name the scan looks for, folded as the text is → (the divisions it may be, how
    it names them)."""
    raw = _raw_names()
    keys = list(raw)
    folded = recognition_text("\n".join(keys)).split("\n")
    if len(folded) != len(keys):
        folded = [fold(k) for k in keys]
    names: dict[str, tuple[tuple[Division, ...], str]] = {}
    for key, f in zip(keys, folded):
        divs, how = raw[key]
        prior = names.get(f)
        if prior is None or how == FULL and prior[1] != FULL:
            names[f] = (divs, how)
        elif prior[1] == how:  # two names that fold alike
            names[f] = (prior[0] + divs, how)
    return names


def _raw_names() -> dict[str, tuple[tuple[Division, ...], str]]:
    table = divisions()
    names: dict[str, tuple[tuple[Division, ...], str]] = {}
    for name, divs in table.by_name.items():
        names[name] = (divs, FULL)
    for name, divs in table.townships_by_name.items():
        prior = names.get(name)
        names[name] = ((prior[0] if prior else ()) + divs, FULL)
    for d in table.by_code.values():
        short = autonomous_short(d.name) if d.level != "township" else None
        if short and short not in names:
            names[short] = ((d,), AUTONOMOUS)
    for old, changes in table.former.items():
        if old not in names:
            names[old] = (tuple(dict.fromkeys(c.division for c in changes)), FORMER)
    for d in table.by_code.values():
        if d.level == "province" and d.short != d.name:
            names.setdefault(d.short, ((d,), SHORT))
    return names


@lru_cache(maxsize=1)
def _max_len() -> int:
    return max(map(len, _names()))


def _hits(report: Report) -> list[_Hit]:
    names = _names()
    text = report.source.norm
    hits = []
    for lo, hi in body_ranges(report.source):
        for s, e, (divs, how) in scan(text[lo:hi], names, _max_len()):
            hits.append(_Hit(lo + s, lo + e, divs, how))
    return hits


def _prefixed(h: _Hit, text: str, table: DivisionTable) -> Optional[Division]:
    """The candidate whose parent (or any ancestor) is written right before the name: 南京市鼓楼区."""
    for c in h.candidates:
        for anc in table.chain(c.parent):
            for name in (fold(anc.name), fold(anc.short)):
                if len(name) >= 2 and text[max(0, h.start - len(name)):h.start] == name:
                    return c
    return None


def _loose(h: _Hit, text: str) -> bool:
    """A two-character name that may be the tail or head of an ordinary word (理县 in 办理县,
    城区 as 'urban area', 新县 in 新县城) or follow a function word (和县 in 市和县)."""
    if h.end - h.start != 2 or h.how == SHORT or h.candidates[0].level == "township":
        return False
    if _glued(h, text):
        return True
    words = dictionary()
    name = text[h.start:h.end]
    # 区 is also the common noun 'area': a district named like an ordinary word (城区, 矿区)
    # needs its parent.  (The dictionary's tags of county names are not reliable enough to
    # say more: it tags several 县 as common nouns.)
    ordinary = name.endswith("区") and words.get(name, "ns") not in ("ns", "nz")
    return len(h.candidates) > 1 or ordinary or text[h.end - 1:h.end + 1] in words


def _glued(h: _Hit, text: str) -> bool:
    """A two-character name whose first character ends the word before it or is a function word."""
    i = h.start
    if h.end - i != 2 or i == 0:
        return False
    left = text[i - 1]
    return ((is_cjk(left) and text[i - 1:i + 1] in dictionary())
            or ((is_cjk(left) or left in "）)”」』") and text[i] in _FUNCTION))


def _support(hits: Sequence[_Hit], text: str, table: DivisionTable) -> dict[str, int]:
    """How often the text names each division or something inside it (unambiguous names only)."""
    support: dict[str, int] = {}
    for h in hits:
        if h.how in (FULL, AUTONOMOUS, FORMER) and len(h.candidates) == 1 and not _loose(h, text):
            for anc in table.chain(h.candidates[0].code):
                support[anc.code] = support.get(anc.code, 0) + 1
    return support


def _reporting(report: Report, hits: list[_Hit], table: DivisionTable) -> tuple[Optional[Division], Optional[str]]:
    """The division the report is about: the most specific one its title, publisher line or
    opening lines name; else the county-level division the text names most often."""
    text = report.source.norm
    support = _support(hits, text, table)

    # An ambiguous name is also supported by the townships the text names inside it.
    below: dict[str, int] = {}
    for h in hits:
        if h.candidates[0].level == "township":
            for c in h.candidates:
                below[c.parent] = below.get(c.parent, 0) + 1

    def pick(h: _Hit) -> Division:
        return _prefixed(h, text, table) or max(h.candidates, key=lambda c: (
            support.get(c.parent, 0) + below.get(c.code, 0), -int(c.code)))

    def best(in_span: list[_Hit]) -> Optional[Division]:
        named = [h for h in in_span if h.how != SHORT and not _glued(h, text)]
        named = [h for h in named if h.candidates[0].level != "township" or len(h.candidates) == 1
                 or _prefixed(h, text, table) or any(support.get(c.parent) for c in h.candidates)]
        if not named:
            return None
        chosen = [pick(h) for h in named]
        return max(chosen, key=lambda d: (LEVEL_RANK[d.level], -chosen.index(d)))

    spans = []
    if report.title_span:
        spans.append((report.title_span.start, report.title_span.end))
    spans.extend((s.start, s.end) for s in report.sentences[:3])
    for lo, hi in spans:
        d = best([h for h in hits if lo <= h.start and h.end <= hi])
        if d is not None:
            if report.title_span is None or lo != report.title_span.start:
                d = _speaker_within(d, text, table) or d
            return d, None
    if report.publisher:
        found = list(scan(report.publisher, _names(), _max_len()))
        d = best([_Hit(s, e, divs, how) for s, e, (divs, how) in found])
        if d is not None:
            return d, None
    for name in (report.title, report.publisher or ""):
        m = _UNKNOWN_TITLE.match(name)
        if m and m.group(1) not in _names():
            return None, m.group(1)
    counts: dict[str, int] = {}
    for h in hits:
        if h.how == FULL and len(h.candidates) == 1 and h.candidates[0].level == "county" and not _loose(h, text):
            counts[h.candidates[0].code] = counts.get(h.candidates[0].code, 0) + 1
    if counts:
        code = max(sorted(counts), key=lambda c: counts[c])
        return table.by_code[code], None
    return None, None


def _speaker_within(d: Division, text: str, table: DivisionTable) -> Optional[Division]:
    """When the opening lines name a city but the report speaks as a county or township
    (我县, 本镇), the speaker is the division inside that city whose name (or short form) the
    text uses most."""
    said = {m.group(1) for m in _DEICTIC.finditer(text)} - {"省", "市", "州", "盟"}
    if not said or any(d.name.endswith(w) for w in said):
        return None
    counts: dict[str, int] = {}
    below = list(table.children.get(d.code, ()))
    while below:
        c = below.pop()
        below.extend(table.children.get(c.code, ()) if c.level != "township" else ())
        if any(c.name.endswith(w) for w in said):
            n = text.count(c.name) + (text.count(c.short) if len(c.short) >= 2 and c.short != c.name else 0)
            if n:
                counts[c.code] = n
    if not counts:
        return None
    return table.by_code[max(sorted(counts), key=lambda code: counts[code])]


def _choose(h: _Hit, text: str, about: Sequence[Division], table: DivisionTable,
            anchor: Optional[Division]) -> Optional[Division]:
    """The division a name stands for here, or None when the text does not place it."""
    cands = h.candidates
    township = cands[0].level == "township"
    prefixed = _prefixed(h, text, table)
    if prefixed is not None:
        return prefixed
    if anchor is not None and anchor in cands:
        return anchor
    if _loose(h, text):
        return None
    # Inside what the report is about: its own chain first, then every division it names.
    for ctx in about:
        within = [c for c in cands if table.is_within(c.code, ctx.code)]
        if len(within) == 1:
            return within[0]
        if within and not township:
            cands = tuple(within)
    if township:
        return None  # a township the text does not place is not guessed
    if len(cands) == 1:
        return cands[0]
    if anchor is not None:
        return min(cands, key=lambda c: (c.distance(anchor), c.code))
    return None


def mention(report: Report, start: int, end: int, d: Division) -> Mention:
    return Mention("AdministrativeDivision", start, end, report.source.text[start:end], d.name,
                   division_key(d.code), LEVEL_CLASS[d.level], code=d.code, level=d.level)


def recognize(doc: Doc) -> Findings:
    """The reporting division and every division mention."""
    table = divisions()
    report = doc.report
    text = report.source.norm
    hits = _hits(report)
    anchor, unknown = _reporting(report, hits, table)
    chain = table.chain(anchor.code) if anchor else []
    # What the report is about, nearest first: its own chain, then the counties it names.
    named_counties = [h.candidates[0] for h in hits if h.how == FULL and len(h.candidates) == 1
                      and h.candidates[0].level == "county" and not _loose(h, text)]
    about = chain + [d for d in dict.fromkeys(named_counties) if d not in chain]
    out: list[Mention] = []
    for h in hits:
        if h.how == SHORT:
            continue
        d = _choose(h, text, about, table, anchor)
        if d is not None:
            out.append(mention(report, h.start, h.end, d))  # link keeps the written form as another name
    taken = [m.span for m in out]
    # The reporting chain's own short forms: 海淀 for 海淀区, also inside 法治海淀 (not inside a village's name).
    words = dictionary()
    shorts = {fold(d.short): d for d in chain if d.short != d.name and d.level != "township"
              and words.get(d.short, "ns") in ("ns", "nz")}  # 公安 (公安县) is the police first
    suffixes = local_suffixes()
    for lo, hi in body_ranges(report.source):
        for s, e, d in scan(text[lo:hi], shorts, max((len(k) for k in shorts), default=0)):
            s, e = s + lo, e + lo
            if not any(a < e and s < b for a, b in taken) and not text.startswith(tuple(suffixes), e):
                out.append(mention(report, s, e, d))
    for m in _DEICTIC.finditer(text):
        for d in chain:
            if d.name.endswith(m.group(1)) or (m.group(1) == "市" and d.level == "province" and d.name.endswith("市")):
                out.append(mention(report, m.start(), m.end(), d))
                break
    reporting: Optional[Mention] = None
    if anchor is not None:
        first = next((m for m in out if m.code == anchor.code), None)
        reporting = first or mention(report, 0, 0, anchor)
    elif unknown is not None:
        pos = text.find(unknown)
        reporting = Mention("AdministrativeDivision", max(pos, 0), max(pos, 0) + len(unknown) if pos >= 0 else 0,
                            unknown if pos >= 0 else "", unknown, unlisted_division_key(unknown), "County",
                            level="county")
        if pos >= 0:
            out.append(reporting)
    if reporting is not None:
        # Townships by suffix only where the table cannot list them: under a division it lacks.
        listed = anchor is not None and any(table.townships(d.code) for d in chain if d.level != "township")
        out.extend(_local(report, reporting, out, [m.span for m in out], listed))
    return Findings(mentions=tuple(out), division=reporting)


@lru_cache(maxsize=1)
def _local_rx() -> "re.Pattern[str]":
    return re.compile("|".join(re.escape(s) for s in sorted(local_suffixes(), key=len, reverse=True)))


def _local(report: Report, reporting: Mention, found: Sequence[Mention], taken: list[tuple[int, int]],
           listed: bool) -> list[Mention]:
    """Communities and villages (and, where the table has none, townships) by their suffixes,
    each under the township named before it in its sentence, else the reporting division."""
    text = report.source.norm
    quotes = quoted_spans(text)
    words = dictionary()
    suffixes = local_suffixes()
    townships = [m for m in found if m.level == "township"]
    ends = {m.end for m in found}  # a name starts where the division written before it ends
    out: list[Mention] = []
    for lo, hi in body_ranges(report.source):
        for m in _local_rx().finditer(text, lo, hi):
            suffix = m.group(0)
            canonical, level = suffixes[suffix]
            if level == "township" and listed:
                continue
            i = m.start()
            j = i
            while j > lo and is_cjk(text[j - 1]) and text[j - 1] not in _LEFT_STOP and i - j < 6 and j not in ends:
                j -= 1
            if j > lo and is_cjk(text[j - 1]) and text[j - 1] not in _LEFT_STOP and j not in ends:
                continue  # no boundary within reach: part of a longer phrase
            # A verb or adverb before the name is not part of it: 走访红星社区 → 红星社区.
            while i - j > 3 and words.get(text[j:j + 2], "n")[0] in _NOT_NAME_TAGS:
                j += 2
            base = text[j:i]
            if not 2 <= len(base) <= 4:
                continue
            if _ordinary(base, suffix, text[m.end():m.end() + 1], words, suffixes):
                continue
            if inside(quotes, j, m.end()) or any(a < m.end() and j < b for a, b in taken):
                continue
            name = base + canonical
            sentence = report.sentence_at(j)
            before = [t for t in townships if t.end <= j and sentence is not None and t.start >= sentence.start]
            parent = before[-1] if before and level == "community" else reporting
            out.append(Mention("AdministrativeDivision", j, m.end(), report.source.text[j:m.end()], name,
                               local_division_key(parent.key, name), LEVEL_CLASS[level], level=level,
                               parent=parent.key))
            taken.append((j, m.end()))
    return out


def _ordinary(base: str, suffix: str, after: str, words, suffixes) -> bool:
    """Whether base + suffix is ordinary language rather than a name: 品质社区, 美丽乡村,
    推进乡镇, 用好村, 小事不出村 — a common word or a verb phrase before the suffix, or the
    suffix gluing into the next word."""
    if base in suffixes or (base in words and words[base] not in ("ns", "nz", "nr", "nrt")):
        return True
    if len(suffix) == 1 and base[-1] in suffixes and words.get(base) not in ("ns", "nz"):
        return True  # 镇村, 乡村: two levels named together
    if words.get(base[-2:], "n")[0] == "v" or any(c in "不没未" for c in base):
        return True  # a verb before the suffix, or a negation: a phrase, not a name
    if (base[-1] + suffix[0]) in words or (suffix[-1] + after) in words:
        return True
    return len(base) >= 4 and words.get(base[:2]) == "v" and base[2:] in words
