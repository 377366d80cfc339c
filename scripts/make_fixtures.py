"""Render the committed test fixtures from our sample reports.

    cd /work/main && PYTHONPATH=. python scripts/make_fixtures.py [OUT_DIR]

Default OUT_DIR: tests/fixtures/pdf. Needs WeasyPrint, python-docx, LibreOffice and the
fonts-thai-tlwg fonts.
"""

from __future__ import annotations

import sys
from pathlib import Path

from scripts.fixtures.render_pdf import render_all

DEFAULT_OUT = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "pdf"


def main(argv: list[str]) -> int:
    out_dir = Path(argv[1]) if len(argv) > 1 else DEFAULT_OUT
    for path in render_all(out_dir):
        print(f"{path}  {path.stat().st_size // 1024} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
