"""Places and bodies, tested from the national table and the grammar's own rows.

Sentences are generated: every county-level division in three frames, a seeded sample of
townships after their county and alone, the organ and body grammar over a seeded sample of
divisions at each level, and reporting divisions from titles only.  Each property is one
loop over many generated reports (run through the division and institution stages only),
so a failure lists every name it failed on.
"""
from __future__ import annotations

import random

import pytest

from kg.data import bodies, divisions, organs
from kg.extract import extract
from kg.read import read_bytes
from kg.recognize import divisions as division_stage
from kg.recognize import institutions as institution_stage
from kg.recognize.divisions import autonomous_short

STAGES = (division_stage.recognize, institution_stage.recognize)
SEED = 20260901


def doc(text: str):
    return extract(read_bytes(text.encode("utf-8"), "t.txt"), STAGES)


def table():
    return divisions()


def level(name: str) -> list:
    return [d for d in table().by_code.values() if d.level == name]


def sample(items: list, n: int) -> list:
    return random.Random(SEED).sample(sorted(items, key=lambda d: d.code), min(n, len(items)))


def codes(d) -> set[str]:
    return {m.code for m in d.of_kind("AdministrativeDivision") if m.code}


def title(d) -> str:
    """A report's title naming a division as reports do: a township after its county, a name
    that several divisions share (four 市中区) after its parent."""
    t = table()
    shared = len(t.by_name.get(d.name, ())) > 1
    prefix = t.by_code[d.parent].name if d.level == "township" or shared and d.parent else ""
    return f"{prefix}{d.name}2023年法治政府建设情况报告\n"


# ---------------------------------------------------------------- county-level names, every one

def test_places_every_county_level_name_as_the_reporting_division():
    """Frame 1: the government's report to the city above, as such reports open."""
    t = table()
    failed = []
    for d in level("county"):
        got = doc(f"{d.name}人民政府关于2023年度法治政府建设情况的报告\n\n{t.by_code[d.parent].name}人民政府：\n"
                  "现将有关情况报告如下。\n")
        if got.division is None or got.division.code != d.code:
            failed.append(d.name)
    assert failed == []


def test_places_every_county_level_name_in_its_parent_report():
    """Frame 2: at the start of a clause in a report of the city (or province) above."""
    t = table()
    failed = []
    by_parent: dict[str, list] = {}
    for d in level("county"):
        by_parent.setdefault(d.parent, []).append(d)
    for parent, children in sorted(by_parent.items()):
        text = f"{t.by_code[parent].name}2023年法治政府建设情况报告\n" + "".join(
            f"一年来，{c.name}深入开展示范创建。" for c in children) + "\n"
        found = codes(doc(text))
        failed += [c.name for c in children if c.code not in found and not _ordinary_word(c)]
    assert failed == []


def test_places_every_county_level_name_after_its_parent():
    """Frame 3: written after its city or province, in a report of another province."""
    t = table()
    failed = []
    by_province: dict[str, list] = {}
    for d in level("county"):
        by_province.setdefault(t.chain(d.code)[-1].code, []).append(d)
    for province, children in sorted(by_province.items()):
        other = "北京市" if t.by_code[province].name != "北京市" else "天津市"
        text = f"{other}2023年法治政府建设情况报告\n" + "".join(
            f"学习借鉴{t.by_code[c.parent].name}{c.name}的经验。" for c in children) + "\n"
        found = codes(doc(text))
        failed += [c.name for c in children if c.code not in found]
    assert failed == []


def _ordinary_word(d) -> bool:
    """城区, 郊区, 矿区: two-character districts named like the common noun 区 'area', or shared
    by several divisions, are read as names only with their parent or in their own report
    (frames 1 and 3)."""
    from kg.recognize.text import dictionary

    return len(d.name) == 2 and (len(table().by_name[d.name]) > 1
                                 or d.name.endswith("区") and dictionary().get(d.name) not in (None, "ns", "nz"))


def test_places_two_character_names_inside_ordinary_words_are_not_places():
    # 办理县级事项: 理县 is a county, but 理 ends 办理; 市和县: 和 is the conjunction.
    found = {m.label for m in doc("北京市2023年法治政府建设情况报告\n依法办理县级审批事项，市和县两级联动，"
                                  "城区管理持续加强。\n").of_kind("AdministrativeDivision")}
    assert not found & {"理县", "和县", "城区"}


# ---------------------------------------------------------------- townships, a seeded sample

TOWNSHIPS = 600


def test_places_townships_after_their_county():
    t = table()
    failed = []
    picked = sample(level("township"), TOWNSHIPS)
    by_province: dict[str, list] = {}
    for d in picked:
        by_province.setdefault(t.chain(d.code)[-1].code, []).append(d)
    for province, towns in sorted(by_province.items()):
        text = f"{t.by_code[province].name}2023年法治政府建设情况报告\n" + "".join(
            f"推广{t.by_code[d.parent].name}{d.name}的做法。" for d in towns) + "\n"
        found = codes(doc(text))
        failed += [t.by_code[d.parent].name + d.name for d in towns if d.code not in found]
    assert failed == []


def test_places_townships_alone_in_a_report_about_their_county():
    t = table()
    failed = []
    by_county: dict[str, list] = {}
    for d in sample(level("township"), TOWNSHIPS):
        by_county.setdefault(d.parent, []).append(d)
    for county, towns in sorted(by_county.items()):
        text = f"{t.by_code[county].name}2023年法治政府建设情况报告\n" + "".join(
            f"一年来，{d.name}深入开展示范创建。" for d in towns) + "\n"
        found = codes(doc(text))
        failed += [d.name for d in towns if d.code not in found]
    assert failed == []


def test_places_township_not_placed_by_the_text_is_not_guessed():
    # A township name shared by many counties, in a report of a county that has none of them.
    t = table()
    name, divs = max(t.townships_by_name.items(), key=lambda kv: (len(kv[1]), kv[0]))
    county = next(d for d in level("county") if all(not t.is_within(x.code, d.code) for x in divs))
    got = doc(f"{county.name}2023年法治政府建设情况报告\n学习{name}的经验。\n")
    assert not {x.code for x in divs} & codes(got)


# ---------------------------------------------------------------- reporting division from titles only

@pytest.mark.parametrize("lv,n", [("province", 40), ("prefecture", 120), ("township", 200)])
def test_places_reporting_division_from_the_title_alone(lv, n):
    failed = [d.name for d in sample(level(lv), n)
              if (got := doc(title(d) + "现将有关情况报告如下。\n").division) is None or got.code != d.code]
    assert failed == []


def test_places_autonomous_short_forms_name_their_division():
    t = table()
    failed = []
    for d in t.by_code.values():
        short = autonomous_short(d.name) if d.level != "township" else None
        if not short or short in t.by_name or short in t.townships_by_name:
            continue
        got = doc(f"{short}2023年法治政府建设情况报告\n现将有关情况报告如下。\n").division
        if got is None or got.code != d.code:
            failed.append(short)
    assert failed == []
    assert autonomous_short("延边朝鲜族自治州") == "延边州"


def test_places_former_names_link_to_the_current_division():
    t = table()
    failed = []
    for old, changes in sorted(t.former.items()):
        current = {c.division.code for c in changes}
        if len(current) != 1 or old in t.by_name or old in t.townships_by_name or len(old) < 3:
            continue
        got = doc(f"{old}2019年法治政府建设情况报告\n现将有关情况报告如下。\n").division
        if got is None or got.code not in current:
            failed.append(old)
    assert failed == []


# ---------------------------------------------------------------- the institution grammar over divisions

def _kind(d) -> str:
    if d.level == "township":
        return "street" if d.name.endswith("街道") else "town"
    return d.level


def _divisions_of_every_kind() -> list:
    picked = []
    for lv, n in (("province", 8), ("prefecture", 20), ("county", 40), ("township", 40)):
        picked += sample(level(lv), n)
    return picked


def _institutions(d, sentences: list[str]) -> set[str]:
    got = doc(title(d) + "".join(f"一年来，{s}高度重视。" for s in sentences) + "\n")
    return {m.label for m in got.of_kind("Institution")}


def test_places_every_organ_form_over_divisions_of_each_level():
    rows_seen: set[int] = set()
    failed = []
    rows = organs()
    for d in _divisions_of_every_kind():
        wanted = {}
        for i, o in enumerate(rows):
            if _kind(d) in o.kinds:
                wanted[o.prefix + d.name + o.suffix] = (i, o.name(d.name))
        found = _institutions(d, list(wanted))
        for written, (i, canonical) in wanted.items():
            if canonical in found:
                rows_seen.add(i)
            else:
                failed.append((written, canonical))
    # Communities are not in the table: a made-up one under a sampled town.
    town = next(d for d in _divisions_of_every_kind() if _kind(d) == "town")
    for i, o in enumerate(rows):
        if "community" in o.kinds and o.name("岚溪社区") in _institutions(town, [o.prefix + "岚溪社区" + o.suffix]):
            rows_seen.add(i)
    body_rows = {i for i, o in enumerate(rows) if "body" in o.kinds}
    assert failed == []
    assert set(range(len(rows))) - rows_seen - body_rows == set()


def test_places_every_body_row_after_divisions_of_each_level():
    b = bodies()
    failed = []
    for d in _divisions_of_every_kind():
        found = _institutions(d, [d.name + w for w in b.gov])
        failed += [(d.name, w) for w, body in b.gov.items() if d.name + body.canonical not in found]
        if d.level in ("province", "prefecture", "county"):
            committee = next(o for o in organs() if o.prefix == "中共" and o.suffix == "委" and d.level in o.kinds)
            party = committee.name(d.name)
            found = _institutions(d, [f"中共{d.name}委{w}" for w in b.party])
            failed += [(d.name, w) for w, body in b.party.items() if party + body.canonical not in found]
    assert failed == []


def test_places_level_words_stand_for_the_reporting_chain():
    t = table()
    failed = []
    for d in sample(level("county"), 60):
        city = t.by_code[d.parent]
        word = d.name[-1]
        got = _institutions(d, [f"{word}委", f"{word}政府", f"{word}司法局", f"{word}政协", "市委", "省政府"])
        province = t.chain(d.code)[-1]
        committee = next(o for o in organs() if o.prefix == "" and o.suffix == "委" and "county" in o.kinds)
        expected = {committee.name(d.name), f"{d.name}人民政府", f"{d.name}司法局", f"政协{d.name}委员会"}
        if province.name.endswith("省"):
            expected.add(f"{province.name}人民政府")
        if city.level == "prefecture" and city.name.endswith("市") and not d.name.endswith("市"):
            expected.add(committee.name(city.name))
        if not expected <= got:
            failed.append((d.name, sorted(expected - got)))
    assert failed == []


def test_places_body_party_group_follows_the_body():
    d = sample(level("prefecture"), 1)[0]
    got = _institutions(d, [f"{d.name}司法局党组", f"{d.name}人民政府党组"])
    assert {f"中共{d.name}司法局党组", f"中共{d.name}人民政府党组"} <= got
