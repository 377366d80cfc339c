"""Document metadata from the title lines above the table (the same parser for every reader).

The first title line is the report's name; the line "ประจำปีงบประมาณ พ.ศ.๒๕๖๘ องค์การบริหารส่วนตำบล…
อำเภอ… จังหวัด…" gives the fiscal year, the agency and its place. When one line holds both, the title is
the part before the fiscal-year phrase.
"""

from __future__ import annotations

import re

from extract.model import DocumentMeta
from normalize.agencies import DOCUMENT_WORDS, parse_agency
from normalize.dates import be_to_ce, find_fiscal_year

_FISCAL_PHRASE = re.compile(r"\s*(?:ประจำ)?\s*ปี\s*งบประมาณ|\s*ประจำปี\s*(?:พ\.ศ\.)?")
_MAX_TITLE_LINES = 8


def document_meta(title_lines: list[str]) -> DocumentMeta:
    lines = [line.strip() for line in title_lines if line.strip()][:_MAX_TITLE_LINES]
    text = " ".join(lines)
    meta = DocumentMeta(title=report_title(lines))
    agency = parse_agency(text)
    if agency is not None:
        meta.agency = agency.name
        meta.agency_type = agency.agency_type
        meta.district = agency.district
        meta.province = agency.province
        meta.agency_key = agency.key
    meta.fiscal_year_be = find_fiscal_year(text)
    meta.fiscal_year_ce = be_to_ce(meta.fiscal_year_be) if meta.fiscal_year_be else None
    return meta


def report_title(lines: list[str]) -> str:
    """The report's name: the first line naming a document (else the first line), cut before a
    fiscal-year phrase that shares its line."""
    # a line opening with a document word names the report; an agency letterhead above it does not
    named = [line for line in lines if line.startswith(DOCUMENT_WORDS)]
    for line in named or lines:
        match = _FISCAL_PHRASE.search(line)
        title = line[: match.start()].strip() if match else line
        if title:
            return title
    return ""
