"""Knowledge shipped beside the code: loaded once, checked when loaded.

Each loader reads one file of this folder and returns an immutable object; the
recognisers only match against these.  Nothing here is specific to one report:
the division list is the national one, the other tables describe how Chinese
official texts are written.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Iterator, Optional


class DataError(Exception):
    """A knowledge file is malformed: a packaging bug, never a user error."""


def _lines(name: str) -> Iterator[list[str]]:
    text = resources.files(__package__).joinpath(name).read_text(encoding="utf-8")
    for n, line in enumerate(text.splitlines(), 1):
        if line.strip() and not line.startswith("#"):
            yield [f.strip() for f in line.split("\t")]


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
    rules = []
    for fields in _lines("furniture.tsv"):
        if len(fields) != 2:
            raise DataError(f"furniture.tsv: expected 'kind<TAB>regex', got {fields!r}")
        rules.append((fields[0], re.compile(fields[1])))
    return FurnitureRules(tuple(rules))


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
    rows = []
    for f in _lines("genres.tsv"):
        if len(f) != 2:
            raise DataError(f"genres.tsv: bad row {f!r}")
        rows.append((f[0], f[1]))
    rows.sort(key=lambda r: -len(r[0]))
    return Genres(tuple(rows))


@lru_cache(maxsize=1)
def national_laws() -> dict[str, str]:
    """Short title → full title of national laws and State Council regulations."""
    out: dict[str, str] = {}
    for f in _lines("national_laws.tsv"):
        full = f[0]
        if not full.endswith(("法", "法典", "条例")):
            raise DataError(f"national_laws.tsv: {full!r} is not a law or regulation title")
        out[full] = full
        for alias in f[1:]:
            out[alias] = full
    return out
