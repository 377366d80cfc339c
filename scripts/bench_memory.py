"""Peak memory of ingesting one long PDF: the worker that reads it, and the process that stores it.

    cd /work/main && PYTHONPATH=. python scripts/bench_memory.py [--pages 300]

The PDF is real: the pages of our rendered report PDFs (``tests/fixtures/pdf``: ruled tables, Thai
text, embedded fonts) joined again and again to ``--pages`` pages with pypdfium2 (which ships with
pdfplumber). Each size is ingested in a fresh process with ``--jobs 1``; the worker's peak RSS
(``VmHWM``) is read from /proc while it is still alive, the storing process's from its own. A
reader that keeps every page would grow with the page count; the target is under 500 MB for
300 pages.
"""

from __future__ import annotations

import argparse
import io
import json
import multiprocessing
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from scripts.make_bad_inputs import PDF_FIXTURES

TARGET_MB = 500


def long_pdf(pages: int) -> bytes:
    """Fixture pages, in turn, until the document has ``pages`` pages."""
    import pypdfium2

    sources = [
        pypdfium2.PdfDocument(path.read_bytes())
        for path in sorted(PDF_FIXTURES.glob("*.pdf"))
        if "encrypted" not in path.name
    ]
    joined = pypdfium2.PdfDocument.new()
    turn = 0
    while len(joined) < pages:
        source = sources[turn % len(sources)]
        joined.import_pages(source, list(range(min(len(source), pages - len(joined)))))
        turn += 1
    out = io.BytesIO()
    joined.save(out)
    return out.getvalue()


def peak_rss_mb(pid: int | str = "self") -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmHWM in /proc: Linux only")


def child(pdf: str, db: str) -> None:
    """The measured run: ingest the PDF; read the worker's peak while the worker still lives."""
    from extract.pipeline import ingest_paths

    workers: list[float] = []

    def on_file(_outcome: object) -> None:
        workers.extend(peak_rss_mb(p.pid) for p in multiprocessing.active_children())

    started = time.perf_counter()
    summary = ingest_paths([pdf], db, jobs=1, on_file=on_file)
    if summary.failed:
        raise SystemExit(summary.failed[0].reason)
    result = {
        "pages": summary.pages_added,
        "seconds": time.perf_counter() - started,
        "worker_mb": max(workers),
        "parent_mb": peak_rss_mb(),
    }
    print(json.dumps(result))


def measure(pages: int, tmp: Path) -> dict:
    pdf = tmp / f"report-{pages}-pages.pdf"
    pdf.write_bytes(long_pdf(pages))
    db = tmp / f"archive-{pages}.db"
    result = subprocess.run(
        [sys.executable, __file__, "--child", str(pdf), str(db)],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise SystemExit(f"ingest failed:\n{result.stdout}{result.stderr}")
    return json.loads(result.stdout)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=300, help="pages of the long PDF")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-memory-") as tmp:
        for pages in (args.pages // 10, args.pages):
            run = measure(pages, Path(tmp))
            print(
                f"{run['pages']} pages: worker peak RSS {run['worker_mb']:.0f} MB, storing "
                f"process peak RSS {run['parent_mb']:.0f} MB, {run['seconds']:.1f} s "
                f"({run['pages'] / run['seconds']:.1f} pages/s)"
            )
    verdict = "meets" if run["worker_mb"] < TARGET_MB else "over"
    print(f"worker peak for {run['pages']} pages: {verdict} the {TARGET_MB} MB target")
    return 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        child(sys.argv[2], sys.argv[3])
    else:
        sys.exit(main())
