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

from ..heap import acyclic
from ..namespace import CORE_OF


class DataError(Exception):
    """A knowledge file is malformed: a packaging bug, never a user error."""


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

# Levels from the top, each with the levels its parent may have: a county hangs on its province
# in a municipality and as a 省直辖县级行政单位; a township hangs on a prefecture-level city
# that has no counties.
LEVELS = ("province", "prefecture", "county", "township")
_PARENT_LEVELS = {"province": (), "prefecture": ("province",), "county": ("prefecture", "province"),
                  "township": ("county", "prefecture")}
# Kinds of change in division_history.tsv, as the Ministry of Civil Affairs names them.
CHANGE_KINDS = frozenset({"更名", "撤县设区", "撤县设市", "撤市设区", "撤地设市", "撤销", "区划调整", "撤旗设区", "撤区设区"})


@dataclass(frozen=True, slots=True)  # slots: 42,000 of them are made at every load
class Division:
    code: str  # GB/T 2260 6-digit code; 12-digit statistical code for a township
    name: str
    level: str  # province | prefecture | county | township
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


@dataclass(frozen=True)
class FormerName:
    """A name that stopped being used in ``year``: the division was renamed, changed kind
    (撤县设区 …) or was merged into ``division``, which is current."""

    name: str
    old_code: str  # "" when the source gives only the name
    division: Division
    year: int
    kind: str  # one of CHANGE_KINDS


# Longest first: the suffix that makes a full name out of a short one.
_SUFFIXES = ("特别行政区", "维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "自治州", "自治县", "自治旗",
             "林区", "特区", "新区", "地区", "盟", "省", "市", "区", "县", "旗")
_ETHNIC = re.compile(r"(.{2,}?)((?:[\u4e00-\u9fff]{1,3}族)+)(自治州|自治县|自治旗)$")


def short_name(name: str) -> str:
    """海淀区 → 海淀, 恩施土家族苗族自治州 → 恩施; names that would become one character stay whole."""
    m = _ETHNIC.match(name)
    if m:
        return m.group(1)
    for suf in _SUFFIXES:
        if name.endswith(suf) and len(name) - len(suf) >= 2:
            return name[: -len(suf)]
    return name


@dataclass(frozen=True)
class DivisionTable:
    by_code: dict[str, Division]  # every division, townships included
    by_name: dict[str, tuple[Division, ...]]  # province, prefecture and county names only
    max_len: int  # of the names in by_name
    townships_by_name: dict[str, tuple[Division, ...]]
    children: dict[str, tuple[Division, ...]]  # code → the divisions directly under it, in code order
    former: dict[str, tuple[FormerName, ...]]  # retired name → what became of it, oldest change first

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

    def townships(self, code: str) -> tuple[Division, ...]:
        """The townships of a county-level division (or of a prefecture-level city without counties)."""
        return tuple(d for d in self.children.get(code, ()) if d.level == "township")


# The shape of a code at each level: GB/T 2260 codes above the townships, statistical below.
_CODE_SHAPE = {"province": re.compile(r"\d{2}0000"), "prefecture": re.compile(r"\d{4}(?<!0000)00"),
               "county": re.compile(r"\d{4}(?!00)\d{2}"), "township": re.compile(r"\d{12}")}


@lru_cache(maxsize=1)
def divisions() -> DivisionTable:
    """The national table and the names retired since 2000.

    Every worker loads it, so the ~42,000 rows are read in one plain pass: no per-row
    helper objects, a row's line number looked up only when the row is bad, and the cyclic
    collector paused meanwhile (kg.heap: its passes would cost a third of the load)."""
    with acyclic():
        return _load_divisions()


def _load_divisions() -> DivisionTable:
    file = "divisions.tsv"
    text = folder().joinpath(file).read_text(encoding="utf-8")

    def bad(code: str, message: str) -> DataError:
        n = next(i for i, line in enumerate(text.split("\n"), 1) if line.split("\t", 1)[0] == code)
        return Row(file, n, ()).error(message)

    by_code: dict[str, Division] = {}
    for n, line in enumerate(text.split("\n"), 1):
        if not line or line[0] == "#":
            continue
        f = line.split("\t")
        if len(f) != 6:
            raise Row(file, n, ()).error(f"expected 6 tab-separated fields, got {len(f)}")
        code, name, level, parent, lon, lat = f
        shape = _CODE_SHAPE.get(level)
        if shape is None:
            raise Row(file, n, ()).error(f"unknown level {level!r} (expected one of {', '.join(LEVELS)})")
        if not shape.fullmatch(code) or not name or (parent == "") != (level == "province"):
            raise Row(file, n, ()).error(f"bad {level} row {line!r}")
        if code in by_code:
            raise Row(file, n, ()).error(f"{code} appears twice")
        try:
            by_code[code] = Division(code, name, level, parent, float(lon) if lon else None, float(lat) if lat else None)
        except ValueError:
            raise Row(file, n, ()).error(f"bad coordinates {lon!r}, {lat!r}") from None
    by_name: dict[str, list[Division]] = {}
    townships: dict[str, list[Division]] = {}
    children: dict[str, list[Division]] = {}
    for d in by_code.values():
        if d.parent:
            up = by_code.get(d.parent)
            if up is None:
                raise bad(d.code, f"{d.code} {d.name} has unknown parent {d.parent!r}")
            if up.level not in _PARENT_LEVELS[d.level]:
                raise bad(d.code, f"{d.code} {d.name} ({d.level}) cannot be under {up.code} {up.name} ({up.level})")
            children.setdefault(d.parent, []).append(d)
        (townships if d.level == "township" else by_name).setdefault(d.name, []).append(d)
    former: dict[str, list[FormerName]] = {}
    for r in _rows("division_history.tsv", (0, 6)):
        old_code, old_name, new_code, new_name, year, kind = _six(r)
        if not all((old_name, new_code, new_name, year, kind)):
            raise r.error("empty field")
        d = by_code.get(new_code)
        if d is None or d.level == "township":
            raise r.error(f"{new_code!r} is not a division of divisions.tsv above the townships")
        if d.name != new_name:
            raise r.error(f"{new_code} is {d.name} in divisions.tsv, not {new_name}")
        if old_code and not (len(old_code) == 6 and old_code.isdigit()):
            raise r.error(f"bad old code {old_code!r}")
        if not (year.isdigit() and 1949 <= int(year) <= 2100):
            raise r.error(f"bad year {year!r}")
        if kind not in CHANGE_KINDS:
            raise r.error(f"unknown kind of change {kind!r}")
        former.setdefault(old_name, []).append(FormerName(old_name, old_code, d, int(year), kind))
    # The file is in code order, so every list above already is.
    return DivisionTable(by_code, {k: tuple(v) for k, v in by_name.items()}, max(map(len, by_name)),
                         {k: tuple(v) for k, v in townships.items()},
                         {k: tuple(v) for k, v in children.items()},
                         {k: tuple(sorted(v, key=lambda f: (f.year, f.division.code))) for k, v in former.items()})


def _six(row: Row) -> tuple[str, ...]:
    """The six fields of a history row; the optional ones may be empty, not missing."""
    if len(row.fields) != 6:
        raise row.error(f"expected 6 tab-separated fields, got {len(row.fields)}")
    return row.fields


# ---------------------------------------------------------------- documents

@dataclass(frozen=True)
class Genres:
    """Title endings → genre class, longest ending first; which endings may close a plain title."""

    endings: tuple[tuple[str, str], ...]
    plain: tuple[str, ...]  # longest first

    def of(self, title: str) -> Optional[str]:
        t = re.sub(r"[(（][^()（）]*[)）]$", "", title).strip()
        for ending, cls in self.endings:
            if t.endswith(ending):
                return cls
        return None


@lru_cache(maxsize=1)
def genres() -> Genres:
    rows, plain = [], []
    for r in _rows("genres.tsv", (2, 3)):
        rows.append((r.fields[0], r.cls(r.fields[1], "PolicyDocument")))
        if len(r.fields) == 3:
            if r.fields[2] != "plain":
                raise r.error(f"the third field may only be plain, not {r.fields[2]!r}")
            plain.append(r.fields[0])
    rows.sort(key=lambda r: -len(r[0]))
    return Genres(tuple(rows), tuple(sorted(plain, key=len, reverse=True)))


_STATE = "中华人民共和国"


@lru_cache(maxsize=1)
def national_laws() -> dict[str, str]:
    """Any title or short title → full title of national laws and State Council regulations
    (a full title that starts with 中华人民共和国 is also known without it)."""
    out: dict[str, str] = {}
    for r in _rows("national_laws.tsv"):
        full = r.fields[0]
        if not full.endswith(("法", "法典", "条例")):
            raise r.error(f"{full!r} is not a law or regulation title")
        names = [full, *r.fields[1:]]
        if full.startswith(_STATE):
            names.append(full[len(_STATE):])
        for name in names:
            if name in out and out[name] != full:
                raise r.error(f"{name!r} already names {out[name]!r}")
            out[name] = full
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


BODY_LEVELS = "区县市省州旗盟"  # the level characters a committee's name may carry


@lru_cache(maxsize=1)
def bodies() -> Bodies:
    gov: dict[str, Body] = {}
    party: dict[str, Body] = {}
    for r in _rows("bodies.tsv", (4, 4)):
        scope, written, canonical, cls = r.fields
        if scope not in ("G", "P"):
            raise r.error(f"scope must be G or P, not {scope!r}")
        if ("{L}" in written) != ("{L}" in canonical):
            raise r.error("a level {L} in the written form must be in the canonical form too")
        # {L}: any level word, the same in both forms (依法治县办 → 全面依法治县委员会办公室).
        for level in (BODY_LEVELS if "{L}" in written else "-"):
            b = Body(written.replace("{L}", level), canonical.replace("{L}", level), r.cls(cls, "Institution"),
                     scope == "P")
            (party if b.party else gov)[b.written] = b
    national: dict[str, tuple[str, str]] = {}
    for r in _rows("national_bodies.tsv", (2, None)):
        cls = r.cls(r.fields[1], "Institution")
        for name in (r.fields[0], *r.fields[2:]):
            national[name] = (r.fields[0], cls)
    return Bodies(gov, party, national, max(map(len, gov)), max(map(len, party)))


# ---------------------------------------------------------------- programs

@lru_cache(maxsize=1)
def program_heads() -> dict[str, bool]:
    """Head nouns that end a program's name → whether they may end an unquoted one."""
    out: dict[str, bool] = {}
    for r in _rows("program_heads.tsv", (2, 2)):
        if r.fields[1] not in ("any", "quoted"):
            raise r.error(f"after must be any or quoted, not {r.fields[1]!r}")
        out[r.fields[0]] = r.fields[1] == "any"
    return out


@lru_cache(maxsize=1)
def national_program_rows() -> tuple[tuple[str, ...], ...]:
    """The national programs: (canonical name, other names…) as the table writes them."""
    return tuple(r.fields for r in _rows("programs.tsv"))


@lru_cache(maxsize=1)
def national_programs() -> dict[str, str]:
    """Any written form (normalised) → the canonical name of a national program."""
    from ..keys import name_key

    return {name_key(name): row[0] for row in national_program_rows() for name in row}


@lru_cache(maxsize=1)
def national_program_forms() -> dict[str, str]:
    """Every written form of a national program, as the table writes it and without its quotes
    (what a text is scanned for) → the canonical name."""
    out: dict[str, str] = {}
    for row in national_program_rows():
        for name in row:
            out[name] = row[0]
            out[name.replace("“", "").replace("”", "")] = row[0]
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
    "wrapper": "a word after an honor's name that only says it is one (称号, 名单)",
    "determiner": "a word that opens a phrase about things in general, never a name (各类, 相关)",
    "summary": "a noun that sums up a list of programs before it (A、B等9项改革成果)",
    "improving": "a verb of improving what exists: after it a name is not a program being run (完善, 健全)",
    "preposition": "a word that makes the name after it a place, a partner or an object, not who acts (在, 对)",
    "brand": "a word that makes a place's name its own program (法治, 平安)",
    "study": "a cue verb that carries a program out but only studies a document (学习, 围绕)",
    "uses": "a cue verb that governs a name but only relies on it, carrying nothing out (依托)",
    "joint": "a word that makes a program's name a joint mechanism: who run it together cooperate (联席, 对接)",
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


# ---------------------------------------------------------------- places and bodies: division and body grammar

@lru_cache(maxsize=1)
def local_suffixes() -> dict[str, tuple[str, str]]:
    """Suffix of a place below the county → (the suffix its name takes, its level)."""
    out: dict[str, tuple[str, str]] = {}
    for r in _rows("local_suffixes.tsv", (3, 3)):
        suffix, canonical, level = r.fields
        if level not in ("township", "community"):
            raise r.error(f"level must be township or community, not {level!r}")
        out[suffix] = (canonical, level)
    return out


@lru_cache(maxsize=1)
def zones() -> tuple[str, ...]:
    """Heads of zones' proper names that begin with a division's name (X自由贸易港), longest first."""
    out: dict[str, int] = {}
    for r in _rows("zones.tsv", (1, 1)):
        head = r.fields[0]
        if head in out:
            raise r.error(f"{head!r} is listed twice (line {out[head]})")
        out[head] = r.line
    return tuple(sorted(out, key=len, reverse=True))


# What kind of division an organ belongs to: the level, with townships split into towns
# (镇, 乡, 苏木) and streets (街道), whose organs are named differently.
ORGAN_KINDS = ("province", "prefecture", "county", "town", "street", "community", "body")


@dataclass(frozen=True)
class Organ:
    """One way of writing a division's (or a body's) own organ: ``prefix`` + name + ``suffix``."""

    prefix: str
    suffix: str
    canonical: str  # with {} (the name) or {+} (the name as a committee is named after it)
    cls: str
    kinds: frozenset[str]

    def name(self, place: str) -> str:
        committee = place + place[-1] if len(place) == 2 else place
        return self.canonical.replace("{+}", committee).replace("{}", place)


@lru_cache(maxsize=1)
def organs() -> tuple[Organ, ...]:
    """The forms of organs, longest written form first."""
    out = []
    for r in _rows("organs.tsv", (4, 4)):
        written, canonical, cls, kinds = r.fields
        if written.count("{}") != 1 or ("{}" not in canonical and "{+}" not in canonical):
            raise r.error("written and canonical forms must each hold the name's place {} (or {+})")
        unknown = set(kinds.split()) - set(ORGAN_KINDS)
        if unknown:
            raise r.error(f"unknown kind {sorted(unknown)[0]!r} (known: {', '.join(ORGAN_KINDS)})")
        prefix, suffix = written.split("{}")
        clash = next((o for o in out if (o.prefix, o.suffix) == (prefix, suffix) and o.kinds & set(kinds.split())), None)
        if clash is not None:
            raise r.error(f"{written!r} is already a form for {', '.join(sorted(clash.kinds & set(kinds.split())))}")
        out.append(Organ(prefix, suffix, canonical, r.cls(cls, "Institution"), frozenset(kinds.split())))
    return tuple(sorted(out, key=lambda o: -(len(o.prefix) + len(o.suffix))))


@lru_cache(maxsize=1)
def body_suffixes() -> tuple[tuple[str, str], ...]:
    """Endings of a body's name → its class, longest first."""
    rows = [(r.fields[0], r.cls(r.fields[1], "Institution")) for r in _rows("body_suffixes.tsv", (2, 2))]
    return tuple(sorted(rows, key=lambda r: -len(r[0])))


# ---------------------------------------------------------------- figures: units, their grammar, the indicator scheme

UNIT_KINDS = ("count", "people", "times", "money", "rate", "points", "multiple", "area", "weight", "head", "amount", "score",
              "time")


@lru_cache(maxsize=1)
def units() -> dict[str, str]:
    """Unit → its kind (count, people, money, rate, time…)."""
    out: dict[str, str] = {}
    for r in _rows("units.tsv", (2, 2)):
        unit, kind = r.fields
        if kind not in UNIT_KINDS:
            raise r.error(f"unknown kind of unit {kind!r} (known: {', '.join(UNIT_KINDS)})")
        if unit in out:
            raise r.error(f"unit {unit!r} is listed twice")
        out[unit] = kind
    return out


# The closed word classes of measures.tsv, and what each means there.
FIGURE_CLASSES = ("approx_before", "approx_after", "ordinal", "lead", "link", "change", "baseline",
                  "rate", "share", "total", "part", "adverb", "prep", "verb", "topic", "scope", "distribute", "frame", "about", "timeword", "handle",
                  "attendee", "light", "determiner")


@lru_cache(maxsize=None)
def figure_words(word_class: str) -> tuple[str, ...]:
    """The words of one class of measures.tsv, longest first (a pattern prefers 达到 to 达)."""
    if word_class not in FIGURE_CLASSES:
        raise KeyError(f"no word class {word_class!r} in measures.tsv")
    return _figure_classes().get(word_class, ())


@lru_cache(maxsize=1)
def _figure_classes() -> dict[str, tuple[str, ...]]:
    out: dict[str, set[str]] = {}
    for r in _rows("measures.tsv", (2, 2)):
        if r.fields[0] not in FIGURE_CLASSES:
            raise r.error(f"unknown word class {r.fields[0]!r} (known: {', '.join(FIGURE_CLASSES)})")
        out.setdefault(r.fields[0], set()).add(r.fields[1])
    return {k: tuple(sorted(v, key=lambda w: (-len(w), w))) for k, v in out.items()}


@lru_cache(maxsize=1)
def numbered_names() -> dict[str, bool]:
    """Names whose numeral is no count (八项规定, 四个意识): name → True, for ``scan``."""
    out: dict[str, bool] = {}
    known = units()
    for r in _rows("numbered_names.tsv", (1, 1)):
        name = r.fields[0]
        if not re.search(r"[一二两三四五六七八九十百千\d]", name) or not any(u in name for u in known):
            raise r.error(f"{name!r} holds no numeral and unit: its numbers could never be read as a count")
        out[name] = True
    return out


@dataclass(frozen=True)
class Indicator:
    """A concept of the indicator scheme: its preferred name, the units its figures come in, other names."""

    label: str
    units: tuple[str, ...]
    alts: tuple[str, ...]

    @property
    def labels(self) -> tuple[str, ...]:
        return (self.label, *self.alts)


@lru_cache(maxsize=1)
def indicators() -> tuple[Indicator, ...]:
    known = units()
    out: list[Indicator] = []
    owner: dict[str, str] = {}
    for r in _rows("indicators.tsv", (2, None)):
        label, unit_list, *alts = r.fields
        concept_units = tuple(u.strip() for u in unit_list.split(","))
        for u in concept_units:
            if u not in known:
                raise r.error(f"unknown unit {u!r} (units.tsv lists the known ones)")
        for name in (label, *alts):
            if not name:
                raise r.error("empty label")
            if name in owner and owner[name] != label:
                raise r.error(f"label {name!r} already names the concept {owner[name]!r}")
            owner[name] = label
        out.append(Indicator(label, concept_units, tuple(alts)))
    return tuple(out)


# ---------------------------------------------------------------- honors: scope + field + kind (+ batch)

HONOR_LEVELS = ("nation", "region", "province", "prefecture", "county", "own")


@dataclass(frozen=True)
class HonorGrammar:
    """The parts an honor's name is composed of (see recognize/honors.py)."""

    scopes: dict[str, str]  # word → level
    kinds: dict[str, bool]  # kind noun → whether scope + field + kind suffices (False: only after a verb)
    batch: "re.Pattern[str]"  # any of the batch patterns


@lru_cache(maxsize=1)
def honor_grammar() -> HonorGrammar:
    scopes: dict[str, str] = {}
    for r in _rows("honor_scopes.tsv", (2, 2)):
        if r.fields[1] not in HONOR_LEVELS:
            raise r.error(f"level must be one of {', '.join(HONOR_LEVELS)}, not {r.fields[1]!r}")
        scopes[r.fields[0]] = r.fields[1]
    kinds: dict[str, bool] = {}
    for r in _rows("honor_kinds.tsv", (2, 2)):
        if r.fields[1] not in ("scope", "verb"):
            raise r.error(f"needs must be scope or verb, not {r.fields[1]!r}")
        kinds[r.fields[0]] = r.fields[1] == "scope"
    batches = [r.regex(r.fields[0]).pattern for r in _rows("honor_batches.tsv", (1, 1))]
    return HonorGrammar(scopes, kinds, re.compile("|".join(f"(?:{b})" for b in batches)))


def check() -> None:
    """Load and validate every table, so that a bad row fails before any report is read."""
    for loader in (furniture_rules, divisions, genres, national_laws, roles, bodies, program_heads,
                   national_program_rows, national_programs, cues, _word_classes, limits, local_suffixes, zones,
                   organs, body_suffixes, units, _figure_classes, numbered_names, indicators, honor_grammar):
        loader()
