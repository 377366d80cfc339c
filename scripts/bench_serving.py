"""Response times of the Datasette pages people use, on a synthetic archive of N measures.

    cd /work/main && PYTHAINLP_OFFLINE=1 PYTHAINLP_READ_ONLY=1 \\
        /work/venv/bin/python scripts/bench_serving.py [--measures 100000] [--runs 5]

Builds the archive from our fixtures and the shared sample, then copies its documents (with their
measures and search rows) until it holds N measures; every copy is a new agency, so the agency
queries have many to choose from. Times each request through Datasette in process, with the same
settings and metadata as ``extract serve``, and prints the median and the worst of the runs.
"""

from __future__ import annotations

import argparse
import asyncio
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extract.pipeline import ingest_paths  # noqa: E402
from extract.serve import archive_datasette  # noqa: E402

SAMPLE_DUMP = ROOT.parent / "shared" / "samples" / "khaokrapuk-2568.dump.txt"
FIXTURES = ROOT / "tests" / "fixtures"
COPY_STRIDE = 1_000  # copy k of document d gets id d + k * stride

REQUESTS = {
    "search box, common word (คู่มือ)": "/archive/measures.json?_search=" + quote("คู่มือ"),
    "search box, Thai digits (๒๕๖๗)": "/archive/measures.json?_search=" + quote("๒๕๖๗"),
    "search box, two characters (ปี)": "/archive/measures.json?_search=" + quote("ปี"),
    "search box, rare word (รถยนต์ส่วนกลาง)": "/archive/measures.json?_search="
    + quote("รถยนต์ส่วนกลาง"),
    "search box, no count or facets": "/archive/measures.json?_nocount=1&_nofacet=1&_search="
    + quote("คู่มือ"),
    "ranked search with snippets": "/archive/search_measures.json?q=" + quote("ร้องเรียน 2568"),
    "table page HTML with facets": "/archive/measures?_search=" + quote("คู่มือ"),
    "one agency across years": "/archive/agency_history.json?agency=" + quote("ทุ่งดอกแก้ว"),
    "agency changes between years": "/archive/agency_changes.json?agency="
    + quote("ทุ่งดอกแก้ว")
    + "&year_from=2567&year_to=2568",
    "measures per year × indicator": "/archive/measures_per_year_indicator.json",
    "copied measures": "/archive/copied_measures.json",
    "flat view, first page": "/archive/measures_flat.json",
}


def build_base(directory: Path) -> Path:
    db = directory / "archive.db"
    ingest_paths([SAMPLE_DUMP, FIXTURES], db, jobs=2)
    return db


def grow(db: Path, measures: int) -> int:
    """Copy every document, its measures and their search rows until ``measures`` are stored."""
    conn = sqlite3.connect(db)
    base = conn.execute("SELECT count(*) FROM measures").fetchone()[0]
    copies = max(0, -(-measures // base) - 1)
    with conn:
        for k in range(1, copies + 1):
            shift = k * COPY_STRIDE
            # every copy is another agency: its name and key get the copy number
            changed = {"agency": "agency || ' ' || :k", "agency_key": "agency_key || '-' || :k"}
            _copy_rows(conn, "documents", "id < :stride",
                       {"id": "id + :shift", "sha256": "sha256 || '-' || :k", **changed},
                       {"k": k, "shift": shift, "stride": COPY_STRIDE})  # fmt: skip
            _copy_rows(conn, "measures", "document_id < :stride",
                       {"id": "id + :shift * 10000", "document_id": "document_id + :shift",
                        **changed},
                       {"k": k, "shift": shift, "stride": COPY_STRIDE})  # fmt: skip
            conn.execute(
                "INSERT INTO measures_fts (rowid, search_text) SELECT m.id + :shift * 10000,"
                " f.search_text FROM measures_fts f JOIN measures m ON m.id = f.rowid"
                " WHERE m.document_id < :stride",
                {"shift": shift, "stride": COPY_STRIDE},
            )
    total = conn.execute("SELECT count(*) FROM measures").fetchone()[0]
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return total


def _copy_rows(
    conn: sqlite3.Connection, table: str, where: str, changed: dict[str, str], params: dict
) -> None:
    """INSERT … SELECT every column of ``table``, with SQL expressions for the changed ones."""
    columns = [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]
    values = ", ".join(changed.get(c, c) for c in columns)
    conn.execute(
        f"INSERT INTO {table} ({', '.join(columns)}) SELECT {values} FROM {table} WHERE {where}",
        params,
    )


def time_requests(db: Path, runs: int) -> None:
    datasette = archive_datasette(db)

    async def fetch(path: str) -> float:
        start = time.perf_counter()
        response = await datasette.client.get(path)
        elapsed = time.perf_counter() - start
        if response.status_code != 200:
            raise RuntimeError(f"{path}: HTTP {response.status_code} {response.text[:300]}")
        return elapsed

    async def run_all() -> None:
        for label, path in REQUESTS.items():
            await fetch(path)  # warm-up: caches, query plans
            times = [await fetch(path) for _ in range(runs)]
            print(
                f"{label:40} median {statistics.median(times) * 1000:7.0f} ms"
                f"   worst {max(times) * 1000:7.0f} ms"
            )

    asyncio.run(run_all())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--measures", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="ita-bench-") as tmp:
        db = build_base(Path(tmp))
        start = time.perf_counter()
        total = grow(db, args.measures)
        size_mb = db.stat().st_size / 1e6
        print(f"archive: {total:,} measures, {size_mb:,.0f} MB, grown in "
              f"{time.perf_counter() - start:.0f} s")  # fmt: skip
        time_requests(db, args.runs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
