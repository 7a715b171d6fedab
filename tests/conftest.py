"""Shared fixtures: the seeds' build (made once per session) and helpers that write test inputs."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def seeds_build(tmp_path_factory):
    """The seeds built once into a temporary folder: (BuildResult, output folder)."""
    from kg import build

    out = tmp_path_factory.mktemp("seeds-out")
    return build(SEEDS, out), out


@pytest.fixture
def corpus(tmp_path):
    """A folder to put test reports in; returns a writer ``corpus(name, content)``."""
    folder = tmp_path / "in"
    folder.mkdir()

    def write(name: str, content, encoding: str = "utf-8") -> Path:
        p = folder / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(content if isinstance(content, bytes) else content.encode(encoding))
        return p

    write.folder = folder  # type: ignore[attr-defined]
    return write


@pytest.fixture
def seed_copy(tmp_path):
    folder = tmp_path / "seeds"
    shutil.copytree(SEEDS, folder)
    return folder


def doc_of(text: str, name: str = "t.txt"):
    """Everything the pipeline finds in a report given as a string (a kg.model.Doc)."""
    from kg.extract import extract
    from kg.read import read_bytes

    return extract(read_bytes(text.encode("utf-8"), name))


def county_report(body: str, county: str, addressee: str = ""):
    """What the pipeline finds in a county government's yearly report opened as such reports open
    (its title, the government it is addressed to if any, the first part's heading), with
    ``body`` as its first part."""
    to = f"{addressee}人民政府：\n" if addressee else ""
    return doc_of(f"{county}人民政府关于2023年度法治政府建设情况的报告\n{to}一、主要举措和成效\n{body}\n")


def report_of(text: str, name: str = "t.txt"):
    """A structured report from a string, as the pipeline would make it."""
    from kg.read import read_bytes
    from kg.structure import structure

    return structure(read_bytes(text.encode("utf-8"), name))


def needs(present: bool, what: str) -> None:
    """Skip a test whose material is absent on a developer's machine; under CI=1 fail instead,
    so that a CI run can never pass by skipping what it was meant to check."""
    if present:
        return
    if os.environ.get("CI"):
        pytest.fail(f"{what} is missing, and CI=1 forbids skipping", pytrace=False)
    pytest.skip(f"{what} is missing")


def lexicon(table: str) -> list[str]:
    """The rows a knowledge table had when its tests were written (tests/lexicons.json, the
    first field of each row): the tests check every one of them is still read and recognised,
    so deleting a row fails a test.  A row added to a table is added here too."""
    import json

    return json.loads((Path(__file__).parent / "lexicons.json").read_text(encoding="utf-8"))[table]
