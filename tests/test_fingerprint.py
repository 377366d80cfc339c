"""Wording fingerprints: equal for a measure copied between agencies, different for other wording."""

from __future__ import annotations

from normalize.fingerprint import fingerprint_letters, text_fingerprint

ORIGINAL = [
    "ประกาศเจตนารมณ์ไม่รับของขวัญ (No Gift Policy) ประจำปี ๒๕๖๘",
    "ผู้บริหารองค์การบริหารส่วนตำบลทุ่งดอกแก้วประกาศเจตนารมณ์",
]
COPY = [
    "ประกาศเจตนารมณ์ไม่รับ ของขวัญ (No  Gift policy) ประจำปี 2567",
    "ผู้บริหารเทศบาลตำบลห้วยน้ำรินประกาศเจตนารมณ์",
]


def test_letters_drop_digits_spaces_punctuation_and_the_agencys_own_names():
    assert (
        fingerprint_letters("อบต.ทุ่งดอกแก้ว ปี ๒๕๖๘ (E-Service)", ignore=["ทุ่งดอกแก้ว"])
        == "อบตปีeservice"
    )


def test_a_copy_between_agencies_hashes_alike():
    original = text_fingerprint(ORIGINAL, ignore=["องค์การบริหารส่วนตำบลทุ่งดอกแก้ว", "ทุ่งดอกแก้ว"])
    copy = text_fingerprint(COPY, ignore=["เทศบาลตำบลห้วยน้ำริน", "ห้วยน้ำริน"])
    assert original == copy
    assert text_fingerprint(COPY) != text_fingerprint(ORIGINAL)  # without the names set aside


def test_other_wording_or_no_letters():
    assert text_fingerprint(["จัดอบรมคุณธรรม"]) != text_fingerprint(["จัดอบรมจริยธรรม"])
    assert text_fingerprint(["๑. ", "2568", ""]) is None
