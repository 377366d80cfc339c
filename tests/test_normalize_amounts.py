"""Money amounts as exact Decimals: digits, multiplier words, spelled-out numbers."""

from __future__ import annotations

from decimal import Decimal

import pytest
from conftest import SAMPLE_EXPECTED

from normalize.amounts import find_amounts, parse_amount


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("๕ แสนบาท", Decimal(500000)),
        ("เกิน ๕ แสนบาท", Decimal(500000)),
        ("500,000 บาท", Decimal(500000)),
        ("๑.๕ ล้านบาท", Decimal(1500000)),
        ("๘๗๓,๗๖๐.00", Decimal("873760.00")),  # a table cell: the number alone
        ("๒๕๐,๐๐๐.๐๐", Decimal(250000)),
        ("(๑๐,๐๐๐)", Decimal(10000)),
        ("ห้าแสนบาท", Decimal(500000)),
        ("ห้าแสนบาทถ้วน", Decimal(500000)),
        ("1,234.50 บาท", Decimal("1234.50")),
        # whole baht as accounts write it: ".-" for no satang
        ("20,000.- บาท", Decimal(20000)),
        ("๓๕,๐๐๐.-", Decimal(35000)),
        ("๑ ล้าน ๒ แสนบาท", Decimal(1200000)),
        ("๑ ล้าน ๒๕๐ บาท", Decimal(1000250)),
        ("สองล้านสามแสนบาท", Decimal(2300000)),
        ("100 บาท 50 สตางค์", Decimal("100.50")),
        ("เก้าพันหกร้อยสามสิบห้าบาทห้าสิบหกสตางค์", Decimal("9635.56")),
        # spaces an extractor put before the comma or the decimal point (a real PDF)
        ("จำนวน ๕๙๓ ,๗๖๐ บาท", Decimal(593760)),
        ("ทั้งสิ้น ๕๘๑,๐๙๖ .๐๐\nบาท", Decimal("581096.00")),
        # not amounts
        ("ร้อยละ ๖๗.๙๕", None),
        ("ปีงบประมาณ ๒๕๖๘", None),
        ("สามารถ", None),
        ("(บาท)", None),
        ("-", None),
        ("", None),
    ],
)
def test_parse_amount(text: str, amount: Decimal | None) -> None:
    parsed = parse_amount(text)
    assert parsed == amount
    assert parsed is None or isinstance(parsed, Decimal)


def test_find_amounts_in_a_real_pdf_paragraph() -> None:
    """procurement-analysis-2562.pdf page 4, after repair: each amount once, the spelled-out
    total too, and neither the year nor the percentages."""
    text = (
        "ได้จัดทำรายงานวิเคราะห์ผลการจัดซื้อจัดจ้างประจำปี งบประมาณ พ.ศ.๒๕๖๒ โดยได้รับอนุมัติ"
        "เงินงบประมาณทั้งสิ้น ๕๙๓,๗๖๐ บาท และเงินนอกงบประมาณ จำนวน ๒๘๐,๐๐๐ บาท รวมเป็นเงินทั้งสิ้น "
        "๘๗๓,๗๖๐ บาท (แปดแสนเจ็ดหมื่นสามพันเจ็ดร้อยหกสิบบาท\nถ้วน) คิดเป็นร้อยละ ๖๗.๙๕"
    )
    assert find_amounts(text) == [
        Decimal(593760),
        Decimal(280000),
        Decimal(873760),
        Decimal(873760),
    ]


def test_a_year_before_an_amount_is_not_part_of_it() -> None:
    assert find_amounts("ปี ๒๕๖๒ ๒๕๐ บาท") == [Decimal(250)]
    assert parse_amount("ปี ๒๕๖๒ ๒๕๐,๐๐๐.๐๐") is None  # no currency and not a bare number


def test_digits_and_multiplier_are_not_counted_twice() -> None:
    assert find_amounts("วงเงินเกิน ๕ แสนบาท ให้จัดทำประกาศ") == [Decimal(500000)]


def test_the_sample_reports_threshold() -> None:
    """Measure 5 of the real report: 'ที่มีวงเงินเกิน ๕ แสนบาท'."""
    import json

    measures = json.loads(SAMPLE_EXPECTED.read_text(encoding="utf-8"))["documents"][0]["measures"]
    amounts = [a for m in measures for step in m["methods"] for a in find_amounts(step)]
    assert amounts == [Decimal(500000)]
