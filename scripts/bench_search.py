"""Search latency on a big archive: ranked top-20 in SQLite, and Datasette pages over loopback.

    cd /work/main && PYTHONPATH=. PYTHAINLP_OFFLINE=1 PYTHAINLP_READ_ONLY=1 \\
        /work/venv/bin/python scripts/bench_search.py /tmp/big/published.db [--runs 7]

The archive comes from ``scripts/make_big_archive.py`` (then ``extract publish``). Query classes:
common Thai words (hitting 20–60% of the measures), rare words, Thai + Latin + digit mixes, and
two-character words. For each query: the ranked search (the ``search_measures`` canned query of
metadata.yml, top 20, on an immutable connection with the plugin's SQL functions; "stored" when
``extract publish`` stored the query's ranking, which is then checked against bm25 ranked live
on the same index), and the table
page of the search box as users get it from ``extract serve`` (started here as a child process):
HTML and JSON, with the count and the default facets. Prints each query's share of the measures and
medians, then p50/p95 per class over every timed run after the first; the first is reported on its
own ("first max": for a page it is a cold start, the query's terms never looked up before). With
``--working ARCHIVE`` (the archive it was published from) each page's count is checked against a
count through that archive's per-measure index (``measures_fts``).
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import statistics
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extract.datasette_plugin import prepare_connection  # noqa: E402
from extract.ranked_search import ranked_fts_query, ranked_text_ids, stored_trigrams  # noqa: E402
from extract.serve import PROJECT_METADATA, background_server  # noqa: E402

QUERIES = {  # shares measured on the synthetic archive: common words hit 20–60% of the measures
    "common Thai": ["ประชาชน", "เว็บไซต์", "หน่วยงาน", "ผู้บริหาร", "บุคลากร", "ร้องเรียน"],
    "rare": ["ผู้เข้าร่วม 97 คน", "จำนวน 137 ครั้ง", "หนองสะแก", "กระถินสามัคคี"],
    "Thai+Latin+digits": ["E-Service", "No Gift Policy", "คู่มือ 2568", "Facebook ๒๕๖๗", "ITA 2566"],
    "two characters": ["ปี", "IT", "นา"],
}


def ranked_sql(limit: int = 20) -> str:
    metadata = yaml.safe_load(PROJECT_METADATA.read_text("utf-8"))
    sql = metadata["databases"]["archive"]["queries"]["search_measures"]["sql"]
    return sql.replace("limit 100", f"limit {limit}")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def time_call(call, runs: int) -> list[float]:
    """The first run's time, then ``runs`` more."""
    times = []
    for _ in range(runs + 1):
        start = time.perf_counter()
        call()
        times.append((time.perf_counter() - start) * 1000)
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("db", type=Path)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--working", type=Path, help="the working archive, to check counts")
    args = parser.parse_args(argv)
    working = None
    if args.working:
        working = sqlite3.connect(f"file:{args.working}?mode=ro", uri=True)
        prepare_connection(working)
    conn = sqlite3.connect(f"file:{args.db}?immutable=1", uri=True, check_same_thread=False)
    prepare_connection(conn)
    total = conn.execute("SELECT count(*) FROM measures").fetchone()[0]
    texts = conn.execute("SELECT count(*) FROM measure_texts").fetchone()[0]
    size = args.db.stat().st_size
    print(
        f"archive {args.db}: {total:,} measures, {texts:,} distinct measure texts, "
        f"{size / 1e9:.2f} GB ({size / 1e9 / total * 1e6:.2f} GB per million measures)"
    )
    sql = ranked_sql()
    trigrams = stored_trigrams(conn)
    name = args.db.stem
    figures: dict[tuple[str, str], list[float]] = {}
    firsts: dict[tuple[str, str], list[float]] = {}
    checks: list[tuple[str, int, int]] = []
    with background_server(args.db, timeout=600) as base:

        def fetch(path: str) -> None:
            with urllib.request.urlopen(base + path, timeout=120) as response:
                response.read()

        for kind, queries in QUERIES.items():
            for q in queries:
                ranked = time_call(
                    lambda q=q: conn.execute(sql, {"q": q, "year": ""}).fetchall(), args.runs
                )
                html = time_call(
                    lambda q=q: fetch(f"/{name}/measures?_search={quote(q)}"), args.runs
                )
                js = time_call(
                    lambda q=q: fetch(f"/{name}/measures.json?_search={quote(q)}"), args.runs
                )
                found = fetch_json_count(base, name, q)  # after the pages: their first is cold
                ranking = ranking_check(conn, q, trigrams)
                for shape, times in (
                    ("ranked top-20", ranked),
                    ("page HTML", html),
                    ("page JSON", js),
                ):
                    figures.setdefault((kind, shape), []).extend(times[1:])
                    firsts.setdefault((kind, shape), []).append(times[0])
                if working is not None:
                    expected = working.execute(
                        "SELECT count(*) FROM measures_fts WHERE measures_fts MATCH thai_fts_query(?)",
                        [q],
                    ).fetchone()[0]
                    checks.append((q, found, expected))
                print(
                    f"  {kind:18} {q:22} {found:>9,} rows ({found / total:6.1%})  ranked "
                    f"{statistics.median(ranked):6.0f} ms ({ranking})"
                    f"  HTML {statistics.median(html):6.0f} ms  JSON {statistics.median(js):6.0f} ms",
                    flush=True,
                )
    print(
        f"\n{'class':18} {'shape':14} {'p50 ms':>8} {'p95 ms':>8} {'first max':>10}"
        f"   (runs: {args.runs} per query after its first)"
    )
    for (kind, shape), times in figures.items():
        print(
            f"{kind:18} {shape:14} {percentile(times, 0.5):8.0f} {percentile(times, 0.95):8.0f}"
            f" {max(firsts[kind, shape]):10.0f}"
        )
    for q, found, expected in checks:
        verdict = "ok" if found == expected else "MISMATCH"
        print(f"count {q!r}: page {found:,}, per-measure index {expected:,}: {verdict}")
    return 0


def ranking_check(conn: sqlite3.Connection, q: str, trigrams) -> str:
    """'stored, = live' when publish stored the query's ranking and it equals the live one."""
    expression = ranked_fts_query(q, trigrams)
    stored = conn.execute(
        "SELECT text_ids FROM measure_text_rankings WHERE expression = ?", [expression]
    ).fetchone()
    if stored is None:
        return "live"
    same = json.loads(stored[0]) == ranked_text_ids(conn, expression)
    return "stored, = live" if same else "stored, DIFFERS FROM LIVE"


def fetch_json_count(base: str, name: str, q: str) -> int:
    url = f"{base}/{name}/measures.json?_search={quote(q)}&_size=1&_nofacet=1"
    with urllib.request.urlopen(url, timeout=300) as response:
        return json.loads(response.read())["filtered_table_rows_count"]


if __name__ == "__main__":
    sys.exit(main())
