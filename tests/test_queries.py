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


@pytest.mark.parametrize("indicator,expect", [
    # 垫江县 办理行政复议案件83件; 榆阳区 收到行政复议申请121件 (the seeds' texts)
    ("行政复议案件数", {("垫江县", "2023", "83"), ("榆阳区", "2024", "121")}),
    # by another name of the concept: 行政机关负责人出庭应诉率 100% in 垫江县, 行政负责人出庭应诉率 93.1% in 硚口区
    ("出庭应诉率", {("垫江县", "2023", "100"), ("硚口区", "2019", "93.1")}),
])
def test_queries_compare_one_indicator_across_districts_and_years(seeds_build, indicator, expect):
    rows = ask(seeds_build, "compare", indicator=indicator)
    got = {(r["area"], r["year"], r["value"].removesuffix(".0")) for r in rows}
    assert expect <= got
    assert "CONTAINS" not in (QUERIES / "compare.rq").read_text(encoding="utf-8")  # an exact join on the concept


def test_queries_compare_joins_figures_written_differently(corpus):
    from kg.data import divisions
    from kg.saved import saved_query

    counties = [d.name for d in divisions().by_code.values() if d.level == "county" and len(d.name) >= 3][:39:13]
    phrasings = ["全年办理行政复议案件{n}件。", "全年共收到行政复议申请{n}件。", "受理各类行政复议案件{n}件。"]
    for i, (county, phrase) in enumerate(zip(counties, phrasings)):
        corpus(f"{i}.txt", f"{county}人民政府{2021 + i}年法治政府建设情况报告\n一、主要举措\n" + phrase.format(n=10 + i) + "\n")
    result = kg.build(corpus.folder)
    rows = list(kg.query(result.graph, saved_query("compare").bind({"indicator": "行政复议案件数"})))
    assert sorted((str(r.area), str(r.year), str(r.value)) for r in rows) == sorted(
        (c, str(2021 + i), f"{10 + i}.0") for i, c in enumerate(counties))
    listed = {str(r.indicator): int(r.figures) for r in kg.query(result.graph, (QUERIES / "indicators.rq").read_text(
        encoding="utf-8"))}
    assert listed == {"行政复议案件数": 3}


def test_queries_honors_each_holder_received(seeds_build):
    rows = {(r["holder"], r["honor"]) for r in ask(seeds_build, "honors")}
    assert ("榆阳区法律援助中心", "全国法律援助先进集体") in rows
    assert ("西仪社区", "省级民主法治示范社区") in rows
    assert ("垫江县桂溪司法所", "重庆市枫桥式司法所") in rows
