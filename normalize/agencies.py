"""Agencies named in a report's title lines, their district and province, and a stable agency key.

"ประจำปีงบประมาณ พ.ศ.๒๕๖๘ องค์การบริหารส่วนตำบลเขากระปุก อำเภอท่ายาง จังหวัดเพชรบุรี" names a
local government (full form, or short: อบต./ทต./ทม./ทน./อบจ. + place), then its อำเภอ (อ., Bangkok's
เขต) and จังหวัด (จ.). Other agencies (สำนักงาน…, โรงเรียน…) are kept as printed with no type.
Places are checked against the offline gazetteer of the ``geothai`` package (77 provinces, 928
districts, 7,436 subdistricts); names are matched exactly after normalisation, never fuzzily.

Fields are as printed (prefixes removed); ``agency_key`` canonicalises them and fills a missing
district or province from the gazetteer when the printed names leave only one possibility (a
city or town municipality named after its province: the province's capital district), so the
same agency gets the same key whichever form a year's report printed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

import geothai

from normalize.data_files import data_json
from normalize.fingerprint import fingerprint_letters
from normalize.numerals import thai_to_arabic_digits
from normalize.units import is_known_unit

# Thai letters and marks: a place name runs over these (no digits, spaces or punctuation)
_LETTERS = "\u0e01-\u0e2e\u0e30-\u0e3a\u0e40-\u0e4e"
_NAME_CHARS = re.compile(rf"[{_LETTERS}]+")
# the number ending an agency's name: "แขวงทางหลวงลำปางที่ 1", "…ประถมศึกษาลำปาง เขต 1"
_NAME_NUMBER = r"(?:(?<=ที่)|\s+เขต)\s?[0-9๐-๙]+"
_ENDING_NUMBER = re.compile(r"(?:ที่|\s+เขต)\s?[0-9๐-๙]+$")
_WHITESPACE = re.compile(r"\s+")


# Words that open the name of an ITA document (รายงาน…, ประกาศ…): data/agencies.json
DOCUMENT_WORDS: tuple[str, ...] = tuple(data_json("agencies.json")["document_words"])
SUBJECT_WORDS: tuple[str, ...] = tuple(data_json("agencies.json")["subject_words"])


@dataclass
class Agency:
    name: str  # as printed: "องค์การบริหารส่วนตำบลเขากระปุก" or "อบต.เขากระปุก"
    agency_type: str | None  # "อบต.", "เทศบาลตำบล", "เทศบาลเมือง", "เทศบาลนคร", "อบจ." or None
    place: str  # the name part: "เขากระปุก" (the whole name for other agencies)
    district: str | None = None  # "ท่ายาง", no prefix, as printed
    province: str | None = None  # "เพชรบุรี", no prefix
    key: str = ""  # agency_key(self)


@dataclass(frozen=True)
class _Patterns:
    local: re.Pattern[str]
    type_by_word: dict[str, str]
    special: re.Pattern[str]
    other: re.Pattern[str]
    district: re.Pattern[str]
    province: re.Pattern[str]
    bare_province: re.Pattern[str]


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@cache
def _patterns() -> _Patterns:
    data = data_json("agencies.json")
    type_by_word = {word: t["type"] for t in data["local_types"] for word in t["words"]}
    location_words = data["district_words"] + data["province_words"] + data["subdistrict_words"]
    stops = _alternation(location_words)
    local = re.compile(
        rf"(?P<word>{_alternation(list(type_by_word))})[ \t]?(?P<place>[{_LETTERS}]+?)"
        rf"(?=$|[^{_LETTERS}]|{stops})"
    )
    special = re.compile(
        rf"(?:^|(?<=\s))(?P<name>{_alternation([s['name'] for s in data['special_agencies']])})"
    )
    # an agency's name opens a line or follows a space or a document word (ประกาศสำนักงาน…)
    after_document_word = "".join(f"|(?<={re.escape(word)})" for word in DOCUMENT_WORDS)
    other = re.compile(
        rf"(?:^|(?<=\s){after_document_word})(?:{_alternation(data['other_agency_prefixes'])})\S*"
        rf"(?:{_NAME_NUMBER})?"
    )
    district = re.compile(
        rf"(?P<word>{_alternation(data['district_words'])})\s*(?P<name>[{_LETTERS}]+)"
    )
    province = re.compile(
        rf"(?P<word>{_alternation(data['province_words'])})\s*(?P<name>[{_LETTERS}]+)"
    )
    bare = [*data["province_aliases"], "กรุงเทพมหานคร"]
    bare_province = re.compile(rf"(?:^|(?<=\s))(?P<name>{_alternation(bare)})(?=$|\s)")
    return _Patterns(local, type_by_word, special, other, district, province, bare_province)


def parse_agency(text: str) -> Agency | None:
    """The agency named in title text, with its district and province when printed; else None.

    >>> a = parse_agency("ปีงบประมาณ ๒๕๖๘ องค์การบริหารส่วนตำบลเขากระปุก อำเภอท่ายาง จังหวัดเพชรบุรี")
    >>> (a.name, a.agency_type, a.place, a.district, a.province)
    ('องค์การบริหารส่วนตำบลเขากระปุก', 'อบต.', 'เขากระปุก', 'ท่ายาง', 'เพชรบุรี')
    """
    text = _WHITESPACE.sub(" ", text)
    patterns = _patterns()
    found = _local_agency(text) or _other_agency(text) or _special_agency(text)
    if found is None:
        return None
    agency, name_start, name_end = found
    # a district/province follows a local agency's name; another agency's name may hold them
    after = text[name_end:] if agency.agency_type else text[name_start:]
    agency.district = _district_after(after, patterns)
    agency.province = _province_after(text[name_end:], patterns) or _province_after(after, patterns)
    if agency.province is None and agency.agency_type == "อบจ.":
        agency.province = canonical_province(agency.place)  # อบจ.เพชรบุรี is named by its province
    if agency.province is None and agency.agency_type is None:
        agency.province = _province_ending(agency.name)
    agency.key = agency_key(agency)
    return agency


def _local_agency(text: str) -> tuple[Agency, int, int] | None:
    patterns = _patterns()
    match = patterns.local.search(text)
    if match is None:
        return None
    agency_type = patterns.type_by_word[match.group("word")]
    return Agency(match.group(0), agency_type, match.group("place")), match.start(), match.end()


def _other_agency(text: str) -> tuple[Agency, int, int] | None:
    for match in _patterns().other.finditer(text):
        name = match.group(0).rstrip(".,;:")
        if is_known_unit(name) or len(name) <= len("สำนักงาน"):
            continue  # a unit of an agency (สำนักปลัด) or a bare word is not the agency
        return Agency(name, None, name), match.start(), match.start() + len(name)
    return None


def _special_agency(text: str) -> tuple[Agency, int, int] | None:
    match = _patterns().special.search(text)
    if match is None:
        return None
    name = match.group("name")
    return Agency(name, None, name), match.start("name"), match.end("name")


def _district_after(text: str, patterns: _Patterns) -> str | None:
    for match in patterns.district.finditer(text):
        name = _trim_to_known(match.group("name"), _district_names())
        if match.group("word") == "เขต" and not _is_bangkok_district(name):
            continue  # "ในเขตพื้นที่" is not a district
        if _inside_word(text, match) and name not in _district_names():
            continue  # "ผอ.รพ.สต." holds "อ." but names no district
        return name
    return None


def _province_after(text: str, patterns: _Patterns) -> str | None:
    for match in patterns.province.finditer(text):
        name = _trim_to_known(match.group("name"), _province_names())
        if _inside_word(text, match) and name not in _province_names():
            continue
        return canonical_province(name) or name
    bare = patterns.bare_province.search(text)
    return canonical_province(bare.group("name")) if bare else None


def _province_ending(name: str) -> str | None:
    """The province a state agency's name ends with, where it is named after its province
    ("มหาวิทยาลัยราชภัฏลำปาง", "สถานีตำรวจภูธรเมืองลำปาง", "แขวงทางหลวงลำปางที่ 1")."""
    name = _ENDING_NUMBER.sub("", name)
    return next(
        (
            p
            for p in sorted(_province_names(), key=len, reverse=True)
            if name.endswith(p) and name != p
        ),
        None,
    )


def _inside_word(text: str, match: re.Match[str]) -> bool:
    """An abbreviated location word ("อ.", "จ.") or เขต glued to the letters before it."""
    word, start = match.group("word"), match.start()
    abbreviated = word.endswith(".") or word == "เขต"
    return abbreviated and start > 0 and _NAME_CHARS.match(text[start - 1]) is not None


def _trim_to_known(name: str, known: frozenset[str]) -> str:
    """A run of letters that starts with a known name and goes on ("เพชรบุรีโทร") → the known name."""
    if name in known:
        return name
    for end in range(len(name) - 1, 1, -1):
        if name[:end] in known:
            return name[:end]
    return name


def is_province(name: str) -> bool:
    """True when ``name`` (with or without จังหวัด/จ.) is one of the 77 provinces or a known alias."""
    return canonical_province(name) is not None


def canonical_province(name: str) -> str | None:
    """The province's official Thai name: "จ.เพชรบุรี" → "เพชรบุรี", "กรุงเทพฯ" → "กรุงเทพมหานคร"."""
    key = _place_key(name)
    for word in data_json("agencies.json")["province_words"]:
        if key.startswith(word) and key != word:
            key = key[len(word) :]
            break
    aliases = {_place_key(a): p for a, p in data_json("agencies.json")["province_aliases"].items()}
    key = aliases.get(key, key)
    return key if key in _province_names() else None


def canonical_district(name: str, province: str | None = None) -> str | None:
    """The gazetteer name of a district (no อำเภอ/เขต prefix): "อ.เมือง" in เพชรบุรี → "เมืองเพชรบุรี".

    None when the name is not a district (of ``province``, when given).
    """
    key = _place_key(name)
    for word in sorted(data_json("agencies.json")["district_words"], key=len, reverse=True):
        if key.startswith(word) and key != word:
            key = key[len(word) :]
            break
    province = canonical_province(province) if province else None
    capital = data_json("agencies.json")["capital_district"]
    if key == capital and province and province != "กรุงเทพมหานคร":
        key = capital + province
    candidates = _districts_by_name().get(key, ())
    if province:
        candidates = tuple(p for p in candidates if p == province)
    return key if candidates else None


def agency_key(agency: Agency) -> str:
    """Stable key "type|place|district|province" (no spaces, Arabic digits, gazetteer names).

    "อบต.เขากระปุก อ.ท่ายาง จ.เพชรบุรี" and "องค์การบริหารส่วนตำบลเขากระปุก อำเภอท่ายาง จังหวัดเพชรบุรี"
    both give "อบต.|เขากระปุก|ท่ายาง|เพชรบุรี".
    """
    province = canonical_province(agency.province) if agency.province else None
    district = canonical_district(agency.district, province) if agency.district else None
    if district and not province:
        provinces = _districts_by_name().get(district, ())
        province = provinces[0] if len(provinces) == 1 else None
    if not district and agency.agency_type:
        district, province = _locate_place(agency, province, district)
    if agency.agency_type is None and not (district and province):
        district, province = _special_location(agency.place, district, province)
    parts = [
        agency.agency_type or "",
        _place_key(agency.place),
        district or (_place_key(agency.district) if agency.district else ""),
        province or (_place_key(agency.province) if agency.province else ""),
    ]
    return "|".join(parts)


def _locate_place(
    agency: Agency, province: str | None, district: str | None
) -> tuple[str | None, str | None]:
    """District and province of a local government: a town named after its province is in the
    province's capital district; else it is named after its ตำบล, located when only one fits."""
    town_of = canonical_province(agency.place)
    is_town = agency.agency_type in data_json("agencies.json")["town_types"]
    if is_town and town_of and province in (None, town_of):
        return _capital_district(town_of), town_of
    found = geothai.match(agency.place, province=province or None)
    if len({(a.district.code) for a in found}) == 1:
        return _strip_district_prefix(found[0].district.name_th), found[0].province.name_th
    return district, province


def _capital_district(province: str) -> str | None:
    """A province's capital district: "เมืองเชียงใหม่" for เชียงใหม่, or the district named as its
    province where there is one ("พระนครศรีอยุธยา")."""
    capital = data_json("agencies.json")["capital_district"]
    return canonical_district(capital, province) or canonical_district(province, province)


def _special_location(
    name: str, district: str | None, province: str | None
) -> tuple[str | None, str | None]:
    for special in data_json("agencies.json")["special_agencies"]:
        if _place_key(name) == special["name"]:
            return district or special.get("district"), province or special.get("province")
    return district, province


def _place_key(name: str) -> str:
    return _WHITESPACE.sub("", thai_to_arabic_digits(name))


def _strip_district_prefix(name: str) -> str:
    return name.removeprefix("เขต") if name.startswith("เขต") else name


def _is_bangkok_district(name: str) -> bool:
    return "กรุงเทพมหานคร" in _districts_by_name().get(_trim_to_known(name, _district_names()), ())


@cache
def _province_names() -> frozenset[str]:
    return frozenset(p.name_th for p in geothai.provinces())


@cache
def _districts_by_name() -> dict[str, tuple[str, ...]]:
    """District name (no prefix) → the provinces that have a district of that name."""
    by_name: dict[str, list[str]] = {}
    for province in geothai.provinces():
        for district in geothai.districts(province.code):
            name = _strip_district_prefix(district.name_th)
            by_name.setdefault(name, []).append(province.name_th)
    return {name: tuple(provinces) for name, provinces in by_name.items()}


@cache
def _district_names() -> frozenset[str]:
    return frozenset(_districts_by_name())


@cache
def _place_names_after() -> tuple[tuple[str, frozenset[str]], ...]:
    """The words for a kind of area (data/agencies.json, abbreviations aside), each with the
    gazetteer's names of that kind."""
    data = data_json("agencies.json")
    districts = [d for p in geothai.provinces() for d in geothai.districts(p.code)]
    subdistricts = frozenset(s.name_th for d in districts for s in geothai.subdistricts(d.code))
    names = (
        (data["province_words"], _province_names()),
        (data["district_words"], _district_names()),
        (data["subdistrict_words"], subdistricts),
    )
    return tuple(
        (word, places) for words, places in names for word in words if not word.endswith(".")
    )


_LONGEST_PLACE = 40  # characters: longer than any place name of the gazetteer


def place_after_area_word(left: str, right: str) -> str | None:
    """The gazetteer place name ``right`` opens with, when ``left`` ends with the word for that
    kind of area ("อำเภอ" | "หนองใหญ่…", "จังหวัด" | "ชลบุรี"): Thai writes the two joined, so a
    space between them is a wrap. The longest such name, or None."""
    for word, places in _place_names_after():
        if left.endswith(word):
            starts = (right[:length] for length in range(min(len(right), _LONGEST_PLACE), 1, -1))
            return next((start for start in starts if start in places), None)
    return None


_NOT_A_LETTER = re.compile(r"[^a-z\u0e01-\u0e2f\u0e30-\u0e4e]")  # Thai letters, vowels, marks


def agency_matches(agency_key: str | None, agency: str | None, query: str | None) -> bool:
    """Does the name a user typed pick this agency? (SQL ``agency_matches(agency_key, agency,
    :agency)`` in Datasette's canned queries and ``extract export --agency``.)

    'ทุ่งดอกแก้ว', 'อบต.ทุ่งดอกแก้ว' and 'องค์การบริหารส่วนตำบลทุ่งดอกแก้ว' all pick
    'อบต.|ทุ่งดอกแก้ว|บ้านแหลม|เพชรบุรี'; so does 'ทต.ห้วยน้ำริน' its เทศบาลตำบล. A district or
    province typed with the name tells two agencies of one name apart ('ทต.โนนแดง อ.ท่าฉาง').
    """
    wanted, wanted_key = _agency_query(query or "")
    if not wanted:
        return False
    # stored names went through the pipeline already: letters alone compare them to the query
    if wanted in _NOT_A_LETTER.sub("", f"{agency_key or ''}{agency or ''}".lower()):
        return True
    if not (wanted_key and agency_key):
        return False
    key = agency_key.split("|")
    # a place the query names must be the agency's, where its documents name one at all
    return key[:2] == wanted_key[:2] and all(
        not asked or not stored or asked == stored
        for asked, stored in zip(wanted_key[2:], key[2:], strict=False)
    )


@lru_cache(maxsize=256)
def _agency_query(query: str) -> tuple[str, list[str] | None]:
    """The typed name's letters, and its agency key's parts when it parses as one."""
    parsed = parse_agency(query)
    return fingerprint_letters(query), agency_key(parsed).split("|") if parsed else None
