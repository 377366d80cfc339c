"""How one document writes its word pairs: joined inside a Thai run or one space apart."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import pairwise

from normalize.wraps.words import THAI_LETTERS, THAI_RUN, newmm_words, word_lists

# A word the document writes after (or before) a space at least this often, in at least this
# share of its occurrences next to a Thai word, is taken to be spaced there by its author.
_MIN_SPACED, _SPACED_SHARE = 1, 0.2


@dataclass
class WrapStats:
    """How often a document writes a word pair joined (inside a Thai run) or spaced (two Thai runs
    one space apart). Identical texts count once, so a header repeated on every page does not
    dominate; a line break is no evidence either way."""

    joined: Counter[tuple[str, str]] = field(default_factory=Counter)
    spaced: Counter[tuple[str, str]] = field(default_factory=Counter)
    spaced_before: Counter[str] = field(default_factory=Counter)  # a space before this word
    joined_before: Counter[str] = field(default_factory=Counter)  # a Thai word before it
    spaced_after: Counter[str] = field(default_factory=Counter)
    joined_after: Counter[str] = field(default_factory=Counter)
    # The document's visual lines keep the space a wrap took (LibreOffice PDFs do): a wrap
    # without one cut a Thai run.
    keeps_line_end_spaces: bool = False

    @classmethod
    def from_texts(cls, texts: Iterable[str]) -> WrapStats:
        stats = cls()
        for text in dict.fromkeys(t for t in texts if t):
            stats.add_text(text)
        return stats

    def add_text(self, text: str) -> None:
        lines = text.split("\n")
        self.keeps_line_end_spaces |= any(line.endswith(" ") for line in lines[:-1])
        for line in lines:
            runs = list(THAI_RUN.finditer(line))
            for run in runs:
                pairs = list(pairwise(newmm_words(run.group())))
                self.joined.update(pairs)
                self.joined_after.update(left for left, _ in pairs)
                self.joined_before.update(right for _, right in pairs)
            for before, after in pairwise(runs):
                if line[before.end() : after.start()] != " ":
                    continue
                if not _set_off_phrase(line, after):
                    left, right = newmm_words(before.group())[-1], newmm_words(after.group())[0]
                    self.spaced[(left, right)] += 1
                    if right not in word_lists().clause_openers:
                        self.spaced_after[left] += 1  # the opener's space, not the left word's
                    if left not in word_lists().list_introducers:
                        self.spaced_before[right] += 1

    def usually_spaced(self, left_word: str, right_word: str) -> str | None:
        """The document usually writes a space before ``right_word`` or after ``left_word``."""
        hits = [
            word
            for word, spaced, joined in (
                (right_word, self.spaced_before, self.joined_before),
                (left_word, self.spaced_after, self.joined_after),
            )
            if spaced[word] >= _MIN_SPACED
            and spaced[word] >= _SPACED_SHARE * (spaced[word] + joined[word])
        ]
        return hits[0] if hits else None

    def written_joined(self, left_word: str, right_word: str) -> bool:
        """The document writes this pair joined more often than spaced."""
        pair = (left_word, right_word)
        return self.joined[pair] > self.spaced[pair]


_NON_THAI_NEXT = re.compile(f" ?[^ {THAI_LETTERS}]")


def _set_off_phrase(line: str, run: re.Match[str]) -> bool:
    """The Thai run after a space opens a phrase that a number, a Latin name or an abbreviation
    closes (ทั้ง ๓ ฉบับ, ระบบ E-Service, พ.ศ.): Thai writing spaces such a phrase off, so the
    space says nothing about how the document spaces the words beside it."""
    return bool(_NON_THAI_NEXT.match(line, run.end()))
