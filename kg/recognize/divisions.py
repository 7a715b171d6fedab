"""Administrative divisions: every name of the national table (provinces down to townships),
the usual short forms of autonomous areas, names retired since (a renamed county), streets
written without 道, the reporting division's own short forms, a province's short form with its
cities' (XY、Z), deixis (我区, 本镇) and communities and villages by their suffixes.

One automaton scans every name.  A name the table gives to several divisions (four 鼓楼区,
82 城关镇) is resolved by what the text says around it: a parent written just before it,
then the divisions the report is about, then distance from the reporting division.  A
township is read only where the report places it: after its parent, or inside a division
the report is about.  A name that may be part of an ordinary word or of another name needs
its parent or the report's own division: the tail of an ordinary word (办理县… is not 理县),
a two-character name that ends longer names (X新区), an ordinary word before a word that
begins with a level character (合作|市场), a joining word before a level word (会同县 after a
body).  A division that begins a zone's proper name (X自由贸易港) is no mention of its own.

Villages and communities are read where the text places them (after their township or
county, in a list after one, as the subject of a clause) or where they look like names — not
ordinary phrases, not what a conferral verb confers, not an honor's kind or field.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Container, Optional, Sequence

from ..data import (Division, DivisionTable, bodies, body_suffixes, cues, divisions, honor_grammar, local_suffixes,
                    organs, words as word_class, zones)
from ..keys import division_key, local_division_key, unlisted_division_key
from ..model import Doc, Findings, Mention, Report, frozen
from ..read import recognition_text
from .text import alternation, body_ranges, char_tags, dictionary, is_cjk, quoted_spans, scan, segment

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


@frozen
class _Hit:
    start: int
    end: int
    candidates: tuple[Division, ...]
    how: str
    loose: bool = False  # _loose, asked by several readers of a hit: worked out once, when it is found


def autonomous_short(name: str) -> Optional[str]:
    """The usual short form of an autonomous prefecture, county or banner: its place name and
    its level (恩施土家族苗族自治州 → 恩施州, 长阳土家族自治县 → 长阳县)."""
    m = _ETHNIC.match(name)
    return m.group(1) + m.group(2) if m else None


def stands_for(word: str, name: str, level: str) -> bool:
    """Whether a bare level word (区, 县, 市, 省, 镇, 街道: in 我区, 全县, 区委) can stand for the
    division of this name and level: 省 for any province-level division, every other word for
    a division whose name ends in it."""
    return level == "province" if word == "省" else name.endswith(word)


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
    for name, divs in table.townships_by_name.items():
        # A street is often written without 道 (X街 for X街道): where no division is named X街.
        if name.endswith("街道") and len(name) >= 4 and name[:-1] not in names:
            names[name[:-1]] = (divs, FULL)
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


def _hits(report: Report) -> list[_Hit]:
    names = _names()
    text = report.source.norm
    hits = []
    for lo, hi in body_ranges(report.source):
        for s, e, (divs, how) in scan(text[lo:hi], names):
            h = _Hit(lo + s, lo + e, divs, how)
            hits.append(_Hit(h.start, h.end, divs, how, True) if _loose(h, text) else h)
    return hits


def _prefixed(h: _Hit, text: str, table: DivisionTable) -> Optional[Division]:
    """The candidate whose parent (or any ancestor) is written right before the name: 南京市鼓楼区."""
    for c in h.candidates:
        for name in _ancestor_names(c.parent):
            if text[max(0, h.start - len(name)):h.start] == name:
                return c
    return None


@lru_cache(maxsize=None)
def _ancestor_names(code: str) -> tuple[str, ...]:
    """The names and short forms (as the text is folded) of a division and its ancestors."""
    return tuple(n for anc in divisions().chain(code) for n in (fold(anc.name), fold(anc.short)) if len(n) >= 2)


def _loose(h: _Hit, text: str) -> bool:
    """A name that may be part of an ordinary word or of another name rather than the place: an
    ordinary word and a word that begins with its level character (合作|市场); a two-character
    name that is the tail of an ordinary word (理县 in 办理县) or an ordinary word itself (城区
    'urban area'), that follows a function word (和县 in 市和县) or that ends other division
    names (X新区, X城区: the tail of a name the table lacks); a name that begins with a word
    joining two bodies (会同县 in X局会同县Y局)."""
    if h.how == SHORT or h.candidates[0].level == "township":
        return False
    if _cue_head(h, text) or _ordinary_before(h, text):
        return True
    if h.end - h.start != 2:
        return False
    if _glued(h, text):
        return True
    words = dictionary()
    name = text[h.start:h.end]
    # 区 is also the common noun 'area': a district named like an ordinary word (城区, 矿区)
    # needs its parent.  (The dictionary's tags of county names are not reliable enough to
    # say more: it tags several 县 as common nouns.)
    ordinary = name.endswith("区") and words.get(name, "ns") not in ("ns", "nz")
    tail = name in _tails() and is_cjk(text[h.start - 1:h.start] or "。") and text[h.start - 1] not in _FUNCTION
    return len(h.candidates) > 1 or ordinary or tail or text[h.end - 1:h.end + 1] in words


def _ordinary_before(h: _Hit, text: str) -> bool:
    """An ordinary word followed by a word that begins with a level character (合作|市场, 平安|区域),
    not a name whose level word begins a word (X县|城区, X市|民 name the place) nor a division
    followed by its own body (X市委, X市政府)."""
    words = dictionary()
    head = text[h.start:h.end - 1]
    return (text[h.end - 1:h.end + 1] in words and words.get(head, "ns") not in _PROPER
            and not text.startswith(_bodies_after(), h.end))


@lru_cache(maxsize=1)
def _bodies_after() -> tuple[str, ...]:
    """What a division's own bodies begin with when written after its name (政府, 委, 政协 …)."""
    forms = set(bodies().gov) | {o.suffix for o in organs() if not o.prefix and o.suffix}
    return tuple(sorted(forms, key=len, reverse=True))


@lru_cache(maxsize=1)
def _tails() -> frozenset[str]:
    """Two-character names (a character and a level word: 新区, 城区, 南县) that also end longer
    names of the table or its history: written after other characters they are more often
    the tail of a name the table lacks, or an ordinary noun, than the division itself; written
    alone they name it inside a division the report is about."""
    names = _names()
    two = {n for n in names if len(n) == 2}
    return frozenset(n[-2:] for n in names if len(n) > 2 and n[-2:] in two)


@lru_cache(maxsize=1)
def _joining() -> tuple[str, ...]:
    """Words that introduce a partner (会同, 联合): a name that begins with one, right after
    another name, is that word followed by a level word (X局会同县Y局)."""
    return tuple(v for v in cues().verbs("cooperatesWith", "before") if len(v) >= 2)


def _cue_head(h: _Hit, text: str) -> bool:
    i = h.start
    return (i > 0 and is_cjk(text[i - 1]) and text[i - 1] not in _FUNCTION
            and text.startswith(_joining(), i))


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
        if h.how in (FULL, AUTONOMOUS, FORMER) and len(h.candidates) == 1 and not h.loose:
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

    def pick(h: _Hit, within: str) -> Division:
        return _prefixed(h, within, table) or max(h.candidates, key=lambda c: (
            support.get(c.parent, 0) + below.get(c.code, 0), -int(c.code)))

    def best(in_span: list[_Hit], within: str = text) -> Optional[Division]:
        """The most specific division the hits name; ``within`` is the text their offsets are in."""
        named = [h for h in in_span if h.how != SHORT and not _glued(h, within)]
        named = [h for h in named if h.candidates[0].level != "township" or len(h.candidates) == 1
                 or _prefixed(h, within, table) or any(support.get(c.parent) for c in h.candidates)]
        if not named:
            return None
        chosen = [pick(h, within) for h in named]
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
        found = list(scan(report.publisher, _names()))
        d = best([_Hit(s, e, divs, how) for s, e, (divs, how) in found], report.publisher)
        if d is not None:
            return d, None
    for name in (report.title, report.publisher or ""):
        m = _UNKNOWN_TITLE.match(name)
        if m and m.group(1) not in _names():
            return None, m.group(1)
    counts: dict[str, int] = {}
    for h in hits:
        if h.how == FULL and len(h.candidates) == 1 and h.candidates[0].level == "county" and not h.loose:
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
    if h.loose:
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
    if h.end - h.start == 2 and text[h.start:h.end] in _tails():
        return None  # 新区, 南县 alone: only inside a division the report is about
    if len(cands) == 1:
        return cands[0]
    if anchor is not None:
        return min(cands, key=lambda c: (c.distance(anchor), c.code))
    return None


@lru_cache(maxsize=1)
def _short_children() -> dict[str, dict[str, Division]]:
    """Province code → the short forms of the prefectures (and counties directly under it)."""
    table = divisions()
    out: dict[str, dict[str, Division]] = {}
    for d in table.by_code.values():
        if d.level in ("prefecture", "county") and d.parent in table.by_code \
                and table.by_code[d.parent].level == "province":
            short = fold(autonomous_short(d.name) or d.short)
            short = short[:-1] if d.name.endswith("州") and short.endswith("州") and len(short) > 2 else short
            if len(short) >= 2 and short != fold(d.name):
                out.setdefault(d.parent, {})[short] = d
    return out


_LIST = re.compile(r"[、和及与]")


def _province_and_cities(report: Report, h: _Hit) -> list[Mention]:
    """A province's short form followed by a city's short form (X省 Y市 written 'XY', and the
    cities listed after it: 'XY、Z'): both divisions are named."""
    text = report.source.norm
    province = h.candidates[0]
    children = _short_children().get(province.code, {})
    out: list[Mention] = []
    i = h.end
    while True:
        child = next(((i + k, children[text[i:i + k]]) for k in (4, 3, 2) if text[i:i + k] in children), None)
        if child is None or text.startswith(tuple(local_suffixes()), child[0]):
            break  # not the beginning of a township's or village's name (X乡, X村)
        if not out:
            out.append(mention(report, h.start, h.end, province))
        out.append(mention(report, i, child[0], child[1]))
        j = _LIST.match(text, child[0])
        if j is None:
            break
        i = j.end()
    return out


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
                      and h.candidates[0].level == "county" and not h.loose
                      and text[h.start:h.end] not in _tails()]  # those need a context themselves
    about = chain + [d for d in dict.fromkeys(named_counties) if d not in chain]
    out: list[Mention] = []
    for h in hits:
        if h.how == SHORT:
            out.extend(_province_and_cities(report, h))
            continue
        d = _choose(h, text, about, table, anchor)
        if d is not None and d.level == "township" and out and out[-1].end == h.start and out[-1].level == "township":
            continue  # townships do not nest: after a township, a township's name begins a village's
        if d is not None:
            out.append(mention(report, h.start, h.end, d))  # link keeps the written form as another name
    taken = [m.span for m in out]
    # The reporting chain's own short forms: 海淀 for 海淀区, also inside 法治海淀 (not inside a village's name).
    words = dictionary()
    shorts = {fold(d.short): d for d in chain if d.short != d.name and d.level != "township"
              and words.get(d.short, "ns") in ("ns", "nz")}  # 公安 (公安县) is the police first
    suffixes = local_suffixes()
    for lo, hi in body_ranges(report.source):
        for s, e, d in scan(text[lo:hi], shorts):
            s, e = s + lo, e + lo
            if not any(a < e and s < b for a, b in taken) and not text.startswith(tuple(suffixes), e):
                out.append(mention(report, s, e, d))
    # A division that begins a zone's proper name (X自由贸易港) is not named on its own.
    out = [m for m in out if not text.startswith(zones(), m.end)]
    for m in _DEICTIC.finditer(text):
        for d in chain:
            if stands_for(m.group(1), d.name, d.level):
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
        listed = anchor is not None  # the table lists the townships of every division it has
        out.extend(_local(report, reporting, out, [m.span for m in out], listed))
    return Findings(mentions=tuple(out), division=reporting)


@lru_cache(maxsize=1)
def _local_rx() -> "re.Pattern[str]":
    return re.compile(alternation(local_suffixes()))


def _local(report: Report, reporting: Mention, found: Sequence[Mention], taken: list[tuple[int, int]],
           listed: bool) -> list[Mention]:
    """Communities and villages (and, where the table has none, townships) by their suffixes.

    A name the text places — written right after its township or county (X镇甲村), or in a list
    after one that is (甲村、乙村) — may be short (one character) or an ordinary word (幸福村);
    one the text does not place must look like a name: not an ordinary word or phrase, not the
    field of an honor (民主法治社区) nor what a conferral verb confers.  Each goes under the
    division it is written after, else the township (or county) named before it in its
    sentence, else the reporting division."""
    text = report.source.norm
    quotes = quoted_spans(text)
    words = dictionary()
    suffixes = local_suffixes()
    above = [m for m in found if m.level in ("county", "township") and m.end - m.start >= 2]
    written = {m.end: m for m in above}  # where a division a village may be written after ends
    ends = {m.end for m in found}
    carriers = tuple(s for s, (_, lv) in suffixes.items() if len(s) >= 2 and lv == "community")
    out: list[Mention] = []
    for lo, hi in body_ranges(report.source):
        for m in _local_rx().finditer(text, lo, hi):
            suffix = m.group(0)
            canonical, level = suffixes[suffix]
            if level == "township" and listed:
                continue
            if level == "community" and text.startswith(carriers, m.end()):
                continue  # X村社区: the village's name is part of the community's
            i = m.start()
            after = text[m.end():m.end() + 1]
            parent, j = _placed(text, i, lo, written, out)
            if j is not None and _not_a_placed_name(text[j:i], suffix, after, words, suffixes):
                parent, j = None, None
            if j is None:
                j = _unplaced_start(text, i, lo, words, ends)
                if j is None:
                    continue
                base = text[j:i]
                if len(base) == 1 and _one_character_subject(text, j, i, m.end(), lo, suffix, words):
                    pass  # 甲村开展…: a one-character name as the subject of its clause
                elif not 2 <= len(base) <= 4 or _conferred(text, j, base, canonical):
                    continue
                if _ordinary(base, suffix, after, words, suffixes) and not _subject(text, j, i, m.end(), lo, words) \
                        and not any(_heads(text, j, m.end(), q) for q in quotes):
                    continue
            quote = next(((a, b) for a, b in quotes if a <= j < b or a < m.end() <= b), None)
            if quote is not None and not _heads(text, j, m.end(), quote):
                continue  # inside quotes only as the head of a body's name (“X社区某工作室”)
            if any(a < m.end() and j < b for a, b in taken):
                continue
            name = text[j:i] + canonical
            if parent is None:
                sentence = report.sentence_at(j)
                before = [t for t in above if t.end <= j and sentence is not None and t.start >= sentence.start]
                towns = [t for t in before if t.level == "township"]
                parent = (towns or before or [reporting])[-1] if level == "community" else \
                    ([t for t in before if t.level == "county"] or [reporting])[-1]
            out.append(Mention("AdministrativeDivision", j, m.end(), report.source.text[j:m.end()], name,
                               local_division_key(parent.key, name), LEVEL_CLASS[level], level=level,
                               parent=parent.key))
            taken.append((j, m.end()))
            if level == "township":
                written[m.end()] = out[-1]
    return out


def _subject(text: str, start: int, i: int, end: int, lo: int, words) -> bool:
    """Whether a name made of one ordinary word (a noun) is the subject of its clause, and so a
    name: it opens the clause and a verb, an adverb or a preposition follows it (X社区用好…)."""
    base = text[start:i]
    if start > lo and text[start - 1] not in "，,。；;：:\n" or base not in words or words[base][0] in _PLACED_NOT_NAME \
            or words.get(text[start:end], "ns") not in _PROPER:  # 民族村, 专业村: a common noun
        return False
    return _continues_with_verb(text, end)


def _continues_with_verb(text: str, end: int) -> bool:
    """Whether a verb, an adverb or a preposition follows ``end`` (the word of two characters
    there, else the first word of the most probable split)."""
    two = dictionary().get(text[end:end + 2], "")
    if two[:1] in ("v", "d", "p") and two != "vn":
        return True
    nxt = segment(text, end, min(len(text), end + 4))
    if not nxt:
        return False
    s, e, tag = nxt[0]
    tag = tag if e - s >= 2 else char_tags().get(text[s], "")
    return tag[:1] in ("v", "d", "p") and tag != "vn"


def _one_character_subject(text: str, start: int, i: int, end: int, lo: int, suffix: str, words) -> bool:
    """A one-character name that opens its clause and is followed by a verb, an adverb or a
    preposition (甲村开展…), where the character is no verb, function word or numeral and
    does not make a word with the suffix (全村, 农村, 驻村)."""
    ch = text[start]
    if start > lo and text[start - 1] not in "，,。；;：:\n" or (ch + suffix[0]) in words:
        return False
    if char_tags().get(ch, "n")[:1] in _PLACED_NOT_NAME or ch in "一二三四五六七八九十百千万多几全每各该本其此我":
        return False
    return _continues_with_verb(text, end)


def _heads(text: str, start: int, end: int, quote: tuple[int, int]) -> bool:
    """Whether the name opens a quoted name of a body that it is the place of (“X社区某调解室”)."""
    return quote[0] == start and end < quote[1] and _body_ending(text[quote[0]:quote[1]])


def _body_ending(name: str) -> bool:
    return name.endswith(tuple(s for s, _ in body_suffixes()) + ("室",))


def _placed(text: str, i: int, lo: int, written: dict[int, Mention], listed: Sequence[Mention]
            ) -> tuple[Optional[Mention], Optional[int]]:
    """(the division, where the name starts) when the name before ``i`` is written right after
    a division (X镇甲村), or after a list mark that follows a placed name (甲村、乙村)."""
    for k in range(1, 5):
        j = i - k
        if j < lo or not is_cjk(text[j]) or text[j] in _LEFT_STOP:
            break
        if j in written:
            return written[j], j
        prev = listed[-1] if listed else None
        if prev is not None and prev.end == j - 1 and text[j - 1] in "、和及" and prev.parent:
            return Mention(prev.kind, prev.start, prev.end, prev.text, prev.label, prev.parent), j
    return None, None


def _not_a_placed_name(base: str, suffix: str, after: str, words, suffixes) -> bool:
    """乡村 after X县, 推进村 or 所有村 after X镇, 行政村: what follows a division is not always
    a name — a function word, a numeral, a second level (镇村), a verb or determiner before the
    suffix, or a common noun the suffix makes (行政村, 农村)."""
    if any(c in _FUNCTION or c in "一二三四五六七八九十百千万多几全每各该本其" for c in base):
        return True
    if len(base) == 1 and base in suffixes:
        return True  # 镇村: two levels named together
    if base in word_class("determiner") or words.get(base, "n")[0] in _PLACED_NOT_NAME:
        return True
    glued = words.get(base + suffix if len(base) == 1 else base[-1] + suffix)  # 乡村, 农业农村
    whole = words.get(base + suffix)  # 专业村, 行政村: a common noun
    return any(w is not None and w not in _PROPER for w in (glued, whole)) \
        or (suffix[-1] + after) in words and len(base) == 1


_PLACED_NOT_NAME = set("vdcprmtfu")


def _unplaced_start(text: str, i: int, lo: int, words, ends: Container[int]) -> Optional[int]:
    """Where a name ending at ``i`` starts when no division is written before it: after the
    last boundary within reach (a mark, a function word, the end of a division's name), past
    a verb or adverb (走访红星社区 → 红星社区); where there is none, the words closing the
    run that are no ordinary words (驻地某某嘎查 → 某某嘎查)."""
    j = i
    while j > lo and is_cjk(text[j - 1]) and text[j - 1] not in _LEFT_STOP and i - j < 6 and j not in ends:
        j -= 1
    if j > lo and is_cjk(text[j - 1]) and text[j - 1] not in _LEFT_STOP and j not in ends:
        # No boundary within reach: the most probable split of the run, read from its end.
        k = i
        for s, e, tag in reversed(segment(text, max(lo, i - 8), i)):
            if e - s >= 2 and tag and tag not in _PROPER:
                break
            k = s
        return k if 2 <= i - k <= 4 else None
    # A verb or adverb before the name is not part of it: 走访红星社区 → 红星社区; nor is a
    # preposition (以X村为…) that makes no word with what follows it.
    while i - j > 3 and words.get(text[j:j + 2], "n")[0] in _NOT_NAME_TAGS:
        j += 2
    if i - j > 2 and text[j] in word_class("preposition") and text[j:j + 2] not in words:
        j += 1
    return j


_PROPER = {"ns", "nr", "nz", "nrt", "nrfg", "nt"}


@lru_cache(maxsize=1)
def _conferral() -> tuple[tuple[str, ...], tuple[str, ...], frozenset[str]]:
    """The verbs that confer or seek an honor, the honor kinds that end with a place's suffix
    (示范村, 文明社区) and the field words that make a place's name a brand (法治, 平安)."""
    table = cues()
    verbs = tuple(v for rel in ("received", "sought") for v in table.verbs(rel))
    kinds = tuple(k for k in honor_grammar().kinds if k[-1] in "村区镇乡街")
    return verbs, kinds, word_class("brand")


def _conferred(text: str, j: int, base: str, canonical: str) -> bool:
    """An honor or a field rather than a place: what a conferral verb confers (被评为X社区), a
    name that ends like an honor (X示范村) or carries a field word (民主法治社区, 平安村)."""
    verbs, kinds, brands = _conferral()
    return text[:j].endswith(verbs) or (base + canonical).endswith(kinds) or any(b in base for b in brands)


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
    if (base[-1] + suffix[0]) in words and base[-1] not in suffixes or (suffix[-1] + after) in words:
        return True
    return len(base) >= 4 and words.get(base[:2]) == "v" and base[2:] in words
