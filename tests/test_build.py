"""End to end: the seeds build, the outputs' promises (valid, parseable, deterministic, atomic),
bad inputs, and every command's exit status and message."""
from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path

import pytest
from rdflib import RDF, RDFS, Graph, Literal

from conftest import SEEDS
from kg import BuildError, build, validate
from kg.cli import main
from kg.namespace import KG


def test_build_seeds_writes_graph_and_manifest(seeds_build):
    result, out = seeds_build
    assert (out / "graph.ttl").is_file() and (out / "manifest.json").is_file()
    m = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert m["totals"]["built"] == 5 and m["totals"]["skipped"] == 0
    assert {f["path"] for f in m["files"]} == {p.name for p in SEEDS.glob("*.txt")}
    for f in m["files"]:
        assert f["status"] == "built" and f["counts"]["AdministrativeDivision"] >= 1 and f["year"] >= 2019
    assert {f["division"] for f in m["files"]} == {"莲湖区", "石景山区", "硚口区", "垫江县", "榆阳区"}


def test_build_graph_parses_with_rdflib_and_oxigraph(seeds_build):
    pyoxigraph = pytest.importorskip("pyoxigraph")
    _, out = seeds_build
    g = Graph().parse(out / "graph.ttl", format="turtle")
    store = pyoxigraph.Store()
    store.load(path=str(out / "graph.ttl"), format=pyoxigraph.RdfFormat.TURTLE)
    assert len(store) == len(g) > 1000


def test_build_graph_conforms_to_the_shapes(seeds_build):
    _, out = seeds_build
    conforms, text = validate(out / "graph.ttl")
    assert conforms, text


def test_build_shapes_catch_a_broken_graph(seeds_build):
    result, _ = seeds_build
    g = Graph()
    for t in result.graph:
        g.add(t)
    div = next(result.graph.subjects(RDF.type, KG.County))
    g.add((div, RDFS.label, Literal("second label", lang="zh")))
    conforms, text = validate(g)
    assert not conforms and "label" in text


def test_build_is_byte_identical_across_runs(seeds_build, tmp_path):
    _, out = seeds_build
    build(SEEDS, tmp_path)
    assert (tmp_path / "graph.ttl").read_bytes() == (out / "graph.ttl").read_bytes()
    assert (tmp_path / "manifest.json").read_bytes() == (out / "manifest.json").read_bytes()


def test_build_is_independent_of_input_order(seeds_build, tmp_path):
    _, out = seeds_build
    names = sorted(p.name for p in SEEDS.glob("*.txt"))
    folder = tmp_path / "shuffled"
    for i, name in enumerate(reversed(names)):  # another walk order: z4/000…, z3/001…
        (folder / f"z{i}").mkdir(parents=True)
        shutil.copy(SEEDS / name, folder / f"z{i}" / name)
    build(folder, tmp_path / "o")
    assert (tmp_path / "o" / "graph.ttl").read_bytes() == (out / "graph.ttl").read_bytes()


def test_build_same_document_one_node_across_reports(corpus, tmp_path):
    corpus("a.txt", "莲湖区2023年法治政府建设情况报告\n贯彻落实《法治政府建设实施纲要(2021—2025年)》。\n")
    corpus("b.txt", "榆阳区2023年法治政府建设情况报告\n深入贯彻落实法治政府建设实施纲要（2021-2025年）。\n")
    g = build(corpus.folder).graph
    docs = set(g.subjects(RDF.type, KG.PolicyDocument))
    assert len(docs) == 1
    doc = docs.pop()
    assert len(set(g.subjects(KG.mentions, doc))) == 2
    assert g.value(doc, KG.mentionCount).toPython() == 2
    assert len(set(g.subjects(KG.implements, doc))) == 2


def test_build_divisions_link_up_to_the_province(seeds_build):
    result, _ = seeds_build
    g = result.graph
    street = next(s for s in g.subjects(RDF.type, KG.Township))
    chain = []
    node = street
    while node is not None:
        chain.append(str(g.value(node, RDFS.label)))
        node = g.value(node, KG.partOf)
    assert chain == ["北院门街道", "莲湖区", "西安市", "陕西省"]


def test_build_provenance_of_a_mention(seeds_build):
    result, _ = seeds_build
    rows = list(result.graph.query("""
        SELECT ?text ?sentence ?start ?end ?file WHERE {
          ?m a kg:Mention ; kg:refersTo ?d ; kg:text ?text ; kg:start ?start ; kg:end ?end ;
             kg:inSentence/kg:text ?sentence ; kg:inReport/kg:sourceFile ?file .
          ?d rdfs:label "硚口区行政规范性文件管理实施细则"@zh }""", initNs={"kg": KG}))
    assert len(rows) == 1
    text, sentence, start, end, file = rows[0]
    source = (SEEDS / str(file)).read_text(encoding="utf-8")
    assert source[int(start):int(end)] == str(text) and str(text) in str(sentence)
    assert str(sentence) in source


def test_build_bad_inputs_are_skipped_and_accounted_for(corpus, tmp_path, capsys):
    corpus("good.txt", "莲湖区2023年法治政府建设情况报告\n印发《莲湖区政府督查工作实施细则》。\n")
    corpus("empty.txt", b"")
    corpus("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    corpus("notes.md", "# not a report")
    corpus("sub dir/同一份.txt", "莲湖区2023年法治政府建设情况报告\n印发《莲湖区政府督查工作实施细则》。\n")
    code = main(["build", str(corpus.folder), "--out", str(tmp_path / "o")])
    err = capsys.readouterr().err
    assert code == 3
    assert "empty.txt: skipped: empty file" in err and "image.txt: skipped: binary file: a PNG image" in err
    assert "Traceback" not in err
    m = json.loads((tmp_path / "o" / "manifest.json").read_text(encoding="utf-8"))
    status = {f["path"]: f["status"] for f in m["files"]}
    assert status == {"empty.txt": "skipped", "good.txt": "built", "image.txt": "skipped",
                      "notes.md": "ignored", "sub dir/同一份.txt": "duplicate"}
    g = Graph().parse(tmp_path / "o" / "graph.ttl")
    report = next(g.subjects(RDF.type, KG.Report))
    assert {str(o) for o in g.objects(report, KG.sourceFile)} == {"good.txt", "同一份.txt"}


def test_build_strict_turns_a_skip_into_failure(corpus, tmp_path):
    corpus("good.txt", "莲湖区2023年法治政府建设情况报告\n")
    corpus("empty.txt", b"")
    assert main(["build", str(corpus.folder), "--out", str(tmp_path / "o"), "--strict"]) == 1


def test_build_missing_folder_is_one_line_and_exit_1(tmp_path, capsys):
    assert main(["build", str(tmp_path / "nope"), "--out", str(tmp_path / "o")]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "nope: no such file or folder" in err[0]
    assert not (tmp_path / "o").exists()


def outputs(out: Path) -> list[str]:
    return sorted(p.name for p in out.iterdir() if p.name != ".cache")


def test_build_leaves_no_temporary_files(seeds_build):
    _, out = seeds_build
    assert outputs(out) == ["graph.html", "graph.ttl", "manifest.json"]
    assert not [p for p in out.rglob("*") if p.name.endswith(".tmp")]


def snapshot(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in OUTPUTS}


OUTPUTS = ("graph.ttl", "graph.html", "manifest.json")


@pytest.mark.parametrize("exc", [OSError(5, "Input/output error"), KeyboardInterrupt()], ids=["error", "interrupt"])
@pytest.mark.parametrize("name", OUTPUTS)
def test_build_outputs_switch_together_when_a_rename_fails(corpus, tmp_path, monkeypatch, name, exc):
    corpus("good.txt", "莲湖区2023年法治政府建设情况报告\n印发《莲湖区政府督查工作实施细则》。\n")
    out = tmp_path / "o"
    build(corpus.folder, out)
    before = snapshot(out)
    corpus("more.txt", "榆阳区2024年度法治政府建设工作总结\n深化放管服改革。\n")  # every output changes
    real, failed = os.replace, []

    def replace(src, dst, *a, **k):  # the first rename onto this output fails; every other works
        if Path(dst).name == name and not failed:
            failed.append(dst)
            raise exc
        return real(src, dst, *a, **k)

    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(BuildError if isinstance(exc, OSError) else KeyboardInterrupt):
        build(corpus.folder, out)
    assert failed == [out / name]
    assert snapshot(out) == before
    assert outputs(out) == sorted(OUTPUTS)
    assert not [p for p in out.rglob("*") if p.name.endswith(".tmp")]
    monkeypatch.undo()
    build(corpus.folder, out)  # and the next build switches all three
    assert all(v != before[k] for k, v in snapshot(out).items())


def test_build_first_build_that_fails_leaves_no_outputs(corpus, tmp_path, monkeypatch):
    corpus("good.txt", "莲湖区2023年法治政府建设情况报告\n")
    real = os.replace

    def replace(src, dst, *a, **k):
        if Path(dst).name == "manifest.json":
            raise OSError(28, "No space left on device")
        return real(src, dst, *a, **k)

    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(BuildError, match="manifest.json.*No space left"):
        build(corpus.folder, tmp_path / "o")
    assert outputs(tmp_path / "o") == []


def test_build_output_name_taken_by_a_folder_changes_nothing(corpus, tmp_path, capsys):
    corpus("good.txt", "莲湖区2023年法治政府建设情况报告\n")
    out = tmp_path / "o"
    assert main(["build", str(corpus.folder), "--out", str(out)]) == 0
    before = snapshot(out)
    (out / "manifest.json").unlink()
    (out / "manifest.json").mkdir()
    (out / "manifest.json" / "notes.txt").write_text("mine", encoding="utf-8")
    corpus("more.txt", "榆阳区2024年度法治政府建设工作总结\n深化放管服改革。\n")
    capsys.readouterr()
    assert main(["build", str(corpus.folder), "--out", str(out)]) == 1
    err = [line for line in capsys.readouterr().err.splitlines() if not line.startswith("kg: extracted")]
    assert len(err) == 1 and err[0].startswith("kg: ") and "manifest.json" in err[0] and "folder" in err[0]
    assert (out / "graph.ttl").read_bytes() == before["graph.ttl"]
    assert (out / "graph.html").read_bytes() == before["graph.html"]
    assert (out / "manifest.json" / "notes.txt").read_text(encoding="utf-8") == "mine"


@pytest.mark.parametrize("fmt,check", [
    ("table", lambda s: "莲湖区" in s and "(5 rows)" in s),
    ("csv", lambda s: s.splitlines()[0] == "file,division" and "000_1fc20cf759491546.txt,莲湖区" in s),
    ("tsv", lambda s: "000_1fc20cf759491546.txt\t莲湖区" in s),
    ("json", lambda s: len(json.loads(s)["results"]["bindings"]) == 5),
])
def test_query_command_formats(seeds_build, capsys, fmt, check):
    _, out = seeds_build
    q = "SELECT ?file ?division WHERE { ?r kg:sourceFile ?file ; kg:reportingDivision/rdfs:label ?division } ORDER BY ?file"
    assert main(["query", str(out / "graph.ttl"), q, "--format", fmt]) == 0
    assert check(capsys.readouterr().out)


def test_query_command_from_file_and_errors(seeds_build, tmp_path, capsys):
    _, out = seeds_build
    rq = tmp_path / "q.rq"
    rq.write_text("ASK { ?d kg:adminCode \"610104\" }", encoding="utf-8")
    assert main(["query", str(out), "-f", str(rq)]) == 0
    assert capsys.readouterr().out == "true\n"
    assert main(["query", str(out), "SELECT WHERE {"]) == 1
    assert "invalid SPARQL at line 1, column 8: unexpected 'WHERE'" in capsys.readouterr().err
    assert main(["query", str(tmp_path / "none.ttl"), "ASK {}"]) == 1
    assert "no such graph file" in capsys.readouterr().err


def test_validate_command(seeds_build, tmp_path, capsys):
    _, out = seeds_build
    assert main(["validate", str(out / "graph.ttl")]) == 0
    bad = tmp_path / "bad.ttl"
    bad.write_text('@prefix kg: <https://w3id.org/govkg/ontology#> .\n'
                   '<https://w3id.org/govkg/id/x> a kg:Institution .\n', encoding="utf-8")
    assert main(["validate", str(bad)]) == 1
    assert "does not conform" in capsys.readouterr().err


def test_python_dash_m_kg_runs(tmp_path):
    import subprocess
    import sys

    r = subprocess.run([sys.executable, "-m", "kg", "--version"], capture_output=True, text=True)
    assert r.returncode == 0 and r.stdout.startswith("kg ")


@pytest.mark.parametrize("files", [[], ["notes.pdf", "photo.jpg"], [".hidden.txt"]])
def test_build_folder_without_reports_says_so(tmp_path, capsys, files):
    folder = tmp_path / "in"
    folder.mkdir()
    for name in files:
        (folder / name).write_bytes(b"x")
    assert main(["build", str(folder), "--out", str(tmp_path / "o")]) == 1
    err = capsys.readouterr().err
    assert err == f"kg: {folder}: no reports found: looked for .txt, .html, .htm files" + (
        f" ({len(files)} other file(s) there)" if files else "") + "\n"
    assert not (tmp_path / "o").exists()  # nothing written for nothing built


# ---------------------------------------------------------------- the package's shape

def _imports_inside_kg() -> dict[str, set[str]]:
    """Module → the kg modules it imports anywhere in its source (also inside functions)."""
    import ast

    package = Path(__file__).resolve().parent.parent / "kg"
    modules = {}
    for f in package.rglob("*.py"):
        parts = f.relative_to(package.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        modules[name] = (f, f.name == "__init__.py")

    def resolve(name: str) -> str:  # a name inside a module → the module it belongs to
        while name not in modules:
            name = name.rsplit(".", 1)[0]
        return name

    graph: dict[str, set[str]] = {}
    for name, (f, is_package) in modules.items():
        here = name if is_package else name.rsplit(".", 1)[0]
        found = set()
        for node in ast.walk(ast.parse(f.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found |= {resolve(a.name) for a in node.names if a.name.split(".")[0] == "kg"}
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = here.rsplit(".", node.level - 1)[0] if node.level > 1 else here
                    target = f"{base}.{node.module}" if node.module else base
                elif (node.module or "").split(".")[0] == "kg":
                    target = node.module
                else:
                    continue
                found |= {resolve(f"{target}.{a.name}") for a in node.names}
        graph[name] = found - {name}
    return graph


def test_build_no_import_cycles_inside_the_package():
    import networkx as nx

    graph = _imports_inside_kg()
    assert "kg.query" in graph["kg.validate"] and "kg.data" in graph["kg.recognize.divisions"]  # the scan sees imports
    cycles = list(nx.simple_cycles(nx.DiGraph([(a, b) for a, bs in graph.items() for b in bs])))
    assert cycles == [], "import cycles: " + "; ".join(" → ".join(c + [c[0]]) for c in cycles)


def test_build_extracting_a_report_leaves_no_cyclic_garbage(tmp_path):
    """The build pauses the cyclic collector while it gathers parts, and the worker processes it
    forks meanwhile inherit the pause (kg.heap): sound only while extraction makes no cycles that
    reference counting cannot free."""
    import gc

    from kg.build.part import safe

    text = (SEEDS / sorted(p.name for p in SEEDS.glob("*.txt"))[0]).read_text(encoding="utf-8")
    (tmp_path / "page.html").write_text(f"<html><head><title>t</title></head><body><nav>首页</nav>"
                                        f"<p>{text[:3000]}</p></body></html>", encoding="utf-8")
    (tmp_path / "gbk.txt").write_bytes(text[:3000].encode("gbk", "replace"))
    (tmp_path / "empty.txt").write_bytes(b"")  # skipped, with its reason
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 20)  # skipped, with its reason
    jobs = [(str(p), str(SEEDS)) for p in sorted(SEEDS.glob("*.txt"))]
    jobs += [(str(p), str(tmp_path)) for p in sorted(tmp_path.iterdir())]
    safe(jobs[0])  # tables and caches loaded first: they live as long as the process
    gc.collect()
    gc.disable()
    try:
        outcomes = [safe(job) for job in jobs]
        assert sum(isinstance(o, bytes) for o in outcomes) == len(jobs) - 2
        assert gc.collect() == 0
    finally:
        gc.enable()


def test_build_leaves_the_callers_garbage_collector_as_it_found_it(tmp_path):
    """A notebook or a service calls build() many times: the collector must still collect its
    cycles afterwards (not paused, nothing of the caller's frozen)."""
    import gc

    import weakref

    class Node:
        pass

    def cycle():
        node = Node()
        node.self = node
        return weakref.ref(node)

    frozen = gc.get_freeze_count()
    before = cycle()  # the caller's garbage, not yet collected when the build runs
    build(SEEDS, tmp_path / "o", jobs=2)
    assert gc.isenabled()
    assert gc.get_freeze_count() == frozen
    after = cycle()
    gc.collect()
    assert before() is None and after() is None
    gc.freeze()  # a process that keeps objects frozen (a preforking server) keeps them so
    try:
        kept = gc.get_freeze_count()
        build(SEEDS, tmp_path / "o", jobs=2)
        assert gc.get_freeze_count() == kept
    finally:
        gc.unfreeze()


def _big_page(n):
    return b"<p>" * n


def _fails_in_child_only(parent_pid):
    if os.getpid() != parent_pid:
        raise RuntimeError("the child failed")
    return b"computed by the parent"


def _pid():
    return str(os.getpid()).encode()


def _background_pid():
    from kg.build.outputs import background

    with background(_pid) as job:
        return job.result()


@pytest.mark.skipif(sys.platform != "linux", reason="the page is made in a forked process on Linux only")
def test_build_background_job_returns_what_the_function_returns_from_another_process():
    from kg.build.outputs import background

    with background(_big_page, 1_000_000) as job:  # more than a pipe holds: the child waits for the reader
        assert job.result() == b"<p>" * 1_000_000
    with background(_pid) as job:
        assert job.result() != _pid() and job.child.exitcode == 0
    with background(_fails_in_child_only, os.getpid()) as job:
        assert job.result() == b"computed by the parent"
    with background(_big_page, 10) as job:
        pass  # never asked: leaving the block ends the child
    assert not job.child.is_alive()



def test_build_background_job_is_made_inline_in_a_daemonic_process():
    """A pool's worker may not have children: a build run there makes its page itself."""
    import multiprocessing

    with multiprocessing.get_context("fork").Pool(1) as pool:
        assert pool.apply(_background_pid) == pool.apply(_pid)


def _fake_safe(job):
    if job[0] == "bad":
        return lambda: None  # an outcome that cannot go back to the build process
    return ("skipped", f"done {job[0]}")


def test_build_a_result_that_cannot_come_back_costs_only_its_own_report(monkeypatch):
    """Workers take several reports per task; when one task's results cannot come back, its
    reports are run again one by one and only the one at fault is an internal error."""
    import importlib

    executors = importlib.import_module("kg.build.executors")
    monkeypatch.setattr(executors, "safe", _fake_safe)  # forked workers inherit it
    jobs = [(f"r{i}", "in") for i in range(200)]
    jobs[77] = ("bad", "in")
    got = dict(executors.run_local(jobs, 2))
    assert len(got) == 200
    assert got[("bad", "in")][0] == "skipped" and "internal error" in got[("bad", "in")][1]
    assert all(got[job] == ("skipped", f"done {job[0]}") for job in jobs if job[0] != "bad")


@pytest.mark.parametrize("n, workers", [(1, 2), (7, 2), (200, 2), (1000, 2), (1000, 3), (5000, 8)])
def test_build_tasks_take_every_report_once_and_shrink_towards_the_end(n, workers):
    """Reports go to the workers in tasks of a few, in order; the tasks never grow, and the last
    ones hold a single report each, so that one worker does not go on alone with a full task."""
    from kg.build.executors import CHUNK, chunks

    jobs = [(f"r{i}", "in") for i in range(n)]
    tasks = chunks(jobs, workers)
    assert [job for task in tasks for job in task] == jobs
    sizes = [len(t) for t in tasks]
    assert all(1 <= s <= CHUNK for s in sizes) and sizes == sorted(sizes, reverse=True)
    assert sizes[-min(n, workers * 4):] == [1] * min(n, workers * 4)
    if n >= CHUNK * workers * 8:
        assert sizes[0] == CHUNK  # big corpora: few wake-ups of the build process


def test_build_report_turtle_counts_the_triples_it_writes():
    """report_turtle counts each node's lines as it writes them: the count must be what a parser
    reads, over reports that write every optional line (a traditional-script copy writes the
    measures as written)."""
    import opencc

    from kg import turtle
    from kg.extract import extract
    from kg.rdf import report_turtle
    from kg.read import read_bytes

    seeds = [p.read_bytes() for p in sorted(SEEDS.glob("*.txt"))]
    traditional = opencc.OpenCC("s2t").convert(seeds[0].decode("utf-8")).encode("utf-8")
    written = ""
    for i, data in enumerate(seeds + [traditional]):
        text, count, _ = report_turtle(extract(read_bytes(data, f"r{i}.txt")))
        assert count == len(Graph().parse(data=turtle.header() + text, format="turtle"))
        written += text
    optional = ("kg:number ", "kg:role ", "dct:isPartOf ", "kg:writtenMeasure ", "kg:indicator ", "kg:year ",
                "kg:plannedAction ", "kg:inSection ", "kg:inSentence ", "prov:wasDerivedFrom <")  # (a statement's sentence)
    assert all(f"\n    {line}" in written for line in optional)
