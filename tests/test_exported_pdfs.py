"""Reports agencies save as PDF from what they typed them in (``tests/fixtures/pdf``):

- Word reports exported by LibreOffice from our .docx fixtures (``*-word-export.pdf``,
  ``scripts/fixtures/render_docx.py``): steps numbered automatically (the numbers run on from
  one measure to the next) with their lines hanging indented, bullets, cells merged down over
  the rows of their steps, a group header over sub-headers in two header rows repeated on every
  page, rows breaking across pages with their borders closed at the page end (so the page end
  says nothing: the text must), tone marks in positional forms the PDF's own map leaves out;
- web pages printed by Chromium (``*-printed.pdf``, ``scripts/fixtures/render_html.py``): a CMS
  page with its menus beside a table of one row per step, a page pasted from Word, a page with
  two tables; the border left open wherever a page breaks, between rows or inside one.

Every measure must come out once, with its title, units and period, and all its text in order.
Where a cell's text splits into paragraphs and steps, and which line-end spaces are kept, the
layout alone cannot always tell here (these documents set no space between paragraphs, and a
browser keeps no space at a line end): those are not compared.
"""

from __future__ import annotations

import re

import pytest
from conftest import FIXTURES

from extract.model import Document
from extract.pipeline import process_bytes
from scripts.fixtures.render_docx import WORD_PDF_FIXTURES
from scripts.fixtures.render_html import PRINTED_PAGE_FIXTURES
from scripts.fixtures.reports import Report, expected_document, expected_measures

_LIST_FIELDS = ("methods", "results", "outcomes")
_THAI = "\u0e01-\u0e5b"


EXPORTS = [(report, name) for report, _, name in (*WORD_PDF_FIXTURES, *PRINTED_PAGE_FIXTURES)]


@pytest.fixture(scope="module", params=EXPORTS, ids=[name for _, name in EXPORTS])
def exported(request: pytest.FixtureRequest) -> tuple[Report, Document]:
    report, name = request.param
    path = FIXTURES / "pdf" / f"{name}.pdf"
    return report, process_bytes(path.read_bytes(), path.name)


def _letters(text: str) -> str:
    """Text without spaces and line breaks: what no wrap decision changes."""
    return re.sub(r"\s+", "", text)


def test_every_measure_comes_out_once_with_its_title_units_and_period(exported) -> None:
    report, document = exported
    expected = expected_measures(report)
    assert len(document.measures) == len(expected)
    for measure, source in zip(document.measures, expected, strict=True):
        assert _letters(measure.title) == _letters(source["title"])
        assert measure.responsible == source["responsible"]
        assert _letters(measure.period) == _letters(source["period"])


@pytest.mark.parametrize("field", _LIST_FIELDS)
def test_all_the_text_of_every_list_cell_is_there_in_order(exported, field: str) -> None:
    report, document = exported
    for measure, source in zip(document.measures, expected_measures(report), strict=True):
        assert _letters("".join(getattr(measure, field))) == _letters("".join(source[field]))


def test_the_group_header_over_two_rows_maps_results_and_outcomes(exported) -> None:
    _, document = exported
    (table,) = [table for table in document.tables if table.is_measures]
    assert {"title", "methods", "responsible", "period", "results", "outcomes"} <= set(
        table.columns
    )


def test_a_fallback_fonts_dots_stay_on_their_line() -> None:
    """Chromium sets the dots of "พ.ศ." in a Latin fallback font, whose glyph box sits higher
    than the Thai letters' on the same baseline; on the CMS page a menu item beside the line is
    set half a step higher, nearer those dots' middles. The dots stay on their baseline's line."""
    name = next(n for _, _, n in PRINTED_PAGE_FIXTURES if "cms" in n)
    path = FIXTURES / "pdf" / f"{name}.pdf"
    page_text = process_bytes(path.read_bytes(), path.name).pages[0].text
    assert "ประจำปีงบประมาณ พ.ศ. ๒๕๖๘ องค์การบริหารส่วนตำบลหนองน้ำใส" in page_text
    assert page_text.splitlines().count("ITA") == 2  # the two menus' items, no dots beside them


def test_the_title_is_read_whole(exported) -> None:
    """Printed from the browser, the title runs over two lines; on the CMS page the site's menu
    sits beside it, between its lines."""
    report, document = exported
    assert document.meta.title == expected_document(report)["title"]


def test_the_agency_is_read_and_no_mark_reads_as_a_bracket(exported) -> None:
    """LibreOffice's map has no entry for a shifted ไม้โท, so the font's encoding would name it
    ")" ("ขั)นตอน", "หนองนํ)าใส"): the glyph, drawn with no advance above the letters, is a tone
    mark."""
    report, document = exported
    expected = expected_document(report)
    meta = document.meta
    assert (meta.agency, meta.district, meta.province, meta.fiscal_year_be) == (
        expected["agency"],
        expected["district"],
        expected["province"],
        expected["fiscal_year_be"],
    )
    text = "\n".join(page.text for page in document.pages)
    assert not re.search(f"[{_THAI}][)(][{_THAI}]", text)


def test_a_paragraph_that_ends_in_a_number_ends_there() -> None:
    """Word sets the results paragraphs with no space between them, so a paragraph end looks
    like a wrap. LibreOffice keeps the space a wrap takes at the end of a line; a line that ends
    in a number with room left and no space kept was not wrapped: Thai writes a space between a
    number and the next word. In the numbered report that separates "… ร้อยละ ๑๐๐" from
    "ตรวจสอบความเป็นปัจจุบัน…" and "… พฤศจิกายน ๒๕๖๗" from "เผยแพร่คู่มือ…"."""
    (report, name) = next((r, n) for r, _, n in WORD_PDF_FIXTURES if "numbered" in n)
    path = FIXTURES / "pdf" / f"{name}.pdf"
    document = process_bytes(path.read_bytes(), path.name)
    for index in (0, 2):
        got = document.measures[index].results
        source = expected_measures(report)[index]["results"]
        assert [_letters(p) for p in got] == [_letters(p) for p in source], f"measure {index + 1}"


def test_text_glued_by_no_break_spaces_is_not_split() -> None:
    """The page pasted from Word glues words with no-break spaces ("ตลอด&nbsp;ปีงบประมาณ",
    "ประมาณ&nbsp;๑๕,๐๐๐"); Chromium breaks no line there, and neither does the reader."""
    (report, name) = next((r, n) for r, _, n in PRINTED_PAGE_FIXTURES if "word" in n)
    path = FIXTURES / "pdf" / f"{name}.pdf"
    document = process_bytes(path.read_bytes(), path.name)
    got, source = document.measures, expected_measures(report)
    assert got[0].extra == source[0]["extra"]
    assert got[2].period == source[2]["period"]
