"""Code-point repair of extracted Thai, and dictionary-checked sara am restoration."""

from __future__ import annotations

import pytest
from conftest import SAMPLE_DUMP

from normalize.chars import THAI_COMBINING, is_thai_char, repair_thai_chars, restore_sara_am


def repair(text: str) -> str:
    return restore_sara_am(repair_thai_chars(text))


@pytest.mark.parametrize(
    ("raw", "repaired"),
    [
        # decomposed sara am, also with the tone between (the order fonts shape it in)
        ("ทํางาน", "ทำงาน"),
        ("น\u0e4d\u0e49\u0e32", "น้ำ"),
        ("ก\u0e48\u0e4d\u0e32", "ก่ำ"),
        # duplicated marks and vowels; two different tones: the one that spells a word
        ("ที่่", "ที่"),
        ("ดีี", "ดี"),
        ("ชาวฝรั่้งเศส", "ชาวฝรั่งเศส"),
        ("ฃ่้", "ฃ้"),  # no word either way: the last, as pythainlp keeps
        # LibreOffice exports (TLWG fonts): sara am's glyphs each mapped, sara uu mapped to a tone
        ("ลำาดับ", "ลำดับ"),
        ("ประจำาปีงบประมาณ", "ประจำปีงบประมาณ"),
        ("หนองนาำ ใส", "หนองนำ ใส"),
        ("ผ้้รับผิดชอบ", "ผู้รับผิดชอบ"),
        ("จัดทำาค่้มือ", "จัดทำคู่มือ"),
        ("ประชาชนรับร้้", "ประชาชนรับรู้"),
        ("เเปลก", "แปลก"),
        # tone typed before the vowel; follow vowel before the tone
        ("ก\u0e48\u0e34", "กิ่"),
        ("คา่", "ค่า"),
        # invisibles dropped, no-break spaces become spaces
        ("ก\u200bา\u00adร\ufeffบ้าน\u00a0ดี\u202fมาก\u2060\u200c\u200d", "การบ้าน ดี มาก"),
        # Latin ligature glyphs (Chromium's PDFs label them so), with or without Thai around
        ("ช่องทาง LINE Oﬃcial Account", "ช่องทาง LINE Official Account"),
        ("ﬁle ﬂow oﬀ ﬄ ﬅ ﬆ", "file flow off ffl st st"),
        # spaces an extractor put before a mark (anywhere, not only after a lone consonant)
        ("ถ ึง", "ถึง"),
        ("กรณ ีที่", "กรณีที่"),
        ("ต ้องการ", "ต้องการ"),
        ("ใหญ ่", "ใหญ่"),
        ("ส ำคัญ", "สำคัญ"),
        # the space belonged after the mark when a number follows; a mark pushed past punctuation
        ("ป ี๒๕๖๒", "ปี ๒๕๖๒"),
        ("(ค่าตอบแทนใช้สอยวัสด)ุ", "(ค่าตอบแทนใช้สอยวัสดุ)"),
        ("กรณ.ี........", "กรณี........."),
        # newlines and the author's spaces stay
        ("บรรทัดแรก\nบรรทัด ที่สอง ถ ึง\n", "บรรทัดแรก\nบรรทัด ที่สอง ถึง\n"),
        ("ต่าง ๆ  ระบบ E-Service", "ต่าง ๆ  ระบบ E-Service"),
    ],
)
def test_repair_thai_chars(raw: str, repaired: str) -> None:
    assert repair_thai_chars(raw) == repaired


# HarfBuzz's Thai fallback tables: a sample of Windows (U+F7xx) and Mac (U+F8xx) glyph variants
@pytest.mark.parametrize(
    ("raw", "repaired"),
    [
        ("ป\uf701ด", "ปิด"),  # sara i shifted left (Windows)
        ("ป\uf885ด", "ปิด"),  # the same, Mac
        ("ก\uf70a", "ก่"),  # mai ek shifted down
        ("ป\uf713", "ป่"),  # mai ek shifted left
        ("ป\uf705", "ป่"),  # mai ek shifted down-left
        ("\uf700าน", "ฐาน"),  # tho than without its descender
        ("กุ\uf70fแจ", "กุญแจ"),  # yo ying without its descender
        ("ค\uf718ณ", "คุณ"),  # sara u lowered
        ("ป\uf89e", "ปฐ"),
        ("ส\uf710ญญา", "สัญญา"),  # mai han-akat (fixthaipdf maps this one to mai tho)
        ("ก\uf711า", "กำ"),  # nikhahit, then nikhahit + sara aa → sara am
    ],
)
def test_private_use_glyphs(raw: str, repaired: str) -> None:
    assert repair_thai_chars(raw) == repaired


def test_every_private_use_code_point_maps_to_a_thai_character() -> None:
    from normalize.data_files import data_json

    table = data_json("thai_pua.json")["pua"]
    assert len(table) == 54  # 27 Windows + 27 Mac code points
    for pua in table:
        repaired = repair_thai_chars("ก" + chr(int(pua[2:], 16)))
        assert all(is_thai_char(ch) for ch in repaired)


@pytest.mark.parametrize(
    ("raw", "repaired"),
    [
        # the ring printed as a space (the research note's cases)
        ("ค าน า", "คำนำ"),
        ("จ านวน", "จำนวน"),
        ("ประจ าปี", "ประจำปี"),
        ("ส านักงาน", "สำนักงาน"),
        ("การด าเนินการ", "การดำเนินการ"),
        ("บ ารุง", "บำรุง"),
        ("น้ า", "น้ำ"),  # both spellings are words: the space says the ring was there
        ("ส านักงานสาธารณสุขอ าเภอหนองใหญ่", "สำนักงานสาธารณสุขอำเภอหนองใหญ่"),
        # the ring lost without a trace: only listed damaged forms, checked in context
        ("สานักงาน", "สำนักงาน"),
        ("จัดทาขึ้นเพื่อ", "จัดทำขึ้นเพื่อ"),
        ("การดาเนินงานประจาปี", "การดำเนินงานประจำปี"),
        # PowerPoint printed า as ำ
        ("ยุทธศำสตร์", "ยุทธศาสตร์"),
        ("กำรพัฒนำคุณภำพชีวิต", "การพัฒนาคุณภาพชีวิต"),
        ("ตำมคำรับรอง", "ตามคำรับรอง"),
    ],
)
def test_restore_sara_am(raw: str, repaired: str) -> None:
    assert repair(raw) == repaired


@pytest.mark.parametrize(
    "text",
    [
        "เขากระปุก",  # า spelled right
        "น้า",  # a word as printed
        "ทำ",
        "คำนำ",
        "ลำเพียก",  # a name: one ำ is not enough evidence that า was meant
        "ระห่ำ",
        "ปลาวัวหน้าลาย",  # holds "น้าลาย" (น้ำลาย damaged) across two words
        "แพร่ระบาด",
        "ตารางกิโลเมตร",
        "ภาษาไทย ๑๒๓ E-Service",
    ],
)
def test_restore_sara_am_leaves_correct_text(text: str) -> None:
    assert repair(text) == text


def test_the_sample_report_passes_unchanged() -> None:
    """A clean real report: neither repair changes a single character."""
    text = SAMPLE_DUMP.read_text(encoding="utf-8")
    assert repair_thai_chars(text) == text
    assert restore_sara_am(text) == text


def test_clean_thai_titles_only_get_code_point_fixes() -> None:
    """3,000 bundled Wikipedia titles (clean Thai, many names): restore_sara_am changes none."""
    from importlib import resources

    lines = resources.files("pythainlp.corpus").joinpath("wikipedia_titles_th.txt")
    titles = [t for t in lines.read_text(encoding="utf-8").splitlines()[2:] if t][::97][:3000]
    changed = [t for t in titles if restore_sara_am(repair_thai_chars(t)) != repair_thai_chars(t)]
    assert changed == []


def test_thai_combining_and_thai_chars() -> None:
    assert len(THAI_COMBINING) == 16
    assert {"\u0e31", "\u0e34", "\u0e3a", "\u0e47", "\u0e4e"} <= THAI_COMBINING
    assert "\u0e33" not in THAI_COMBINING and "\u0e32" not in THAI_COMBINING
    assert all(is_thai_char(ch) for ch in "กฮะาำเไๆฯ๐๙\u0e3a\u0e5b")
    assert not any(is_thai_char(ch) for ch in "a1 \u0e00\u0e5c\u0e7f")
