"""The knowledge tables: every one loads, and a malformed row fails at load time with file:line."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import kg.data as data

DATA = Path(data.__file__).parent


@pytest.fixture
def tables(tmp_path, monkeypatch):
    """A copy of kg/data that a test may break; the loaders read it instead of the package's."""
    copy = tmp_path / "data"
    shutil.copytree(DATA, copy, ignore=shutil.ignore_patterns("__pycache__", "*.py"))
    monkeypatch.setattr(data, "folder", lambda: copy)
    data.clear()
    yield copy
    data.clear()


def append(folder: Path, name: str, row: str) -> int:
    """Add a row at the end of a table; return its line number."""
    p = folder / name
    text = p.read_text(encoding="utf-8").rstrip("\n") + "\n" + row + "\n"
    p.write_text(text, encoding="utf-8")
    return text.count("\n")


def test_data_every_table_loads_and_starts_with_a_comment():
    data.check()
    for p in sorted(DATA.glob("*.tsv")):
        assert p.read_text(encoding="utf-8").startswith("#"), f"{p.name} has no header comment"


@pytest.mark.parametrize("name,row,message", [
    ("cues.tsv", "awarded\t获评\tbefore", "unknown relation 'awarded'"),
    ("cues.tsv", "issued\t印发\tabove", "place must be one of before, after"),
    ("cues.tsv", "implements\t印发\tbefore", "already a cue of 'issued'"),
    ("cues.tsv", "issued\t印发", "expected 3 tab-separated fields, got 2"),
    ("bodies.tsv", "G\t审计局\t审计局\tAgency", "unknown class 'Agency'"),
    ("bodies.tsv", "G\t审计局\t审计局\tLaw", "expected a kind of Institution"),
    ("genres.tsv", "办法\tCounty", "expected a kind of PolicyDocument"),
    ("national_bodies.tsv", "国家统计局\tBureau", "unknown class 'Bureau'"),
    ("furniture.tsv", "nav\t(首页", "bad regular expression"),
    ("roles.tsv", "results\t成效", "unknown role 'results'"),
    ("words.tsv", "slogan\t口号", "unknown word class 'slogan'"),
    ("limits.tsv", "clause_window\tlong", "must be a whole number"),
    ("limits.tsv", "sentence_max\t200", "unknown limit 'sentence_max'"),
    ("national_laws.tsv", "中华人民共和国统计年鉴\t统计年鉴", "is not a law or regulation title"),
    ("national_laws.tsv", "中华人民共和国刑事诉讼法\t刑法", "'刑法' already names '中华人民共和国刑法'"),
    ("honor_scopes.tsv", "全球\tplanet", "level must be one of"),
    ("honor_kinds.tsv", "示范县\talways", "needs must be scope or verb"),
    ("honor_batches.tsv", "第(批", "bad regular expression"),
    ("program_heads.tsv", "机制\tsometimes", "after must be any or quoted"),
    ("program_heads.tsv", "机制", "expected 2 tab-separated fields, got 1"),
    ("genres.tsv", "办法\tRules\tbare", "the third field may only be plain"),
    ("bodies.tsv", "P\t依法治{L}办\t全面依法治县委员会办公室\tPartyOrgan", "level {L} in the written form"),
    ("organs.tsv", "{}党委\t中共{}委\tPartyOrgan\tvillage", "unknown kind 'village'"),
    ("organs.tsv", "党委\t中共委\tPartyOrgan\tcounty", "must each hold the name's place"),
    ("organs.tsv", "{}委\t中共{+}委\tPartyOrgan\tcounty", "already a form for county"),
    ("organs.tsv", "{}侨联\t{}侨联\tParliament\tcounty", "unknown class 'Parliament'"),
    ("body_suffixes.tsv", "指挥所\tCommandPost", "unknown class 'CommandPost'"),
    ("local_suffixes.tsv", "屯\t屯\tvillage", "level must be township or community"),
    ("zones.tsv", "自贸区", "'自贸区' is listed twice"),
    ("units.tsv", "秒\tduration", "unknown kind of unit 'duration'"),
    ("units.tsv", "件\tcount", "unit '件' is listed twice"),
    ("units.tsv", "件", "expected 2 tab-separated fields, got 1"),
    ("measures.tsv", "slogan\t口号", "unknown word class 'slogan'"),
    ("indicators.tsv", "植树数\t根\t植树", "unknown unit '根'"),
    ("numbered_names.tsv", "中央巡视", "holds no numeral and unit"),
    ("indicators.tsv", "复议数\t件\t行政复议案件", "label '行政复议案件' already names the concept '行政复议案件数'"),
])
def test_data_malformed_row_fails_at_load_with_file_and_line(tables, name, row, message):
    line = append(tables, name, row)
    with pytest.raises(data.DataError) as e:
        data.check()
    assert str(e.value).startswith(f"kg/data/{name}:{line}: ")
    assert message in str(e.value)


def test_data_a_build_stops_before_reading_reports_when_a_table_is_malformed(tables, tmp_path, capsys):
    from kg.cli import main

    append(tables, "cues.tsv", "issued\t印发\tabove")
    reports = tmp_path / "in"
    reports.mkdir()
    (reports / "a.txt").write_text("某县2023年法治政府建设情况报告\n印发《某县实施方案》。\n", encoding="utf-8")
    assert main(["build", str(reports), "--out", str(tmp_path / "out"), "--jobs", "1"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "kg/data/cues.tsv:" in err[0]
    assert not (tmp_path / "out" / "graph.ttl").exists()
