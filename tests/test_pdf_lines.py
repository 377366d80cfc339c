"""Lines built from PDF glyphs (``extract.utils.text``), on our fixture PDFs.

Checked against the report source the fixtures were rendered from (``scripts.fixtures.reports``)
and the rendered pages (``pdftoppm -png -r 100``).
"""

from __future__ import annotations

from pathlib import Path

import pdfplumber
from conftest import FIXTURES

from extract.utils.glyph_text import GlyphTextResourceManager
from extract.utils.text import Glyph, Line, dedupe_chars, glyphs_from_chars, group_lines, make_line

PDF_FIXTURES = FIXTURES / "pdf"


def lines_in(path: Path, bbox: tuple[float, float, float, float] | None = None) -> list[Line]:
    with pdfplumber.open(path) as pdf:
        pdf.rsrcmgr = GlyphTextResourceManager()
        page = pdf.pages[0] if bbox is None else pdf.pages[0].within_bbox(bbox)
        return group_lines(glyphs_from_chars(dedupe_chars(page.chars)))


def test_libreoffice_keeps_the_space_it_wrapped_at() -> None:
    """The first methods cell of noensaithong-2567 reads "…ให้แก่พนักงานเทศบาล พนักงานจ้าง
    และคณะผู้บริหาร" in the source; LibreOffice wrapped it after "เทศบาล " and "พนักงานจ้าง "
    and wrote those spaces at the line ends. Every other line end is a wrap inside Thai text."""
    lines = lines_in(
        PDF_FIXTURES / "noensaithong-2567-libreoffice-portrait.pdf", (110, 130, 184, 460)
    )
    texts = [line.text for line in lines]
    assert texts[:10] == [
        "1. จัดอบรม",
        "หลักสูตรการ",
        "ป้องกันผล",
        "ประโยชน์ทับ",
        "ซ้อน ให้แก่",
        "พนักงาน",
        "เทศบาล",
        "พนักงานจ้าง",
        "และคณะผู้",
        "บริหาร",
    ]
    assert [line.text for line in lines if line.space_after] == ["เทศบาล", "พนักงานจ้าง"]


def test_weasyprint_drops_the_space_it_wrapped_at() -> None:
    """WeasyPrint writes no space at a line end, even where the source had one ("ทับซ้อน ให้แก่
    พนักงานเทศบาล พนักงานจ้าง"): a line's ``space_after`` is no evidence either way there."""
    lines = lines_in(PDF_FIXTURES / "noensaithong-2567-weasyprint-portrait.pdf")
    assert len(lines) > 40
    assert not any(line.space_after for line in lines)


def test_a_mark_after_a_space_goes_on_the_letter_it_is_drawn_on() -> None:
    """Marks follow their letter in the content stream; a mark that comes after a space is still
    drawn on the letter before it (see tests/test_real_pdfs.py for Word's "ได ้"), and the
    stacked marks of one letter come out in canonical order whatever order a font drew them."""
    lines = lines_in(PDF_FIXTURES / "nongnamsai-no-gift-2568-owner-password.pdf")
    text = "\n".join(line.text for line in lines)
    assert "คณะผู้บริหาร" in text  # ู (class 103) before ้ (class 107)
    assert " \u0e49" not in text and " \u0e39" not in text


def _line_of(*pieces: tuple[str, float]) -> str:
    """The text ``make_line`` reads from glyphs set left to right, one per piece (text, gap before
    it in em), 16 pt, each 8 pt wide."""
    size, x, glyphs = 16.0, 0.0, []
    for order, (text, gap_em) in enumerate(pieces):
        x += gap_em * size
        glyphs.append(Glyph(text=text, x0=x, x1=x + 8, top=0, bottom=size, size=size, order=order))
        x += 8
    return make_line(glyphs).text


def test_a_gap_in_a_line_that_draws_its_spaces_is_a_spread_where_thai_writes_no_space() -> None:
    """Word justifies Thai lines by spreading them inside and between words, without a space char
    (the real guideline's "ซึ่ ง", "สาธารณสุขอำเภอ หนองใหญ่"); its typed spaces are drawn."""
    drawn = [("Master", 0), (" ", 0), (")", 0), (" ", 0)]
    assert _line_of(*drawn, ("ซึ่", 0), ("ง", 1.3)) == "Master ) ซึ่ง"
    assert _line_of(*drawn, ("อำเภอ", 0), ("หนองใหญ่", 0.3)) == "Master ) อำเภอหนองใหญ่"
    # where Thai writes a space (before a clause opener) the gap stays one
    assert _line_of(*drawn, ("เคร่งครัด", 0), ("เพื่อป้องกัน", 0.3)) == "Master ) เคร่งครัด เพื่อป้องกัน"
    # no one writes a space before a comma or full stop, nor after one inside a number
    number = [("๕", 0), ("๘", 0), ("๑", 0), (",", 0), ("๐", 0), ("๙", 0), ("๖", 0), (".", 0.3)]
    assert _line_of(*drawn, *number, ("๐", 0), ("๐", 0)) == "Master ) ๕๘๑,๐๙๖.๐๐"
    assert _line_of(*drawn, ("๒", 0), (",", 0.3), ("๖", 0.3)) == "Master ) ๒,๖"
    # a wider gap sets columns or text boxes apart
    assert _line_of(*drawn, ("อำเภอ", 0), ("หนองใหญ่", 2.0)) == "Master ) อำเภอ หนองใหญ่"


def test_a_gap_in_a_line_that_draws_no_space_is_a_space() -> None:
    """PowerPoint sets words apart by position alone (the real slide): every gap is a space."""
    assert _line_of(("ประชาชนสุขภาพดี", 0), ("มีอายุยืนยาว", 0.3)) == "ประชาชนสุขภาพดี มีอายุยืนยาว"
