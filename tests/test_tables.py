"""Table assembly on built rows: which rows at a table's top are its header, and how a row cut by
a page end joins the row it continues."""

from __future__ import annotations

from extract.model import Cell, RawRow, RawTable, TextBlock
from extract.tables import assemble_table, cell_text, header_paths, is_note_row, merge_cells
from normalize.wraps import WrapStats


def _row(*texts: str) -> RawRow:
    return RawRow(cells=[Cell(blocks=[TextBlock(lines=[t])] if t else []) for t in texts], page=1)


def _assembled(*rows: RawRow):
    return assemble_table(RawTable(rows=list(rows), pages=[1]), index=1)


FIGURES = _row("๘๗๓,๗๖๐.00", "๘๖๐,๗๖๔.๔๔", "๑๓,๐๑๓.๕๖")
LABELS = _row("ได้รับจัดสรร", "ใช้ไป", "ประหยัดได้")


def test_labels_over_figures_are_the_header_though_no_label_is_a_known_column() -> None:
    table = _assembled(LABELS, FIGURES)
    assert table.header == ["ได้รับจัดสรร", "ใช้ไป", "ประหยัดได้"]
    assert [[cell_text(cell) for cell in row] for row in table.rows] == [
        ["๘๗๓,๗๖๐.00", "๘๖๐,๗๖๔.๔๔", "๑๓,๐๑๓.๕๖"]
    ]


def test_a_caption_spanning_the_table_groups_the_labels_under_it() -> None:
    table = _assembled(_row("งบประมาณ (หน่วย : บาท)", "", ""), LABELS, FIGURES)
    assert table.header == [
        "งบประมาณ (หน่วย : บาท) ได้รับจัดสรร",
        "งบประมาณ (หน่วย : บาท) ใช้ไป",
        "งบประมาณ (หน่วย : บาท) ประหยัดได้",
    ]
    assert len(table.rows) == 1


def test_text_rows_without_a_known_column_or_a_figure_below_have_no_header() -> None:
    """A table continued on a page of its own, without its header: its first row is text."""
    table = _assembled(_row("ค่าวัสดุ", "จัดซื้อ"), _row("ค่าใช้สอย", "จัดจ้าง"))
    assert table.header == []
    assert len(table.rows) == 2


def test_a_caption_over_body_rows_is_kept_as_a_row() -> None:
    table = _assembled(_row("หมายเหตุ", ""), _row("ค่าวัสดุ", "จัดซื้อ"), _row("ค่าใช้สอย", "จัดจ้าง"))
    assert table.header == []
    assert [cell_text(row[0]) for row in table.rows] == ["หมายเหตุ", "ค่าวัสดุ", "ค่าใช้สอย"]


# a plan chart's header in three rows, blanks where a label spans (as the PDF reader gives it):
# ระยะเวลา over the years over their months, ผลการดำเนินการ two rows high over its statuses
CHART_HEADER = [
    _row("มาตรการ", "ผู้รับผิดชอบ", "ระยะเวลา", "", "", "", "ผลการดำเนินการ", ""),
    _row("", "", "พ.ศ. ๒๕๖๗", "", "พ.ศ. ๒๕๖๘", "", "", ""),
    _row("", "", "ต.ค.", "พ.ย.", "ม.ค.", "ก.พ.", "แล้วเสร็จ", "ยังไม่เสร็จ"),
]


def test_a_header_in_three_rows_names_each_column_under_its_groups() -> None:
    """Before, the month row was read as a measure titled "มาตรการ" (the label over it)."""
    table = _assembled(*CHART_HEADER, _row("อบรมคุณธรรม", "สำนักปลัด", "✓", "✓", "", "", "✓", ""))
    assert table.header == [
        "มาตรการ",
        "ผู้รับผิดชอบ",
        "ระยะเวลา พ.ศ. ๒๕๖๗ ต.ค.",
        "ระยะเวลา พ.ศ. ๒๕๖๗ พ.ย.",
        "ระยะเวลา พ.ศ. ๒๕๖๘ ม.ค.",
        "ระยะเวลา พ.ศ. ๒๕๖๘ ก.พ.",
        "ผลการดำเนินการ แล้วเสร็จ",
        "ผลการดำเนินการ ยังไม่เสร็จ",
    ]
    assert [cell_text(row[0]) for row in table.rows] == ["อบรมคุณธรรม"]


def _texts(rows: list[RawRow]) -> list[list[str]]:
    return [[cell_text(cell) for cell in row.cells] for row in rows]


def test_rows_that_are_no_header_in_rows_have_no_paths() -> None:
    header = _texts(CHART_HEADER)
    assert header_paths(header[:2]) is None  # the years span months left blank in the last row
    body = ["อบรมคุณธรรม", "สำนักปลัด", "✓", "✓", "", "", "✓", ""]
    assert header_paths([*header[:2], body]) is None  # a body row's cells are no group's labels
    # a label under a label two rows high, which spans nothing
    assert header_paths([["มาตรการ", "ผล", ""], ["", "สรุป", "ผลลัพธ์"]]) == [
        ("มาตรการ",),
        ("ผล", "สรุป"),
        ("ผล", "ผลลัพธ์"),
    ]
    assert header_paths([["มาตรการ", "", "ผล"], ["", "สรุป", "ผลลัพธ์"]]) is None
    # each group over one sub-header: a body row under a header, not a header in two rows
    assert header_paths([["มาตรการ", "ผล"], ["อบรม", "จัดแล้ว"]]) is None


def test_a_note_or_a_total_under_the_table_is_no_record() -> None:
    assert is_note_row(_row("หมายเหตุ :", "ข้อมูลจากระบบ e-GP").cells)
    assert is_note_row(_row("รวมงบประมาณทั้งสิ้น", "", "150,000.00 บาท").cells)
    assert is_note_row(_row("", "รวม", "๓๕,๐๐๐").cells)
    assert is_note_row(_row("รวมทั้งสิ้น", "", "150,000.- บาท").cells)  # whole baht: ".-"
    # a measure whose title opens with รวม holds text beside it
    assert not is_note_row(_row("รวมพลังต้านทุจริต", "๑. จัดกิจกรรม", "สำนักปลัด").cells)
    assert not is_note_row(_row("รวม").cells)


# A row cut by a page end in a LibreOffice PDF (measured on the fixture
# huaisaingam-2566-libreoffice-landscape.pdf: cell 83.6 pt, TH Sarabun 15 pt). LibreOffice keeps the
# space a wrap took as the line's last char, so a page cut is decided like any line junction.
LIBREOFFICE = WrapStats(keeps_line_end_spaces=True)


def _measured(lines: list[str], widths: list[float], paragraph: str) -> Cell:
    block = TextBlock(
        lines=lines, line_widths=widths, font_size=15.0, line_indents=[0.0] * len(lines)
    )
    return Cell(blocks=[block], width=83.6, paragraphs=[paragraph])


def test_a_page_cut_without_the_space_a_wrap_keeps_joins_the_thai_run() -> None:
    # the language alone keeps a space before ผ่าน; the line had room for one, and none is there
    above = _measured(["• ยื่นคำขอ"], [60.8], "• ยื่นคำขอ")
    lines, widths = ["ผ่าน E-", "Service 14 ", "ราย"], [42.9, 69.2, 22.9]
    below = _measured(lines, widths, "ผ่าน E-Service 14 ราย")
    merge_cells(above, below, True, LIBREOFFICE)
    assert above.paragraphs == ["• ยื่นคำขอผ่าน E-Service 14 ราย"]


def test_a_page_cut_after_a_kept_line_end_space_keeps_the_authors_space() -> None:
    above = _measured(["• มีผู้ตอบ", "เฉลี่ยร้อยละ "], [54.5, 71.2], "• มีผู้ตอบเฉลี่ยร้อยละ")
    below = _measured(["๘๗.๔", "ต่อปี"], [34.0, 30.0], "๘๗.๔ต่อปี")
    merge_cells(above, below, True, LIBREOFFICE)
    assert above.paragraphs == ["• มีผู้ตอบเฉลี่ยร้อยละ ๘๗.๔ต่อปี"]


def test_a_page_cut_under_a_line_with_room_for_the_next_word_ends_the_paragraph() -> None:
    above = _measured(["มีผู้ร้องเรียน ", "๓ เรื่อง"], [70.0, 42.2], "มีผู้ร้องเรียน ๓ เรื่อง")
    below = _measured(["ปิดเรื่องแล้ว", "ทั้งหมด"], [70.3, 43.8], "ปิดเรื่องแล้วทั้งหมด")
    merge_cells(above, below, True, LIBREOFFICE)
    assert above.paragraphs == ["มีผู้ร้องเรียน ๓ เรื่อง", "ปิดเรื่องแล้วทั้งหมด"]


def test_a_page_cut_read_without_line_widths_is_left_to_the_language() -> None:
    left = "๓. จัดให้มีช่องทางการ"
    above = Cell(blocks=[TextBlock(lines=[left])], paragraphs=[left])
    below = Cell(blocks=[TextBlock(lines=["สอบถามข้อมูล"])], paragraphs=["สอบถามข้อมูล"])
    merge_cells(above, below, True, None)
    assert above.paragraphs == ["๓. จัดให้มีช่องทางการสอบถามข้อมูล"]


def test_a_title_marked_continued_runs_on_the_measure_above() -> None:
    """A title printed again where a measure runs on, marked "(ต่อ)", or the mark alone, continues
    the measure above; the title is kept once, without the mark."""

    def repaired(*texts: str) -> RawRow:  # cells as the repair stage leaves them
        cells = [
            Cell(blocks=[TextBlock(lines=[t])], paragraphs=[t]) if t else Cell() for t in texts
        ]
        return RawRow(cells=cells, page=1)

    header = repaired("มาตรการ/กิจกรรม", "วิธีการดำเนินการ", "ผู้รับผิดชอบ", "ผลการดำเนินการ")
    table = _assembled(
        header,
        repaired("อบรมคุณธรรม", "๑. จัดอบรม", "สำนักปลัด", "อบรมแล้ว"),
        repaired("อบรมคุณธรรม (ต่อ)", "๒. ประเมินผล", "", "ประเมินแล้ว"),
        repaired("(ต่อ)", "๓. รายงาน", "", ""),
        repaired("เผยแพร่ข้อมูล", "๑. ลงเว็บไซต์", "กองคลัง", ""),
        # a title that only ends in ต่อ names another measure
        repaired("ประชุมชี้แจงต่อ", "๑. ประชุม", "สำนักปลัด", ""),
    )
    assert [cell_text(row[0]) for row in table.rows] == [
        "อบรมคุณธรรม",
        "เผยแพร่ข้อมูล",
        "ประชุมชี้แจงต่อ",
    ]
    assert cell_text(table.rows[0][1]).split("\n") == ["๑. จัดอบรม", "๒. ประเมินผล", "๓. รายงาน"]
