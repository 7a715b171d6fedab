"""The questions the README answers, asked of the seeds' graph (facts checked against the seed texts)."""
from __future__ import annotations

from pathlib import Path

import pytest

import kg
from conftest import SEEDS

QUERIES = Path(kg.__file__).parent / "data" / "queries"


def ask(seeds_build, name: str, **bind) -> list[dict[str, str]]:
    from kg.saved import saved_query

    result, _ = seeds_build
    rows = kg.query(result.graph, saved_query(name).bind(bind))
    return [{str(k): str(v) for k, v in row.asdict().items()} for row in rows]


def test_queries_programs_shared_by_districts(seeds_build):
    rows = {r["program"]: r for r in ask(seeds_build, "shared-programs")}
    # “放管服”改革 is deepened in all five seed reports.
    assert all("放管服" in p.read_text(encoding="utf-8") for p in SEEDS.glob("*.txt"))
    assert rows["放管服改革"]["districts"] == "5"
    assert set(rows["放管服改革"]["run_by"].split("、")) == {"莲湖区", "石景山区", "硚口区", "垫江县", "榆阳区"}
    assert set(rows["一件事一次办"]["run_by"].split("、")) == {"莲湖区", "垫江县"}
    assert all(int(r["districts"]) >= 2 for r in rows.values())


def test_queries_documents_each_district_issued(seeds_build):
    rows = ask(seeds_build, "documents-issued")
    by = {}
    for r in rows:
        by.setdefault(r["issuer"], set()).add(r["document"])
    assert "莲湖区政府督查工作实施细则" in by["莲湖区"]
    assert "垫江县深化“一窗综办”改革工作实施方案" in by["垫江县"]
    assert "硚口区法治政府建设实施方案" in by["硚口区"]
    assert set(by) == {"莲湖区", "石景山区", "硚口区", "垫江县", "榆阳区"}


def test_queries_documents_implemented_by_several(seeds_build, corpus):
    # No document is implemented by two seed districts; two reports that implement the same
    # national outline must show it.
    assert ask(seeds_build, "documents-implemented") == []
    corpus("a.txt", "莲湖区2023年法治政府建设情况报告\n深入贯彻落实《法治政府建设实施纲要(2021—2025年)》。\n")
    corpus("b.txt", "垫江县2023年法治政府建设情况报告\n认真落实法治政府建设实施纲要（2021-2025年）。\n")
    result = kg.build(corpus.folder)
    rows = list(kg.query(result.graph, (QUERIES / "documents-implemented.rq").read_text(encoding="utf-8")))
    assert [(str(r.document), str(r.districts)) for r in rows] == [("法治政府建设实施纲要(2021—2025年)", "2")]


@pytest.mark.parametrize("needle,expect", [
    ("行政复议案件", {("垫江县", "2023", "83"), ("硚口区", "2019", "77")}),
    ("出庭应诉率", {("垫江县", "2023", "100"), ("硚口区", "2019", "93.1")}),
])
def test_queries_one_indicator_across_districts_and_years(seeds_build, needle, expect):
    rows = ask(seeds_build, "indicator", measure=needle)
    got = {(r["division"], r["year"], r["value"].removesuffix(".0")) for r in rows}
    assert expect <= got
    assert all(needle in r["measure"] for r in rows)


def test_queries_honors_each_holder_received(seeds_build):
    rows = {(r["holder"], r["honor"]) for r in ask(seeds_build, "honors")}
    assert ("榆阳区法律援助中心", "全国法律援助先进集体") in rows
    assert ("西仪社区", "省级民主法治示范社区") in rows
    assert ("垫江县桂溪司法所", "重庆市枫桥式司法所") in rows
