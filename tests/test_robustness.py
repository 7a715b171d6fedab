"""Bad input gets a clear message and costs nothing else; rebuilds re-extract only what changed;
an interrupted build leaves the previous outputs as they were."""
from __future__ import annotations

import codecs
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from conftest import ROOT, SEEDS
from kg import BuildError, build
from kg.cli import main

GOOD = "莲湖区2023年法治政府建设情况报告\n一、主要举措和成效\n印发《莲湖区政府督查工作实施细则》,办理行政复议案件83件。\n"


def manifest(out: Path) -> dict[str, dict]:
    return {f["path"]: f for f in json.loads((out / "manifest.json").read_text(encoding="utf-8"))["files"]}


def test_robustness_every_kind_of_bad_input_is_accounted_for(corpus, tmp_path, capsys):
    big5 = "石景山區2023年法治政府建設情況報告\n一、主要舉措和成效\n深化「放管服」改革,辦理行政複議案件八十三件。\n"
    mojibake = GOOD.encode("utf-8").decode("gb18030", errors="replace").encode("utf-8")
    html = ("<html><head><meta charset='gbk'><style>p{}</style><script>var a='莲湖区';</script></head><body>"
            "<div class='nav'>首页 &gt; 政务公开</div><p>莲湖区2023年法治政府建设情况报告</p>"
            "<p>印发《莲湖区政府督查工作实施细则》。</p><div class='footer'>版权所有</div></body></html>")
    files = {
        "good.txt": GOOD.encode("utf-8"),
        "empty.txt": b"",
        "image.txt": b"\x89PNG\r\n\x1a\n" + bytes(200),
        "paper.txt": b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n" + bytes(50),
        "gb18030.txt": GOOD.encode("gb18030"),
        "gbk.txt": GOOD.replace("莲湖区", "垫江县").encode("gbk"),
        "big5.txt": big5.encode("big5"),
        "utf16.txt": codecs.BOM_UTF16_LE + GOOD.replace("莲湖区", "榆阳区").encode("utf-16-le"),
        "page.html": html.encode("gbk"),
        "mojibake.txt": mojibake,
        "traditional.txt": "蓮湖區2023年法治政府建設情況報告\n印發《蓮湖區政府督查工作實施細則》。\n".encode("utf-8"),
        "pinyin.txt": "硚口區(qū)2023年法(fǎ)治政(zhèng)府建设情况报告\n深化放管服改革。\n".encode("utf-8"),
        "cut.txt": GOOD.encode("utf-8") + "法".encode("utf-8")[:1],
        "copy of good.txt": GOOD.encode("utf-8"),
        "子目录 with space/报告 一.txt": GOOD.replace("莲湖区", "石景山区").encode("utf-8"),
    }
    for name, data in files.items():
        corpus(name, data)
    folder = corpus.folder
    os.symlink(folder / "nowhere.txt", folder / "dangling.txt")
    os.symlink(folder, folder / "loop")  # a link to its own folder: not followed
    os.symlink(folder / "a.txt", folder / "b.txt")  # a file link cycle
    os.symlink(folder / "b.txt", folder / "a.txt")
    os.mkfifo(folder / "pipe.txt")
    out = tmp_path / "o"
    code = main(["build", str(folder), "--out", str(out), "--jobs", "2"])
    err = capsys.readouterr().err
    assert code == 3 and "Traceback" not in err
    m = manifest(out)
    built = {p for p, f in m.items() if f["status"] == "built"}
    assert built == {"copy of good.txt", "gb18030.txt", "gbk.txt", "big5.txt", "utf16.txt", "page.html", "mojibake.txt",
                     "traditional.txt", "pinyin.txt", "cut.txt", "子目录 with space/报告 一.txt"}
    assert m["good.txt"]["status"] == "duplicate"  # same bytes as "copy of good.txt", which comes first
    for name, reason in {"empty.txt": "empty file", "image.txt": "PNG", "paper.txt": "PDF",
                         "dangling.txt": "broken symbolic link", "pipe.txt": "not a regular file",
                         "a.txt": "symbolic link loop"}.items():
        assert m[name]["status"] == "skipped" and reason in m[name]["reason"], (name, m[name])
        assert sum(1 for line in err.splitlines() if line.startswith(f"kg: {name}: skipped:")) == 1
    assert m["big5.txt"]["division"] == "石景山区" and m["traditional.txt"]["division"] == "莲湖区"
    assert m["gbk.txt"]["division"] == "垫江县" and m["utf16.txt"]["division"] == "榆阳区"
    assert m["mojibake.txt"]["division"] == "莲湖区" and "mojibake" in m["mojibake.txt"]["notes"][0]
    assert m["pinyin.txt"]["division"] == "硚口区" and "pinyin" in m["pinyin.txt"]["notes"][0]
    assert "multi-byte" in m["cut.txt"]["notes"][0]
    assert m["page.html"]["title"] == "莲湖区2023年法治政府建设情况报告"
    assert not any(p.startswith("loop/") for p in m)
    assert main(["build", str(folder), "--out", str(out), "--strict"]) == 1


def test_robustness_very_large_file_is_skipped_with_its_reason(corpus, tmp_path):
    corpus("good.txt", GOOD)
    corpus("huge.txt", GOOD * 80_000)  # about 20 MB
    build(corpus.folder, tmp_path / "o")
    m = manifest(tmp_path / "o")
    assert m["good.txt"]["status"] == "built"
    assert m["huge.txt"]["status"] == "skipped" and "too large" in m["huge.txt"]["reason"]


def test_robustness_rebuild_reextracts_only_what_changed(seed_copy, tmp_path):
    out = tmp_path / "o"
    first = build(seed_copy, out, jobs=2)
    assert (first.extracted, first.cached) == (5, 0)
    before = (out / "graph.ttl").read_bytes()
    again = build(seed_copy, out, jobs=2)
    assert (again.extracted, again.cached) == (0, 5)
    assert (out / "graph.ttl").read_bytes() == before
    changed = seed_copy / "002_53fe5324910f26f2.txt"
    changed.write_text(changed.read_text(encoding="utf-8") + "\n区司法局印发《硚口区法治宣传教育实施方案》。\n",
                       encoding="utf-8")
    third = build(seed_copy, out, jobs=2)
    assert (third.extracted, third.cached) == (1, 4)
    assert "硚口区法治宣传教育实施方案" in (out / "graph.ttl").read_text(encoding="utf-8")


def _cache_entries(out):
    """The cache's entries as (pack, index, offset, length, index line), pack by pack in offset order
    (each worker of a build writes a pack of its own)."""
    entries = []
    for index in sorted(out.glob(".cache/*/*.idx")):
        for line in index.read_text(encoding="ascii").splitlines():
            entries.append((index.with_suffix(".pack"), index, int(line.split()[1]), int(line.split()[2]), line))
    return sorted(entries)


def test_robustness_a_damaged_cache_entry_is_extracted_again(seed_copy, tmp_path):
    out = tmp_path / "o"
    build(seed_copy, out, jobs=2)
    before = (out / "graph.ttl").read_bytes()
    entries = _cache_entries(out)
    assert len(entries) == 5
    last = entries[-1]  # the last record of its pack: cut short
    (p0, _, o0, _, _), (p1, _, o1, n1, _), (p2, index2, o2, _, line2), _ = entries[:-1]
    data = {p: bytearray(p.read_bytes()) for p in {e[0] for e in entries}}
    data[p0][o0:o0 + 10] = b"not a part"  # a header that is not one
    data[p1][o1 + n1 - 30:o1 + n1] = b"x" * 30  # a summary that does not unpickle
    data[last[0]] = data[last[0]][: last[2] + last[3] // 2]
    for p, d in data.items():
        p.write_bytes(bytes(d))
    sha2 = line2.split()[0]
    index2.write_text(index2.read_text(encoding="ascii").replace(line2, f"{sha2} {o2} {len(data[p2]) * 2}")
                      + "stray half-written li", encoding="ascii")  # beyond the pack's end; a stray line
    again = build(seed_copy, out, jobs=2)
    assert (again.extracted, again.cached) == (4, 1)
    assert (out / "graph.ttl").read_bytes() == before
    assert (build(seed_copy, out).extracted, (out / "graph.ttl").read_bytes()) == (0, before)


def test_robustness_records_a_worker_stores_are_read_back_whole(seed_copy, tmp_path):
    """A worker process appends its records to a pack of its own and sends back where they are;
    once the build process has adopted them, the cache gives back each part and its Turtle block
    as made.  Where the worker cannot write, it sends the record itself."""
    import multiprocessing

    from kg.build.cache import Cache, store
    from kg.build.part import Stored, encode, extract_part, summary

    made = {}
    cache = Cache(tmp_path / "o")
    try:
        with multiprocessing.get_context("fork").Pool(1) as worker:
            for path in sorted(seed_copy.glob("*.txt")):
                part, block = extract_part(str(path), str(seed_copy))
                stored = worker.apply(store, (str(cache.folder), encode(part, block)))
                assert isinstance(stored, Stored) and summary(stored.summary) == part
                cache.adopt(part.sha256, stored)
                made[part.sha256] = (part, block)
            record = encode(part, block)
            assert worker.apply(store, (str(tmp_path / "no such folder"), record)) == record
        assert len({cache.entries[sha][0] for sha in made}) == 1  # one pack for the process
    finally:
        cache.close()
    again = Cache(tmp_path / "o")  # as the next build reads it
    try:
        for sha, (part, block) in made.items():
            assert again.get(sha) == part and again.block(sha) == block
    finally:
        again.close()


def test_robustness_cache_stays_within_twice_what_the_corpus_needs(seed_copy, tmp_path):
    def size(out):
        return sum(p.stat().st_size for p in out.glob(".cache/*/*.pack"))

    out = tmp_path / "o"
    reports = sorted(seed_copy.glob("*.txt"))
    build(seed_copy, out)
    for round_, edited in enumerate([reports[:4], reports[:3], reports[:2], reports[:1], reports[1:2]]):
        for p in edited:
            p.write_text(p.read_text(encoding="utf-8") + f"\n第{round_}次修改。\n", encoding="utf-8")
        result = build(seed_copy, out)
        assert (result.extracted, result.cached) == (len(edited), 5 - len(edited))
        fresh = build(seed_copy, tmp_path / f"fresh{round_}").out
        assert (out / "graph.ttl").read_bytes() == (fresh / "graph.ttl").read_bytes()
        assert size(out) <= 2 * size(fresh)
    assert build(seed_copy, out).extracted == 0


def test_robustness_a_build_never_prunes_packs_another_build_is_using(seed_copy, tmp_path):
    from kg.build.cache import Cache

    out = tmp_path / "o"
    build(seed_copy, out)
    other = Cache(out)  # another build into the same folder, still extracting
    other.put("f" * 64, b"the record of a report only the other build has")
    pack = other.folder / f"{other._pack[0]}.pack"
    assert build(seed_copy, out).cached == 5  # this one finishes first
    assert pack.exists() and other.get("f" * 64) is None  # (not a real record: it fails to decode)
    other.close()
    assert build(seed_copy, out).cached == 5  # alone now, it prunes what it did not use
    assert not pack.exists() and len(list(out.glob(".cache/*/*.pack"))) == 1


def test_robustness_cache_files_left_by_a_stopped_build_are_removed(seed_copy, tmp_path):
    out = tmp_path / "o"
    build(seed_copy, out)
    (folder,) = out.glob(".cache/*/")
    (folder / "0-1.pack").write_bytes(b"a pack whose index was never written" * 1000)
    (folder / "0-2.idx").write_text("f" * 64 + " 0 10\n", encoding="ascii")  # an index whose pack is gone
    assert build(seed_copy, out).cached == 5
    assert sorted(p.suffix for p in folder.iterdir()) == [".idx", ".pack"]


def test_robustness_cache_stays_a_few_files_when_reports_are_added_one_build_at_a_time(corpus, tmp_path):
    from kg.build.cache import MAX_PACKS

    out = tmp_path / "o"
    for i in range(MAX_PACKS + 4):
        corpus(f"r{i:02d}.txt", GOOD.replace("83件", f"{100 + i}件"))
        result = build(corpus.folder, out)
        assert (result.extracted, result.cached) == (1, i)
    assert len(list(out.glob(".cache/*/*.pack"))) <= MAX_PACKS
    assert build(corpus.folder, out).cached == MAX_PACKS + 4


def _subject_to_permissions() -> list[str]:
    """What to run a command through so that file permissions apply to it: nothing for an ordinary
    user; for root, who passes them, setpriv (util-linux) without the capabilities that do."""
    if os.geteuid() != 0:
        return []
    import shutil

    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("root without setpriv: file permissions cannot be made to apply")
    return [setpriv, "--bounding-set", "-dac_override,-dac_read_search", "--"]


def test_robustness_folders_and_files_that_cannot_be_read_are_listed_with_their_reason(tmp_path):
    """A folder the build may not list, and a report in a folder it may list but not enter, are
    in the manifest as skipped with their reason, and the others are built; a folder to build
    that cannot be read is one line of error."""
    corpus = tmp_path / "in"
    for folder, text in (("closed", GOOD.replace("83", "84")), ("listed", GOOD.replace("83", "85"))):
        (corpus / folder).mkdir(parents=True)
        (corpus / folder / "r.txt").write_text(text, encoding="utf-8")
    (corpus / "good.txt").write_text(GOOD, encoding="utf-8")
    (corpus / "closed").chmod(0)
    (corpus / "listed").chmod(0o444)  # its names can be read, not its files
    kg = _subject_to_permissions() + [sys.executable, "-m", "kg", "build"]
    try:
        done = subprocess.run(kg + [str(corpus), "--out", str(tmp_path / "o")], cwd=ROOT, capture_output=True, text=True)
        top = subprocess.run(kg + [str(corpus / "closed"), "--out", str(tmp_path / "o2")], cwd=ROOT,
                             capture_output=True, text=True)
    finally:
        for folder in ("closed", "listed"):
            (corpus / folder).chmod(0o755)
    assert done.returncode == 3 and "Traceback" not in done.stderr, done.stderr
    m = manifest(tmp_path / "o")
    assert m["good.txt"]["status"] == "built"
    assert m["closed/"]["status"] == "skipped" and m["closed/"]["reason"].startswith("unreadable folder: ")
    assert m["listed/r.txt"]["status"] == "skipped" and m["listed/r.txt"]["reason"].startswith("unreadable: ")
    assert "closed/: skipped: unreadable folder" in done.stderr
    assert top.returncode == 1 and top.stderr.count("\n") == 1 and "cannot read" in top.stderr, top.stderr


def test_robustness_interrupted_build_leaves_previous_outputs(seed_copy, tmp_path):
    out = tmp_path / "o"
    build(seed_copy, out)
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    for i in range(300):  # enough work that the build is still running when interrupted
        (seed_copy / f"extra{i:03d}.txt").write_text(texts[i % 5] + f"\n第{i}份。\n", encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "kg", "build", str(seed_copy), "--out", str(out), "--jobs", "2"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT, text=True)
    for line in proc.stderr:  # progress lines: interrupt once extraction is under way
        if line.startswith("kg: extracted") and not line.startswith("kg: extracted 0/"):
            break
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130 and "interrupted" in err
    after = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    assert after == before
    assert not [p for p in out.rglob("*") if p.name.endswith(".tmp")]
    assert build(seed_copy, out).cached > 5  # what was extracted before the interruption is kept


def test_robustness_killed_worker_fails_cleanly(seed_copy, tmp_path, monkeypatch):
    import importlib

    kb = importlib.import_module("kg.build.part")
    out = tmp_path / "o"
    build(seed_copy, out)
    before = (out / "graph.ttl").read_bytes()
    (seed_copy / "new.txt").write_text(GOOD, encoding="utf-8")
    (seed_copy / "other.txt").write_text(GOOD.replace("83件", "84件"), encoding="utf-8")
    real = kb.extract_part

    def dies(path, root):
        if path.endswith("new.txt"):
            os._exit(9)  # the worker process is killed
        return real(path, root)

    monkeypatch.setattr(kb, "extract_part", dies)  # forked workers inherit it
    with pytest.raises(BuildError, match="worker process died"):
        build(seed_copy, out, jobs=2)
    assert (out / "graph.ttl").read_bytes() == before


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_robustness_a_report_that_crashes_its_extractor_is_skipped(corpus, tmp_path, monkeypatch, capsys, jobs):
    import kg.extract

    corpus("good.txt", GOOD)
    corpus("other.txt", GOOD.replace("莲湖区", "榆阳区"))
    corpus("crash.txt", GOOD.replace("莲湖区", "垫江县"))
    real = kg.extract.extract

    def extract(source):  # a bug that only this report meets, with a long, multi-line message
        if source.name == "crash.txt":
            raise ValueError("unexpected shape\n" + "x" * 5000)
        return real(source)

    monkeypatch.setattr(kg.extract, "extract", extract)  # forked workers inherit it
    out = tmp_path / "o"
    code = main(["build", str(corpus.folder), "--out", str(out), "--jobs", jobs])
    err = capsys.readouterr().err
    assert code == 3 and "Traceback" not in err
    m = manifest(out)
    assert m["good.txt"]["status"] == m["other.txt"]["status"] == "built"
    reason = m["crash.txt"]["reason"]
    assert m["crash.txt"]["status"] == "skipped" and reason.startswith("internal error: ValueError: unexpected shape")
    assert "\n" not in reason and len(reason) <= 250
    lines = [line for line in err.splitlines() if "crash.txt" in line]
    assert lines == [f"kg: crash.txt: skipped: {reason}"]
    graph = (out / "graph.ttl").read_text(encoding="utf-8")
    assert "crash.txt" not in graph and "good.txt" in graph and "other.txt" in graph


def test_robustness_dask_executor_on_a_local_cluster(seed_copy, tmp_path):
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, host="127.0.0.1", dashboard_address=None,
                                  processes=True) as cluster:
        address = cluster.scheduler_address.replace("tcp://", "")
        result = build(seed_copy, tmp_path / "dask", executor=f"dask://{address}")
    build(seed_copy, tmp_path / "local", jobs=1)
    assert result.extracted == 5
    assert (tmp_path / "dask" / "graph.ttl").read_bytes() == (tmp_path / "local" / "graph.ttl").read_bytes()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=0, max_size=400))
def test_robustness_extractor_never_raises_and_offsets_slice_the_text(text):
    from kg.extract import extract
    from kg.read import ReadError, read_bytes

    prefix = "莲湖区2023年法治政府建设情况报告\n"  # enough Chinese that the reader accepts it
    try:
        src = read_bytes((prefix + text).encode("utf-8"), "h.txt")
    except ReadError:
        return
    ex = extract(src)
    for m in ex.mentions:
        assert src.text[m.start:m.end] == m.text
    for o in ex.observations:
        assert 0 <= o.start < o.end <= len(src.text)
    for s in ex.report.sentences:
        assert src.text[s.start:s.end].strip() == src.text[s.start:s.end] != ""
