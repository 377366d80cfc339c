"""The archive as Datasette serves it (in process, same settings and metadata as ``extract serve``):
metadata, facets, the flat view and its downloads, canned queries, provenance links and escaping."""

from __future__ import annotations

import asyncio
import csv
import hashlib
import io
import json
import re
import sqlite3
from pathlib import Path
from urllib.parse import quote

import pytest
from conftest import SAMPLE_DUMP

from extract.archive import Archive
from extract.pipeline import ingest_paths
from extract.serve import SETTINGS, archive_datasette, load_metadata
from normalize.dates import parse_period
from normalize.indicators import classify_indicator

pytest_plugins = ["fixture_archive"]

FIXTURE_DUMPS = Path(__file__).resolve().parent / "fixtures" / "dump"


@pytest.fixture(scope="module")
def ds(fixtures_archive):
    return archive_datasette(fixtures_archive)


@pytest.fixture(scope="module")
def metadata(fixtures_archive):
    return load_metadata(fixtures_archive)


def get(ds, path: str, status: int = 200):
    response = asyncio.run(ds.client.get(path))
    assert response.status_code == status, (path, response.text[:2000])
    return response


def rows(ds, path: str) -> list[dict]:
    separator = "&" if "?" in path else "?"
    return get(ds, f"{path}{separator}_shape=array&_size=max").json()


def measure_id(db, source_name: str, seq: int) -> int:
    return db.execute(
        "SELECT m.id FROM measures m JOIN documents d ON d.id = m.document_id "
        "WHERE d.source_name = ? AND m.seq = ?",
        [source_name, seq],
    ).fetchone()[0]


# --- settings and metadata ---------------------------------------------------------------------


def test_settings_limit_time_and_rows_and_turn_suggested_facets_off(ds):
    settings = get(ds, "/-/settings.json").json()
    assert settings["suggest_facets"] is False
    assert settings["sql_time_limit_ms"] == SETTINGS["sql_time_limit_ms"] == 3000
    assert settings["max_returned_rows"] == 1000
    assert settings["allow_csv_stream"] is True


def test_datasette_reads_the_archive_through_a_read_only_connection(ds):
    database = ds.get_database("archive")
    assert database.is_mutable  # not immutable: ingest may write while it serves
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        asyncio.run(database.execute("DELETE FROM archive_info"))
    get(ds, "/archive.json?sql=" + quote("delete from measures"), status=400)


def test_internal_tables_hidden_and_every_visible_table_described(ds, metadata):
    listing = get(ds, "/archive.json").json()
    hidden = {t["name"] for t in listing["tables"] if t["hidden"]}
    visible = {t["name"] for t in listing["tables"] if not t["hidden"]}
    assert {
        "archive_info",
        "measures_fts",
        "pages_fts",
        "tables_fts",
        "measures_fts_data",
    } <= hidden
    assert not any(name.endswith(("_fts", "_data", "_idx", "_docsize")) for name in visible)
    tables = metadata["databases"]["archive"]["tables"]
    for name in visible | {"measures_flat"}:
        assert tables[name].get("title"), name
    for name in ("measures", "measures_flat", "documents", "pages", "tables"):
        assert tables[name].get("description") or tables[name].get("description_html"), name
    assert metadata["title"] and metadata["license"] and metadata["source"]
    assert re.search("[ก-๙]", metadata["title"]) and re.search("[A-Za-z]", metadata["title"])


@pytest.mark.parametrize("table", ["measures", "measures_flat", "documents", "pages", "tables"])
def test_every_column_has_a_description(ds, metadata, table):
    columns = get(ds, f"/archive/{table}.json?_size=1").json()["columns"]
    described = metadata["databases"]["archive"]["tables"][table]["columns"]
    assert set(columns) - {"id"} <= set(described), set(columns) - set(described)


def test_measures_facets_by_year_place_agency_indicator_and_unit(ds):
    facets = get(ds, "/archive/measures.json?_size=0").json()["facet_results"]
    assert set(facets) == {
        "fiscal_year_be", "province", "agency_type", "agency", "indicator", "units"
    }  # fmt: skip
    years = {r["value"] for r in facets["fiscal_year_be"]["results"]}
    assert {2566, 2567, 2568} <= years
    indicator_labels = {r["label"] for r in facets["indicator"]["results"]}
    assert "การปรับปรุงการทำงาน" in indicator_labels  # labels, not codes
    assert "สำนักปลัด" in {r["value"] for r in facets["units"]["results"]}


def test_documents_facet_by_agency_among_others(ds):
    facets = get(ds, "/archive/documents.json?_size=0").json()["facet_results"]
    assert {"fiscal_year_be", "province", "agency", "format"} <= set(facets)
    agencies = {r["value"] for r in facets["agency"]["results"]}
    assert "องค์การบริหารส่วนตำบลทุ่งดอกแก้ว" in agencies


def test_facet_and_search_combine(ds, db):
    found = rows(ds, "/archive/measures.json?_search=" + quote("No Gift") + "&fiscal_year_be=2567")
    assert found and all(r["fiscal_year_be"] == 2567 for r in found)
    assert measure_id(db, "thungdokkaeo-2567.dump.txt", 3) in {r["id"] for r in found}


@pytest.mark.parametrize(
    ("path", "thai", "arabic"),
    [
        ("/archive/measures.json?fiscal_year_be=", "๒๕๖๗", "2567"),
        ("/archive/measures_flat.json?fiscal_year_ce__exact=", "๒๐๒๕", "2025"),
        ("/archive/documents.json?fiscal_year_be__in=", "๒๕๖๖,๒๕๖๘", "2566,2568"),
    ],
)
def test_number_filters_take_thai_digits(ds, path, thai, arabic):
    found = rows(ds, path + quote(thai))
    assert found and found == rows(ds, path + arabic)


def test_text_filters_keep_the_digits_as_printed(ds):
    found = rows(ds, "/archive/measures.json?period__contains=" + quote("๒๕๖๘"))
    assert found and all("๒๕๖๘" in row["period"] for row in found)


def test_metadata_sorts_survive_label_and_column_links(ds, metadata):
    """Datasette 0.65 answers 500 to ?_labels=on&_col=x when a metadata sort_desc column is left
    out on a table with foreign keys; no configured sort may trigger it."""
    for table, options in metadata["databases"]["archive"]["tables"].items():
        if "sort" in options or "sort_desc" in options:
            sort = options.get("sort") or options["sort_desc"]
            columns = get(ds, f"/archive/{table}.json?_size=1").json()["columns"]
            other = next(c for c in columns if c not in (sort, "id"))
            get(ds, f"/archive/{table}.json?_labels=on&_col={other}&_size=2")
    get(ds, "/archive/measures.json?_labels=on&_col=title&_size=2")


# --- stored per measure: indicator, period, fingerprint ----------------------------------------


def test_indicator_and_period_are_stored_per_measure(db):
    for row in db.execute("SELECT * FROM measures"):
        indicator = classify_indicator(row["title"], json.loads(row["methods"]), row["section"])
        assert row["indicator"] == (indicator.code if indicator else None)
        period = row["period"]
        start, end = parse_period(period, row["fiscal_year_be"]) if period else (None, None)
        assert (row["period_start"], row["period_end"]) == (
            start.isoformat() if start else None,
            end.isoformat() if end else None,
        )
    complaints = measure_id(db, "thungdokkaeo-2568.dump.txt", 4)  # "ไตรมาสที่ ๒ ปีงบประมาณ ๒๕๖๘"
    row = db.execute("SELECT * FROM measures WHERE id = ?", [complaints]).fetchone()
    assert (row["period_start"], row["period_end"]) == ("2025-01-01", "2025-03-31")


def test_text_hash_matches_copies_across_agencies_but_not_same_titles_with_other_steps(db):
    def text_hash(source: str, seq: int) -> str:
        return db.execute(
            "SELECT text_hash FROM measures WHERE id = ?", [measure_id(db, source, seq)]
        ).fetchone()[0]

    # the No Gift measure copied by ห้วยน้ำริน: its own name, Arabic digits, a space added
    assert text_hash("huainamrin-2568.dump.txt", 1) == text_hash("thungdokkaeo-2568.dump.txt", 2)
    # the same E-Service title with different steps is not a copy
    assert text_hash("huainamrin-2568.dump.txt", 2) != text_hash("thungdokkaeo-2568.dump.txt", 3)


# --- the flat view and downloads -----------------------------------------------------------------


def test_flat_view_has_one_row_per_measure_with_its_document(ds, db):
    flat = rows(ds, "/archive/measures_flat.json")
    assert len(flat) == db.execute("SELECT count(*) FROM measures").fetchone()[0]
    documents = {r["id"]: r for r in db.execute("SELECT * FROM documents")}
    for row in flat:
        document = documents[row["document_id"]]
        for column in ("agency", "district", "province", "fiscal_year_be", "sha256", "format"):
            assert row[column] == document[column], column
        page = f"#page={row['page_from']}" if document["format"] == "pdf" else ""
        assert row["source_url"] == f"/{document['source_file']}{page}"


def test_whole_archive_streams_as_one_csv_across_pages(fixtures_archive, db):
    # a small page size makes the stream follow many pages, as it does at 1,000 rows a page
    small_pages = archive_datasette(fixtures_archive, settings={"max_returned_rows": 7})
    text = get(small_pages, "/archive/measures_flat.csv?_stream=all&_size=max").text
    records = list(csv.DictReader(io.StringIO(text)))
    ids = [int(r["id"]) for r in records]
    assert len(ids) == len(set(ids)) == db.execute("SELECT count(*) FROM measures").fetchone()[0]
    by_id = {r["id"]: r for r in db.execute("SELECT * FROM measures")}
    for record in records:
        stored = by_id[int(record["id"])]
        assert record["title"] == stored["title"]  # Thai as stored, Thai digits as printed
        assert record["methods"] == stored["methods"]  # JSON lists stay raw in CSV
    assert any("๒๕๖๘" in r["title"] for r in records)


@pytest.mark.parametrize(
    "path",
    [
        "/archive/measures.csv?_sort_desc=fiscal_year_be",
        "/archive/measures.csv?_sort=province",
        "/archive/measures.csv?_sort_desc=indicator",
        "/archive/measures.csv?_sort=fiscal_year_be&_search=" + quote("ร้องเรียน"),
        "/archive/documents.csv?_col=fiscal_year_be",  # sorted by it, down, in metadata.yml
        "/archive/pages.csv?_sort=quality",
    ],
)
def test_a_sorted_table_streams_every_row_once(fixtures_archive, path):
    # Datasette 0.65 ordered only the first page by the sort column alone: rows tied on it were
    # skipped or repeated from the second page on (extract.sorted_paging)
    small_pages = archive_datasette(fixtures_archive, settings={"max_returned_rows": 7})
    table, query = path.removeprefix("/archive/").split(".csv?")
    count = get(small_pages, f"/archive/{table}.json?{query}&_size=0").json()[
        "filtered_table_rows_count"
    ]
    text = get(small_pages, f"{path}&_stream=on&_size=max").text
    ids = [record["id"] for record in csv.DictReader(io.StringIO(text))]
    assert len(ids) == len(set(ids)) == count > 7


def test_downloaded_csv_starts_with_a_bom_for_excel(ds):
    downloaded = get(ds, "/archive/measures_flat.csv?_stream=on&_size=max&_dl=1")
    assert downloaded.headers["content-type"].startswith("text/csv")
    assert downloaded.content.startswith(b"\xef\xbb\xbfid,")
    shown = get(ds, "/archive/measures_flat.csv?_size=max")
    assert shown.content.startswith(b"id,")


# --- canned queries --------------------------------------------------------------------------------


def test_every_canned_query_runs_without_parameters(ds, metadata):
    for name in metadata["databases"]["archive"]["queries"]:
        get(ds, f"/archive/{name}.json")
        get(ds, f"/archive/{name}")


def test_agency_history_lists_one_agency_year_by_year(ds):
    found = rows(ds, "/archive/agency_history.json?agency=" + quote("ทุ่งดอกแก้ว"))
    assert [(r["fiscal_year_be"], r["seq"]) for r in found] == [
        (2567, 1), (2567, 2), (2567, 3), (2567, 4), (2568, 1), (2568, 2), (2568, 3), (2568, 4)
    ]  # fmt: skip
    assert {r["agency"] for r in found} == {"องค์การบริหารส่วนตำบลทุ่งดอกแก้ว"}


@pytest.mark.parametrize(
    ("year_from", "year_to"), [("2567", "2568"), ("2567", "๒๕๖๘"), ("67", "68"), ("2024", "2025")]
)
def test_agency_changes_between_two_years(ds, year_from, year_to):
    # the years as `extract export --year` takes them: BE, Thai digits, two digits, CE
    found = rows(
        ds,
        "/archive/agency_changes.json?agency="
        + quote("อบต.ทุ่งดอกแก้ว")
        + f"&year_from={quote(year_from)}&year_to={quote(year_to)}",
    )
    changes = {(r["change"].split()[0], r["title"]) for r in found}
    assert changes == {
        ("dropped", "จัดอบรมคุณธรรมจริยธรรมให้แก่บุคลากร"),
        ("dropped", "ตรวจสอบการใช้รถยนต์ส่วนกลางของทางราชการ"),
        ("added", "พัฒนาระบบการให้บริการออนไลน์ (E-Service) ของหน่วยงาน"),
        ("added", "เปิดช่องทางรับเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ"),
    }  # the procurement plan kept its title but for the year: not a change


@pytest.mark.parametrize("year", ["2568", "๒๕๖๘", "68", "2025"])
def test_search_measures_takes_the_year_as_people_type_it(ds, year):
    found = rows(ds, "/archive/search_measures.json?q=" + quote("ร้องเรียน") + f"&year={quote(year)}")
    assert found and {r["fiscal_year_be"] for r in found} == {2568}


@pytest.mark.parametrize("years", ["year_from=2567&year_to=", "year_from=&year_to=2568"])
def test_agency_changes_with_a_year_left_out_lists_no_change(ds, years):
    """A year not given is not a year without measures: nothing reads as dropped or added."""
    assert rows(ds, "/archive/agency_changes.json?agency=" + quote("ทุ่งดอกแก้ว") + "&" + years) == []


def test_copied_measures_groups_copies_across_agencies_only(ds, db):
    groups = rows(ds, "/archive/copied_measures.json")
    assert groups and all(g["agencies"] >= 2 for g in groups)
    copied = next(g for g in groups if "ห้วยน้ำริน" in g["where_found"])
    assert "ทุ่งดอกแก้ว" in copied["where_found"] and "No Gift Policy" in copied["title"]
    members = rows(ds, f"/archive/measures_flat.json?text_hash={copied['text_hash']}")
    assert {(r["source_name"], r["seq"]) for r in members} >= {
        ("huainamrin-2568.dump.txt", 1), ("thungdokkaeo-2568.dump.txt", 2)
    }  # fmt: skip
    # ทุ่งดอกแก้ว repeating its own procurement plan in 2567 and 2568 is not a copy between agencies
    procurement = db.execute(
        "SELECT text_hash FROM measures WHERE id = ?",
        [measure_id(db, "thungdokkaeo-2568.dump.txt", 1)],
    ).fetchone()[0]
    assert procurement not in {g["text_hash"] for g in groups}


def test_measures_per_year_and_indicator_count_every_measure(ds, db):
    counted = rows(ds, "/archive/measures_per_year_indicator.json")
    assert (
        sum(r["measures"] for r in counted)
        == db.execute("SELECT count(*) FROM measures").fetchone()[0]
    )
    expected = {
        (year, code): n
        for year, code, n in db.execute(
            "SELECT fiscal_year_be, indicator, count(*) FROM measures GROUP BY 1, 2"
        )
    }
    codes = {r["number"]: r["code"] for r in db.execute("SELECT number, code FROM indicators")}
    got = {(r["fiscal_year_be"], codes.get(r["indicator_number"])): r["measures"] for r in counted}
    assert got == expected
    in_province = rows(ds, "/archive/measures_per_year_indicator.json?province=" + quote("จันทบุรี"))
    assert 0 < sum(r["measures"] for r in in_province) < sum(r["measures"] for r in counted)


def test_documents_to_check_lists_every_flagged_document(ds, db):
    listed = rows(ds, "/archive/documents_to_check.json")
    flagged = {r["id"] for r in db.execute("SELECT id FROM documents WHERE needs_ocr = 1")}
    assert flagged and flagged <= {r["id"] for r in listed}
    assert all(r["needs_ocr"] or r["min_quality"] < 0.9 for r in listed)
    assert all(r["pages_to_check"] for r in listed if r["needs_ocr"])
    stricter = rows(ds, "/archive/documents_to_check.json?min_quality=0.5")
    assert {r["id"] for r in stricter} <= {r["id"] for r in listed}


def test_page_search_links_to_the_page_of_the_original(ds):
    found = rows(ds, "/archive/search_pages.json?q=" + quote("ดุลยพินิจ"))
    assert found
    for row in found:
        assert "⦃" in row["snippet"]
        assert row["source_url"].startswith("/sources/")
        if ".pdf" in row["source_url"]:
            assert row["source_url"].endswith(f"#page={row['page']}")


# --- HTML: readable lists, provenance links, escaping -------------------------------------------


def test_json_list_columns_render_as_lists_in_html_and_stay_raw_in_json(ds, db):
    measure = measure_id(db, "thungdokkaeo-2568.dump.txt", 3)
    html = get(ds, f"/archive/measures/{measure}").text
    assert '<ol class="cell-list"><li>เปิดให้ยื่นคำร้องขอรับบริการผ่านระบบ E-Service บนเว็บไซต์</li>' in html
    assert '<ul class="cell-list"><li>สำนักปลัด</li><li>กองช่าง</li></ul>' in html
    raw = get(ds, f"/archive/measures/{measure}.json?_shape=array").json()[0]
    assert json.loads(raw["methods"])[0] == "เปิดให้ยื่นคำร้องขอรับบริการผ่านระบบ E-Service บนเว็บไซต์"


def test_measure_page_links_to_the_pdf_page_it_came_from(ds, db):
    pdf_measure = db.execute(
        "SELECT m.id, m.page_from, d.sha256 FROM measures m JOIN documents d ON d.id = m.document_id "
        "WHERE d.format = 'pdf' AND m.page_from > 1 LIMIT 1"
    ).fetchone()
    assert pdf_measure, "a PDF fixture with a measure on page 2 or later"
    html = get(ds, f"/archive/measures/{pdf_measure['id']}").text
    href = f"/sources/{pdf_measure['sha256']}.pdf#page={pdf_measure['page_from']}"
    assert f'href="{href}"' in html
    flat = get(ds, f"/archive/measures_flat?id={pdf_measure['id']}").text
    assert f'href="{href}"' in flat


def test_documents_and_pages_link_to_their_source_files(ds, db):
    document = db.execute("SELECT * FROM documents WHERE format = 'pdf' LIMIT 1").fetchone()
    html = get(ds, f"/archive/documents/{document['id']}").text
    assert f'href="/{document["source_file"]}"' in html
    pages = get(ds, f"/archive/pages?document_id={document['id']}").text
    assert f'href="/{document["source_file"]}#page=1"' in pages


def test_source_files_are_served_byte_for_byte_with_safe_headers(ds, db):
    for document in db.execute("SELECT * FROM documents"):
        response = get(ds, "/" + document["source_file"])
        assert hashlib.sha256(response.content).hexdigest() == document["sha256"]
        assert response.headers["x-content-type-options"] == "nosniff"
        content_type = response.headers["content-type"]
        if document["format"] == "text":
            assert content_type == "text/plain; charset=utf-8"
        if document["format"] == "html":
            assert "sandbox" in response.headers["content-security-policy"]
            assert "; charset=" in content_type  # as ingest read it (test_browser decodes it)
        if document["format"] == "pdf":
            assert content_type == "application/pdf"


HOSTILE_PAGES = [
    "/archive/measures?_search=" + quote("แปลกปลอม"),
    "/archive/measures_flat?_search=" + quote("แปลกปลอม"),
    "/archive/search_measures?q=" + quote("script"),
    "/archive/search_measures?q=" + quote("onerror"),
    "/archive/pages?_search=" + quote("แปลกปลอม"),
    "/archive/tables?_search=" + quote("แปลกปลอม"),
]


@pytest.mark.parametrize("path", HOSTILE_PAGES)
def test_markup_in_cells_is_shown_as_text(ds, path):
    html = get(ds, path).text
    assert "&lt;script&gt;alert(" in html  # the text is there, escaped
    assert "<script>alert(" not in html
    assert "<img src=x" not in html and "<b>ตัวหนา" not in html
    assert not re.search(r"""href=["']?\s*javascript:""", html, re.IGNORECASE)


def test_markup_in_cells_is_escaped_on_the_row_page(ds, db):
    (hostile,) = db.execute("SELECT id FROM measures WHERE title LIKE '%<script>%'").fetchone()
    html = get(ds, f"/archive/measures/{hostile}").text
    assert "&lt;script&gt;alert(" in html and "<script>alert(" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    # JSON keeps the text as published; escaping is the consumer's job
    raw = get(ds, f"/archive/measures/{hostile}.json?_shape=array").json()[0]
    assert '<script>alert("xss")</script>' in raw["title"]


def test_dashboard_page_lists_its_charts(ds):
    html = get(ds, "/-/dashboards/overview").text
    assert "Measures per fiscal year by ITA indicator" in html


# --- ingest while serving ------------------------------------------------------------------------


def test_ingest_while_serving_shows_new_documents(tmp_path):
    db = tmp_path / "archive.db"
    ingest_paths([FIXTURE_DUMPS / "thungdokkaeo-2567.dump.txt"], db)
    served = archive_datasette(db)
    before = rows(served, "/archive/measures_flat.json")
    with Archive(db) as archive:  # a writer holding the archive open while Datasette reads
        archive.conn.execute("SELECT 1")
        summary = ingest_paths([FIXTURE_DUMPS / "thungdokkaeo-2568.dump.txt", SAMPLE_DUMP], db)
        assert summary.count("added") == 2
        after = rows(served, "/archive/measures_flat.json")
    assert len(after) == len(before) + 4 + 7
    assert {r["fiscal_year_be"] for r in after} == {2567, 2568}
