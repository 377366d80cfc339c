"""Thai search through Datasette's own search box (the project's plugin normalises the query).

Two archives: the real sample report alone (rows checked by hand), and every fixture we have, where
each query's rows are checked against a substring test on the stored text (``fixture_archive``).
"""

from __future__ import annotations

import json
from urllib.parse import quote

import pytest
from conftest import get_json

from extract.serve import archive_datasette
from normalize.search_query import (
    MARK_END,
    MARK_START,
    MAX_QUERY_TERMS,
    NO_MATCH,
    match_snippet,
    parse_query,
    thai_fts_query,
)

pytest_plugins = ["fixture_archive"]


@pytest.fixture(scope="module")
def datasette(sample_archive):
    return archive_datasette(sample_archive)


def search(ds, query: str, table: str = "measures", column: str = "seq") -> list:
    data = get_json(
        ds, f"/archive/{table}.json?_search={quote(query)}&_shape=objects&_col={column}&_size=max"
    )
    return sorted(row[column] for row in data["rows"])


# --- the real sample report, rows checked by hand ---------------------------------------------


def test_thai_word_inside_running_text(datasette):
    # "คู่มือ" sits inside "จัดทำคู่มือหรือมาตรฐาน…" and similar runs in these measures
    assert search(datasette, "คู่มือ") == [1, 2, 4, 7]


def test_thai_and_arabic_digits_find_the_same_rows(datasette):
    assert search(datasette, "๒๕๖๘") == search(datasette, "2568") == [1, 2, 3, 4, 5, 6, 7]
    assert search(datasette, "๒๕๖๐") == search(datasette, "2560") == [5]


def test_word_across_a_repaired_wrap(datasette):
    assert search(datasette, "ดุลยพินิจ") == [2]


def test_latin_terms_and_operators(datasette):
    assert search(datasette, "No Gift") == [7]
    assert search(datasette, "e-service") == [2]
    assert search(datasette, "E-Service") == [2]
    assert search(datasette, "ทรัพย์สิน OR จัดซื้อ") == [4, 5]
    assert search(datasette, "คู่มือ -ทรัพย์สิน") == [1, 2, 7]
    assert search(datasette, "คู่มือ NOT ทรัพย์สิน") == [1, 2, 7]


def test_facets_by_year_province_and_unit(datasette):
    data = get_json(
        datasette, "/archive/measures.json?_facet=fiscal_year_be&_facet=province&_facet_array=units"
    )
    facets = data["facet_results"]
    assert facets["fiscal_year_be"]["results"][0]["value"] == 2568
    assert facets["province"]["results"][0]["value"] == "เพชรบุรี"
    units = {r["value"]: r["count"] for r in facets["units"]["results"]}
    assert units["กองคลัง"] == 2


def test_page_text_and_tables_are_searchable(datasette):
    # the wrap "ดุลย พินิจ" may survive in page text; search bridges it either way
    assert search(datasette, "ดุลยพินิจ", table="pages", column="number") == [2]
    assert search(datasette, "๒๕๖๘", table="tables", column="idx") == [1]
    assert search(datasette, "E-Service", table="tables", column="idx") == [1]


# --- every fixture: Thai, Latin, both digit forms, short and compound queries ------------------

QUERIES = [
    "คู่มือ",  # inside running Thai text
    "ร้องเรียน",
    "จัดซื้อจัดจ้าง",
    "ของกำนัล",
    "รถยนต์ส่วนกลาง",
    "ดุลยพินิจ",
    "No Gift",  # Latin, two words = AND
    '"No Gift Policy"',  # a phrase
    "E-Service",
    "e-gp",
    "Facebook",
    "๒๕๖๗",  # Thai digits
    "2567",
    "๒๕๖๘",
    "2568",
    "พ.ศ. 2568",
    "ปี",  # two characters
    "IT",
    "คู่มือ 2568",  # AND across fields
    "ร้องเรียน OR ของขวัญ",
    "คู่มือ -ร้องเรียน",
    "เพชรบุรี",  # the province is searchable too
    "ทุ่งดอกแก้ว",
]


@pytest.mark.parametrize("query", QUERIES)
def test_search_box_returns_exactly_the_rows_holding_the_query(
    fixtures_datasette, fixture_texts, expected_search, query
):
    expected = expected_search(query, fixture_texts)
    assert search(fixtures_datasette, query, column="id") == expected


def test_the_fixture_queries_are_not_trivial(fixture_texts, expected_search):
    """Guard for the test above: most queries hit some rows, none hits them all."""
    counts = {q: len(expected_search(q, fixture_texts)) for q in QUERIES}
    assert sum(1 for n in counts.values() if n) >= len(QUERIES) - 2, counts
    assert all(n < len(fixture_texts) for n in counts.values()), counts


@pytest.mark.parametrize(("thai", "arabic"), [("๒๕๖๗", "2567"), ("๒๕๖๘", "2568"), ("๗ วัน", "7 วัน")])
def test_both_digit_forms_find_the_same_nonempty_rows(fixtures_datasette, thai, arabic):
    found = search(fixtures_datasette, thai, column="id")
    assert found and found == search(fixtures_datasette, arabic, column="id")


def test_copied_measure_found_in_every_agency_by_its_latin_phrase(fixtures_datasette):
    rows = get_json(
        fixtures_datasette,
        f"/archive/measures_flat.json?_search={quote('No Gift Policy')}&_shape=objects"
        "&_col=source_name&_col=seq&_size=max",
    )["rows"]
    found = {(row["source_name"], row["seq"]) for row in rows}
    assert {
        ("thungdokkaeo-2567.dump.txt", 3),
        ("thungdokkaeo-2568.dump.txt", 2),
        ("huainamrin-2568.dump.txt", 1),
        ("khaokrapuk-2568.dump.txt", 7),
    } <= found


def test_query_pasted_from_a_pdf_viewer_that_lost_sara_am_finds_the_word(datasette):
    # such viewers copy "สำนัก" as "ส านัก"; the space before า is no term break
    found = search(datasette, "คำสั่ง")
    assert found and search(datasette, "ค าสั่ง") == found
    assert search(datasette, "ประจ าปี") == search(datasette, "ประจำปี") != []


def test_single_character_query_finds_nothing(fixtures_datasette):
    # a trigram index cannot look up one character; the term is dropped, and no term = no rows
    assert search(fixtures_datasette, "ฯ", column="id") == []
    assert search(fixtures_datasette, "ฯ ร้องเรียน", column="id") == search(
        fixtures_datasette, "ร้องเรียน", column="id"
    )


@pytest.mark.parametrize(
    "query",
    ['"', '""', "*", "คู่*", "^คู่มือ", "NEAR(คู่มือ ร้องเรียน)", "title:คู่มือ", "OR", "OR OR",
     "คู่มือ OR", "-", "--", "-คู่มือ", "(", ")", "a AND", "NOT", "'; drop table measures; --"],
)  # fmt: skip
def test_fts_syntax_typed_by_a_user_never_breaks_the_search(fixtures_datasette, query):
    get_json(fixtures_datasette, f"/archive/measures.json?_search={quote(query)}")


def test_escape_fts_is_the_plugins_even_though_datasette_registers_its_own(fixtures_datasette):
    """Datasette registers escape_fts in its own prepare_connection; the search box only
    normalises if the plugin's registration (trylast) is the one left standing."""
    data = get_json(
        fixtures_datasette,
        "/archive.json?sql=select+escape_fts(:q)+as+e&q=" + quote("๒๕๖๘") + "&_shape=array",
    )
    assert data == [{"e": '"2568"'}]


def test_ranked_search_orders_by_bm25_and_marks_the_match(
    fixtures_datasette, fixture_texts, expected_search
):
    rows = get_json(
        fixtures_datasette,
        "/archive/search_measures.json?q=" + quote("ร้องเรียน") + "&_shape=array",
    )
    assert sorted(r["id"] for r in rows) == expected_search("ร้องเรียน", fixture_texts)
    assert all(MARK_START + "ร้องเรียน" + MARK_END in r["snippet"] for r in rows)
    # the one whose title is about complaints ranks above those that mention them in passing
    titles = [r["title"] for r in rows]
    assert "ร้องเรียน" in titles[0]


def test_ranked_search_snippet_shows_digits_as_printed(fixtures_datasette):
    rows = get_json(
        fixtures_datasette,
        "/archive/search_measures.json?q=2568&year=2568&_shape=array",
    )
    assert rows and all(r["fiscal_year_be"] == 2568 for r in rows)
    snippets = " ".join(r["snippet"] for r in rows)
    assert MARK_START + "๒๕๖๘" + MARK_END in snippets  # printed in Thai digits, found as 2568
    assert MARK_START + "2568" + MARK_END in snippets


# --- the query language itself -----------------------------------------------------------------


def test_parse_query_normalises_each_term():
    parsed = parse_query('คู่มือ OR ร้องเรียน -เว็บไซต์ ๒๕๖๘ "No  Gift" ดุลย พินิจ')
    assert parsed.groups == (("คู่มือ", "ร้องเรียน"), ("2568",), ("no gift",), ("ดุลย",), ("พินิจ",))
    assert parsed.negated == ("เว็บไซต์",)


def test_a_space_before_sara_aa_is_a_lost_ring_not_a_term_break():
    assert parse_query("ส านักงาน ค าสั่ง").groups == (("สำนักงาน",), ("คำสั่ง",))
    assert parse_query("คำที่0 ตาม").groups == (("คำที่0",), ("ตาม",))  # correct words stay


def test_repeated_terms_count_once_and_a_query_searches_at_most_its_first_terms():
    assert parse_query("ปี OR ปี OR ปี ปี -คู่มือ -คู่มือ") == parse_query("ปี -คู่มือ")
    many = parse_query(" ".join(f"คำที่{n}" for n in range(MAX_QUERY_TERMS + 5)) + " -คู่มือ")
    assert many.terms == [f"คำที่{n}" for n in range(MAX_QUERY_TERMS)]
    assert many.negated == ()  # the exclusion came after the limit


def test_short_terms_expand_to_trigrams_and_single_characters_drop():
    expression = thai_fts_query("ปี")
    assert expression.startswith("(") and '"ปีง"' in expression and '"งปี"' in expression
    assert thai_fts_query("ฯ") == NO_MATCH
    assert thai_fts_query("-คู่มือ") == NO_MATCH  # only exclusions: nothing to match


def test_snippet_marks_matches_in_the_text_as_printed():
    text = "ประกาศเจตนารมณ์ No Gift Policy ประจำปีงบประมาณ พ.ศ. ๒๕๖๘"
    assert match_snippet("no gift 2568", [text]) == (
        "ประกาศเจตนารมณ์ ⦃No⦄ ⦃Gift⦄ Policy ประจำปีงบประมาณ พ.ศ. ⦃๒๕๖๘⦄"
    )
    # a word split by a wrap space is still marked, space included
    assert match_snippet("ดุลยพินิจ", ["ลดการใช้ดุลย พินิจ"]) == "ลดการใช้⦃ดุลย พินิจ⦄"
    # JSON list columns are read item by item
    assert match_snippet("คู่มือ", [json.dumps(["ไม่มี", "จัดทำคู่มือ"])]) == "จัดทำ⦃คู่มือ⦄"
    # a page's printed line broken inside a word reads joined; before a list marker, spaced
    page = "จัดการเรื่องร้อง\nเรียนการทุจริต\n- ประชาชน"
    assert match_snippet("ร้องเรียน", [page]) == "จัดการเรื่อง⦃ร้องเรียน⦄การทุจริต - ประชาชน"
