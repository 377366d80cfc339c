"""Word reports saved as PDF, typed the way agencies type them (``tests/fixtures/pdf/*-word-export
.pdf``, exported by LibreOffice from our .docx fixtures: ``scripts/fixtures/render_docx.py``).

What such a PDF holds beyond a plain table: steps numbered automatically (the numbers run on
from one measure to the next) with their lines hanging indented, bullets, cells merged down over
the rows of their steps, a group header over sub-headers in two header rows repeated on every
page, rows breaking across pages with their borders closed at the page end (so the page end
says nothing: the text must), and tone marks in positional forms that the PDF's own map leaves
out. Every measure must come out once, with all its text in order. Where the text of a cell is
split into paragraphs and steps, and which line-end spaces are kept, the layout alone cannot
always tell here (the documents set no space between paragraphs): those are not compared.
"""

from __future__ import annotations

import re

import pytest
from conftest import FIXTURES

from extract.model import Document
from extract.pipeline import process_bytes
from scripts.fixtures.render_docx import WORD_PDF_FIXTURES
from scripts.fixtures.reports import Report, expected_document, expected_measures

_LIST_FIELDS = ("methods", "results", "outcomes")
_THAI = "\u0e01-\u0e5b"


@pytest.fixture(scope="module", params=WORD_PDF_FIXTURES, ids=[f[2] for f in WORD_PDF_FIXTURES])
def exported(request: pytest.FixtureRequest) -> tuple[Report, Document]:
    report, _, name = request.param
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
        assert measure.period == source["period"]


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


def test_positional_tone_marks_left_out_of_the_pdf_map_are_read_from_the_font(exported) -> None:
    """LibreOffice's map has no entry for a shifted ไม้โท, so the font's encoding would name it
    ")" ("ขั)นตอน"): the glyph, drawn with no advance above the letters, is a tone mark."""
    report, document = exported
    assert document.meta.agency == expected_document(report)["agency"]
    text = "\n".join(page.text for page in document.pages)
    assert not re.search(f"[{_THAI}][)(][{_THAI}]", text)
