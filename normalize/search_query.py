"""The search box's query language over the archive's trigram indexes, and match snippets.

The FTS5 ``trigram`` indexes hold ``search_text`` of the text; a query goes through the same
function term by term, so ``๒๕๖๘`` finds ``2568`` and a Thai word typed without spaces is found
inside running text. What a user can type:

- whitespace between terms = AND (anywhere in the row, not next to each other): ``คู่มือ 2568``;
- ``"a phrase"`` = those words in that order;
- ``a OR b`` = either (binds the terms on its two sides);
- ``-word`` or ``NOT word`` = rows without it; a bare ``AND`` is accepted and changes nothing;
- a term of two characters (``ปี``, ``IT``) matches as the OR of every trigram that holds it, since a
  trigram index cannot look up fewer than three characters; a one-character term is ignored;
- a query with no term left (empty, one character, only exclusions) matches no row.

Every term is quoted before it reaches FTS5, so no FTS5 syntax (``*``, ``^``, ``NEAR(``, ``col:``)
typed by a user can raise an error or change the query.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass

from normalize.chars import restore_spaced_sara_am
from normalize.numerals import ARABIC_DIGITS, THAI_DIGITS
from normalize.search import search_text

# Private markers around a match in a snippet: HTML rendering escapes the text, then turns these
# into <mark>; JSON and CSV keep them as they are.
MARK_START = "\u2983"  # ⦃
MARK_END = "\u2984"  # ⦄
NO_MATCH = '""'  # an FTS5 expression that matches nothing
# Terms searched per query; more are dropped. A two-character term expands to every trigram that
# holds it, so a pasted list of them ran for seconds and held up the whole server.
MAX_QUERY_TERMS = 16

_BITS = re.compile(r'\s+|("[^"]*")')
# a page's text keeps its printed lines: one that breaks between two Thai letters is mostly a
# wrap inside a word or phrase ("ร้อง" / "เรียน"), shown joined in a one-line snippet
_LINE_BREAK_IN_THAI = re.compile(r"(?<=[\u0e01-\u0e4e])[ \t]*\n\s*(?=[\u0e01-\u0e4e])")
# characters a trigram can hold around a two-character term: Thai letters, marks and digits after
# normalisation, Latin, digits, space and the punctuation printed in reports
_TRIGRAM_NEIGHBOURS = sorted(
    {chr(c) for c in range(0x0E01, 0x0E5C)}
    | set("abcdefghijklmnopqrstuvwxyz0123456789 .,:;-/()[]'\"%&+*=_!?@#…•–—“”‘’")
)


@dataclass(frozen=True)
class SearchQuery:
    """A parsed query: an AND of OR-groups of normalised terms, minus the negated terms."""

    groups: tuple[tuple[str, ...], ...]
    negated: tuple[str, ...] = ()

    @property
    def terms(self) -> list[str]:
        """The terms a matching row contains (for highlighting)."""
        return [term for group in self.groups for term in group]


@functools.lru_cache(maxsize=4096)
def parse_query(text: str | None) -> SearchQuery:
    """'คู่มือ OR ร้องเรียน -เว็บไซต์ ๒๕๖๘' → groups (('คู่มือ', 'ร้องเรียน'), ('2568',)), negated ('เว็บไซต์',)."""
    if not text:
        return SearchQuery(())
    if text.count('"') % 2:
        text += '"'
    # text copied from a PDF viewer whose font lost sara am's ring ("ส านักงาน"): the space there
    # is no term break, and the archive holds the repaired word
    text = restore_spaced_sara_am(text)
    groups: list[list[str]] = []
    negated: list[str] = []
    pending_or = pending_not = False
    for bit in _BITS.split(text):
        if not bit or bit == '""':
            continue
        if bit == "OR" and groups:
            pending_or = True
            continue
        if bit == "AND":
            continue
        if bit == "NOT":
            pending_not = True
            continue
        negative = pending_not or (bit.startswith("-") and len(bit) > 1)
        raw = bit[1:] if bit.startswith("-") and len(bit) > 1 else bit
        term = search_text(raw.strip('"'))
        pending_not = False
        if len(term) < 2:
            continue  # a single character says too little to search for
        if negative:
            negated.append(term)
        elif pending_or:
            groups[-1].append(term)
        else:
            groups.append([term])
        pending_or = False
    return _bounded(groups, negated)


def _bounded(groups: list[list[str]], negated: list[str]) -> SearchQuery:
    """The query without repeated terms or groups (they change no match), and with at most
    ``MAX_QUERY_TERMS`` terms, the first ones typed."""
    room = MAX_QUERY_TERMS
    kept_groups: list[tuple[str, ...]] = []
    for group in groups:
        terms = tuple(dict.fromkeys(group))[: max(room, 0)]
        if terms and terms not in kept_groups:
            kept_groups.append(terms)
            room -= len(terms)
    kept_negated = tuple(dict.fromkeys(negated))[: max(room, 0)]
    return SearchQuery(tuple(kept_groups), kept_negated)


def _phrase(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _fts_term(term: str, trigrams: Collection[str] | None = None) -> str:
    if len(term) >= 3:
        return _phrase(term)
    grams = {term + c for c in _TRIGRAM_NEIGHBOURS} | {c + term for c in _TRIGRAM_NEIGHBOURS}
    if trigrams is not None:
        # none held: a trigram of the term itself, which no row can hold either (matches nothing)
        grams = {gram for gram in grams if gram in trigrams} or {term + term[-1]}
    return "(" + " OR ".join(_phrase(gram) for gram in sorted(grams)) + ")"


def fts_match_expression(query: SearchQuery, trigrams: Collection[str] | None = None) -> str:
    """The FTS5 MATCH expression for a parsed query (terms already normalised).

    ``trigrams``: every trigram the index holds, when known; a two-character term then becomes
    the OR of only those holding it (the rows matched, and their bm25, are the same: a trigram
    no row holds matches nothing and adds nothing to any score)."""
    if not query.groups:
        return NO_MATCH
    groups = [[_fts_term(term, trigrams) for term in group] for group in query.groups]
    # FTS5 needs an explicit AND next to a parenthesised group
    expression = " AND ".join(g[0] if len(g) == 1 else "(" + " OR ".join(g) + ")" for g in groups)
    if not query.negated:
        return expression
    return "(" + expression + ")" + "".join(" NOT " + _fts_term(t, trigrams) for t in query.negated)


def thai_fts_query(text: str | None) -> str:
    """A user's search text → a safe FTS5 MATCH expression over the normalised index."""
    return fts_match_expression(parse_query(text))


def _term_pattern(term: str) -> str:
    """A regex finding a normalised term in text as printed: Thai or Arabic digits, any case,
    whitespace (line wraps, spaces) allowed between its characters, as ``search_text`` drops it."""
    parts = []
    for char in term:
        if char in ARABIC_DIGITS:
            parts.append(f"[{char}{THAI_DIGITS[ARABIC_DIGITS.index(char)]}]")
        elif char == " ":
            parts.append(r"\s+")
        else:
            parts.append(re.escape(char))
    return r"\s*".join(parts)


@functools.lru_cache(maxsize=1024)
def _terms_regex(terms: tuple[str, ...]) -> re.Pattern[str] | None:
    if not terms:
        return None
    longest_first = sorted(set(terms), key=len, reverse=True)
    return re.compile("|".join(_term_pattern(t) for t in longest_first), re.IGNORECASE)


def flatten_texts(values: Iterable[object]) -> list[str]:
    """Column values as text: JSON lists (methods, results…) become their items; None is skipped."""
    texts: list[str] = []
    for value in values:
        if value is None:
            continue
        value = str(value)
        if value.startswith("["):
            try:
                items = json.loads(value)
            except ValueError:
                items = None
            if isinstance(items, list):
                texts += [str(item) for item in items if item]
                continue
        texts.append(value)
    return texts


def _window(text: str, match_start: int, match_end: int, width: int) -> tuple[int, int]:
    """``width`` characters either side of a match, cut at a space when one is near the edge."""
    start = max(0, match_start - width)
    end = min(len(text), match_end + width)
    space = text.find(" ", start, match_start)
    if start and space != -1 and space - start < width // 2:
        start = space + 1
    space = text.rfind(" ", match_end, end)
    if end < len(text) and space != -1 and end - space < width // 2:
        end = space
    return start, end


def match_snippet(query: str | SearchQuery | None, texts: Iterable[object], width: int = 48) -> str:
    """The first place the query's terms occur in the texts as printed, with ``width`` characters
    either side and every match inside wrapped in MARK_START/MARK_END; '' when there is nothing.

    Falls back to the start of the first text when the match was in a normalised form this cannot
    see (e.g. agency fields indexed but not shown).
    """
    parsed = parse_query(query) if not isinstance(query, SearchQuery) else query
    candidates = [
        " ".join(
            _LINE_BREAK_IN_THAI.sub("", t.replace(MARK_START, "").replace(MARK_END, "")).split()
        )
        for t in flatten_texts(texts)
    ]
    candidates = [t for t in candidates if t]
    if not candidates:
        return ""
    pattern = _terms_regex(tuple(parsed.terms))
    for text in candidates:
        first = pattern.search(text) if pattern else None
        if first is None:
            continue
        start, end = _window(text, first.start(), first.end(), width)
        window = text[start:end]
        marked = pattern.sub(lambda m: MARK_START + m.group(0) + MARK_END, window)
        return ("…" if start else "") + marked + ("…" if end < len(text) else "")
    text = candidates[0]
    return text[: 2 * width] + ("…" if len(text) > 2 * width else "")
