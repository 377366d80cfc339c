"""Responsible units: splitting a ผู้รับผิดชอบ cell and canonical facet names."""

from __future__ import annotations

import json

import pytest
from conftest import SAMPLE_EXPECTED

from normalize.units import canonical_unit, is_known_unit, opens_after_unit, split_units


@pytest.mark.parametrize(
    ("cell", "units"),
    [
        ("สำนักปลัด กองช่าง กองการศึกษาฯ", ["สำนักปลัด", "กองช่าง", "กองการศึกษาฯ"]),
        (
            "งานบริหารงานบุคคล งานแผนงานและ งบประมาณ สำนักปลัด",
            ["งานบริหารงานบุคคล", "งานแผนงานและงบประมาณ", "สำนักปลัด"],
        ),
        ("งานประชาสัมพันธ์ สำนักปลัด", ["งานประชาสัมพันธ์", "สำนักปลัด"]),
        ("กองคลัง", ["กองคลัง"]),
        # known names run together where a line wrap between them was joined
        ("งานประชาสัมพันธ์สำนักปลัด", ["งานประชาสัมพันธ์", "สำนักปลัด"]),
        ("สำนักปลัดงานการเจ้าหน้าที่", ["สำนักปลัด", "งานการเจ้าหน้าที่"]),
        ("งานบริหารงานบุคคล", ["งานบริหารงานบุคคล"]),  # a known name holding another unit word
        ("กองคลังงานบางอย่าง", ["กองคลังงานบางอย่าง"]),  # the rest is not a known name
        # a section of any name before its known office: a section and its office are two units
        ("ศูนย์รับเรื่องร้องเรียนสำนักปลัด", ["ศูนย์รับเรื่องร้องเรียน", "สำนักปลัด"]),
        ("งานธุรการกองช่าง", ["งานธุรการ", "กองช่าง"]),
        ("งานการเงินและกองคลัง", ["งานการเงินและกองคลัง"]),  # a name cannot end with และ
        ("งานกองทุนหลักประกันสุขภาพ", ["งานกองทุนหลักประกันสุขภาพ"]),  # no known office in it
        # the author's space inside a unit's name stays, a wrap inside it goes
        ("กองการศึกษา ศาสนาและวัฒนธรรม กองคลัง", ["กองการศึกษา ศาสนาและวัฒนธรรม", "กองคลัง"]),
        ("กองการศึกษาศาสนาและ วัฒนธรรม", ["กองการศึกษาศาสนาและวัฒนธรรม"]),
        ("สำนักปลัดองค์การบริหาร ส่วนตำบล", ["สำนักปลัดองค์การบริหารส่วนตำบล"]),
        ("สำนักปลัด อบต. กองคลัง", ["สำนักปลัด อบต.", "กองคลัง"]),
        # separators, list markers and bullets
        ("สำนักปลัด/กองคลัง", ["สำนักปลัด", "กองคลัง"]),
        ("กองสาธารณสุขฯ, กองช่าง", ["กองสาธารณสุขฯ", "กองช่าง"]),
        ("1. สำนักปลัด 2. กองคลัง", ["สำนักปลัด", "กองคลัง"]),
        ("๑.สำนักปลัด ๒.กองคลัง", ["สำนักปลัด", "กองคลัง"]),
        ("- สำนักปลัด\n- กองคลัง", ["สำนักปลัด", "กองคลัง"]),
        # "และ" before the last unit of a list separates, as a comma does
        ("กองคลัง และ กองช่าง", ["กองคลัง", "กองช่าง"]),
        ("สำนักปลัด กองคลัง และกองช่าง", ["สำนักปลัด", "กองคลัง", "กองช่าง"]),
        ("สำนักปลัด, และ งานพัสดุ", ["สำนักปลัด", "งานพัสดุ"]),
        ("สำนักปลัด และ", ["สำนักปลัด และ"]),
        # staff roles are responsible parties too
        ("ปลัด อบต. หัวหน้าสำนักปลัด", ["ปลัด อบต.", "หัวหน้าสำนักปลัด"]),
        # a section or office in brackets after another is a unit of its own
        ("สำนักปลัด (งานนิติการ)", ["สำนักปลัด", "งานนิติการ"]),
        ("งานพัสดุ(กองคลัง)", ["งานพัสดุ", "กองคลัง"]),
        (
            "กองการศึกษา ศาสนาและวัฒนธรรม (งานกีฬา) กองช่าง (ฝ่ายแบบแผน)",
            ["กองการศึกษา ศาสนาและวัฒนธรรม", "งานกีฬา", "กองช่าง", "ฝ่ายแบบแผน"],
        ),
        # other brackets are text
        ("นายสมชาย ใจดี (หัวหน้าสำนักปลัด)", ["นายสมชาย ใจดี (หัวหน้าสำนักปลัด)"]),
        ("สำนักปลัด (ผู้รับผิดชอบหลัก)", ["สำนักปลัด (ผู้รับผิดชอบหลัก)"]),
        # a name ending in a word that ends in การ/และ is no open name: the author's space stays
        ("ทุกส่วนราชการ (สำนักปลัด)", ["ทุกส่วนราชการ (สำนักปลัด)"]),
        ("ทุกส่วนราชการ ที่เกี่ยวข้อง", ["ทุกส่วนราชการ ที่เกี่ยวข้อง"]),
        ("คณะกรรมการ ตรวจรับพัสดุ", ["คณะกรรมการ ตรวจรับพัสดุ"]),
        ("งานนิติการสำนักปลัด", ["งานนิติการ", "สำนักปลัด"]),
        ("เจ้าหน้าที่ด้านการ เงินและบัญชี", ["เจ้าหน้าที่ด้านการเงินและบัญชี"]),  # การ alone: a wrap
        # text that is not a list of units stays one string
        ("ทุกกอง/ฝ่าย", ["ทุกกอง/ฝ่าย"]),
        ("ผู้บริหาร และพนักงานทุกคน", ["ผู้บริหาร และพนักงานทุกคน"]),
        ("", []),
        ("   ", []),
    ],
)
def test_split_units(cell: str, units: list[str]) -> None:
    assert split_units(cell) == units


def test_split_units_gives_the_sample_reports_units() -> None:
    """Every ผู้รับผิดชอบ cell of the real report, its units joined as the text dump prints them."""
    expected = json.loads(SAMPLE_EXPECTED.read_text(encoding="utf-8"))
    for measure in expected["documents"][0]["measures"]:
        printed = " ".join(measure["responsible"])
        assert split_units(printed) == measure["responsible"]


@pytest.mark.parametrize(
    ("printed", "canonical"),
    [
        ("กองการศึกษาฯ", "กองการศึกษา ศาสนาและวัฒนธรรม"),
        ("กองการศึกษา ศาสนา และวัฒนธรรม", "กองการศึกษา ศาสนาและวัฒนธรรม"),
        ("สำนักปลัด", "สำนักปลัด"),
        ("สำนักงานปลัดองค์การบริหารส่วนตำบล", "สำนักปลัด"),
        ("สำนักปลัดเทศบาล", "สำนักปลัด"),
        ("สำนักปลัด อบต.", "สำนักปลัด"),
        ("กองสาธารณสุขฯ", "กองสาธารณสุขและสิ่งแวดล้อม"),
        ("ส่วนการคลัง", "กองคลัง"),
        ("งานแผนงานและ งบประมาณ", "งานแผนงานและงบประมาณ"),
        ("หน่วยงานที่เกี่ยวข้อง", "หน่วยงานที่เกี่ยวข้อง"),  # unknown: as printed
        ("  กองพิเศษ   ของเรา ", "กองพิเศษ ของเรา"),
    ],
)
def test_canonical_unit(printed: str, canonical: str) -> None:
    assert canonical_unit(printed) == canonical


def test_every_canonical_name_is_a_known_unit() -> None:
    for name in ["กองคลัง", "กองช่าง", "สำนักปลัด", "หน่วยตรวจสอบภายใน", "กองการศึกษาฯ"]:
        assert is_known_unit(name)
        assert canonical_unit(canonical_unit(name)) == canonical_unit(name)
    assert not is_known_unit("ทุกกอง")


@pytest.mark.parametrize(
    ("left", "right", "unit"),
    [
        ("สำนักปลัด", "งานการเจ้าหน้าที่", "สำนักปลัด"),
        ("งานประชาสัมพันธ์", "สำนักปลัด", "งานประชาสัมพันธ์"),
        ("ผู้รับผิดชอบคือกองคลัง", "กองช่าง", "กองคลัง"),
        ("สำนักปลัด", "งานบางอย่างที่ไม่มีชื่อนี้", None),  # the right opens no known name
        ("ปฏิบัติงาน", "กองคลัง", None),  # the left ends in no unit's name
    ],
)
def test_a_unit_name_after_another(left: str, right: str, unit: str | None) -> None:
    assert opens_after_unit(left, right) == unit
