"""Ranked search of the measures: the best distinct texts first, fast on a published archive.

The ranking (the ``search_measures`` canned query of metadata.yml): the distinct measure texts
holding the query (``measure_texts_fts``, the search box's query language) ordered by FTS5 ``bm25``
(ties by text id), the best ``RANKED_TEXTS``; then the measures carrying them, text by text, newest
fiscal year first, then by id. A measure is found by its own text only (not by its agency's place).

bm25 must score every matching text before it can name the best, and a common word is held by a
hundred thousand distinct texts (~200 ms at a million measures; a two-character word is an OR of
hundreds of trigrams, ~1 s). A published archive never changes, so ``extract publish`` ranks the
frequent queries once (``store_rankings``) and keeps their best text ids in
``measure_text_rankings`` (keyed by the FTS5 expression the query becomes); the canned query reads
the stored list when there is one and ranks live otherwise. The stored list is made by the same
SQL as the live ranking on the same index, so both give the same texts in the same order.

Which queries are frequent: the words of the texts themselves (newmm words of a sample of the
measures, alone and as runs of two or three words, so compounds like ผู้บริหาร and phrases like
"no gift policy" are included) and every two-character sequence (ปี, นา, it), each found in at
least ``CANDIDATE_SHARE`` of the sample; stored when matching texts × FTS5 phrases of the
expression reach ``STORE_ABOVE``. Publish also stores the index's trigrams, so a two-character
term becomes the OR of only the trigrams that occur (``ranked_fts_query``).
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Iterable

from extract.archive import CONTENT_COLUMNS, RANKINGS_SCHEMA, stored_content_text
from normalize.search import search_text
from normalize.search_query import NO_MATCH, fts_match_expression, parse_query

RANKED_TEXTS = 100  # texts ranked per query: the canned query lists the measures of the best 100
# matching texts × phrases above which a query's ranking is stored (~30 ms of bm25 at 1M measures)
STORE_ABOVE = 20_000
SAMPLE_MEASURES = 4_000  # measures whose words are the candidate queries
CANDIDATE_SHARE = 0.02  # a candidate occurs in at least this share of the sampled measures
WORD_RUN = 3  # candidates are runs of up to this many words

# the live ranking: the canned query's ``best`` when no stored list exists (same order)
LIVE_RANKING_SQL = (
    "SELECT rowid FROM measure_texts_fts WHERE measure_texts_fts MATCH :expression "
    f"ORDER BY rank, rowid LIMIT {RANKED_TEXTS}"
)


def ranked_fts_query(query: str | None, trigrams: frozenset[str] | None) -> str:
    """The FTS5 expression of a ranked search: the search box's, with a two-character term
    expanded only to the trigrams the index holds (same texts, same bm25; a quarter of the work)."""
    return fts_match_expression(parse_query(query), trigrams)


def stored_trigrams(conn: sqlite3.Connection) -> frozenset[str] | None:
    """The trigrams of a published archive's text index; None where they are not stored."""
    try:
        found = frozenset(
            row[0] for row in conn.execute("SELECT trigram FROM measure_text_trigrams")
        )
    except sqlite3.OperationalError:  # not an archive, or one made before the table existed
        return None
    return found or None


def store_trigrams(conn: sqlite3.Connection) -> frozenset[str]:
    """Store every trigram of ``measure_texts_fts`` (its vocabulary)."""
    conn.execute(
        "CREATE VIRTUAL TABLE temp.measure_texts_vocabulary "
        "USING fts5vocab(main, measure_texts_fts, row)"
    )
    try:
        conn.execute("DELETE FROM measure_text_trigrams")
        conn.execute(
            "INSERT INTO measure_text_trigrams SELECT term FROM temp.measure_texts_vocabulary"
        )
    finally:
        conn.execute("DROP TABLE temp.measure_texts_vocabulary")
    return stored_trigrams(conn) or frozenset()


def ranked_text_ids(conn: sqlite3.Connection, expression: str) -> list[int]:
    """The best text ids for an FTS5 expression, ranked live (bm25, then id)."""
    return [row[0] for row in conn.execute(LIVE_RANKING_SQL, {"expression": expression})]


def candidate_queries(conn: sqlite3.Connection) -> list[str]:
    """Frequent words and runs of words of the measures (normalised), most frequent first."""
    from pythainlp.tokenize import word_tokenize

    rows = _sampled_measures(conn)
    seen: Counter[str] = Counter()
    for row in rows:
        text = search_text(stored_content_text(row))
        words = [w for w in word_tokenize(text, engine="newmm", keep_whitespace=True) if w]
        seen.update(set(_word_runs(words)) | _two_characters(text))
    least = max(2, int(CANDIDATE_SHARE * len(rows)))
    return [query for query, n in seen.most_common() if n >= least]


def _sampled_measures(conn: sqlite3.Connection) -> list[tuple]:
    """About ``SAMPLE_MEASURES`` measures spread evenly over the id range (ids have gaps)."""
    low, high = conn.execute("SELECT min(id), max(id) FROM measures").fetchone()
    if low is None:
        return []
    step = max(1, (high - low + 1) // SAMPLE_MEASURES)
    select = (
        f"SELECT id, {', '.join(CONTENT_COLUMNS)} FROM measures WHERE id >= ? ORDER BY id LIMIT 1"
    )
    rows: dict[int, tuple] = {}
    for start in range(low, high + 1, step):
        row = conn.execute(select, [start]).fetchone()
        rows[row[0]] = row[1:]
    return list(rows.values())


def _word_runs(words: list[str]) -> Iterable[str]:
    """Each run of up to ``WORD_RUN`` words (spaces between them kept, not counted as words)."""
    for start, first in enumerate(words):
        if first.isspace():
            continue
        run, taken = "", 0
        for word in words[start:]:
            run += word
            if word.isspace():
                continue
            taken += 1
            if len(run.strip()) >= 2:
                yield run.strip()
            if taken == WORD_RUN or "\n" in word:
                break


def _two_characters(text: str) -> set[str]:
    """Every two-character term of a text (what a user may type: ปี, IT, นา inside words)."""
    pairs = (text[i : i + 2] for i in range(len(text) - 1))
    return {pair for pair in pairs if not any(c.isspace() for c in pair)}


def _phrases(expression: str) -> int:
    """FTS5 phrases of an expression (each is scored for every matching text)."""
    return max(1, expression.count('"') // 2)


def store_rankings(conn: sqlite3.Connection) -> int:
    """Store the index's trigrams, rank the frequent queries (``candidate_queries``) and store the
    rankings that are slow to make live; returns how many were stored. ``conn`` is the archive
    being published, in a transaction of the caller's."""
    for statement in RANKINGS_SCHEMA.split(";"):  # an archive made before they existed
        if statement.strip():
            conn.execute(statement)
    trigrams = store_trigrams(conn)
    stored, tried = 0, set()
    for query in candidate_queries(conn):
        expression = ranked_fts_query(query, trigrams)
        if expression == NO_MATCH or expression in tried:
            continue
        tried.add(expression)
        (matching,) = conn.execute(
            "SELECT count(*) FROM measure_texts_fts WHERE measure_texts_fts MATCH ?", [expression]
        ).fetchone()
        if matching * _phrases(expression) < STORE_ABOVE:
            continue
        ids = ranked_text_ids(conn, expression)
        conn.execute(
            "INSERT OR REPLACE INTO measure_text_rankings VALUES (?, ?)",
            [expression, json.dumps(ids)],
        )
        stored += 1
    return stored
