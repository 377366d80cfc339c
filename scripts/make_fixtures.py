"""Render the committed test fixtures from our sample reports.

    cd /work/main && PYTHONPATH=. python scripts/make_fixtures.py [FORMAT ...] [--out ROOT]

FORMAT is any of pdf, html, docx, xlsx, dump (default: all); each goes to ROOT/FORMAT, ROOT defaulting
to tests/fixtures. PDFs need WeasyPrint, pypdf (both in the ``fixtures`` extra), LibreOffice,
Playwright with Debian's Chromium and the fonts-thai-tlwg fonts; the .docx files need python-docx, the .xlsx files openpyxl; HTML pages and text dumps need nothing
else.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from scripts.fixtures import render_docx, render_dump, render_html, render_pdf, render_xlsx

DEFAULT_ROOT = Path(__file__).resolve().parents[1] / "tests" / "fixtures"
RENDERERS: dict[str, Callable[[Path], list[Path]]] = {
    "pdf": lambda out: (
        render_pdf.render_all(out) + render_docx.render_as_pdf(out) + render_html.render_as_pdf(out)
    ),
    "html": render_html.render_all,
    "docx": render_docx.render_all,
    "xlsx": render_xlsx.render_all,
    "dump": render_dump.render_all,
}


def main(argv: list[str]) -> int:
    args = argv[1:]
    root = DEFAULT_ROOT
    if "--out" in args:
        at = args.index("--out")
        root = Path(args[at + 1])
        args = args[:at] + args[at + 2 :]
    unknown = [name for name in args if name not in RENDERERS]
    if unknown:
        print(f"unknown format(s): {', '.join(unknown)}; choose from {', '.join(RENDERERS)}")
        return 2
    for name in args or list(RENDERERS):
        for path in RENDERERS[name](root / name):
            print(f"{path}  {path.stat().st_size // 1024} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
