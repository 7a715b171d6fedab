"""Every command as a user runs it: help, exit status, one-line errors, and real outputs —
the view and the exports written through the command line, a real server started as a process."""
from __future__ import annotations

import json
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import networkx as nx
import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from conftest import ROOT
from kg.cli import main
from kg.serve import free_port

COMMANDS = ("build", "query", "validate", "viz", "export", "serve", "push", "analyze")
GOOD = "莲湖区2023年法治政府建设情况报告\n印发《莲湖区政府督查工作实施细则》。\n"


def one_error_line(capsys) -> str:
    """The single line a failed command printed on stderr (progress lines aside)."""
    err = [line for line in capsys.readouterr().err.splitlines() if not line.startswith("kg: extracted")]
    assert len(err) == 1 and err[0].startswith("kg: "), err
    return err[0]


# ---------------------------------------------------------------- help and usage

def test_cli_lists_exactly_the_commands_tested_here(capsys):
    with pytest.raises(SystemExit) as e:
        main(["--help"])
    assert e.value.code == 0
    listed = re.search(r"\{([a-z,]+)\}", capsys.readouterr().out).group(1).split(",")
    assert sorted(listed) == sorted(COMMANDS)


@pytest.mark.parametrize("command", COMMANDS)
def test_cli_every_command_has_help(capsys, command):
    with pytest.raises(SystemExit) as e:
        main([command, "--help"])
    out = capsys.readouterr().out
    assert e.value.code == 0 and out.startswith(f"usage: kg {command}") and "options:" in out


def test_cli_commands_that_read_a_graph_say_the_same_about_it(capsys):
    helps = {}
    for command in ("query", "validate", "viz", "export", "serve", "push", "analyze"):
        with pytest.raises(SystemExit):
            main([command, "--help"])
        helps[command] = " ".join(capsys.readouterr().out.split())
    assert all("graph.ttl, a build's output folder, or a store" in h for h in helps.values()), helps


@pytest.mark.parametrize("argv,words", [
    ([], "required: command"),
    (["nope"], "invalid choice"),
    (["build"], "required: inputs"),
    (["export", "g.ttl"], "required: --format"),
    (["build", "x", "--jobs", "-2"], "negative"),
    (["serve", "--port", "70000"], "not a port"),
    (["query", "g.ttl", "--name", "entity", "--param", "novalue"], "KEY=VALUE"),
    (["push", "g.ttl", "--endpoint", "http://127.0.0.1:1/store", "--user", "nocolon"], "USER:PASSWORD"),
])
def test_cli_usage_errors_are_one_line_and_exit_2(capsys, argv, words):
    assert main(argv) == 2
    line = one_error_line(capsys)
    assert words in line and "--help" in line


def test_cli_errors_of_the_library_are_one_line_and_exit_1(tmp_path, capsys):
    for argv, words in [
        (["query", str(tmp_path / "none.ttl"), "ASK {}"], "no such graph file"),
        (["viz", str(tmp_path / "none.ttl"), "-o", str(tmp_path / "v.html")], "no such graph file"),
        (["export", str(tmp_path / "none.ttl"), "-f", "nt", "-o", str(tmp_path / "x.nt")], "no such graph file"),
        (["analyze", str(tmp_path / "none.ttl")], "no such graph file"),
        (["validate", str(tmp_path / "none.ttl")], "no such graph file"),
        (["build", str(tmp_path / "none"), "--out", str(tmp_path / "o")], "no such file or folder"),
    ]:
        assert main(argv) == 1, argv
        assert words in one_error_line(capsys), argv
    assert sorted(p.name for p in tmp_path.iterdir()) == []
    broken = tmp_path / "broken.ttl"
    broken.write_text("@prefix kg: <https://w3id.org/govkg/ontology#> .\nkg:a kg:b <<< .\n", encoding="utf-8")
    for command in (["query", str(broken), "ASK {}"], ["validate", str(broken)], ["analyze", str(broken)],
                    ["viz", str(broken), "-o", str(tmp_path / "v.html")],
                    ["export", str(broken), "-f", "nt", "-o", str(tmp_path / "x.nt")]):
        assert main(command) == 1, command
        assert f"{broken}: cannot parse" in one_error_line(capsys), command


# ---------------------------------------------------------------- paths that cannot be written

UNWRITABLE = ["missing/sub/{name}", "/proc/nope/{name}"]


def _unwritable(tmp_path: Path, pattern: str, name: str) -> Path:
    return Path(pattern.format(name=name)) if pattern.startswith("/") else tmp_path / pattern.format(name=name)


@pytest.mark.parametrize("pattern", UNWRITABLE)
@pytest.mark.parametrize("command", ["export", "viz", "build --store"])
def test_cli_a_path_that_cannot_be_written_is_one_line(seeds_build, tmp_path, capsys, monkeypatch, pattern, command):
    _, out = seeds_build
    monkeypatch.chdir(tmp_path)
    target = _unwritable(tmp_path, pattern, "x")
    argv = {"export": ["export", str(out), "-f", "ttl", "-o", str(target)],
            "viz": ["viz", str(out), "-o", str(target)],
            "build --store": ["build", str(ROOT / "seeds"), "--out", str(tmp_path / "o"), "--store", str(target)]}[command]
    assert main(argv) == 1
    line = one_error_line(capsys)
    assert line == f"kg: {target}: cannot write: the folder {target.parent} does not exist"
    assert not (tmp_path / "missing").exists()  # no folder is made on the way
    assert not (tmp_path / "o").exists()  # --store is refused before the build writes anything


def test_cli_export_onto_a_folder_is_refused(seeds_build, tmp_path, capsys):
    _, out = seeds_build
    (tmp_path / "taken").mkdir()
    assert main(["export", str(out), "-f", "nt", "-o", str(tmp_path / "taken")]) == 1
    assert one_error_line(capsys) == f"kg: {tmp_path / 'taken'}: cannot write: it is a folder"
    assert list((tmp_path / "taken").iterdir()) == []


# ---------------------------------------------------------------- --store

def test_cli_store_refuses_a_folder_it_did_not_make(corpus, tmp_path, capsys):
    corpus("good.txt", GOOD)
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "thesis.tex").write_text("years of work", encoding="utf-8")
    assert main(["build", str(corpus.folder), "--out", str(tmp_path / "o"), "--store", str(mine)]) == 1
    line = one_error_line(capsys)
    assert str(mine) in line and "not a store made by kg" in line
    assert [p.name for p in mine.iterdir()] == ["thesis.tex"]
    assert (mine / "thesis.tex").read_text(encoding="utf-8") == "years of work"
    assert not (tmp_path / "o").exists()
    a_file = tmp_path / "a-file"
    a_file.write_text("keep", encoding="utf-8")
    assert main(["build", str(corpus.folder), "--out", str(tmp_path / "o"), "--store", str(a_file)]) == 1
    assert "not a folder" in one_error_line(capsys) and a_file.read_text(encoding="utf-8") == "keep"


def test_cli_store_goes_into_a_new_or_empty_folder_and_over_its_own_store(corpus, tmp_path, capsys):
    corpus("good.txt", GOOD)
    empty = tmp_path / "empty"
    empty.mkdir()
    for store in (tmp_path / "new", empty, tmp_path / "new"):  # the last: over a store kg made
        assert main(["build", str(corpus.folder), "--out", str(tmp_path / "o"), "--store", str(store)]) == 0
        assert (store / "govkg-store.json").is_file()
        assert main(["query", str(store), "ASK { ?d kg:adminCode \"610104\" }"]) == 0
        assert capsys.readouterr().out.endswith("true\n")


# ---------------------------------------------------------------- viz and export through the command line

def test_cli_viz_writes_the_view_asked_for(seeds_build, tmp_path, capsys):
    _, out = seeds_build
    page = tmp_path / "focus.html"
    assert main(["viz", str(out), "-o", str(page), "--focus", "放管服改革", "--depth", "1"]) == 0
    said = capsys.readouterr().out
    nodes = int(re.search(r": (\d+) nodes", said).group(1))
    html = page.read_text(encoding="utf-8")
    assert said.startswith(f"{page}: ") and 1 < nodes < 50
    assert "放管服改革" in html and f"显示 {nodes} 个节点" in html
    assert main(["viz", str(out), "-o", str(tmp_path / "x.html"), "--focus", "不存在的实体"]) == 1
    assert "no entity named '不存在的实体'" in one_error_line(capsys)
    assert main(["viz", str(out), "-o", str(tmp_path / "x.html"), "--class", "Person"]) == 1
    assert "unknown class 'Person'" in one_error_line(capsys)
    assert not (tmp_path / "x.html").exists()


@pytest.mark.parametrize("fmt", ["nt", "trig", "graphml"])
def test_cli_export_writes_the_format_asked_for(seeds_build, tmp_path, capsys, monkeypatch, fmt):
    result, out = seeds_build
    monkeypatch.chdir(tmp_path)
    assert main(["export", str(out), "-f", fmt]) == 0  # default name: graph.FORMAT, here
    assert capsys.readouterr().out == f"graph.{fmt}: {fmt}\n"
    path = tmp_path / f"graph.{fmt}"
    if fmt == "graphml":
        G = nx.read_graphml(path)
        assert "放管服改革" in {d.get("label") for _, d in G.nodes(data=True)}
    else:
        from rdflib import Dataset

        back = Graph()
        if fmt == "trig":
            ds = Dataset()
            ds.parse(path, format="trig")
            for s, p, o, _ in ds.quads():
                back.add((s, p, o))
        else:
            back.parse(path, format="nt")
        assert isomorphic(back, result.graph)


# ---------------------------------------------------------------- kg serve, as a process

class _Server:
    """`kg serve ARGS --port P` as a child process; stopped with Ctrl-C (SIGINT) like a user would."""

    def __init__(self, *args: str) -> None:
        self.port = free_port()
        self.proc = subprocess.Popen([sys.executable, "-m", "kg", "serve", *args, "--port", str(self.port)],
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and self.proc.poll() is None:
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", self.port)) == 0:
                    break
            time.sleep(0.1)
        assert self.proc.poll() is None, self.proc.communicate()
        self.banner = self.proc.stdout.readline()

    def select(self, sparql: str) -> list[dict]:
        req = urllib.request.Request(f"http://127.0.0.1:{self.port}/query",
                                     data=urllib.parse.urlencode({"query": sparql}).encode(),
                                     headers={"Accept": "application/sparql-results+json"})
        with urllib.request.urlopen(req, timeout=30) as r:
            return json.loads(r.read())["results"]["bindings"]

    def stop(self) -> tuple[int, str]:
        self.proc.send_signal(signal.SIGINT)
        _, err = self.proc.communicate(timeout=30)
        return self.proc.returncode, err


PREFIX = "PREFIX kg: <https://w3id.org/govkg/ontology#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "


def _serve_and_ask(server: _Server) -> list[str]:
    try:
        assert f"http://127.0.0.1:{server.port}/query" in server.banner and "read-only" in server.banner
        rows = server.select(PREFIX + "SELECT ?d WHERE { ?r kg:reportingDivision/rdfs:label ?d } ORDER BY ?d")
    finally:
        code, err = server.stop()
    assert code == 0 and "Traceback" not in err, err
    with socket.socket() as s:  # the server (and the Oxigraph process under it) is gone
        assert s.connect_ex(("127.0.0.1", server.port)) != 0
    return [r["d"]["value"] for r in rows]


def test_cli_serve_a_built_graph(seeds_build):
    _, out = seeds_build
    assert _serve_and_ask(_Server(str(out))) == ["垫江县", "榆阳区", "石景山区", "硚口区", "莲湖区"]


def test_cli_serve_a_store_folder(tmp_path, capsys):
    store = tmp_path / "store"
    assert main(["build", str(ROOT / "seeds"), "--out", str(tmp_path / "o"), "--store", str(store), "-j", "1"]) == 0
    assert _serve_and_ask(_Server(str(store))) == ["垫江县", "榆阳区", "石景山区", "硚口区", "莲湖区"]


def test_cli_serve_nothing_to_serve_is_one_line(tmp_path):
    r = subprocess.run([sys.executable, "-m", "kg", "serve", str(tmp_path / "none.ttl"), "--port", str(free_port())],
                       capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert r.returncode == 1 and r.stderr.count("\n") == 1 and "no such graph file" in r.stderr
