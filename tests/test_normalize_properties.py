"""Properties of every normalize function on arbitrary text (hypothesis).

Text→text functions are idempotent and never drop a Thai consonant; parsers never raise on arbitrary
Unicode and answer None when the text says nothing.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from normalize.agencies import agency_key, canonical_province, is_province, parse_agency
from normalize.amounts import find_amounts, parse_amount
from normalize.chars import repair_thai_chars, restore_sara_am
from normalize.dates import (
    be_to_ce,
    ce_to_be,
    find_fiscal_year,
    fiscal_year_range,
    parse_be_year,
    parse_period,
    parse_thai_date,
)
from normalize.indicators import INDICATORS, classify_indicator
from normalize.quality import assess_thai_quality
from normalize.units import canonical_unit, split_units

PROPERTIES = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Thai-heavy text: the Thai block, spaces, newlines, digits, punctuation, PUA glyphs, invisibles
THAI_ALPHABET = (
    [chr(c) for c in range(0x0E01, 0x0E5C)]
    + list(" \n\t.,()/-0123456789")
    + [chr(c) for c in (0xF701, 0xF70A, 0xF710, 0xF711, 0xF718, 0xF884, 0xF89E)]
    + list("\u200b\u00ad\ufeff\u00a0")
)
thai_text = st.text(alphabet=THAI_ALPHABET, max_size=60)
# words the parsers look for, mixed with Thai noise
PHRASES = [
    "ปีงบประมาณ",
    "พ.ศ.",
    "๒๕๖๘",
    "2567",
    "๖๘",
    "ต.ค.",
    "มีนาคม",
    "31",
    "๑",
    "-",
    "ถึง",
    "ไตรมาสที่ 2",
    "รอบ 6 เดือน",
    "บาท",
    "แสน",
    "ล้าน",
    "ห้า",
    "สตางค์",
    "๕๙๓,๗๖๐",
    ".๐๐",
    "อบต.",
    "อ.",
    "จ.",
    "อำเภอ",
    "จังหวัด",
    "เพชรบุรี",
    "ท่ายาง",
    "เขต",
    "กรุงเทพฯ",
    "สำนักงาน",
    "กองคลัง",
    "สำนักปลัด",
    "งาน",
    "และ",
    "ฯ",
    "/",
    ",",
    " ",
    "\n",
    "ทรัพย์สิน",
    "E-Service",
    "ส า",
    "ำ",
    "า",
]
phrase_text = st.lists(st.sampled_from(PHRASES) | thai_text, max_size=12).map("".join)
any_text = st.text(max_size=80) | thai_text | phrase_text

CONSONANTS = re.compile(r"[\u0e01-\u0e2e]")


# --- chars -----------------------------------------------------------------------------------


@PROPERTIES
@given(any_text)
def test_repair_thai_chars_is_idempotent(text: str) -> None:
    once = repair_thai_chars(text)
    assert repair_thai_chars(once) == once


@PROPERTIES
@given(any_text)
def test_repair_thai_chars_keeps_consonants_and_lines(text: str) -> None:
    repaired = repair_thai_chars(text)
    # private-use glyphs stand for consonants (ฐ, ญ) or marks: map them, then nothing else goes
    expected = CONSONANTS.findall(
        text.translate({0xF700: "ฐ", 0xF89E: "ฐ", 0xF70F: "ญ", 0xF89A: "ญ"})
    )
    assert CONSONANTS.findall(repaired) == expected
    assert repaired.count("\n") == text.count("\n")
    # Latin letters and digits stay; a ligature glyph (ﬃ) becomes its letters
    letters = "".join(
        unicodedata.normalize("NFKC", ch) if "\ufb00" <= ch <= "\ufb06" else ch for ch in text
    )
    assert re.findall(r"[A-Za-z0-9๐-๙]", repaired) == re.findall(r"[A-Za-z0-9๐-๙]", letters)


@PROPERTIES
@given(any_text)
def test_restore_sara_am_is_idempotent(text: str) -> None:
    once = restore_sara_am(text)
    assert restore_sara_am(once) == once


@PROPERTIES
@given(any_text)
def test_restore_sara_am_only_touches_sara_am_and_the_space_before_it(text: str) -> None:
    def skeleton(value: str) -> str:
        return re.sub(r"[ \t]", "", value).replace("\u0e33", "\u0e32")

    assert skeleton(restore_sara_am(text)) == skeleton(text)


# --- quality ---------------------------------------------------------------------------------


@PROPERTIES
@given(any_text)
def test_quality_is_a_bounded_score(text: str) -> None:
    quality = assess_thai_quality(text)
    assert 0.0 <= quality.score <= 1.0
    assert 0.0 <= quality.oov_share <= 1.0
    assert quality.defects >= 0
    assert assess_thai_quality(text) == quality


# --- dates -----------------------------------------------------------------------------------


@PROPERTIES
@given(any_text)
def test_date_parsers_never_raise(text: str) -> None:
    for year in (parse_be_year(text), find_fiscal_year(text)):
        assert year is None or 2400 <= year < 2900
    day = parse_thai_date(text)
    assert day is None or isinstance(day, date)
    start, end = parse_period(text)
    assert start is None or isinstance(start, date)
    assert end is None or isinstance(end, date)


@PROPERTIES
@given(st.integers(min_value=2400, max_value=2799))
def test_fiscal_year_arithmetic(be: int) -> None:
    first, last = fiscal_year_range(be)
    assert ce_to_be(be_to_ce(be)) == be
    assert (first.month, first.day, last.month, last.day) == (10, 1, 9, 30)
    assert last.year == be_to_ce(be) == first.year + 1
    assert parse_period(f"ปีงบประมาณ {be}") == (first, last)


# --- amounts ---------------------------------------------------------------------------------


@PROPERTIES
@given(any_text)
def test_amount_parsers_never_raise(text: str) -> None:
    amounts = find_amounts(text)
    assert all(isinstance(a, Decimal) and a >= 0 for a in amounts)
    amount = parse_amount(text)
    assert amount is None or (isinstance(amount, Decimal) and amount >= 0)


@PROPERTIES
@given(st.integers(min_value=0, max_value=10**12))
def test_grouped_digits_read_back(value: int) -> None:
    assert parse_amount(f"{value:,} บาท") == value
    assert parse_amount(f"{value:,}".translate(str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙"))) == value


# --- units -----------------------------------------------------------------------------------


@PROPERTIES
@given(any_text.filter(lambda t: "ข้อ" not in t))
def test_split_units_keeps_every_thai_letter(text: str) -> None:
    """Every letter but a conjunction ("และ") between two units, which separates them as a comma
    does."""
    units = split_units(text)
    assert all(unit and unit == unit.strip() for unit in units)
    letters = re.compile(r"[\u0e01-\u0e4e]")
    assert letters.findall("".join(units).replace("และ", "")) == letters.findall(
        text.replace("และ", "")
    )


@PROPERTIES
@given(any_text)
def test_canonical_unit_is_idempotent(text: str) -> None:
    name = canonical_unit(text)
    assert canonical_unit(name) == name


# --- agencies --------------------------------------------------------------------------------

AGENCY_TYPES = {None, "อบต.", "เทศบาลตำบล", "เทศบาลเมือง", "เทศบาลนคร", "อบจ."}


@PROPERTIES
@given(any_text)
def test_parse_agency_never_raises(text: str) -> None:
    agency = parse_agency(text)
    if agency is not None:
        assert agency.agency_type in AGENCY_TYPES
        assert agency.name and agency.name in re.sub(r"\s+", " ", text)
        assert agency.key == agency_key(agency) and agency.key.count("|") == 3
        assert " " not in agency.key


@PROPERTIES
@given(any_text)
def test_canonical_province_is_idempotent(text: str) -> None:
    province = canonical_province(text)
    assert province is None or canonical_province(province) == province
    assert is_province(text) is (province is not None)


# --- indicators ------------------------------------------------------------------------------


@PROPERTIES
@given(any_text, st.lists(any_text, max_size=3))
def test_classify_indicator_never_raises(title: str, methods: list[str]) -> None:
    indicator = classify_indicator(title, methods)
    assert indicator is None or indicator in INDICATORS
