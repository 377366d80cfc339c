"""Free text set in columns read column by column (``extract.utils.columns``).

The newsletter fixtures (tests/fixtures/pdf, from scripts/make_fixtures.py) set the body of
``NEWSLETTER`` in two columns under its masthead: a web page with CSS columns through WeasyPrint
(the default 1 em gutter, justified lines spread wider than it), and a Word document with a
two-column section through LibreOffice. Their lines share baselines across the gutter, so read
line by line the columns interleave. The geometric rules are also pinned on glyphs laid out here.
"""

from __future__ import annotations

import pytest
from test_pdf_backend import FIXTURES, read_fixture, skeleton

from extract.pipeline import process_bytes
from extract.utils.columns import reading_blocks
from extract.utils.text import Glyph, group_lines
from scripts.fixtures.render_pdf import NEWSLETTER_FIXTURES
from scripts.fixtures.reports import NEWSLETTER

newsletters = pytest.mark.parametrize(
    "name", [variant.name for variant in NEWSLETTER_FIXTURES], ids=lambda name: name
)


@newsletters
def test_a_newsletters_columns_are_read_one_after_the_other(name: str) -> None:
    """Every letter of the page in the source's order: the masthead, the left column to its
    foot, then the right column (compared on the skeleton: renderers damage marks, not order)."""
    page_text = read_fixture(name).pages[0].raw_text
    source = "".join([*NEWSLETTER.title_lines, *NEWSLETTER.paragraphs])
    assert skeleton(page_text) == skeleton(source)


@newsletters
def test_a_newsletters_lines_keep_to_their_column(name: str) -> None:
    """The archived (repaired) page text has no line joining the two columns: each line is part
    of one paragraph of the source."""
    document = process_bytes((FIXTURES / f"{name}.pdf").read_bytes(), f"{name}.pdf")
    paragraphs = [skeleton(p) for p in (*NEWSLETTER.title_lines, *NEWSLETTER.paragraphs)]
    lines = [skeleton(line) for line in document.pages[0].text.splitlines()]
    assert [line for line in lines if not any(line in p for p in paragraphs)] == []
    assert document.meta.agency == "เทศบาลตำบลเนินทรายทอง"
    assert document.meta.fiscal_year_be == 2567


def test_a_printed_web_pages_side_menu_is_read_apart_from_its_content() -> None:
    """The CMS page printed from a browser runs its menu down the left beside the report's title:
    the menu is read whole, then the title, its two lines together."""
    lines = read_fixture("nongnamsai-2568-cms-printed").pages[0].raw_text.splitlines()
    menu = lines.index("เมนูหลัก")
    assert lines[menu : menu + 6] == [
        "เมนูหลัก",
        "หน้าแรก",
        "ประวัติความเป็นมา",
        "ทําเนียบผู้บริหาร",
        "ITA",
        "ติดต่อเรา",
    ]
    title = lines.index("รายงานผลการดําเนินการตามมาตรการส่งเสริมคุณธรรม")
    assert lines[title + 1] == "และความโปร่งใสภายในหน่วยงาน"


# --- geometry, on glyphs laid out here -----------------------------------------------------------

SIZE = 12.0
ADVANCE = 6.0  # every glyph half an em wide


def line_of(words: list[tuple[float, str]], top: float, order: int) -> list[Glyph]:
    """Glyphs of a line: each word (x where it starts, its letters) set glyph after glyph."""
    glyphs = []
    for x, word in words:
        for index, letter in enumerate(word):
            x0 = x + index * ADVANCE
            glyph = Glyph(letter, x0, x0 + ADVANCE, top, top + SIZE, SIZE, order + len(glyphs))
            glyphs.append(glyph)
    return glyphs


def texts(glyphs: list[Glyph]) -> list[str]:
    return [line.text for block in reading_blocks(glyphs) for line in group_lines(block)]


def test_two_columns_on_shared_baselines_are_read_left_column_first() -> None:
    left = ["กขคงจฉชซ", "ฌญฎฏฐฑฒณ", "ดตถทธนบป"]
    right = ["ผฝพฟภมยร", "ลวศษสหฬอ", "ฮกขคงจฉช"]
    glyphs = [
        g
        for row, (a, b) in enumerate(zip(left, right, strict=True))
        for g in line_of([(50, a), (50 + 8 * ADVANCE + SIZE, b)], 100 + 18 * row, 100 * row)
    ]
    assert texts(glyphs) == left + right


def test_a_justified_lines_spread_at_one_place_is_no_gutter() -> None:
    """Three lines each spread one wide gap (1.5, 2.5 and 5 em), white together over a gutter's
    width, but the text after it starts anywhere: they are read line by line."""
    rows = [[(50, "กขคงจ"), (50 + 5 * ADVANCE + 1.5 * SIZE, "ฉชซฌญฎ")],
            [(50, "ฏฐฑฒณด"), (50 + 6 * ADVANCE + 2.5 * SIZE, "ตถทธ")],
            [(50, "นบปผ"), (50 + 4 * ADVANCE + 5 * SIZE, "ฝพฟภมย")]]  # fmt: skip
    glyphs = [
        g for row, words in enumerate(rows) for g in line_of(words, 100 + 18 * row, 100 * row)
    ]
    assert texts(glyphs) == ["กขคงจ ฉชซฌญฎ", "ฏฐฑฒณด ตถทธ", "นบปผ ฝพฟภมย"]


def test_a_contents_pages_numbers_are_no_column() -> None:
    """Entries with their page numbers set on one edge far right are read entry by entry."""
    entries = ["กขคงจฉชซ", "ฌญฎฏฐฑ", "ดตถทธนบปผฝ"]
    glyphs = [
        g
        for row, entry in enumerate(entries)
        for g in line_of([(50, entry), (400, str(row + 1))], 100 + 18 * row, 100 * row)
    ]
    assert texts(glyphs) == [f"{entry} {row + 1}" for row, entry in enumerate(entries)]


def test_a_heading_across_the_gutter_ends_the_columns_above_it() -> None:
    """Columns, then a heading wide enough to cross the gutter, then a line: read in that order."""
    glyphs = line_of([(50, "กขคงจฉชซ"), (50 + 8 * ADVANCE + SIZE, "ผฝพฟภมยร")], 100, 0)
    glyphs += line_of([(50, "ฌญฎฏฐฑฒณ"), (50 + 8 * ADVANCE + SIZE, "ลวศษสหฬอ")], 118, 100)
    glyphs += line_of([(50, "ดตถทธนบปผฝพฟภมยรลวศษ")], 140, 200)
    glyphs += line_of([(50, "สหฬอฮ")], 158, 300)
    assert texts(glyphs) == [
        "กขคงจฉชซ",
        "ฌญฎฏฐฑฒณ",
        "ผฝพฟภมยร",
        "ลวศษสหฬอ",
        "ดตถทธนบปผฝพฟภมยรลวศษ",
        "สหฬอฮ",
    ]
