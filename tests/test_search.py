"""Thai search through Datasette's own search box (the project's plugin normalises the query)."""

from __future__ import annotations

import asyncio

import pytest
from datasette.app import Datasette

from extract.serve import load_metadata


@pytest.fixture(scope="module")
def datasette(sample_archive):
    return Datasette(files=[str(sample_archive)], metadata=load_metadata(sample_archive))


def get_json(ds: Datasette, path: str) -> dict:
    response = asyncio.run(ds.client.get(path))
    assert response.status_code == 200, response.text
    return response.json()


def search(ds: Datasette, query: str, table: str = "measures") -> list[int]:
    data = get_json(ds, f"/archive/{table}.json?_search={query}&_shape=objects&_col=seq")
    return sorted(row["seq"] for row in data["rows"])


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
    assert search(datasette, "ทรัพย์สิน OR จัดซื้อ") == [4, 5]
    assert search(datasette, "คู่มือ -ทรัพย์สิน") == [1, 2, 7]


def test_facets_by_year_province_and_unit(datasette):
    data = get_json(
        datasette, "/archive/measures.json?_facet=fiscal_year_be&_facet=province&_facet_array=units"
    )
    facets = data["facet_results"]
    assert facets["fiscal_year_be"]["results"][0]["value"] == 2568
    assert facets["province"]["results"][0]["value"] == "เพชรบุรี"
    units = {r["value"]: r["count"] for r in facets["units"]["results"]}
    assert units["กองคลัง"] == 2
