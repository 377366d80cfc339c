"""The Word reader on our own documents (tests/fixtures/docx, from scripts/make_fixtures.py).

Each document was written from ``scripts.fixtures.reports`` by ``scripts.fixtures.docx_writer``:
Word's automatic Thai numbering and bullets with a two-row group header (``gridSpan``), one row
per step with the measure's cells merged down (``vMerge``), the plain document LibreOffice turns
into a PDF fixture, and an announcement without a table. Every test compares what the reader
gives with the report the document was made from.
"""

from __future__ import annotations

import io
import re
import zipfile
from functools import cache

import pytest
from conftest import FIXTURES
from docx import Document as WordDocument
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from report_sources import document_export

from extract.backend import UnreadableDocument
from extract.backend.docx_backend import read
from extract.metadata import document_meta
from extract.model import Document, ExtractedDocument
from extract.pipeline import NO_TABLE_NOTE, process_bytes
from extract.sniff import sniff_format
from scripts.fixtures.docx_writer import TableLayout, report_docx
from scripts.fixtures.render_docx import DOCX_FIXTURES, MEMO_DOCUMENT, DocxVariant
from scripts.fixtures.reports import (
    NO_GIFT_MEMO,
    NONG_NAM_SAI,
    Report,
    expected_document,
    printed_cells,
    printed_rows,
)

DOCX = FIXTURES / "docx"
DOCUMENTS = {variant.name: (report, variant) for report, variant in DOCX_FIXTURES}
# parts that hold what we wrote (the package's other parts carry save times)
CONTENT_PARTS = ("word/document.xml", "word/numbering.xml", "word/styles.xml")


def document_bytes(name: str) -> bytes:
    return (DOCX / f"{name}.docx").read_bytes()


def rendered_bytes(
    report: Report, variant: DocxVariant, layout: TableLayout | None = None
) -> bytes:
    buffer = io.BytesIO()
    report_docx(report, variant, layout or variant.layout).save(buffer)
    return buffer.getvalue()


def parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return {name: package.read(name) for name in CONTENT_PARTS}


@cache
def extracted(name: str) -> ExtractedDocument:
    return read(document_bytes(name), f"{name}.docx")


@cache
def processed(name: str) -> Document:
    return process_bytes(document_bytes(name), f"{name}.docx")


def body_rows(report: Report) -> list[list[list[str]]]:
    return [printed_cells(report, seq) for seq in range(1, len(report.measures) + 1)]


# --- every report document -----------------------------------------------------------------


@pytest.mark.parametrize("name", DOCUMENTS)
def test_fixture_is_what_the_writer_makes_of_the_report(name):
    report, variant = DOCUMENTS[name]
    assert parts(document_bytes(name)) == parts(rendered_bytes(report, variant))


@pytest.mark.parametrize("name", DOCUMENTS)
def test_document_equals_the_report(name):
    report, _ = DOCUMENTS[name]
    document = processed(name)
    assert (document.format, sniff_format(document_bytes(name))) == ("docx", "docx")
    assert document_export(document) == expected_document(report)


@pytest.mark.parametrize("name", DOCUMENTS)
def test_title_paragraphs_above_the_table_are_the_title_lines(name):
    report, _ = DOCUMENTS[name]
    assert extracted(name).title_lines == [report.title, report.subtitle]


@pytest.mark.parametrize("name", DOCUMENTS)
def test_one_page_holding_the_document_text(name):
    report, _ = DOCUMENTS[name]
    document = extracted(name)
    assert document.page_count == 1
    (page,) = document.pages
    assert page.raw_text.splitlines()[:2] == [report.title, report.subtitle]
    for measure in report.measures:
        for text in [measure.title, *(step.text for step in measure.steps), *measure.results]:
            assert text in page.raw_text


@pytest.mark.parametrize("name", DOCUMENTS)
def test_one_header_row_whatever_word_repeats_or_merges(name):
    report, variant = DOCUMENTS[name]
    (table,) = processed(name).tables
    assert table.header == list(report.header)
    assert len(table.rows) == len(printed_rows(report))  # a section heading row included
    xml = parts(document_bytes(name))["word/document.xml"].decode("utf-8")
    header_rows = 2 if variant.layout.group_header else 1
    assert xml.count("<w:tblHeader") == header_rows  # repeated on every page by Word


# --- what Word holds beyond the text -------------------------------------------------------


def test_automatic_numbers_and_bullets_are_not_in_the_text_but_in_the_kinds():
    report, _ = DOCUMENTS["nongnamsai-2568-numbered"]
    (table,) = extracted("nongnamsai-2568-numbered").tables
    rows = table.rows[1:]  # the two header rows are combined into one
    for measure, row in zip(report.measures, rows, strict=True):
        methods = [(block.kind, block.raw_text) for block in row.cells[1].blocks]
        assert methods == [
            (kind, text)
            for step in measure.steps
            for kind, text in [("step", step.text), *(("li", item) for item in step.subitems)]
        ]
        # "- " outcomes are Word bullets; the results column is plain paragraphs
        assert [(b.kind, b.raw_text) for b in row.cells[5].blocks] == [
            ("li", text) for text in measure.outcomes
        ]
        assert [(b.kind, b.raw_text) for b in row.cells[4].blocks] == [
            ("p", text) for text in measure.results
        ]


def test_vertical_merges_copy_a_measure_into_each_of_its_step_rows():
    report, _ = DOCUMENTS["noensaithong-2567-merged"]
    (table,) = extracted("noensaithong-2567-merged").tables
    rows = table.rows[1:]
    assert len(rows) == sum(len(measure.steps) for measure in report.measures)
    for measure in report.measures:
        step_rows, rows = rows[: len(measure.steps)], rows[len(measure.steps) :]
        assert {row.cells[0].raw_text for row in step_rows} == {measure.title}
        assert [row.cells[1].raw_text for row in step_rows] == [s.text for s in measure.steps]
        assert {row.cells[2].raw_text for row in step_rows} == {"\n".join(measure.responsible)}


def test_plain_document_cells_are_the_printed_cells():
    report, _ = DOCUMENTS["huaisaingam-2566-libreoffice-landscape"]
    (table,) = processed("huaisaingam-2566-libreoffice-landscape").tables
    assert [[cell.paragraphs for cell in row] for row in table.rows] == body_rows(report)


def test_explicit_page_breaks_start_pages():
    report, variant = DOCUMENTS["huaisaingam-2566-libreoffice-landscape"]
    document = report_docx(report, variant)
    document.paragraphs[-1].add_run().add_break(WD_BREAK.PAGE)  # the blank line above the table
    buffer = io.BytesIO()
    document.save(buffer)
    extracted_document = read(buffer.getvalue(), "broken.docx")
    assert [page.number for page in extracted_document.pages] == [1, 2]
    assert extracted_document.pages[0].raw_text.splitlines() == [report.title, report.subtitle]
    assert extracted_document.tables[0].pages == [2]
    result = process_bytes(buffer.getvalue(), "broken.docx")
    assert {tuple(m.pages) for m in result.measures} == {(2,)}
    assert document_export(result) == expected_document(report)


def _with_document_xml(data: bytes, edit, part: str = "word/document.xml") -> bytes:
    """The package with its document.xml (or another XML ``part``) edited."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == part:
                content = edit(content.decode("utf-8")).encode("utf-8")
            target.writestr(item, content)
    return out.getvalue()


def test_deleted_and_hidden_text_is_left_out():
    report, _ = DOCUMENTS["huaisaingam-2566-libreoffice-landscape"]
    title_run = f"<w:t>{report.title}</w:t></w:r>"
    extra = (
        '<w:del w:id="1" w:author="ก"><w:r><w:delText>ข้อความที่ลบแล้ว</w:delText></w:r></w:del>'
        "<w:r><w:rPr><w:vanish/></w:rPr><w:t>ข้อความที่ซ่อน</w:t></w:r>"
        '<w:ins w:id="2" w:author="ก"><w:r><w:t xml:space="preserve"> (ฉบับแก้ไข)</w:t></w:r></w:ins>'
    )
    data = _with_document_xml(
        document_bytes("huaisaingam-2566-libreoffice-landscape"),
        lambda xml: xml.replace(title_run, title_run + extra, 1),
    )
    document = read(data, "tracked.docx")
    assert document.title_lines[0] == report.title + " (ฉบับแก้ไข)"
    assert "ข้อความที่ลบแล้ว" not in document.pages[0].raw_text
    assert "ข้อความที่ซ่อน" not in document.pages[0].raw_text


def test_a_layout_table_and_content_controls_around_the_report():
    """Word documents made from templates: the title in a content control, the report table
    inside a one-cell table that lays out the page."""
    report, _ = DOCUMENTS["noensaithong-2567-merged"]

    def wrap(xml: str) -> str:
        start, end = xml.index("<w:tbl>"), xml.rindex("</w:tbl>") + len("</w:tbl>")
        title_start = xml.index("<w:p>", xml.index("<w:body>"))
        layout = f"<w:tbl><w:tr><w:tc><w:p/>{xml[start:end]}<w:p/></w:tc></w:tr></w:tbl>"
        xml = xml[:start] + layout + xml[end:]
        title_end = xml.index("</w:p>", xml.index(report.subtitle)) + len("</w:p>")
        control = f"<w:sdt><w:sdtContent>{xml[title_start:title_end]}</w:sdtContent></w:sdt>"
        return xml[:title_start] + control + xml[title_end:]

    data = _with_document_xml(document_bytes("noensaithong-2567-merged"), wrap)
    assert read(data, "template.docx").title_lines == [report.title, report.subtitle]
    assert document_export(process_bytes(data, "template.docx")) == expected_document(report)


def test_document_without_a_table():
    document = process_bytes(document_bytes(MEMO_DOCUMENT), f"{MEMO_DOCUMENT}.docx")
    assert (document.tables, document.measures, document.notes) == ([], [], [NO_TABLE_NOTE])
    expected = document_meta(list(NO_GIFT_MEMO.title_lines))
    assert document.meta == expected
    for paragraph in [*NO_GIFT_MEMO.title_lines, *NO_GIFT_MEMO.paragraphs, *NO_GIFT_MEMO.signature]:
        assert paragraph in document.pages[0].raw_text


def test_a_group_header_written_by_word_reads_as_one_header_row():
    variant = DocxVariant("grouped", layout=TableLayout(group_header="ผลการดำเนินการ"))
    document = process_bytes(rendered_bytes(NONG_NAM_SAI, variant), "grouped.docx")
    assert document.tables[0].header == list(NONG_NAM_SAI.header)
    assert document_export(document) == expected_document(NONG_NAM_SAI)


def test_damaged_documents_fail_with_a_reason():
    data = _with_document_xml(
        document_bytes(MEMO_DOCUMENT), lambda xml: xml.replace("</w:body>", "", 1)
    )
    with pytest.raises(UnreadableDocument, match=re.escape("damaged Word document")):
        read(data, "damaged.docx")
    no_body = _with_document_xml(
        document_bytes(MEMO_DOCUMENT),
        lambda xml: re.sub(r"<w:body>.*</w:body>", "", xml, flags=re.S),
    )
    with pytest.raises(UnreadableDocument, match="it has no body"):
        read(no_body, "empty.docx")


def test_digits_set_in_an_it9_font_read_as_printed():
    """TH SarabunIT๙, the font of Thai official documents, draws 0–9 as ๐–๙: a document set in it
    prints its Arabic digits as Thai ones, and reads so (as its PDF export does); a run set in
    another font keeps them."""
    data = document_bytes("nongnamsai-2568-numbered")
    in_it9 = _with_document_xml(  # its Normal style set in TH SarabunIT๙, as official templates
        data, lambda xml: xml.replace('"Laksaman"', '"TH SarabunIT๙"'), part="word/styles.xml"
    )
    text = "\n".join(page.raw_text for page in read(in_it9, "it9.docx").pages)
    assert "รวมทั้งสิ้น ๑๗ เรื่อง" in text
    assert not re.search("[0-9]", text)
    assert "รวมทั้งสิ้น 17 เรื่อง" in "\n".join(p.raw_text for p in read(data, "plain.docx").pages)
    psk = '<w:r><w:rPr><w:rFonts w:ascii="TH SarabunPSK"/></w:rPr><w:t>ข้อ 5</w:t></w:r>'
    mixed = _with_document_xml(in_it9, lambda xml: xml.replace("</w:p>", psk + "</w:p>", 1))
    assert "ข้อ 5" in read(mixed, "mixed.docx").pages[0].raw_text


def test_months_shaded_as_bars_are_the_period():
    """A Word chart whose bars are shaded cells (w:shd), no mark in them; a row shaded whole, as
    a striped table shades it, ticks nothing but the bar drawn over it."""

    def shade(cell, colour: str) -> None:
        shading = OxmlElement("w:shd")
        shading.set(qn("w:val"), "clear")
        shading.set(qn("w:fill"), colour)
        cell._tc.get_or_add_tcPr().append(shading)

    months = ["ต.ค.", "พ.ย.", "ธ.ค.", "ม.ค."]
    word = WordDocument()
    word.add_paragraph("แผนปฏิบัติการป้องกันการทุจริต ประจำปีงบประมาณ พ.ศ. ๒๕๖๘")
    table = word.add_table(rows=4, cols=7)
    for column, label in enumerate(["มาตรการ/กิจกรรม", "วิธีการดำเนินการ", "ผู้รับผิดชอบ"]):
        table.cell(0, column).merge(table.cell(1, column)).text = label
    table.cell(0, 3).merge(table.cell(0, 6)).text = "ระยะเวลาดำเนินการ"
    for column, month in enumerate(months, 3):
        table.cell(1, column).text = month
    for row, (title, bars) in enumerate([("อบรมคุณธรรม", {3, 4}), ("ประชุมชี้แจง", {5})], 2):
        for column, text in enumerate([title, "๑. จัดทำ", "สำนักปลัด"]):
            table.cell(row, column).text = text
        for column in range(7):
            if column in bars:
                shade(table.cell(row, column), "5B9BD5")
            elif row == 3:
                shade(table.cell(row, column), "F2F2F2")  # the stripe
    buffer = io.BytesIO()
    word.save(buffer)
    document = process_bytes(buffer.getvalue(), "chart.docx")
    assert [m.period for m in document.measures] == ["ต.ค., พ.ย.", "ธ.ค."]
