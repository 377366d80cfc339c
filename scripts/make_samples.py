"""Fill ``samples/``, the reports the README's first command ingests and serves.

    cd /work/main && PYTHONPATH=. python scripts/make_samples.py

The samples are our own invented reports (see ``scripts/fixtures/reports.py`` and the hand-written
dumps), one of each input format, chosen from the committed test fixtures so that a newcomer sees
the readers at work: a PDF with a table across pages, a Word file with merged cells, text dumps of
one agency in two fiscal years (the across-years questions have an answer), and a memo with no
table (archived as searchable page text). The HTML fixtures stay in ``tests/fixtures/html/`` (text
files are better not kept twice).
Run ``scripts/make_fixtures.py`` first when the renderers change.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
SAMPLES = ROOT / "samples"

# sample file name → the fixture it is copied from
CHOSEN: dict[str, str] = {
    "nongnamsai-2568.pdf": "pdf/nongnamsai-2568-weasyprint-landscape.pdf",
    "nongnamsai-no-gift-2568.pdf": "pdf/nongnamsai-no-gift-2568-weasyprint.pdf",
    "noensaithong-2567.docx": "docx/noensaithong-2567-merged.docx",
    "thungdokkaeo-2567.dump.txt": "dump/thungdokkaeo-2567.dump.txt",
    "thungdokkaeo-2568.dump.txt": "dump/thungdokkaeo-2568.dump.txt",
    "huainamrin-2568.dump.txt": "dump/huainamrin-2568.dump.txt",
}


def main() -> int:
    SAMPLES.mkdir(exist_ok=True)
    for stale in SAMPLES.iterdir():
        stale.unlink()
    for name, fixture in CHOSEN.items():
        target = SAMPLES / name
        shutil.copyfile(FIXTURES / fixture, target)
        print(f"{target.relative_to(ROOT)}  ← tests/fixtures/{fixture}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
