"""Table assembly on built rows: which rows at a table's top are its header."""

from __future__ import annotations

from extract.model import Cell, RawRow, RawTable, TextBlock
from extract.tables import assemble_table, cell_text, is_note_row


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


def test_a_note_or_a_total_under_the_table_is_no_record() -> None:
    assert is_note_row(_row("หมายเหตุ :", "ข้อมูลจากระบบ e-GP").cells)
    assert is_note_row(_row("รวมงบประมาณทั้งสิ้น", "", "150,000.00 บาท").cells)
    assert is_note_row(_row("", "รวม", "๓๕,๐๐๐").cells)
    # a measure whose title opens with รวม holds text beside it
    assert not is_note_row(_row("รวมพลังต้านทุจริต", "๑. จัดกิจกรรม", "สำนักปลัด").cells)
    assert not is_note_row(_row("รวม").cells)
