"""The national division table and its history, checked row by row from the table itself."""
from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pytest

import kg.data as data
from kg.data import CHANGE_KINDS, LEVELS, divisions

DATA = Path(data.__file__).parent
MUNICIPALITIES = ("11", "12", "31", "50")  # 北京 天津 上海 重庆: counties directly under the province


def table():
    return divisions()


def is_directly_administered(code: str) -> bool:
    """A 省直辖县级行政单位 (仙桃市, 济源市, the 兵团 cities, Hainan's counties): codes xx90xx."""
    return code[2:4] == "90"


def test_division_table_counts_per_level():
    n = Counter(d.level for d in table().by_code.values())
    assert n["province"] == 34
    assert 330 <= n["prefecture"] <= 336
    assert 2_800 <= n["county"] <= 2_900
    assert 38_000 <= n["township"] <= 40_000
    assert set(n) == set(LEVELS)


def test_division_table_rows_are_in_code_order_with_a_header():
    text = (DATA / "divisions.tsv").read_text(encoding="utf-8")
    assert text.startswith("#")
    codes = [line.split("\t", 1)[0] for line in text.splitlines() if line and not line.startswith("#")]
    assert codes == sorted(codes) and len(codes) == len(table().by_code)


def test_division_table_every_parent_exists_one_level_up():
    t = table()
    has_counties = {d.parent for d in t.by_code.values() if d.level == "county"}
    for d in t.by_code.values():
        up = t.by_code.get(d.parent)
        if d.level == "province":
            assert d.parent == "" and d.code.endswith("0000"), d
        elif d.level == "prefecture":
            assert up.level == "province" and d.code[:2] == up.code[:2], d
        elif d.level == "county":
            if up.level == "province":
                assert d.code[:2] in MUNICIPALITIES or is_directly_administered(d.code), d
            else:
                assert up.level == "prefecture" and d.code[:4] == up.code[:4], d
        else:
            if up.level == "prefecture":
                assert up.code not in has_counties, d  # only a city without counties has its own townships
            else:
                assert up.level == "county", d


def test_division_table_every_township_code_extends_its_parent_code():
    t = table()
    for d in t.by_code.values():
        if d.level == "township":
            up = t.by_code[d.parent]
            prefix = up.code if up.level == "county" else up.code[:4]
            assert len(d.code) == 12 and d.code.startswith(prefix), d


def test_division_table_directly_administered_counties_hang_on_their_province():
    t = table()
    direct = [d for d in t.by_code.values() if d.level == "county" and is_directly_administered(d.code)]
    assert len(direct) >= 20
    assert all(t.by_code[d.parent].level == "province" for d in direct)


def test_division_table_cities_without_counties_have_their_townships():
    t = table()
    has_counties = {d.parent for d in t.by_code.values() if d.level == "county"}
    bare = [d for d in t.by_code.values() if d.level == "prefecture" and d.code not in has_counties]
    assert len(bare) >= 4
    for city in bare:
        towns = t.townships(city.code)
        assert towns and all(x.parent == city.code for x in towns), city
        assert [x.name for x in t.chain(towns[0].code)] == [towns[0].name, city.name, t.by_code[city.parent].name]


@pytest.mark.parametrize("level,endings", [
    ("province", ("省", "市", "自治区", "特别行政区")),
    ("prefecture", ("市", "自治州", "地区", "盟")),
    ("county", ("区", "县", "市", "旗", "林区", "特区")),
    ("township", ("街道", "镇", "乡", "苏木", "区公所")),
])
def test_division_table_names_end_as_their_level_says(level, endings):
    names = [d.name for d in table().by_code.values() if d.level == level]
    assert names and [n for n in names if not n.endswith(endings)] == []


def test_division_table_by_name_holds_only_the_levels_above_townships():
    t = table()
    assert all(d.level != "township" for ds in t.by_name.values() for d in ds)
    assert all(d.level == "township" for ds in t.townships_by_name.values() for d in ds)
    assert t.max_len == max(map(len, t.by_name))
    assert sum(map(len, t.by_name.values())) + sum(map(len, t.townships_by_name.values())) == len(t.by_code)


def test_division_table_children_and_townships_of_every_county():
    t = table()
    seen = 0
    for code, kids in t.children.items():
        assert all(k.parent == code for k in kids) and list(kids) == sorted(kids, key=lambda k: k.code)
        seen += len(kids)
    assert seen == len(t.by_code) - 34
    counties = [d for d in t.by_code.values() if d.level == "county"]
    with_towns = [d for d in counties if t.townships(d.code)]
    assert len(with_towns) / len(counties) > 0.99
    for d in with_towns[::97]:
        for town in t.townships(d.code):
            assert d in [x for x in t.chain(town.code)]
            assert town in t.townships_by_name[town.name]


def test_division_table_every_former_name_leads_to_a_current_division():
    t = table()
    assert len(t.former) >= 400
    for name, changes in t.former.items():
        for f in changes:
            assert f.name == name and t.by_code[f.division.code] is f.division
            assert f.division.level != "township" and f.kind in CHANGE_KINDS and 2000 <= f.year <= 2026
            # A former name is not the current name of its division, nor of a division around it.
            around = {x.name for x in t.chain(f.division.code)} | {x.name for x in t.children.get(f.division.parent, ())}
            assert name not in around, f


@pytest.mark.parametrize("old,code,year", [
    ("运城地区", "140800", 2000),     # 山西: 撤地设市
    ("伊克昭盟", "150600", 2001),     # 内蒙古: → 鄂尔多斯市
    ("思茅地区", "530800", 2003),     # 云南: → 思茅市, renamed 普洱市 in 2007
    ("襄樊市", "420600", 2010),       # 湖北: → 襄阳市
    ("崇文区", "110101", 2010),       # 北京: merged into 东城区
    ("闸北区", "310106", 2015),       # 上海: merged into 静安区
    ("罗江县", "510604", 2017),       # 四川: → 罗江区
    ("莱芜市", "370116", 2018),       # 山东: merged into 济南市 as 莱芜区
    ("伊春区", "230717", 2019),       # 黑龙江: → 伊美区
    ("横县", "450181", 2021),         # 广西: → 横州市
    ("错那县", "540581", 2023),       # 西藏: → 错那市
])
def test_division_table_known_changes_resolve(old, code, year):
    t = table()
    assert old not in t.by_name
    hits = [f for f in t.former[old] if f.division.code == code]
    assert hits and hits[0].year in (year - 1, year, year + 1)  # lists report a change in its year or the next


def test_division_table_history_names_the_current_division():
    for line in (DATA / "division_history.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            old_code, old_name, new_code, new_name, year, kind = line.split("\t")
            assert table().by_code[new_code].name == new_name


# ---------------------------------------------------------------- a bad row fails at load, with file:line

@pytest.fixture
def tables(tmp_path, monkeypatch):
    """A copy of kg/data that a test may break; the loaders read it instead of the package's."""
    copy = tmp_path / "data"
    shutil.copytree(DATA, copy, ignore=shutil.ignore_patterns("__pycache__", "*.py"))
    monkeypatch.setattr(data, "folder", lambda: copy)
    data.clear()
    yield copy
    data.clear()


@pytest.mark.parametrize("name,row,message", [
    ("divisions.tsv", "110101099000\t某街道\ttownship\t119999\t\t", "has unknown parent '119999'"),
    ("divisions.tsv", "110101099000\t某街道\ttownship\t110000\t\t", "cannot be under 110000"),
    ("divisions.tsv", "110199\t某区\tcounty\t110000\t\t\t", "expected 6 tab-separated fields, got 7"),
    ("divisions.tsv", "110199\t某区\tdistrict\t110000\t\t", "unknown level 'district'"),
    ("divisions.tsv", "1101990\t某区\tcounty\t110000\t\t", "bad county row"),
    ("divisions.tsv", "110199\t某区\tcounty\t\t\t", "bad county row"),
    ("divisions.tsv", "110199\t某区\tcounty\t110000\teast\t39.9", "bad coordinates"),
    ("divisions.tsv", "110101\t东城区\tcounty\t110000\t\t", "110101 appears twice"),
    ("division_history.tsv", "510626\t罗江县\t510604\t罗江县\t2017\t撤县设区", "510604 is 罗江区 in divisions.tsv"),
    ("division_history.tsv", "\t某县\t519999\t某区\t2017\t撤县设区", "'519999' is not a division"),
    ("division_history.tsv", "510626\t罗江县\t510604\t罗江区\t二〇一七\t撤县设区", "bad year"),
    ("division_history.tsv", "510626\t罗江县\t510604\t罗江区\t2017\t合并", "unknown kind of change '合并'"),
    ("division_history.tsv", "510626\t罗江县\t510604\t罗江区\t2017", "expected 6 tab-separated fields, got 5"),
])
def test_division_table_malformed_row_fails_at_load_with_file_and_line(tables, name, row, message):
    p = tables / name
    text = p.read_text(encoding="utf-8").rstrip("\n") + "\n" + row + "\n"
    p.write_text(text, encoding="utf-8")
    with pytest.raises(data.DataError) as e:
        divisions()
    assert str(e.value).startswith(f"kg/data/{name}:{text.count(chr(10))}: ")
    assert message in str(e.value)
