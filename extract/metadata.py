"""Document metadata from the title lines above the table (the same parser for every reader).

The first title line is the report's name; the line "ประจำปีงบประมาณ พ.ศ.๒๕๖๘ องค์การบริหารส่วนตำบล…
อำเภอ… จังหวัด…" gives the fiscal year, the agency and its place. When one line holds both, the title is
the part before the fiscal-year phrase. A title line the reader found set over several lines (a long
PDF title, a heading broken by ``<br>``) holds them separated by newlines: the name runs on through
them until a line opens the year, the agency or the subject.
"""

from __future__ import annotations

import re
from functools import reduce

from extract.model import DocumentMeta
from normalize.agencies import DOCUMENT_WORDS, SUBJECT_WORDS, parse_agency
from normalize.dates import be_to_ce, find_fiscal_year
from normalize.wraps import join_across_wrap

# The year phrase a heading appends to the report's name: "ประจำปี…", or "ปีงบประมาณ…" set off by a
# space ("… ในรอบปีงบประมาณ พ.ศ.๒๕๖๒" names the report with its year).
_FISCAL_PHRASE = re.compile(r"\s*ประจำ\s*ปี|(?:^|\s)\s*ปี\s*งบประมาณ")
_MAX_TITLE_LINES = 8


def document_meta(title_lines: list[str]) -> DocumentMeta:
    """``title_lines``: the heading's lines; a line that wrapped on (a PDF's long title) holds
    its visual lines separated by newlines."""
    lines = [line.strip() for line in title_lines if line.strip()][:_MAX_TITLE_LINES]
    text = " ".join(line.replace("\n", " ") for line in lines)
    meta = DocumentMeta(title=report_title(lines))
    agency = parse_agency(text)
    if agency is not None:
        meta.agency = agency.name
        meta.agency_type = agency.agency_type
        meta.agency_key = agency.key
        # as printed; a place the heading leaves out, as the key found it in the gazetteer (the
        # only province with a district of that name): faceting by province finds the document
        _, _, district, province = agency.key.split("|")
        meta.district = agency.district or district or None
        meta.province = agency.province or province or None
    meta.fiscal_year_be = find_fiscal_year(text)
    meta.fiscal_year_ce = be_to_ce(meta.fiscal_year_be) if meta.fiscal_year_be else None
    return meta


def report_title(lines: list[str]) -> str:
    """The report's name: the first line naming a document (else the first line), with the
    visual lines it wrapped on to, cut before a fiscal-year phrase that shares its line; then
    the subject an announcement or order states under its name ("ประกาศ… เรื่อง …"), which tells
    one of an agency's announcements from the next."""
    # a line opening with a document word names the report; an agency letterhead above it does not
    named = [index for index, line in enumerate(lines) if line.startswith(DOCUMENT_WORDS)]
    for index in named or range(len(lines)):
        visual = lines[index].split("\n")
        name = _name_lines(visual)
        title, year_cut = _before_year(reduce(join_across_wrap, name))
        if not title:
            continue
        # the subject goes on from the name's entry, or opens the next one
        following = visual[len(name) :] or "\n".join(lines[index + 1 : index + 2]).split("\n")
        if year_cut or not following[0].startswith(SUBJECT_WORDS):
            return title
        subject, _ = _before_year(reduce(join_across_wrap, _name_lines(following)))
        return f"{title} {subject}"
    return ""


def _before_year(name: str) -> tuple[str, bool]:
    """The name cut before a fiscal-year phrase it holds, and whether it held one."""
    match = _FISCAL_PHRASE.search(name)
    return (name[: match.start()].strip(), True) if match else (name, False)


def _name_lines(visual_lines: list[str]) -> list[str]:
    """The first visual line and those after it up to one that opens another part of the
    heading: the fiscal year, the agency, the subject (เรื่อง …) or another document."""
    name = visual_lines[:1]
    for line in visual_lines[1:]:
        agency = parse_agency(line)
        if (
            _FISCAL_PHRASE.match(line)
            or line.startswith(DOCUMENT_WORDS + SUBJECT_WORDS)
            or (agency is not None and line.startswith(agency.name))
        ):
            break
        name.append(line)
    return name
