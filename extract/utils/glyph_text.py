"""Text of PDF glyphs read from the embedded font program where the PDF's own map is wrong.

A PDF says what each glyph spells in its ToUnicode map, and writers fill that map from the text
a shaped run came from. Thai shaping turns one character into positional variants (a tone mark
lowered or shifted left, sara am split into its ring and sara aa, ู + ้ stacked), and writers get
those wrong in ways seen across real exports: WeasyPrint and LibreOffice label sara uu with a tone
and the lowered tone with sara uu, Word labels the ring of sara am as a space, PowerPoint labels
sara aa as sara am, and some variants get no text at all (``(cid:N)``).

The font program embedded in the PDF knows what it draws. For each glyph, in order:

1. its Unicode cmap, inverted (subsets keep the private-use code points of positional variants:
   U+F70A is ่ shifted down), else its glyph name (``uni0E48.low``, ``uni0E39_uni0E49``), else its
   GSUB substitutions run backwards (a variant → the glyph it stands in for; a ligature → its
   components);
2. where the font keeps none of those (LibreOffice subsets), its outlines: a glyph drawn as a
   shifted copy of a correctly labelled glyph is that character, a mark drawn under the
   baseline cannot be a tone mark (nor one drawn above it a vowel below), and a glyph labelled
   sara am but drawn wholly above the letters is its ring, nikhahit (sara aa follows as a glyph
   of its own, so the text reads ํ + า, as the other writers' fonts give it).

The font's reading replaces the PDF's label only where the label is missing, blank for an inked
glyph, private-use, or names another Thai character than the one the font draws. Everything else
(the author's text, ligatures such as "ffi") is kept as the PDF labels it.
"""

from __future__ import annotations

import io
import logging
import unicodedata
from collections.abc import Callable, Iterable
from functools import cached_property

from fontTools import agl
from fontTools.pens.boundsPen import BoundsPen
from fontTools.pens.recordingPen import DecomposingRecordingPen
from fontTools.ttLib import TTFont
from pdfminer.cmapdb import FileUnicodeMap
from pdfminer.pdffont import PDFCIDFont, PDFFont, PDFTrueTypeFont, PDFUnicodeNotDefined
from pdfminer.pdfinterp import PDFResourceManager
from pdfminer.pdftypes import PDFStream, resolve1

from normalize.chars import is_thai_char, standard_thai
from normalize.numerals import arabic_to_thai_digits, draws_thai_digits

# Subsets written by PDF tools trip fontTools' sanity warnings (a zero 'modified' date, odd
# advance widths) on every file; they say nothing about the glyphs we read.
logging.getLogger("fontTools.ttLib").setLevel(logging.ERROR)

# Thai marks by where they are drawn: under the baseline, or above the letter.
BELOW_MARKS = frozenset("\u0e38\u0e39\u0e3a")
ABOVE_MARKS = frozenset(
    "\u0e31" + "".join(map(chr, range(0x0E34, 0x0E38))) + "".join(map(chr, range(0x0E47, 0x0E4F)))
)
# A glyph whose ink ends this far above the baseline (share of the em) is drawn under it; one
# whose ink starts this high is drawn above the letters.
BELOW_TOP_EM = 0.1
ABOVE_BOTTOM_EM = 0.3
SARA_AM, NIKHAHIT = "\u0e33", "\u0e4d"
# What a glyph under the baseline most likely is when its label is wrong and no shifted twin
# tells: sara uu before sara u (phinthu, a dot used for Pali, is left out).
BELOW_BY_LIKELIHOOD = ("\u0e39", "\u0e38")

Zone = str  # "below", "above" or "body"


class GlyphFont:
    """One embedded font program: glyph names, what each glyph spells, where its ink lies."""

    def __init__(self, font: TTFont) -> None:
        self.font = font
        self.units_per_em = font["head"].unitsPerEm or 1000
        self.glyph_order = font.getGlyphOrder()

    @classmethod
    def parse(cls, data: bytes) -> GlyphFont | None:
        try:
            font = TTFont(io.BytesIO(data), lazy=True)
            font.getGlyphOrder()
            return cls(font)
        except Exception:  # a broken or exotic font program: the PDF's map is all we have
            return None

    def name_of_glyph(self, gid: int) -> str | None:
        return self.glyph_order[gid] if 0 <= gid < len(self.glyph_order) else None

    def glyph_for_code(self, code: int, char: str | None) -> str | None:
        """The glyph a simple (one-byte) TrueType font draws for ``code`` (PDF 9.6.6.4)."""
        cmaps = {(t.platformID, t.platEncID): t.cmap for t in self._cmap_tables}
        if (3, 0) in cmaps:
            return cmaps[3, 0].get(0xF000 + code) or cmaps[3, 0].get(code)
        if (3, 1) in cmaps and char:
            found = cmaps[3, 1].get(ord(char[0]))
            if found:
                return found
        if (1, 0) in cmaps:
            return cmaps[1, 0].get(code)
        return None

    @cached_property
    def _cmap_tables(self) -> list:
        return list(self.font["cmap"].tables) if "cmap" in self.font else []

    @cached_property
    def _unicode_by_glyph(self) -> dict[str, list[str]]:
        by_glyph: dict[str, list[str]] = {}
        for table in self._cmap_tables:
            if not table.isUnicode():
                continue
            for code, name in sorted(table.cmap.items()):
                char = chr(code)
                if unicodedata.category(char) == "Cc":
                    continue  # legacy fonts also map control codes to their glyphs
                chars = by_glyph.setdefault(name, [])
                if char not in chars:
                    chars.append(char)
        return by_glyph

    @cached_property
    def _substituted(self) -> tuple[dict[str, str], dict[str, list[str]]]:
        """GSUB run backwards: variant → the glyph it replaces, ligature → its components."""
        singles: dict[str, str] = {}
        ligatures: dict[str, list[str]] = {}
        if "GSUB" not in self.font:
            return singles, ligatures
        try:
            lookups = self.font["GSUB"].table.LookupList.Lookup
        except AttributeError:
            return singles, ligatures
        for lookup in lookups:
            for subtable in lookup.SubTable:
                table = getattr(subtable, "ExtSubTable", subtable)
                kind = getattr(table, "LookupType", None)
                if kind == 1:
                    for source, target in table.mapping.items():
                        singles.setdefault(target, source)
                elif kind == 3:
                    for source, targets in table.alternates.items():
                        for target in targets:
                            singles.setdefault(target, source)
                elif kind == 4:
                    for first, ligature_set in table.ligatures.items():
                        for ligature in ligature_set:
                            ligatures.setdefault(ligature.LigGlyph, [first, *ligature.Component])
        return singles, ligatures

    def spellings(self, name: str) -> list[str]:
        """What the font says glyph ``name`` spells, best first (PUA variants made standard)."""
        return self._spellings(name, depth=0)

    def _spellings(self, name: str, depth: int) -> list[str]:
        found = [
            text
            for text in map(standard_thai, self._unicode_by_glyph.get(name, []))
            if unicodedata.category(text[0]) != "Co"  # a symbol font's F0xx code is no text
        ]
        if not found and not name.startswith("glyph"):
            from_name = standard_thai(agl.toUnicode(name))
            if from_name and unicodedata.category(from_name[0]) != "Co":
                found = [from_name]
        if not found and depth < 4 and "GSUB" in self.font:
            singles, ligatures = self._substituted
            if name in ligatures:
                parts = [self._spellings(part, depth + 1) for part in ligatures[name]]
                if all(parts):
                    found = ["".join(part[0] for part in parts)]
            elif name in singles:
                found = self._spellings(singles[name], depth + 1)
        thai_first = sorted(dict.fromkeys(found), key=lambda text: not _is_thai(text))
        return thai_first

    @cached_property
    def _glyph_set(self):
        return self.font.getGlyphSet()

    def advance(self, name: str) -> int | None:
        """The glyph's advance width in font units (0 for a mark drawn over its letter)."""
        try:
            return self.font["hmtx"][name][0]
        except Exception:
            return None

    def zone(self, name: str) -> Zone | None:
        """Where the glyph's ink lies: wholly under the baseline, wholly above the letters, or
        across the body. None for an empty or unreadable glyph."""
        try:
            pen = BoundsPen(self._glyph_set)
            self._glyph_set[name].draw(pen)
        except Exception:
            return None
        if pen.bounds is None:
            return None
        _, bottom, _, top = pen.bounds
        if top <= BELOW_TOP_EM * self.units_per_em:
            return "below"
        if bottom >= ABOVE_BOTTOM_EM * self.units_per_em:
            return "above"
        return "body"

    def outline(self, name: str) -> tuple | None:
        """The glyph's outline moved to the origin: equal for two glyphs that are shifted copies."""
        try:
            pen = DecomposingRecordingPen(self._glyph_set)
            self._glyph_set[name].draw(pen)
        except Exception:
            return None
        points = [pt for _, args in pen.value for pt in args if isinstance(pt, tuple)]
        if not points:
            return None
        left = min(x for x, _ in points)
        bottom = min(y for _, y in points)
        return tuple(
            (op, tuple((round(x - left), round(y - bottom)) for x, y in args))
            for op, args in pen.value
        )


def _is_thai(text: str) -> bool:
    return any(is_thai_char(ch) for ch in text)


def _is_blank_or_unusable(text: str | None) -> bool:
    """No text, blank, or a private-use code point no table explains."""
    if not text or not text.strip():
        return True
    return any(unicodedata.category(ch) == "Co" for ch in standard_thai(text))


def expected_zone(text: str) -> Zone | None:
    """Where a single Thai mark is drawn; None for anything else."""
    if text in BELOW_MARKS:
        return "below"
    if text in ABOVE_MARKS:
        return "above"
    return None


class GlyphDecoder:
    """``to_unichr`` for one pdfminer font: the PDF's label, corrected by the font program."""

    def __init__(
        self,
        program: GlyphFont,
        glyph_of: Callable[[int, str | None], str | None],
        labelled: Callable[[int], str | None],
        labels: dict[int, str],
    ) -> None:
        self.program = program
        self.glyph_of = glyph_of  # (code, label) → glyph name
        self.labelled = labelled  # the PDF's own text for a code (None when it has none)
        self.labels = labels  # every code the PDF's map labels, for the outline checks
        self._decided: dict[int, str | None] = {}

    def to_unichr(self, cid: int) -> str:
        try:
            text = self._decided[cid]
        except KeyError:
            try:
                text = self.decide(cid)
            except Exception:  # a font table we cannot read (lazily, here): the PDF's own label
                text = self.labelled(cid)
            self._decided[cid] = text
        if text is None:
            raise PDFUnicodeNotDefined(None, cid)
        return text

    def decide(self, cid: int) -> str | None:
        label = self.labelled(cid)
        name = self.glyph_of(cid, label)
        if name is None:
            return label
        if self._guessed_for_a_mark(cid, label, name):
            label = None
        spellings = self.program.spellings(name)
        if not spellings:
            return self._checked_by_outline(cid, label, name)
        if label and not label.strip() and self.program.zone(name) is None:
            return label  # a space drawn as a space
        return choose_text(label, spellings)

    def _guessed_for_a_mark(self, cid: int, label: str | None, name: str) -> bool:
        """The PDF's map leaves this code out, so its text is the font encoding's guess for the
        code (")" for 0x29), yet the glyph is a mark: drawn with no advance above or under the
        letters (LibreOffice leaves positional variants of tone marks out of its map)."""
        if not self.labels or cid in self.labels or label is None or _is_thai(label):
            return False
        return self.program.advance(name) == 0 and self.program.zone(name) in ("above", "below")

    def _checked_by_outline(self, cid: int, label: str | None, name: str) -> str | None:
        """A font that keeps no cmap or names: its outlines still tell a mark's place and twin."""
        if label and label.strip() and label != SARA_AM and expected_zone(label) is None:
            return label  # outlines only tell where marks go: nothing to check on a letter
        zone = self.program.zone(name)
        if label == SARA_AM and zone == "above":
            return NIKHAHIT  # sara am's ring alone (LibreOffice): its sara aa is a glyph of its own
        if zone is None or (label is not None and expected_zone(label) in (None, zone)):
            return label
        twin = self._twin_label(name)
        if twin is not None:
            return twin
        if zone == "below":
            return self._free_label(BELOW_BY_LIKELIHOOD, "below") or label
        return self._swapped_label(cid, zone) or label

    @cached_property
    def _mark_glyphs(self) -> list[tuple[int, str, str, Zone | None]]:
        """(code, label, glyph, zone) of every code the PDF labels as a single Thai mark."""
        marks = []
        for code, text in self.labels.items():
            if expected_zone(text) is None:
                continue
            name = self.glyph_of(code, text)
            if name is not None:
                marks.append((code, text, name, self.program.zone(name)))
        return marks

    def _well_placed(self) -> Iterable[tuple[str, str]]:
        """(label, glyph) of the marks whose label agrees with where the glyph is drawn."""
        for _, text, name, zone in self._mark_glyphs:
            if zone == expected_zone(text):
                yield text, name

    def _twin_label(self, name: str) -> str | None:
        """The label of a well-placed glyph this one is a shifted copy of."""
        outline = self.program.outline(name)
        if outline is None:
            return None
        for text, other in self._well_placed():
            if other != name and self.program.outline(other) == outline:
                return text
        return None

    def _free_label(self, candidates: Iterable[str], zone: Zone) -> str | None:
        """The likeliest mark of ``zone`` that no well-placed glyph of this font already draws."""
        taken = {text for text, _ in self._well_placed()}
        return next((c for c in candidates if expected_zone(c) == zone and c not in taken), None)

    def _swapped_label(self, cid: int, zone: Zone) -> str | None:
        """The label of the one misplaced glyph whose label belongs where this glyph is drawn
        (the writer swapped the two labels)."""
        partners = {
            text
            for code, text, _, other_zone in self._mark_glyphs
            if code != cid
            and other_zone not in (None, expected_zone(text))
            and expected_zone(text) == zone
        }
        return partners.pop() if len(partners) == 1 else None


def choose_text(label: str | None, spellings: list[str]) -> str:
    """The PDF's label for an inked glyph unless the font program contradicts it (see the module
    notes); ``spellings`` are the font's, best first."""
    best = spellings[0]
    if label is None or _is_blank_or_unusable(label):
        return best
    standard = standard_thai(label)
    if standard != label and standard in spellings:
        return standard  # a private-use variant the font agrees with: its standard character
    if standard in spellings or any(_compatible(standard, s) for s in spellings):
        return label
    if _is_thai(standard) and _is_thai(best):
        return best
    return label


def _compatible(label: str, spelling: str) -> bool:
    """Same text up to compatibility forms ("ffi" for ﬃ), or a cluster the glyph is part of."""
    if unicodedata.normalize("NFKC", label) == unicodedata.normalize("NFKC", spelling):
        return True
    return len(label) > 1 and spelling in label


# --- hooking pdfminer ------------------------------------------------------------------------


def _font_program(descriptor: dict) -> bytes | None:
    for key in ("FontFile2", "FontFile3"):
        stream = resolve1(descriptor.get(key)) if descriptor else None
        if isinstance(stream, PDFStream):
            if key == "FontFile3" and str(stream.get("Subtype")) != "/'OpenType'":
                return None  # bare CFF: fontTools needs an OpenType wrapper we do not build
            return stream.get_data()
    return None


def _labels_of(font: PDFFont) -> dict[int, str]:
    unicode_map = getattr(font, "unicode_map", None)
    if isinstance(unicode_map, FileUnicodeMap):
        return dict(unicode_map.cid2unichr)
    return {}


def _cid_to_gid(spec: dict) -> Callable[[int], int]:
    mapping = resolve1(spec.get("CIDToGIDMap"))
    if isinstance(mapping, PDFStream):
        table = mapping.get_data()

        def mapped(cid: int) -> int:
            return (
                int.from_bytes(table[2 * cid : 2 * cid + 2], "big") if 2 * cid < len(table) else 0
            )

        return mapped
    return lambda cid: cid


def glyph_decoder(font: PDFFont, spec: dict) -> GlyphDecoder | None:
    """A decoder for a pdfminer font with an embedded TrueType/OpenType program, else None."""
    data = _font_program(getattr(font, "descriptor", None) or {})
    if data is None:
        return None
    program = GlyphFont.parse(data)
    if program is None:
        return None
    original = font.to_unichr

    def labelled(cid: int) -> str | None:
        try:
            return original(cid)
        except (PDFUnicodeNotDefined, KeyError, IndexError):
            return None

    if isinstance(font, PDFCIDFont):
        gid_of = _cid_to_gid(spec)

        def glyph_of(cid: int, _label: str | None) -> str | None:
            return program.name_of_glyph(gid_of(cid))

    elif isinstance(font, PDFTrueTypeFont):
        encoding = getattr(font, "cid2unicode", {}) or {}

        def glyph_of(cid: int, _label: str | None) -> str | None:
            return program.glyph_for_code(cid, encoding.get(cid))

    else:
        return None
    return GlyphDecoder(program, glyph_of, labelled, _labels_of(font))


class GlyphTextResourceManager(PDFResourceManager):
    """pdfminer's resource manager whose fonts read glyph text through ``GlyphDecoder``."""

    def get_font(self, objid: object, spec: dict) -> PDFFont:
        font = super().get_font(objid, spec)
        if not getattr(font, "_glyph_text", False):
            font._glyph_text = True  # Type0 fonts come through twice: descendant, then parent
            try:
                decoder = glyph_decoder(font, dict(spec))
            except Exception:  # never let a font we cannot read stop the page
                decoder = None
            if decoder is not None:
                font.to_unichr = decoder.to_unichr  # type: ignore[method-assign]
            else:
                font.to_unichr = _standard_labels(font.to_unichr)  # type: ignore[method-assign]
            if draws_thai_digits(font.fontname):
                font.to_unichr = _thai_digits(font.to_unichr)  # type: ignore[method-assign]
        return font


def _thai_digits(to_unichr: Callable[[int], str]) -> Callable[[int], str]:
    def printed(cid: int) -> str:
        return arabic_to_thai_digits(to_unichr(cid))

    return printed


def _standard_labels(to_unichr: Callable[[int], str]) -> Callable[[int], str]:
    """A font without a program to read (Type 3: Chromium draws synthesised bold so): its
    private-use labels of Thai positional variants read as the standard characters."""

    def labelled(cid: int) -> str:
        return standard_thai(to_unichr(cid))

    return labelled
