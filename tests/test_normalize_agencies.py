"""Agencies in title lines: every printed form, places checked in the gazetteer, stable keys."""

from __future__ import annotations

import json

import pytest
from conftest import SAMPLE_DUMP, SAMPLE_EXPECTED

from normalize.agencies import (
    Agency,
    agency_key,
    agency_matches,
    canonical_district,
    canonical_province,
    is_province,
    parse_agency,
)

KHAOKRAPUK_KEY = "อบต.|เขากระปุก|ท่ายาง|เพชรบุรี"


def test_the_sample_reports_title_line() -> None:
    """The second line of the real report's dump, as printed (read from ../shared)."""
    title_line = SAMPLE_DUMP.read_text(encoding="utf-8").strip().splitlines()[1]
    agency = parse_agency(title_line)
    expected = json.loads(SAMPLE_EXPECTED.read_text(encoding="utf-8"))["documents"][0]
    assert agency is not None
    assert (agency.name, agency.agency_type, agency.district, agency.province) == (
        expected["agency"],
        expected["agency_type"],
        expected["district"],
        expected["province"],
    )
    assert agency.place == "เขากระปุก"
    assert agency.key == KHAOKRAPUK_KEY


@pytest.mark.parametrize(
    "printed",
    [
        "องค์การบริหารส่วนตำบลเขากระปุก อำเภอท่ายาง จังหวัดเพชรบุรี",
        "อบต.เขากระปุก อ.ท่ายาง จ.เพชรบุรี",
        "อบต. เขากระปุก อ. ท่ายาง จ. เพชรบุรี",
        "องค์การบริหารส่วนตำบล เขากระปุก\nอำเภอ ท่ายาง\nจังหวัด เพชรบุรี",
        "อบต.เขากระปุกอ.ท่ายางจ.เพชรบุรี โทร ๐๓๒ ๐๐๐ ๐๐๐",
        # the gazetteer fills what the title leaves out (เขากระปุก is one ตำบล nationwide)
        "รายงานของ อบต.เขากระปุก",
        "องค์การบริหารส่วนตำบลเขากระปุก จังหวัดเพชรบุรี",
    ],
)
def test_every_form_of_one_agency_gets_one_key(printed: str) -> None:
    agency = parse_agency(printed)
    assert agency is not None
    assert agency.agency_type == "อบต."
    assert agency.place == "เขากระปุก"
    assert agency.key == KHAOKRAPUK_KEY


@pytest.mark.parametrize(
    ("printed", "name", "agency_type", "place", "district", "province"),
    [
        ("อบต.เขากระปุก", "อบต.เขากระปุก", "อบต.", "เขากระปุก", None, None),
        ("ทต.เลาขวัญ อ.เลาขวัญ จ.กาญจนบุรี", "ทต.เลาขวัญ", "เทศบาลตำบล", "เลาขวัญ", "เลาขวัญ", "กาญจนบุรี"),
        ("เทศบาลตำบลเลาขวัญ", "เทศบาลตำบลเลาขวัญ", "เทศบาลตำบล", "เลาขวัญ", None, None),
        ("ทม.กันตัง จ.ตรัง", "ทม.กันตัง", "เทศบาลเมือง", "กันตัง", None, "ตรัง"),
        (
            "เทศบาลเมืองกันตัง อำเภอกันตัง จังหวัดตรัง",
            "เทศบาลเมืองกันตัง",
            "เทศบาลเมือง",
            "กันตัง",
            "กันตัง",
            "ตรัง",
        ),
        ("ทน.นครราชสีมา", "ทน.นครราชสีมา", "เทศบาลนคร", "นครราชสีมา", None, None),
        (
            "เทศบาลนครนครราชสีมา จังหวัดนครราชสีมา",
            "เทศบาลนครนครราชสีมา",
            "เทศบาลนคร",
            "นครราชสีมา",
            None,
            "นครราชสีมา",
        ),
        # an อบจ. is named after its province
        ("อบจ.เพชรบุรี", "อบจ.เพชรบุรี", "อบจ.", "เพชรบุรี", None, "เพชรบุรี"),
        (
            "องค์การบริหารส่วนจังหวัดเพชรบุรี",
            "องค์การบริหารส่วนจังหวัดเพชรบุรี",
            "อบจ.",
            "เพชรบุรี",
            None,
            "เพชรบุรี",
        ),
        # special local governments and Bangkok's เขต
        ("กรุงเทพมหานคร", "กรุงเทพมหานคร", None, "กรุงเทพมหานคร", None, "กรุงเทพมหานคร"),
        ("เมืองพัทยา จังหวัดชลบุรี", "เมืองพัทยา", None, "เมืองพัทยา", None, "ชลบุรี"),
        (
            "สำนักงานเขตบางรัก กรุงเทพฯ",
            "สำนักงานเขตบางรัก",
            None,
            "สำนักงานเขตบางรัก",
            "บางรัก",
            "กรุงเทพมหานคร",
        ),
        # other agencies: name as printed, no type; place words inside the name are read
        (
            "โรงเรียนบ้านหนองใหญ่ อ.เมือง จ.ชลบุรี",
            "โรงเรียนบ้านหนองใหญ่",
            None,
            "โรงเรียนบ้านหนองใหญ่",
            "เมือง",
            "ชลบุรี",
        ),
        (
            "กลุ่มงานบริหารทั่วไป งานพัสดุ\nสำนักงานสาธารณสุขอำเภอหนองใหญ่\nสำนักงานสาธารณสุขจังหวัดชลบุรี",
            "สำนักงานสาธารณสุขอำเภอหนองใหญ่",
            None,
            "สำนักงานสาธารณสุขอำเภอหนองใหญ่",
            "หนองใหญ่",
            "ชลบุรี",
        ),
        # a state agency named after its province is in it; a numbered one keeps its number
        ("มหาวิทยาลัยราชภัฏลำปาง", "มหาวิทยาลัยราชภัฏลำปาง", None, "มหาวิทยาลัยราชภัฏลำปาง", None, "ลำปาง"),
        (
            "สถานีตำรวจภูธรเมืองลำปาง ประจำปี 2568",
            "สถานีตำรวจภูธรเมืองลำปาง",
            None,
            "สถานีตำรวจภูธรเมืองลำปาง",
            None,
            "ลำปาง",
        ),
        (
            "ที่ทำการปกครองจังหวัดน่าน",
            "ที่ทำการปกครองจังหวัดน่าน",
            None,
            "ที่ทำการปกครองจังหวัดน่าน",
            None,
            "น่าน",
        ),
        (
            "แขวงทางหลวงลำปางที่ 1 ปีงบประมาณ 2568",
            "แขวงทางหลวงลำปางที่ 1",
            None,
            "แขวงทางหลวงลำปางที่ 1",
            None,
            "ลำปาง",
        ),
        (
            "สำนักงานเขตพื้นที่การศึกษาประถมศึกษาลำปาง เขต 1",
            "สำนักงานเขตพื้นที่การศึกษาประถมศึกษาลำปาง เขต 1",
            None,
            "สำนักงานเขตพื้นที่การศึกษาประถมศึกษาลำปาง เขต 1",
            None,
            "ลำปาง",
        ),
        ("เรือนจำกลางเชียงใหม่", "เรือนจำกลางเชียงใหม่", None, "เรือนจำกลางเชียงใหม่", None, "เชียงใหม่"),
        # a name ending in no province gets none
        ("การไฟฟ้าส่วนภูมิภาค", "การไฟฟ้าส่วนภูมิภาค", None, "การไฟฟ้าส่วนภูมิภาค", None, None),
    ],
)
def test_parse_agency_forms(
    printed: str,
    name: str,
    agency_type: str | None,
    place: str,
    district: str | None,
    province: str | None,
) -> None:
    agency = parse_agency(printed)
    assert agency is not None
    assert (agency.name, agency.agency_type, agency.place, agency.district, agency.province) == (
        name,
        agency_type,
        place,
        district,
        province,
    )


@pytest.mark.parametrize(
    "text",
    ["รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรม", "ผอ.รพ.สต.บ้านนา", "", "สำนักปลัด กองคลัง"],
)
def test_no_agency(text: str) -> None:
    assert parse_agency(text) is None


def test_words_that_look_like_place_prefixes_are_not_places() -> None:
    # "ผอ." holds "อ." and "ในเขตพื้นที่" holds "เขต": neither names a district
    agency = parse_agency("ผอ.กองคลัง ในเขตพื้นที่ อบต.นาดี")
    assert agency is not None and agency.district is None


def test_keys_for_capital_districts_and_unknown_places() -> None:
    short = parse_agency("อบต.บ้านใหม่ อ.เมือง จ.นครราชสีมา")
    full = parse_agency("องค์การบริหารส่วนตำบลบ้านใหม่ อำเภอเมืองนครราชสีมา จังหวัดนครราชสีมา")
    assert short is not None and full is not None
    assert short.key == full.key == "อบต.|บ้านใหม่|เมืองนครราชสีมา|นครราชสีมา"
    made_up = Agency("อบต.ไม่มีจริง", "อบต.", "ไม่มีจริง", "ไม่มีจริง", None)
    assert agency_key(made_up) == "อบต.|ไม่มีจริง|ไม่มีจริง|"


@pytest.mark.parametrize(
    "printed",
    [
        "เทศบาลนครเชียงใหม่ อำเภอเมืองเชียงใหม่ จังหวัดเชียงใหม่",
        "เทศบาลนครเชียงใหม่ จังหวัดเชียงใหม่",
        "ทน.เชียงใหม่ จ.เชียงใหม่",
        # there is a ตำบลเชียงใหม่ in อ.โพธิ์ชัย จ.ร้อยเอ็ด: the city is not its เทศบาลตำบล
        "เทศบาลนครเชียงใหม่",
    ],
)
def test_a_city_named_after_its_province_is_in_its_capital_district(printed: str) -> None:
    """A city or town municipality named after its province is the province's town, whichever
    of its places a year's heading prints: one key, and the province a facet can find."""
    agency = parse_agency(printed)
    assert agency is not None and agency.agency_type == "เทศบาลนคร"
    assert agency.key == "เทศบาลนคร|เชียงใหม่|เมืองเชียงใหม่|เชียงใหม่"


@pytest.mark.parametrize(
    ("printed", "key"),
    [
        ("เทศบาลเมืองลำพูน", "เทศบาลเมือง|ลำพูน|เมืองลำพูน|ลำพูน"),  # not ต.ลำพูน, สุราษฎร์ธานี
        ("ทม.พะเยา", "เทศบาลเมือง|พะเยา|เมืองพะเยา|พะเยา"),
        ("เทศบาลนครพระนครศรีอยุธยา", "เทศบาลนคร|พระนครศรีอยุธยา|พระนครศรีอยุธยา|พระนครศรีอยุธยา"),
        # a town named after its ตำบล is located by it, as before
        ("เทศบาลนครหาดใหญ่", "เทศบาลนคร|หาดใหญ่|หาดใหญ่|สงขลา"),
        ("เทศบาลเมืองแม่เหียะ", "เทศบาลเมือง|แม่เหียะ|เมืองเชียงใหม่|เชียงใหม่"),
        # a เทศบาลตำบล is named after its ตำบล, whatever the name
        ("เทศบาลตำบลลำพูน จังหวัดสุราษฎร์ธานี", "เทศบาลตำบล|ลำพูน|บ้านนาสาร|สุราษฎร์ธานี"),
        ("เทศบาลตำบลลำพูน", "เทศบาลตำบล|ลำพูน|บ้านนาสาร|สุราษฎร์ธานี"),
    ],
)
def test_towns_and_subdistricts_are_located_by_what_they_are_named_after(
    printed: str, key: str
) -> None:
    agency = parse_agency(printed)
    assert agency is not None and agency.key == key


def test_key_has_no_spaces_and_arabic_digits() -> None:
    agency = Agency("โรงเรียนบ้านนา ๒", None, "โรงเรียนบ้านนา ๒")
    assert agency_key(agency) == "|โรงเรียนบ้านนา2||"


@pytest.mark.parametrize(
    ("name", "canonical"),
    [
        ("เพชรบุรี", "เพชรบุรี"),
        ("จังหวัดเพชรบุรี", "เพชรบุรี"),
        ("จ.เพชรบุรี", "เพชรบุรี"),
        ("จังหวัด เพชรบุรี", "เพชรบุรี"),
        ("กรุงเทพฯ", "กรุงเทพมหานคร"),
        ("กทม.", "กรุงเทพมหานคร"),
        ("อยุธยา", "พระนครศรีอยุธยา"),
        ("เพชรบูรณ์", "เพชรบูรณ์"),
        ("เพชรบุร", None),  # no fuzzy matching
        ("ท่ายาง", None),  # a district, not a province
        ("", None),
    ],
)
def test_canonical_province(name: str, canonical: str | None) -> None:
    assert canonical_province(name) == canonical
    assert is_province(name) is (canonical is not None)


def test_all_77_provinces_are_known() -> None:
    from pythainlp.corpus import provinces

    names = set(provinces())
    assert len(names) == 77
    assert all(canonical_province(name) == name for name in names)


@pytest.mark.parametrize(
    ("name", "province", "canonical"),
    [
        ("ท่ายาง", None, "ท่ายาง"),
        ("อำเภอท่ายาง", "เพชรบุรี", "ท่ายาง"),
        ("อ.เมือง", "เพชรบุรี", "เมืองเพชรบุรี"),
        ("เขตบางรัก", None, "บางรัก"),
        ("ท่ายาง", "ชลบุรี", None),  # not a district of that province
        ("ไม่มีจริง", None, None),
    ],
)
def test_canonical_district(name: str, province: str | None, canonical: str | None) -> None:
    assert canonical_district(name, province) == canonical


TWO_NON_DAENG = (
    ("เทศบาลตำบล|โนนแดง|ท่าฉาง|สุราษฎร์ธานี", "เทศบาลตำบลโนนแดง"),
    ("เทศบาลตำบล|โนนแดง|แปลงยาว|ฉะเชิงเทรา", "เทศบาลตำบลโนนแดง"),
)


@pytest.mark.parametrize(
    ("query", "picked"),
    [
        ("ทต.โนนแดง", [True, True]),  # the name alone: both
        ("เทศบาลตำบลโนนแดง", [True, True]),
        ("ทต.โนนแดง อ.ท่าฉาง", [True, False]),
        ("เทศบาลตำบลโนนแดง อำเภอแปลงยาว", [False, True]),
        ("ทต.โนนแดง จ.ฉะเชิงเทรา", [False, True]),
        ("อบต.โนนแดง", [False, False]),  # another kind of agency
    ],
)
def test_a_place_typed_with_the_name_tells_agencies_of_one_name_apart(query, picked):
    assert [agency_matches(key, name, query) for key, name in TWO_NON_DAENG] == picked


def test_a_document_that_names_no_place_still_matches_a_query_that_does():
    # a memo's heading names the agency alone: its key has no district or province
    assert agency_matches("เทศบาลตำบล|โนนแดง||", "เทศบาลตำบลโนนแดง", "ทต.โนนแดง อ.ท่าฉาง")
