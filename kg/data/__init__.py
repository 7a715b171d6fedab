"""Knowledge shipped beside the code: loaded once, checked when loaded.

Each loader reads one file of this folder and returns an immutable object; the
recognisers only match against these.  Nothing here is specific to one report:
the division list is the national one, the other tables describe how Chinese
official texts are written (the grammar: cue verbs, body types, genres, honor
kinds, program heads, word classes and limits).  Every file starts with a
comment saying what a row means.  A malformed row fails at load time with its
``file:line`` — ``check()`` loads every table, and a build calls it before
extracting anything.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Iterator, Optional

from ..namespace import CORE_OF


class DataError(Exception):
    """A knowledge file is malformed: a packaging bug, never a user error."""


def _lines(name: str) -> Iterator[list[str]]:
    for row in _rows(name):
        yield list(row.fields)


def folder():
    """Where the tables are (the package's own folder; tests point it elsewhere)."""
    return resources.files(__package__)


def clear() -> None:
    """Forget every loaded table (after ``folder`` changes)."""
    for value in list(globals().values()):
        if hasattr(value, "cache_clear"):
            value.cache_clear()


@dataclass(frozen=True)
class Row:
    file: str
    line: int
    fields: tuple[str, ...]

    def error(self, message: str) -> DataError:
        return DataError(f"kg/data/{self.file}:{self.line}: {message}")

    def regex(self, pattern: str) -> "re.Pattern[str]":
        try:
            return re.compile(pattern)
        except re.error as e:
            raise self.error(f"bad regular expression {pattern!r}: {e}") from None

    def cls(self, name: str, core: Optional[str] = None) -> str:
        """A class of the ontology (optionally under one core class)."""
        if name not in CORE_OF or (core is not None and CORE_OF[name] != core):
            raise self.error(f"unknown class {name!r}" + (f" (expected a kind of {core})" if core else ""))
        return name


def _rows(name: str, width: tuple[int, Optional[int]] = (1, None)) -> Iterator[Row]:
    """The data rows of a tab-separated file (blank lines and # comments skipped),
    each checked to have between ``width[0]`` and ``width[1]`` fields."""
    text = folder().joinpath(name).read_text(encoding="utf-8")
    lo, hi = width
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = tuple(f.strip() for f in line.rstrip("\n").split("\t"))
        row = Row(name, n, fields)
        if len(fields) < lo or (hi is not None and len(fields) > hi):
            want = f"{lo}" if lo == hi else f"{lo} to {hi}" if hi else f"at least {lo}"
            raise row.error(f"expected {want} tab-separated fields, got {len(fields)}")
        if any(not f for f in fields[:lo]):
            raise row.error("empty field")
        yield row


# ---------------------------------------------------------------- furniture

@dataclass(frozen=True)
class FurnitureRules:
    rules: tuple[tuple[str, re.Pattern[str]], ...]

    def classify(self, line: str) -> Optional[str]:
        for kind, rx in self.rules:
            if rx.search(line):
                return kind
        return None

    _FIELD = re.compile(r"(发布时间|发布日期|成文日期|印发日期|更新时间|日期|时间|来源|信息来源|发布机构|文章来源)\s*[:：]\s*"
                        r"(\d{4}[-./年]\d{1,2}[-./月]\d{1,2}日?|[^\s:：]+)")
    _KEYS = {"发布时间": "published", "发布日期": "published", "成文日期": "published", "印发日期": "published",
             "日期": "published", "时间": "published", "更新时间": "updated", "来源": "source",
             "信息来源": "source", "发布机构": "source", "文章来源": "source"}

    def meta_fields(self, line: str) -> Iterator[tuple[str, str]]:
        for m in self._FIELD.finditer(line):
            yield self._KEYS[m.group(1)], m.group(2)


@lru_cache(maxsize=1)
def furniture_rules() -> FurnitureRules:
    return FurnitureRules(tuple((r.fields[0], r.regex(r.fields[1])) for r in _rows("furniture.tsv", (2, 2))))


# ---------------------------------------------------------------- divisions

@dataclass(frozen=True)
class Division:
    code: str
    name: str
    level: str  # province | prefecture | county
    parent: str  # code, "" for provinces
    lon: Optional[float]
    lat: Optional[float]

    @property
    def short(self) -> str:
        return short_name(self.name)

    def distance(self, other: "Division") -> float:
        if None in (self.lon, self.lat, other.lon, other.lat):
            return math.inf
        return math.hypot(self.lon - other.lon, (self.lat - other.lat))  # type: ignore[operator]


# Longest first: the suffix that makes a full name out of a short one.
_SUFFIXES = ("特别行政区", "维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "自治州", "自治县", "自治旗",
             "林区", "特区", "新区", "地区", "盟", "省", "市", "区", "县", "旗")
_ETHNIC = re.compile(r"(.{2,}?)((?:[\u4e00-\u9fff]{1,3}族)+)(自治州|自治县|自治旗)$")


def short_name(name: str) -> str:
    """莲湖区 → 莲湖, 恩施土家族苗族自治州 → 恩施; names that would become one character stay whole."""
    m = _ETHNIC.match(name)
    if m:
        return m.group(1)
    for suf in _SUFFIXES:
        if name.endswith(suf) and len(name) - len(suf) >= 2:
            return name[: -len(suf)]
    return name


@dataclass(frozen=True)
class DivisionTable:
    by_code: dict[str, Division]
    by_name: dict[str, tuple[Division, ...]]
    max_len: int

    def chain(self, code: str) -> list[Division]:
        """The division and its ancestors, nearest first."""
        out = []
        while code and code in self.by_code:
            d = self.by_code[code]
            out.append(d)
            code = d.parent
        return out

    def is_within(self, code: str, ancestor: str) -> bool:
        return any(d.code == ancestor for d in self.chain(code))


@lru_cache(maxsize=1)
def divisions() -> DivisionTable:
    by_code: dict[str, Division] = {}
    for f in _lines("divisions.tsv"):
        if len(f) != 6 or not re.fullmatch(r"\d{6}", f[0]) or f[2] not in ("province", "prefecture", "county"):
            raise DataError(f"divisions.tsv: bad row {f!r}")
        by_code[f[0]] = Division(f[0], f[1], f[2], f[3], float(f[4]) if f[4] else None, float(f[5]) if f[5] else None)
    by_name: dict[str, list[Division]] = {}
    for d in by_code.values():
        if d.parent and d.parent not in by_code:
            raise DataError(f"divisions.tsv: {d.code} {d.name} has unknown parent {d.parent}")
        by_name.setdefault(d.name, []).append(d)
    return DivisionTable(by_code, {k: tuple(v) for k, v in by_name.items()}, max(map(len, by_name)))


# ---------------------------------------------------------------- documents

@dataclass(frozen=True)
class Genres:
    """Title endings → genre class, longest ending first."""

    endings: tuple[tuple[str, str], ...]

    def of(self, title: str) -> Optional[str]:
        t = re.sub(r"[(（][^()（）]*[)）]$", "", title).strip()
        for ending, cls in self.endings:
            if t.endswith(ending):
                return cls
        return None


@lru_cache(maxsize=1)
def genres() -> Genres:
    rows = [(r.fields[0], r.cls(r.fields[1], "PolicyDocument")) for r in _rows("genres.tsv", (2, 2))]
    rows.sort(key=lambda r: -len(r[0]))
    return Genres(tuple(rows))


@lru_cache(maxsize=1)
def national_laws() -> dict[str, str]:
    """Short title → full title of national laws and State Council regulations."""
    out: dict[str, str] = {}
    for r in _rows("national_laws.tsv"):
        full = r.fields[0]
        if not full.endswith(("法", "法典", "条例")):
            raise r.error(f"{full!r} is not a law or regulation title")
        out[full] = full
        for alias in r.fields[1:]:
            out[alias] = full
    return out


# ---------------------------------------------------------------- report structure

@lru_cache(maxsize=1)
def roles() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """What a section heading says its part is: (role, pattern), first match wins."""
    known = ("achievements", "shortcomings", "plans", "leadership")
    out = []
    for r in _rows("roles.tsv", (2, 2)):
        if r.fields[0] not in known:
            raise r.error(f"unknown role {r.fields[0]!r} (known: {', '.join(known)})")
        out.append((r.fields[0], r.regex(r.fields[1])))
    return tuple(out)


# ---------------------------------------------------------------- bodies

@dataclass(frozen=True)
class Body:
    written: str
    canonical: str
    cls: str
    party: bool


@dataclass(frozen=True)
class Bodies:
    gov: dict[str, Body]  # written after a division: 司法局, 人民政府 …
    party: dict[str, Body]  # written after 中共X委: 全面依法治区委员会 …
    national: dict[str, tuple[str, str]]  # written → (canonical, class)
    max_gov: int
    max_party: int


@lru_cache(maxsize=1)
def bodies() -> Bodies:
    gov: dict[str, Body] = {}
    party: dict[str, Body] = {}
    for r in _rows("bodies.tsv", (4, 4)):
        scope, written, canonical, cls = r.fields
        if scope not in ("G", "P"):
            raise r.error(f"scope must be G or P, not {scope!r}")
        b = Body(written, canonical, r.cls(cls, "Institution"), scope == "P")
        (party if b.party else gov)[b.written] = b
    national: dict[str, tuple[str, str]] = {}
    for r in _rows("national_bodies.tsv", (2, None)):
        cls = r.cls(r.fields[1], "Institution")
        for name in (r.fields[0], *r.fields[2:]):
            national[name] = (r.fields[0], cls)
    return Bodies(gov, party, national, max(map(len, gov)), max(map(len, party)))


# ---------------------------------------------------------------- programs

@lru_cache(maxsize=1)
def program_heads() -> tuple[str, ...]:
    """Head nouns that make a named phrase a program (…改革, …机制), longest first."""
    return tuple(sorted((r.fields[0] for r in _rows("program_heads.tsv", (1, 1))), key=len, reverse=True))


@lru_cache(maxsize=1)
def national_programs() -> dict[str, str]:
    """Any written form (normalised) → the canonical name of a national program."""
    from ..keys import name_key

    out: dict[str, str] = {}
    for r in _rows("programs.tsv"):
        for name in r.fields:
            out[name_key(name)] = r.fields[0]
    return out


# ---------------------------------------------------------------- grammar: cues, word classes, limits

RELATIONS = ("issued", "implements", "received", "cooperatesWith", "sought")
PLACES = ("before", "after")


@dataclass(frozen=True)
class Cues:
    """Verbs that state a relation, by relation and by where they stand: ``before`` their
    object (印发《…》, 获评…) or ``after`` it (…的修订, 与X签约)."""

    rows: tuple[tuple[str, str, str], ...]  # relation, verb, place

    def verbs(self, relation: str, place: str = "before") -> tuple[str, ...]:
        """The verbs of a relation, longest first (so that a pattern prefers 贯彻落实 to 贯彻)."""
        return tuple(sorted({v for r, v, p in self.rows if r == relation and p == place}, key=len, reverse=True))

    def pattern(self, *relations: str, place: str = "before") -> str:
        """An alternation of the verbs of these relations, longest first."""
        verbs = {v for r, v, p in self.rows if r in relations and p == place}
        return "|".join(re.escape(v) for v in sorted(verbs, key=lambda v: (-len(v), v)))

    def relation_of(self, verb: str, place: str = "before") -> Optional[str]:
        for r, v, p in self.rows:
            if v == verb and p == place:
                return r
        return None


@lru_cache(maxsize=1)
def cues() -> Cues:
    rows = []
    seen: dict[tuple[str, str], str] = {}
    for r in _rows("cues.tsv", (3, 3)):
        rel, verb, place = r.fields
        if rel not in RELATIONS:
            raise r.error(f"unknown relation {rel!r} (known: {', '.join(RELATIONS)})")
        if place not in PLACES:
            raise r.error(f"place must be one of {', '.join(PLACES)}, not {place!r}")
        if (verb, place) in seen and seen[(verb, place)] != rel:
            raise r.error(f"{verb!r} ({place}) is already a cue of {seen[(verb, place)]!r}")
        seen[(verb, place)] = rel
        rows.append((rel, verb, place))
    return Cues(tuple(rows))


# The closed word classes the rules use; words.tsv may only fill these.
WORD_CLASSES = {
    "adverb": "a manner or degree word that may stand between a verb and its object (认真, 进一步)",
    "outcome": "a noun that makes the quoted phrase before it a slogan or outcome, not a program (作用, 氛围)",
    "generic": "a stem too general to name a program on its own (工作, 管理)",
    "leading": "a verb that opens a clause and is never part of a name (建立, 推进)",
}


@lru_cache(maxsize=None)
def words(word_class: str) -> frozenset[str]:
    if word_class not in WORD_CLASSES:
        raise KeyError(f"no word class {word_class!r} in words.tsv")
    return _word_classes().get(word_class, frozenset())


@lru_cache(maxsize=1)
def _word_classes() -> dict[str, frozenset[str]]:
    out: dict[str, set[str]] = {}
    for r in _rows("words.tsv", (2, 2)):
        if r.fields[0] not in WORD_CLASSES:
            raise r.error(f"unknown word class {r.fields[0]!r} (known: {', '.join(WORD_CLASSES)})")
        out.setdefault(r.fields[0], set()).add(r.fields[1])
    return {k: frozenset(v) for k, v in out.items()}


LIMITS = {
    "clause_window": "characters before a name searched for its governing verb",
    "quote_max": "longest quoted phrase read as a name",
    "title_max": "longest title read inside 《》",
}


@lru_cache(maxsize=1)
def limits() -> dict[str, int]:
    out: dict[str, int] = {}
    for r in _rows("limits.tsv", (2, 2)):
        if r.fields[0] not in LIMITS:
            raise r.error(f"unknown limit {r.fields[0]!r} (known: {', '.join(LIMITS)})")
        if not r.fields[1].isdigit():
            raise r.error(f"limit must be a whole number, not {r.fields[1]!r}")
        out[r.fields[0]] = int(r.fields[1])
    missing = set(LIMITS) - set(out)
    if missing:
        raise DataError(f"kg/data/limits.tsv: no value for {', '.join(sorted(missing))}")
    return out


def check() -> None:
    """Load and validate every table, so that a bad row fails before any report is read."""
    for loader in (furniture_rules, divisions, genres, national_laws, roles, bodies, program_heads,
                   national_programs, cues, _word_classes, limits):
        loader()
