"""Table header cells → canonical measure columns.

Agencies word the header of the measures table differently ("วิธีการดำเนินการ", "แนวทางการดำเนินการ", …)
and wrap it differently on each page. The variants live in ``data/headers.json``.
"""

from __future__ import annotations

import re
from functools import cache

from normalize.data_files import data_json
from normalize.numerals import thai_to_arabic_digits

MEASURE_COLUMNS = ("title", "methods", "responsible", "period", "results", "outcomes")
# A row of a table whose first cell opens with one of these is a note ("หมายเหตุ : …"), or a
# total when only figures stand beside it ("รวมทั้งสิ้น | 100,000"): no record of the table.
NOTE_ROW_WORDS = ("หมายเหตุ",)
TOTAL_ROW_WORDS = ("รวม",)
# A row of a measures table holding only a heading that opens with one of these groups the
# measures below it ("ตัวชี้วัดที่ ๑ การปฏิบัติหน้าที่", "มิติที่ ๒ …"): a section, no measure.
SECTION_HEADING_WORDS = (
    "ตัวชี้วัด", "มิติที่", "ด้านที่", "ประเด็นที่", "ยุทธศาสตร์ที่", "กลยุทธ์ที่", "หมวดที่",
    "องค์ประกอบที่", "แผนงานที่",
)  # fmt: skip

_NOT_KEY_CHARS = re.compile(r"[\s\u200b.:()\[\]\"'*]+")


def header_key(text: str) -> str:
    """Comparable form of a header cell: no whitespace (wraps differ page to page), no punctuation."""
    return _NOT_KEY_CHARS.sub("", thai_to_arabic_digits(text)).lower()


@cache
def _variants() -> list[tuple[str, str]]:
    data = data_json("headers.json")
    pairs = [
        (header_key(variant), column)
        for column, variants in data.items()
        if not column.startswith("_")
        for variant in variants
    ]
    return sorted(pairs, key=lambda pair: -len(pair[0]))  # longest variant first


def canonical_column(header: str) -> str | None:
    """The canonical column a header cell names, or None when it is not one we know.

    >>> canonical_column("สรุปผลการดำเนินการตาม มาตรการ/กิจกรรม")
    'results'
    """
    key = header_key(header)
    if not key:
        return None
    for variant, column in _variants():
        # short variants ("ที่", "ข้อ") must match whole; longer ones may open a longer header
        if key == variant or (len(variant) >= 4 and key.startswith(variant)):
            return column
    return None


def map_header(cells: list[str]) -> list[str | None]:
    """Canonical column per header cell; a column named twice keeps its first cell only."""
    seen: set[str] = set()
    mapped: list[str | None] = []
    for cell in cells:
        column = canonical_column(cell)
        if column in seen:
            column = None
        if column:
            seen.add(column)
        mapped.append(column)
    return mapped


def is_measures_header(cells: list[str]) -> bool:
    """A header that lays out measures: a title column and at least two other measure columns."""
    columns = set(map_header(cells))
    return "title" in columns and len(columns & set(MEASURE_COLUMNS)) >= 3


def heading_above(lines: list[str]) -> str | None:
    """The section heading printed right above a table, from the text between it and the table
    before: the last line (or block), when it opens with a section word ("ตัวชี้วัดที่ ๑
    การปฏิบัติหน้าที่", "มิติที่ ๒ …"), its lines joined as one. A report split into one table per
    indicator puts its measures under it, as a heading row inside one table does."""
    last = " ".join(lines[-1].split()) if lines else ""
    return last if last.startswith(SECTION_HEADING_WORDS) else None


# a measure's title printed again where its row runs on, marked so: "อบรมคุณธรรม (ต่อ)", "(ต่อ)"
_CONTINUED_MARK = re.compile(r"\s*\(\s*ต่อ\s*\)\s*$")


def without_continued_mark(text: str) -> tuple[str, bool]:
    """The text without a closing continued mark, and whether it had one: 'อบรมคุณธรรม (ต่อ)' →
    ('อบรมคุณธรรม', True); '(ต่อ)' → ('', True)."""
    match = _CONTINUED_MARK.search(text)
    return (text[: match.start()], True) if match else (text, False)
