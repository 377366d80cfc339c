"""Screenshots of the archive in Datasette for the README (docs/*.png).

    cd /work/main && PYTHAINLP_OFFLINE=1 PYTHAINLP_READ_ONLY=1 \\
        /work/venv/bin/python scripts/screenshots.py [--db ARCHIVE] [--out docs]

Without ``--db`` it ingests our fixtures (tests/fixtures) and the shared sample report into a
temporary archive first. Serves it with ``extract serve`` on a free loopback port and photographs
the key pages in Debian's Chromium (Playwright); PNGs are reduced to a 256-colour palette.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path
from urllib.parse import quote

from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extract.pipeline import ingest_paths  # noqa: E402
from extract.serve import background_server  # noqa: E402

SAMPLE_DUMP = ROOT.parent / "shared" / "samples" / "khaokrapuk-2568.dump.txt"
FIXTURES = ROOT / "tests" / "fixtures"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip
VIEWPORT = {"width": 1280, "height": 900}

MEASURE_COLUMNS = ["fiscal_year_be", "agency", "title", "methods", "responsible", "period",
                   "results", "indicator_name", "source_url"]  # fmt: skip
# file name → (path, what to wait for); each page answers one of the README's questions
SHOTS = {
    "search-thai.png": (f"/archive/measures?_search={quote('คู่มือ')}", "td.col-id"),
    "search-ranked.png": (
        f"/archive/search_measures?q={quote('ร้องเรียน ๒๕๖๘')}",
        "td.col-snippet mark",
    ),
    "agency-changes.png": (
        f"/archive/agency_changes?agency={quote('อบต.ทุ่งดอกแก้ว')}&year_from=2567&year_to=2568",
        "td.col-title",
    ),
    "copied-measures.png": ("/archive/copied_measures", "td.col-text_hash"),
    "dashboard.png": ("/-/dashboards/overview", ".vega-embed canvas, .vega-embed svg"),
    # just the table: one measure with its steps as a list and the link to its source
    "measure-row.png": (
        "/archive/measures_flat?source_name=thungdokkaeo-2568.dump.txt&seq=3"
        + "".join(f"&_col={c}" for c in MEASURE_COLUMNS),
        "table.rows-and-columns",
    ),
}
ELEMENT_SHOTS = {"measure-row.png"}


def build_archive(directory: Path) -> Path:
    db = directory / "archive.db"
    summary = ingest_paths([SAMPLE_DUMP, FIXTURES], db, jobs=2)
    print(f"archive: {summary.count('added')} documents, {summary.measures_added} measures")
    return db


def shrink(path: Path) -> None:
    """A 256-colour palette: screenshots of text pages lose nothing visible and a lot of bytes."""
    with Image.open(path) as image:
        image.convert("RGB").quantize(colors=256, dither=Image.Dither.NONE).save(
            path, optimize=True
        )


def take_screenshots(db: Path, out_dir: Path) -> list[Path]:
    from playwright.sync_api import sync_playwright

    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    with background_server(db) as base_url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport=VIEWPORT)
        for name, (path, ready) in SHOTS.items():
            page.goto(base_url + path)
            element = page.locator(ready).first
            element.wait_for(state="visible", timeout=15_000)
            target = out_dir / name
            (element if name in ELEMENT_SHOTS else page).screenshot(path=str(target))
            shrink(target)
            written.append(target)
        browser.close()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, help="archive to photograph (default: build one)")
    parser.add_argument("--out", type=Path, default=ROOT / "docs")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="ita-screenshots-") as tmp:
        db = args.db or build_archive(Path(tmp))
        for path in take_screenshots(db, args.out):
            print(f"{path}  {path.stat().st_size // 1024} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
