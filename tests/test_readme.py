"""What the README tells a new user holds: its example results are what the build gives, its
commands run as written, and its Python example says what the API returns."""
from __future__ import annotations

import importlib.util
import json
import re
import shutil

import pytest

from conftest import ROOT, SEEDS

README = ROOT / "README.md"


def _script():
    spec = importlib.util.spec_from_file_location("readme_results", ROOT / "scripts" / "readme_results.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


readme_results = _script()
BLOCKS = readme_results.blocks(README.read_text(encoding="utf-8"))


def rows(table: str) -> tuple[list[list[str]], str]:
    """A printed table's rows (cells stripped) and its closing count line."""
    lines = table.rstrip("\n").splitlines()
    body = [line for line in lines[2:] if not line.startswith(("(", "…"))]
    return [[cell.strip() for cell in line.split(" | ")] for line in body], lines[-1]


def test_readme_shows_results_of_the_saved_queries_and_the_analysis():
    specs = {spec.split()[0] + (" " + spec.split()[1] if spec.startswith("query") else "") for spec, _ in BLOCKS}
    assert {"query shared-programs", "query documents-issued", "query compare", "query honors", "list",
            "analyze"} <= specs


@pytest.mark.parametrize("spec,body", BLOCKS, ids=[spec for spec, _ in BLOCKS])
def test_readme_results_are_what_the_build_gives(seeds_build, spec, body):
    _, out = seeds_build
    built = readme_results.render(spec, out)
    if spec.startswith("query"):
        shown, count = rows(body)
        expect, expect_count = rows(built)
        assert shown == expect, f"README block {spec!r} is out of date: run scripts/readme_results.py"
        assert count == expect_count
    assert body == built, f"README block {spec!r} is out of date: run scripts/readme_results.py"


def test_readme_script_rewrites_a_stale_block(seeds_build):
    _, out = seeds_build
    text = README.read_text(encoding="utf-8")
    spec, body = next((s, b) for s, b in BLOCKS if s == "query shared-programs")
    stale = text.replace(body, body.replace("| 5 ", "| 7 ", 1).replace("(", "(9", 1))
    assert stale != text
    assert readme_results.rewrite(stale, out) == text


def test_readme_commands_run_kg_as_installed():
    """`kg` lives in the venv: every shell block calls .venv/bin/kg or activates the venv first."""
    for block in re.findall(r"```sh\n(.*?)```", README.read_text(encoding="utf-8"), re.S):
        activated = False
        for line in block.splitlines():
            command = line.split("#")[0].strip()
            if command.startswith((". .venv/bin/activate", "source .venv/bin/activate")):
                activated = True
            for call in re.findall(r"(?:^|&&|;|\|)\s*((?:\S*/)?kg)\s", command + " "):
                assert call == ".venv/bin/kg" or activated, f"README runs `{call}` without the venv: {line}"


def test_readme_python_example_says_what_the_api_returns(tmp_path, monkeypatch):
    from kg.build import FileRecord

    text = README.read_text(encoding="utf-8")
    example = re.search(r"```python\n(import kg\n.*?)```", text, re.S).group(1)
    shutil.copytree(SEEDS, tmp_path / "seeds")
    monkeypatch.chdir(tmp_path)
    scope: dict = {}
    exec(compile(example, "README.md", "exec"), scope)
    assert all(isinstance(f, FileRecord) for f in scope["result"].files)
    manifest = json.loads((tmp_path / "output" / "manifest.json").read_text(encoding="utf-8"))
    assert scope["records"] == manifest["files"]
    assert scope["conforms"] is True and len(scope["records"]) == len(list(SEEDS.iterdir()))
