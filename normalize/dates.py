"""Buddhist-era years, fiscal years, Thai dates and periods.

Thai reports print years in the Buddhist era (พ.ศ. = CE + 543), often in Thai digits and often with
two digits ("ปีงบประมาณ ๖๘", "ต.ค.64"). A fiscal year runs 1 October to 30 September and is named
after the BE year in which it ends: FY 2568 = 2024-10-01 … 2025-09-30.

pythainlp's ``thai_strptime`` is not used: it raises on Thai digits and reads months 10–12 as
January.
Month names and the words around dates live in ``data/months.json``.
"""

from __future__ import annotations

import re
from calendar import monthrange
from dataclasses import dataclass
from datetime import date
from functools import cache
from itertools import pairwise

from normalize.data_files import data_json
from normalize.numerals import thai_to_arabic_digits

BE_OFFSET = 543
_BE_RANGE = range(2400, 2800)  # a 4-digit number outside it is not a BE year
_CE_RANGE = range(1800, 2300)
_NOT_AFTER_NUMBER = r"(?<![0-9])(?<![0-9][,.])"  # "1.2568" and "5,2568" hold no year
_YEAR = rf"{_NOT_AFTER_NUMBER}(?P<year>[0-9]{{4}}|[0-9]{{2}})(?![0-9]|[,.][0-9])"
_RANGE_DASH = r"\s*(?:-|–|—|ถึง|จนถึง)\s*"
_LONGEST_PLAN_YEARS = 20  # "2566 - 2570" is a plan's span of years; "2566 - 3000" is not


def be_to_ce(be: int) -> int:
    """2568 → 2025."""
    return be - BE_OFFSET


def ce_to_be(ce: int) -> int:
    """2025 → 2568."""
    return ce + BE_OFFSET


def fiscal_year_range(be: int) -> tuple[date, date]:
    """First and last day of a Thai fiscal year: 2568 → (2024-10-01, 2025-09-30)."""
    end_year = be_to_ce(be)
    return date(end_year - 1, 10, 1), date(end_year, 9, 30)


def fiscal_year_of(day: date) -> int:
    """The BE fiscal year a day falls in: 2024-10-01 → 2568."""
    return ce_to_be(day.year + 1 if day.month >= 10 else day.year)


@dataclass(frozen=True)
class _Patterns:
    fiscal_year: re.Pattern[str]  # "ปีงบประมาณ พ.ศ. 2568", "ปีงบ 68"
    year_word_year: re.Pattern[str]  # "ประจำปี 2568", "ปี พ.ศ. 2568"
    year_range_end: re.Pattern[str]  # "- 2570" after a year: "ปีงบประมาณ 2566 - 2570"
    era_year: re.Pattern[str]  # "พ.ศ.2568", "ค.ศ. 2025"
    bare_year: re.Pattern[str]  # "2568"
    full_date: re.Pattern[str]  # "31 มีนาคม 2568", "1 ต.ค. 67", "1 ตุลาคม" (year optional)
    day_range: re.Pattern[str]  # "1-31 มีนาคม 2568"
    numeric_date: re.Pattern[str]  # "31/03/2568"
    month_year: re.Pattern[str]  # "ต.ค.64", "มีนาคม 2568", "ตุลาคม" (year optional)
    quarter: re.Pattern[str]  # "ไตรมาสที่ 2", "ไตรมาสที่ 1-4", "ไตรมาส 1 และ 3"
    half_year: re.Pattern[str]  # "รอบ 6 เดือนแรก", "รอบ ๑๒ เดือน"
    school_year: re.Pattern[str]  # "ปีการศึกษา 2568"
    school_term: re.Pattern[str]  # "ภาคเรียนที่ 1/2568", "ภาคเรียนที่ 2 ปีการศึกษา 2568"
    onward: re.Pattern[str]  # after a date: "เป็นต้นไป", "- ปัจจุบัน", "จนถึงปัจจุบัน"
    month_by_name: dict[str, int]


def _alternation(words: list[str]) -> str:
    return "|".join(sorted(words, key=len, reverse=True))


def _abbreviation(abbr: str) -> str:
    """'มี.ค.' → a pattern for 'มี.ค.', 'มี.ค', 'มี. ค.' and 'มีค.'."""
    parts = [re.escape(part) for part in abbr.strip(".").split(".")]
    dotted = r"\.\s?".join(parts)
    return rf"{dotted}\.?|{''.join(parts)}\."


def _month_key(text: str) -> str:
    return re.sub(r"[\s.]", "", text)


@cache
def _patterns() -> _Patterns:
    data = data_json("months.json")
    month_by_name: dict[str, int] = {}
    names: list[str] = []
    for month in data["months"]:
        for name in month["names"]:
            month_by_name[name] = month["number"]
            names.append(re.escape(name))
        for abbr in month["abbreviations"]:
            month_by_name[_month_key(abbr)] = month["number"]
            names.append(_abbreviation(abbr))
    month = rf"(?P<month>{_alternation(names)})"
    be_era = _alternation([_abbreviation(e) for e in data["be_era"]])
    ce_era = _alternation([_abbreviation(e) for e in data["ce_era"]])
    era = rf"(?:(?P<be>{be_era})|(?P<ce>{ce_era}))"
    fiscal = _alternation(
        [r"\s?".join(map(re.escape, words)) for words in data["fiscal_year_words"]]
    )
    year_words = _alternation([re.escape(w) for w in data["year_words"]])
    school_year = _alternation([re.escape(w) for w in data["school_year_words"]])
    school_term = _alternation([re.escape(w) for w in data["school_term_words"]])
    day = r"(?<![0-9])(?P<day>[0-9]{1,2})(?![0-9])"
    return _Patterns(
        fiscal_year=re.compile(rf"(?:{fiscal})\s*(?:{era}\s*)?{_YEAR}"),
        year_word_year=re.compile(rf"(?:{year_words})\s*(?:{era}\s*)?{_YEAR}"),
        year_range_end=re.compile(rf"{_RANGE_DASH}(?:{era}\s*)?{_YEAR}"),
        era_year=re.compile(rf"{era}\s*{_YEAR}"),
        bare_year=re.compile(rf"{_NOT_AFTER_NUMBER}(?P<year>[0-9]{{4}})(?![0-9]|[,.][0-9])"),
        full_date=re.compile(rf"{day}\s*(?:เดือน\s*)?{month}(?:\s*(?:{era}\s*)?{_YEAR})?"),
        day_range=re.compile(
            rf"(?<![0-9])(?P<first>[0-9]{{1,2}}){_RANGE_DASH}{day}\s*(?:เดือน\s*)?{month}"
            rf"(?:\s*(?:{era}\s*)?{_YEAR})?"
        ),
        numeric_date=re.compile(
            r"(?<![0-9/])(?P<day>[0-9]{1,2})\s?/\s?(?P<month>[0-9]{1,2})\s?/\s?"
            r"(?P<year>[0-9]{4}|[0-9]{2})(?![0-9/])"
        ),
        month_year=re.compile(rf"(?:เดือน\s*)?{month}(?:\s*(?:{era}\s*)?{_YEAR})?"),
        # one quarter, a range or a list of them: "ไตรมาสที่ 1-4", "ไตรมาสที่ 1 และ ไตรมาสที่ 3"
        quarter=re.compile(
            rf"ไตรมาส(?:ที่)?\s*[1-4](?![0-9])"
            rf"(?:(?:{_RANGE_DASH}|\s*(?:,|และ)\s*)(?:ไตรมาส(?:ที่)?\s*)?[1-4](?![0-9]))*"
        ),
        half_year=re.compile(r"รอบ\s*(?P<months>6|12)\s*เดือน(?P<second>หลัง)?"),
        school_year=re.compile(rf"(?:{school_year})\s*(?:{era}\s*)?{_YEAR}"),
        school_term=re.compile(
            rf"(?:{school_term})\s*(?P<term>[0-9])(?![0-9])\s*"
            rf"(?:/\s*|(?:{school_year})\s*(?:{era}\s*)?){_YEAR}"
        ),
        onward=re.compile(rf"\s*(?:{_RANGE_DASH})?(?:{_alternation(data['onward_words'])})"),
        month_by_name=month_by_name,
    )


def _be_year(match: re.Match[str]) -> int | None:
    """The BE year of a match with a 'year' group and optional 'be'/'ce' era groups."""
    digits = match.group("year")
    if digits is None:
        return None
    number = int(digits)
    groups = match.groupdict()
    is_ce = bool(groups.get("ce"))
    if len(digits) == 2:
        return ce_to_be(2000 + number) if is_ce else 2500 + number
    if is_ce or number in _CE_RANGE:
        return ce_to_be(number) if number in _CE_RANGE else None
    return number if number in _BE_RANGE else None


def parse_be_year(text: str) -> int | None:
    """The BE year a text states: "พ.ศ. ๒๕๖๘", "ปีงบประมาณ ๖๘", "2568", "๒๕๖๘" → 2568.

    "ค.ศ. 2025" → 2568 too.

    Two digits count as 25xx after a year word (พ.ศ., ปี, ปีงบประมาณ) or when they are the whole text.
    """
    normalised = thai_to_arabic_digits(text).strip()
    if len(normalised) == 2 and normalised.isascii() and normalised.isdigit():
        return 2500 + int(normalised)
    return _stated_year(normalised)


def parse_year_query(text: str) -> int | None:
    """A year as people type it to select one: "2568", "๒๕๖๘", "68", "พ.ศ. 2568" → 2568; a
    number that is no BE year is read as the common-era year it would be: "2025" → 2568."""
    return parse_be_year(text) or parse_be_year(f"ค.ศ. {text}")


def find_fiscal_year(text: str) -> int | None:
    """The BE fiscal year stated in a title line.

    "ประจำปีงบประมาณ พ.ศ.๒๕๖๘ องค์การบริหาร…" → 2568; "ปีงบประมาณ ๖๘" → 2568. A year after ปีงบประมาณ
    wins over one after ประจำปี / ปี / พ.ศ., which wins over a bare 4-digit BE year.
    """
    return _stated_year(thai_to_arabic_digits(text))


def _stated_year(normalised: str) -> int | None:
    stated = _stated_years(normalised)
    return stated[0] if stated else None


def _stated_years(normalised: str) -> tuple[int, int] | None:
    """The year a text states, and the last year of the span it opens ("ปีงบประมาณ 2566 - 2570"
    → (2566, 2570)); the same year twice when it opens none."""
    patterns = _patterns()
    for pattern in (patterns.fiscal_year, patterns.year_word_year, patterns.era_year):
        for match in pattern.finditer(normalised):
            year = _be_year(match)
            if year is not None:
                return year, _span_end(normalised, match.end(), year)
    for match in patterns.bare_year.finditer(normalised):
        year = int(match.group("year"))
        if year in _BE_RANGE:
            return year, _span_end(normalised, match.end(), year)
    return None


def _span_end(normalised: str, at: int, year: int) -> int:
    """The later year a dash after ``at`` runs to ("2566 - 2570", "2566-70"), else ``year``."""
    match = _patterns().year_range_end.match(normalised, at)
    last = _be_year(match) if match else None
    return last if last is not None and year < last <= year + _LONGEST_PLAN_YEARS else year


@dataclass(frozen=True)
class _DatePart:
    """A date or a month found in text (``day`` None: a month; ``be`` None: no year printed)."""

    start: int
    end: int
    day: int | None
    month: int
    be: int | None

    def first_day(self, be: int) -> date | None:
        return _date(be, self.month, self.day or 1)

    def last_day(self, be: int) -> date | None:
        if self.day is not None:
            return _date(be, self.month, self.day)
        year = be_to_ce(be)
        return _date(be, self.month, monthrange(year, self.month)[1]) if year >= 1 else None


def _date(be: int, month: int, day: int) -> date | None:
    try:
        return date(be_to_ce(be), month, day)
    except ValueError:
        return None


def _month_number(match: re.Match[str]) -> int | None:
    return _patterns().month_by_name.get(_month_key(match.group("month")))


def _date_parts(normalised: str) -> list[_DatePart]:
    """Dates and months in reading order; a span used by a longer form is not read again."""
    patterns = _patterns()
    parts: list[_DatePart] = []
    taken: list[tuple[int, int]] = []

    def free(match: re.Match[str]) -> bool:
        return all(match.end() <= s or match.start() >= e for s, e in taken)

    for match in patterns.day_range.finditer(normalised):
        month = _month_number(match)
        # days run forward ("1-31 มีนาคม"): in "1 ต.ค. 67 - 30 ก.ย. 68" the 67 is a year
        if month is not None and int(match.group("first")) < int(match.group("day")):
            be = _be_year(match)
            start, end = match.span()
            parts.append(_DatePart(start, start, int(match.group("first")), month, be))
            parts.append(_DatePart(start, end, int(match.group("day")), month, be))
            taken.append(match.span())
    for match in patterns.numeric_date.finditer(normalised):
        if free(match) and 1 <= int(match.group("month")) <= 12:
            day, month = int(match.group("day")), int(match.group("month"))
            parts.append(_DatePart(*match.span(), day, month, _be_year(match)))
            taken.append(match.span())
    for match in patterns.full_date.finditer(normalised):
        month = _month_number(match)
        if month is not None and free(match):
            parts.append(_DatePart(*match.span(), int(match.group("day")), month, _be_year(match)))
            taken.append(match.span())
    for match in patterns.month_year.finditer(normalised):
        month = _month_number(match)
        if month is not None and free(match):
            parts.append(_DatePart(*match.span(), None, month, _be_year(match)))
            taken.append(match.span())
    return sorted(parts, key=lambda part: (part.start, part.end))


_DASHES = "-–—"
_DASH_BETWEEN = re.compile(rf"\s*[{_DASHES}]\s*")


def range_dashes(text: str) -> set[int]:
    """Offsets of the dashes that join the two ends of a span of dates or quarters.

    'อบรม ต.ค. - ธ.ค. 67', 'มกราคม 2568 – มีนาคม 2568', 'ไตรมาสที่ 1 - ไตรมาสที่ 2': a list cut at
    such a dash would split one period in two.
    """
    normalised = thai_to_arabic_digits(text)  # one code point for one: offsets hold
    spans = [(part.start, part.end) for part in _date_parts(normalised)]
    spans += [match.span() for match in _patterns().quarter.finditer(normalised)]
    dashes: set[int] = set()
    for start, end in spans:  # "1 - 31 มี.ค.", "ไตรมาสที่ 1 - 2": the dash inside one span
        dashes.update(at for at in range(start, end) if normalised[at] in _DASHES)
    for (_, end), (start, _) in pairwise(sorted(spans)):
        if start > end and _DASH_BETWEEN.fullmatch(normalised, end, start):
            dashes.update(at for at in range(end, start) if normalised[at] in _DASHES)
    return dashes


def parse_thai_date(text: str) -> date | None:
    """The first complete date in a text.

    "๓๑ มีนาคม ๒๕๖๘", "31 มี.ค. 68", "1 ต.ค. 2567" and "31/03/2568" are read; no year, no date.
    """
    for part in _date_parts(thai_to_arabic_digits(text)):
        if part.day is not None and part.be is not None:
            found = part.first_day(part.be)
            if found is not None:
                return found
    return None


def month_named(text: str) -> int | None:
    """The month the text is, its year or not: 'ต.ค.', 'ตุลาคม', 'ต.ค. ๖๗' → 10; else None."""
    match = _patterns().month_year.fullmatch(thai_to_arabic_digits(text).strip())
    return _month_number(match) if match is not None else None


def calendar_year_ending(text: str) -> str | None:
    """The calendar year a text ends with, as printed: 'ระยะเวลาดำเนินการ พ.ศ. ๒๕๖๗' →
    'พ.ศ. ๒๕๖๗', '2568' → '2568'. None for a fiscal year ('ปีงบประมาณ ๒๕๖๘', 'ประจำปี 2568') or
    a month's year ('ต.ค. 2567')."""
    normalised = thai_to_arabic_digits(text).rstrip()
    patterns = _patterns()

    def start_of_ending(pattern: re.Pattern[str]) -> int | None:
        ends = [m.start() for m in pattern.finditer(normalised) if m.end() == len(normalised)]
        return ends[-1] if ends else None

    qualified = (patterns.fiscal_year, patterns.year_word_year, patterns.month_year)
    if any(start_of_ending(pattern) is not None for pattern in qualified):
        return None
    for pattern in (patterns.era_year, patterns.bare_year):
        start = start_of_ending(pattern)
        if start is not None:
            return text[start : len(normalised)]
    return None


def thai_date_text(day: date) -> str:
    """'15 มีนาคม 2568' for 2025-03-15: the long Thai form, Buddhist-era year, Arabic digits (the
    form ``parse_thai_date`` reads back). A year already in the Buddhist era stays: a spreadsheet
    set to the Gregorian calendar stores "1/10/2567" typed by a Thai user as the year 2567."""
    month = data_json("months.json")["months"][day.month - 1]["names"][0]
    year = day.year if day.year in _BE_RANGE else ce_to_be(day.year)
    return f"{day.day} {month} {year}"


def parse_period(text: str, fiscal_year: int | None = None) -> tuple[date | None, date | None]:
    """The (start, end) days of a ระยะเวลา cell; None where the text does not say.

    "ปีงบประมาณ ๒๕๖๘" → the fiscal year; "1 ต.ค. 2567 - 31 มี.ค. 2568" and "1 ต.ค. 67 - 31 มี.ค. 68"
    → those days; "ต.ค.64 – มี.ค.65" → first day of October 2021 to last day of March 2022;
    "ไตรมาสที่ 2 ปีงบประมาณ 2568" → Jan–Mar 2025, "ไตรมาสที่ 1-4" → the four quarters;
    "ปีงบประมาณ 2566 - 2570" → the five fiscal years; "ต.ค. 67 เป็นต้นไป" → no end; "ปีการศึกษา 2568"
    and "ภาคเรียนที่ 1/2568" → the school year's or term's months. A year without months is read as
    a fiscal year, as ITA reports count in fiscal years.

    ``fiscal_year``: the report's (BE), for a cell that prints none: "ตลอดปีงบประมาณ", "ตลอดปี" or
    "ทุกเดือน" then span it, "ม.ค. - มี.ค." falls in it; without it they say no day.
    """
    normalised = thai_to_arabic_digits(text)
    parts = _date_parts(normalised)
    school = None if parts else _school_period(normalised)
    if school is not None:
        return school
    fiscal, last_fiscal = _stated_years(normalised) or (None, None)
    if fiscal is None and (parts or _names_a_span_of_the_year(normalised)):
        fiscal = fiscal_year
    if parts:
        return _period_from_parts(normalised, parts, fiscal)
    if fiscal is None:
        return None, None
    start, end = fiscal_year_range(fiscal)
    if last_fiscal is not None and last_fiscal > fiscal:  # fiscal years "2566 - 2570"
        return start, fiscal_year_range(last_fiscal)[1]
    patterns = _patterns()
    quarter = patterns.quarter.search(normalised)
    if quarter is not None:  # from the first quarter named to the last
        quarters = [int(digit) for digit in re.findall("[1-4]", quarter.group())]
        first_day = _shift_months(start, 3 * (min(quarters) - 1))
        return first_day, _month_end(_shift_months(start, 3 * max(quarters) - 1))
    half = patterns.half_year.search(normalised)
    if half is not None and half.group("months") == "6":
        if half.group("second"):
            return _shift_months(start, 6), end
        return start, _month_end(_shift_months(start, 5))
    return start, end


def _school_period(normalised: str) -> tuple[date, date] | None:
    """The months of a school year or term the text names ("ปีการศึกษา 2568" → May 2025 to March
    2026; "ภาคเรียนที่ 2/2568" → November 2025 to March 2026), which no fiscal year matches."""
    patterns, words = _patterns(), data_json("months.json")
    term = patterns.school_term.search(normalised)
    match = term or patterns.school_year.search(normalised)
    be = _be_year(match) if match is not None else None
    if be is None:
        return None
    terms = words["school_term_months"]
    number = int(term.group("term")) if term else 0
    # a term the calendar does not have (a university's summer term: "3/2568"): the school year
    first, last = terms[number - 1] if 1 <= number <= len(terms) else words["school_year_months"]
    year = be_to_ce(be)
    return date(year, first, 1), _month_end(date(year + (last < first), last, 1))


def _names_a_span_of_the_year(text: str) -> bool:
    """The cell speaks of the year, or a part of it, without printing which ("ตลอดปีงบประมาณ",
    "ทุกเดือน", "ไตรมาสที่ 2")."""
    words = data_json("months.json")
    patterns = _patterns()
    squeezed = text.replace(" ", "")
    return (
        any(word in squeezed for word in words["whole_year_words"])
        or any("".join(pair) in squeezed for pair in words["fiscal_year_words"])
        or bool(patterns.quarter.search(text) or patterns.half_year.search(text))
    )


def _period_from_parts(
    text: str, parts: list[_DatePart], fiscal: int | None
) -> tuple[date | None, date | None]:
    first, last = parts[0], parts[-1]
    if len(parts) == 1:
        be = first.be or _year_in_fiscal(first.month, fiscal)
        if be is None:
            return None, None
        before = text[: first.start].rstrip()
        words = data_json("months.json")
        if before.endswith(tuple(words["deadline_words"])):
            return None, first.last_day(be)
        onward = _patterns().onward.match(text, first.end)  # "ต.ค. 67 เป็นต้นไป"
        if before.endswith(tuple(words["open_end_words"])) or onward:
            return first.first_day(be), None
        return first.first_day(be), first.last_day(be)
    last_be = last.be or (first.be and (first.be + (last.month < first.month)))
    last_be = last_be or _year_in_fiscal(last.month, fiscal)
    first_be = first.be or (last_be and (last_be - (first.month > last.month)))
    first_be = first_be or _year_in_fiscal(first.month, fiscal)
    start = first.first_day(first_be) if first_be else None
    end = last.last_day(last_be) if last_be else None
    return start, end


def _year_in_fiscal(month: int, fiscal: int | None) -> int | None:
    """The BE calendar year of a month of a fiscal year (Oct–Dec fall in the year before)."""
    if fiscal is None:
        return None
    return fiscal - 1 if month >= 10 else fiscal


def _shift_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def _month_end(day: date) -> date:
    return date(day.year, day.month, monthrange(day.year, day.month)[1])
