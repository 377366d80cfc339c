"""The Excel reader on our workbook fixtures (``scripts/fixtures/render_xlsx.py``): sheets, merged
cells, a cell's lines, numbers as Excel shows them. That each workbook exports its report's
measures is tested with every other format in ``tests/test_cross_format.py``."""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from openpyxl.styles import PatternFill
from openpyxl.styles.colors import Color
from report_sources import measure_export

from extract.backend import UnreadableDocument
from extract.backend.xlsx_backend import _number_text, read
from extract.pipeline import process_bytes
from extract.sniff import describe_unrecognised, sniff_format
from normalize.dates import parse_period
from scripts.fixtures.render_xlsx import (
    AS_OF,
    HIDDEN_MEASURE,
    HIDDEN_NOTE,
    HIDDEN_SHEET,
    NOTE,
    OFFICE_XLSX,
    TOTAL,
    XLSX_FIXTURES,
)
from scripts.fixtures.reports import expected_measures

XLSX = Path(__file__).resolve().parent / "fixtures" / "xlsx"
NAMES = [variant.name for _, variant in XLSX_FIXTURES]


@pytest.mark.parametrize("name", NAMES)
def test_a_workbook_is_sniffed_from_its_bytes(name: str) -> None:
    assert sniff_format((XLSX / f"{name}.xlsx").read_bytes()) == "xlsx"


def test_title_rows_merged_across_the_table_are_its_title_lines() -> None:
    report, variant = XLSX_FIXTURES[0]
    document = read((XLSX / f"{variant.name}.xlsx").read_bytes(), "x.xlsx")
    assert document.title_lines[:2] == [report.title, report.subtitle]
    (table,) = document.tables
    assert [cell.raw_text for cell in table.rows[0].cells] == list(report.header)


def test_each_line_of_a_cell_is_a_paragraph_of_its_own() -> None:
    # Excel stores no wrap: a line in a cell is one its author ended (Alt+Enter)
    report, variant = XLSX_FIXTURES[0]
    document = read((XLSX / f"{variant.name}.xlsx").read_bytes(), "x.xlsx")
    methods = document.tables[0].rows[1].cells[1]
    assert all(len(block.lines) == 1 for block in methods.blocks)
    steps = report.measures[0].steps
    assert len(methods.blocks) == len(steps) + sum(len(step.subitems) for step in steps)


def test_steps_in_rows_under_a_merged_title_make_one_measure_each() -> None:
    report, variant = next(fixture for fixture in XLSX_FIXTURES if fixture[1].steps_in_rows)
    path = XLSX / f"{variant.name}.xlsx"
    document = process_bytes(path.read_bytes(), path.name)
    assert [m.title for m in document.measures] == [m.title for m in report.measures]
    assert [len(m.methods) for m in document.measures] == [len(m.steps) for m in report.measures]


def test_months_shaded_as_bars_are_the_period() -> None:
    """An Excel chart whose bars are filled cells, no value in them: a fill by colour, by theme
    colour, and one merged across three months (Excel keeps its fill on the first cell)."""
    months = ["ต.ค.", "พ.ย.", "ธ.ค.", "ม.ค."]
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["แผนปฏิบัติการป้องกันการทุจริต ประจำปีงบประมาณ พ.ศ. ๒๕๖๘"])
    sheet.append(["มาตรการ/กิจกรรม", "วิธีการดำเนินการ", "ผู้รับผิดชอบ", "ระยะเวลาดำเนินการ"])
    sheet.append([None, None, None, *months])
    for column in "ABC":
        sheet.merge_cells(f"{column}2:{column}3")
    sheet.merge_cells("D2:G2")
    for title in ["อบรมคุณธรรม", "ประชุมชี้แจง", "เผยแพร่ข้อมูล"]:
        sheet.append([title, "๑. จัดทำ", "สำนักปลัด"])
    blue = PatternFill("solid", fgColor="FF5B9BD5")
    sheet["D4"].fill = sheet["E4"].fill = blue
    sheet["F5"].fill = PatternFill("solid", fgColor=Color(theme=4, tint=0.4))
    sheet.merge_cells("E6:G6")
    sheet["E6"].fill = blue
    buffer = io.BytesIO()
    workbook.save(buffer)
    document = process_bytes(buffer.getvalue(), "chart.xlsx")
    assert [m.period for m in document.measures] == ["ต.ค., พ.ย.", "ธ.ค.", "พ.ย., ธ.ค., ม.ค."]


def test_a_hidden_sheet_is_not_read() -> None:
    report, variant = next(fixture for fixture in XLSX_FIXTURES if fixture[1].hidden_sheet)
    path = XLSX / f"{variant.name}.xlsx"
    document = process_bytes(path.read_bytes(), path.name)
    assert document.page_count == 1
    assert len(document.measures) == len(report.measures)
    assert "ร่างมาตรการที่ยังไม่ได้ใช้" not in document.pages[0].text
    assert HIDDEN_SHEET not in document.pages[0].text


@pytest.mark.parametrize(
    ("value", "number_format", "shown"),
    [
        (35000, "#,##0", "35,000"),
        (1234.5, "#,##0.00", "1,234.50"),
        (87.5, "0.00", "87.50"),
        (3.0, "General", "3"),
        (2.25, "General", "2.25"),
        (-1500, "#,##0;[Red]-#,##0", "-1,500"),
    ],
)
def test_numbers_read_as_excel_shows_them(value, number_format: str, shown: str) -> None:
    assert _number_text(value, number_format) == shown


def test_a_date_typed_with_its_buddhist_year_keeps_that_year() -> None:
    """A Thai user types "1/10/2567" into a spreadsheet set to the Gregorian calendar, which
    stores the year 2567: it is read as printed, not pushed 543 years on ("1 ตุลาคม 3110"); a
    date stored in the Common Era is shown in the Buddhist era as a Thai Excel shows it."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["รายงานผลการดำเนินการ ประจำปีงบประมาณ พ.ศ. 2568"])
    sheet.append(["มาตรการ/กิจกรรม", "วิธีการดำเนินการ", "ผู้รับผิดชอบ", "ระยะเวลา", "ผลการดำเนินการ"])
    sheet.append(["อบรมคุณธรรม", "1. จัดอบรม", "สำนักปลัด", datetime(2567, 10, 1), "แล้ว"])
    sheet.append(["เผยแพร่ข้อมูล", "1. ลงเว็บไซต์", "กองคลัง", datetime(2025, 1, 15), "แล้ว"])
    saved = io.BytesIO()
    workbook.save(saved)
    document = process_bytes(saved.getvalue(), "dates.xlsx")
    assert [m.period for m in document.measures] == ["1 ตุลาคม 2567", "15 มกราคม 2568"]
    assert parse_period(document.measures[0].period) == (date(2024, 10, 1), date(2024, 10, 1))


def test_a_damaged_workbook_fails_with_one_plain_line() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr("xl/workbook.xml", "<workbook><sheets>")  # cut short
    data = buffer.getvalue()
    assert sniff_format(data) == "xlsx"
    with pytest.raises(UnreadableDocument, match=r"^damaged Excel workbook"):
        read(data, "broken.xlsx")


def test_a_zip_that_is_neither_word_nor_excel_is_named_so() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("photos/1.jpg", b"\xff\xd8")
    assert sniff_format(buffer.getvalue()) is None
    assert describe_unrecognised(buffer.getvalue()) == (
        "a ZIP archive that is not a Word .docx or Excel .xlsx document"
    )


def test_an_offices_own_workbook_gives_the_report_and_nothing_else() -> None:
    """The title merged over two rows, an "as of" date row of two cells above the header, a
    hidden measure row and a hidden column of internal notes, a total and a note under the table,
    a formula stored without its result, borders drawn down 5,000 empty rows: the report's
    measures exactly, its metadata, and the rest as page text, numbers and dates as Excel shows
    them."""
    report, variant = OFFICE_XLSX
    path = XLSX / f"{variant.name}.xlsx"
    document = process_bytes(path.read_bytes(), path.name)
    assert [measure_export(m) for m in document.measures] == expected_measures(report)
    meta = document.meta
    assert (meta.agency, meta.province, meta.fiscal_year_be) == (
        report.agency,
        report.province,
        report.fiscal_year_be,
    )
    text = document.pages[0].text
    assert HIDDEN_MEASURE not in text and HIDDEN_NOTE not in text
    assert f"{AS_OF}\n๓๐ กันยายน ๒๕๖๗" in text  # a date cell in a Thai-digit locale
    assert f"{TOTAL}\n150,000.00 บาท" in text and NOTE in text
    # a formula written without its result reads blank, and says so
    assert "1 formula cell(s) with no stored result read as blank" in document.notes
