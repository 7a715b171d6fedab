"""The HTML view: choosing what is shown (pure Python) and what a real browser draws, offline."""
from __future__ import annotations

import os
import re
import shutil
import time
from pathlib import Path

import pytest
from rdflib import RDF, RDFS, Graph, Literal, Namespace

from conftest import ROOT
from kg.namespace import KG
from kg.viz import ViewError, ViewOptions, render, select, visualize

ID = Namespace("https://w3id.org/govkg/id/")


def toy(n_programs: int = 3) -> Graph:
    """A district with bodies and programs; one program shared by two districts."""
    g = Graph()

    def ent(key, cls, label):
        g.add((ID[key], RDF.type, KG[cls]))
        g.add((ID[key], RDFS.label, Literal(label, lang="zh")))
        return ID[key]

    a = ent("division/1", "AdministrativeDivision", "甲区")
    b = ent("division/2", "AdministrativeDivision", "乙县")
    c = ent("division/3", "AdministrativeDivision", "丙市")
    g.add((a, KG.partOf, c))
    g.add((b, KG.partOf, c))
    gov = ent("institution/甲区人民政府", "Institution", "甲区人民政府")
    g.add((gov, KG.jurisdiction, a))
    for i in range(n_programs):
        p = ent(f"program/p{i}", "Program", f"项目{i}")
        g.add((a, KG.implements, p))
    g.add((b, KG.implements, ID["program/p0"]))
    h = ent("honor/h", "Honor", "示范项目")
    g.add((ID["program/p1"], KG.received, h))
    return g


def test_viz_select_everything_by_default():
    view = select(toy())
    assert view.graph.number_of_nodes() == 8 and view.graph.number_of_edges() == 8 and view.omitted == 0


def test_viz_select_focus_and_depth():
    one = select(toy(), ViewOptions(focus="乙县", depth=1)).graph
    assert {one.nodes[n]["label"] for n in one} == {"乙县", "丙市", "项目0"}
    two = select(toy(), ViewOptions(focus="乙县", depth=2)).graph
    assert {"甲区"} <= {two.nodes[n]["label"] for n in two}


def test_viz_select_max_nodes_keeps_the_most_connected_and_counts_the_rest():
    view = select(toy(n_programs=20), ViewOptions(max_nodes=5))
    labels = {view.graph.nodes[n]["label"] for n in view.graph}
    assert "甲区" in labels and view.omitted == 25 - 5
    assert f"另有 {view.omitted} 个连接较少的节点未显示" in render(view)


def test_viz_select_classes_and_unknowns():
    view = select(toy(), ViewOptions(classes=("Program", "Honor")))
    G = view.graph
    chosen = {G.nodes[n]["label"] for n in G if not G.nodes[n].get("context")}
    context = {G.nodes[n]["label"] for n in G if G.nodes[n].get("context")}
    assert {G.nodes[n]["cls"] for n in G if not G.nodes[n].get("context")} == {"Program", "Honor"}
    assert chosen == {"项目0", "项目1", "项目2", "示范项目"}
    # the divisions that run the programs stay, as context; the city and the government do not
    assert context == {"甲区", "乙县"}
    assert G.number_of_edges() == 5  # 4 implements + 1 received
    assert "2 divisions connected to them" in render(view)
    assert select(toy(), ViewOptions(classes=("AdministrativeDivision",))).graph.number_of_edges() == 2
    with pytest.raises(ViewError, match="no entity named"):
        select(toy(), ViewOptions(focus="不存在"))
    with pytest.raises(ViewError, match="unknown class"):
        select(toy(), ViewOptions(classes=("Person",)))


def test_viz_select_one_report(seeds_build):
    result, _ = seeds_build
    view = select(result.graph, ViewOptions(report="002_53fe5324910f26f2.txt", max_nodes=0))
    labels = {view.graph.nodes[n]["label"] for n in view.graph}
    assert "硚口区司法局" in labels and "莲湖区" not in labels


def test_viz_long_names_are_cut_on_the_canvas_and_whole_in_the_tooltip():
    import json

    g = toy()
    long = "关于进一步深化行政执法体制改革全面推进严格规范公正文明执法的实施意见"
    g.add((ID["document/long"], RDF.type, KG.PolicyDocument))
    g.add((ID["document/long"], RDFS.label, Literal(long, lang="zh")))
    g.add((ID["division/1"], KG.issued, ID["document/long"]))
    page = render(select(g))
    data = json.loads(re.search(r"var data = (\{.*?\});\n", page).group(1).replace("<\\/", "</"))
    node = next(n for n in data["nodes"] if n["id"].endswith("document/long"))
    assert node["label"] == long[:13] + "…" and len(node["label"]) == 14
    assert long in node["title"] and node["names"][0] == long
    assert all(len(n["label"]) <= 14 for n in data["nodes"])


@pytest.mark.parametrize("mark", ["{{TITLE}}", "/*DATA*/", "/*VIS_JS*/", "/*VIS_CSS*/"])
def test_viz_a_name_that_holds_a_slot_of_the_template_is_shown_as_written(mark):
    """The page is the template with its slots filled (title, data, the library's code); a name
    from a report that happens to hold a slot's mark is data, and stays as written."""
    import json

    g = toy()
    name = f"关于{mark}的通知"
    g.add((ID["document/odd"], RDF.type, KG.PolicyDocument))
    g.add((ID["document/odd"], RDFS.label, Literal(name, lang="zh")))
    g.add((ID["division/1"], KG.issued, ID["document/odd"]))
    page = render(select(g), title="某县 · 报告")
    data = json.loads(re.search(r"var data = (\{.*?\});\n", page).group(1).replace("<\\/", "</"))
    node = next(n for n in data["nodes"] if n["id"].endswith("document/odd"))
    assert node["names"][0] == name
    assert "<title>某县 · 报告" in page


def test_viz_page_is_self_contained_and_utf8(seeds_build):
    _, out = seeds_build
    html = (out / "graph.html").read_bytes().decode("utf-8")
    assert "莲湖区" in html
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html)
    assert "@import" not in html and not re.search(r"url\(\s*[\"']?https?:", html)


# ---------------------------------------------------------------- in a real browser

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail("Chromium is not installed: the README's test command installs Debian's chromium")
        pytest.skip("Chromium is not installed (Debian package chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync"])
        yield b
        b.close()


def open_page(browser, path: Path, timeout: float = 60_000):
    """The page with every request to another host blocked and recorded, console errors collected."""
    context = browser.new_context(viewport={"width": 1400, "height": 900}, offline=True)
    page = context.new_page()
    requests: list[str] = []
    errors: list[str] = []

    def route(r):
        if r.request.url.startswith("file://"):
            r.continue_()
        else:
            requests.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    started = time.monotonic()
    page.goto(path.resolve().as_uri())
    page.wait_for_function("window.kg && window.kg.ready", timeout=timeout)
    return page, requests, errors, time.monotonic() - started


def test_viz_seeds_page_in_the_browser(browser, seeds_build):
    result, out = seeds_build
    view = select(result.graph)
    page, requests, errors, _ = open_page(browser, out / "graph.html")
    assert requests == [] and errors == []
    drawn = page.evaluate("[kg.network.body.nodeIndices.length, kg.network.body.edgeIndices.length]")
    assert drawn == [view.graph.number_of_nodes(), view.graph.number_of_edges()]
    present = {view.graph.nodes[n]["cls"] for n in view.graph}
    legend = set(page.eval_on_selector_all("#legend label", "ls => ls.map(l => l.dataset.cls)"))
    assert legend == present
    # search by typing, as a user would
    page.fill("#search", "莲湖区")
    page.press("#search", "Enter")
    selected = page.evaluate("kg.network.getSelectedNodes().map(id => kg.nodes.get(id).label)")
    assert selected == ["莲湖区"]
    # a class filter hides that class
    page.click("#legend label[data-cls='Program'] input")
    visible = page.evaluate("kg.network.body.nodeIndices.map(id => kg.nodes.get(id).group)")
    assert "Program" not in visible and len(visible) == sum(1 for n in view.graph if view.graph.nodes[n]["cls"] != "Program")
    page.context.close()


def test_viz_overview_labels_the_most_connected_nodes(browser, seeds_build):
    result, out = seeds_build
    G = select(result.graph).graph
    page, requests, errors, _ = open_page(browser, out / "graph.html")
    # what vis-network itself decides to draw: a label whose size on screen reaches the threshold
    drawn = page.evaluate("""() => { const b = kg.network.body, s = b.view.scale; const out = {};
        for (const id of b.nodeIndices) { const l = b.nodes[id].labelModule;
          out[id] = l.fontOptions.size * s >= l.elementOptions.scaling.label.drawThreshold - 1 ? l.fontOptions.size * s : 0; }
        return out; }""")
    ranked = sorted(G, key=lambda n: (-G.degree(n), G.nodes[n]["label"], n))
    labelled = {n for n, px in drawn.items() if px}
    assert set(ranked[:10]) == labelled  # the ten most connected, and only they: no pile of small labels
    assert all(drawn[n] >= 13.5 for n in labelled)  # readable without zooming
    # zooming in shows the labels of the rest
    page.evaluate("kg.network.moveTo({scale: 1.5})")
    more = page.evaluate("kg.network.body.nodeIndices.filter(id => kg.network.body.nodes[id].labelModule.fontOptions.size"
                         " * kg.network.body.view.scale >= 8).length")
    assert more == G.number_of_nodes()
    assert requests == [] and errors == []
    page.context.close()


def test_viz_search_lists_matches_while_typing(browser, seeds_build):
    result, out = seeds_build
    G = select(result.graph).graph
    page, requests, errors, _ = open_page(browser, out / "graph.html")
    page.click("#search")
    page.keyboard.type("莲湖", delay=40)  # no Enter
    page.wait_for_selector("#matches li")
    listed = page.eval_on_selector_all("#matches li", "ls => ls.map(l => l.dataset.id)")
    expected = [n for n in G if any("莲湖" in s for s in [G.nodes[n]["label"], *G.nodes[n]["alts"]])]
    assert set(listed) <= set(expected) and len(listed) == min(12, len(expected))
    assert G.nodes[listed[0]]["label"] == "莲湖区"  # names that start with what was typed, most connected first
    assert page.text_content("#found").startswith(f"{len(expected)} 个匹配")
    # the canvas reacts too: the matches keep their colour, the rest is greyed
    coloured = page.evaluate("kg.nodes.get().filter(n => n.color === n.baseColor).map(n => n.id)")
    assert set(coloured) == set(expected)
    # the keyboard picks from the list
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    assert page.evaluate("kg.network.getSelectedNodes()") == [listed[1]]
    # a click on an entry goes there
    page.fill("#search", "")
    page.click("#search")
    page.keyboard.type("放管服", delay=40)
    page.click("#matches li:first-child")
    assert [G.nodes[n]["label"] for n in page.evaluate("kg.network.getSelectedNodes()")] == ["放管服改革"]
    page.fill("#search", "")
    page.keyboard.type("不存在的名字")
    page.wait_for_function("document.querySelector('#found').textContent.includes('not found')")
    assert requests == [] and errors == []
    page.context.close()


def test_viz_class_view_keeps_connecting_divisions_in_grey(browser, seeds_build, tmp_path, capsys):
    from kg.cli import main

    result, out = seeds_build
    page_path = tmp_path / "classes.html"
    assert main(["viz", str(out), "-o", str(page_path), "--class", "Program,Honor"]) == 0
    said = capsys.readouterr().out
    view = select(result.graph, ViewOptions(classes=("Program", "Honor")))
    G = view.graph
    assert said.startswith(f"{page_path}: {G.number_of_nodes()} nodes, {G.number_of_edges()} edges")
    page, requests, errors, _ = open_page(browser, page_path)
    nodes = page.evaluate("kg.nodes.get().map(n => [n.id, n.group, n.color])")
    context = {i for i, group, _ in nodes if group == "context"}
    assert context and all(G.nodes[i]["cls"] == "AdministrativeDivision" for i in context)
    assert {c for i, g, c in nodes if g == "context"} == {"#c9c9c9"}
    assert {"莲湖区", "垫江县"} <= {G.nodes[i]["label"] for i in context}
    # every program a reporting district runs is joined to it in the view
    assert page.evaluate("kg.network.body.edgeIndices.length") == G.number_of_edges() > 8 * 5
    legend = page.eval_on_selector_all("#legend label", "ls => ls.map(l => l.dataset.cls)")
    assert legend == ["Program", "Honor", "context"]
    assert "divisions connected to them" in page.text_content("#note")
    assert requests == [] and errors == []
    page.context.close()


def test_viz_documentation_images_are_made_by_their_script(tmp_path):
    import subprocess
    import sys

    if not Path(CHROMIUM).exists():
        pytest.skip("Chromium is not installed")
    before = (ROOT / "docs" / "seeds-graph.png").read_bytes()
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "doc_images.py"), "--out", str(tmp_path)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    png = (tmp_path / "seeds-graph.png").read_bytes()
    assert png.startswith(b"\x89PNG") and len(png) > 20_000
    assert (ROOT / "docs" / "seeds-graph.png").read_bytes() == before  # the tracked image is left alone


def test_viz_focus_view_in_the_browser(browser, seeds_build, tmp_path):
    result, _ = seeds_build
    view = visualize(result.graph, tmp_path / "focus.html", ViewOptions(focus="放管服改革", depth=1))
    page, requests, errors, _ = open_page(browser, tmp_path / "focus.html")
    assert requests == [] and errors == []
    assert page.evaluate("kg.nodes.length") == view.graph.number_of_nodes() == 6
    page.context.close()


def test_viz_clicking_a_node_highlights_its_neighbours(browser, seeds_build, tmp_path):
    result, _ = seeds_build
    view = visualize(result.graph, tmp_path / "two.html", ViewOptions(focus="垫江县", depth=2))
    page, requests, errors, _ = open_page(browser, tmp_path / "two.html")
    centre = page.evaluate("kg.nodes.get().find(n => n.label === '垫江县').id")
    box = page.eval_on_selector("#graph", "e => { const r = e.getBoundingClientRect(); return [r.x, r.y]; }")
    at = page.evaluate(f"kg.network.canvasToDOM(kg.network.getPositions(['{centre}'])['{centre}'])")
    page.mouse.click(box[0] + at["x"], box[1] + at["y"])
    assert page.evaluate("kg.network.getSelectedNodes()") == [centre]
    neighbours = set(page.evaluate(f"kg.network.getConnectedNodes('{centre}')"))
    colours = page.evaluate("Object.fromEntries(kg.nodes.get().map(n => [n.id, n.color === n.baseColor]))")
    assert all(colours[n] for n in neighbours | {centre})
    assert not any(colours[n] for n in colours if n not in neighbours | {centre})
    assert len(neighbours) + 1 < view.graph.number_of_nodes()
    assert requests == [] and errors == []
    page.context.close()


def synthetic(n: int) -> Graph:
    """A graph of n entities in the five classes, each linked to a few others."""
    g = Graph()
    classes = ["AdministrativeDivision", "Institution", "PolicyDocument", "Program", "Honor"]
    props = [KG.partOf, KG.jurisdiction, KG.issued, KG.implements, KG.received]
    for i in range(n):
        node = ID[f"x/{i}"]
        g.add((node, RDF.type, KG[classes[i % 5]]))
        g.add((node, RDFS.label, Literal(f"实体{i}", lang="zh")))
        for k in (1, 7, 31):
            g.add((node, props[(i + k) % 5], ID[f"x/{(i * 13 + k) % n}"]))
    return g


def test_viz_five_thousand_nodes_stay_responsive(browser, tmp_path, capsys):
    view = visualize(synthetic(5000), tmp_path / "big.html", ViewOptions(max_nodes=5000))
    assert view.graph.number_of_nodes() == 5000
    page, requests, errors, seconds = open_page(browser, tmp_path / "big.html", timeout=120_000)
    assert requests == [] and errors == []
    assert page.evaluate("kg.network.body.nodeIndices.length") == 5000
    started = time.monotonic()
    page.evaluate("kg.search('实体4321')")
    responsive = time.monotonic() - started
    with capsys.disabled():
        print(f"\n5,000-node view: idle after {seconds:.1f} s, a search answered in {responsive:.2f} s")
    assert seconds < 60 and responsive < 5
    page.context.close()


@pytest.mark.parametrize("seed", range(5))
def test_viz_build_page_network_is_the_default_view_of_the_whole_network(seed):
    """A build makes only the part of the network its page shows (network_from with max_nodes);
    it must be exactly what selecting from the whole network keeps: the same nodes with the same
    data, the same edges, and the rest counted as left out.  Random networks with repeated
    facts, self-relations and ties in degree."""
    import random

    from kg.keys import iri_string
    from kg.link import Entity
    from kg.network import network_from
    from kg.viz import select_network

    rng = random.Random(seed)
    kinds = ["AdministrativeDivision", "Institution", "PolicyDocument", "Program", "Honor"]
    entities = [Entity(f"program/e{i}", rng.choice(kinds), "", f"名{rng.randrange(40)}", ("别名",) * rng.randrange(2))
                for i in range(300)]
    entities = [Entity(e.key, e.kind, e.kind, e.label, e.alts,
                       parent=rng.choice([None, f"program/e{rng.randrange(300)}"]),
                       jurisdiction=rng.choice([None, None, f"program/e{rng.randrange(300)}"])) for e in entities]
    props = [str(KG.implements), str(KG.issued), str(KG.received), str(KG.mentions)]  # mentions: not an edge
    facts = [(iri_string(f"program/e{rng.randrange(300)}"), rng.choice(props), iri_string(f"program/e{rng.randrange(320)}"))
             for _ in range(900)]
    facts += facts[:50]
    sentences = {e.key: f"句{i}" for i, e in enumerate(entities) if i % 3}
    for max_nodes in (1, 40, 299, 300, 500):
        whole = select_network(network_from(entities, facts, sentences), ViewOptions(max_nodes=max_nodes))
        part = network_from(entities, facts, sentences, max_nodes=max_nodes)
        assert sorted(part.nodes(data=True)) == sorted(whole.graph.nodes(data=True))
        assert sorted(part.edges(keys=True, data=True)) == sorted(whole.graph.edges(keys=True, data=True))
        assert len(entities) - part.number_of_nodes() == whole.omitted


@pytest.mark.parametrize("seed", range(5))
def test_viz_most_connected_ranks_only_what_it_keeps_as_a_full_ranking_would(seed):
    """most_connected ranks only the nodes as connected as the n-th; what it keeps must be the first
    n of ranking every node (degree, then label, then IRI), ties at the cut included."""
    import random

    from kg.network import most_connected

    rng = random.Random(seed)
    nodes = [f"n{i}" for i in range(200)]
    degree = {n: rng.choice([0, 0, 1, 2, 2, 3, 5, 8]) for n in nodes}
    label = {n: f"名{rng.randrange(30)}" for n in nodes}
    for n in (1, 2, 10, 57, 199, 200, 300):
        full = sorted(nodes, key=lambda x: (-degree[x], label[x], x))[:n]
        assert most_connected(iter(nodes), degree, label.get, n) == full
