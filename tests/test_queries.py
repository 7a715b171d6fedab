"""The questions the README answers, asked of the seeds' graph (facts checked against the seed texts)."""
from __future__ import annotations

import json
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


# ---------------------------------------------------------------- tuned queries answer what the plain ones do

# The saved queries are written for Oxigraph's planner (names looked up as @zh literals, class
# patterns a property's domain implies left out, aggregates joined in subqueries).  These are the
# plain formulations of the same questions: every tuned query must answer exactly what its plain
# one answers, for parameters taken from the graph itself.
PLAIN = {
    "entity": """SELECT ?direction ?property ?value WHERE {
  ?e rdfs:label|skos:altLabel ?n . FILTER(STR(?n) = $name)
  { ?e ?p ?o . BIND("→" AS ?direction) OPTIONAL { ?o rdfs:label ?ol } BIND(COALESCE(STR(?ol), STR(?o)) AS ?value) }
  UNION
  { ?s ?p ?e . BIND("←" AS ?direction) FILTER(?p != kg:refersTo && ?p != rdf:object)
    OPTIONAL { ?s rdfs:label ?sl } BIND(COALESCE(STR(?sl), STR(?s)) AS ?value) }
  BIND(REPLACE(STR(?p), "^.*[#/]", "") AS ?property)
} ORDER BY ?direction ?property ?value""",
    "provenance": """SELECT ?file ?start ?end ?sentence WHERE {
  ?st a rdf:Statement ; rdf:subject ?h ; rdf:predicate ?p ; rdf:object ?t ;
      kg:start ?start ; kg:end ?end ; kg:inReport/kg:sourceFile ?file ; prov:wasDerivedFrom/kg:text ?sentence .
  ?h rdfs:label|skos:altLabel ?hn . ?t rdfs:label|skos:altLabel ?tn .
  FILTER(STR(?hn) = $head && STR(?tn) = $tail)
  FILTER(STRAFTER(STR(?p), "#") = $relation)
} ORDER BY ?file ?start""",
    "compare": """SELECT ?area ?year ?value ?unit ?approximate ?measure WHERE {
  ?concept skos:prefLabel|skos:altLabel ?n . FILTER(STR(?n) = $indicator)
  ?o kg:indicator ?concept ; kg:refArea/rdfs:label ?area ; kg:value ?value ; kg:unit ?unit ;
     kg:approximate ?approximate ; kg:measure ?measure .
  OPTIONAL { ?o kg:year ?year }
} ORDER BY ?area ?year ?value""",
    "indicators": """SELECT ?indicator (COUNT(?o) AS ?figures) (COUNT(DISTINCT ?area) AS ?areas) WHERE {
  ?concept skos:inScheme ?scheme ; skos:prefLabel ?indicator .
  ?o kg:indicator ?concept ; kg:refArea ?area .
} GROUP BY ?indicator ORDER BY DESC(?figures) ?indicator""",
    "shared-programs": """SELECT ?program (COUNT(DISTINCT ?d) AS ?districts) (GROUP_CONCAT(DISTINCT ?name; separator="、") AS ?run_by) WHERE {
  ?d kg:implements ?p ; a kg:AdministrativeDivision ; rdfs:label ?name .
  ?p a kg:Program ; rdfs:label ?program .
} GROUP BY ?program HAVING (COUNT(DISTINCT ?d) >= 2) ORDER BY DESC(?districts) ?program""",
    "documents-implemented": """SELECT ?document (COUNT(DISTINCT ?d) AS ?districts) (GROUP_CONCAT(DISTINCT ?name; separator="、") AS ?implemented_by) WHERE {
  ?d kg:implements ?doc ; rdfs:label ?name .
  ?doc a kg:PolicyDocument ; rdfs:label ?document .
} GROUP BY ?document HAVING (COUNT(DISTINCT ?d) >= 2) ORDER BY DESC(?districts) ?document""",
}
LISTS = {"shared-programs": 2, "documents-implemented": 2}  # the column that lists names


def _cases(store, name: str) -> list[dict[str, str]]:
    """Parameters for a saved query drawn from the graph: every name, every stated fact, every
    indicator's name, and values that match nothing."""
    from kg.query import run

    def values(sparql):
        return [tuple(t.value for t in row) for row in run(store, sparql).rows]

    if name == "entity":
        names = values("SELECT DISTINCT ?n WHERE { ?e rdfs:label|skos:altLabel ?n }")
        return [{"name": n} for (n,) in names] + [{"name": "无此名称"}]
    if name == "provenance":
        facts = values("""SELECT DISTINCT ?hn ?rel ?tn WHERE { ?st rdf:subject ?h ; rdf:predicate ?p ; rdf:object ?t .
            ?h rdfs:label|skos:altLabel ?hn . ?t rdfs:label|skos:altLabel ?tn . BIND(STRAFTER(STR(?p), "#") AS ?rel) }""")
        return ([dict(zip(("head", "relation", "tail"), f)) for f in facts]
                + [{"head": facts[0][2], "relation": facts[0][1], "tail": facts[0][0]}])
    if name == "compare":
        names = values("SELECT DISTINCT ?n WHERE { ?c skos:prefLabel|skos:altLabel ?n }")
        return [{"indicator": n} for (n,) in names] + [{"indicator": "无此指标"}]
    return [{}]


@pytest.mark.parametrize("name", sorted(PLAIN))
def test_queries_tuned_saved_query_answers_what_the_plain_one_does(seeds_build, name):
    from kg.query import open_graph, run
    from kg.saved import SavedQuery, saved_query

    _, out = seeds_build
    store = open_graph(out)
    tuned, plain = saved_query(name), SavedQuery(name, "", saved_query(name).params, PLAIN[name])
    cases = _cases(store, name)
    answered = 0
    for params in cases:
        got, want = ([[None if t is None else t.value for t in row] for row in run(store, q.bind(params)).rows]
                     for q in (tuned, plain))
        if name in LISTS:  # the plain query lists names in whatever order the plan gives; the tuned one sorts
            column = LISTS[name]
            assert all(row[column].split("、") == sorted(row[column].split("、")) for row in got)
            for row in got + want:
                row[column] = sorted(row[column].split("、"))
        assert got == want, (name, params)
        answered += bool(got)
    assert answered >= min(len(cases) - 2, 1), f"{name}: too few cases answered anything to show much"


def test_queries_both_paths_answer_the_same(seeds_build, tmp_path):
    """Over a store, kg query (Oxigraph answering directly, printed from its terms) and rdflib's API
    over the same store (oxrdflib) give the same rows in the same order for every saved query, and
    the JSON kg query prints is what rdflib's serializer writes for them."""
    from kg.namespace import PREFIXES
    from kg.query import format_result, load, open_graph, run
    from kg.saved import saved_queries
    from kg.store import write_store

    _, out = seeds_build
    write_store(out / "graph.ttl", tmp_path / "store")
    store, wrapped = open_graph(tmp_path / "store"), load(tmp_path / "store")
    for name, q in saved_queries().items():
        for params in _cases(store, name)[::20]:
            sparql = q.bind(params)
            answer, result = run(store, sparql), wrapped.query(sparql, initNs=PREFIXES)
            assert [tuple(None if t is None else t.value for t in row) for row in answer.rows] == \
                   [tuple(None if v is None else str(v) for v in row) for row in result], (name, params)
            assert json.loads(format_result(answer, "json")) == json.loads(result.serialize(format="json")), name
