"""The PDF reader on real Thai government PDFs (read from ../shared, never copied here).

Expected values come from reading the rendered pages (``pdftoppm -png -r 100``). The text is
raw: glyphs read as their embedded font draws them, so the ring of sara am that Word labels as a
space ("ส านักงาน") and PowerPoint's sara aa labelled sara am ("ศำสตร์") come out as drawn:
nikhahit + sara aa ("สํานักงาน"), which the repair stage joins into ำ. What the reader owns is
tested: marks on the right letters, no ``(cid:``, lines in reading order, the two-page table
stitched; and the repaired text of every page is clean enough not to be sent to OCR.
"""

from __future__ import annotations

import copy
import re
from functools import cache
from pathlib import Path

import pdfplumber
import pytest

from extract.backend.pdf_backend import TITLE_LINES_WITHOUT_TABLE, read
from extract.model import Document, ExtractedDocument
from extract.pipeline import process_bytes
from extract.repair import repair_characters
from extract.utils.text import glyphs_from_chars, group_lines

REAL = Path(__file__).resolve().parents[1].parent / "shared" / "samples" / "real"
PROCUREMENT = "procurement-analysis-2562.pdf"
GUIDELINE = "publication-guideline-2561.pdf"
SLIDE = "strategy-slide-2564.pdf"

pytestmark = pytest.mark.skipif(not REAL.is_dir(), reason="../shared/samples/real is not here")


@cache
def read_real(name: str) -> ExtractedDocument:
    return read((REAL / name).read_bytes(), name)


@cache
def process_real(name: str) -> Document:
    """The whole pipeline's document (read, repaired, assembled); tests only look at it."""
    return process_bytes((REAL / name).read_bytes(), name)


def all_text(document: ExtractedDocument) -> str:
    return "\n".join(page.raw_text for page in document.pages)


@pytest.mark.parametrize("name", [PROCUREMENT, GUIDELINE, SLIDE])
def test_marks_are_on_their_letters_and_no_cid_codes(name: str) -> None:
    text = all_text(read_real(name))
    for broken in ("ขอ้", "มลู", "ผู ้", "ข ้", "(cid:"):
        assert broken not in text


def test_x_sorted_extraction_breaks_these_words_and_ours_does_not() -> None:
    """The failure this reader exists for, on the same page: pdfplumber's default text puts
    Tahoma's marks after the next letter ("วสิ ยั ทศั น์"); ours keeps each on its letter."""
    with pdfplumber.open(REAL / SLIDE) as pdf:
        page = pdf.pages[0]
        default = page.extract_text()
        ours = "\n".join(line.text for line in group_lines(glyphs_from_chars(page.chars)))
    assert "วสิ ยั ทศั น์" in default
    assert "ขอ้ ตกลง" in default
    assert "วิสัยทัศน์" in ours
    assert "และบันทึกข้อตกลงควำมร่วมมือกำรด ำเนินงำนพัฒนำด้ำนสำธำรณสุข" in ours


def test_word_export_pages_read_in_order_with_marks_right() -> None:
    document = read_real(GUIDELINE)
    assert document.page_count == 4
    assert document.tables == []
    lines = document.pages[0].raw_text.splitlines()
    assert lines[:3] == [
        "ประกาศสํานักงานสาธารณสุขอําเภอหนองใหญ่",
        "เรื่อง แนวทางการเผยแพร่ข้อมูลต่อสาธารณะผ่านเว็บไซต์ของหน่วยงาน พ.ศ.๒๕๖๑",
        "สําหรับหน่วยงานในสังกัดสํานักงานสาธารณสุขอําเภอหนองใหญ่",
    ]
    # the heading's first entry holds the announcement's name with the lines set under it
    assert document.title_lines[0].split("\n") == lines[:3]
    visual_lines = [line for entry in document.title_lines for line in entry.split("\n")]
    assert visual_lines == lines[:TITLE_LINES_WITHOUT_TABLE]
    assert "๑.๑ ข้อมูลหน่วยงาน (General Information) ประกอบด้วย ประวัติความเป็นมา วิสัยทัศน์ พันธ" in lines
    assert lines.index("๑.๖ คู่มือ........") == len(lines) - 1


def test_powerpoint_tahoma_export_keeps_marks_on_their_letters() -> None:
    """Tahoma draws marks right of their letter's box; the stream order still holds. The PDF
    labels sara aa as sara am ("ยุทธศำสตร์") and the ring of sara am as a space ("ส ำคัญ"); the
    embedded Tahoma says what those glyphs are."""
    text = all_text(read_real(SLIDE))
    assert "วิสัยทัศน์" in text
    assert "ยุทธศาสตร์และตัวชี้วัดสําคัญตามคํารับรองปฏิบัติราชการ" in text
    assert "\u0e33" not in text  # every ำ on the slide is drawn as ring + sara aa
    assert "13) อัตราผลสําเร็จของการรักษาผู้ป่วยวัณโรคปอดราใหม่ ร้อยละ 88" in text  # typo kept


def test_the_slides_boxes_side_by_side_are_read_box_by_box() -> None:
    """The slide sets its goals, strategies and indicators in five columns of boxes whose lines
    sit at every height: each column is read to its foot before the next, so a box's lines
    follow each other and the 25 indicators come in their order."""
    lines = read_real(SLIDE).pages[0].raw_text.splitlines()
    box = [
        "เป้าประสงค์ 1.ประชาชน",
        "สามารถพึ่งตนเองด้าน",
        "สุขภาพ และมีส่วนร่วม",
        "จัดการสุขภาพชุมชนอย่าง",
        "ยั่งยืน",
    ]
    at = lines.index(box[0])
    assert lines[at : at + len(box)] == box
    numbered = [int(m.group(1)) for line in lines if (m := re.match(r"(\d+)\) ", line))]
    assert numbered == list(range(1, 26))


def test_a_contents_page_reads_each_entry_with_its_page_number() -> None:
    """The page numbers of the procurement report's contents stand on one edge far right of
    the entries: no column of text, so each entry is read with its number."""
    lines = read_real(PROCUREMENT).pages[2].raw_text.splitlines()
    assert lines[0] == "สารบัญ"
    assert "รายงานสรุปผลการจัดซื้อจัดจ้าง ๑" in lines
    assert "ความสามารถในการประหยัดงบประมาณ ๕" in lines


def test_every_page_has_text() -> None:
    document = read_real(PROCUREMENT)
    assert document.page_count == 9
    assert [page.number for page in document.pages] == list(range(1, 10))
    assert all(page.raw_text.strip() for page in document.pages)
    # the title set over two lines is one entry of the heading
    assert document.title_lines[0].split("\n") == [
        "รายงานผลการวิเคราะห์การจัดซื้อจัดจ้าง และข้อเสนอแนะ",
        "เพื่อพัฒนาในรอบปีงบประมาณ พ.ศ.๒๕๖๒",
    ]


def cells(document: ExtractedDocument, index: int) -> list[list[str]]:
    """Raw cell texts; a wrapped line keeps the space Word ended it on (wrap evidence), dropped
    here."""
    return [
        ["\n".join(line.rstrip() for line in cell.raw_text.split("\n")) for cell in row.cells]
        for row in document.tables[index].rows
    ]


def test_the_table_continued_from_page_4_to_page_5_is_one_table_with_all_rows() -> None:
    """Page 4 ends with row ๖; page 5 goes on with ๗, ๘ and รวม, with no header printed again."""
    document = read_real(PROCUREMENT)
    table = document.tables[0]
    assert table.pages == [4, 5]
    assert [row.page for row in table.rows] == [4] * 7 + [5] * 3
    rows = cells(document, 0)
    assert rows[0] == ["ลําดับ", "รายการ", "วงเงินที่ได้รับ (บาท)"]
    assert [row[0] for row in rows] == ["ลําดับ", *"๑๒๓๔๕๖๗๘", "รวม"]
    assert rows[1] == ["๑", "งบลงทุน (ค่าครุภัณฑ์ ที่ดินและสิ่งก่อสร้าง) ปี ๒๕๖๒", "๒๕๐,๐๐๐.๐๐"]
    assert rows[4] == [
        "๔",
        "งบประมาณรายจ่ายปีงบประมาณ ๒๕๖๒ ขับเคลื่อนการดําเนินงานคณะกรรมการ พชอ.\nระดับอําเภอ",
        "๑๐,๐๐๐.๐๐",
    ]
    assert rows[7] == [
        "๗",
        "งบประมาณตามแผนงานบูรณาการป้องกัน ปราบปราม และบําบัดรักษาผู้ติดยาเสพติด\n"
        "โครงการรักษาพยาบาลและฟื้นฟูสภาพผู้ป่วยยาเสพติด",
        "๙,๗๖๐.๐๐",
    ]
    assert rows[8][1].splitlines() == [
        "เงินนอกงบประมาณ สํานักงานหลักประกันสุขภาพแห่งชาติ เขต ๖ ระยอง โครงการส่งเสริม",
        "สุขภาพ ปรับเปลี่ยนพฤติกรรมในกลุ่มเสี่ยงต่อโรคเบาหวาน โรคความดันโลหิตสูง และ",
        "โรคหัวใจและหลอดเลือด อําเภอหนองใหญ่ ปีงบประมาณ ๒๕๖๒",
    ]
    assert rows[8][2] == "๒๘๐,๐๐๐.๐๐"
    assert rows[9] == ["รวม", "(แปดแสนเจ็ดหมื่นสามพันเจ็ดร้อยหกสิบบาทถ้วน)", "๘๗๓,๗๖๐.๐๐"]


def test_the_archived_table_keeps_the_row_numbered_on_below_the_page_cut_apart() -> None:
    """Row ๗ opens page 5 reading like a wrap of row ๖ (the line above it is full), but its number
    runs on from ๖: it is a row of its own in the archived table, not more text of row ๖."""
    (table, *_) = process_real(PROCUREMENT).tables
    assert [row[0].paragraphs for row in table.rows] == [[n] for n in "๑๒๓๔๕๖๗๘"] + [["รวม"]]
    assert [row[2].paragraphs for row in table.rows[5:7]] == [["๔,๐๐๐.๐๐"], ["๙,๗๖๐.๐๐"]]
    assert table.row_pages[5:7] == [[4], [5]]


def test_the_other_tables_stay_separate_and_complete() -> None:
    document = read_real(PROCUREMENT)
    assert [table.pages for table in document.tables] == [[4, 5], [5], [6], [8]]
    assert cells(document, 1)[3] == ["", "รวมเป็นเงินทั้งสิ้น", "๙", "๘๖๐,๗๔๖.๔๔", "๑๐๐"]
    table_3 = cells(document, 2)
    assert len(table_3) == 8
    assert table_3[3] == ["๓", "ค่าสาธารณูปโภค", "๕๓,๖๘๗.๔๔", "๖.๒๔"]
    # page 8: a title cell spanning all three columns, then the header, then two rows
    table_4 = cells(document, 3)
    assert table_4[0] == ["งบประมาณที่ได้รับการจัดสรร( หน่วย : บาท)", "", ""]
    # Word wrote a space between ด and its ไม้โท (the font changes there); the mark is drawn on ด
    assert table_4[1] == ["งบประมาณที่ได้รับจัดสรร", "งบประมาณที่ใช้ไป", "งบประมาณที่ประหยัดได้"]
    assert table_4[2] == ["๘๗๓,๗๖๐.๐๐", "๘๖๐,๗๖๔.๔๔", "๑๓,๐๑๓.๕๖"]
    assert table_4[3] == ["ร้อยละ ๑๐๐", "ร้อยละ ๙๘.๕๑", "ร้อยละ ๑.๔๙"]


def test_a_caption_spanning_the_table_heads_its_column_labels() -> None:
    """Page 8's table: the caption spanning all three columns is a group label over the bold
    column labels, as a group header is; the two rows of figures are the body."""
    table = process_real(PROCUREMENT).tables[3]
    caption = "งบประมาณที่ได้รับการจัดสรร( หน่วย : บาท)"
    assert table.header == [
        f"{caption} {label}"
        for label in ("งบประมาณที่ได้รับจัดสรร", "งบประมาณที่ใช้ไป", "งบประมาณที่ประหยัดได้")
    ]
    assert [[cell.text for cell in row] for row in table.rows] == [
        ["๘๗๓,๗๖๐.๐๐", "๘๖๐,๗๖๔.๔๔", "๑๓,๐๑๓.๕๖"],
        ["ร้อยละ ๑๐๐", "ร้อยละ ๙๘.๕๑", "ร้อยละ ๑.๔๙"],
    ]


# words printed on the rendered pages, as the repaired text must spell them
PRINTED_WORDS = {
    PROCUREMENT: ["สำนักงานสาธารณสุขอำเภอหนองใหญ่", "ลำดับ", "บำบัดรักษาผู้ติดยาเสพติด"],
    GUIDELINE: ["ประกาศสำนักงานสาธารณสุขอำเภอหนองใหญ่", "อำนาจหน้าที่", "ประจำปี คำรับรอง"],
    SLIDE: ["ยุทธศาสตร์และตัวชี้วัดสำคัญตามคำรับรองปฏิบัติราชการ", "ชลบุรีเป็นผู้นำ"],
}


@pytest.mark.parametrize("name", [PROCUREMENT, GUIDELINE, SLIDE])
def test_repaired_pages_read_as_printed_and_none_goes_to_ocr(name: str) -> None:
    """Read through their fonts, all three real exports repair to clean Thai: the PowerPoint
    slide too, whose marks and sara am the PDF's own map got wrong, so no page needs OCR."""
    document = copy.deepcopy(read_real(name))
    repair_characters(document)
    text = "\n".join(page.text for page in document.pages)
    for damaged in ("ขอ้", "ส านัก", "สานัก", "(cid:", "\u0e33\u0e32"):
        assert damaged not in text
    assert not re.search("[\ue000-\uf8ff\u200b\ufffd]", text)
    for word in PRINTED_WORDS[name]:
        assert word in text, word
    assert not [(page.number, page.quality) for page in document.pages if page.needs_ocr]


# by reading page 1: the procurement report's cover names the office and its province; the
# guideline is an announcement of the office (ประกาศ + its name, no space), whose district
# อำเภอหนองใหญ่ is the only one of that name (in ชลบุรี, which it does not print); the slide names no
# agency, and its fiscal year is the one after ปีงบประมาณ (line 4), not the vision's year 2579
REAL_METADATA = {
    PROCUREMENT: ("สำนักงานสาธารณสุขอำเภอหนองใหญ่", "หนองใหญ่", "ชลบุรี", 2562),
    GUIDELINE: ("สำนักงานสาธารณสุขอำเภอหนองใหญ่", "หนองใหญ่", "ชลบุรี", 2561),
    SLIDE: ("", None, None, 2564),
}


@pytest.mark.parametrize("name", [PROCUREMENT, GUIDELINE, SLIDE])
def test_documents_without_a_measures_table_still_get_their_agency_and_year(name: str) -> None:
    meta = process_real(name).meta
    assert (meta.agency, meta.district, meta.province, meta.fiscal_year_be) == REAL_METADATA[name]
    assert meta.agency_type is None  # a district health office is no local government


# by reading page 1: the report names as printed, every line of them
REAL_TITLES = {
    PROCUREMENT: "รายงานผลการวิเคราะห์การจัดซื้อจัดจ้าง และข้อเสนอแนะ เพื่อพัฒนาในรอบปีงบประมาณ พ.ศ.๒๕๖๒",
    GUIDELINE: "ประกาศสำนักงานสาธารณสุขอำเภอหนองใหญ่ เรื่อง แนวทางการเผยแพร่ข้อมูลต่อสาธารณะ"
    "ผ่านเว็บไซต์ของหน่วยงาน พ.ศ.๒๕๖๑ สำหรับหน่วยงานในสังกัดสำนักงานสาธารณสุขอำเภอหนองใหญ่",
    SLIDE: "ยุทธศาสตร์และตัวชี้วัดสำคัญตามคำรับรองปฏิบัติราชการ "
    "และบันทึกข้อตกลงความร่วมมือการดำเนินงานพัฒนาด้านสาธารณสุข",
}


@pytest.mark.parametrize(
    "name",
    [
        PROCUREMENT,
        GUIDELINE,
        SLIDE,
    ],
)
def test_the_title_is_read_from_its_own_box_whole(name: str) -> None:
    """The procurement report's name runs over two lines, the year in its second; the slide's
    title box (three lines, the last its year) stands beside the vision box, on the same
    lines; the guideline's name goes on with its subject (เรื่อง …, two lines)."""
    assert process_real(name).meta.title == REAL_TITLES[name]


@pytest.mark.parametrize(
    ("name", "page", "line"),
    [
        (GUIDELINE, 3, "(Web Master ) ซึ่ง"),  # was "ซึ่ ง": Word spread the line inside the word
        (GUIDELINE, 1, "สำนักงานสาธารณสุขอำเภอหนองใหญ่ จึงกำหนดแนวทาง"),
        (PROCUREMENT, 4, "เพื่อให้เป็นไปตามการประเมินคุณธรรม"),
        (PROCUREMENT, 4, "รายจ่ายประจำปีงบประมาณ"),
        (PROCUREMENT, 6, "วงเงินงบประมาณทั้งสิ้น ๕๘๑,๐๙๖.๐๐"),  # was "๕๘๑,๐๙๖ .๐๐"
        (PROCUREMENT, 6, "ประจำปีงบประมาณ พ.ศ.๒๕"),  # was "พ .ศ."
    ],
)
def test_a_justified_word_line_spread_without_a_space_char_reads_without_a_space(
    name: str, page: int, line: str
) -> None:
    """Word draws every typed space as a space char; the wider gaps it leaves between Thai letters
    of a justified line are its spread, not spaces."""
    document = process_real(name)
    assert line in document.pages[page - 1].text
