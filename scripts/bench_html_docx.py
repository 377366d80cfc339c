"""How fast the HTML and Word readers go: each fixture, and one long report of each kind.

    cd /work/main && PYTHONPATH=. python scripts/bench_html_docx.py [REPEAT]

Prints milliseconds per document for reading alone and for the whole pipeline (read, repair,
assemble, measures), and the measures a second for a report of 300 measures.
"""

from __future__ import annotations

import io
import os
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

os.environ.setdefault("PYTHAINLP_OFFLINE", "1")
os.environ.setdefault("PYTHAINLP_READ_ONLY", "1")

from extract.backend import docx_backend, html_backend
from extract.pipeline import process_bytes
from scripts.fixtures.docx_writer import report_docx
from scripts.fixtures.render_docx import DOCX_FIXTURES
from scripts.fixtures.render_html import REPORT_PAGES, report_page
from scripts.fixtures.reports import NONG_NAM_SAI

FIXTURES = Path(__file__).resolve().parents[1] / "tests" / "fixtures"
LONG_REPORT = replace(NONG_NAM_SAI, measures=NONG_NAM_SAI.measures * 50)


def per_call_ms(call: Callable[[], object], repeat: int) -> float:
    start = time.perf_counter()
    for _ in range(repeat):
        call()
    return 1000 * (time.perf_counter() - start) / repeat


def docx_bytes() -> bytes:
    _, variant = DOCX_FIXTURES[0]
    buffer = io.BytesIO()
    report_docx(LONG_REPORT, variant, variant.layout).save(buffer)
    return buffer.getvalue()


def main(argv: list[str]) -> int:
    repeat = int(argv[1]) if len(argv) > 1 else 5
    files = sorted((FIXTURES / "html").glob("*.html")) + sorted((FIXTURES / "docx").glob("*.docx"))
    print(f"{'document':48} {'KB':>6} {'read ms':>8} {'pipeline ms':>12}")
    for path in files:
        data = path.read_bytes()
        reader = html_backend.read if path.suffix == ".html" else docx_backend.read
        read_ms = per_call_ms(lambda: reader(data, path.name), repeat)  # noqa: B023
        all_ms = per_call_ms(lambda: process_bytes(data, path.name), repeat)  # noqa: B023
        print(f"{path.name:48} {len(data) // 1024:6} {read_ms:8.1f} {all_ms:12.1f}")
    _, cms = REPORT_PAGES[0]
    for label, data in (
        ("cms page, 300 measures", report_page(LONG_REPORT, cms)),
        ("numbered docx, 300 measures", docx_bytes()),
    ):
        start = time.perf_counter()
        document = process_bytes(data, label)
        seconds = time.perf_counter() - start
        rate = len(document.measures) / seconds
        print(f"{label:48} {len(data) // 1024:6} KB  {seconds:6.2f} s  {rate:7.0f} measures/s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
