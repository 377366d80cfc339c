"""Thai text health of extracted pages, on real PDFs before and after repair."""

from __future__ import annotations

import html
import re
from functools import cache
from pathlib import Path

import pdfplumber
import pytest
from conftest import SAMPLE_DUMP, SHARED

from normalize.chars import repair_thai_chars, restore_sara_am
from normalize.quality import QUALITY_THRESHOLD, assess_thai_quality, count_orphan_marks

REAL = SHARED / "samples" / "real"
WORD_EXPORTS = ["procurement-analysis-2562.pdf", "publication-guideline-2561.pdf"]
SLIDE = "strategy-slide-2564.pdf"


@cache
def raw_pages(name: str) -> tuple[str, ...]:
    """pdfplumber's page text of a real PDF in ../shared (read-only)."""
    with pdfplumber.open(REAL / name) as pdf:
        return tuple(page.extract_text() or "" for page in pdf.pages)


def repaired(page: str) -> str:
    return "\n".join(restore_sara_am(repair_thai_chars(line)) for line in page.split("\n"))


@pytest.mark.parametrize("name", WORD_EXPORTS)
def test_word_exports_score_low_before_repair_and_clean_after(name: str) -> None:
    """TH Sarabun PDFs whose font lost sara am's ring ("ส านักงาน") on every page."""
    for number, page in enumerate(raw_pages(name), start=1):
        raw = assess_thai_quality(page)
        assert raw.spaced_sara_aa > 0, number
        assert raw.score < QUALITY_THRESHOLD, (number, raw)
        fixed = assess_thai_quality(repaired(page))
        assert fixed.spaced_sara_aa == 0
        assert fixed.score >= QUALITY_THRESHOLD, (number, fixed)


def test_the_slide_deck_stays_low_after_repair() -> None:
    """A PowerPoint export: marks moved onto the next letter and า printed as ำ; repair cannot
    restore the marks' order, so the page must stay below the threshold (an OCR candidate)."""
    (page,) = raw_pages(SLIDE)
    raw = assess_thai_quality(page)
    assert raw.score < 0.2 and raw.orphan_marks > 100
    fixed = assess_thai_quality(repaired(page))
    assert fixed.score < QUALITY_THRESHOLD
    assert fixed.orphan_marks < raw.orphan_marks and fixed.oov_share < raw.oov_share


# words checked by reading the pages rendered with `pdftoppm -png -r 100`
@pytest.mark.parametrize(
    ("name", "page", "words"),
    [
        (
            "procurement-analysis-2562.pdf",
            1,
            ["สำนักงานสาธารณสุขอำเภอหนองใหญ่", "สำนักงานสาธารณสุขจังหวัดชลบุรี"],
        ),
        (
            "procurement-analysis-2562.pdf",
            2,
            [
                "คำนำ",
                "จัดทำขึ้นเพื่อสรุปวิเคราะห์",
                "การดำเนินงาน",
                "การกำหนดรายละเอียด",
                "จะนำไปศึกษา",
                "เพื่อนำมาพัฒนา",
            ],
        ),
        (
            "procurement-analysis-2562.pdf",
            4,
            ["งบดำเนินงาน(ค่าตอบแทนใช้สอยวัสดุ)", "ปี ๒๕๖๒", "จำนวน ๒๘๐,๐๐๐ บาท", "ลำดับ", "ระดับอำเภอ"],
        ),
        ("procurement-analysis-2562.pdf", 7, ["ข้อจำกัด", "อาจทำให้เกิดความล่าช้า"]),
        ("procurement-analysis-2562.pdf", 8, ["ประหยัดงบประมาณได้ ๑๓,๐๑๓.๕๖", "ความสำคัญ"]),
        (
            "publication-guideline-2561.pdf",
            1,
            ["ประกาศสำนักงานสาธารณสุขอำเภอหนองใหญ่", "สำหรับ", "อำนาจหน้าที่", "ประจำปี คำรับรอง"],
        ),
        (
            "publication-guideline-2561.pdf",
            3,
            ["เวอร์ชันต่ำของบราวเซอร์", "คำนึงถึง", "กระทำความผิด", "๓.๒.๓ กรณี"],
        ),
        ("strategy-slide-2564.pdf", 1, ["ประจำปีงบประมาณ พ.ศ.2564", "ตามคำ", "ความร"]),
    ],
)
def test_repair_restores_the_words_on_the_rendered_page(
    name: str, page: int, words: list[str]
) -> None:
    raw = raw_pages(name)[page - 1]
    text = repaired(raw)
    for word in words:
        assert word in text, word
        assert word not in raw, word  # the word was damaged before repair


def test_slide_deck_words_printed_with_sara_am() -> None:
    (page,) = raw_pages(SLIDE)
    text = repaired(page)
    # the ำ is fixed where the run around it is otherwise whole ("ยทุ ธ" keeps its moved mark:
    # pdfplumber's reading order); where marks moved inside the run, the dictionary cannot decide
    assert page.count("ประเด็นยทุ ธศำสตร") == text.count("ประเด็นยทุ ธศาสตร") == 4
    assert 0 < text.count("ศำสตร") < page.count("ศำสตร")


def test_the_sample_report_is_clean() -> None:
    text = html.unescape(re.sub(r"<[^>]+>", " ", SAMPLE_DUMP.read_text(encoding="utf-8")))
    quality = assess_thai_quality(text)
    assert quality.score == 1.0
    assert quality.defects == 0
    assert quality.oov_share < 0.01


@pytest.mark.parametrize(
    ("text", "score"),
    [
        ("", 0.0),
        ("  \n\t ", 0.0),
        ("Annual report 2025", 1.0),  # no Thai is not bad Thai
        ("(cid:12)(cid:13)(cid:14)", 0.0),
        ("ทดสอบภาษาไทย", 1.0),
    ],
)
def test_pages_without_thai(text: str, score: float) -> None:
    assert assess_thai_quality(text).score == score


FIXTURES_PDF = Path(__file__).resolve().parent / "fixtures" / "pdf"


@pytest.mark.parametrize(
    "name",
    [
        "huaisaingam-2566-libreoffice-landscape.pdf",  # "ลำาดับ", "ผ้้รับผิดชอบ"
        "noensaithong-2567-libreoffice-portrait.pdf",
        "huaisaingam-2566-weasyprint-unruled.pdf",  # the ring without text: "ต  าบล"
        "noensaithong-2567-weasyprint-portrait.pdf",
    ],
)
def test_our_rendered_fixtures_score_low_raw_and_clean_repaired(name: str) -> None:
    """The project's own reports rendered by LibreOffice and WeasyPrint with TLWG fonts."""
    with pdfplumber.open(FIXTURES_PDF / name) as pdf:
        page = pdf.pages[0].extract_text() or ""
    assert assess_thai_quality(page).score < QUALITY_THRESHOLD
    text = repaired(page)
    assert assess_thai_quality(text).score >= QUALITY_THRESHOLD
    assert "ำา" not in text and "ต  าบล" not in text


def test_each_signal_is_counted() -> None:
    quality = assess_thai_quality("ส านักงาน ป\uf701ด (cid:7) \ufffd ่ไม่ ำ")
    assert quality.spaced_sara_aa == 1
    assert quality.pua == 1
    assert quality.cid == 1
    assert quality.replacement_chars == 1
    assert quality.orphan_marks == 2  # the tone after a space, the ำ after a space
    assert quality.score < QUALITY_THRESHOLD


def test_one_defect_in_a_long_clean_page_is_tolerated() -> None:
    clean = SAMPLE_DUMP.read_text(encoding="utf-8")
    text = html.unescape(re.sub(r"<[^>]+>", " ", clean))[:3000] + " ส านัก"
    assert QUALITY_THRESHOLD <= assess_thai_quality(text).score < 1.0


def test_misordered_marks_are_counted_and_repaired_away() -> None:
    raw = "ทํางาน ลำาดับ ที่่ ผ้้รับผิดชอบ เเปลก ก่ิ"
    assert assess_thai_quality(raw).misordered_marks == 6
    assert assess_thai_quality(repair_thai_chars(raw)).misordered_marks == 0


@pytest.mark.parametrize(
    ("text", "orphans"),
    [("กิ่ง", 0), ("น้ำ", 0), ("ก่ำ", 0), (" ิ", 1), ("า่", 1), ("เ่", 1), ("ส ำ", 1), ("1ุ", 1)],
)
def test_count_orphan_marks(text: str, orphans: int) -> None:
    assert count_orphan_marks(text) == orphans


def test_a_page_of_names_is_not_flagged() -> None:
    """Committee lists are mostly names, many out of the dictionary: still clean Thai."""
    from importlib import resources

    corpus = resources.files("pythainlp.corpus")
    first = corpus.joinpath("person_names_male_th.txt").read_text(encoding="utf-8").split()[::50]
    family = corpus.joinpath("family_names_th.txt").read_text(encoding="utf-8").split()[::50]
    page = "\n".join(
        f"{i}. นาย{a} {b} ตำแหน่ง ปลัดองค์การบริหารส่วนตำบล"
        for i, (a, b) in enumerate(zip(first[:40], family[:40], strict=True), start=1)
    )
    quality = assess_thai_quality(page)
    assert quality.oov_share > 0.01
    assert quality.score >= QUALITY_THRESHOLD
