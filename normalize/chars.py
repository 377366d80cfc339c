"""Code-point repair of extracted Thai: undo what fonts and extractors broke, keep everything else.

``repair_thai_chars`` (no dictionary, any reader, per line or cell; newlines kept; never NFKC, which
splits ำ into ํ + า):

- private-use glyph variants of legacy fonts → standard characters (``data/thai_pua.json``);
- invisible characters dropped (U+200B/C/D, U+2060, U+FEFF, U+00AD); NBSP and U+202F → space;
  Latin ligature glyphs (U+FB00–FB06: "Oﬃcial" from a browser's PDF) → their letters;
- a space an extractor put before a combining mark or ำ removed ("ถ ึง" → "ถึง"); before a digit the
  space moves after the mark ("ป ี๒๕๖๒" → "ปี ๒๕๖๒"); a mark pushed past a closing bracket or a
  dot moves back ("วัสด)ุ" → "วัสดุ)", "กรณ.ี" → "กรณี.");
- nikhahit + sara aa (also with a tone between) → sara am, and "ำา" or "าำ" (sara am's two glyphs
  each mapped to text, as LibreOffice exports do) → ำ; tone before vowel reordered; เเ → แ; duplicated marks and vowels removed. Of two
  tone marks on one letter the dictionary picks (the last when it cannot), and a doubled tone that
  stands for ู + tone ("ผ้้รับผิดชอบ", LibreOffice exports) is read back when that spells a word.

``restore_sara_am`` (dictionary-checked, for PDF text where fonts lose sara am's ring):

- "ค าน า", "ส านักงาน": the ring became a space. A space before า is never Thai spelling, so it
  goes, and that า becomes ำ unless the dictionary prefers า ("น้ า" → "น้ำ");
- "สานักงาน": the ring vanished. Only damaged forms listed in ``data/sara_am_lost_forms.txt`` (words
  with ำ whose ำ → า form never occurs in clean Thai) are restored, and only where the repaired run
  splits into dictionary words better than the printed one;
- "ยุทธศำสตร์": a PowerPoint export printed every า as ำ. On text where ำ outnumbers า four to one,
  an ำ becomes า where that makes the run split into dictionary words better.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from normalize.data_files import data_json, data_lines
from normalize.lexicon import coverage, word_at

THAI_COMBINING: frozenset[str] = frozenset(
    chr(code) for code in (0x0E31, *range(0x0E34, 0x0E3B), *range(0x0E47, 0x0E4F))
)
THAI_CONSONANTS = "".join(chr(code) for code in range(0x0E01, 0x0E2F))

_MARKS = "\u0e31\u0e34-\u0e3a\u0e47-\u0e4e"  # THAI_COMBINING as a character-class body
_TONES = "\u0e48-\u0e4b"
_LETTERS = "\u0e01-\u0e4e"  # consonants, vowels, marks, ฯ, ๆ (no digits)
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_SPACE_LIKE = "\u00a0\u202f"
_LATIN_LIGATURES = range(0xFB00, 0xFB07)  # ﬀ ﬁ ﬂ ﬃ ﬄ ﬅ ﬆ: a font's glyph, not the author's text

# an extractor's space before a combining mark or ำ; (?=…)? notes a digit right after the marks
_SPACE_BEFORE_MARK = re.compile(rf"(?<=[{_LETTERS}])[ \t]+([{_MARKS}\u0e33]+)(?=([0-9๐-๙])?)")
# a mark drawn over a letter but extracted after the punctuation that follows it: "วัสด)ุ", "กรณ.ี"
_MARK_AFTER_PUNCTUATION = re.compile(rf"(?<=[{THAI_CONSONANTS}])([)\]\"'”’.,])([{_MARKS}]+)")
_NIKHAHIT_AA = re.compile(rf"\u0e4d([{_TONES}]*)\u0e32")  # ํ + tone + า → tone + ำ
_TONE_BEFORE_VOWEL = re.compile(r"([\u0e48-\u0e4c]+)([\u0e31\u0e34-\u0e3a\u0e47\u0e4d]+)")
_FOLLOWING_VOWEL_BEFORE_TONE = re.compile(rf"([\u0e30\u0e32\u0e33]+)([{_TONES}]+)")
_DOUBLED = re.compile(rf"([{_MARKS}\u0e30\u0e32\u0e33\u0e41-\u0e44])\1+")  # ดีี, ที่่; not เเ
_TONE_RUN = re.compile(rf"[{_TONES}]{{2,}}")
_SARA_AM_GLYPHS = re.compile("\u0e33\u0e32|\u0e32\u0e33")  # ำา / าำ: its two glyphs mapped apart

# restore_sara_am
_SPACED_AA = re.compile(rf"(?<=[{THAI_CONSONANTS}{_MARKS}])[ \t]+(?=\u0e32)")
_THAI_RUN = re.compile(rf"[{_LETTERS}]+")
_SARA_AA, _SARA_AM, _SARA_UU = "\u0e32", "\u0e33", "\u0e39"
_MAX_PASSES = 4


def is_thai_char(ch: str) -> bool:
    """A character of the Thai block (letters, vowels, marks, digits, ฯ ๆ ๏ ๚ ๛)."""
    return "\u0e01" <= ch <= "\u0e5b"


@cache
def _translation() -> dict[int, str | None]:
    table: dict[int, str | None] = dict(_pua_translation())
    table.update({ord(ch): None for ch in _INVISIBLE})
    table.update({ord(ch): " " for ch in _SPACE_LIKE})
    table.update({code: unicodedata.normalize("NFKC", chr(code)) for code in _LATIN_LIGATURES})
    return table


@cache
def _pua_translation() -> dict[int, str]:
    return {
        int(pua[2:], 16): chr(int(entry["char"][2:], 16))
        for pua, entry in data_json("thai_pua.json")["pua"].items()
    }


def standard_thai(text: str) -> str:
    """Private-use glyph variants of legacy Thai fonts → the standard characters they draw.

    >>> standard_thai("\\uf70a\\uf70e")
    '่์'
    """
    return text.translate(_pua_translation())


def _space_before_mark(match: re.Match[str]) -> str:
    marks = match.group(1)
    return f"{marks} " if match.group(2) else marks


def _repair_once(text: str) -> str:
    text = _SPACE_BEFORE_MARK.sub(_space_before_mark, text)
    text = _MARK_AFTER_PUNCTUATION.sub(r"\2\1", text)
    text = text.replace("\u0e40\u0e40", "\u0e41")  # เเ → แ
    text = _TONE_BEFORE_VOWEL.sub(r"\2\1", text)
    text = _NIKHAHIT_AA.sub("\\1\u0e33", text)
    text = _FOLLOWING_VOWEL_BEFORE_TONE.sub(r"\2\1", text)
    text = _SARA_AM_GLYPHS.sub("\u0e33", text)
    text = _TONE_RUN.sub(_one_tone, text)
    return _DOUBLED.sub(r"\1", text)


def _one_tone(match: re.Match[str]) -> str:
    """Two tone marks on one letter: keep the one that spells a word ("ฝรั่้งเศส" → ฝรั่งเศส), else
    the last (as pythainlp). Fonts that map sara uu to a tone ("ผ้้รับผิดชอบ", "ค่้มือ") are read
    back as ู + tone when that spells a word and the tone alone does not."""
    text, start, end = match.string, match.start(), match.end()
    run_start, run_end = _run_bounds(text, start, end)
    before, after = text[run_start:start], text[end:run_end]
    tones = list(dict.fromkeys(reversed(match.group(0))))  # last first: it wins ties
    candidates = tones + [_SARA_UU + tone for tone in tones]
    return min(candidates, key=lambda marks: coverage(before + marks + after))


def repair_thai_chars(text: str) -> str:
    """Repair the code points of one extracted line or cell (see the module notes); keeps newlines.

    >>> repair_thai_chars("ทํางาน ถ ึง ที่่ เเปลก")
    'ทำงาน ถึง ที่ แปลก'
    """
    text = text.translate(_translation())
    if not any("\u0e00" <= ch <= "\u0e7f" for ch in text):
        return text
    for _ in range(_MAX_PASSES):  # a fix can expose another ("ที ่่" → "ที่่" → "ที่")
        repaired = _repair_once(text)
        if repaired == text:
            break
        text = repaired
    return text


# --- sara am ---------------------------------------------------------------------------------


@cache
def _lost_forms() -> tuple[re.Pattern[str], dict[str, str]]:
    """The damaged forms (ำ printed as า) and the word each stands for, as one trie-shaped regex."""
    word_by_form = dict(line.split("\t") for line in data_lines("sara_am_lost_forms.txt"))
    return re.compile(_trie_pattern(word_by_form)), word_by_form


def _trie_pattern(words: dict[str, str]) -> str:
    """A regex matching any of ``words``, shaped as a trie so matching stays fast for thousands."""
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, dict]) -> str:
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
        return f"(?:{body})?" if "" in node else body

    return build(trie)


def _run_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The run of Thai letters around text[start:end]."""
    while start > 0 and _THAI_RUN.match(text[start - 1]):
        start -= 1
    while end < len(text) and _THAI_RUN.match(text[end]):
        end += 1
    return start, end


def restore_spaced_sara_am(text: str) -> str:
    """'ค าน า' → 'คำนำ': a space before า is a lost ring; ำ unless the dictionary prefers า.

    Thai spelling never puts a space before า, so this is safe on any text (a search query pasted
    from a PDF viewer), unlike the other sara am passes, which suit only text known to be damaged."""
    candidates: list[int] = []  # offsets of those า once the spaces are gone
    removed = 0
    for match in _SPACED_AA.finditer(text):
        removed += match.end() - match.start()
        candidates.append(match.end() - removed)
    if not candidates:
        return text
    joined = _SPACED_AA.sub("", text)
    chars = list(joined)
    for position in candidates:
        start, end = _run_bounds(joined, position, position + 1)  # า ↔ ำ keeps runs as they are
        chars[position] = _SARA_AM
        with_am = "".join(chars[start:end])
        chars[position] = _SARA_AA
        with_aa = "".join(chars[start:end])
        if coverage(with_am) <= coverage(with_aa):
            chars[position] = _SARA_AM
    return "".join(chars)


def _restore_lost_forms(text: str) -> str:
    """'สานักงาน' → 'สำนักงาน' where a listed damaged form makes its run split worse than the word."""
    pattern, word_by_form = _lost_forms()
    matches = list(pattern.finditer(text))
    for match in reversed(matches):  # right to left: earlier offsets stay valid
        start, end = _run_bounds(text, *match.span())
        run = text[start:end]
        word = word_by_form.get(match.group(0))
        if word is None:
            continue
        repaired = run[: match.start() - start] + word + run[match.end() - start :]
        if coverage(repaired) < coverage(run):
            text = text[:start] + repaired + text[end:]
    return text


def _restore_printed_as_am(text: str) -> str:
    """'ยุทธศำสตร์' → 'ยุทธศาสตร์' on text whose า were printed as ำ (ำ outnumber า 4 to 1).

    A single ำ is weak evidence (names such as "ลำเพียก" hold one): it changes only where the printed
    ำ is in no dictionary word and the repaired run is all dictionary words.
    """
    am, aa = text.count(_SARA_AM), text.count(_SARA_AA)
    if am == 0 or aa * 4 > am:
        return text
    strong = am >= 2
    pieces: list[str] = []
    last = 0
    for match in _THAI_RUN.finditer(text):
        run = match.group(0)
        if _SARA_AM in run:
            pieces.append(text[last : match.start()])
            pieces.append(_flip_am_to_aa(run, strong))
            last = match.end()
    pieces.append(text[last:])
    return "".join(pieces)


def _flip_am_to_aa(run: str, strong: bool) -> str:
    """ำ → า where the run then splits better and the า lands in a word of 3+ letters (ตาม, การ),
    so that a two-letter word (ลา, ทา) is not enough reason to change a name."""
    for position, ch in enumerate(run):
        if ch != _SARA_AM:
            continue
        flipped = run[:position] + _SARA_AA + run[position + 1 :]
        word = word_at(flipped, position)
        letters = sum(1 for c in word or "" if c not in THAI_COMBINING)
        if letters < 3 or coverage(flipped) >= coverage(run):
            continue
        if strong or (word_at(run, position) is None and coverage(flipped)[0] == 0):
            run = flipped
    return run


def restore_sara_am(text: str) -> str:
    """Restore sara am lost or misprinted by PDF fonts, checked against the dictionary.

    >>> restore_sara_am("ค าน า ส านักงาน"), restore_sara_am("สานักงาน"), restore_sara_am("ยุทธศำสตร์")
    ('คำนำ สำนักงาน', 'สำนักงาน', 'ยุทธศาสตร์')
    """
    if _SARA_AA not in text and _SARA_AM not in text:
        return text
    for _ in range(_MAX_PASSES):
        repaired = _restore_printed_as_am(_restore_lost_forms(restore_spaced_sara_am(text)))
        if repaired == text:
            break
        text = repaired
    return text
