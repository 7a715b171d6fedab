"""Places and bodies, tested from the national table and the grammar's own rows.

Sentences are generated: every county-level division in three frames, a seeded sample of
townships after their county and alone, the organ and body grammar over a seeded sample of
divisions at each level, and reporting divisions from titles only.  Each property is one
loop over many generated reports (run through the division and institution stages only),
so a failure lists every name it failed on.
"""
from __future__ import annotations

import random
from collections import Counter
from functools import lru_cache

import pytest

from conftest import doc_of
from kg.data import bodies, divisions, organs
from kg.extract import extract
from kg.read import read_bytes
from kg.recognize import divisions as division_stage
from kg.recognize import institutions as institution_stage
from kg.recognize.divisions import autonomous_short

STAGES = (division_stage.recognize, institution_stage.recognize)
SEED = 20260901


@lru_cache(maxsize=1)
def jieba_counts() -> dict[str, int]:
    """How often jieba's dictionary says each word occurs: the tests pick common words by it."""
    import jieba

    with jieba.get_dict_file() as f:
        rows = (line.split() for line in f.read().decode("utf-8").splitlines())
        return {row[0]: int(row[1]) for row in rows if len(row) == 3}


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


# ---------------------------------------------------------------- the tables the tests below read

def test_places_the_grammar_tables_are_the_rows_the_tests_know():
    """Every test below writes sentences from the whole of a table; this one makes deleting a
    row (or adding one without recording it in tests/lexicons.json) fail."""
    from conftest import lexicon
    from kg.data import _rows, body_suffixes, local_suffixes, zones

    b = bodies()
    assert sorted(f"{r.fields[0]}\t{r.fields[1]}" for r in _rows("bodies.tsv", (4, 4))) == lexicon("bodies.tsv")
    assert sorted({canonical for canonical, _ in b.national.values()}) == lexicon("national_bodies.tsv")
    assert sorted(e for e, _ in body_suffixes()) == lexicon("body_suffixes.tsv")
    assert sorted(o.prefix + "{}" + o.suffix for o in organs()) == lexicon("organs.tsv")
    assert sorted(local_suffixes()) == lexicon("local_suffixes.tsv")
    assert sorted(zones()) == lexicon("zones.tsv")


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


# ---------------------------------------------------------------- villages and communities the text places

# Made-up bases that show the classes: one character, an ordinary word, a name-like word.
ONE_CHARACTER = "岚桦枫榆"
ORDINARY = ("幸福", "光明", "团结", "红旗")


def _villages(d) -> dict[str, object]:
    return {m.label: m for m in d.of_kind("AdministrativeDivision") if m.level == "community"}


def test_places_villages_written_after_their_township_go_under_it():
    """One-character and ordinary-word bases are names where the text places them: right after
    their township, or in a list after one that is."""
    t = table()
    failed = []
    for town in sample(level("township"), 60):
        county = t.by_code[town.parent]
        names = [c + "村" for c in ONE_CHARACTER] + [w + "社区" for w in ORDINARY]
        text = (f"{county.name}2023年法治政府建设情况报告\n" + f"{town.name}{names[0]}、" + "、".join(names[1:4])
                + "开展普法。" + "".join(f"{town.name}{n}调解纠纷。" for n in names[4:]) + "\n")
        found = _villages(doc(text))
        failed += [(town.name, n) for n in names
                   if n not in found or found[n].parent != f"division/{town.code}"]
    assert failed == []


def test_places_a_one_character_village_as_the_subject_of_its_clause():
    """甲村开展…: a name; 全村, 农村, 驻村 and every other word of the dictionary made of one
    character and 村 are not."""
    from kg.recognize.text import dictionary

    words = dictionary()
    common = sorted(w for w in words if len(w) == 2 and w.endswith("村") and words[w] not in
                    ("ns", "nr", "nz", "nrt", "nt"))
    assert len(common) >= 20
    d = sample(level("county"), 1)[0]
    text = title(d) + "".join(f"一年来，{c}村深入开展普法。" for c in ONE_CHARACTER) + "".join(
        f"一年来，{w}深入开展普法。" for w in common) + "\n"
    found = _villages(doc(text))
    assert set(found) == {c + "村" for c in ONE_CHARACTER}
    assert {m.parent for m in found.values()} == {f"division/{d.code}"}


def test_places_a_village_goes_under_the_division_its_sentence_names_else_the_report():
    t = table()
    failed = []
    for town in sample(level("township"), 40):
        county = t.by_code[town.parent]
        city = t.by_code[county.parent]
        # In a report about its county, alone: under the county.
        got = _villages(doc(f"{county.name}2023年法治政府建设情况报告\n一年来，岚溪村深入开展示范创建。\n"))
        if got.get("岚溪村") is None or got["岚溪村"].parent != f"division/{county.code}":
            failed.append(("county report", town.name))
        # In a report about its city, after its county in the sentence: under the county.
        got = _villages(doc(f"{city.name}2023年法治政府建设情况报告\n{county.name}推进依法治理，岚溪村深入开展示范创建。\n"))
        if got.get("岚溪村") is None or got["岚溪村"].parent != f"division/{county.code}":
            failed.append(("city report", town.name))
    assert failed == []


def test_places_honor_kinds_and_brand_words_are_not_places():
    """What a conferral verb confers (被评为X社区), an honor kind ending with a place's suffix
    (示范村), a brand word before a suffix (法治社区): none is a village or community."""
    from kg.data import cues, honor_grammar, words

    kinds = [k for k in honor_grammar().kinds if k[-1] in "村区"]
    verbs = cues().verbs("received") + cues().verbs("sought")
    assert kinds and verbs and words("brand")
    sentences = [f"岚溪社区{v}民主法治社区。" for v in verbs]
    sentences += [f"岚溪社区获评全国民主法治{k}。" for k in kinds]
    sentences += [f"推进{b}社区、{b}乡村建设。" for b in sorted(words("brand"))]
    got = _villages(doc("滑县2023年法治政府建设情况报告\n" + "".join(sentences) + "\n"))
    assert set(got) == {"岚溪社区"}


def test_places_carrier_suffix_keeps_the_village_in_the_community_name():
    got = _villages(doc("滑县2023年法治政府建设情况报告\n以岚溪村居民区为样板，岚溪新村社区率先推进。\n"))
    assert {"岚溪村居民区", "岚溪新村社区"} <= set(got) and "岚溪村" not in got


# ---------------------------------------------------------------- names that are also words or tails of names

def _tail_names() -> list[str]:
    from kg.recognize.divisions import _tails

    t = table()
    return sorted(n for n in _tails() if n in t.by_name or n in t.former)


def test_places_names_that_end_other_names_need_their_parent_or_their_report():
    """新区, 城区, 南县 …: after other characters they are the tail of a name the table lacks;
    alone, in a report about another province, nothing places them."""
    names = _tail_names()
    assert len(names) >= 20
    far = "北京市" if not all(d.code.startswith("11") for n in names for d in table().by_name.get(n, ())) else "天津市"
    text = f"{far}2023年法治政府建设情况报告\n" + "".join(f"学习岚溪{n}经验，{n}工作稳步推进。" for n in names) + "\n"
    found = {m.text for m in doc(text).of_kind("AdministrativeDivision")}
    assert found & set(names) == set()


def test_places_a_name_that_begins_with_a_joining_word_after_a_body_is_that_word():
    from kg.data import cues

    t = table()
    joining = [v for v in cues().verbs("cooperatesWith", "before") if len(v) >= 2]
    names = [d for d in level("county") if d.name.startswith(tuple(joining))]
    assert names
    for d in names:
        province = t.chain(d.code)[-1]
        other = next(p for p in level("province") if p.code != province.code)
        got = doc(f"{other.name}2023年法治政府建设情况报告\n省司法厅{d.name}人民检察院开展专项监督。\n")
        assert d.code not in codes(got)


def test_places_an_ordinary_word_before_a_word_that_begins_with_a_level_character_is_no_name():
    """合作|市场, 平安|区域: every division whose name is an ordinary word and its level character,
    followed by the commonest word that begins with that character, in a far-away report."""
    from kg.recognize.divisions import _PROPER
    from kg.recognize.text import dictionary

    words, freq = dictionary(), jieba_counts()
    first: dict[str, str] = {}
    for w in sorted(words, key=lambda w: (-freq.get(w, 0), w)):
        if len(w) == 2 and words[w].startswith("n"):
            first.setdefault(w[0], w)
    t = table()
    names = [d for d in level("county") + level("prefecture") if len(d.name) == 3 and d.name[:2] in words
             and words[d.name[:2]] not in _PROPER and d.name[-1] in first and len(t.by_name[d.name]) == 1]
    assert len(names) >= 20
    text = "北京市2023年法治政府建设情况报告\n" + "".join(
        f"推进{d.name[:2]}{first[d.name[-1]]}建设。" for d in names if not d.code.startswith("11")) + "\n"
    assert codes(doc(text)) & {d.code for d in names} == set()


# ---------------------------------------------------------------- short forms of a province and its cities

def test_places_a_province_short_form_followed_by_its_cities_names_them_all():
    from kg.data import short_name
    from kg.recognize.divisions import _short_children

    failed = []
    for province in level("province"):
        children = sorted(_short_children().get(province.code, {}).items())
        if province.short == province.name or len(children) < 2:
            continue
        (a, da), (b, db) = children[0], children[-1]
        got = codes(doc(f"北京市2023年法治政府建设情况报告\n学习借鉴{short_name(province.name)}{a}、{b}等地的经验。\n"))
        if not {province.code, da.code, db.code} <= got:
            failed.append(province.name)
    assert failed == []


def test_places_a_street_written_without_dao_in_its_county_report():
    t = table()
    failed = []
    streets = [d for d in level("township") if d.name.endswith("街道") and len(d.name) >= 4
               and d.name[:-1] not in t.by_name and d.name[:-1] not in t.townships_by_name]
    for d in sample(streets, 200):
        county = t.by_code[d.parent]
        got = doc(f"{county.name}2023年法治政府建设情况报告\n建成“{d.name[:-1]}老李调解工作室”，{d.name[:-1]}持续推进。\n")
        if d.code not in codes(got):
            failed.append(d.name)
    assert failed == []


def test_places_a_division_that_begins_a_zone_name_is_no_mention_of_its_own():
    from kg.data import short_name, zones

    for province in level("province"):
        if province.short == province.name:
            continue
        text = f"{province.name}2023年法治政府建设情况报告\n" + "".join(
            f"{short_name(province.name)}{z}建设稳步推进。" for z in zones()) + "\n"
        d = doc(text)
        assert [m.text for m in d.of_kind("AdministrativeDivision") if m.start > len(province.name) + 12] == []


# ---------------------------------------------------------------- bodies written alone, in lists, in their own reports

def _departments(suffix: str) -> dict[str, object]:
    return {w: body for w, body in bodies().gov.items() if body.cls == "Department" and w.endswith(suffix)}


def test_places_a_department_written_alone_is_the_reporting_chains():
    """司法局 in a county's report is the county's, in a township's report its county's; a 厅 is
    its province's.  Every department row of the table, each after a clause mark."""
    t = table()
    failed = []
    offices = {w: b for w, b in bodies().gov.items() if b.cls == "Department" and not w.endswith("厅")}
    halls = _departments("厅")
    for county in sample(level("county"), 6):
        town = t.by_code[t.townships(county.code)[0].code]
        province = t.chain(county.code)[-1]
        for reporting, rows, owner in ((county, offices, county), (town, offices, county), (province, halls, province)):
            got = _institutions(reporting, [w for w in rows])
            failed += [(reporting.name, w) for w, b in rows.items() if owner.name + b.canonical not in got]
    assert failed == []


def test_places_a_bare_cppcc_is_the_reporting_divisions_when_it_acts_not_when_it_qualifies():
    d = sample(level("county"), 1)[0]
    text = title(d) + "政协深入开展民主监督。主动接受人大监督和政协民主监督，办理政协提案12件。\n"
    spans = [doc(text).report.source.text[m.start:m.end] for m in doc(text).of_kind("Institution")]
    assert spans == ["政协"]


def test_places_the_next_body_of_a_list_shares_the_division_of_the_first():
    t = table()
    failed = []
    for county in sample([d for d in level("county") if len(d.name) > 2], 30):
        city = t.by_code[county.parent]
        if city.level != "prefecture" or not city.name.endswith("市"):
            continue
        other = next(p for p in level("province") if p.code != t.chain(county.code)[-1].code)
        text = (f"{other.name}2023年法治政府建设情况报告\n{city.name}委、市政府印发方案。"
                f"{county.name}公安局、司法局联合执法。\n")
        got = {m.label for m in doc(text).of_kind("Institution")}
        want = {f"{city.name}人民政府", f"{county.name}司法局"}
        if not want <= got:
            failed.append((county.name, sorted(want - got)))
    assert failed == []


def test_places_a_departments_own_report_names_itself():
    """X市司法局2023年…报告 and X市司法局关于…的报告: the department publishes it; 我局, 本局 and
    局党组 are it and its party group."""
    failed = []
    for city in sample(level("prefecture"), 10):
        for w, body in sorted(_departments("局").items())[:8]:
            dept = city.name + body.canonical
            for head in (f"{city.name}{w}2023年法治政府建设年度报告", f"{city.name}{w}关于2023年法治政府建设情况的报告"):
                got = doc(head + "\n2023年，我局认真履职，局党组把方向、管大局。本局干部带头学法。\n")
                names = {got.report.source.norm[m.start:m.end]: m.label for m in got.of_kind("Institution")}
                if got.publisher is None or got.publisher.label != dept or names.get("我局") != dept \
                        or names.get("本局") != dept or names.get("党组") != f"中共{dept}党组":
                    failed.append(head)
    assert failed == []


def test_places_the_page_source_names_a_body():
    failed = []
    for county in sample(level("county"), 20):
        for w, body in sorted(_departments("局").items())[:5]:
            text = (f"{county.name}2023年法治政府建设情况报告\n发布时间：2024-03-01  来源：{county.name[-1]}{w}\n"
                    "一年来，全县法治政府建设稳步推进。\n")
            if county.name + body.canonical not in {m.label for m in doc(text).of_kind("Institution")}:
                failed.append((county.name, w))
    assert failed == []


def test_places_a_page_footer_names_no_body():
    d = sample(level("county"), 1)[0]
    got = doc(title(d) + "一年来，法治政府建设稳步推进。\n主办：" + d.name + "人民政府办公室\n")
    assert [m.label for m in got.of_kind("Institution")] == []


def test_places_a_body_read_whole_when_its_last_character_and_the_next_make_a_word():
    """Every row of the table followed by a common word whose first character makes a rarer
    word with the row's last one (X县人大常委会报告: 会报 is a word too): the row is read whole."""
    from kg.recognize.text import dictionary

    words, freq = dictionary(), jieba_counts()
    common = sorted((w for w in words if len(w) == 2 and freq.get(w, 0) >= 5000 and words[w][:1] in "nv"),
                    key=lambda w: (-freq[w], w))
    after: dict[str, str] = {}
    for w in bodies().gov:
        nxt = next((x for x in common if w[-1] + x[0] in words and freq.get(w[-1] + x[0], 0) * 20 < freq[x]), None)
        if nxt is not None:
            after[w] = nxt
    assert len(after) >= 20
    d = sample(level("county"), 1)[0]
    got = {m.label for m in doc(title(d) + "".join(
        f"一年来，{d.name[-1]}{w}{x}稳步推进。" for w, x in after.items()) + "\n").of_kind("Institution")}
    assert [w + after[w] for w, b in bodies().gov.items() if w in after and d.name + b.canonical not in got] == []


def test_places_a_level_word_body_after_a_joining_word_is_a_body():
    failed = []
    for d in sample(level("county"), 20):
        got = {m.label for m in doc(title(d) + f"{d.name[-1]}司法局与{d.name[-1]}人民法院会同{d.name[-1]}人民检察院开展专项监督。\n")
               .of_kind("Institution")}
        if not {f"{d.name}人民法院", f"{d.name}人民检察院"} <= got:
            failed.append(d.name)
    assert failed == []


def test_places_a_meeting_of_a_party_group_is_no_body():
    d = sample(level("county"), 1)[0]
    got = {m.label for m in doc(title(d) + "县政府党组会议研究部署。县司法局党组会传达精神。\n").of_kind("Institution")}
    assert not any(label.endswith("党组") for label in got)


def test_places_every_national_body_by_each_of_its_names():
    b = bodies()
    text = "某县2023年法治政府建设情况报告\n" + "".join(f"，{w}部署" for w in b.national) + "。\n"
    got = doc(text)
    spans = {(got.report.source.norm[m.start:m.end], m.label) for m in got.of_kind("Institution")}
    assert [w for w, (canonical, _) in b.national.items() if (w, canonical) not in spans] == []


def test_places_a_body_ending_read_whole_when_its_last_character_and_the_next_make_a_word():
    """Every ending of body_suffixes.tsv after a division's full name, followed by a common word
    whose first character makes a rarer word with the ending's last one (…中学|组建, 中心|事项)."""
    from kg.data import body_suffixes
    from kg.recognize.text import dictionary

    words, freq = dictionary(), jieba_counts()
    common = sorted((w for w in words if len(w) == 2 and freq.get(w, 0) >= 5000 and words[w][:1] in "nv"),
                    key=lambda w: (-freq[w], w))
    d = sample(level("county"), 1)[0]
    after = {}
    for ending, _ in body_suffixes():
        nxt = next((x for x in common if ending[-1] + x[0] in words and ending[-1] + x not in words
                    and freq.get(ending[-1] + x[0], 0) * 20 < freq[x]), None)
        if nxt is not None:
            after[ending] = nxt
    assert len(after) >= 10
    got = {m.label for m in doc(title(d) + "".join(
        f"一年来，{d.name}岚溪{e}{x}稳步推进。" for e, x in after.items()) + "\n").of_kind("Institution")}
    assert [e + after[e] for e in after if f"{d.name}岚溪{e}" not in got] == []


def test_places_any_body_of_the_table_as_the_next_item_of_a_list():
    b = bodies()
    failed = []
    for city in sample([d for d in level("prefecture") if d.name.endswith("市")], 5):
        rows = {w: body for w, body in b.gov.items() if len(w) >= 3}
        got = _institutions(city, [f"{city.name[-1]}委党校和{w}" for w in rows])
        failed += [(city.name, w) for w, body in rows.items() if city.name + body.canonical not in got]
    assert failed == []


def test_places_the_groups_of_a_party_committees_body():
    d = sample(level("county"), 1)[0]
    groups = ["立法协调小组", "执法协调小组", "守法普法协调小组"]
    got = _institutions(d, [f"{d.name[-1]}委全面依法治{d.name[-1]}委员会{g}" for g in groups])
    committee = next(o for o in organs() if o.prefix == "" and o.suffix == "委" and "county" in o.kinds).name(d.name)
    assert {f"{committee}全面依法治{d.name[-1]}委员会{g}" for g in groups} <= got


def test_places_a_body_named_after_a_short_form_keeps_it():
    from kg.recognize.text import dictionary

    for city in sample([d for d in level("prefecture") if d.short != d.name and len(d.short) >= 2
                        and dictionary().get(d.short, "ns") in ("ns", "nz")], 10):
        got = {m.label: m for m in doc(f"{city.name}2023年法治政府建设情况报告\n联合{city.short}大学法学院开展培训。\n")
               .of_kind("Institution")}
        assert got[f"{city.short}大学法学院"].jurisdiction == f"division/{city.code}"


def test_places_every_body_ending_after_a_division_names_a_body_of_its_class():
    from kg.data import body_suffixes

    d = sample(level("county"), 1)[0]
    got = {m.label: m.cls for m in doc(title(d) + "".join(
        f"一年来，{d.name}第三岚溪{e}稳步推进。" for e, _ in body_suffixes()) + "\n").of_kind("Institution")}
    assert [e for e, cls in body_suffixes() if got.get(f"{d.name}第三岚溪{e}") != cls] == []


def test_places_sheng_stands_for_the_province_level_division_whatever_its_name():
    """我省 in a report of any province-level division (省, 自治区, 直辖市 alike) is that division,
    as 全省 is for the honors' scope: one rule for what a bare level word stands for."""
    t = table()
    names = Counter(d.name for d in level("county"))
    first: dict[str, object] = {}
    for d in sorted(level("county"), key=lambda d: d.code):
        if names[d.name] == 1:
            first.setdefault(t.chain(d.code)[-1].code, d)
    assert set(first) == {t.chain(d.code)[-1].code for d in level("county")}  # a county in every province that lists them
    failed = []
    for code, county in sorted(first.items()):
        doc = doc_of(f"{county.name}人民政府2023年法治政府建设情况报告\n一、主要成效\n我省持续优化营商环境。\n")
        if {m.code for m in doc.of_kind("AdministrativeDivision") if m.text == "我省"} != {code}:
            failed.append(t.by_code[code].name)
    assert failed == []
