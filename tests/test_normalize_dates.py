"""Buddhist-era years, fiscal years, Thai dates and periods."""

from __future__ import annotations

from datetime import date

import pytest
from conftest import SAMPLE_DUMP

from normalize.dates import (
    be_to_ce,
    calendar_year_ending,
    ce_to_be,
    find_fiscal_year,
    fiscal_year_of,
    fiscal_year_range,
    month_named,
    parse_be_year,
    parse_period,
    parse_thai_date,
    range_dashes,
    thai_date_text,
)


def test_be_ce() -> None:
    assert be_to_ce(2568) == 2025
    assert ce_to_be(2025) == 2568


@pytest.mark.parametrize(
    ("be", "first", "last"),
    [(2568, date(2024, 10, 1), date(2025, 9, 30)), (2562, date(2018, 10, 1), date(2019, 9, 30))],
)
def test_fiscal_year_range(be: int, first: date, last: date) -> None:
    assert fiscal_year_range(be) == (first, last)
    assert fiscal_year_of(first) == fiscal_year_of(last) == be
    assert fiscal_year_of(date(first.year, 9, 30)) == be - 1


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("พ.ศ. ๒๕๖๘", 2568),
        ("พ.ศ.๒๕๖๘", 2568),
        ("ปีงบประมาณ ๖๘", 2568),
        ("2568", 2568),
        ("๒๕๖๘", 2568),
        ("๖๘", 2568),
        ("พ.ศ.25๖๒", 2562),  # mixed digits, as a real PDF prints them
        ("ค.ศ. 2025", 2568),
        ("ปี 2567", 2567),
        ("๕๙๓,๗๖๐", None),  # an amount, not a year
        ("1.2568", None),
        ("ไม่มีปี", None),
        ("", None),
    ],
)
def test_parse_be_year(text: str, year: int | None) -> None:
    assert parse_be_year(text) == year


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("ประจำปีงบประมาณ พ.ศ.๒๕๖๘ องค์การบริหารส่วนตำบลเขากระปุก อำเภอท่ายาง จังหวัดเพชรบุรี", 2568),
        ("ปีงบประมาณ ๖๘", 2568),
        ("ประจำปี งบประมาณ พ.ศ. 2568", 2568),
        # a year after ปีงบประมาณ wins over an earlier one after ประจำปี or พ.ศ.
        ("แผนฯ พ.ศ. ๒๕๖๖ - ๒๕๗๐ รายงานประจำปีงบประมาณ ๒๕๖๘", 2568),
        ("รายงานประจำปี พ.ศ. ๒๕๖๗", 2567),
        ("รายงานผลการดำเนินงาน 2566", 2566),
        ("รายงานผลการดำเนินงาน", None),
        ("๖๘", None),  # two digits with no year word are not a fiscal year in a title
    ],
)
def test_find_fiscal_year(text: str, year: int | None) -> None:
    assert find_fiscal_year(text) == year


def test_find_fiscal_year_of_the_sample_report() -> None:
    title_line = SAMPLE_DUMP.read_text(encoding="utf-8").strip().splitlines()[1]
    assert find_fiscal_year(title_line) == 2568


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("๓๑ มีนาคม ๒๕๖๘", date(2025, 3, 31)),
        ("ณ วันที่ ๓๑ มีนาคม ๒๕๖๘", date(2025, 3, 31)),
        ("31 มี.ค. 68", date(2025, 3, 31)),
        ("1 ต.ค. 2567", date(2024, 10, 1)),
        ("วันที่ 1 เดือนพฤศจิกายน พ.ศ. 2567", date(2024, 11, 1)),
        ("31/03/2568", date(2025, 3, 31)),
        ("1 ตุลาคม 2024", date(2024, 10, 1)),  # a year below 2400 is CE
        # regressions of pythainlp's thai_strptime: Thai digits raise IndexError there, and
        # numeric months 10–12 read as January ("1" in "12")
        ("๑ ตุลาคม ๒๕๖๗", date(2024, 10, 1)),
        ("๑๕ พ.ย. ๖๗", date(2024, 11, 15)),
        ("12/12/2567", date(2024, 12, 12)),
        ("10/11/2567", date(2024, 11, 10)),
        ("1/10/67", date(2024, 10, 1)),
        ("31 ก.พ. 2568", None),  # no such day
        ("มีนาคม 2568", None),  # a month, not a date
        ("31 มีนาคม", None),  # no year
        ("", None),
    ],
)
def test_parse_thai_date(text: str, day: date | None) -> None:
    assert parse_thai_date(text) == day


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("ปีงบประมาณ ๒๕๖๘", (date(2024, 10, 1), date(2025, 9, 30))),
        ("ตลอดปีงบประมาณ 2568", (date(2024, 10, 1), date(2025, 9, 30))),
        ("1 ต.ค. 2567 - 31 มี.ค. 2568", (date(2024, 10, 1), date(2025, 3, 31))),
        ("ต.ค.64 – มี.ค.65", (date(2021, 10, 1), date(2022, 3, 31))),
        ("ตุลาคม 2567 ถึง กันยายน 2568", (date(2024, 10, 1), date(2025, 9, 30))),
        ("1 ตุลาคม - 31 ธันวาคม 2567", (date(2024, 10, 1), date(2024, 12, 31))),
        ("1-31 มีนาคม 2568", (date(2025, 3, 1), date(2025, 3, 31))),
        # a two-digit year before a dash is no first day of a day range ("67 - 30")
        ("1 ต.ค. 67 - 30 ก.ย. 68", (date(2024, 10, 1), date(2025, 9, 30))),
        ("๑ ต.ค.๖๗-๓๐ ก.ย.๖๘", (date(2024, 10, 1), date(2025, 9, 30))),
        ("ต.ค. 67 - 30 ก.ย. 68", (date(2024, 10, 1), date(2025, 9, 30))),
        ("15 - 20 มี.ค. 68", (date(2025, 3, 15), date(2025, 3, 20))),
        ("มีนาคม 2568", (date(2025, 3, 1), date(2025, 3, 31))),
        ("กุมภาพันธ์ 2567", (date(2024, 2, 1), date(2024, 2, 29))),
        ("ต.ค. - มี.ค. ปีงบประมาณ 2568", (date(2024, 10, 1), date(2025, 3, 31))),
        ("ไตรมาสที่ 2 ปีงบประมาณ 2568", (date(2025, 1, 1), date(2025, 3, 31))),
        ("ไตรมาส 1 - 4 ปีงบประมาณ 2568", (date(2024, 10, 1), date(2025, 9, 30))),
        ("ปีงบประมาณ พ.ศ. 2566 - 2570", (date(2022, 10, 1), date(2027, 9, 30))),  # a plan's years
        ("ปีงบประมาณ 2568-69", (date(2024, 10, 1), date(2026, 9, 30))),
        ("ปีงบประมาณ 2568 - 12 เดือน", (date(2024, 10, 1), date(2025, 9, 30))),  # 12 is no year
        ("รอบ 6 เดือน ปีงบประมาณ ๒๕๖๘", (date(2024, 10, 1), date(2025, 3, 31))),
        ("รอบ 6 เดือนหลัง ปีงบประมาณ 2568", (date(2025, 4, 1), date(2025, 9, 30))),
        ("ภายใน 31 มีนาคม 2568", (None, date(2025, 3, 31))),
        ("ตั้งแต่ 1 ตุลาคม 2567", (date(2024, 10, 1), None)),
        ("ต.ค. 67 เป็นต้นไป", (date(2024, 10, 1), None)),
        ("1 ต.ค. 67 - ปัจจุบัน", (date(2024, 10, 1), None)),
        ("ตุลาคม 2567 จนถึงปัจจุบัน", (date(2024, 10, 1), None)),
        ("ตลอดปี", (None, None)),
        ("ทุกเดือน", (None, None)),
        ("ต.ค. - มี.ค.", (None, None)),  # months with no year anywhere
        ("", (None, None)),
    ],
)
def test_parse_period(text: str, period: tuple[date | None, date | None]) -> None:
    assert parse_period(text) == period


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("ตลอดปีงบประมาณ", (date(2024, 10, 1), date(2025, 9, 30))),
        ("ตลอดปี", (date(2024, 10, 1), date(2025, 9, 30))),
        ("ทุกเดือน", (date(2024, 10, 1), date(2025, 9, 30))),
        ("ไตรมาสที่ ๒", (date(2025, 1, 1), date(2025, 3, 31))),
        ("ไตรมาสที่ 1-4", (date(2024, 10, 1), date(2025, 9, 30))),
        ("ไตรมาสที่ ๓ - ๔", (date(2025, 4, 1), date(2025, 9, 30))),
        ("ไตรมาสที่ 1 - ไตรมาสที่ 2", (date(2024, 10, 1), date(2025, 3, 31))),
        ("ไตรมาสที่ 1 และ 3", (date(2024, 10, 1), date(2025, 6, 30))),  # first to last named
        ("ต.ค. - มี.ค.", (date(2024, 10, 1), date(2025, 3, 31))),
        ("ปีงบประมาณ 2567", (date(2023, 10, 1), date(2024, 9, 30))),  # printed: it wins
        ("ตามแผนงาน", (None, None)),  # no word of time: no day
        ("-", (None, None)),
    ],
)
def test_a_period_without_its_year_falls_in_the_fiscal_year_of_its_report(
    text: str, period: tuple[date | None, date | None]
) -> None:
    assert parse_period(text, fiscal_year=2568) == period


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("ปีการศึกษา 2567", (date(2024, 5, 1), date(2025, 3, 31))),
        ("ปีการศึกษา พ.ศ. ๒๕๖๘", (date(2025, 5, 1), date(2026, 3, 31))),
        ("ภาคเรียนที่ 1/2568", (date(2025, 5, 1), date(2025, 10, 31))),
        ("ภาคเรียนที่ ๒/๒๕๖๗", (date(2024, 11, 1), date(2025, 3, 31))),
        ("ภาคเรียนที่ 2 ปีการศึกษา 2568", (date(2025, 11, 1), date(2026, 3, 31))),
        ("ภาคการศึกษาที่ 1/67", (date(2024, 5, 1), date(2024, 10, 31))),
        ("ภาคเรียนที่ 3/2568", (date(2025, 5, 1), date(2026, 3, 31))),  # no such term: the year
        # days printed say more than the term's name
        ("ภาคเรียนที่ 1/2568 (16 พ.ค. 68 - 11 ต.ค. 68)", (date(2025, 5, 16), date(2025, 10, 11))),
    ],
)
def test_a_school_year_or_term_is_its_months_not_a_fiscal_year(
    text: str, period: tuple[date | None, date | None]
) -> None:
    """Schools count in school years (May to March) and their terms; "ปีการศึกษา 2567" was read as
    the fiscal year 2567 (October 2023 to September 2024), mostly before the school year began."""
    assert parse_period(text, fiscal_year=2568) == period


def test_every_period_of_the_sample_report_is_its_fiscal_year() -> None:
    import json

    from conftest import SAMPLE_EXPECTED

    document = json.loads(SAMPLE_EXPECTED.read_text(encoding="utf-8"))["documents"][0]
    for measure in document["measures"]:
        assert parse_period(measure["period"]) == fiscal_year_range(document["fiscal_year_be"])


@pytest.mark.parametrize(
    ("text", "joined"),
    [
        ("อบรม ต.ค. - ธ.ค. 67", ["ต.ค. - ธ.ค."]),
        ("มกราคม 2568 – มีนาคม 2568 - รายงาน", ["2568 – มีนาคม"]),
        ("๑ - ๓๑ มีนาคม ๒๕๖๘", ["๑ - ๓๑"]),
        ("ไตรมาสที่ 1 - ไตรมาสที่ 2", ["1 - ไตร"]),
        ("ต.ค. 67 ประชุม - พ.ย. 67 อบรม", []),
        ("ประชุม - อบรม", []),
    ],
)
def test_range_dashes_join_the_two_ends_of_a_period(text: str, joined: list[str]) -> None:
    """``joined``: around each dash that joins a period, as it stands in ``text``."""
    dashes = [
        text.index(around) + next(i for i, c in enumerate(around) if c in "-–") for around in joined
    ]
    assert range_dashes(text) == set(dashes)


def test_thai_date_text_keeps_a_year_already_in_the_buddhist_era() -> None:
    assert thai_date_text(date(2025, 3, 15)) == "15 มีนาคม 2568"
    assert thai_date_text(date(2567, 10, 1)) == "1 ตุลาคม 2567"  # typed as BE, stored as is


def test_month_and_year_labels() -> None:
    """A chart's column labels: months ("ต.ค.", "ตุลาคม", "ต.ค. ๖๗") and calendar years."""
    labels = ["ต.ค.", "ตุลาคม", "ต.ค. ๖๗", "มีค.", "ก.พ. 2568"]
    assert [month_named(label) for label in labels] == [10, 10, 10, 3, 2]
    assert not any(map(month_named, ["ดำเนินการแล้ว", "ไตรมาสที่ 1", "2568", ""]))
    assert calendar_year_ending("พ.ศ. ๒๕๖๗") == "พ.ศ. ๒๕๖๗"
    assert calendar_year_ending("2568") == "2568"
    for text in ["ปีงบประมาณ 2568", "ต.ค. 2567", "ปี", "ระยะเวลาดำเนินการ"]:
        assert calendar_year_ending(text) is None


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("ระยะเวลาดำเนินการ พ.ศ. ๒๕๖๗", "พ.ศ. ๒๕๖๗"),  # a group over a year's months
        ("ระยะเวลา 2568", "2568"),
        ("ระยะเวลา ค.ศ. 2025", "ค.ศ. 2025"),
        ("ระยะเวลาดำเนินการ ปีงบประมาณ พ.ศ. ๒๕๖๘", None),  # a fiscal year
        ("แผนการดำเนินงาน ประจำปี 2568", None),
        ("ระยะเวลา ธ.ค. 2567", None),  # a month's year
    ],
)
def test_calendar_year_ending(text: str, year: str | None) -> None:
    assert calendar_year_ending(text) == year
