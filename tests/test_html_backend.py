"""The HTML reader on our own rendered pages (tests/fixtures/html, from scripts/make_fixtures.py).

Each page was rendered from ``scripts.fixtures.reports`` by ``scripts.fixtures.render_html``: a CMS
template with the table in a layout table and one row per step (``rowspan``), content pasted from
Word (``mso-`` markup, a two-row header), an old windows-874 page without a charset, a page with
two tables, a page of broken markup and an announcement without a table. Every test compares what
the reader gives with the report the page was made from.
"""

from __future__ import annotations

import sqlite3
from datetime import date
from functools import cache

import pytest
from conftest import FIXTURES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from report_sources import document_export

from extract.backend.html_backend import read, span_value
from extract.metadata import document_meta
from extract.model import Document, ExtractedDocument, LogicalTable
from extract.pipeline import NO_TABLE_NOTE, ingest_paths, process_bytes
from extract.sniff import html_encoding, sniff_format
from normalize.dates import parse_period
from scripts.fixtures.render_html import (
    MEMO_PAGE,
    REPORT_PAGES,
    SUMMARY_HEADER,
    HtmlVariant,
    memo_page,
    report_page,
    summary_rows,
)
from scripts.fixtures.reports import (
    NO_GIFT_MEMO,
    NONG_NAM_SAI,
    expected_document,
    printed_rows,
)

HTML = FIXTURES / "html"
PAGES = {variant.name: (report, variant) for report, variant in REPORT_PAGES}
# text the CMS template shows around the content, or hides: none of it is the report
NOT_CONTENT = [
    "ข้ามไปยังเนื้อหา",  # skip link
    "เมนูหลัก",  # sidebar menu
    "ประวัติความเป็นมา",  # navigation
    "ผู้เข้าชมวันนี้",  # visitor counter in the sidebar
    "ข้อความที่ซ่อนไว้",  # display:none
    "แม่แบบที่ไม่แสดง",  # <template>
    "สคริปต์",  # <script>
    "dataLayer",
    "สงวนลิขสิทธิ์",  # footer
]


def page_bytes(name: str) -> bytes:
    return (HTML / f"{name}.html").read_bytes()


@cache
def extracted(name: str) -> ExtractedDocument:
    return read(page_bytes(name), f"{name}.html")


@cache
def processed(name: str) -> Document:
    return process_bytes(page_bytes(name), f"{name}.html")


def measures_table(document: Document) -> LogicalTable:
    (table,) = [table for table in document.tables if table.is_measures]
    return table


# --- every report page ---------------------------------------------------------------------


@pytest.mark.parametrize("name", PAGES)
def test_fixture_is_what_the_renderer_makes_of_the_report(name):
    report, variant = PAGES[name]
    assert page_bytes(name) == report_page(report, variant)


@pytest.mark.parametrize("name", PAGES)
def test_document_equals_the_report(name):
    report, _ = PAGES[name]
    document = processed(name)
    assert document.format == "html"
    assert document_export(document) == expected_document(report)


@pytest.mark.parametrize("name", PAGES)
def test_title_lines_open_with_the_report_title(name):
    report, _ = PAGES[name]
    # a block's lines set apart by <br> stay one entry, its lines joined by newlines
    lines = [line for entry in extracted(name).title_lines for line in entry.split("\n")]
    assert lines[:2] == [report.title, report.subtitle]


def test_a_title_broken_by_br_is_read_whole():
    """A heading broken over two lines with <br> (a CMS editor's way to centre a long title)."""
    page = (
        "<html><head><meta charset='utf-8'></head><body>"
        "<h2>รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรม<br>และความโปร่งใสภายในหน่วยงาน</h2>"
        "<p>ประจำปีงบประมาณ พ.ศ. ๒๕๖๙<br>องค์การบริหารส่วนตำบลทุ่งดอกแก้ว อำเภอเชียงคาน จังหวัดเลย</p>"
        + f"<table>{_MEASURE_HEADER}<tr><td>ประกาศใช้คู่มือ</td><td>๑. จัดทำคู่มือ</td>"
        "<td>สำนักปลัด</td><td>ต.ค. ๒๕๖๘</td><td>ประกาศใช้แล้ว</td><td>ลดการใช้ดุลยพินิจ</td></tr>"
        "</table></body></html>"
    ).encode()
    meta = process_bytes(page, "title.html").meta
    assert meta.title == "รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน"
    assert (meta.agency, meta.province, meta.fiscal_year_be) == (
        "องค์การบริหารส่วนตำบลทุ่งดอกแก้ว",
        "เลย",
        2569,
    )


@pytest.mark.parametrize("name", PAGES)
def test_measures_table_holds_the_printed_cells(name):
    report, _ = PAGES[name]
    table = measures_table(processed(name))
    assert table.header == list(report.header)
    assert [[cell.paragraphs for cell in row] for row in table.rows] == printed_rows(report)


@pytest.mark.parametrize("name", PAGES)
def test_one_page_of_visible_text_without_markup(name):
    report, _ = PAGES[name]
    document = extracted(name)
    assert document.page_count == 1
    (page,) = document.pages
    assert page.number == 1
    lines = page.raw_text.splitlines()
    assert lines[lines.index(report.title) + 1] == report.subtitle
    for row in printed_rows(report):
        for paragraph in (p for cell in row for p in cell):
            assert paragraph in page.raw_text
    for text in [page.raw_text, *document.title_lines]:
        assert not any(mark in text for mark in ("<", ">", "mso-", "&nbsp;", "\u00a0", "o:p"))


# --- one page each -------------------------------------------------------------------------


def test_cms_furniture_hidden_text_and_scripts_are_left_out():
    document = extracted("nongnamsai-2568-cms")
    for text in NOT_CONTENT:
        assert text not in document.pages[0].raw_text
        assert all(text not in line for line in document.title_lines)
    # the layout table around the report and the sidebar's counter are not tables
    assert len(document.tables) == 1


def test_rowspan_copies_a_measure_into_each_of_its_step_rows():
    """One row per step: the title spans them, so each row continues the measure."""
    (table,) = extracted("nongnamsai-2568-cms").tables
    steps = [len(measure.steps) for measure in NONG_NAM_SAI.measures]
    assert len(table.rows) == 1 + sum(steps)
    first_measure = table.rows[1 : 1 + steps[0]]
    assert {row.cells[0].raw_text for row in first_measure} == {NONG_NAM_SAI.measures[0].title}


def test_word_markup_and_a_two_row_header():
    report, _ = PAGES["noensaithong-2567-word"]
    (table,) = extracted("noensaithong-2567-word").tables
    # the group header and its sub-headers are one header row; Word's list numbers are text
    assert [cell.raw_text for cell in table.rows[0].cells] == list(report.header)
    assert table.rows[1].cells[1].raw_text.splitlines()[0].startswith("1. จัดอบรม")


def test_windows_874_page_without_a_declaration_reads_without_mojibake():
    data = page_bytes("huaisaingam-2566-legacy-874")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    assert b"charset" not in data.lower()
    assert sniff_format(data) == "html"
    assert html_encoding(data) == "cp874"
    report, _ = PAGES["huaisaingam-2566-legacy-874"]
    assert document_export(processed("huaisaingam-2566-legacy-874")) == expected_document(report)


@pytest.mark.parametrize(
    ("label", "encoding", "expected"),
    [
        ("windows-874", "cp874", "cp874"),
        ("TIS-620", "cp874", "cp874"),
        ("iso-8859-11", "cp874", "cp874"),
        # an old Thai site labelled Latin-1 by its server template: the bytes are Thai
        ("iso-8859-1", "cp874", "cp874"),
        # a page re-saved as UTF-8 that kept its old label
        ("windows-874", "utf-8", "utf-8"),
        ("utf-16", "utf-8", "utf-8"),
    ],
)
def test_declared_charset_is_honoured_unless_the_bytes_disagree(label, encoding, expected):
    report, variant = PAGES["huaisaingam-2566-legacy-874"]
    markup = report_page(report, HtmlVariant(variant.name, variant.style)).decode("utf-8")
    meta = f'<META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset={label}">'
    data = markup.replace("<HEAD>", "<HEAD>" + meta).encode(encoding)
    assert html_encoding(data) == expected
    assert document_export(process_bytes(data, "page.html")) == expected_document(report)


def test_two_tables_keeps_both_and_takes_measures_from_the_report():
    report, _ = PAGES["nongnamsai-2568-two-tables"]
    document = processed("nongnamsai-2568-two-tables")
    summary, measures = document.tables
    assert summary.header == list(SUMMARY_HEADER)
    assert not summary.is_measures
    assert [[cell.text for cell in row] for row in summary.rows] == [
        list(row) for row in summary_rows(report)
    ]
    assert measures.is_measures
    assert document_export(document) == expected_document(report)


def test_malformed_spans_and_unclosed_tags():
    report, _ = PAGES["noensaithong-2567-malformed"]
    document = extracted("noensaithong-2567-malformed")
    # the title row across the table (colspan far past the table) is the title, not a row
    assert document.title_lines == [report.title, report.subtitle]
    (table,) = document.tables
    assert {len(row.cells) for row in table.rows} == {len(report.header)}
    assert document_export(processed("noensaithong-2567-malformed")) == expected_document(report)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2", 2),
        ("2;", 2),
        (" 3px", 3),
        ("1.5", 1),
        ("0", 0),
        ("abc", 1),
        ("-1", 1),
        ("", 1),
        (None, 1),
        ("99999999", 1),
        ("๒", 1),  # a Thai digit is not a span browsers read
    ],
)
def test_span_values_read_as_browsers_read_them(value, expected):
    assert span_value(value, default=1) == expected


def test_page_without_a_table_is_archived_with_its_text(tmp_path):
    path = tmp_path / f"{MEMO_PAGE}.html"
    path.write_bytes(page_bytes(MEMO_PAGE))
    assert page_bytes(MEMO_PAGE) == memo_page(NO_GIFT_MEMO).encode("utf-8")
    summary = ingest_paths([path], tmp_path / "archive.db")
    (outcome,) = summary.outcomes
    assert (outcome.status, outcome.measures, outcome.notes) == ("added", 0, [NO_TABLE_NOTE])
    with sqlite3.connect(tmp_path / "archive.db") as conn:
        title, agency, year, notes = conn.execute(
            "SELECT title, agency, fiscal_year_be, notes FROM documents"
        ).fetchone()
        (text,) = conn.execute("SELECT text FROM pages").fetchone()
    expected = document_meta(list(NO_GIFT_MEMO.title_lines))
    assert (title, agency, year) == (expected.title, expected.agency, expected.fiscal_year_be)
    assert notes == NO_TABLE_NOTE
    for paragraph in [*NO_GIFT_MEMO.title_lines, *NO_GIFT_MEMO.paragraphs]:
        assert paragraph in text
    assert "หน้าแรก" not in text  # the page's navigation


# --- spans, headers and layout on small pages of our own -----------------------------------

_MEASURE_HEADER = (
    "<tr><th>มาตรการ/กิจกรรม</th><th>วิธีการดำเนินการ</th><th>ผู้รับผิดชอบ</th><th>ระยะเวลา</th>"
    "<th>สรุปผลการดำเนินการ</th><th>ผลลัพธ์</th></tr>"
)


def small_page(rows: str, header: str = _MEASURE_HEADER) -> Document:
    html = f"<html><body><h1>รายงานผลการดำเนินการ</h1><table>{header}{rows}</table></body></html>"
    return process_bytes(html.encode("utf-8"), "small.html")


def test_a_unit_spanning_two_measures_belongs_to_each():
    document = small_page(
        "<tr><td>ประกาศใช้คู่มือ</td><td>๑. จัดทำคู่มือ</td><td rowspan=2>สำนักปลัด กองคลัง</td>"
        "<td>ต.ค. ๒๕๖๗</td><td>ประกาศใช้แล้ว</td><td>ลดการใช้ดุลยพินิจ</td></tr>"
        "<tr><td>เปิดบริการ E-Service</td><td>๑. เปิดระบบ</td>"
        "<td>พ.ย. ๒๕๖๗</td><td>เปิดให้บริการแล้ว</td><td>ประชาชนสะดวก</td></tr>"
    )
    assert [m.title for m in document.measures] == ["ประกาศใช้คู่มือ", "เปิดบริการ E-Service"]
    assert [m.responsible for m in document.measures] == [["สำนักปลัด", "กองคลัง"]] * 2
    assert [m.period for m in document.measures] == ["ต.ค. ๒๕๖๗", "พ.ย. ๒๕๖๗"]


def test_a_unit_printed_in_each_row_of_a_measure_is_listed_once():
    document = small_page(
        "<tr><td rowspan=2>จัดซื้อจัดจ้างอย่างโปร่งใส</td><td>๑. ประกาศแผน</td><td>กองคลัง</td>"
        "<td>ต.ค. ๒๕๖๗</td><td>ประกาศแล้ว</td><td>โปร่งใส</td></tr>"
        "<tr><td>๒. รายงานผล</td><td>กองคลัง งานพัสดุ</td><td></td><td>รายงานแล้ว</td><td></td></tr>"
    )
    (measure,) = document.measures
    assert measure.responsible == ["กองคลัง", "งานพัสดุ"]
    assert measure.methods == ["ประกาศแผน", "รายงานผล"]


def test_group_header_combined_with_its_sub_headers():
    header = (
        "<thead><tr><td rowspan=2>มาตรการ/กิจกรรม</td><td rowspan=2>วิธีการดำเนินการ</td>"
        "<td rowspan=2>ผู้รับผิดชอบ</td><td colspan=2>ผลการดำเนินการ</td></tr>"
        "<tr><td>รายละเอียด</td><td>ผลลัพธ์</td></tr></thead>"
    )
    document = small_page(
        "<tr><td>ประกาศใช้คู่มือ</td><td>๑. จัดทำคู่มือ</td><td>สำนักปลัด</td>"
        "<td>ประกาศใช้ ๑๗ เรื่อง</td><td>ลดการใช้ดุลยพินิจ</td></tr>",
        header,
    )
    (table,) = document.tables
    assert table.header == [
        "มาตรการ/กิจกรรม",
        "วิธีการดำเนินการ",
        "ผู้รับผิดชอบ",
        "ผลการดำเนินการ รายละเอียด",  # "รายละเอียด" alone names no column: its group says which
        "ผลลัพธ์",
    ]
    (measure,) = document.measures
    assert (measure.results, measure.outcomes) == (["ประกาศใช้ ๑๗ เรื่อง"], ["ลดการใช้ดุลยพินิจ"])


def test_a_heading_above_a_table_gives_its_measures_their_section():
    """A report split into one table per indicator prints each heading above its table; a
    heading row inside a table takes over from it, and other text above a table is no heading."""
    header = _MEASURE_HEADER
    row = (
        "<tr><td>{}</td><td>๑. จัดทำ</td><td>สำนักปลัด</td><td>ม.ค. ๖๘</td><td>แล้ว</td><td>ดี</td></tr>"
    )
    html = (
        "<html><body><h1>รายงานผลการดำเนินการ</h1>"
        f"<p>ตัวชี้วัดที่ ๑ การปฏิบัติหน้าที่</p><table>{header}{row.format('ประกาศเจตจำนง')}"
        f"<tr><td colspan=6>ตัวชี้วัดที่ ๒ การใช้งบประมาณ</td></tr>{row.format('เผยแพร่แผน')}</table>"
        f"<h3>ตัวชี้วัดที่ ๔\nการใช้ทรัพย์สินของราชการ</h3><table>{header}{row.format('ยืมพัสดุ')}</table>"
        f"<p>ตารางที่ ๒ มาตรการเพิ่มเติม</p><table>{header}{row.format('ประชุมชี้แจง')}</table>"
        "</body></html>"
    )
    document = process_bytes(html.encode("utf-8"), "headed.html")
    assert [(m.title, m.section) for m in document.measures] == [
        ("ประกาศเจตจำนง", "ตัวชี้วัดที่ ๑ การปฏิบัติหน้าที่"),
        ("เผยแพร่แผน", "ตัวชี้วัดที่ ๒ การใช้งบประมาณ"),
        ("ยืมพัสดุ", "ตัวชี้วัดที่ ๔ การใช้ทรัพย์สินของราชการ"),
        ("ประชุมชี้แจง", None),
    ]


_STATUS_HEADER = (
    "<tr><td rowspan=2>มาตรการ/กิจกรรม</td><td rowspan=2>วิธีการดำเนินการ</td>"
    "<td rowspan=2>ผู้รับผิดชอบ</td><td colspan=3>{group}</td><td rowspan=2>หมายเหตุ</td></tr>"
    "<tr><td>ดำเนินการแล้ว</td><td>อยู่ระหว่างดำเนินการ</td><td>ยังไม่ดำเนินการ</td></tr>"
)


def _status_row(title: str, *marks: str) -> str:
    cells = "".join(f"<td>{mark}</td>" for mark in marks)
    return f"<tr><td>{title}</td><td>๑. จัดอบรม</td><td>สำนักปลัด</td>{cells}<td></td></tr>"


def test_a_title_marked_continued_runs_on_the_measure_above():
    document = small_page(
        "<tr><td>ประกาศใช้คู่มือ</td><td>๑. จัดทำคู่มือ</td><td>สำนักปลัด</td>"
        "<td>ต.ค. ๒๕๖๗</td><td>ประกาศใช้แล้ว</td><td>ลดการใช้ดุลยพินิจ</td></tr>"
        "<tr><td>ประกาศใช้คู่มือ (ต่อ)</td><td>๒. เผยแพร่คู่มือ</td><td></td>"
        "<td></td><td>เผยแพร่แล้ว</td><td></td></tr>"
        "<tr><td>( ต่อ )</td><td>๓. ประเมินผล</td><td></td><td></td><td></td><td></td></tr>"
    )
    (measure,) = document.measures
    assert measure.title == "ประกาศใช้คู่มือ"
    assert measure.methods == ["จัดทำคู่มือ", "เผยแพร่คู่มือ", "ประเมินผล"]
    assert measure.results == ["ประกาศใช้แล้ว", "เผยแพร่แล้ว"]


def test_a_status_ticked_under_a_group_header_is_the_status_named():
    """A tick ("✓", "/", "X") under one of the statuses a group header spans gives that status; a
    dash or a blank ticks nothing. Under ผลการดำเนินการ it is the measure's result."""
    document = small_page(
        _status_row("อบรมคุณธรรม", "✓", "-", "-")
        + _status_row("เผยแพร่ข้อมูล", "", "X", "")
        + _status_row("ประชุมชี้แจง", "", "", ""),
        _STATUS_HEADER.format(group="ผลการดำเนินการ"),
    )
    assert [m.results for m in document.measures] == [
        ["ดำเนินการแล้ว"],
        ["อยู่ระหว่างดำเนินการ"],
        [],
    ]
    assert [m.extra for m in document.measures] == [{"หมายเหตุ": ""}] * 3


def test_a_status_group_naming_no_measure_column_is_kept_under_its_header():
    document = small_page(
        _status_row("อบรมคุณธรรม", "/", "", "") + _status_row("เผยแพร่ข้อมูล", "", "", "/"),
        _STATUS_HEADER.format(group="สถานะ"),
    )
    assert [m.extra for m in document.measures] == [
        {"สถานะ": "ดำเนินการแล้ว", "หมายเหตุ": ""},
        {"สถานะ": "ยังไม่ดำเนินการ", "หมายเหตุ": ""},
    ]
    assert [m.results for m in document.measures] == [[], []]


def _month_chart(groups: list[tuple[str, list[str]]], period: str = "") -> Document:
    """Two measures over a chart of months under ``groups`` (a group header over its months); a
    printed ระยะเวลา column before it when ``period`` is given."""
    months = [month for _, group_months in groups for month in group_months]
    period_head = "<td rowspan=2>ระยะเวลา</td>" if period else ""
    header = (
        "<tr><td rowspan=2>มาตรการ/กิจกรรม</td><td rowspan=2>วิธีการดำเนินการ</td>"
        f"<td rowspan=2>ผู้รับผิดชอบ</td>{period_head}"
        + "".join(f"<td colspan={len(ms)}>{label}</td>" for label, ms in groups)
        + "</tr><tr>"
        + "".join(f"<td>{month}</td>" for month in months)
        + "</tr>"
    )

    def row(title: str, ticked: set[int]) -> str:
        marks = "".join(f"<td>{'✓' if i in ticked else ''}</td>" for i in range(len(months)))
        printed = f"<td>{period}</td>" if period else ""
        return f"<tr><td>{title}</td><td>๑. จัดทำ</td><td>สำนักปลัด</td>{printed}{marks}</tr>"

    return small_page(row("อบรมคุณธรรม", {1, 2, 3}) + row("ประชุมชี้แจง", {5}), header)


_YEARS = [("พ.ศ. ๒๕๖๗", ["ต.ค.", "พ.ย.", "ธ.ค."]), ("พ.ศ. ๒๕๖๘", ["ม.ค.", "ก.พ.", "มี.ค."])]


def test_months_ticked_under_their_years_are_the_period():
    """A chart whose months sit under the calendar years they fall in (no ระยะเวลา over them):
    the period is the months ticked, each with its year, which the period parser reads."""
    document = _month_chart(_YEARS)
    periods = [m.period for m in document.measures]
    assert periods == ["พ.ย. พ.ศ. ๒๕๖๗, ธ.ค. พ.ศ. ๒๕๖๗, ม.ค. พ.ศ. ๒๕๖๘", "มี.ค. พ.ศ. ๒๕๖๘"]
    assert parse_period(periods[0]) == (date(2024, 11, 1), date(2025, 1, 31))
    # under the fiscal year's name the months stay bare: the report's fiscal year places them
    fiscal = _month_chart([("ปีงบประมาณ ๒๕๖๘", ["ต.ค.", "พ.ย.", "ธ.ค.", "ม.ค."])])
    assert [m.period for m in fiscal.measures] == ["พ.ย., ธ.ค., ม.ค.", ""]
    # a year over months that run past ธ.ค. into the next is the fiscal year's: bare too
    # (before: "ม.ค. พ.ศ. ๒๕๖๘" beside "พ.ย. พ.ศ. ๒๕๖๘", a year late)
    named = _month_chart([("พ.ศ. ๒๕๖๘", ["ต.ค.", "พ.ย.", "ธ.ค.", "ม.ค."])])
    assert [m.period for m in named.measures] == ["พ.ย., ธ.ค., ม.ค.", ""]


def test_months_under_their_years_under_the_period_header_in_three_rows():
    """ระยะเวลาดำเนินการ over the calendar years, each over its months, beside a status group
    two rows high: the month row is part of the header (before: a measure "มาตรการ/กิจกรรม"), and
    each ticked month carries the year over it."""
    months = [month for _, year_months in _YEARS for month in year_months]
    header = (
        "<tr><td rowspan=3>มาตรการ/กิจกรรม</td><td rowspan=3>วิธีการดำเนินการ</td>"
        "<td rowspan=3>ผู้รับผิดชอบ</td><td colspan=6>ระยะเวลาดำเนินการ</td>"
        "<td colspan=2 rowspan=2>ผลการดำเนินการ</td></tr><tr>"
        + "".join(f"<td colspan=3>{year}</td>" for year, _ in _YEARS)
        + "</tr><tr>"
        + "".join(f"<td>{month}</td>" for month in [*months, "แล้วเสร็จ", "ยังไม่เสร็จ"])
        + "</tr>"
    )

    def row(title: str, ticked: set[int], done: bool) -> str:
        marks = "".join(f"<td>{'/' if i in ticked else ''}</td>" for i in range(6))
        status = "<td>/</td><td></td>" if done else "<td></td><td>/</td>"
        return f"<tr><td>{title}</td><td>๑. จัดทำ</td><td>สำนักปลัด</td>{marks}{status}</tr>"

    document = small_page(row("อบรมคุณธรรม", {2, 3}, True) + row("ประชุมชี้แจง", {5}, False), header)
    assert [(m.title, m.period, m.results) for m in document.measures] == [
        ("อบรมคุณธรรม", "ธ.ค. พ.ศ. ๒๕๖๗, ม.ค. พ.ศ. ๒๕๖๘", ["แล้วเสร็จ"]),
        ("ประชุมชี้แจง", "มี.ค. พ.ศ. ๒๕๖๘", ["ยังไม่เสร็จ"]),
    ]
    (table,) = document.tables
    assert table.header[3] == "ระยะเวลาดำเนินการ พ.ศ. ๒๕๖๗ ต.ค."


def test_months_ticked_beside_a_printed_period_are_kept_under_their_header():
    document = _month_chart(_YEARS, period="ตลอดปีงบประมาณ")
    first = document.measures[0]
    assert first.period == "ตลอดปีงบประมาณ"
    assert first.extra == {
        "พ.ศ. ๒๕๖๗": "พ.ย. พ.ศ. ๒๕๖๗, ธ.ค. พ.ศ. ๒๕๖๗",
        "พ.ศ. ๒๕๖๘": "ม.ค. พ.ศ. ๒๕๖๘",
    }


def test_months_shaded_as_bars_are_the_period():
    """A chart drawn by shading the months a measure runs in, no mark in them (an inline style, a
    bgcolor, a bar merged across three months); a row striped whole ticks nothing."""
    months = ["ต.ค.", "พ.ย.", "ธ.ค.", "ม.ค."]
    header = (
        "<tr><td rowspan=2>มาตรการ/กิจกรรม</td><td rowspan=2>วิธีการดำเนินการ</td>"
        "<td rowspan=2>ผู้รับผิดชอบ</td><td colspan=4>ระยะเวลาดำเนินการ</td></tr><tr>"
        + "".join(f"<td>{month}</td>" for month in months)
        + "</tr>"
    )
    bar, blank = "<td style='background-color: #5B9BD5'></td>", "<td></td>"
    striped = "<td style='background:#F2F2F2'>{}</td>"
    rows = (
        f"<tr><td>อบรมคุณธรรม</td><td>๑. จัดอบรม</td><td>สำนักปลัด</td>{bar}{bar}{blank}{blank}</tr>"
        "<tr>"
        + "".join(striped.format(text) for text in ["ประชุมชี้แจง", "๑. ประชุม", "กองคลัง"])
        + f"{striped.format('')}{striped.format('')}{bar}{striped.format('')}</tr>"
        "<tr><td>เผยแพร่ข้อมูล</td><td>๑. เผยแพร่</td><td>กองช่าง</td>"
        "<td></td><td colspan=3 bgcolor='#5b9bd5'></td></tr>"
    )
    document = small_page(rows, header)
    assert [m.period for m in document.measures] == ["ต.ค., พ.ย.", "ธ.ค.", "พ.ย., ธ.ค., ม.ค."]
    assert [m.extra for m in document.measures] == [{}] * 3


def test_text_under_a_group_header_is_no_tick():
    """A column of text (or a lone figure) beside tick columns keeps its group from being read as
    ticks: each column goes where its header sends it, as before."""
    document = small_page(
        _status_row("อบรมคุณธรรม", "✓", "อบรม ๒ รุ่น", ""),
        _STATUS_HEADER.format(group="ผลการดำเนินการ"),
    )
    (measure,) = document.measures
    assert measure.results == ["✓"]
    assert measure.extra["ผลการดำเนินการ อยู่ระหว่างดำเนินการ"] == "อบรม ๒ รุ่น"


def test_a_group_header_printed_again_down_the_table_is_no_measure():
    """Word saves a table whose two-row header repeats after a page break with the pair printed
    again; the repeat is the header, not a measure titled "มาตรการ/กิจกรรม"."""
    header = (
        "<tr><td rowspan=2>มาตรการ/กิจกรรม</td><td rowspan=2>วิธีการดำเนินการ</td>"
        "<td rowspan=2>ผู้รับผิดชอบ</td><td colspan=2>ผลการดำเนินการ</td></tr>"
        "<tr><td>สรุปผล</td><td>ผลลัพธ์</td></tr>"
    )
    row = "<tr><td>{}</td><td>๑. จัดทำ</td><td>สำนักปลัด</td><td>แล้วเสร็จ</td><td>โปร่งใส</td></tr>"
    document = small_page(
        row.format("ประกาศใช้คู่มือ") + header + row.format("เปิดบริการ E-Service"), header
    )
    assert [m.title for m in document.measures] == ["ประกาศใช้คู่มือ", "เปิดบริการ E-Service"]
    (table,) = document.tables
    assert len(table.rows) == 2


def test_a_note_across_the_table_is_kept_in_the_table_and_is_no_measure():
    """A footnote (or a section heading) printed in one cell across every column stays a row of
    the table as printed; it is no measure, and does not run into the measure above it."""
    row = "<tr><td>{}</td><td>๑. จัดทำ</td><td>สำนักปลัด</td><td>ต.ค. ๖๗</td><td>แล้วเสร็จ</td><td>โปร่งใส</td></tr>"
    document = small_page(
        "<tr><td colspan=6>ยุทธศาสตร์ที่ ๑ การเปิดเผยข้อมูล</td></tr>"
        + row.format("ประกาศใช้คู่มือ")
        + row.format("เปิดบริการ E-Service")
        + "<tr><td colspan=6>หมายเหตุ : ข้อมูล ณ วันที่ ๓๐ กันยายน ๒๕๖๘</td></tr>"
    )
    assert [m.title for m in document.measures] == ["ประกาศใช้คู่มือ", "เปิดบริการ E-Service"]
    (table,) = document.tables
    assert [row[0].text for row in table.rows] == [
        "ยุทธศาสตร์ที่ ๑ การเปิดเผยข้อมูล",
        "ประกาศใช้คู่มือ",
        "เปิดบริการ E-Service",
        "หมายเหตุ : ข้อมูล ณ วันที่ ๓๐ กันยายน ๒๕๖๘",
    ]


def test_a_body_cell_across_columns_is_one_value():
    document = small_page(
        "<tr><td>ประกาศใช้คู่มือ</td><td>๑. จัดทำคู่มือ</td><td>สำนักปลัด</td>"
        "<td colspan=3>ยกเลิกกิจกรรม</td></tr>"
    )
    (measure,) = document.measures
    assert (measure.period, measure.results, measure.outcomes) == ("ยกเลิกกิจกรรม", [], [])


def test_rowspan_zero_runs_to_the_last_row_and_huge_spans_add_no_columns():
    document = small_page(
        "<tr><td>ประกาศใช้คู่มือ</td><td>๑. จัดทำคู่มือ</td><td rowspan=0>สำนักปลัด</td>"
        "<td>ต.ค. ๒๕๖๗</td><td>แล้วเสร็จ</td><td colspan=150000>ดี</td></tr>"
        "<tr><td>เปิดบริการ E-Service</td><td>๑. เปิดระบบ</td>"
        "<td>พ.ย. ๒๕๖๗</td><td>เปิดแล้ว</td><td colspan=999>ดีมาก</td></tr>"
    )
    (table,) = document.tables
    assert len(table.header) == 6
    assert [m.responsible for m in document.measures] == [["สำนักปลัด"]] * 2
    assert [m.outcomes for m in document.measures] == [["ดี"], ["ดีมาก"]]


def test_title_rows_in_the_table_are_title_lines_even_with_a_miscounted_span():
    header = (
        "<tr><td colspan=3><b>รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรม</b></td></tr>"
        "<tr><td colspan=3>ประจำปีงบประมาณ พ.ศ. ๒๕๖๘ องค์การบริหารส่วนตำบลหนองน้ำใส</td>"
        "<td></td><td>&nbsp;</td></tr>" + _MEASURE_HEADER
    )
    html = (
        f"<html><body><table>{header}<tr><td>ประกาศใช้คู่มือ</td><td>๑. จัดทำคู่มือ</td>"
        "<td>สำนักปลัด</td><td>ต.ค. ๒๕๖๗</td><td>แล้วเสร็จ</td><td>ดี</td></tr></table></body></html>"
    )
    document = process_bytes(html.encode("utf-8"), "titled.html")
    assert (document.meta.title, document.meta.fiscal_year_be) == (
        "รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรม",
        2568,
    )
    assert document.meta.agency == "องค์การบริหารส่วนตำบลหนองน้ำใส"
    assert [m.title for m in document.measures] == ["ประกาศใช้คู่มือ"]


def test_a_table_split_in_two_with_its_header_repeated_is_one_table():
    first = (
        "<tr><td>ประกาศใช้คู่มือ</td><td>๑. จัดทำคู่มือ</td><td>สำนักปลัด</td><td>ต.ค. ๒๕๖๗</td>"
        "<td>แล้วเสร็จ</td><td>ดี</td></tr>"
    )
    rest = "<tr><td></td><td>๒. ประกาศใช้คู่มือ</td><td></td><td></td><td></td><td></td></tr>"
    split = (
        f"<html><body><p>รายงานผลการดำเนินการ</p><table>{_MEASURE_HEADER}{first}</table>"
        f"<p>&nbsp;</p><table>{_MEASURE_HEADER}{rest}</table></body></html>"
    )
    document = process_bytes(split.encode("utf-8"), "split.html")
    assert len(document.tables) == 1
    (measure,) = document.measures
    assert measure.methods == ["จัดทำคู่มือ", "ประกาศใช้คู่มือ"]
    # text between the tables: two tables
    apart = split.replace("<p>&nbsp;</p>", "<p>ตารางที่ ๒</p>")
    assert len(process_bytes(apart.encode("utf-8"), "apart.html").tables) == 2


def test_numbered_list_items_are_steps_and_typed_numbers_stay_text():
    document = small_page(
        "<tr><td>ประกาศใช้คู่มือ</td><td><ol><li>จัดทำคู่มือ</li><li>ประกาศใช้<ul><li>เว็บไซต์</li>"
        "</ul></li></ol></td><td>สำนักปลัด</td><td>ต.ค. ๒๕๖๗</td>"
        "<td><ol style='list-style:none'><li>๑. ประกาศแล้ว</li></ol></td><td>ดี</td></tr>"
    )
    (measure,) = document.measures
    assert measure.methods == ["จัดทำคู่มือ", "ประกาศใช้\n- เว็บไซต์"]
    assert measure.results == ["๑. ประกาศแล้ว"]


# --- never a crash -------------------------------------------------------------------------

_FRAGMENTS = [
    "<table>", "</table>", "<tr>", "</tr>", "<td>", "</td>", "<th colspan='2;'>", "<td rowspan=0>",
    "<td colspan=99999>", "<thead>", "<tbody>", "<p>", "</p>", "<br>", "<ul><li>", "<ol><li>",
    "</li>", "<b>", "</i>", "<div style='display:none'>", "<script>", "</script>", "<o:p>",
    "<![if !supportLists]>", "<!--", "-->", "&nbsp;", "&amp;", "<caption>", "<nav>", "<footer>",
    "<template>", "<meta charset=tis-620>", "มาตรการ/กิจกรรม", "วิธีการดำเนินการ", "ผู้รับผิดชอบ",
    "ระยะเวลา", "สรุปผล", "๑. จัดทำคู่มือ", "รายงานผล", "\t", "\n", "<", ">", "\x00",
]  # fmt: skip


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_FRAGMENTS) | st.text(max_size=5), max_size=80))
def test_any_tag_soup_is_read_without_crashing(pieces):
    data = ("<html><body>" + "".join(pieces)).encode("utf-8")
    if sniff_format(data) != "html":
        assert data.count(b"\x00") * 10 >= len(data)  # only bytes that look binary are refused
        return
    document = process_bytes(data, "soup.html")
    assert document.format == "html"
    assert document.page_count == 1


@pytest.mark.parametrize("nesting", ["<div>", "<table><tr><td>", "<ul><li>", "<b>"])
def test_pages_nested_deeper_than_python_recurses_are_read(nesting):
    data = f"<html><body><p>รายงานผล</p>{nesting * 5000}ข้อความในสุด</body></html>".encode()
    document = process_bytes(data, "deep.html")
    assert "ข้อความในสุด" in document.pages[0].raw_text


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16"])
def test_pages_with_a_byte_order_mark(encoding):
    report, variant = PAGES["nongnamsai-2568-two-tables"]
    data = report_page(report, variant).decode("utf-8").encode(encoding)
    assert sniff_format(data) == "html"
    assert document_export(process_bytes(data, "page.html")) == expected_document(report)
