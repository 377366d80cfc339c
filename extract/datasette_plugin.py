"""Datasette plugin: Thai search as people type it.

The archive's FTS5 ``trigram`` indexes hold ``normalize.search.search_text`` of the text. This plugin
puts the same normalisation on the query side by replacing Datasette's ``escape_fts`` SQL function,
so the ordinary search box finds ``๒๕๖๘`` as ``2568`` and a Thai word inside running text.

Query language (whitespace = AND): ``"a phrase"``, ``a OR b``, ``-word`` (NOT). Every term is quoted
before it reaches FTS5, so no FTS5 syntax error can leak out of user input. Terms shorter than three
characters (trigram's minimum) match as the OR of every trigram that holds them; a one-character
term is ignored.
"""

from __future__ import annotations

import functools
import re

from datasette import hookimpl

from normalize.search import search_text

_BITS = re.compile(r'\s+|("[^"]*")')
# characters a trigram can hold around a short term: Thai letters, marks and signs, Latin, digits
_TRIGRAM_NEIGHBOURS = [chr(c) for c in range(0x0E01, 0x0E5C)] + list(
    "abcdefghijklmnopqrstuvwxyz0123456789 .-/()"
)


def _phrase(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _term(raw: str) -> str | None:
    term = search_text(raw)
    if not term:
        return None
    if len(term) >= 3:
        return _phrase(term)
    if len(term) == 1:
        return None  # a single character says too little to search for; it is ignored
    grams = {term + c for c in _TRIGRAM_NEIGHBOURS} | {c + term for c in _TRIGRAM_NEIGHBOURS}
    return "(" + " OR ".join(_phrase(g) for g in sorted(grams)) + ")"


@functools.lru_cache(maxsize=4096)
def thai_fts_query(query: str | None) -> str:
    """A user's search text → a safe FTS5 MATCH expression over the normalised index."""
    if not query:
        return '""'
    if query.count('"') % 2:
        query += '"'
    groups: list[list[str]] = []
    negated: list[str] = []
    pending_or = False
    for bit in _BITS.split(query):
        if not bit or bit == '""':
            continue
        if bit == "OR" and groups:
            pending_or = True
            continue
        negative = bit.startswith("-") and len(bit) > 1
        term = _term(bit[1:] if negative else bit.strip('"'))
        if term is None:
            continue
        if negative:
            negated.append(term)
        elif pending_or:
            groups[-1].append(term)
        else:
            groups.append([term])
        pending_or = False
    if not groups:
        return '""'
    # FTS5 needs an explicit AND next to a parenthesised group
    expression = " AND ".join(g[0] if len(g) == 1 else "(" + " OR ".join(g) + ")" for g in groups)
    return expression + "".join(" NOT " + term for term in negated)


@hookimpl(trylast=True)  # after Datasette registers its own escape_fts, so ours wins
def prepare_connection(conn) -> None:
    conn.create_function("escape_fts", 1, thai_fts_query, deterministic=True)
    conn.create_function("thai_fts_query", 1, thai_fts_query, deterministic=True)
    conn.create_function("search_text", 1, search_text, deterministic=True)
