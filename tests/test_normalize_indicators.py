"""ITA indicator of a measure from keyword rules."""

from __future__ import annotations

import json

import pytest
from conftest import SAMPLE_EXPECTED

from normalize.indicators import INDICATORS, classify_indicator, indicator_scores


def test_ten_indicators() -> None:
    assert [i.number for i in INDICATORS] == list(range(1, 11))
    assert len({i.code for i in INDICATORS}) == 10
    assert INDICATORS[1].code == "i2_budget" and INDICATORS[1].name_th == "การใช้งบประมาณ"


def test_the_sample_reports_measures() -> None:
    """The 7 measures of the real report map onto indicators 6, 8, 7, 4, 2, 3, 5 (domain.md §2),
    from the title and steps, and from the title alone."""
    measures = json.loads(SAMPLE_EXPECTED.read_text(encoding="utf-8"))["documents"][0]["measures"]
    with_steps = [classify_indicator(m["title"], m["methods"]) for m in measures]
    title_only = [classify_indicator(m["title"]) for m in measures]
    assert [i.number if i else None for i in with_steps] == [6, 8, 7, 4, 2, 3, 5]
    assert [i.number if i else None for i in title_only] == [6, 8, 7, 4, 2, 3, 5]


# measures as other agencies word them (our own text)
@pytest.mark.parametrize(
    ("title", "methods", "number"),
    [
        ("มาตรการป้องกันผลประโยชน์ทับซ้อน", ["จัดทำคู่มือการป้องกันผลประโยชน์ทับซ้อน"], 1),
        ("เปิดเผยแผนการใช้จ่ายงบประมาณประจำปี", ["รายงานผลการเบิกจ่ายงบประมาณรายไตรมาส"], 2),
        ("การมอบหมายงานและการประเมินผลการปฏิบัติงานอย่างเป็นธรรม", [], 3),
        ("ขั้นตอนการขอยืมครุภัณฑ์ของหน่วยงาน", ["จัดทำแบบฟอร์มการยืมครุภัณฑ์"], 4),
        ("ช่องทางแจ้งเบาะแสและร้องเรียนการทุจริต", ["ติดตามเรื่องร้องเรียนทุกเรื่อง"], 5),
        ("ปรับปรุงมาตรฐานการให้บริการ", ["จัดทำคู่มือสำหรับประชาชน"], 6),
        ("เผยแพร่ข้อมูลข่าวสารผ่านสื่อสังคมออนไลน์", ["จัดทำ Chatbot ตอบคำถาม"], 7),
        ("นำระบบ e-Service มาใช้ในการรับคำร้อง", [], 8),
        ("การเปิดเผยข้อมูลบนเว็บไซต์ตามเกณฑ์ OIT", [], 9),
        ("จัดทำแผนปฏิบัติการป้องกันการทุจริตประจำปี", ["ประกาศเจตจำนงสุจริตของผู้บริหาร"], 10),
    ],
)
def test_other_wordings(title: str, methods: list[str], number: int) -> None:
    indicator = classify_indicator(title, methods)
    assert indicator is not None and indicator.number == number


def test_wrap_spaces_do_not_hide_keywords() -> None:
    indicator = classify_indicator("การป้องกันการนำทรัพย์ สินราชการไปใช้")
    assert indicator is not None and indicator.number == 4


@pytest.mark.parametrize(
    ("title", "methods"),
    [
        ("กิจกรรมวันเด็กแห่งชาติ", []),  # no keyword
        ("", []),
        ("กิจกรรมวันเด็ก", ["ประชาสัมพันธ์กิจกรรม"]),  # one weak keyword in a step is not enough
    ],
)
def test_no_indicator(title: str, methods: list[str]) -> None:
    assert classify_indicator(title, methods) is None


def test_a_tie_is_no_answer() -> None:
    # คู่มือ (quality) and ยืม (assets) weigh the same
    assert indicator_scores("คู่มือการยืม") == {6: 6, 4: 6}
    assert classify_indicator("คู่มือการยืม") is None
    assert classify_indicator("คู่มือการยืม", ["ตรวจสอบครุภัณฑ์"]).number == 4


def test_longer_keyword_wins_its_span() -> None:
    """'แก้ไขและป้องกันการทุจริต' counts for indicator 5 only, not also for 10's
    'ป้องกันการทุจริต'."""
    scores = indicator_scores("กลไกการแก้ไขและป้องกันการทุจริต")
    assert 5 in scores and 10 not in scores
