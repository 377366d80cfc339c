"""End to end in a real browser: ``extract serve`` on the fixtures archive, driven by Playwright in
Debian's Chromium. What a journalist does: search in Thai, narrow by year, ask a canned question,
download CSV, check the original."""

from __future__ import annotations

import csv
import hashlib
import io
import re
from pathlib import Path
from urllib.parse import quote

import pytest

from extract.serve import background_server

pytest_plugins = ["fixture_archive"]

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip

PAGE_SIZE = 20  # metadata.yml: measures size

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="needs Debian's Chromium at /usr/bin/chromium"
    ),
]


@pytest.fixture(scope="module")
def server(fixtures_archive):
    with background_server(fixtures_archive) as base_url:
        yield base_url


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    """A fresh page; any JavaScript dialog (an alert from injected script) is recorded."""
    context = browser.new_context(accept_downloads=True, viewport={"width": 1280, "height": 900})
    new_page = context.new_page()
    new_page.dialogs = []
    new_page.on(
        "dialog", lambda dialog: (new_page.dialogs.append(dialog.message), dialog.dismiss())
    )
    yield new_page
    assert new_page.dialogs == [], "a script injected through extracted text ran"
    context.close()


def shown_ids(page) -> list[int]:
    return sorted(int(text) for text in page.locator("td.col-id").all_inner_texts())


def search_in_box(page, server: str, table: str, query: str) -> None:
    page.goto(f"{server}/archive/{table}")
    page.fill("input[name=_search]", query)
    page.press("input[name=_search]", "Enter")
    page.wait_for_url(re.compile(r"_search="))


@pytest.mark.parametrize("query", ["รถยนต์ส่วนกลาง", "คู่มือ", "๒๕๖๗", "E-Service"])
def test_search_box_finds_the_rows_holding_a_thai_query(
    page, server, fixture_texts, expected_search, query
):
    search_in_box(page, server, "measures", query)
    expected = expected_search(query, fixture_texts)
    heading = page.locator("h3").first.inner_text()
    assert expected and f"{len(expected)} rows where search matches" in heading
    assert shown_ids(page) == expected[:PAGE_SIZE]  # the first page, in id order


def test_year_facet_narrows_a_search(page, server, fixture_texts, expected_search, db):
    search_in_box(page, server, "measures", "No Gift")
    page.locator("#facet-fiscal_year_be a", has_text="2567").first.click()
    page.wait_for_url(re.compile(r"fiscal_year_be=2567"))
    years = {int(y) for y in page.locator("td.col-fiscal_year_be").all_inner_texts()}
    assert years == {2567}
    in_2567 = {r[0] for r in db.execute("SELECT id FROM measures WHERE fiscal_year_be = 2567")}
    expected = [i for i in expected_search("No Gift", fixture_texts) if i in in_2567]
    assert expected and shown_ids(page) == expected


def test_facet_values_wrap_between_thai_words_not_inside_them(page, server):
    """Datasette sets facet items to break anywhere, which parts a tone mark or sara am from its
    letter in a narrow facet column ("หนองน้" / "ำใส"); the archive's pages break them between
    words."""
    page.goto(f"{server}/archive/measures?_facet=agency")
    item = page.locator("#facet-agency li").first
    assert "องค์การบริหารส่วนตำบล" in item.inner_text()
    assert item.evaluate("e => getComputedStyle(e).wordBreak") == "normal"


def test_canned_query_with_a_parameter(page, server):
    page.goto(f"{server}/archive/agency_changes")
    page.fill("input[name=agency]", "อบต.ทุ่งดอกแก้ว")
    page.fill("input[name=year_from]", "๒๕๖๗")
    page.fill("input[name=year_to]", "2568")
    page.get_by_role("button", name="Run SQL").click()
    page.wait_for_url(re.compile(r"year_to=2568"))
    titles = page.locator("td.col-title").all_inner_texts()
    assert sorted(titles) == sorted([
        "จัดอบรมคุณธรรมจริยธรรมให้แก่บุคลากร",
        "ตรวจสอบการใช้รถยนต์ส่วนกลางของทางราชการ",
        "พัฒนาระบบการให้บริการออนไลน์ (E-Service) ของหน่วยงาน",
        "เปิดช่องทางรับเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ",
    ])  # fmt: skip


def test_ranked_search_marks_the_matching_passage(page, server):
    page.goto(f"{server}/archive/search_measures?q={quote('ร้องเรียน ๒๕๖๘')}")
    marks = set(page.locator("td.col-snippet mark").all_inner_texts())
    assert "ร้องเรียน" in marks
    assert page.locator("td.col-snippet").count() >= 2


def test_download_csv_of_the_whole_archive_keeps_thai(page, server, db):
    page.goto(f"{server}/archive/measures_flat")
    form = page.locator("form[action$='measures_flat.csv']")
    form.locator("input[name=_dl]").check()
    form.locator("input[name=_stream]").check()
    with page.expect_download() as download_info:
        form.locator("input[type=submit]").click()
    data = Path(download_info.value.path()).read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # so Excel reads it as UTF-8
    records = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    stored = {r["id"]: r["title"] for r in db.execute("SELECT id, title FROM measures")}
    assert {int(r["id"]): r["title"] for r in records} == stored
    assert any("๒๕๖๘" in r["title"] for r in records)


def test_provenance_link_opens_the_original_file(page, server, db):
    page.goto(f"{server}/archive/measures_flat?source_name=thungdokkaeo-2568.dump.txt&seq=3")
    page.get_by_role("link", name=re.compile("ต้นฉบับ")).first.click()
    page.wait_for_url(re.compile(r"/sources/[0-9a-f]{64}\.txt$"))
    body = page.locator("body").inner_text()
    assert "พัฒนาระบบการให้บริการออนไลน์ (E-Service) ของหน่วยงาน" in body  # decoded as UTF-8
    sha = page.url.rsplit("/", 1)[1].split(".")[0]
    source_name = db.execute("SELECT source_name FROM documents WHERE sha256 = ?", [sha])
    assert source_name.fetchone()[0] == "thungdokkaeo-2568.dump.txt"


def test_original_html_pages_read_in_thai_whatever_their_encoding(page, server, db):
    """Windows-874 pages and UTF-8 pages that declare no encoding show as Thai, not Latin-1 junk:
    the server names the encoding ingest read them in."""
    documents = db.execute("SELECT source_file, title FROM documents WHERE format = 'html'")
    encodings = set()
    for source_file, title in documents:
        response = page.goto(f"{server}/{source_file}")
        encodings.add(response.headers["content-type"])
        assert title[:20] in page.locator("body").inner_text(), source_file
    assert {"text/html; charset=windows-874", "text/html; charset=utf-8"} <= encodings


def test_pdf_page_link_points_at_the_page_of_the_original(page, server, db):
    measure = db.execute(
        "SELECT m.id, m.page_from, d.sha256 FROM measures m JOIN documents d ON d.id = m.document_id "
        "WHERE d.format = 'pdf' AND m.page_from > 1 LIMIT 1"
    ).fetchone()
    page.goto(f"{server}/archive/measures/{measure['id']}")
    link = page.locator("td.col-page_from a")
    href = link.get_attribute("href")
    assert href == f"/sources/{measure['sha256']}.pdf#page={measure['page_from']}"
    response = page.request.get(server + href.split("#")[0])
    assert response.ok and response.headers["content-type"] == "application/pdf"
    assert hashlib.sha256(response.body()).hexdigest() == measure["sha256"]


def test_script_in_extracted_text_shows_as_text_and_never_runs(page, server):
    for path in ("/archive/measures?_search=" + quote("แปลกปลอม"),
                 "/archive/search_measures?q=script",
                 "/archive/pages?_search=" + quote("แปลกปลอม")):  # fmt: skip
        page.goto(server + path)
        page.wait_for_load_state("load")
        assert (
            '<script>alert("xss")</script>' in page.locator("table.rows-and-columns").inner_text()
        )
        assert page.locator("table.rows-and-columns img").count() == 0
        assert page.locator("a[href^='javascript']").count() == 0
    # the page fixture asserts that no alert() dialog was opened


def test_dashboard_draws_the_measures_per_year_chart(page, server):
    page.goto(f"{server}/-/dashboards/overview")
    chart = page.locator(".vega-embed canvas, .vega-embed svg").first
    chart.wait_for(state="visible", timeout=15_000)
    box = chart.bounding_box()
    assert box and box["width"] > 200 and box["height"] > 100
