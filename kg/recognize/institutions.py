"""Institutions, recognised by how Chinese body names are built around a division.

A body's name is a division (its name, or a level word such as 区, 县, 镇 or 街道 that
stands for the reporting division or its ancestor of that level) with a form around it:
the division's own organs (data/organs.tsv: 中共X委, X党工委, 政协X委员会, X办事处 …),
a standard body written after it (data/bodies.tsv: 人民政府, 司法局, 人大常委会 …), or,
after a full division name, any short noun phrase with a body's ending
(data/body_suffixes.tsv: …领导小组, …指挥部, …中心, …协会).  A party committee's own
bodies follow it (中共X区委全面依法治区委员会办公室) and name it too, and a body's party
group follows the body (X司法局党组).  Canonical names are full and qualified: 区司法局 in
X区's report is X区司法局, 县委 in 滑县's is 中共滑县县委, 镇政府 in a town's is that
town's 人民政府.

Without a division: the next body of a list shares the division of the one before (X市委、
市政府); a department or 政协 written alone is the reporting division's (or, where it has no
such body, the nearest division above it that has); a department's own report names itself
(我局, 局党组); the page's source field names a body; central bodies keep their own names.
"""
from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache
from typing import Container, Optional, Sequence

from ..data import Bodies, Body, Organ, body_suffixes, bodies, cues, divisions, organs, words as word_class
from ..keys import division_key, institution_key
from ..model import Doc, Findings, Mention, Report, frozen
from .divisions import fold, stands_for
from .text import body_ranges, dictionary, is_cjk, quoted_spans, scan, segment

# Level words that stand for a division of the reporting chain, longest first.
_LEVEL_WORDS = ("自治区", "自治州", "自治县", "自治旗", "街道", "区", "县", "市", "省", "州", "旗", "盟", "镇", "乡")
_LEVEL_BY_FIRST = {c: tuple(w for w in _LEVEL_WORDS if w[0] == c) for c in {w[0] for w in _LEVEL_WORDS}}
# A term of office between a division and its body: 第五届人民代表大会, 十二届市委.
_TERM = re.compile(r"第?[一二三四五六七八九十]{1,3}届")
_BODY_STOP = set("的和与及或、，,。；;：:在对为由向从将把被是了等各个其该每这那之")
_PARTY_COMMITTEE = re.compile(r"((?:全面)?依法治[区县市省州旗盟]委员会|[\u4e00-\u9fff]{2,10}?委员会|[\u4e00-\u9fff]{2,10}?领导小组)(办公室)?")
_NOT_BODY = re.compile(r"首批|第[一二三四五六七八九十]+批|常务会|常委会|全会|会议|书记|主任|领导(?!小组)|负责人|干部|代表|委员$|中心组|成员|了")
_LOCAL_UNITS = ("司法所", "派出所", "人民法庭")


@frozen
class _Place:
    name: str
    key: str
    kind: str  # an organ kind: province prefecture county town street community
    short: bool = False  # written in a short form (X for X市): a name built on it is a proper name


def _kind(level: Optional[str], name: str) -> str:
    if level == "township":
        return "street" if name.endswith("街道") else "town"
    return level or "county"


def _mention(report: Report, start: int, end: int, canonical: str, cls: str, jurisdiction: Optional[str],
             parent: Optional[str] = None, parent_cls: Optional[str] = None) -> Mention:
    return Mention("Institution", start, end, report.source.text[start:end], canonical,
                   institution_key(canonical), cls, jurisdiction=jurisdiction, parent=parent,
                   parent_cls=(parent_cls or "PartyOrgan") if parent else None)


def _chain(division: Optional[Mention]) -> list[_Place]:
    if division is None:
        return []
    if not division.code:
        return [_Place(division.label, division.key, _kind(division.level, division.label))]
    return [_Place(d.name, division_key(d.code), _kind(d.level, d.name)) for d in divisions().chain(division.code)]


def _level_place(word: str, chain: Sequence[_Place]) -> Optional[_Place]:
    """区/县/市/省/镇/街道 → the division of the reporting chain it stands for."""
    for p in chain:
        if stands_for(word, p.name, p.kind):
            return p
    return None


def recognize(doc: Doc) -> Findings:
    report, division = doc.report, doc.division
    text = report.source.norm
    words = dictionary()
    b = bodies()
    chain = _chain(division)
    level_place = {w: _level_place(w, chain) for w in _LEVEL_WORDS}
    # Where a run of division names starts, where it ends and which division it names
    # (X省Y市Z区 → Z区, the last of the run).
    place_at: dict[int, tuple[int, _Place]] = {}
    ends: dict[int, int] = {}
    for m in sorted(doc.of_kind("AdministrativeDivision"), key=lambda m: m.start):
        if m.end - m.start < 2:
            continue
        if text[m.start:m.end] in ("我区", "我县", "我市", "我省", "本市", "本区", "本县"):
            continue
        start = ends.pop(m.start, m.start)
        place_at[start] = (m.end, _Place(m.label, m.key, _kind(m.level, m.label), m.text != m.label
                                         and m.label.startswith(m.text)))
        ends[m.end] = start
    out: list[Mention] = []
    taken: list[tuple[int, int]] = []
    # The division of each body found, by where the body ends: the next body of a list shares
    # it (X市委、市政府 → X市人民政府; X县公安局、司法局 → X县司法局).
    place_of: dict[int, _Place] = {}

    def free(s: int, e: int) -> bool:
        return not any(a < e and s < bb for a, bb in taken)

    def add(m: Mention) -> None:
        if free(m.start, m.end):
            out.append(m)
            taken.append((m.start, m.end))

    def listed(i: int) -> Optional[_Place]:
        """The division of the body that ends a list item right before ``i``."""
        if i > 0 and text[i - 1] in _LIST_JOIN:
            return place_of.get(i - 1)
        return None

    def place(i: int, lo: int) -> Optional[tuple[int, _Place, bool]]:
        """The division written at i: (its end, the division, whether written in full)."""
        if i in place_at:
            end, p = place_at[i]
            term = _TERM.match(text, end)
            return (term.end() if term else end), p, True
        for w in _LEVEL_BY_FIRST.get(text[i:i + 1], ()):
            if not text.startswith(w, i):
                continue
            # what the word stands for first: many level words written stand for no division here
            shared = listed(i)
            p = shared if shared is not None and _level_place(w, [shared]) else level_place[w]
            if p is not None and (i == lo or not _glued_left(text, i, words)) \
                    and not _glued_right(text, i, i + len(w), words):
                return i + len(w), p, False
        return None

    def body_at(i: int, lo: int) -> Optional[tuple[Mention, _Place]]:
        for organ in organs() if text.startswith(_prefixes(), i) else ():
            if organ.prefix and text.startswith(organ.prefix, i):
                at = place(i + len(organ.prefix), lo)
                if at is not None:
                    m = _organ(report, i, at[0], at[1], organ, text, b)
                    if m is not None:
                        return m, at[1]
        at = place(i, lo)
        if at is not None:
            m = _after_place(report, i, at[0], at[1], text, b, words, at[2], place_at)
            if m is not None:
                return _party_group(report, m, text) or m, at[1]
        return None

    # Only where a division is written, or an organ's prefix or a level word starts, can a
    # body start: visit those positions, in order, instead of every character.
    starts = sorted(set(place_at) | {m.start() for m in _starts_rx().finditer(text)})
    for lo, hi in body_ranges(report.source):
        after = lo  # the end of the last body found
        for i in starts:
            if i < after or i < lo:
                continue
            if i >= hi:
                break
            found = body_at(i, lo)
            if found is not None:
                add(found[0])
                out.extend(_named_inside(report, found[0], found[1], text, b))
                place_of[found[0].end] = found[1]
                after = found[0].end
    for lo, hi in body_ranges(report.source):
        for s, e, (canonical, cls) in scan(text[lo:hi], b.national):
            s, e = s + lo, e + lo
            if free(s, e) and not (canonical.endswith("部") and text[e:e + 1] == "门") \
                    and not (s > lo and _glued(text, s, words)):
                add(_mention(report, s, e, canonical, cls, None))
    for m in _CENTRAL.finditer(text):
        if free(m.start(), m.end()):
            add(_mention(report, m.start(), m.end(), "党中央", "PartyOrgan", None))
    for m in _bare(report, chain, words, free, listed):
        add(m)
    for m in _local_units(report, chain, words):
        add(m)
    own = _own_department(report, out)
    if own is not None:
        for m in _own_forms(report, own):
            add(m)
    source = report.source.meta_value("source")
    if source:
        found = _page_source(report, source, chain, place_at, body_at)
        if found is not None:
            add(found)
    return Findings(mentions=tuple(out), publisher=own or _publisher(report, out))


_LIST_JOIN = "、和及与"  # marks between the items of a list of bodies
# 中央 for the party's centre, not after 党 (党中央 is read whole); what it begins, then what is
# before it: re looks for the word alone.
_CENTRAL = re.compile(r"中央(?<!党中央)(?=[和、及与关的决精部])")



def _named_inside(report: Report, body: Mention, place: _Place, text: str, b: Bodies) -> list[Mention]:
    """The bodies a body's name names on the way: the party committee whose body it is (X市委党校
    names X市委), the congress of 'X人大及其常委会'."""
    if body.cls == "PartyOrgan" and body.parent_cls == "PartyOrgan" and body.parent:
        # The committee is the shortest organ form the name opens with (中共X市委…, 市委…).
        for end in range(body.start + 1, body.end):
            for organ in organs():
                if organ.cls != "PartyOrgan" or "body" in organ.kinds or place.kind not in organ.kinds \
                        or not text.startswith(organ.prefix, body.start) or not text.startswith(organ.suffix, end):
                    continue
                m = _organ(report, body.start, end, place, organ, text, b, extend=False)
                if m is not None and body.label.startswith(m.label):
                    return [m]
        return []
    written = text[body.start:body.end]
    joint = written.find("及其")
    if joint > 0:
        for k in range(joint - 1, 0, -1):
            head = b.gov.get(written[k:joint])
            if head is not None and body.label.startswith(place.name):
                return [_department(report, body.start, body.start + joint, place, head)]
    return []


@lru_cache(maxsize=1)
def _bare_forms() -> dict[str, tuple[Optional[Body], Optional[Organ], bool]]:
    """Bodies written without their division: (the body, the organ, whether it names one definite
    body alone).  A department (司法局, 发改委: the reporting division's own, or its county's) and
    a CPPCC committee (政协) do; a court, a government or a people's congress written bare is a
    generic noun (法院判决) — named only as the next item of a list (X市委党校和社会主义学院)."""
    out: dict[str, tuple[Optional[Body], Optional[Organ], bool]] = {}
    for written, body in bodies().gov.items():
        if len(written) >= 2:
            out[written] = (body, None, body.cls == "Department")
    for organ in organs():
        if not organ.prefix and organ.cls == "CPPCC":
            out[organ.suffix] = (None, organ, True)
    return out


# What may stand before a bare body: the start of a clause, a function word or a list mark.
_BARE_LEFT_STOP = set("各全本该每其他此这等诸市县区省州旗盟镇乡级")
# A post of a body (政协委员, 司法局长) or a meeting of it is no body.
_POST = re.compile(r"委员(?!会)|主席|常委(?!会)|会议|会(?![员])")


def _bare(report: Report, chain: Sequence[_Place], words, free, listed) -> list[Mention]:
    """Departments and the CPPCC written alone (司法局牵头, 政协视察): the reporting division's,
    or — where the reporting division has no such body — the nearest one above it that has."""
    if not chain:
        return []
    text = report.source.norm
    forms = _bare_forms()
    out: list[Mention] = []
    for lo, hi in body_ranges(report.source):
        for s, e, (body, organ, alone) in scan(text[lo:hi], forms):
            s, e = s + lo, e + lo
            shared = listed(s)
            if not alone and shared is None or not free(s, e):
                continue
            left = text[s - 1] if s > lo else ""
            if left in _BARE_LEFT_STOP or (is_cjk(left) and left not in _BODY_STOP and _glued(text, s, words)):
                continue
            if _POST.match(text, e) or not _ends_word(text, e) or organ is not None and _attributive(text, e):
                continue
            p = shared or _bare_place(chain, body, organ)
            if p is None:
                continue
            if body is not None:
                out.append(_department(report, s, e, p, body))
            else:
                out.append(_mention(report, s, e, organ.name(p.name), organ.cls, p.key))
    return out


def _attributive(text: str, end: int) -> bool:
    """Whether a bare name runs on into what it qualifies (政协提案, 政协民主监督, 政协委员): it
    then speaks of that kind of body in general, not of one.  A body named on its own ends a
    phrase (a mark or a function word follows) or acts (an adverb or a cue verb follows)."""
    if end >= len(text) or not is_cjk(text[end]) or text[end] in _BODY_STOP:
        return False
    return not text.startswith(_acting(), end)


@lru_cache(maxsize=1)
def _acting() -> tuple[str, ...]:
    table = cues()
    verbs = {v for rel in ("issued", "implements", "received", "sought", "cooperatesWith") for v in table.verbs(rel)}
    return tuple(sorted(verbs | set(word_class("adverb")), key=len, reverse=True))


def _bare_place(chain: Sequence[_Place], body: Optional[Body], organ: Optional[Organ]) -> Optional[_Place]:
    if organ is not None:
        kinds = organ.kinds
    elif body.written.endswith("厅"):
        kinds = frozenset({"province"})  # a 厅 is a provincial department
    else:
        kinds = frozenset({"county", "prefecture"})
    return next((p for p in chain if p.kind in kinds), None)


def _glued(text: str, i: int, words) -> bool:
    """Whether the character before ``i`` makes a word with the name's first one (集中办)."""
    return text[i - 1:i + 1] in words


def _ends_word(text: str, end: int) -> bool:
    """Whether a body of the table read up to ``end`` ends there, or its last character begins
    the next word instead: by the most probable split of the text from that character on
    (县人大常委会|报告 and 县人民法院|会同, but 区政府办|理 → 区政府|办理, 执法队|伍 → 执法|队伍)."""
    if end >= len(text) or text[end - 1:end + 1] not in dictionary():
        return True
    return _first_word(text[end - 1:end + 3]) == 1


@lru_cache(maxsize=4096)
def _first_word(s: str) -> int:
    """How long the first word of the most probable split of a short string is (the same few
    strings come back in every report: 市场…, 中心组…)."""
    return segment(s, 0, len(s))[0][1]


_OWN_TITLE = re.compile(r"\s*(?:关于|(?:19|20)\d{2}\s*年)")


def _own_department(report: Report, found: Sequence[Mention]) -> Optional[Mention]:
    """A department's own report: its title opens with the department (X市司法局2022年…报告,
    X市司法局关于…的报告)."""
    span = report.title_span
    if span is None:
        return None
    head = next((m for m in found if span.start <= m.start < span.end), None)
    if head is None or head.cls != "Department" or report.source.norm[span.start:head.start].strip() \
            or not _OWN_TITLE.match(report.source.norm, head.end):
        return None
    return head


_SELF = re.compile(r"(?:我|本)(?:局|厅|委|办)(?![\u4e00-\u9fff]?(?:长|级))|(局|厅|委|办)(党组|党委)(?!会|成员|书记)")


def _own_forms(report: Report, own: Mention) -> list[Mention]:
    """How a department's report names itself: 我局, 本局 — and its party group, 局党组 (the
    mention is 党组: 局 stands for the department itself)."""
    text = report.source.norm
    out = []
    for m in _SELF.finditer(text):
        if m.group(1) is None:
            out.append(replace(own, start=m.start(), end=m.end(), text=report.source.text[m.start():m.end()]))
        elif own.label.endswith(m.group(1)):
            # 局 is the department speaking of itself (as 我局: the agent of what 局党组 does is the
            # department), 党组 names its party group.
            organ = next(o for o in organs() if "body" in o.kinds and o.suffix == m.group(2))
            out.append(_mention(report, m.start(2), m.end(), organ.name(own.label), organ.cls, own.jurisdiction,
                                own.key, own.cls))
    return out


def _page_source(report: Report, source: str, chain: Sequence[_Place], place_at, body_at) -> Optional[Mention]:
    """The body a page's metadata names as its source (来源：县司法局), read with the body
    grammar where it is written (page furniture is otherwise not read)."""
    text = report.source.norm
    i = text.find(source)
    if i < 0:
        return None
    end, p = i, None
    names = sorted(((fold(c.name), c) for c in chain), key=lambda x: -len(x[0]))
    while True:  # the reporting chain written in full before the body (X省X市司法局)
        hit = next(((n, c) for n, c in names if n and text.startswith(n, end)), None)
        if hit is None:
            break
        end, p = end + len(hit[0]), hit[1]
    if p is not None:
        place_at[i] = (end, p)
    found = body_at(i, i)
    if found is None or found[0].end != i + len(source):
        return None
    return found[0]


@lru_cache(maxsize=1)
def _starts_rx() -> "re.Pattern[str]":
    """The first character of each level word or organ's prefix written (overlaps included: a
    match is that one character).  Each branch opens with its character, and re looks for those
    characters alone."""
    words = set(_LEVEL_WORDS) | {o.prefix for o in organs() if o.prefix}
    branches = []
    for first in sorted({w[0] for w in words}):
        rests = sorted((w[1:] for w in words if w[0] == first), key=len, reverse=True)
        after = "" if "" in rests else "(?=" + "|".join(map(re.escape, rests)) + ")"
        branches.append(re.escape(first) + after)
    return re.compile("|".join(branches))


def _publisher(report: Report, bodies: Sequence[Mention]) -> Optional[Mention]:
    """The body that the signature, the title or the page's source names."""
    if not report.publisher:
        return None
    name = report.publisher
    exact = [m for m in bodies if report.source.norm[m.start:m.end] == name]
    inside = [m for m in bodies if m.end - m.start >= 2 and report.source.norm[m.start:m.end] in name]
    return (exact or sorted(inside, key=lambda m: m.start - m.end) or [None])[0]


def _glued_left(text: str, i: int, words) -> bool:
    """全区, 社区, 城市, 市区: the level word belongs to the word before it."""
    if i == 0 or not is_cjk(text[i - 1]):
        return False
    if text[i - 1] in "全本我各该":
        return True
    if text[i - 1] in _BODY_STOP:
        return False  # 市政府和县委: a function word before the level word
    # 办理县人大: 理县 is a word, but 理 already ends 办理
    return text[i - 1:i + 1] in words and text[max(0, i - 2):i] not in words


def _glued_right(text: str, start: int, end: int, words) -> bool:
    """市场, 区域, 县城: the level word text[start:end] begins a word — no body or organ follows
    it, and the most probable split of the text there keeps it in that word (市场|监督, but
    县|政务|服务)."""
    if text[end - 1:end + 1] not in words or _first_word(text[start:end + 3]) <= end - start:
        return False
    return not text.startswith(_after_level(), end)


@lru_cache(maxsize=1)
def _prefixes() -> tuple[str, ...]:
    """What organs written before their division begin with (中共…委, 政协…委员会)."""
    return tuple(sorted({o.prefix for o in organs() if o.prefix}))


@lru_cache(maxsize=1)
def _suffixes() -> tuple[str, ...]:
    """What organs written after their division alone begin with (…党委, …办事处)."""
    return tuple(sorted({o.suffix for o in organs() if not o.prefix and "body" not in o.kinds}))


@lru_cache(maxsize=1)
def _gov_starts() -> frozenset[str]:
    """The first two characters of the bodies of the table."""
    return frozenset(k[:2] for k in bodies().gov if len(k) >= 2)


@lru_cache(maxsize=1)
def _after_level() -> tuple[str, ...]:
    """What may follow a level word that stands for a division: a body of the table, an organ's
    ending (委, 党工委, 政协 …) or a term of office (第…届)."""
    forms = set(bodies().gov) | {o.suffix for o in organs() if not o.prefix and o.suffix} | set("第一二三四五六七八九十")
    return tuple(sorted(forms, key=len, reverse=True))


def _suffix_at(text: str, end: int, place: _Place, suffix: str) -> Optional[int]:
    """Where ``suffix`` ends if it is written at ``end`` after the place; a two-character
    name may repeat its level before it (滑县 + 县委)."""
    if text.startswith(suffix, end):
        return end + len(suffix)
    if len(place.name) == 2 and text.startswith(place.name[-1] + suffix, end):
        return end + 1 + len(suffix)
    return None


def _organ(report: Report, start: int, end: int, place: _Place, organ: Organ, text: str, b: Bodies,
           extend: bool = True) -> Optional[Mention]:
    if place.kind not in organ.kinds:
        return None
    stop = _suffix_at(text, end, place, organ.suffix)
    if stop is None or (organ.suffix.endswith("委") and text.startswith("员", stop)):
        return None
    canonical = organ.name(place.name)
    m = _mention(report, start, stop, canonical, organ.cls, place.key)
    if extend and organ.cls == "PartyOrgan" and canonical.startswith("中共"):
        return _party_body(report, m, place, text, b) or m
    return m


def _party_body(report: Report, committee: Mention, place: _Place, text: str, b: Bodies) -> Optional[Mention]:
    """What follows a party committee: 中共X区委党校, 中共X区委全面依法治区委员会办公室, and
    any named committee or leading group of it (…委员会, …领导小组, and their 办公室); and the
    groups of such a committee (…委员会执法协调小组)."""
    body = _committee_body(report, committee, place, text, b)
    if body is not None and body.label.endswith("委员会"):
        m = _GROUP.match(text, body.end)
        if m and not _NOT_BODY.search(m.group(0)):
            return _mention(report, committee.start, m.end(), body.label + m.group(0), "PartyOrgan", place.key,
                            body.key)
    return body


_GROUP = re.compile(r"[\u4e00-\u9fff]{1,8}?小组(?!长|成员)")


def _committee_body(report: Report, committee: Mention, place: _Place, text: str, b: Bodies) -> Optional[Mention]:
    end = committee.end
    for length in range(min(b.max_party, len(text) - end), 1, -1):
        body = b.party.get(text[end:end + length])
        if body is not None:
            name = body.canonical
            parent = committee.label + name[:-3] if name.endswith("委员会办公室") else committee.label
            return _mention(report, committee.start, end + length, committee.label + name, body.cls, place.key,
                            institution_key(parent))
    m = _PARTY_COMMITTEE.match(text, end)
    if m and not _NOT_BODY.search(m.group(0)):
        parent = committee.label + m.group(1) if m.group(2) else committee.label
        return _mention(report, committee.start, m.end(), committee.label + m.group(0), "PartyOrgan", place.key,
                        institution_key(parent))
    return None


def _party_group(report: Report, body: Mention, text: str) -> Optional[Mention]:
    """A body's own party group or committee written after it: X司法局党组 → 中共X司法局党组."""
    if body.cls == "PartyOrgan":
        return None
    for organ in organs():
        if "body" in organ.kinds and text.startswith(organ.suffix, body.end) \
                and not _POST.match(text, body.end + len(organ.suffix)):  # 党组会议: a meeting
            return _mention(report, body.start, body.end + len(organ.suffix), organ.name(body.label), organ.cls,
                            body.jurisdiction, body.key, body.cls)
    return None


def _after_place(report: Report, start: int, after: int, place: _Place, text: str, b: Bodies, words,
                 full: bool, starts: Container[int] = ()) -> Optional[Mention]:
    # (each loop only where what it looks for can start: most places are followed by neither)
    if text.startswith(_suffixes(), after) or len(place.name) == 2 and text.startswith(place.name[-1], after):
        for organ in organs():
            if not organ.prefix and "body" not in organ.kinds:
                m = _organ(report, start, after, place, organ, text, b)
                if m is not None:
                    return m
    lengths = range(min(b.max_gov, len(text) - after), 1, -1) if text[after:after + 2] in _gov_starts() else ()
    for length in lengths:
        body = b.gov.get(text[after:after + length])
        if body is None:
            continue
        end = after + length
        if not _ends_word(text, end):
            continue  # 区政府办理…: the body's last character belongs to the next word
        m = _department(report, start, end, place, body)
        # A longer name built on the body (区人民政府办公室 is in the table; 区政务服务中心某分中心 is not).
        longer = _generic(report, start, after, place, text, words, length + 2, starts) if full else None
        return longer or m
    return _generic(report, start, after, place, text, words, 2 if full else 4, starts)


def _department(report: Report, start: int, end: int, place: _Place, body: Body) -> Mention:
    """A body of the table written after its division: the division's name + its canonical name,
    a department under the division's government, a standing committee under its congress."""
    parent = None
    if body.cls == "Department" or body.canonical == "人民政府办公室":
        parent = institution_key(place.name + "人民政府")
    elif body.canonical == "人民代表大会常务委员会":
        parent = institution_key(place.name + "人民代表大会")
    return _mention(report, start, end, place.name + body.canonical, body.cls, place.key, parent, "Government"
                    if parent and parent.endswith("人民政府") else "PeoplesCongress")


@lru_cache(maxsize=1)
def _verbs() -> tuple[tuple[str, ...], frozenset[str]]:
    """Cue verbs: a body's name never runs through one (…商会获评…, …镇按照…); and the characters
    they begin with, which say at most places at once that none begins there."""
    table = cues()
    verbs = tuple(v for rel in ("received", "issued", "implements") for v in table.verbs(rel))
    return verbs, frozenset(v[0] for v in verbs)


def _generic(report: Report, start: int, after: int, place: _Place, text: str, words, min_body: int,
             starts: Container[int] = ()) -> Optional[Mention]:
    """After a division: a short noun phrase with a body's ending (…领导小组, …指挥部, …协会)."""
    run, last = _name_run()
    end = run.match(text, after).end()
    if last.search(text, after + min_body - 1, end) is None:
        return None  # most places are followed by no character that ends a body: one search says so
    best = None
    j = after
    stops, firsts = _verbs()
    while j < end:
        ch = text[j]
        if j > after and j in starts:
            break  # another division starts another name
        if ch in firsts and text.startswith(stops, j):
            break  # a verb of conferral or issuing ends the name: …商会获评…
        j += 1
        body = text[after:j]
        cls = _ending(body)
        if cls and len(body) >= min_body and not _NOT_BODY.search(body):
            if not _ends_word(text, j):
                continue  # 中心组, 局长: the ending belongs to the next word (but 中学|组建, 中心|事项)
            best = (j, cls)
    if best is None:
        return None
    body = text[after:best[0]].replace("“", "").replace("”", "")
    if place.short:  # a proper name built on a place's short form keeps it (X大学 for X市)
        return _mention(report, start, best[0], text[start:after] + body, best[1], place.key)
    return _mention(report, start, best[0], place.name + body, best[1], place.key)


@lru_cache(maxsize=1)
def _name_run() -> tuple["re.Pattern[str]", "re.Pattern[str]"]:
    """The characters a body's name after its division may hold (at most 22: Chinese characters
    but function words and marks, and quotes), and the characters a body's ending ends with."""
    stop = re.escape("".join(sorted(_BODY_STOP)))
    last = re.escape("".join(sorted(_endings()[2])))
    return re.compile(rf"(?:(?![{stop}])[\u4e00-\u9fff“”·]){{0,22}}"), re.compile(f"[{last}]")


def _ending(body: str) -> Optional[str]:
    """The class a body's ending gives it (the longest ending that fits), or None."""
    table, lengths, last = _endings()
    if body[-1:] not in last:
        return None  # most characters end no ending: one look says so
    for k in lengths:
        cls = table.get(body[-k:])
        if cls is not None:
            return cls
    return None


@lru_cache(maxsize=1)
def _endings() -> tuple[dict[str, str], tuple[int, ...], frozenset[str]]:
    table = dict(body_suffixes())
    return table, tuple(sorted({len(s) for s in table}, reverse=True)), frozenset(s[-1] for s in table)


def _local_units(report: Report, chain: Sequence[_Place], words) -> list[Mention]:
    """X司法所, “某某调解室”, “老张工作室”: small local bodies named by a place or person."""
    text = report.source.norm
    out: list[Mention] = []
    county = next((p for p in chain if p.kind == "county"), None)
    for s, e in quoted_spans(text):
        q = text[s:e]
        if q.endswith(("调解室", "工作室")) and 3 <= len(q) <= 12:
            out.append(_mention(report, s, e, q, "MediationBody", county.key if county else None))
    if county is None:
        return out
    for m in re.finditer("|".join(_LOCAL_UNITS), text):
        i = m.start()
        j = i
        while j > 0 and is_cjk(text[j - 1]) and i - j < 4:
            j -= 1
        run = text[j:i]
        # the name is the run's tail that is not an ordinary word: 创建青石 → 青石
        for k in range(len(run) - 2, -1, -1):
            base = run[k:]
            common = [base[x:x + 2] for x in range(len(base) - 1) if words.get(base[x:x + 2], "ns") not in ("ns", "nz")]
            if 2 <= len(base) <= 3 and not common and (k == 0 or run[:k] in words or len(run[:k]) == 1):
                if any(c in _BODY_STOP for c in base) or base in ("基层", "各级", "全县", "全区"):
                    break
                name = f"{county.name}{base}{m.group(0)}"
                out.append(_mention(report, j + k, m.end(), name, "PublicServiceUnit", county.key))
                break
    return out
