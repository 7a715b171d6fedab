"""Institutions, recognised by how Chinese body names are built: jurisdiction + body + suffix.

The jurisdiction is a division's name (北京市石景山区…), or a bare level word
(区/县/市/省) that stands for the reporting division or its ancestor of that
level, or 中共…委 for party organs.  The body is a standard department name
(data/bodies.tsv) or, after a full division name, any short noun phrase that
ends in an institutional suffix (…领导小组, …工作专班, …中心, …委员会, …局).
Canonical names are full and qualified: 区司法局 in 硚口区's report is
硚口区司法局, 区委 is 中共硚口区委, 区政府 is 硚口区人民政府.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional, Sequence

from ..data import Bodies, bodies, divisions
from ..keys import division_key, institution_key
from ..model import Doc, Findings, Mention, Report
from .text import body_ranges, dictionary, is_cjk, quoted_spans, scan

_LEVEL_CHARS = "区县市省州旗"
_GENERIC_SUFFIX = re.compile(r"(委员会办公室|领导小组办公室|委员会|领导小组|工作专班|专班|事务中心|服务中心|化解中心|中心|办公室|管理局|监督局|局)$")
_BODY_STOP = set("的和与及或、，,。；;：:在对为由向从将把被是了等各个其该每这那之")
_PARTY_COMMITTEE = re.compile(r"((?:全面)?依法治[区县市省州旗]委员会|[\u4e00-\u9fff]{2,10}?委员会|[\u4e00-\u9fff]{2,10}?领导小组)(办公室)?")
_NOT_BODY = re.compile(r"常务会|常委会|全会|会议|书记|主任|领导(?!小组)|负责人|干部|代表|委员$|中心组")
_LOCAL_UNITS = ("司法所", "派出所", "人民法庭", "调解室", "工作室")


def _mention(report: Report, start: int, end: int, canonical: str, cls: str, jurisdiction: Optional[str],
             parent: Optional[str] = None, parent_cls: Optional[str] = None) -> Mention:
    return Mention("Institution", start, end, report.source.text[start:end], canonical,
                   institution_key(canonical), cls, jurisdiction=jurisdiction, parent=parent,
                   parent_cls=(parent_cls or "PartyOrgan") if parent else None)


@dataclass(frozen=True)
class _Place:
    name: str
    key: str


def _level_place(ch: str, chain: Sequence[Mention | _Place]) -> Optional[_Place]:
    """区/县/市/省 → the division of the reporting chain it stands for."""
    for d in chain:
        if d.name.endswith(ch) if isinstance(d, _Place) else d.label.endswith(ch):
            return d if isinstance(d, _Place) else _Place(d.label, d.key)
    return None


def _chain(division: Optional[Mention]) -> list[_Place]:
    if division is None:
        return []
    if not division.code:
        return [_Place(division.label, division.key)]
    return [_Place(d.name, division_key(d.code)) for d in divisions().chain(division.code)]


def recognize(doc: Doc) -> Findings:
    report, division = doc.report, doc.division
    places = doc.of_kind("AdministrativeDivision")
    text = report.source.norm
    words = dictionary()
    b = bodies()
    chain = _chain(division)
    # Where a run of division names starts, where it ends and which division it names
    # (北京市石景山区 → 石景山区, the last of the run).
    place_at: dict[int, tuple[int, _Place]] = {}
    ends: dict[int, int] = {}
    for m in sorted(places, key=lambda m: m.start):
        if m.code or m.level == "county":
            start = ends.pop(m.start, m.start)
            place_at[start] = (m.end, _Place(m.label, m.key))
            ends[m.end] = start
    out: list[Mention] = []
    taken: list[tuple[int, int]] = []

    def free(s: int, e: int) -> bool:
        return not any(a < e and s < bb for a, bb in taken)

    def add(m: Mention) -> None:
        if free(m.start, m.end):
            out.append(m)
            taken.append((m.start, m.end))

    for lo, hi in body_ranges(report.source):
        i = lo
        while i < hi:
            found = None
            if text.startswith("中共", i) and i + 2 in place_at:  # 中共 + division + 委
                end, place = place_at[i + 2]
                if text.startswith("委", end):
                    found = _party(report, i, end + 1, place, text, b)
            if found is None and i in place_at:  # division name + body
                end, place = place_at[i]
                found = _after_place(report, i, end, place, text, b, words, full=True)
            # a bare level word standing for the reporting chain: 区司法局, 县委, 市政府
            if found is None and text[i] in _LEVEL_CHARS and (i == lo or not _glued_left(text, i, words)):
                place = _level_place(text[i], chain)
                if place is not None:
                    found = _after_place(report, i, i + 1, place, text, b, words, full=False)
            if found is not None:
                add(found)
                i = found.end
            else:
                i += 1
    for lo, hi in body_ranges(report.source):
        for s, e, (canonical, cls) in scan(text[lo:hi], b.national):
            s, e = s + lo, e + lo
            if free(s, e) and not (canonical == "司法部" and text[e:e + 1] == "门"):
                add(_mention(report, s, e, canonical, cls, None))
    for m in re.finditer(r"(?<!党)中央(?=[和、及与关的决精部])", text):
        if free(m.start(), m.end()):
            add(_mention(report, m.start(), m.end(), "党中央", "PartyOrgan", None))
    for m in _local_units(report, chain, words):
        add(m)
    return Findings(mentions=tuple(out), publisher=_publisher(report, out))


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
    # 办理县人大: 理县 is a word, but 理 already ends 办理
    return text[i - 1:i + 1] in words and text[max(0, i - 2):i] not in words


def _party(report: Report, start: int, end: int, place: _Place, text: str, b: Bodies) -> Mention:
    """中共X区委 (start..end) and what follows it: 中共X区委党校, 中共X区委全面依法治区委员会办公室."""
    d = place.name
    base = f"中共{d}委"
    m = _PARTY_COMMITTEE.match(text, end)
    if m and not _NOT_BODY.search(m.group(0)):
        name = base + m.group(0)
        parent = base + m.group(1) if m.group(2) else base
        return _mention(report, start, m.end(), name, "PartyOrgan", place.key, institution_key(parent))
    for length in range(min(b.max_party, len(text) - end), 1, -1):
        body = b.party.get(text[end:end + length])
        if body is not None:
            return _mention(report, start, end + length, base + body.canonical, body.cls, place.key,
                            institution_key(base))
    return _mention(report, start, end, base, "PartyOrgan", place.key)


def _after_place(report: Report, start: int, after: int, place: _Place, text: str, b: Bodies, words,
                 full: bool) -> Optional[Mention]:
    d = place.name
    if text.startswith("委", after) and not text.startswith("委员", after):
        return _party(report, start, after + 1, place, text, b)
    for length in range(min(b.max_gov, len(text) - after), 1, -1):
        body = b.gov.get(text[after:after + length])
        if body is None:
            continue
        end = after + length
        if end < len(text) and (text[end - 1:end + 1] in words and text[end - 1:end + 1] not in ("府办",)):
            continue  # 区政府办理…: the body's last character belongs to the next word
        canonical = d + body.canonical
        parent = None
        if body.cls == "Department" or body.canonical == "人民政府办公室":
            parent = institution_key(d + "人民政府")
        elif body.canonical == "人民代表大会常务委员会":
            parent = institution_key(d + "人民代表大会")
        m = _mention(report, start, end, canonical, body.cls, place.key, parent, "Government"
                     if parent and parent.endswith("人民政府") else "PeoplesCongress")
        # A longer name built on the body (区人民政府办公室 is in the table; 区政务服务中心新址 is not).
        longer = _generic(report, start, after, place, text, words, min_body=length + 2) if full else None
        return longer or m
    return _generic(report, start, after, place, text, words, min_body=2 if full else 4)


def _generic(report: Report, start: int, after: int, place: _Place, text: str, words, min_body: int) -> Optional[Mention]:
    """After a division: a short noun phrase ending in an institutional suffix (…领导小组, …工作专班)."""
    best = None
    j = after
    while j < len(text) and j - after < 22:
        ch = text[j]
        if ch in _BODY_STOP or not (is_cjk(ch) or ch in "“”·"):
            break
        j += 1
        body = text[after:j]
        m = _GENERIC_SUFFIX.search(body)
        if m and len(body) >= min_body and not _NOT_BODY.search(body):
            nxt = text[j:j + 1]
            if nxt and (body[-1] + nxt) in words:
                continue  # 中心组, 局长: the suffix belongs to the next word
            best = j
    if best is None:
        return None
    body = text[after:best].replace("“", "").replace("”", "")
    cls = "WorkingGroup" if re.search(r"(领导小组|专班|小组)$", body) else (
        "PublicServiceUnit" if body.endswith("中心") else "Department")
    return _mention(report, start, best, place.name + body, cls, place.key)


def _local_units(report: Report, chain: Sequence[_Place], words) -> list[Mention]:
    """桂溪司法所, “红色调解室”, “黄坚工作室”: small local bodies named by a place or person."""
    text = report.source.norm
    out: list[Mention] = []
    county = next((p for p in chain if p.name[-1] in "区县市旗"), None)
    quotes = quoted_spans(text)
    for s, e in quotes:
        q = text[s:e]
        if q.endswith(("调解室", "工作室")) and 3 <= len(q) <= 12:
            out.append(_mention(report, s, e, q, "MediationBody", county.key if county else None))
    if county is None:
        return out
    for m in re.finditer("|".join(_LOCAL_UNITS), text):
        if m.group(0) in ("调解室", "工作室"):
            continue
        i = m.start()
        j = i
        while j > 0 and is_cjk(text[j - 1]) and i - j < 4:
            j -= 1
        run = text[j:i]
        # the name is the run's tail that is not an ordinary word: 创建桂溪 → 桂溪
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

