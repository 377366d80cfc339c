"""The search box and facets of the measures, answered through their distinct texts.

Agencies copy the national guidance word for word, so the archive indexes each distinct normalised
measure text once (``measure_texts_fts``) and each agency's place once (``place_texts_fts``), and
``measures.text_id``/``place_id`` point at them (``extract.archive``). A search of the ``measures``
table or the ``measures_flat`` view (``?_search=``, the query language of ``normalize.search_query``)
is answered here, for the Datasette plugin:

- ``measure_search_filters``: the query's texts are looked up once per request, and the rows are
  those whose text or place holds a term of every AND-group and neither holds a negated term. The
  clause passes the matching text ids as a JSON list and names its plan: few matching rows are
  looked up through ``measures(text_id)``; many are found by walking the table in id order
  (``+text_id``), where the first page is met in the first rows.
- On an immutable (published) archive the measures' facet columns are held in memory as numpy
  arrays (``MeasureIndex``); the rows of a page become one mask, and its facet counts
  (``MeasureColumnFacet``/``MeasureArrayFacet``, facet types ``measure_column``/``measure_array``)
  and its row count come from that mask rather than from SQL walking the matching rows. The term
  lookups of recent searches are kept too (``RECENT_MATCHES``, within a memory budget). Anywhere
  else, or with a filter the index does not know, it is Datasette's own SQL.
"""

from __future__ import annotations

import json
import os
import threading
from collections import OrderedDict
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from datasette.database import Results
from datasette.facets import ArrayFacet, ColumnFacet
from datasette.filters import FilterArguments

from normalize.search_query import SearchQuery, fts_match_expression, parse_query

MEASURE_TABLES = ("measures", "measures_flat")
# matching measures above which the table is walked in id order instead of looked up by text
SCAN_ABOVE = 5_000
_SCOPE_KEY = "ita_archive.measure_search"  # the request's search, shared with its facets
_NOTHING = "0"  # the clause of a query that matches no row (nothing left to search for)
# the measures page being answered in this task: its count may come from the in-memory index
_PAGE_REQUEST: ContextVar = ContextVar("ita_archive_measures_page", default=None)


@dataclass(frozen=True)
class TermMatch:
    """The distinct texts and places holding one group of terms (or the negated terms)."""

    text_ids: str  # JSON list
    place_ids: str  # JSON list
    measures: int  # measures carrying those texts and places (an upper bound of the rows)

    @property
    def has_places(self) -> bool:
        return self.place_ids != "[]"


@dataclass(frozen=True)
class MeasureSearch:
    query: SearchQuery
    groups: tuple[TermMatch, ...]
    negated: TermMatch | None

    @property
    def scan(self) -> bool:
        """Walk the table (many rows match) rather than look rows up by text id."""
        return bool(self.groups) and min(g.measures for g in self.groups) > SCAN_ABOVE

    def clause(self) -> tuple[str, dict[str, str]]:
        """The SQL condition on a measures row, and its parameters."""
        if not self.groups:
            return _NOTHING, {}
        plus = "+" if self.scan else ""
        conditions, params = [], {}
        for i, match in enumerate(self.groups):
            conditions.append(_holds(match, f"search_group_{i}", plus, params))
        if self.negated:
            conditions.append("not " + _holds(self.negated, "search_not", plus, params))
        return "(" + " and ".join(conditions) + ")", params


def _holds(match: TermMatch, name: str, plus: str, params: dict[str, str]) -> str:
    params[f"{name}_texts"] = match.text_ids
    held = f"{plus}text_id in (select value from json_each(:{name}_texts))"
    if match.has_places:
        params[f"{name}_places"] = match.place_ids
        held += f" or {plus}place_id in (select value from json_each(:{name}_places))"
    return "(" + held + ")"


class _RecentMatches:
    """The term matches of recent searches of immutable archives, kept within a memory budget:
    a published file never changes, so a popular word is looked up once, not once a request."""

    def __init__(self, budget_bytes: int) -> None:
        self.budget = budget_bytes
        self.used = 0
        self.matches: OrderedDict[tuple, TermMatch] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: tuple) -> TermMatch | None:
        with self.lock:
            match = self.matches.get(key)
            if match is not None:
                self.matches.move_to_end(key)
            return match

    def put(self, key: tuple, match: TermMatch) -> None:
        size = len(match.text_ids) + len(match.place_ids)
        with self.lock:
            if key in self.matches or size > self.budget:
                return
            self.matches[key] = match
            self.used += size
            while self.used > self.budget:
                _, old = self.matches.popitem(last=False)
                self.used -= len(old.text_ids) + len(old.place_ids)


RECENT_MATCHES = _RecentMatches(64 * 1024 * 1024)


async def _term_match(db, expression: str) -> TermMatch:
    """The ids holding ``expression`` and how many measures carry them (remembered for an
    immutable archive)."""
    key = (_file_key(db.path) if db.path else ("", 0, 0), expression)
    remembered = None if db.is_mutable else RECENT_MATCHES.get(key)
    if remembered is None:
        remembered = await _look_up_terms(db, expression)
        if not db.is_mutable:
            RECENT_MATCHES.put(key, remembered)
    return remembered


async def _look_up_terms(db, expression: str) -> TermMatch:
    """One FTS lookup per index: the ids holding ``expression`` and how many measures carry them."""
    found = []
    for table in ("measure_texts", "place_texts"):
        result = await db.execute(
            f"select '[' || coalesce(group_concat(f.rowid), '') || ']', "
            f"coalesce(sum(t.measures), 0) from {table}_fts f join {table} t on t.id = f.rowid "
            f"where {table}_fts match :expression",
            {"expression": expression},
        )
        found.append(tuple(result.first()))
    (texts, in_texts), (places, in_places) = found
    return TermMatch(texts, places, in_texts + in_places)


async def measure_search(db, text: str) -> MeasureSearch:
    query = parse_query(text)
    groups = [
        await _term_match(db, fts_match_expression(SearchQuery((group,)))) for group in query.groups
    ]
    negated = None
    if query.groups and query.negated:
        negated = await _term_match(db, fts_match_expression(SearchQuery((query.negated,))))
    return MeasureSearch(query, tuple(groups), negated)


async def _searches_distinct_texts(db, table: str) -> bool:
    if table not in MEASURE_TABLES:
        return False
    return "measure_texts_fts" in await db.table_names()


def measure_search_filters(request, database: str, table: str, datasette):
    """``filters_from_request``: the search box of the measures, through their distinct texts."""

    async def inner() -> FilterArguments | None:
        db = datasette.get_database(database)
        if not await _searches_distinct_texts(db, table):
            return None
        request.scope[_SCOPE_KEY + ".table"] = table  # its page count may come from memory
        _PAGE_REQUEST.set(request)
        text = request.args.get("_search")
        if text is None:
            return FilterArguments([], extra_context={"supports_search": True})
        search = await measure_search(db, text)
        request.scope[_SCOPE_KEY] = search
        index = await measure_index(datasette, database, table)
        if index is None:
            clause, params = search.clause()
        else:
            clause, params = index.clause_for(search, indexed_search_rows(request, index))
        return FilterArguments(
            [clause],
            params,
            [f'search matches "{text}"'],
            {"supports_search": True, "search": text},
        )

    return inner


# --- facet counts from memory, on immutable archives ------------------------------------------


class MeasureIndex:
    """The facet columns of every measure, in id order, as numpy arrays (an immutable archive)."""

    def __init__(self, rows: list[tuple], columns: list[str]) -> None:
        import numpy as np

        self.np = np
        self.ids = np.array([r[0] for r in rows], dtype=np.int64)
        self.text_id = np.array([r[1] for r in rows], dtype=np.int64)
        self.place_id = np.array([r[2] for r in rows], dtype=np.int64)
        self.columns: dict[str, tuple[Any, list]] = {}
        for position, column in enumerate(columns, 3):
            self.columns[column] = self._codes([r[position] for r in rows])
        self.arrays: dict[str, tuple[Any, Any, list]] = {}

    def _codes(self, values: list) -> tuple[Any, list]:
        """Each row's value as a code into the list of distinct values (-1 for NULL)."""
        distinct = sorted({v for v in values if v is not None}, key=_sql_order)
        code = {v: i for i, v in enumerate(distinct)}
        codes = self.np.array([code.get(v, -1) if v is not None else -1 for v in values])
        return codes.astype(self.np.int32), distinct

    def add_array(self, column: str, values: list) -> None:
        """A JSON-list column: (row position, element code) pairs, each element once per row."""
        rows, elements = [], []
        for position, value in enumerate(values):
            try:
                items = json.loads(value) if value else []
            except ValueError:
                items = []
            if isinstance(items, list):
                for item in dict.fromkeys(str(i) for i in items):
                    rows.append(position)
                    elements.append(item)
        codes, distinct = self._codes(elements)
        self.arrays[column] = (self.np.array(rows, dtype=self.np.int64), codes, distinct)

    def rows_matching(self, search: MeasureSearch | None, filters: list[tuple[str, str]]):
        """A boolean mask of the rows the search and the equality filters select."""
        np = self.np
        mask = np.ones(len(self.text_id), dtype=bool)
        if search is not None:
            if not search.groups:
                return np.zeros(len(self.text_id), dtype=bool)
            for match in search.groups:
                mask &= self._holding(match)
            if search.negated:
                mask &= ~self._holding(search.negated)
        for column, value in filters:
            if column.endswith("__arraycontains"):
                positions, codes, distinct = self.arrays[column.removesuffix("__arraycontains")]
                wanted = np.zeros(len(mask), dtype=bool)
                if value in distinct:
                    wanted[positions[codes == distinct.index(value)]] = True
                mask &= wanted
            else:
                codes, distinct = self.columns[column.removesuffix("__exact")]
                chosen = [i for i, v in enumerate(distinct) if str(v) == value]
                mask &= np.isin(codes, chosen)
        return mask

    def clause_for(self, search: MeasureSearch, mask) -> tuple[str, dict[str, Any]]:
        """The search clause, told which rows match (the mask): a few are named by id; for many,
        the walk in id order starts at the first of them (ingest order clusters a year's rows,
        so the first match may lie deep in the table)."""
        matching = self.ids[mask]
        if len(matching) <= SCAN_ABOVE:
            return "id in (select value from json_each(:search_ids))", {
                "search_ids": json.dumps(matching.tolist())
            }
        clause, params = search.clause()
        return f"({clause} and id >= :search_first_id)", {
            **params,
            "search_first_id": int(matching[0]),
        }

    def _holding(self, match: TermMatch):
        np = self.np
        texts = _id_array(np, match.text_ids)
        held = np.isin(self.text_id, texts, kind="table") if len(texts) else self._none()
        if match.has_places:
            held |= np.isin(self.place_id, _id_array(np, match.place_ids), kind="table")
        return held

    def _none(self):
        return self.np.zeros(len(self.text_id), dtype=bool)

    def column_counts(self, column: str, mask) -> list[tuple[Any, int]]:
        codes, distinct = self.columns[column]
        counts = self.np.bincount(codes[mask & (codes >= 0)], minlength=len(distinct))
        return _ranked(distinct, counts)

    def array_counts(self, column: str, mask) -> list[tuple[Any, int]]:
        positions, codes, distinct = self.arrays[column]
        counts = self.np.bincount(codes[mask[positions]], minlength=len(distinct))
        return _ranked(distinct, counts)


def _id_array(np, ids: str):
    """'[3,5,8]' (a JSON list of ids, as the FTS lookup gives it) → an int64 array, parsed in C."""
    if ids == "[]":
        return np.zeros(0, dtype=np.int64)
    return np.fromstring(ids[1:-1], dtype=np.int64, sep=",")


def _sql_order(value: Any) -> tuple:
    """SQLite's ORDER BY for the values of one column: numbers before text, text by code point."""
    return (0, value, "") if isinstance(value, int | float) else (1, 0, str(value))


def _ranked(distinct: list, counts) -> list[tuple[Any, int]]:
    """Facet order: count descending, then value as SQLite orders it (``distinct`` is sorted)."""
    order = sorted((-int(n), i) for i, n in enumerate(counts) if n)
    return [(distinct[i], -negative) for negative, i in order]


_INDEXES: dict[tuple[str, int, int], MeasureIndex] = {}  # (file, size, mtime) → its index


def _file_key(path: str) -> tuple[str, int, int]:
    """An immutable file as a cache key: a file published again under its name is another file."""
    stat = os.stat(path)
    return (str(path), stat.st_size, stat.st_mtime_ns)


_LOADING = threading.Lock()


async def measure_index(datasette, database: str, table: str) -> MeasureIndex | None:
    """The in-memory index of an immutable archive's measures; None where there is none."""
    db = datasette.get_database(database)
    if db.path is None:
        return None
    if db.is_mutable or not db.path or not await _searches_distinct_texts(db, table):
        return None
    try:
        import numpy  # noqa: F401
    except ImportError:
        return None
    key = _file_key(db.path)  # measures_flat: the same rows
    if key not in _INDEXES:
        columns, arrays = _facet_columns(
            datasette, db.name, set(await db.table_columns("measures"))
        )
        selected = ", ".join(["id", "text_id", "place_id", *columns, *arrays])

        def load(conn) -> MeasureIndex:
            with _LOADING:  # facets run side by side: the first loads, the others wait for it
                if key not in _INDEXES:
                    rows = conn.execute(f"select {selected} from measures order by id").fetchall()
                    index = MeasureIndex([r[: 3 + len(columns)] for r in rows], columns)
                    for offset, column in enumerate(arrays, 3 + len(columns)):
                        index.add_array(column, [r[offset] for r in rows])
                    _INDEXES[key] = index
                return _INDEXES[key]

        return await db.execute_fn(load)
    return _INDEXES[key]


def _facet_columns(datasette, database: str, present: set[str]) -> tuple[list[str], list[str]]:
    """The facet columns (plain and JSON-list) the metadata names for the measures table and view."""
    columns: list[str] = []
    arrays: list[str] = []
    for table in MEASURE_TABLES:
        for config in datasette.table_metadata(database, table).get("facets", []):
            kind, column = next(iter(config.items())) if isinstance(config, dict) else ("", config)
            target = arrays if kind in ("array", MeasureArrayFacet.type) else columns
            if column in present and column not in target:
                target.append(column)
    return columns, arrays


def serve_measures_from_memory(datasette):
    """``startup``: for every immutable archive, load its in-memory index before the first search,
    and answer the row count of a measures page from it.

    Datasette 0.65 counts a page's rows with ``select count(*) from measures where …``; at a
    million measures a common word makes that count walk hundreds of thousands of rows. The
    database's ``execute`` is wrapped: while a request of the measures table or view is answered
    (the search filter marks it), its page count comes from the same mask as its facets. Any other
    SQL, or a page with a filter the index does not know, runs as always.
    """

    async def inner() -> None:
        for name, db in datasette.databases.items():
            if name != "_internal" and await measure_index(datasette, name, "measures"):
                db.execute = _counting_from_memory(datasette, db, db.execute)

    return inner


def _counting_from_memory(datasette, db, execute):
    async def execute_or_count(sql, *args, **kwargs):
        request = _PAGE_REQUEST.get()
        if request is not None and sql.startswith(_count_prefixes(request)):
            index = await measure_index(datasette, db.name, "measures")
            mask = indexed_rows(request, index) if index is not None else None
            if mask is not None:
                return Results([(int(mask.sum()),)], False, [("count(*)",)])
        return await execute(sql, *args, **kwargs)

    return execute_or_count


def _count_prefixes(request) -> tuple[str, ...]:
    """The count Datasette's table view runs for this request's table (with or without filters)."""
    table = request.scope.get(_SCOPE_KEY + ".table")
    return (
        (f"select count(*) from {table} where ", f"select count(*) from {table} ") if table else ()
    )


class _FacetRows:
    """Stands in for the Datasette object inside a facet, answering the facet's SQL with counts
    already made, so Datasette's own code formats them (labels, toggle links) as it always does."""

    def __init__(self, datasette, counts: list[tuple[Any, int]]) -> None:
        self._datasette = datasette
        self._counts = counts

    def __getattr__(self, name: str) -> Any:
        return getattr(self._datasette, name)

    async def execute(self, database, sql, params=None, truncate=False, custom_time_limit=None):
        rows = [{"value": value, "count": count} for value, count in self._counts]
        return Results(rows, False, [("value",), ("count",)])


# query-string arguments that do not change which rows a table page holds
_NOT_FILTERS = {"_search", "_facet", "_facet_array", "_facet_size", "_size", "_sort", "_sort_desc",
                "_labels", "_col", "_nocol", "_shape", "_nocount", "_nofacet", "_json", "_nl",
                "_dl", "_trace", "_context", "_extra", "_stream"}  # fmt: skip


def index_filters(request, index: MeasureIndex) -> list[tuple[str, str]] | None:
    """The request's row filters when the index can apply every one (equality on an indexed
    column, or ``__arraycontains`` on an indexed list column); None otherwise."""
    filters = []
    for key in request.args:
        if key.startswith("_") and "__" not in key:
            if key in _NOT_FILTERS:
                continue
            return None  # _next, _where, _search_column, _through, _filter_…: Datasette's own SQL
        if key.removesuffix("__exact") in index.columns or (
            key.endswith("__arraycontains") and key.removesuffix("__arraycontains") in index.arrays
        ):
            filters += [(key, value) for value in request.args.getlist(key)]
        else:
            return None
    if "_search" in request.args and _SCOPE_KEY not in request.scope:
        return None  # a search this module did not answer (another table)
    return filters


def indexed_search_rows(request, index: MeasureIndex):
    """The mask of the rows the request's search alone selects (shared with its count/facets)."""
    masks = request.scope.setdefault(_SCOPE_KEY + ".rows", {})
    key = (id(index), ())
    if key not in masks:
        masks[key] = index.rows_matching(request.scope.get(_SCOPE_KEY), [])
    return masks[key]


def indexed_rows(request, index: MeasureIndex):
    """The mask of the rows a request's page holds, from the index; None when the index cannot
    tell. Made once per request and shared by its count and its facets."""
    filters = index_filters(request, index)
    if filters is None:
        return None
    masks = request.scope.setdefault(_SCOPE_KEY + ".rows", {})
    key = (id(index), tuple(filters))
    if key not in masks:
        masks[key] = index.rows_matching(request.scope.get(_SCOPE_KEY), filters)
    return masks[key]


class _MeasureFacet:
    """Counts from the in-memory index when every filter of the request is one it knows."""

    async def facet_results(self):
        index = await measure_index(self.ds, self.database, self.table or "")
        mask = indexed_rows(self.request, index) if index is not None else None
        if mask is None:
            return await super().facet_results()
        results, timed_out = [], []
        real_ds = self.ds
        for config in self.get_configs():
            column = config["config"].get("column") or config["config"]["simple"]
            counts = self._counts(index, column, mask)
            if counts is None:
                continue
            self.ds = _FacetRows(real_ds, counts[: self.get_facet_size() + 1])
            try:
                found, late = await self._format_one(config)
            finally:
                self.ds = real_ds
            results += found
            timed_out += late
        return results, timed_out

    async def _format_one(self, config: dict) -> tuple[list, list]:
        original = self.get_configs
        self.get_configs = lambda: [config]
        try:
            return await super().facet_results()
        finally:
            self.get_configs = original

    def _counts(self, index: MeasureIndex, column: str, mask) -> list[tuple[Any, int]] | None:
        raise NotImplementedError


class MeasureColumnFacet(_MeasureFacet, ColumnFacet):
    type = "measure_column"

    def _counts(self, index, column, mask):
        return index.column_counts(column, mask) if column in index.columns else None


class MeasureArrayFacet(_MeasureFacet, ArrayFacet):
    type = "measure_array"

    def _counts(self, index, column, mask):
        return index.array_counts(column, mask) if column in index.arrays else None
