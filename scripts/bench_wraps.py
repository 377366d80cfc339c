"""How fast wrap-space repair goes on a long page: a 300-measure HTML report (our fixture report
repeated), every column of every table page repaired as the repair stage does it, with its width
hints and the document statistics. Prints CPU seconds and characters per second, cold (only the
dictionary, TNC and WordNet loaded) and again with the per-text caches warm.

    cd /work/main && PYTHAINLP_OFFLINE=1 PYTHAINLP_READ_ONLY=1 /work/venv/bin/python scripts/bench_wraps.py
"""

from __future__ import annotations

import os
import sys
import time
from dataclasses import replace
from pathlib import Path

os.environ.setdefault("PYTHAINLP_OFFLINE", "1")
os.environ.setdefault("PYTHAINLP_READ_ONLY", "1")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extract.backend import reader_for  # noqa: E402
from extract.repair import document_wrap_stats, repair_characters, repair_wraps  # noqa: E402
from extract.sniff import sniff_format  # noqa: E402
from normalize import wraps  # noqa: E402
from normalize.wraps import words  # noqa: E402
from scripts.fixtures.render_html import REPORT_PAGES, report_page  # noqa: E402
from scripts.fixtures.reports import NONG_NAM_SAI  # noqa: E402

MEASURES = 300


def main() -> int:
    report = replace(NONG_NAM_SAI, measures=NONG_NAM_SAI.measures * (MEASURES // 6))
    data = report_page(report, REPORT_PAGES[0][1])
    wraps.decide_junction("การ", "ใช้", line_end=True)  # load the dictionary and word lists
    words.word_class_table()
    for label in ("cold", "warm"):
        doc = reader_for(sniff_format(data))(data, "bench")
        repair_characters(doc)
        chars = sum(len(line) for t in doc.tables for r in t.rows for c in r.cells for line in
                    (b.lines[0] for b in c.blocks if len(b.lines) == 1))  # fmt: skip
        started = time.process_time()
        repair_wraps(doc, document_wrap_stats(doc))
        seconds = time.process_time() - started
        print(
            f"{label}: {len(report.measures)} measures, {chars:,} chars of single-line cells: "
            f"{seconds:.2f} s CPU, {chars / seconds:,.0f} chars/s"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
