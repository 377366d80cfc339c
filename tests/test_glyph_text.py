"""Glyph text read from the fonts embedded in real PDFs (``extract.utils.glyph_text``).

Each PDF is read twice on the same page: with the PDF's own ToUnicode map (pdfplumber as it
comes) and with the font programs checking it. Words were verified by reading the pages rendered
with ``pdftoppm -png -r 100``; every "after" word is also checked to be damaged "before", so the
tests fail if the fonts stop being read.
"""

from __future__ import annotations

import re
import subprocess
from collections import Counter
from pathlib import Path

import pdfplumber
import pytest
from conftest import FIXTURES, SHARED
from pdfminer.pdftypes import resolve1

from extract.backend.pdf_backend import read
from extract.utils import glyph_text
from extract.utils.glyph_text import GlyphDecoder, GlyphTextResourceManager, choose_text
from extract.utils.text import dedupe_chars, glyphs_from_chars, group_lines
from normalize.numerals import draws_thai_digits

PDF_FIXTURES = FIXTURES / "pdf"
REAL = SHARED / "samples" / "real"
needs_real = pytest.mark.skipif(not REAL.is_dir(), reason="../shared/samples/real is not here")


def page_lines(path: Path, page_number: int, *, fonts: bool) -> list[str]:
    """The page's lines as the reader groups them, with or without the font programs."""
    with pdfplumber.open(path) as pdf:
        if fonts:
            pdf.rsrcmgr = GlyphTextResourceManager()
        chars = pdf.pages[page_number - 1].chars
    return [line.text for line in group_lines(glyphs_from_chars(dedupe_chars(chars)))]


# (file, page, what the PDF's own map gives, what the page prints, read through the fonts)
REPAIRED_BY_THE_FONT = [
    # LibreOffice + Garuda: ้ labelled ู and ู labelled ้, sara am's ring labelled ำ
    (
        PDF_FIXTURES / "noensaithong-2567-libreoffice-portrait.pdf",
        1,
        ["สรูางความรู้", "หลักส้ตรการ", "จัดทำาค่้มือ", "พนักงานจูาง"],
        ["สร้างความรู้", "หลักสูตรการ", "จัดทําคู่มือ", "พนักงานจ้าง", "จากร้อยละ 61"],
    ),
    # LibreOffice + Laksaman: the stacked ไม้โท of "น้ำ", "ทั้ง" has no text at all, ู dropped
    (
        PDF_FIXTURES / "nongnamsai-no-gift-2568-owner-password.pdf",
        1,
        ["หนองนำ(cid:", "ทั(cid:", "คณะผ้บริหาร"],
        ["ตําบลหนองนํ้าใส", "ทั้งนี้ ตั้งแต่วันที่ 1 ตุลาคม 2567", "คณะผู้บริหาร", "ของกํานัล"],
    ),
    # WeasyPrint + Laksaman: the ring of sara am (alone or stacked with ไม้โท) has no text
    (
        PDF_FIXTURES / "nongnamsai-no-gift-2568-weasyprint.pdf",
        1,
        ["ส่วนต\u200bาบลหนองน\u200bาใส", "ของก\u200bานัล"],
        ["ส่วนตําบลหนองนํ้าใส", "ของกํานัลทุกชนิด"],
    ),
    # WeasyPrint + Loma: ู labelled ้ and the shifted ้ (a PUA variant) labelled ู
    (
        PDF_FIXTURES / "noensaithong-2567-weasyprint-portrait.pdf",
        1,
        ["หลักส้ตรการ", "ส\u200bานักปลัด"],
        ["ประจําปีงบประมาณ พ.ศ. 2567", "หลักสูตรการ", "สํานักปลัด"],
    ),
]
REAL_REPAIRED_BY_THE_FONT = [
    # Word + TH SarabunIT๙: the ring of sara am labelled as a space
    (
        REAL / "publication-guideline-2561.pdf",
        1,
        ["ประกาศส านักงานสาธารณสุขอ าเภอหนองใหญ่"],
        ["ประกาศสํานักงานสาธารณสุขอําเภอหนองใหญ่", "สําหรับหน่วยงานในสังกัด"],
    ),
    (
        REAL / "procurement-analysis-2562.pdf",
        8,
        ["สรุปผลด าเนินการ", "ส านักงาน"],
        ["สรุปผลดําเนินการจัดซื้อจัดจ้างประจําปีงบประมาณ", "สาธารณสุขอําเภอหนองใหญ่"],
    ),
    # PowerPoint + Tahoma: sara aa labelled sara am, the ring of sara am labelled as a space
    (
        REAL / "strategy-slide-2564.pdf",
        1,
        ["ยุทธศำสตร์", "ส ำคัญตำมค ำรับรอง"],
        [
            "ยุทธศาสตร์และตัวชี้วัดสําคัญตามคํารับรองปฏิบัติราชการ",
            "ความร่วมมือการดําเนินงานพัฒนาด้านสาธารณสุข",
            "2579 ชลบุรีเป็นผู้นํา",
        ],
    ),
]


def _check_repaired_by_the_font(path: Path, page: int, before: list[str], after: list[str]):
    plain = "\n".join(page_lines(path, page, fonts=False))
    ours = "\n".join(page_lines(path, page, fonts=True))
    for damaged in before:
        assert damaged in plain, damaged  # the PDF's own map really is wrong here
        assert damaged not in ours, damaged
    for word in after:
        assert word in ours, word
        assert word not in plain, word


@pytest.mark.parametrize(
    ("path", "page", "before", "after"),
    REPAIRED_BY_THE_FONT,
    ids=[path.name for path, *_ in REPAIRED_BY_THE_FONT],
)
def test_fixture_glyphs_read_as_their_font_draws_them(path, page, before, after) -> None:
    _check_repaired_by_the_font(path, page, before, after)


@needs_real
@pytest.mark.parametrize(
    ("path", "page", "before", "after"),
    REAL_REPAIRED_BY_THE_FONT,
    ids=[path.name for path, *_ in REAL_REPAIRED_BY_THE_FONT],
)
def test_real_glyphs_read_as_their_font_draws_them(path, page, before, after) -> None:
    _check_repaired_by_the_font(path, page, before, after)


CHROMIUM = Path("/usr/bin/chromium")


@pytest.fixture(scope="module")
def chromium_print(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One of our HTML fixtures printed to PDF by Chromium (Skia embeds Loma and labels every
    shifted tone mark with its private-use code point), as agencies print their web pages."""
    if not CHROMIUM.exists():
        pytest.skip("needs Debian's Chromium at /usr/bin/chromium")
    out = tmp_path_factory.mktemp("chromium") / "noensaithong-2567-word.pdf"
    page = FIXTURES / "html" / "noensaithong-2567-word.html"
    subprocess.run(
        [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
         f"--print-to-pdf={out}", page.as_uri()],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    return out


def test_a_chromium_print_reads_without_private_use_variants(chromium_print: Path) -> None:
    _check_repaired_by_the_font(
        chromium_print,
        1,
        ["การส\uf70aงเสริม", "อําเภอท\uf70aาใหม\uf70a", "ป\uf70bองกันผล"],
        [
            "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน",
            "อําเภอท่าใหม่",
            "ผู้รับผิด",
            "ผลลัพธ์/",
            "ป้องกันผล",
        ],
    )


def readable_pdfs() -> list[Path]:
    fixtures = [p for p in sorted(PDF_FIXTURES.glob("*.pdf")) if "encrypted" not in p.name]
    return fixtures + sorted(REAL.glob("*.pdf"))


UNREADABLE = re.compile("\\(cid:\\d+\\)|[\ue000-\uf8ff\u200b\ufffd]|\u0e33\u0e32")


@pytest.mark.parametrize("path", readable_pdfs(), ids=lambda path: path.name)
def test_no_glyph_is_left_without_its_text(path: Path) -> None:
    """No ``(cid:N)``, private-use variant, U+200B / U+FFFD placeholder or sara am split into
    "ำา" in the raw text of any page, before any repair."""
    document = read(path.read_bytes(), path.name)
    text = "\n".join(page.raw_text for page in document.pages)
    assert UNREADABLE.findall(text) == []


def test_the_font_program_knows_its_thai_variants() -> None:
    """Loma, subset by WeasyPrint: cmap, glyph names and outlines of the marks it shapes."""
    path = PDF_FIXTURES / "noensaithong-2567-weasyprint-portrait.pdf"
    with pdfplumber.open(path) as pdf:
        pdf.rsrcmgr = GlyphTextResourceManager()
        programs = [decoder.program for decoder in _decoders(pdf)]
    assert programs, "the embedded fonts were read"
    (program,) = [p for p in programs if p.font["name"].getDebugName(4) == "Loma"]
    assert program.spellings("uniF70B") == ["\u0e49"]  # ไม้โท shifted left
    assert program.spellings("uni0E39") == ["\u0e39"]
    assert program.zone("uni0E39") == "below"
    assert program.zone("uni0E49") == "above"
    assert program.zone("uni0E32") == "body"


def _decoders(pdf: pdfplumber.PDF) -> list[GlyphDecoder]:
    """The glyph decoders of every font of the first page."""
    fonts = resolve1(pdf.pages[0].page_obj.resources.get("Font", {}))
    found = []
    for ref in fonts.values():
        font = pdf.rsrcmgr.get_font(getattr(ref, "objid", None), resolve1(ref))
        decoder = getattr(font.to_unichr, "__self__", None)
        if isinstance(decoder, GlyphDecoder):
            found.append(decoder)
    return found


def test_a_font_whose_outlines_cannot_be_read_leaves_the_pdf_labels() -> None:
    """LibreOffice's Garuda subset keeps no Unicode cmap: only its outlines show that the glyph
    labelled ู is drawn above the letter (ไม้โท). With its glyph data overwritten, nothing tells,
    and every glyph keeps the PDF's own label; no exception reaches the page."""
    path = PDF_FIXTURES / "noensaithong-2567-libreoffice-portrait.pdf"
    with pdfplumber.open(path) as pdf:
        pdf.rsrcmgr = GlyphTextResourceManager()
        (good,) = [d for d in _decoders(pdf) if d.program.font["name"].getDebugName(4) == "Garuda"]
    data = bytearray(good.program.font.reader.file.getvalue())
    glyf = good.program.font.reader.tables["glyf"]
    data[glyf.offset : glyf.offset + glyf.length] = b"\xff" * glyf.length
    damaged = glyph_text.GlyphFont.parse(bytes(data))
    assert damaged is not None
    bad = GlyphDecoder(damaged, good.glyph_of, good.labelled, good.labels)
    read_well = {code: good.to_unichr(code) for code in good.labels}
    assert {code: bad.to_unichr(code) for code in good.labels} == good.labels != read_well
    assert "\u0e39" in good.labels.values()


@needs_real
def test_each_font_is_decoded_once_for_the_whole_document(monkeypatch) -> None:
    """Fonts are shared by the pages: one font program parse per embedded font, one decision per
    glyph code of each font, however many pages and chars use them."""
    parses: Counter[int] = Counter()
    decisions: Counter[tuple[int, int]] = Counter()
    parse, decide = glyph_text.GlyphFont.parse.__func__, GlyphDecoder.decide

    def counted_parse(cls, data: bytes):
        parses[hash(data)] += 1
        return parse(cls, data)

    def counted_decide(self, cid: int):
        decisions[id(self), cid] += 1
        return decide(self, cid)

    monkeypatch.setattr(glyph_text.GlyphFont, "parse", classmethod(counted_parse))
    monkeypatch.setattr(GlyphDecoder, "decide", counted_decide)
    document = read((REAL / "procurement-analysis-2562.pdf").read_bytes(), "procurement.pdf")
    assert document.page_count == 9
    assert parses and max(parses.values()) == 1
    assert decisions and max(decisions.values()) == 1


@pytest.mark.parametrize(
    ("label", "spellings", "text"),
    [
        ("\u0e39", ["\u0e49"], "\u0e49"),  # the font draws ้ where the PDF says ู
        (None, ["\u0e4d"], "\u0e4d"),  # no text in the PDF (WeasyPrint's ring of sara am)
        (" ", ["\u0e4d"], "\u0e4d"),  # an inked glyph labelled as a space (Word)
        ("\uf70b", ["\u0e49"], "\u0e49"),  # a private-use label: the standard character
        ("\u0e33", ["\u0e32"], "\u0e32"),  # PowerPoint's sara aa labelled sara am
        ("ffi", ["\ufb03"], "ffi"),  # a ligature keeps the author's letters
        ("\u0e17\u0e35\u0e48", ["\u0e48"], "\u0e17\u0e35\u0e48"),  # a cluster holding the glyph
        ("2", ["\u0e52"], "2"),  # not Thai: the author's text is kept
    ],
)
def test_the_pdf_label_wins_unless_the_font_contradicts_it(label, spellings, text) -> None:
    assert choose_text(label, spellings) == text


@pytest.mark.parametrize(
    ("fontname", "thai_digits"),
    [
        ("b'ABCDEE+TH SarabunIT\\xf9,Bold'", True),  # as pdfminer names the real exports' font
        ("ABCDEE+TH SarabunIT๙", True),
        ("THSarabunIT9-Bold", True),
        (b"TH NiramitIT\xf9", True),
        ("ABCDEE+TH SarabunPSK", False),  # the PSK design draws Arabic digits
        ("Sarabun-Italic", False),
        ("ABCDEE+Tahoma,Bold", False),
    ],
)
def test_the_it9_fonts_are_known_by_name(fontname: object, thai_digits: bool) -> None:
    assert draws_thai_digits(fontname) is thai_digits


def test_digits_read_as_the_it9_font_prints_them() -> None:
    """TH SarabunIT๙ draws the ASCII digits as Thai digits: the guideline typed its dates in
    both and prints them all Thai ("พ.ศ. 256๓" in its text is ๒๕๖๓ on the page); the slide's
    Tahoma prints Arabic digits and keeps them."""
    guideline = read((REAL / "publication-guideline-2561.pdf").read_bytes(), "guideline.pdf")
    text = "\n".join(page.raw_text for page in guideline.pages)
    assert "ประกาศ ณ วันที่ ๙ ธันวาคม พ.ศ. ๒๕๖๓" in text
    assert "พ.ศ.๒๕๔๐ ตามมาตรา ๗ มาตรา ๙" in text
    assert not re.search("[0-9]", text)
    slide = read((REAL / "strategy-slide-2564.pdf").read_bytes(), "slide.pdf")
    assert "ไม่น้อยกว่าร้อยละ 80" in slide.pages[0].raw_text
