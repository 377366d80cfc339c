"""Search at scale: measures searched through their distinct texts, published copies, facet counts
from memory. Every answer of the fast paths is checked against the plain one on real archives (our
fixtures), and against the substring ground truth of ``fixture_archive``."""

from __future__ import annotations

import asyncio
import json
import math
import random
import re
import sqlite3
from pathlib import Path
from urllib.parse import quote

import pytest
from conftest import cell_texts, get_json
from test_search import QUERIES

from extract import measure_search
from extract.archive import Archive
from extract.publish import inspect_file, is_published, publish_archive
from extract.ranked_search import ranked_fts_query
from extract.serve import archive_datasette, datasette_args
from normalize.search import search_text
from normalize.search_query import parse_query
from scripts.make_big_archive import guidance_measures, report_document

pytest_plugins = ["fixture_archive"]


@pytest.fixture(scope="module")
def published(fixtures_archive, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("published") / "archive.db"
    publish_archive(fixtures_archive, out)
    return out


@pytest.fixture(scope="module")
def published_ds(published):
    return archive_datasette(published)


def facet_counts(data: dict) -> dict[str, list[tuple]]:
    return {
        name: [(r["value"], r["count"], r["selected"]) for r in facet["results"]]
        for name, facet in data["facet_results"].items()
    }


def page(ds, path: str) -> dict:
    data = get_json(ds, path + ("&" if "?" in path else "?") + "_size=max")
    return {
        "ids": sorted(row[0] if isinstance(row, list) else row["id"] for row in data["rows"]),
        "count": data["filtered_table_rows_count"],
        "facets": facet_counts(data),
    }


# --- ingest: each distinct text once -----------------------------------------------------------


def test_the_per_measure_index_holds_the_same_text_as_before(fixtures_archive, fixture_texts):
    """measures_fts gets its text from the two normalised halves; it must equal search_text of
    the whole measure, as the ground truth computes it."""
    with sqlite3.connect(fixtures_archive) as conn:
        stored = dict(conn.execute("SELECT rowid, search_text FROM measures_fts"))
    assert stored == fixture_texts


def test_copied_measures_share_one_indexed_text(tmp_path):
    rng = random.Random(7)
    guidance = guidance_measures()
    agencies = [
        ("เทศบาลตำบลหนองแก้ว", "บ้านลาด", "เพชรบุรี"),
        ("องค์การบริหารส่วนตำบลดอนยาง", "ท่ายาง", "เพชรบุรี"),
    ]
    docs = [report_document(a, 2568, guidance, rng, 0.0, 5) for a in agencies]
    docs[1].measures[:3] = [
        type(m)(**{**vars(m), "seq": i}) for i, m in enumerate(docs[0].measures[:3], 1)
    ]
    with Archive(tmp_path / "archive.db") as archive:
        for doc in docs:
            archive.store(doc)
        conn = archive.conn
        rows = conn.execute("SELECT document_id, seq, text_id, place_id FROM measures").fetchall()
        texts = conn.execute("SELECT id, measures FROM measure_texts").fetchall()
        indexed = conn.execute("SELECT count(*) FROM measure_texts_fts").fetchone()[0]
        places = conn.execute("SELECT count(*) FROM place_texts").fetchone()[0]
    by_doc = {(d, s): t for d, s, t, _ in rows}
    assert [by_doc[(1, s)] for s in (1, 2, 3)] == [by_doc[(2, s)] for s in (1, 2, 3)]
    assert len(texts) == indexed == len({t for *_, t, _ in rows}) < len(rows)
    assert sum(n for _, n in texts) == len(rows)
    assert places == 2


def test_an_older_archive_gets_its_text_ids_on_open(tmp_path, fixture_texts):
    from conftest import SAMPLE_DUMP

    from extract.pipeline import ingest_paths

    db = tmp_path / "archive.db"
    ingest_paths([SAMPLE_DUMP], db)
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE measures SET text_id = NULL, place_id = NULL")
        conn.execute("DELETE FROM measure_texts")
        conn.execute("DELETE FROM place_texts")
        conn.execute("INSERT INTO measure_texts_fts (measure_texts_fts) VALUES ('delete-all')")
        conn.execute("INSERT INTO place_texts_fts (place_texts_fts) VALUES ('delete-all')")
    Archive(db).close()
    ds = archive_datasette(db)
    assert page(ds, "/archive/measures.json?_search=" + quote("คู่มือ"))["ids"]
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM measures WHERE text_id IS NULL").fetchone() == (
            0,
        )


# --- published copies --------------------------------------------------------------------------


def test_publish_leaves_out_the_per_measure_index_and_serves_immutably(fixtures_archive, published):
    assert is_published(published) and not is_published(fixtures_archive)
    with sqlite3.connect(published) as conn:
        names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
        assert "measures_fts" not in names and "measure_texts_fts" in names
        assert conn.execute("PRAGMA page_size").fetchone()[0] == 8192
        counts = conn.execute("SELECT count(*) FROM measures").fetchone()[0]
    inspect = json.loads(inspect_file(published).read_text("utf-8"))
    assert inspect["archive"]["tables"]["measures"]["count"] == counts
    args = datasette_args(published, published, "127.0.0.1", 8001)
    assert args[1:5] == ["-i", str(published), "--inspect-file", str(inspect_file(published))]
    assert not archive_datasette(published).get_database("archive").is_mutable


@pytest.mark.parametrize("query", [*QUERIES, "ฯ", "-คู่มือ", "ไม่มีคำนี้แน่นอน"])
def test_published_search_and_facets_equal_the_working_archive(
    fixtures_datasette, published_ds, fixture_texts, expected_search, query
):
    """Rows, count and every facet of the search box: the published copy (facets from memory)
    answers exactly as the working archive (Datasette's SQL facets) and the ground truth."""
    path = "/archive/measures.json?_search=" + quote(query)
    working, fast = page(fixtures_datasette, path), page(published_ds, path)
    assert fast == working
    assert fast["ids"] == expected_search(query, fixture_texts)
    assert set(fast["facets"]) == {"fiscal_year_be", "province", "agency_type", "agency",
                                   "indicator", "units"}  # fmt: skip


@pytest.mark.parametrize(
    "path",
    [
        "/archive/measures.json",  # no search: the facets of the whole table
        "/archive/measures.json?_search=" + quote("No Gift") + "&fiscal_year_be=2567",
        "/archive/measures.json?_search=" + quote("คู่มือ") + "&units__arraycontains="
        + quote("กองคลัง"),
        "/archive/measures.json?_search=" + quote("ร้องเรียน") + "&province=" + quote("เพชรบุรี"),
        "/archive/measures.json?_search=" + quote("คู่มือ") + "&seq__gt=2",  # Datasette's facets
        "/archive/measures_flat.json?_search=" + quote("2568"),
        "/archive/measures_flat.json?_search=" + quote("ปี") + "&fiscal_year_be=2568",
    ],
)  # fmt: skip
def test_filters_with_search_equal_the_working_archive(fixtures_datasette, published_ds, path):
    assert page(published_ds, path) == page(fixtures_datasette, path)


def test_both_plans_find_the_same_rows(published_ds, fixtures_datasette, monkeypatch):
    path = "/archive/measures.json?_search=" + quote("คู่มือ OR ร้องเรียน -เว็บไซต์")
    looked_up = page(published_ds, path)
    monkeypatch.setattr(measure_search, "SCAN_ABOVE", -1)  # every search walks the table
    assert page(published_ds, path) == looked_up == page(fixtures_datasette, path)
    assert looked_up["ids"]


def test_the_clause_names_its_plan():
    few = measure_search.TermMatch("[1, 2]", "[]", 10)
    many = measure_search.TermMatch("[3]", "[4]", measure_search.SCAN_ABOVE + 1)
    query = measure_search.parse_query("a1b c2d")
    looked_up, _ = measure_search.MeasureSearch(query, (few, many), None).clause()
    walked, params = measure_search.MeasureSearch(query, (many, many), few).clause()
    assert "+text_id" not in looked_up and "place_id" not in looked_up.split(" and ")[0]
    assert "+text_id" in walked and "+place_id" in walked and "not (" in walked
    assert params["search_not_texts"] == "[1, 2]"


def test_ranked_search_on_the_published_copy(published_ds, fixture_texts, expected_search):
    rows = get_json(
        published_ds, "/archive/search_measures.json?q=" + quote("ร้องเรียน") + "&_shape=array"
    )
    assert sorted(r["id"] for r in rows) == expected_search("ร้องเรียน", fixture_texts)
    assert "ร้องเรียน" in rows[0]["title"]
    in_year = get_json(published_ds, "/archive/search_measures.json?q=2568&year=2567&_shape=array")
    assert all(r["fiscal_year_be"] == 2567 for r in in_year)


def test_search_box_shown_and_filled_on_the_html_page(published_ds):
    html = asyncio.run(published_ds.client.get("/archive/measures?_search=" + quote("คู่มือ"))).text
    assert 'name="_search" value="คู่มือ"' in html
    assert "search matches &#34;คู่มือ&#34;" in html


def test_the_page_count_of_a_published_copy_comes_from_memory(published, monkeypatch):
    """The count of a measures page is the sum of the same mask as its facets: a mask of every
    row makes the page say so, without SQLite counting (the working archive counts in SQL)."""
    ds = archive_datasette(published)
    path = "/archive/measures.json?_search=" + quote("ร้องเรียน") + "&_size=1"
    honest = get_json(ds, path)["filtered_table_rows_count"]
    with sqlite3.connect(published) as conn:
        total = conn.execute("SELECT count(*) FROM measures").fetchone()[0]
    every_row = lambda request, index: index.rows_matching(None, [])  # noqa: E731
    monkeypatch.setattr(measure_search, "indexed_rows", every_row)
    assert 0 < honest < total == get_json(ds, path)["filtered_table_rows_count"]
    sql = "/archive.json?sql=" + quote("select count(*) from measures where province = 'x'")
    assert get_json(ds, sql + "&_shape=array") == [{"count(*)": 0}]  # other SQL: SQLite's


def test_recent_matches_stay_within_their_budget():
    recent = measure_search._RecentMatches(budget_bytes=40)
    match = measure_search.TermMatch("[" + "1," * 8 + "1]", "[]", 9)  # 20 bytes of ids
    for key in ("a", "b", "c"):
        recent.put(key, match)
    assert recent.get("a") is None and recent.get("c") is match and recent.used <= 40
    recent.put("huge", measure_search.TermMatch("[" + "1," * 40 + "1]", "[]", 41))
    assert recent.get("huge") is None  # larger than the whole budget: never kept


# --- ranked search: stored rankings of a published copy, checked against bm25 by hand -----------

# words of the texts: stored at publish. LATIN_PAIR stands for the most frequent two Latin letters
# of the sampled measures (which pair that is follows the fixtures' text: e-GP, audit, Facebook…)
LATIN_PAIR = "two Latin letters"
WORD_QUERIES = ["ร้องเรียน", "เว็บไซต์", "ปี", LATIN_PAIR]
TYPED_QUERIES = ["คู่มือ 2568", "ประชาชน OR บุคลากร", "เผยแพร่ -เว็บไซต์"]  # ranked live
K1, B = 1.2, 0.75  # FTS5 bm25's constants


@pytest.fixture(scope="module")
def ranked_archive(tmp_path_factory) -> tuple[Path, Path]:
    """A working archive of copied guidance (many measures per distinct text) and its published
    copy with every frequent query's ranking stored (no cost threshold)."""
    from extract import ranked_search

    working = tmp_path_factory.mktemp("ranked") / "archive.db"
    published = tmp_path_factory.mktemp("ranked-published") / "archive.db"  # the same name
    rng = random.Random(11)
    guidance = guidance_measures()
    agencies = [(f"เทศบาลตำบลทดสอบ{i}", "บ้านลาด", "เพชรบุรี") for i in range(12)]
    with Archive(working) as archive:
        for year in (2567, 2568):
            for agency in agencies:
                archive.store(report_document(agency, year, guidance, rng, 0.3, 12))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(ranked_search, "STORE_ABOVE", 0)
        publish_archive(working, published)
    return working, published


def content_texts(db: Path) -> dict[int, str]:
    """text id → the normalised text of its measures, rebuilt from their cells (the ground truth:
    every measure pointing at a text must give the same one)."""
    texts: dict[int, str] = {}
    with sqlite3.connect(db) as conn:
        conn.row_factory = sqlite3.Row
        for row in conn.execute("SELECT * FROM measures"):
            text = search_text("\n".join(p for p in cell_texts(row) if p))
            assert texts.setdefault(row["text_id"], text) == text
    return texts


def bm25_by_hand(texts: dict[int, str], typed: str, expression: str) -> dict[int, float]:
    """FTS5's bm25 of every text the query matches (substring test), from the texts alone: each
    quoted phrase of its expression is a substring (its trigrams in a row), counted with overlaps;
    a text has len − 2 trigrams. Negated phrases are not scored."""
    query = parse_query(typed)
    negated = expression.partition(" NOT ")[2]
    scored = expression.partition(" NOT ")[0]
    phrases = [p.replace('""', '"') for p in re.findall(r'"((?:[^"]|"")*)"', scored)]
    assert negated or len(phrases) >= len(query.terms)
    matching = [
        text_id
        for text_id, text in texts.items()
        if all(any(term in text for term in group) for group in query.groups)
        and not any(term in text for term in query.negated)
    ]
    sizes = {text_id: max(0, len(text) - 2) for text_id, text in texts.items()}
    average = sum(sizes.values()) / len(texts)
    scores = {}
    for text_id in matching:
        score = 0.0
        for phrase in phrases:
            held = sum(phrase in text for text in texts.values())
            idf = max(math.log((len(texts) - held + 0.5) / (held + 0.5)), 1e-6)
            found = len(re.findall(f"(?={re.escape(phrase)})", texts[text_id]))
            score += idf * found * (K1 + 1) / (found + K1 * (1 - B + B * sizes[text_id] / average))
        scores[text_id] = -score
    return scores


@pytest.mark.parametrize("query", WORD_QUERIES + TYPED_QUERIES)
def test_ranked_texts_are_the_best_by_bm25(ranked_archive, query):
    """The canned query's texts, stored at publish or ranked live, in bm25 order as computed by
    hand from the texts; and their measures text by text, newest year first, then by id."""
    from extract.ranked_search import RANKED_TEXTS, stored_trigrams

    working, published = ranked_archive
    texts = content_texts(working)
    stored_query = query in WORD_QUERIES
    if query == LATIN_PAIR:
        query = frequent_latin_pair(working)
    with sqlite3.connect(f"file:{published}?mode=ro", uri=True) as conn:
        expression = ranked_fts_query(query, stored_trigrams(conn))
        stored = conn.execute(
            "SELECT text_ids FROM measure_text_rankings WHERE expression = ?", [expression]
        ).fetchone()
    assert (stored is not None) == stored_query
    scores = bm25_by_hand(texts, query, expression)
    assert scores, "the query matches some texts"
    best = sorted(scores.values())[:RANKED_TEXTS]
    for db in (published, working):  # stored (published) and live (working) rankings
        ds = archive_datasette(db)
        rows = get_json(ds, "/archive/search_measures.json?_shape=array&q=" + quote(query))
        with sqlite3.connect(db) as conn:
            text_of = dict(conn.execute("SELECT id, text_id FROM measures"))
            year_of = dict(conn.execute("SELECT id, fiscal_year_be FROM measures"))
        ranked = list(dict.fromkeys(text_of[r["id"]] for r in rows))
        assert [scores[t] for t in ranked] == pytest.approx(best[: len(ranked)], rel=1e-9)
        order = [(ranked.index(text_of[r["id"]]), -year_of[r["id"]], r["id"]) for r in rows]
        assert order == sorted(order) and len(rows) == min(100, len(rows))


def frequent_latin_pair(db: Path) -> str:
    """The first two-Latin-letter query among the archive's frequent queries."""
    from extract.ranked_search import candidate_queries

    with sqlite3.connect(db) as conn:
        candidates = candidate_queries(conn)
    return next(q for q in candidates if len(q) == 2 and q.isascii() and q.isalpha())


def test_stored_rankings_equal_the_live_ranking(ranked_archive):
    from extract.ranked_search import ranked_text_ids

    _, published = ranked_archive
    with sqlite3.connect(f"file:{published}?mode=ro", uri=True) as conn:
        stored = conn.execute("SELECT expression, text_ids FROM measure_text_rankings").fetchall()
        assert len(stored) > 20
        for expression, text_ids in stored:
            assert ranked_text_ids(conn, expression) == json.loads(text_ids)


def test_a_two_character_term_ranks_alike_over_the_held_trigrams_only(ranked_archive):
    from extract.ranked_search import ranked_text_ids, stored_trigrams

    _, published = ranked_archive
    with sqlite3.connect(f"file:{published}?mode=ro", uri=True) as conn:
        trigrams = stored_trigrams(conn)
        assert trigrams and all(len(t) == 3 for t in trigrams)
        for term in ("ปี", "it", "นา", "zq"):
            pruned, full = ranked_fts_query(term, trigrams), ranked_fts_query(term, None)
            assert pruned.count('"') < full.count('"')
            assert ranked_text_ids(conn, pruned) == ranked_text_ids(conn, full)


def test_a_year_is_ranked_live_among_that_years_texts(ranked_archive):
    _, published = ranked_archive
    ds = archive_datasette(published)
    rows = get_json(ds, "/archive/search_measures.json?_shape=array&q=ปี&year=๒๕๖๗")
    assert rows and all(r["fiscal_year_be"] == 2567 for r in rows)


# --- integrity of the distinct texts --------------------------------------------------------------


@pytest.mark.parametrize(
    "damage, problem",
    [
        ("UPDATE measures SET text_id = 999999 WHERE id = (SELECT min(id) FROM measures)",
         "text_id 999999 has no measure_texts row"),
        ("UPDATE place_texts SET measures = measures + 1 WHERE id = 1", "place_texts 1: counts"),
        ("UPDATE measure_texts SET measures = 0 WHERE id = 2", "measure_texts 2: counts 0"),
        ("INSERT INTO measure_texts_fts (rowid, search_text) VALUES (999999, 'ข้อความ')",
         "measure_texts_fts 999999: no measure_texts row"),
        ("INSERT INTO place_texts (digest, measures) VALUES (x'00', 0)", "no place_texts_fts row"),
    ],
)  # fmt: skip
def test_integrity_checks_the_distinct_texts(fixtures_archive, tmp_path, damage, problem):
    import shutil

    from extract.integrity import archive_problems

    shutil.copytree(fixtures_archive.parent, tmp_path / "copy")  # the archive and its sources
    db = tmp_path / "copy" / fixtures_archive.name
    assert archive_problems(db) == []
    with sqlite3.connect(db) as conn:
        conn.execute(damage)
    assert any(problem in found for found in archive_problems(db)), archive_problems(db)
