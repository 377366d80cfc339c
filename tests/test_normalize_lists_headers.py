"""Step and bullet markers, and header variants → canonical columns."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from normalize.headers import canonical_column, heading_above, is_measures_header, map_header
from normalize.lists import (
    bullet_marker,
    is_tick_mark,
    is_unticked,
    split_inline_bullets,
    split_inline_steps,
    step_marker,
)


@pytest.mark.parametrize(
    ("text", "number", "rest"),
    [
        ("๑. จัดทำคู่มือ", 1, "จัดทำคู่มือ"),
        ("12. เผยแพร่ข้อมูล", 12, "เผยแพร่ข้อมูล"),
        ("(3) ประเมินความเสี่ยง", 3, "ประเมินความเสี่ยง"),
        ("4) รายงานผล", 4, "รายงานผล"),
        ("ข้อ ๕ จัดทำแผน", 5, "จัดทำแผน"),
        ("๑๐.วิเคราะห์ผล", 10, "วิเคราะห์ผล"),
    ],
)
def test_step_markers(text, number, rest):
    marked = step_marker(text)
    assert marked is not None and marked.number == number and marked.text == rest


@pytest.mark.parametrize(
    "text", ["1.5 ล้านบาท", "2568 ปีงบประมาณ", "พ.ศ. ๒๕๖๘", "E-Service", "ทั้ง ๓ ฉบับ"]
)
def test_not_step_markers(text):
    assert step_marker(text) is None


def test_bullets():
    assert bullet_marker("- มีการประเมิน").text == "มีการประเมิน"
    assert bullet_marker("• ประชาชน").text == "ประชาชน"
    assert bullet_marker("-5% ของงบ") is None
    assert bullet_marker("E-Service") is None


def test_inline_steps_cut_only_where_numbering_continues():
    text = "๖. ประเมินความเสี่ยง ทั้ง ๓ ฉบับ ๗. รายงานผล ณ วันที่ ๓๑ มีนาคม ๒๕๖๘ ๘. จัดทำแผน"
    pieces = split_inline_steps(text)
    assert [(p.number, p.text) for p in pieces] == [
        (6, "ประเมินความเสี่ยง ทั้ง ๓ ฉบับ"),
        (7, "รายงานผล ณ วันที่ ๓๑ มีนาคม ๒๕๖๘"),
        (8, "จัดทำแผน"),
    ]


def test_inline_steps_continue_a_sequence_across_pages():
    pieces = split_inline_steps("สอบถามข้อมูล ๔. จัดให้มีช่องทาง", next_number=4)
    assert [(p.number, p.text) for p in pieces] == [(None, "สอบถามข้อมูล"), (4, "จัดให้มีช่องทาง")]


def test_inline_steps_in_parentheses_split_as_the_other_markers_do():
    pieces = split_inline_steps("(1) จัดให้มีช่องทาง ๔ ช่องทาง (2) แต่งตั้งคณะกรรมการ (๓) แจ้งผล")
    assert [(p.number, p.text) for p in pieces] == [
        (1, "จัดให้มีช่องทาง ๔ ช่องทาง"),
        (2, "แต่งตั้งคณะกรรมการ"),
        (3, "แจ้งผล"),
    ]
    # a number in parentheses that does not continue the steps is text: "มาตรา ๙ (๘)"
    pieces = split_inline_steps("(1) เผยแพร่ตามมาตรา ๙ (๘) ทางเว็บไซต์")
    assert [(p.number, p.text) for p in pieces] == [(1, "เผยแพร่ตามมาตรา ๙ (๘) ทางเว็บไซต์")]


def test_inline_bullets_only_in_a_bulleted_paragraph():
    assert split_inline_bullets("- ก ต่าง ๆ ที่ต้อง - ข การประชาสัมพันธ์") == [
        "ก ต่าง ๆ ที่ต้อง",
        "ข การประชาสัมพันธ์",
    ]
    assert split_inline_bullets("ระหว่าง 1 ต.ค. 2567 - 31 มี.ค. 2568") == [
        "ระหว่าง 1 ต.ค. 2567 - 31 มี.ค. 2568"
    ]
    # a paragraph opened by another bullet glyph splits at that glyph too
    assert split_inline_bullets("● จัดทำวารสาร ๔ ฉบับ ● เผยแพร่ข่าว ๑๒๐ เรื่อง") == [
        "จัดทำวารสาร ๔ ฉบับ",
        "เผยแพร่ข่าว ๑๒๐ เรื่อง",
    ]


@pytest.mark.parametrize(
    ("text", "items"),
    [
        # a dash between the two ends of a period joins them: it is no bullet
        (
            "- จัดอบรม ระหว่างเดือน มกราคม - มีนาคม 2568 - มีผู้เข้าร่วม 50 คน",
            ["จัดอบรม ระหว่างเดือน มกราคม - มีนาคม 2568", "มีผู้เข้าร่วม 50 คน"],
        ),
        ("- ประชุมทุกเดือน ต.ค. - ธ.ค. 67", ["ประชุมทุกเดือน ต.ค. - ธ.ค. 67"]),
        (
            "- ตรวจสอบ ๑ ต.ค. ๖๗ – ๓๐ ก.ย. ๖๘ - รายงานผล",
            ["ตรวจสอบ ๑ ต.ค. ๖๗ – ๓๐ ก.ย. ๖๘", "รายงานผล"],
        ),
        ("• อบรม ไตรมาสที่ 1 - ไตรมาสที่ 2 • ประเมินผล", ["อบรม ไตรมาสที่ 1 - ไตรมาสที่ 2", "ประเมินผล"]),
        # bullets that open with a month are still bullets
        ("- ต.ค. 67 ประชุม - พ.ย. 67 อบรม", ["ต.ค. 67 ประชุม", "พ.ย. 67 อบรม"]),
        ("- จัดงาน ต.ค. 67 - ประชุม ธ.ค. 67", ["จัดงาน ต.ค. 67", "ประชุม ธ.ค. 67"]),
    ],
)
def test_a_period_in_a_bullet_is_not_cut(text: str, items: list[str]) -> None:
    assert split_inline_bullets(text) == items


@given(st.text())
def test_markers_never_raise(text):
    step_marker(text)
    bullet_marker(text)
    split_inline_bullets(text)
    assert all(piece.text.strip() in text for piece in split_inline_steps(text))


@pytest.mark.parametrize(
    ("header", "column"),
    [
        ("มาตรการ/กิจกรรม", "title"),
        ("โครงการ/กิจกรรม", "title"),
        ("วิธีการ ดำเนินการ", "methods"),
        ("แนวทางการดำเนินการ", "methods"),
        ("ขั้นตอน/วิธีการ", "methods"),
        ("วิธีการ/ขั้นตอนการดำเนินงาน", "methods"),
        ("หน่วยงานที่รับผิดชอบ", "responsible"),
        ("ระยะเวลาดำเนินการ", "period"),
        ("สรุปผลการดำเนินการตาม มาตรการ/กิจกรรม", "results"),
        ("ผลการดำเนินงาน", "results"),
        ("ผลลัพธ์หรือความสำเร็จของ การดำเนินการ", "outcomes"),
        ("ผลสัมฤทธิ์", "outcomes"),
        ("ลำดับที่", "number"),
        # plan-table wording: a table headed so had no title column and gave no measures
        ("ชื่อโครงการ/กิจกรรม", "title"),
        ("ชื่อกิจกรรม", "title"),
        ("ผู้ดำเนินการ", "responsible"),
        ("หน่วยงานดำเนินการ", "responsible"),
        ("สรุปผล", "results"),
        ("หมายเหตุ", None),
        ("งบประมาณ (บาท)", None),
        # an indicator column beside the measures: kept under extra as printed
        ("ประเด็น/ตัวชี้วัด", None),
        ("ตัวชี้วัด", None),
    ],
)
def test_header_variants(header, column):
    assert canonical_column(header) == column


def test_measures_header_needs_a_title_and_two_more_columns():
    assert is_measures_header(["มาตรการ", "วิธีการดำเนินการ", "ผู้รับผิดชอบ"])
    assert not is_measures_header(["ลำดับ", "รายการ", "จำนวนเงิน"])
    assert is_measures_header(["ชื่อโครงการ/กิจกรรม", "วิธีการดำเนินการ", "ผู้ดำเนินการ", "สรุปผล"])
    assert map_header(["มาตรการ", "หมายเหตุ", "มาตรการ"]) == ["title", None, None]


@pytest.mark.parametrize("text", ["✓", "/", "X", " ✔ ", "\uf0fc", "●"])
def test_tick_marks(text: str) -> None:
    assert is_tick_mark(text) and not is_unticked(text)


@pytest.mark.parametrize("text", ["", " ", "-", "–"])
def test_no_tick(text: str) -> None:
    assert is_unticked(text) and not is_tick_mark(text)


@pytest.mark.parametrize("text", ["ดำเนินการแล้ว", "1", "✓ แล้ว", "x2"])
def test_text_is_neither_tick_nor_blank(text: str) -> None:
    assert not is_tick_mark(text) and not is_unticked(text)


def test_a_heading_above_a_table_is_its_last_line_opening_with_a_section_word() -> None:
    assert heading_above(["รายงานผล", "ตัวชี้วัดที่ ๑ การปฏิบัติหน้าที่"]) == ("ตัวชี้วัดที่ ๑ การปฏิบัติหน้าที่")
    assert heading_above(["มิติที่ ๒\nการบริหาร  ราชการ"]) == "มิติที่ ๒ การบริหาร ราชการ"
    # the heading must be the text right above the table
    assert heading_above(["ตัวชี้วัดที่ ๑ การปฏิบัติหน้าที่", "หน่วยงานได้ดำเนินการดังนี้"]) is None
    assert heading_above(["ตารางที่ ๑"]) is None
    assert heading_above([]) is None
