"""The PDF reader on our own rendered reports (tests/fixtures/pdf, from scripts/make_fixtures.py).

Each fixture was rendered from ``scripts.fixtures.reports``; the reader must give back the same
cells, every table stitched into one across pages, no row lost at a page end.

Renderers damage Thai code points in their ToUnicode maps, and only the repair stage can undo
that: WeasyPrint leaves the ring of sara am without text and maps some shifted marks to the wrong
mark; LibreOffice writes sara am as "ำา" and some tone marks as ``(cid:N)``. Cell contents are
therefore compared on their *skeleton*: every base letter, digit, Latin letter and punctuation mark
in order, with combining marks, those placeholders and whitespace left out. That marks sit on
their base letters is checked separately here, and exactly on real Word PDFs in test_real_pdfs.py.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from datetime import date
from functools import cache
from pathlib import Path

import pdfplumber
import pytest
from report_sources import measure_export

from extract.backend import UnreadableDocument
from extract.backend.pdf_backend import (
    MAX_RULE_SHAPES,
    TITLE_LINES_WITHOUT_TABLE,
    PageTable,
    continues_on,
    mark_continued_row,
    numbering,
    read,
    stitch_tables,
)
from extract.model import Cell, Document, ExtractedDocument, RawRow, RawTable, TextBlock
from extract.pipeline import process_bytes
from extract.utils.text import (
    PUA_MARKS,
    THAI_MARKS,
    dedupe_chars,
    glyphs_from_chars,
    group_lines,
)
from normalize.dates import parse_period
from scripts.fixtures.render_pdf import (
    ARROW_CHART_FIXTURE,
    CHART_FIXTURE,
    CHART_MONTHS,
    CHART_YEARS,
    ENCRYPTED_MEMO,
    HEADED_TABLES_FIXTURE,
    MEMO_FIXTURE,
    MERGED_UNITS_FIXTURE,
    OPEN_SIDES_FIXTURE,
    OPEN_SIDES_FROM,
    OWNER_LOCKED_MEMO,
    PUSHED_CHART_FIXTURES,
    REPORT_FIXTURES,
    SHADED_CHART_FIXTURE,
    STRIPED_FIXTURE,
    TURNED_HEADERS_FIXTURE,
    TURNED_SHEETS_FIXTURE,
    TURNED_SHEETS_FROM,
    YEAR_CHART_FIXTURE,
    PdfVariant,
    chart_ticks,
)
from scripts.fixtures.reports import (
    NO_GIFT_MEMO,
    Report,
    expected_measures,
    printed_cells,
    printed_rows,
)
from scripts.make_bad_inputs import drawing_heavy_pdf

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "pdf"
_CID = re.compile(r"\(cid:\d+\)")
_MARKS = "".join(sorted(THAI_MARKS | PUA_MARKS))
_DETACHED_MARK = re.compile(rf"(?:^|[\s])[{_MARKS}]")


_LIGATURES = {code: unicodedata.normalize("NFKC", chr(code)) for code in range(0xFB00, 0xFB07)}


def skeleton(text: str) -> str:
    """Base letters, digits, Latin and punctuation in order: what no renderer damage touches
    (a Latin ligature glyph, "ﬃ" in Chromium's PDFs, counts as its letters)."""
    text = _CID.sub("", text).translate(_LIGATURES)
    kept = "".join(
        ch
        for ch in text
        if not (ch.isspace() or ch in THAI_MARKS or ch in PUA_MARKS or ch in "\u200b\ufffd")
    )
    return re.sub("า+", "า", kept.replace("ำ", "า"))


@cache
def read_fixture(name: str) -> ExtractedDocument:
    return read((FIXTURES / f"{name}.pdf").read_bytes(), f"{name}.pdf")


def logical_rows(table: RawTable, header: tuple[str, ...]) -> list[tuple[list[str], list[int]]]:
    """Rows as the assembly will see them: repeated headers dropped, continued rows merged."""
    header_key = [skeleton(h) for h in header]
    rows: list[tuple[list[str], list[int]]] = []
    for row in table.rows:
        texts = [cell.raw_text for cell in row.cells]
        if [skeleton(t) for t in texts] == header_key:
            continue
        continued = row.continued or not texts[0].strip()
        if rows and continued:
            merged, pages = rows[-1]
            rows[-1] = ([a + "\n" + b for a, b in zip(merged, texts, strict=True)], pages)
            if row.page not in pages:
                pages.append(row.page)
        else:
            rows.append((texts, [row.page]))
    return rows


report_fixtures = pytest.mark.parametrize(
    ("report", "variant"), REPORT_FIXTURES, ids=[v.name for _, v in REPORT_FIXTURES]
)


@report_fixtures
def test_each_report_is_one_table_stitched_across_all_its_pages(
    report: Report, variant: PdfVariant
) -> None:
    document = read_fixture(variant.name)
    assert document.page_count and document.page_count >= 2
    assert len(document.tables) == 1
    table = document.tables[0]
    assert table.pages == list(range(1, document.page_count + 1))
    assert len(table.column_edges) == len(report.header) + 1
    assert all(len(row.cells) == len(report.header) for row in table.rows)


@report_fixtures
def test_cells_give_back_what_was_printed_no_row_lost_at_page_ends(
    report: Report, variant: PdfVariant
) -> None:
    rows = logical_rows(read_fixture(variant.name).tables[0], report.header)
    assert len(rows) == len(printed_rows(report))
    for number, ((cells, _), row) in enumerate(zip(rows, printed_rows(report), strict=True), 1):
        printed = ["\n".join(paragraphs) for paragraphs in row]
        assert [skeleton(c) for c in cells] == [skeleton(p) for p in printed], f"row {number}"


@report_fixtures
def test_some_rows_and_steps_are_cut_by_page_ends(report: Report, variant: PdfVariant) -> None:
    """The fixtures exercise what they claim: rows continued on the next page."""
    rows = logical_rows(read_fixture(variant.name).tables[0], report.header)
    assert any(len(pages) > 1 for _, pages in rows)


def test_a_page_without_vertical_rules_takes_the_columns_of_the_page_before() -> None:
    """Measures carried onto pages drawn with horizontal rules only (the last one cut by the page
    end, its rest above the only rule of the third page) are read in the first page's columns."""
    report, variant = OPEN_SIDES_FIXTURE
    document = read_fixture(variant.name)
    assert document.page_count == 3
    assert len(document.tables) == 1
    table = document.tables[0]
    assert table.pages == [1, 2, 3]
    assert [row.page for row in table.rows if row.continued] == [3]
    rows = logical_rows(table, report.header)
    assert [pages for _, pages in rows][OPEN_SIDES_FROM - 1 :] == [[2], [2], [2, 3]]
    for seq, (cells, _) in enumerate(rows, 1):
        printed = ["\n".join(paragraphs) for paragraphs in printed_cells(report, seq)]
        assert [skeleton(c) for c in cells] == [skeleton(p) for p in printed], f"measure {seq}"


def test_a_unit_merged_down_over_measures_and_a_page_break_belongs_to_each() -> None:
    """The responsible cell of measures 2–4 is one merged cell, printed once at its top on page 1;
    on page 2 the browser draws the rest of it blank. Each of those measures is the unit's, as
    in the same report as HTML (rowspan) or Word (vMerge); the other columns are unchanged."""
    report, variant = MERGED_UNITS_FIXTURE
    path = FIXTURES / f"{variant.name}.pdf"
    document = process_bytes(path.read_bytes(), path.name)
    got, source = [measure_export(m) for m in document.measures], expected_measures(report)
    assert [m["responsible"] for m in got] == [m["responsible"] for m in source]
    assert [m["responsible"] for m in got][1:] == [["สำนักปลัด"]] * 3
    assert [re.sub(r"\s", "", repr(m)) for m in got] == [re.sub(r"\s", "", repr(m)) for m in source]
    assert [m.pages for m in document.measures] == [[1], [1, 2], [2], [2]]
    assert "\n".join(page.text for page in document.pages).count("สำนักปลัด") == 2  # as printed


def test_a_heading_that_sets_the_year_alone_on_its_line_gives_the_fiscal_year() -> None:
    """ "ประจำปีงบประมาณ พ.ศ." / "๒๕๖๖": a bare four-digit number is a year, not a page number."""
    report, variant = MERGED_UNITS_FIXTURE
    path = FIXTURES / f"{variant.name}.pdf"
    document = process_bytes(path.read_bytes(), path.name)
    assert document.meta.fiscal_year_be == report.fiscal_year_be == 2566
    assert (document.meta.agency, document.meta.province) == (report.agency, report.province)


def test_header_labels_set_turned_are_read_up_the_page() -> None:
    """ "ลำดับ" and "ระยะเวลา" set reading up their narrow columns (Word's "bottom to top", Excel's
    rotated header) were read one letter per line, bottom letter last ("า\nล\nว…"): the period
    went to ``extra`` under that key. Read in the direction the text runs, the header maps."""
    report, variant = TURNED_HEADERS_FIXTURE
    path = FIXTURES / f"{variant.name}.pdf"
    document = process_bytes(path.read_bytes(), path.name)
    (table,) = document.tables
    assert table.header == list(report.header)
    got, source = [measure_export(m) for m in document.measures], expected_measures(report)
    assert [m["period"] for m in got] == [m["period"] for m in source]
    assert [re.sub(r"\s", "", repr(m)) for m in got] == [re.sub(r"\s", "", repr(m)) for m in source]
    assert "ระยะเวลา" in document.pages[0].text.split("\n")


def test_a_landscape_page_on_a_turned_sheet_reads_as_the_upright_page() -> None:
    """A PostScript PDF printer (Distiller, Ghostscript) sets a landscape page on a portrait sheet,
    its content turned a quarter, with /Rotate 90 to show it upright. pdfplumber's table finder
    takes the horizontal rules there for vertical ones and finds a table on 1 page of 5; the rules
    and text read from pdfminer's layout follow the turn, and the document is the upright one:
    measures, tables, page text, metadata."""
    turned_path, upright_path = (
        FIXTURES / f"{n}.pdf" for n in (TURNED_SHEETS_FIXTURE, TURNED_SHEETS_FROM)
    )
    with pdfplumber.open(turned_path) as pdf:
        assert {page.rotation for page in pdf.pages} == {90}
        mediabox = pdf.pages[0].page_obj.attrs["MediaBox"]
        assert mediabox[2] - mediabox[0] < mediabox[3] - mediabox[1]  # the sheet is portrait
    turned = process_bytes(turned_path.read_bytes(), turned_path.name)
    upright = process_bytes(upright_path.read_bytes(), upright_path.name)
    assert len(turned.measures) == 4
    assert [measure_export(m) for m in turned.measures] == [
        measure_export(m) for m in upright.measures
    ]
    assert [page.text for page in turned.pages] == [page.text for page in upright.pages]

    def cell_text(document: Document) -> list[list[list[list[str]]]]:
        return [[[cell.paragraphs for cell in row] for row in t.rows] for t in document.tables]

    assert cell_text(turned) == cell_text(upright)  # geometry aside: a turn moves by 1e-2 pt
    assert turned.meta == upright.meta


def _read_chart(
    fixture: tuple[Report, PdfVariant], month_labels: dict[str, str] | None = None
) -> tuple[Document, list[dict]]:
    """A plan-chart fixture read, and its measures as ``chart_ticks`` marks them: the months
    marked as the period (each as ``month_labels`` names it), the status ticked as the result."""
    report, variant = fixture
    path = FIXTURES / f"{variant.name}.pdf"
    document = process_bytes(path.read_bytes(), path.name)
    labels = month_labels or {}
    expected = []
    for seq, measure in enumerate(expected_measures(report), 1):
        months, status = chart_ticks(seq)
        period = ", ".join(labels.get(month, month) for month in months)
        expected.append(measure | {"period": period, "results": [status], "outcomes": []})
    return document, expected


@pytest.mark.parametrize("fixture", [CHART_FIXTURE, *PUSHED_CHART_FIXTURES])
def test_a_ticked_plan_chart_reads_as_the_months_and_status_ticked(fixture) -> None:
    """ระยะเวลาดำเนินการ over six month columns and ผลการดำเนินการ over three statuses, a tick
    under each that applies: a measure's period is the months it ticks, its result the status it
    ticks (a lone "✓" was its period and "/" its result, the other ticks went to extra).

    Set large, a page end falls inside a row and WeasyPrint carries a title of two lines, or all
    the row's text, on to the next page, leaving a first step or only the ticks on the page
    before: that part, with no title, is the same measure (before: a measure of its own, with no
    title, and the rest another)."""
    document, expected = _read_chart(fixture)
    got = [measure_export(m) for m in document.measures]
    if fixture is CHART_FIXTURE:  # steps on one line each
        assert got == expected
    else:  # set large, a step wraps: spaces aside, as for every WeasyPrint PDF
        assert [re.sub(r"\s", "", repr(m)) for m in got] == [
            re.sub(r"\s", "", repr(m)) for m in expected
        ]
    (table,) = document.tables  # the table keeps its ticks as printed
    assert table.header[3:5] == ["ระยะเวลาดำเนินการ ต.ค. ๖๗", "ระยะเวลาดำเนินการ พ.ย. ๖๗"]
    assert [cell.text for cell in table.rows[1][3:]] == ["✓", "✓", "✓", "", "", "", "/", "", ""]


@pytest.mark.parametrize("fixture", [SHADED_CHART_FIXTURE, ARROW_CHART_FIXTURE])
def test_a_chart_drawn_as_bars_reads_as_the_months_under_the_bars(fixture) -> None:
    """The chart with no mark in any month: each month a measure runs in shaded as a bar (every
    other row striped grey, which ticks nothing), or an arrow drawn over the months' cells (a line
    that meets no rule, which makes no row). The months under a bar are the period; before, the
    period was empty, and each arrow split its row in two."""
    document, expected = _read_chart(fixture)
    assert [measure_export(m) for m in document.measures] == expected
    (table,) = document.tables  # the archived table holds the text printed: no mark
    assert len(table.rows) == len(expected) + 3  # and the three section headings
    assert [cell.text for cell in table.rows[1][3:9]] == [""] * 6


def test_a_chart_whose_months_sit_under_their_years_has_its_header_in_three_rows() -> None:
    """The chart with ระยะเวลาดำเนินการ over the calendar years, each over its months printed
    without a year, and ผลการดำเนินการ two rows high over its statuses: the three rows are one
    header (before: the month row was a measure titled "มาตรการ/กิจกรรม" and the ticks went
    astray), and each month ticked carries the year over it."""
    dated = dict(zip(CHART_MONTHS, [f"{m} {y}" for y, ms in CHART_YEARS for m in ms], strict=True))
    document, expected = _read_chart(YEAR_CHART_FIXTURE, dated)
    assert [measure_export(m) for m in document.measures] == expected
    assert parse_period(document.measures[1].period) == (date(2024, 11, 1), date(2025, 2, 28))
    (table,) = document.tables
    assert table.header[3] == "ระยะเวลาดำเนินการ พ.ศ. ๒๕๖๗ ต.ค."
    assert table.header[-1] == "ผลการดำเนินการ ยังไม่ดำเนินการ"


def test_tables_under_their_headings_give_their_measures_those_sections() -> None:
    """One table per section, its heading printed above it, the second section on a new page:
    three tables (not stitched across the page, as a heading stands between), and each measure
    under the heading of its table, as the source has it."""
    report, variant = HEADED_TABLES_FIXTURE
    path = FIXTURES / f"{variant.name}.pdf"
    document = process_bytes(path.read_bytes(), path.name)
    assert [table.pages for table in document.tables] == [[1], [2], [2]]
    assert [(m.title, m.section) for m in document.measures] == [
        (m.title, m.section) for m in report.measures
    ]
    got = [measure_export(m) for m in document.measures]
    assert [
        re.sub(r"\s", "", repr(m)) for m in got
    ] == [  # spaces aside, as for every WeasyPrint PDF
        re.sub(r"\s", "", repr(m)) for m in expected_measures(report)
    ]


def test_a_striped_table_without_rules_is_read_in_its_columns() -> None:
    """A web table style with no rules (a dark header band, every other row shaded, the cells'
    narrow padding): shading is no rule, and white gutters about half an em wide set its eight
    columns apart. The first measure, on the first page, is read whole (its spaces aside: a
    browser keeps none at a line end, so there the language rules decide)."""
    report, variant = STRIPED_FIXTURE
    path = FIXTURES / f"{variant.name}.pdf"
    document = process_bytes(path.read_bytes(), path.name)
    (table,) = document.tables
    assert table.header == list(report.header)
    first, source = measure_export(document.measures[0]), expected_measures(report)[0]
    assert re.sub(r"\s", "", repr(first)) == re.sub(r"\s", "", repr(source))
    assert first["responsible"] == source["responsible"]


def test_a_striped_table_continues_on_the_next_page() -> None:
    """Page 2 repeats the header, a row of labels as close to the rest of row 2 below it as the
    lines of one cell, and row 3's period ("ละ ๑ ครั้ง") reaches further right than any line of
    its column on page 1. The header is told by its text, the rest of row 2 ends where the first
    column starts an entry, and the wider cell still fits the columns: all four measures come
    out, on their pages (spaces aside, as above)."""
    report, variant = STRIPED_FIXTURE
    path = FIXTURES / f"{variant.name}.pdf"
    document = process_bytes(path.read_bytes(), path.name)
    got = [measure_export(m) for m in document.measures]
    assert [re.sub(r"\s", "", repr(m)) for m in got] == [
        re.sub(r"\s", "", repr(m)) for m in expected_measures(report)
    ]
    assert [m.pages for m in document.measures] == [[1], [1, 2], [2], [2]]


def test_a_page_of_too_many_shapes_is_read_as_text_without_rules() -> None:
    """A hatched map of thousands of tiny squares is not searched for table rules."""
    document = read(drawing_heavy_pdf(MAX_RULE_SHAPES + 1), "site-map.pdf")
    assert document.tables == []
    assert f"page 1: more than {MAX_RULE_SHAPES:,} drawn shapes" in document.notes[0]
    assert "Site map of the district office" in document.pages[0].raw_text


def test_rows_cut_open_by_the_page_end_are_kept_and_flagged() -> None:
    """WeasyPrint draws no rule where a page cuts a row: the cut row survives, and the row that
    carries it on (after the repeated header) is flagged even though its title cell is empty."""
    report, variant = REPORT_FIXTURES[0]
    table = read_fixture(variant.name).tables[0]
    flagged = [row for row in table.rows if row.continued]
    assert [row.page for row in flagged] == list(range(2, len(table.pages) + 1))
    cut_step = [row for row in flagged if not re.match(r"[๐-๙0-9(•-]", row.cells[1].raw_text)]
    assert cut_step, "a step cut in the middle by a page end"
    assert skeleton(report.header[0]) not in {skeleton(row.cells[0].raw_text) for row in flagged}


@report_fixtures
def test_header_rows_are_read_as_often_as_printed(report: Report, variant: PdfVariant) -> None:
    document = read_fixture(variant.name)
    header_key = [skeleton(h) for h in report.header]
    header_pages = [
        row.page
        for row in document.tables[0].rows
        if [skeleton(c.raw_text) for c in row.cells] == header_key
    ]
    assert header_pages == (
        list(range(1, document.page_count + 1)) if variant.repeat_header else [1]
    )


@report_fixtures
def test_title_lines_are_the_lines_above_the_table(report: Report, variant: PdfVariant) -> None:
    document = read_fixture(variant.name)
    printed = report.title + report.subtitle + variant.running_header  # a running header last
    assert skeleton("".join(document.title_lines)) == skeleton(printed)


def test_a_running_header_is_read_after_the_heading_below_it() -> None:
    """A header in the top margin of every page naming the agency in short ("อบต.บ่อแก้ว อ.เกาะคา
    จ.ลำปาง", the page number beside it) comes first on page 1, above the title block: it is
    read after the heading, so the agency is the one the heading prints in full."""
    report, variant = next((r, v) for r, v in REPORT_FIXTURES if v.running_header)
    assert skeleton(read_fixture(variant.name).title_lines[-1]) == skeleton(variant.running_header)
    document = process_bytes((FIXTURES / f"{variant.name}.pdf").read_bytes(), variant.name)
    assert document.meta.agency == report.agency == "องค์การบริหารส่วนตำบลบ่อแก้ว"
    assert (document.meta.district, document.meta.province) == ("เกาะคา", "ลำปาง")


@report_fixtures
def test_marks_stay_on_their_letters(report: Report, variant: PdfVariant) -> None:
    document = read_fixture(variant.name)
    lines = [line for page in document.pages for line in page.raw_text.splitlines()]
    assert lines
    assert not [line for line in lines if _DETACHED_MARK.search(line)]


@report_fixtures
def test_cell_geometry_is_kept_for_the_wrap_repair(report: Report, variant: PdfVariant) -> None:
    for row in read_fixture(variant.name).tables[0].rows:
        # a cell across the row (a section heading) leaves no cell under its span
        for cell in row.cells[:1] if row.cells[0].spans_row else row.cells:
            assert cell.width and cell.width > 0
            for block in cell.blocks:
                assert block.line_widths is not None
                assert len(block.line_widths) == len(block.lines)
                # a line never runs wider than the cell's inner width (1 pt for rounding)
                assert max(block.line_widths) <= cell.width + 1.0
                assert block.font_size == pytest.approx(variant.font_size, abs=0.6)


@report_fixtures
def test_a_wrapped_line_keeps_the_space_it_ended_on(report: Report, variant: PdfVariant) -> None:
    """LibreOffice (like Word) keeps the author's space at the end of a line it wrapped there,
    as the wrap repair's evidence, unless it justified the line; browsers (WeasyPrint, Chromium)
    drop it. Each kept one is a space in the source:
    the last letters of the line's last word are followed by a space somewhere in what was
    printed."""
    printed = "\n".join(
        "\n".join(paragraphs)
        for seq in range(1, len(report.measures) + 1)
        for paragraphs in printed_cells(report, seq)
    )
    spaced = " ".join(skeleton(word) for word in printed.split())
    ended = [
        line
        for row in read_fixture(variant.name).tables[0].rows
        for cell in row.cells
        for block in cell.blocks
        for line in block.lines[:-1]
        if line.endswith(" ")
    ]
    if variant.engine != "libreoffice" or variant.justified:
        assert ended == []
        return
    assert len(ended) >= 5
    for line in ended:
        assert skeleton(line.split()[-1])[-4:] + " " in spaced, line


def test_wrapped_lines_fill_the_cell_width() -> None:
    """A paragraph's lines before its last one are wraps: each fills most of the inner width."""
    _, variant = REPORT_FIXTURES[0]
    ratios = [
        width / cell.width
        for row in read_fixture(variant.name).tables[0].rows[1:]
        for cell in row.cells
        for block in cell.blocks
        for width in block.line_widths[:-1]
    ]
    assert ratios
    assert sum(ratios) / len(ratios) > 0.7


@report_fixtures
def test_paragraphs_with_a_gap_between_them_become_separate_blocks(
    report: Report, variant: PdfVariant
) -> None:
    """Every fixture sets space between a cell's paragraphs: one block per paragraph."""
    assert variant.paragraph_gap > 0
    table = read_fixture(variant.name).tables[0]
    rows = logical_rows(table, report.header)
    if all(len(pages) > 1 for _, pages in rows):
        pytest.skip("every row of this fixture is cut by a page end")
    checked = 0
    for (cells, pages), printed in zip(rows, printed_rows(report), strict=True):
        if len(pages) > 1:
            continue  # a paragraph cut by the page end is two blocks, joined by the assembly
        row = next(r for r in table.rows if skeleton(r.cells[0].raw_text) == skeleton(cells[0]))
        for cell, paragraphs in zip(row.cells, printed, strict=True):
            assert [skeleton(b.raw_text) for b in cell.blocks] == [skeleton(p) for p in paragraphs]
            checked += 1
    assert checked >= len(report.header)


def test_a_text_only_memo_has_pages_and_title_lines_but_no_table() -> None:
    document = read_fixture(MEMO_FIXTURE.name)
    assert document.tables == []
    assert "no table found" in document.notes
    title = skeleton("".join(NO_GIFT_MEMO.title_lines))
    visual_lines = [line for entry in document.title_lines for line in entry.split("\n")]
    assert len(visual_lines) == TITLE_LINES_WITHOUT_TABLE  # the page's first lines
    assert skeleton("".join(document.title_lines)).startswith(title)
    page_text = skeleton(document.pages[0].raw_text)
    for paragraph in NO_GIFT_MEMO.paragraphs:
        assert skeleton(paragraph) in page_text


def test_unmapped_glyphs_stay_visible_as_placeholders() -> None:
    """WeasyPrint leaves sara am's ring without text. Where nothing tells what such a glyph is
    (the PDF's map alone, as pdfplumber reads it), it is kept as U+200B, so the repair stage sees
    "ด\u200bา" (a lost ring) and not a plain "ดา"; the reader asks the embedded font, which
    draws it as nikhahit ("ดําเนิน", joined into ำ by the repair stage)."""
    import pdfplumber

    with pdfplumber.open(FIXTURES / f"{MEMO_FIXTURE.name}.pdf") as pdf:
        chars = pdf.pages[0].chars
    pdf_map_only = "\n".join(line.text for line in group_lines(glyphs_from_chars(chars)))
    assert "ด\u200bาเนิน" in pdf_map_only
    raw_text = read_fixture(MEMO_FIXTURE.name).pages[0].raw_text
    assert "ดําเนิน" in raw_text
    assert "\u200b" not in raw_text


def test_page_text_lines_end_without_the_space_a_wrap_took() -> None:
    """A Word export keeps the space each wrap took at its cell lines' ends; the cell keeps it (it
    tells the wrap decision an author's space), the page's text does not."""
    document = read_fixture("nongnamsai-2568-numbered-word-export")
    cell_lines = [line for t in document.tables for r in t.rows for c in r.cells for b in c.blocks for line in b.lines]  # fmt: skip
    assert any(line.endswith(" ") for line in cell_lines)
    page_lines = [line for page in document.pages for line in page.raw_text.splitlines()]
    assert [line for line in page_lines if line != line.rstrip()] == []


def test_overprinted_fake_bold_is_read_once() -> None:
    """Word fakes bold by drawing each glyph twice a hair apart; the copy must not double text."""
    import pdfplumber

    with pdfplumber.open(FIXTURES / f"{MEMO_FIXTURE.name}.pdf") as pdf:
        chars = pdf.pages[0].chars
    overprinted = [c for char in chars for c in (char, {**char, "x0": char["x0"] + 0.4})]
    assert dedupe_chars(overprinted) == dedupe_chars(chars)
    assert group_lines(glyphs_from_chars(dedupe_chars(overprinted)))[0].text == (
        group_lines(glyphs_from_chars(dedupe_chars(chars)))[0].text
    )


# --- unreadable input ----------------------------------------------------------------------


def test_an_encrypted_pdf_is_unreadable_with_a_plain_reason() -> None:
    with pytest.raises(UnreadableDocument, match=r"^encrypted PDF \(needs a password\)$"):
        read((FIXTURES / f"{ENCRYPTED_MEMO}.pdf").read_bytes(), "memo.pdf")


def test_a_pdf_locked_only_against_changes_opens_with_the_empty_password() -> None:
    document = read((FIXTURES / f"{OWNER_LOCKED_MEMO}.pdf").read_bytes(), "memo.pdf")
    assert skeleton(NO_GIFT_MEMO.paragraphs[-1]) in skeleton(document.pages[0].raw_text)


@pytest.mark.parametrize("keep", [0.5, 0.1])
def test_a_truncated_pdf_is_damaged(keep: float) -> None:
    data = (FIXTURES / f"{REPORT_FIXTURES[0][1].name}.pdf").read_bytes()
    with pytest.raises(UnreadableDocument, match=r"^damaged PDF: "):
        read(data[: int(len(data) * keep)], "cut.pdf")


def test_a_jpeg_named_pdf_is_not_a_pdf() -> None:
    image = pytest.importorskip("PIL.Image")  # Pillow comes with WeasyPrint

    buffer = io.BytesIO()
    image.new("RGB", (40, 20), "white").save(buffer, format="JPEG")
    with pytest.raises(UnreadableDocument, match="not a PDF: the file is a JPEG image"):
        read(buffer.getvalue(), "scan.pdf")


def test_a_zip_named_pdf_is_not_a_pdf() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    with pytest.raises(UnreadableDocument, match="not a PDF: the file is a ZIP archive"):
        read(buffer.getvalue(), "report.pdf")


def test_an_empty_file_is_unreadable() -> None:
    with pytest.raises(UnreadableDocument, match="empty file"):
        read(b"", "empty.pdf")


# --- stitching decisions -------------------------------------------------------------------


def _row(page: int, *texts: str) -> RawRow:
    return RawRow(
        cells=[Cell(blocks=[TextBlock(lines=[t])] if t else []) for t in texts], page=page
    )


def _piece(page: int, rows: list[RawRow], edges: list[float], **place: bool) -> PageTable:
    defaults = {"first_on_page": True, "last_on_page": True}
    return PageTable(page, (edges[0], 80.0, edges[-1], 760.0), rows, edges, **(defaults | place))


EDGES = [60.7, 93.7, 442.5, 534.7]


def test_running_numbers_confirm_a_continuation() -> None:
    before = _piece(4, [_row(4, "ลำดับ", "รายการ", "บาท"), _row(4, "๖", "งบ", "๔,๐๐๐")], EDGES)
    after = _piece(5, [_row(5, "๗", "งบ", "๙,๗๖๐"), _row(5, "รวม", "", "๘๗๓,๗๖๐")], EDGES)
    assert numbering(before, after) == "continues"
    # text between the tables (a caption) but the numbers run on: still one table
    assert continues_on(before, after)
    restart = _piece(5, [_row(5, "ลำดับ", "รายการ", "บาท"), _row(5, "๑", "ค่า", "๕")], EDGES)
    assert numbering(before, restart) == "restarts"
    restart.clear_above = before.clear_below = True
    assert not continues_on(before, restart)


def _full_cell(text: str, width: float) -> Cell:
    """A cell whose one line fills it (``width`` pt at 16 pt): what follows it reads as a wrap."""
    return Cell(blocks=[TextBlock([text], line_widths=[width - 1], font_size=16.0)], width=width)


@pytest.mark.parametrize(
    ("above", "below"),
    [
        (["๖", "การป้องกันทุจริต", "งบประมาณ"], ["๗", "ส่วนตัว", "ส่วนกลาง"]),
        (["๖. การป้องกันทุจริต", "จัดทำแผน", "งบประมาณ"], ["๗. กลไกการป้องกัน", "ส่วนตัว", "ส่วนกลาง"]),
    ],
    ids=["number column", "numbered title"],
)
def test_a_row_numbered_on_below_a_page_cut_is_a_new_row(
    above: list[str], below: list[str]
) -> None:
    """Row ๗ opens page 5 under full lines of row ๖, so its cells read like wraps; its number,
    alone or opening the title, runs on from ๖: a new row. Without the number it goes on row ๖."""
    widths = [120.0, 240.0, 90.0]
    for first, goes_on in ((below[0], False), ("", True)):
        row = RawRow(
            [_full_cell(t, w) for t, w in zip([first, *below[1:]], widths, strict=True)], page=5
        )
        before_rows = [
            _row(4, "มาตรการ", "วิธีการ", "งบ"),
            RawRow([_full_cell(t, w) for t, w in zip(above, widths, strict=True)], page=4),
        ]
        before = _piece(4, before_rows, EDGES, cut_bottom=True)
        table = RawTable(rows=list(before_rows), pages=[4], column_edges=EDGES)
        mark_continued_row(table, before, _piece(5, [row], EDGES, cut_top=True), body_bottom=760.0)
        assert row.continued is goes_on, first


def test_a_table_is_stitched_only_with_the_same_columns_on_the_next_page() -> None:
    before = _piece(2, [_row(2, "ก", "ข", "ค")], EDGES, clear_below=True)
    after = _piece(3, [_row(3, "", "ต่อ", "")], [e + 2.5 for e in EDGES], clear_above=True)
    assert continues_on(before, after)
    other_columns = _piece(3, [_row(3, "", "ต่อ", "")], [60.7, 200.0, 534.7], clear_above=True)
    assert not continues_on(before, other_columns)
    two_pages_on = _piece(4, [_row(4, "", "ต่อ", "")], EDGES, clear_above=True)
    assert not continues_on(before, two_pages_on)
    captioned = _piece(3, [_row(3, "", "ต่อ", "")], EDGES, clear_above=False)
    assert not continues_on(before, captioned)


def test_stitching_keeps_every_row_in_order_and_flags_the_cut_row() -> None:
    header = _row(1, "มาตรการ", "วิธีการ", "ผู้รับผิดชอบ")
    first = _piece(1, [header, _row(1, "ก", "๑. เริ่ม", "กองคลัง")], EDGES, cut_bottom=True)
    second = _piece(
        2,
        [_row(2, "มาตรการ", "วิธีการ", "ผู้รับผิดชอบ"), _row(2, "ต่อชื่อ", "งาน", ""), _row(2, "ข")],
        EDGES,
        clear_above=True,
    )
    second.rows[-1].cells += [Cell(), Cell()]
    (table,) = stitch_tables([first, second])
    assert table.pages == [1, 2]
    assert [row.cells[0].raw_text for row in table.rows] == [
        "มาตรการ",
        "ก",
        "มาตรการ",
        "ต่อชื่อ",
        "ข",
    ]
    assert [row.continued for row in table.rows] == [False, False, False, True, False]
