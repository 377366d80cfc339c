"""Damage left in PDF text with and without glyph text read from the embedded fonts.

    cd /work/main && PYTHONPATH=. PYTHAINLP_OFFLINE=1 PYTHAINLP_READ_ONLY=1 \\
        python scripts/measure_glyph_text.py [FILE.pdf ...]

Default files: tests/fixtures/pdf/*.pdf (the readable ones) and ../shared/samples/real/*.pdf.
For each file and mode (``pdf-map``: the PDF's ToUnicode map only, as plain pdfminer reads it;
``font``: ``extract.utils.glyph_text`` checking it against the font programs) it prints, over all
pages, counts in the raw text and (after the repair stage) in the repaired text: ``(cid:``,
private-use code points, U+200B placeholders, "ำา", orphan marks, words known to come out broken
("ขอ้", "ส านัก", "สานัก"), and the mean page quality (``normalize.quality``) raw → repaired.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
from pathlib import Path

from pdfminer.pdfinterp import PDFResourceManager

from extract.backend import pdf_backend
from extract.repair import repair_characters
from normalize.quality import count_orphan_marks

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "pdf"
REAL = ROOT.parent / "shared" / "samples" / "real"
BROKEN_WORDS = ("ขอ้", "ส านัก", "สานัก")
_PUA = re.compile("[\ue000-\uf8ff]")


def default_files() -> list[Path]:
    fixtures = [p for p in sorted(FIXTURES.glob("*.pdf")) if "encrypted" not in p.name]
    return fixtures + sorted(REAL.glob("*.pdf"))


def damage(text: str) -> dict[str, int]:
    return {
        "cid": text.count("(cid:"),
        "pua": len(_PUA.findall(text)),
        "zw": text.count("\u200b"),
        "ำา": text.count("\u0e33\u0e32"),
        "orphan": count_orphan_marks(text),
        "broken": sum(text.count(word) for word in BROKEN_WORDS),
    }


def measure(path: Path, font_text: bool) -> tuple[dict[str, int], dict[str, int], float, float]:
    manager = pdf_backend.GlyphTextResourceManager
    if not font_text:  # the reader as it was: pdfminer's own resource manager
        pdf_backend.GlyphTextResourceManager = PDFResourceManager  # type: ignore[misc]
    try:
        document = pdf_backend.read(path.read_bytes(), path.name)
    finally:
        pdf_backend.GlyphTextResourceManager = manager  # type: ignore[misc]
    repair_characters(document)
    raw = "\n".join(page.raw_text for page in document.pages)
    repaired = "\n".join(page.text for page in document.pages)
    raw_quality = statistics.mean(page.raw_quality or 0.0 for page in document.pages)
    quality = statistics.mean(page.quality or 0.0 for page in document.pages)
    return damage(raw), damage(repaired), raw_quality, quality


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path)
    args = parser.parse_args(argv)
    files = args.files or default_files()
    keys = list(damage(""))
    print(f"{'file':46} {'mode':7} " + " ".join(f"{k:>13}" for k in keys) + "  quality raw→rep")
    for path in files:
        for font_text in (False, True):
            raw, repaired, raw_quality, quality = measure(path, font_text)
            cells = " ".join(f"{raw[k]:>6}→{repaired[k]:<6}" for k in keys)
            mode = "font" if font_text else "pdf-map"
            print(f"{path.name[:46]:46} {mode:7} {cells}  {raw_quality:.3f}→{quality:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
