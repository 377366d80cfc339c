"""Throughput and peak memory of the PDF reader, next to bare pdfplumber, in one run.

    cd /work/main && PYTHONPATH=. PYTHAINLP_OFFLINE=1 PYTHAINLP_READ_ONLY=1 \\
        python scripts/bench_pdf.py [--rounds 3] [--repeat 4] [FILE.pdf ...]

Default files: tests/fixtures/pdf/*.pdf (the readable ones) and ../shared/samples/real/*.pdf.
Each mode runs in its own child process (so its peak RSS is its own), over every file
``--repeat`` times; the best of ``--rounds`` runs is kept. Modes:

- ``pdfplumber``: bare ``page.extract_tables()`` on every page (the yardstick);
- ``reader``: ``extract.backend.pdf_backend.read`` (Thai text, tables, stitching);
- ``pipeline``: ``extract.pipeline.ingest_paths`` into a temporary archive (read, repair,
  tables, measures, SQLite), when the pipeline is importable.

Target: reader and pipeline ≥ 0.8 × pdfplumber's pages/second, in steady state: each mode first
makes one untimed pass over the first file (imports; the pipeline's worker fork server).

``--long-pages N`` adds a long report (our longest sample's measures repeated, rendered with
WeasyPrint to about N pages) to check that memory stays flat on long documents.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "pdf"
REAL = ROOT.parent / "shared" / "samples" / "real"
MODES = ("pdfplumber", "reader", "pipeline")


def default_files() -> list[Path]:
    fixtures = [p for p in sorted(FIXTURES.glob("*.pdf")) if "encrypted" not in p.name]
    return fixtures + sorted(REAL.glob("*.pdf"))


def run_pdfplumber(files: list[Path]) -> int:
    import pdfplumber

    pages = 0
    for path in files:
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                page.extract_tables()
                page.close()
                pages += 1
    return pages


def run_reader(files: list[Path]) -> int:
    from extract.backend.pdf_backend import read

    return sum(read(path.read_bytes(), path.name).page_count or 0 for path in files)


def render_long_report(pages: int, out_dir: Path) -> Path:
    """Our longest sample report, its measures repeated until it runs to about ``pages`` pages."""
    from dataclasses import replace

    from scripts.fixtures.render_pdf import REPORT_FIXTURES, render_report

    report, variant = REPORT_FIXTURES[0]  # 6 measures on 5 pages
    long_report = replace(report, measures=report.measures * max(1, round(pages * 6 / 5 / 6)))
    path = out_dir / f"long-{pages}-pages.pdf"
    path.write_bytes(render_report(long_report, variant))
    return path


def count_pages(files: list[Path]) -> int:
    import pdfplumber

    total = 0
    for path in files:
        with pdfplumber.open(path) as pdf:
            total += len(pdf.pages)
    return total


def time_mode(mode: str, files: list[Path], repeat: int) -> tuple[int, float]:
    """Pages processed and seconds taken by ``repeat`` passes of ``mode`` over ``files``."""
    if mode != "pipeline":
        runner = run_pdfplumber if mode == "pdfplumber" else run_reader
        start = time.perf_counter()
        pages = sum(runner(files) for _ in range(repeat))
        return pages, time.perf_counter() - start
    from extract.pipeline import ingest_paths

    seconds = 0.0
    for _ in range(repeat):
        # a fresh archive each pass: an archive skips bytes it already holds
        with tempfile.TemporaryDirectory() as work:
            start = time.perf_counter()
            summary = ingest_paths(files, Path(work) / "bench.db")
            seconds += time.perf_counter() - start
        if summary.failed:
            raise RuntimeError(f"pipeline failed: {summary.failed}")
    return count_pages(files) * repeat, seconds


def child(mode: str, files: list[Path], repeat: int) -> None:
    """Run one mode and print pages, seconds and peak RSS as JSON.

    One untimed pass over the first file first: imports, and for the pipeline the start of its
    worker fork server (a second, once per run of the CLI, not per document), are not
    throughput."""
    time_mode(mode, files[:1], 1)
    pages, seconds = time_mode(mode, files, repeat)
    print(json.dumps({"pages": pages, "seconds": seconds, "peak_rss_mb": peak_rss_mb()}))


def peak_rss_mb() -> float:
    """This process's peak resident memory. VmHWM starts afresh at exec; ru_maxrss carries
    over from the parent that spawned us, so it is only the fallback."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_child(mode: str, files: list[Path], repeat: int) -> dict | None:
    done = subprocess.run(
        [sys.executable, __file__, "--child", mode, "--repeat", str(repeat), *map(str, files)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    if done.returncode != 0:
        print(f"{mode}: failed {done.stderr.strip().splitlines()[-1:]}", file=sys.stderr)
        return None
    return json.loads(done.stdout.strip().splitlines()[-1])


def measure(files: list[Path], repeat: int, rounds: int) -> dict[str, dict | None]:
    """Best run of each mode; modes take turns in each round, so a busy machine slows all."""
    best: dict[str, dict | None] = {}
    for _ in range(rounds):
        for mode in MODES:
            if mode in best and best[mode] is None:
                continue  # it failed: no point in trying again
            result = run_child(mode, files, repeat)
            if result is None:
                best.setdefault(mode, None)
            elif best.get(mode) is None or result["seconds"] < best[mode]["seconds"]:
                best[mode] = result
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--repeat", type=int, default=4)
    parser.add_argument("--long-pages", type=int, default=0)
    parser.add_argument("--child", choices=MODES)
    args = parser.parse_args()
    files = args.files or default_files()
    if args.child:
        child(args.child, files, args.repeat)
        return 0
    with tempfile.TemporaryDirectory(prefix="bench-pdf-") as work:
        if args.long_pages:
            long_file = render_long_report(args.long_pages, Path(work))
            print(f"long report: {count_pages([long_file])} pages")
            files = [*files, long_file]
        report(files, args.repeat, args.rounds)
    return 0


def report(files: list[Path], repeat: int, rounds: int) -> None:
    """Measure every mode and print the table."""
    print(f"{len(files)} files, each read {repeat}× per run, best of {rounds} runs")
    results = measure(files, repeat, rounds)
    base = results["pdfplumber"]
    print(f"{'mode':<12}{'pages':>7}{'seconds':>9}{'pages/s':>9}{'peak RSS MB':>13}{'× bare':>8}")
    for mode, result in results.items():
        if result is None:
            print(f"{mode:<12}  (not available)")
            continue
        rate = result["pages"] / result["seconds"]
        ratio = rate / (base["pages"] / base["seconds"]) if base else float("nan")
        print(
            f"{mode:<12}{result['pages']:>7}{result['seconds']:>9.2f}{rate:>9.1f}"
            f"{result['peak_rss_mb']:>13.0f}{ratio:>8.2f}"
        )


if __name__ == "__main__":
    sys.exit(main())
