"""How healthy the Thai of an extracted page is: 1.0 clean, toward 0.0 garbled.

Signals, counted on the text as extracted (and equally usable on repaired text):

- **orphan marks**: a combining mark or ำ with no consonant to sit on ("ส ำคญั", "ป ี");
- **misordered marks**: code points in an order Thai never has, as fonts map them: tone before
  vowel, ํ + า for ำ, "ำา", doubled marks or vowels ("ที่่", "ผ้้รับผิดชอบ"), เเ for แ;
- **spaced sara aa**: consonant + space + า, the signature of a font that lost sara am's ring
  ("ส านักงาน"); Thai spelling never puts a space there;
- **unmapped glyphs**: private-use code points of legacy fonts, "(cid:N)" placeholders, U+FFFD;
- **out-of-dictionary share**: letters of Thai runs left out of every dictionary word in the best
  split (``normalize.lexicon.coverage``), above what clean report text shows. It catches damage the
  other signals cannot see, such as marks moved onto the next letter ("ยทุ ธ") or ำ printed for า.

Every defect is rare in clean text, so the score falls fast with their density: with ``d`` defects
per Thai letter, the defect part is ``1 - 5·√d`` (one defect in 2,000 letters ≈ 0.89, one in 200 ≈
0.65). The dictionary part is ``1 - 2·(share - 0.05)`` above a 5 % share: the sample report has
0.1–1.4 %, repaired real PDFs up to 2.4 %, a page of people's names 3–5 %, a PowerPoint export that
printed า as ำ 26–43 %. The score is their product. A page with no text scores 0.0; a page with
text but no Thai scores 1.0 unless it holds glyph placeholders.

Measured on the real PDFs in ../shared: the two Word exports score 0.12–0.65 per page as extracted
and 1.0 after ``repair_thai_chars`` + ``restore_sara_am``; the PowerPoint slide 0.0 as extracted
and 0.24 after repair (its marks sit on the wrong letters: only OCR can fix it).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from normalize.chars import THAI_COMBINING, THAI_CONSONANTS
from normalize.lexicon import coverage

QUALITY_THRESHOLD = 0.8  # below it a page's text is not trusted (flagged for OCR)

_THAI_LETTER = re.compile(r"[\u0e01-\u0e4e]")
_THAI_RUN = re.compile(r"[\u0e01-\u0e2e\u0e30-\u0e4e]+")  # no ฯ / ๆ / digits: they end a run
_MISORDERED = re.compile(
    r"[\u0e48-\u0e4c][\u0e31\u0e34-\u0e3a\u0e47\u0e4d]"  # tone before a vowel
    r"|\u0e4d[\u0e48-\u0e4b]*\u0e32|\u0e33\u0e32|\u0e32\u0e33|\u0e40\u0e40"  # ํา, ำา, าำ, เเ
    r"|([\u0e31\u0e34-\u0e3a\u0e47-\u0e4e\u0e30\u0e32\u0e33\u0e41-\u0e44])\1"  # doubled
    r"|[\u0e48-\u0e4b]{2}"  # two tones on one letter
)
_SPACED_SARA_AA = re.compile(r"[\u0e01-\u0e2e][\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]*[ \t]+\u0e32")
_CID = re.compile(r"\(cid:\d+\)")
_PUA = re.compile("[\ue000-\uf8ff]")
_TONES = frozenset("\u0e48\u0e49\u0e4a\u0e4b")
_CLEAN_OOV_SHARE = 0.05  # letters out of the dictionary in clean text (names, rare words)
_OOV_SLOPE = 2.0  # each further 10 % of out-of-dictionary letters costs 0.2
_DEFECT_SLOPE = 5.0
_SAMPLE_LETTERS = 1500  # out-of-dictionary share from runs holding about this many letters


@dataclass(frozen=True)
class TextQuality:
    score: float  # 0..1, 1 clean
    thai_chars: int  # Thai letters, vowels and marks (digits and punctuation excluded)
    orphan_marks: int
    misordered_marks: int
    spaced_sara_aa: int
    pua: int  # private-use code points
    cid: int  # "(cid:N)" placeholders
    replacement_chars: int  # U+FFFD
    oov_share: float  # share of sampled Thai letters in no dictionary word

    @property
    def defects(self) -> int:
        unreadable = self.pua + self.cid + self.replacement_chars
        return self.orphan_marks + self.misordered_marks + self.spaced_sara_aa + unreadable


def assess_thai_quality(text: str) -> TextQuality:
    """Score the Thai health of one page of extracted text (raw or repaired)."""
    thai_chars = len(_THAI_LETTER.findall(text))
    signals = {
        "orphan_marks": count_orphan_marks(text),
        "misordered_marks": sum(1 for _ in _MISORDERED.finditer(text)),
        "spaced_sara_aa": len(_SPACED_SARA_AA.findall(text)),
        "pua": len(_PUA.findall(text)),
        "cid": len(_CID.findall(text)),
        "replacement_chars": text.count("\ufffd"),
    }
    oov_share = out_of_dictionary_share(text)
    score = _score(text, thai_chars, sum(signals.values()), oov_share)
    return TextQuality(score=score, thai_chars=thai_chars, oov_share=oov_share, **signals)


def _score(text: str, thai_chars: int, defects: int, oov_share: float) -> float:
    visible = len(text) - sum(1 for ch in text if ch.isspace())
    if visible == 0:
        return 0.0
    if thai_chars == 0:
        # no Thai: only unreadable glyphs count, by the share of the text they take
        garbage = sum(len(m) for m in _CID.findall(text)) + len(_PUA.findall(text))
        garbage += text.count("\ufffd")
        return round(max(0.0, 1.0 - garbage / visible), 3)
    defect_part = max(0.0, 1.0 - _DEFECT_SLOPE * math.sqrt(defects / thai_chars))
    oov_part = max(0.0, 1.0 - _OOV_SLOPE * max(0.0, oov_share - _CLEAN_OOV_SHARE))
    return round(defect_part * oov_part, 3)


def count_orphan_marks(text: str) -> int:
    """Combining marks (and ำ) that do not follow a consonant or another mark they can stack on."""
    orphans = 0
    previous = ""
    for ch in text:
        if ch in THAI_COMBINING:
            if not (previous in THAI_CONSONANTS or previous in THAI_COMBINING):
                orphans += 1
        elif ch == "\u0e33" and not (previous in THAI_CONSONANTS or previous in _TONES):
            orphans += 1
        previous = ch
    return orphans


def out_of_dictionary_share(text: str) -> float:
    """Share of Thai letters left out of every dictionary word, over an even sample of the runs."""
    runs = _THAI_RUN.findall(text)
    total = sum(map(len, runs))
    if total == 0:
        return 0.0
    if total > _SAMPLE_LETTERS:  # long page: every k-th run keeps the cost bounded
        step = math.ceil(total / _SAMPLE_LETTERS)
        runs = runs[::step]
        total = sum(map(len, runs))
    left_out = sum(coverage(run)[0] for run in runs)
    return round(left_out / total, 4)
