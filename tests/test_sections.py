"""Measures grouped under section headings printed in rows of their own ("ตัวชี้วัดที่ ๑ …"): the
heading is no measure, each measure below it carries it, and a heading that names an ITA
indicator decides the measure's indicator.

Real inputs: our report ``BO_KAEO`` rendered seven ways (tests/fixtures/*/bokaeo-2568*: the heading
in a cell across the table in the PDFs (one with a running header over every page), the Word document and the workbook; typed in the first
cell with the others blank in the web page and the text dump). The cross-format test checks every
field of every rendering against the source, ``section`` included.
"""

from __future__ import annotations

import csv
import io
import sqlite3
from dataclasses import replace

import pytest
from conftest import FIXTURES

from extract.export import export_csv, export_documents
from extract.model import Cell, LogicalTable, RawRow, RawTable, TextBlock
from extract.pipeline import ingest_paths
from extract.tables import assemble_table, cell_text, section_heading
from normalize.indicators import classify_indicator, named_indicator
from scripts.fixtures.reports import BO_KAEO

RENDERINGS = sorted(FIXTURES.glob("*/bokaeo-2568*"))
HEADED = "bokaeo-2568-weasyprint-headed-tables.pdf"  # one table per section, its heading above it
SECTIONS = [measure.section for measure in BO_KAEO.measures]


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory):
    db = tmp_path_factory.mktemp("sections") / "archive.db"
    summary = ingest_paths(RENDERINGS, db, jobs=2)
    assert summary.failed == [] and summary.count("added") == len(RENDERINGS)
    return db


@pytest.fixture(scope="module")
def exported(archive) -> dict[str, dict]:
    return {doc["source_name"]: doc for doc in export_documents(archive)["documents"]}


def test_every_rendering_gives_four_measures_under_their_headings(exported):
    assert len(RENDERINGS) == 14  # six plan charts and the one table per section among them
    for name, document in exported.items():
        measures = document["measures"]
        assert [m["title"] for m in measures] == [m.title for m in BO_KAEO.measures], name
        assert [m["section"] for m in measures] == SECTIONS, name


def test_the_heading_rows_stay_in_the_archived_table(exported):
    """Nothing printed is lost: the table keeps its heading rows as printed."""
    for name, document in exported.items():
        if name == HEADED:  # the headings are printed above the tables, not in them
            assert [len(table["rows"]) for table in document["tables"]] == [2, 1, 1]
            continue
        (table,) = document["tables"]
        first_cells = [" ".join(row[0].split()) for row in table["rows"]]
        assert [cell for cell in first_cells if cell in SECTIONS] == list(dict.fromkeys(SECTIONS))
        assert len(table["rows"]) == 4 + 3, name


@pytest.mark.parametrize("name", ["bokaeo-2568-weasyprint-sections.pdf", HEADED])
def test_a_heading_that_names_an_indicator_decides_it(exported, name):
    document = exported[name]
    indicators = [m["indicator"] for m in document["measures"]]
    assert indicators[:3] == ["i1_duty", "i1_duty", "i4_assets"]
    # the heading made the difference: the words of measure 2 (คู่มือ) point elsewhere
    handbook = BO_KAEO.measures[1]
    by_words = classify_indicator(handbook.title, [s.text for s in handbook.steps])
    assert by_words is None or by_words.code != "i1_duty"
    # a dimension of the anti-corruption plan names no indicator: the words decide as before
    dimension = BO_KAEO.measures[3]
    by_words = classify_indicator(dimension.title, [s.text for s in dimension.steps])
    assert indicators[3] == (by_words.code if by_words else None)


def test_csv_and_the_flat_view_carry_the_section(archive):
    rows = list(csv.DictReader(io.StringIO(export_csv(archive).lstrip("\ufeff"))))
    assert [row["section"] for row in rows[:4]] == SECTIONS
    with sqlite3.connect(archive) as conn:
        flat = conn.execute("SELECT section FROM measures_flat ORDER BY id LIMIT 4").fetchall()
    assert [section for (section,) in flat] == SECTIONS


# --- which rows are headings ---------------------------------------------------------------


def _cell(text: str) -> Cell:
    """A cell as repair leaves it: read, and its text as one paragraph."""
    return Cell(blocks=[TextBlock(lines=[text])], paragraphs=[text]) if text else Cell()


def _row(*texts: str) -> RawRow:
    return RawRow(cells=[_cell(text) for text in texts], page=1)


def _assembled(*rows: RawRow) -> LogicalTable:
    return assemble_table(RawTable(rows=list(rows), pages=[1]), index=1)


HEADER = _row("มาตรการ/กิจกรรม", "วิธีการดำเนินการ", "ผู้รับผิดชอบ", "ระยะเวลา", "สรุปผล", "ผลลัพธ์")


def test_a_heading_is_one_cell_opening_with_a_section_word():
    assert section_heading(_row("ตัวชี้วัดที่ ๒ การใช้งบประมาณ", "", "").cells) == (
        "ตัวชี้วัดที่ ๒ การใช้งบประมาณ"
    )
    wrapped = RawRow(cells=[Cell(blocks=[TextBlock(lines=["มิติที่ ๑", "การสร้างสังคม"])])], page=1)
    assert section_heading(wrapped.cells) == "มิติที่ ๑ การสร้างสังคม"
    # a measure whose title names an indicator, its other cells filled: a measure
    assert section_heading(_row("ตัวชี้วัดที่ ๒ การใช้งบประมาณ", "๑. เผยแพร่แผน", "กองคลัง").cells) is None
    # a measure printed with its title only, no section word: still a measure
    assert section_heading(_row("ประชุมประจำเดือน", "", "").cells) is None


def test_a_title_only_measure_stays_a_measure_and_a_heading_takes_no_continuation():
    table = _assembled(
        HEADER,
        _row("ตัวชี้วัดที่ ๓ การใช้อำนาจ", "", "", "", "", ""),
        _row("ประชุมชี้แจงแนวทาง", "", "", "", "", ""),
        _row("", "๑. แจ้งเวียนหนังสือ", "สำนักปลัด", "", "", ""),
    )
    first_cells = [cell_text(row[0]) for row in table.rows]
    assert first_cells == ["ตัวชี้วัดที่ ๓ การใช้อำนาจ", "ประชุมชี้แจงแนวทาง"]
    assert cell_text(table.rows[1][1]) == "๑. แจ้งเวียนหนังสือ"  # continued: blank title


def test_a_heading_beside_a_blank_running_number_continues_no_measure():
    """With a running-number column the number cell is the row's key: a heading typed in the
    title column beside it left blank would read as the previous measure's continuation."""
    numbered = _row("ที่", "มาตรการ", "วิธีการดำเนินการ", "ผู้รับผิดชอบ", "ระยะเวลา", "ผลการดำเนินงาน")
    table = _assembled(
        numbered,
        _row("๑", "ประชุมชี้แจงแนวทาง", "๑. แจ้งเวียนหนังสือ", "สำนักปลัด", "", ""),
        _row("", "ตัวชี้วัดที่ ๒ การใช้งบประมาณ", "", "", "", ""),
        _row("๒", "เผยแพร่แผนจัดซื้อ", "๑. ประกาศบนเว็บไซต์", "กองคลัง", "", ""),
        _row("", "", "", "", "", "ประกาศแล้ว"),  # a blank number: continued
    )
    assert [cell_text(row[1]) for row in table.rows] == [
        "ประชุมชี้แจงแนวทาง",
        "ตัวชี้วัดที่ ๒ การใช้งบประมาณ",
        "เผยแพร่แผนจัดซื้อ",
    ]
    assert section_heading(table.rows[1]) == "ตัวชี้วัดที่ ๒ การใช้งบประมาณ"
    assert cell_text(table.rows[2][5]) == "ประกาศแล้ว"
    # text in a later column alone (a row carried on) is no heading, whatever it opens with
    assert section_heading(_row("", "", "ตัวชี้วัดความสำเร็จ ร้อยละ ๘๐", "").cells) is None


def test_a_numbered_heading_and_a_heading_across_the_row_naming_an_indicator():
    numbered = _row("๑", "ตัวชี้วัดที่ ๑ การปฏิบัติหน้าที่", "", "")
    assert section_heading(numbered.cells) == "ตัวชี้วัดที่ ๑ การปฏิบัติหน้าที่"
    # a title and a first step that opens with ตัวชี้วัด: a measure
    assert section_heading(_row("ประเมินผลการดำเนินงาน", "ตัวชี้วัดความสำเร็จ", "", "").cells) is None
    across = [replace(_cell("การใช้งบประมาณ"), spans_row=True), Cell(), Cell()]
    assert section_heading(across) == "การใช้งบประมาณ"
    assert section_heading([_cell("การใช้งบประมาณ"), Cell(), Cell()]) is None  # a title alone
    note = [replace(_cell("หมายเหตุ การใช้งบประมาณเป็นไปตามแผน"), spans_row=True), Cell()]
    assert section_heading(note) is None
    as_of = [replace(_cell("ข้อมูล ณ วันที่ ๓๐ กันยายน ๒๕๖๘"), spans_row=True), Cell()]
    assert section_heading(as_of) is None  # across the row, but names no indicator


def test_an_indicator_is_named_by_one_name_only():
    assert named_indicator("ตัวชี้วัดที่ ๔ การใช้ทรัพย์สินของราชการ").code == "i4_assets"
    assert named_indicator("มิติที่ ๒ การบริหารราชการเพื่อป้องกันการทุจริต") is None
    assert named_indicator("การใช้งบประมาณและการใช้อำนาจ") is None  # two named: none decides
