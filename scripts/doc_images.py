"""Regenerate the documentation images in docs/ on purpose (tests never write there).

    .venv/bin/python scripts/doc_images.py [--out FOLDER]   (default: docs/)

Builds the seeds into a temporary folder, opens the view in Debian's Chromium (as the browser
tests do) and saves docs/seeds-graph.png: the whole graph at overview zoom, with 莲湖区 being
typed into the search box and its matches listed.
"""
from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


def main(argv: list[str]) -> int:
    import argparse

    from playwright.sync_api import sync_playwright

    from kg import build

    a = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    a.add_argument("--out", type=Path, default=ROOT / "docs", help="folder for the images (default: docs/)")
    out = a.parse_args(argv).out
    out.mkdir(parents=True, exist_ok=True)

    with tempfile.TemporaryDirectory(prefix="govkg-docs-") as tmp:
        build(ROOT / "seeds", Path(tmp))
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
            page = browser.new_context(viewport={"width": 1400, "height": 900}, offline=True).new_page()
            page.goto((Path(tmp) / "graph.html").as_uri())
            page.wait_for_function("window.kg && window.kg.ready", timeout=120_000)
            page.click("#search")
            page.keyboard.type("莲湖", delay=50)
            page.wait_for_selector("#matches li")
            target = out / "seeds-graph.png"
            page.screenshot(path=str(target))
            browser.close()
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
