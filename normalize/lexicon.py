"""The Thai dictionary as a measure: how much of a run of Thai letters is made of known words.

Uses only what ships in the pythainlp wheel (the newmm word list, 62k words); nothing is downloaded.
``coverage`` is the best split of a run into dictionary words and left-over letters, counted as
(letters in no word, pieces): fewer left-over letters first, then fewer pieces. Sara-am repair
compares spellings by it and page quality uses the left-over share.
"""

from __future__ import annotations

import os
from functools import cache, lru_cache

os.environ.setdefault("PYTHAINLP_OFFLINE", "1")  # never download: only the bundled word list
os.environ.setdefault("PYTHAINLP_READ_ONLY", "1")

from pythainlp.corpus import thai_words
from pythainlp.tokenize import word_dict_trie

_UNREACHED = (1 << 30, 1 << 30)


@cache
def thai_dictionary() -> frozenset[str]:
    """The bundled Thai word list (pythainlp's newmm dictionary)."""
    return thai_words()


def is_thai_word(word: str) -> bool:
    return word in thai_dictionary()


@lru_cache(maxsize=200_000)
def coverage(run: str) -> tuple[int, int]:
    """(letters left out of every dictionary word, pieces) of the best split of a Thai run.

    >>> coverage("สำนักงาน"), coverage("สานักงาน"), coverage("ยุทธศำสตร์")
    ((0, 1), (0, 2), (4, 6))
    """
    return _best_split(run)[0]


def word_at(run: str, position: int) -> str | None:
    """The dictionary word covering ``run[position]`` in the best split, None if it is left out."""
    for start, end in _best_split(run)[1]:
        if start <= position < end:
            return run[start:end]
    return None


@lru_cache(maxsize=20_000)
def _best_split(run: str) -> tuple[tuple[int, int], tuple[tuple[int, int], ...]]:
    """Best split by dynamic programming over the dictionary trie: its score and its word spans."""
    trie = word_dict_trie()
    best: list[tuple[int, int]] = [_UNREACHED] * (len(run) + 1)
    came_from: list[tuple[int, bool]] = [(0, False)] * (len(run) + 1)
    best[0] = (0, 0)
    for start in range(len(run)):
        left_out, pieces = best[start]
        if left_out == _UNREACHED[0]:
            continue
        skip = (left_out + 1, pieces + 1)
        if skip < best[start + 1]:
            best[start + 1], came_from[start + 1] = skip, (start, False)
        for word in trie.prefixes(run, start):
            end = start + len(word)
            candidate = (left_out, pieces + 1)
            if candidate < best[end]:
                best[end], came_from[end] = candidate, (start, True)
    words: list[tuple[int, int]] = []
    end = len(run)
    while end > 0:
        start, is_word = came_from[end]
        if is_word:
            words.append((start, end))
        end = start
    return best[len(run)], tuple(reversed(words))
