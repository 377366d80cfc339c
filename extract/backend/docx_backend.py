"""Reader for Word documents (.docx), from the document XML.

Paragraphs and tables in reading order (content controls opened up); tracked deletions, hidden
text, drawings and text boxes left out. Table cells merged across columns (``gridSpan``) and rows
(``vMerge``) are expanded into a grid as HTML spans are; a header row Word repeats on each page
(``tblHeader``) is in the XML once. Word's automatic numbering is not in the text: an item of a
numbered list becomes a ``step`` block (its sub-levels and bullet items ``li`` blocks). A docx has
no pages: explicit page and section breaks start a new one.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cached_property

from lxml import etree

from extract.backend import UnreadableDocument
from extract.model import BlockKind, ExtractedDocument, TextBlock
from extract.utils.colour import markup_fill
from extract.utils.flow import (
    HEADER_SEARCH_ROWS,
    PAGE_BREAK,
    FlowItem,
    flow_document,
    flow_text,
)
from extract.utils.grid import GridTable, SourceCell, expand_spans, grid_table
from extract.utils.html import collapse_spaces
from normalize.headers import is_measures_header
from normalize.lists import step_marker
from normalize.numerals import ARABIC_DIGITS, arabic_to_thai_digits, draws_thai_digits

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MAX_PART_BYTES = 64 * 1024 * 1024  # a larger XML part is a zip bomb, not a report
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
# elements whose children are read as if they stood in their parent's place
_TRANSPARENT = {f"{W}sdt", f"{W}sdtContent", f"{W}customXml", f"{W}smartTag", f"{W}ins"}
_TRANSPARENT |= {f"{W}hyperlink", f"{W}fldSimple", f"{W}moveTo", f"{W}dir", f"{W}bdo"}
_LINE_BREAK = "\n"


def read(data: bytes, source_name: str) -> ExtractedDocument:
    parts = _Parts.open(data)
    body = parts.document.find(f"{W}body")
    if body is None:
        raise UnreadableDocument("damaged Word document: it has no body")
    styles = _styles_by_id(parts.styles)
    reader = _BodyReader(_Numbering(parts.numbering, styles), _Fonts(parts.styles, styles))
    reader.read_container(body)
    return flow_document("docx", reader.flow)


# --- the package ---------------------------------------------------------------------------


@dataclass
class _Parts:
    document: etree._Element
    numbering: etree._Element | None
    styles: etree._Element | None

    @classmethod
    def open(cls, data: bytes) -> _Parts:
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as package:
                return cls(
                    document=_xml(package, "word/document.xml"),
                    numbering=_optional_xml(package, "word/numbering.xml"),
                    styles=_optional_xml(package, "word/styles.xml"),
                )
        except (zipfile.BadZipFile, KeyError, OSError, ValueError, etree.XMLSyntaxError) as error:
            raise UnreadableDocument(f"damaged Word document ({error})") from None


def _xml(package: zipfile.ZipFile, name: str) -> etree._Element:
    info = package.getinfo(name)
    if info.file_size > MAX_PART_BYTES:
        raise ValueError(f"{name} unpacks to {info.file_size} bytes")
    return etree.fromstring(package.read(name), _PARSER)


def _optional_xml(package: zipfile.ZipFile, name: str) -> etree._Element | None:
    return _xml(package, name) if name in package.namelist() else None


def _val(element: etree._Element | None, default: str | None = None) -> str | None:
    return default if element is None else element.get(f"{W}val", default)


# --- numbering -----------------------------------------------------------------------------


@dataclass(frozen=True)
class _ListItem:
    num_id: str
    level: int
    bullet: bool  # a bullet list, not a numbered one


class _Numbering:
    """Which list a paragraph belongs to, from its own numbering or its style's."""

    def __init__(self, numbering: etree._Element | None, styles: dict[str, etree._Element]) -> None:
        self.numbering = numbering
        self.styles = styles

    def list_item(self, paragraph: etree._Element) -> _ListItem | None:
        num_id, level = self._num_properties(paragraph.find(f"{W}pPr"))
        if num_id is None or num_id == "0" or self.numbering is None:
            return None  # numId 0: numbering taken off
        number_format = self._format(num_id, level)
        if number_format is None or number_format == "none":
            return None
        return _ListItem(num_id, level, number_format == "bullet")

    def _num_properties(self, properties: etree._Element | None) -> tuple[str | None, int]:
        num_id = level = None
        if properties is not None:
            numbering = properties.find(f"{W}numPr")
            if numbering is not None:
                num_id = _val(numbering.find(f"{W}numId"))
                level = _val(numbering.find(f"{W}ilvl"))
            style_id = _val(properties.find(f"{W}pStyle"))
            if num_id is None and style_id:
                num_id, style_level = self._style_numbering(style_id)
                level = level or style_level
        return num_id, _int(level)

    def _style_numbering(self, style_id: str) -> tuple[str | None, str | None]:
        for style in _style_chain(self.styles, style_id):
            numbering = style.find(f"{W}pPr/{W}numPr")
            if numbering is not None and numbering.find(f"{W}numId") is not None:
                return _val(numbering.find(f"{W}numId")), _val(numbering.find(f"{W}ilvl"))
        return None, None

    @cached_property
    def _nums(self) -> dict[str, etree._Element]:
        assert self.numbering is not None
        return {num.get(f"{W}numId"): num for num in self.numbering.iter(f"{W}num")}

    @cached_property
    def _abstracts(self) -> dict[str, etree._Element]:
        assert self.numbering is not None
        return {a.get(f"{W}abstractNumId"): a for a in self.numbering.iter(f"{W}abstractNum")}

    def _format(self, num_id: str, level: int) -> str | None:
        num = self._nums.get(num_id)
        if num is None:
            return None
        for override in num.iter(f"{W}lvlOverride"):
            if _int(override.get(f"{W}ilvl")) == level and override.find(f"{W}lvl") is not None:
                return _level_format(override.find(f"{W}lvl"))
        abstract = self._abstracts.get(_val(num.find(f"{W}abstractNumId")) or "")
        if abstract is None:
            return None
        for lvl in abstract.iter(f"{W}lvl"):
            if _int(lvl.get(f"{W}ilvl")) == level:
                return _level_format(lvl)
        return "decimal"


def _styles_by_id(styles: etree._Element | None) -> dict[str, etree._Element]:
    return {
        style.get(f"{W}styleId"): style
        for style in (styles.iter(f"{W}style") if styles is not None else [])
    }


def _style_chain(
    styles: dict[str, etree._Element], style_id: str | None
) -> Iterator[etree._Element]:
    """A style and the styles it is ``basedOn``, nearest first (a loop in the chain ends it)."""
    seen: set[str] = set()
    while style_id and style_id not in seen and style_id in styles:
        seen.add(style_id)
        yield styles[style_id]
        style_id = _val(styles[style_id].find(f"{W}basedOn"))


class _Fonts:
    """Which runs print their ASCII digits as Thai digits: those set in an IT๙ font (TH SarabunIT๙
    draws 0–9 as ๐–๙). A run's ASCII font is its own, else its character style's, its paragraph
    style's (through ``basedOn``), else the document default's; a theme font names none of them."""

    def __init__(
        self, styles_part: etree._Element | None, styles: dict[str, etree._Element]
    ) -> None:
        self.styles = styles
        defaults = (
            None
            if styles_part is None
            else styles_part.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
        )
        self.default_font = _ascii_font(defaults)
        self.default_paragraph_style = next(
            (
                style_id
                for style_id, style in styles.items()
                if style.get(f"{W}type") == "paragraph"
                and style.get(f"{W}default") in ("1", "true")
            ),
            None,
        )

    def thai_digits(self, run: etree._Element, paragraph: etree._Element) -> bool:
        properties = run.find(f"{W}rPr")
        paragraph_style = _val(paragraph.find(f"{W}pPr/{W}pStyle")) or self.default_paragraph_style
        for font in (
            _ascii_font(properties),
            self._style_font(_val(_find(properties, "rStyle"))),
            self._style_font(paragraph_style),
            self.default_font,
        ):
            if font is not None:
                return draws_thai_digits(font)
        return False

    def _style_font(self, style_id: str | None) -> str | None:
        for style in _style_chain(self.styles, style_id):
            font = _ascii_font(style.find(f"{W}rPr"))
            if font is not None:
                return font
        return None


def _ascii_font(properties: etree._Element | None) -> str | None:
    """The font run properties name for ASCII characters: "" for a theme font, None if unset."""
    fonts = _find(properties, "rFonts")
    if fonts is None:
        return None
    if fonts.get(f"{W}asciiTheme"):
        return ""
    return fonts.get(f"{W}ascii")


def _level_format(level: etree._Element) -> str:
    return _val(level.find(f"{W}numFmt"), "decimal") or "decimal"


def _int(value: str | None) -> int:
    try:
        return max(0, int(value or 0))
    except ValueError:
        return 0


# --- paragraphs ----------------------------------------------------------------------------


@dataclass
class _Paragraph:
    text: str  # line breaks as "\n"
    list_item: _ListItem | None
    page_break_after: bool = False


def _runs_text(
    element: etree._Element,
    out: list[str],
    breaks: list[bool],
    thai_digits: Callable[[etree._Element], bool],
) -> None:
    """Text of a paragraph's runs in order, digits as printed; deleted and hidden text left out."""
    for child in element:
        tag = child.tag
        if tag == f"{W}r":
            if _hidden(child):
                continue
            for part in child:
                if part.tag == f"{W}t":
                    text = part.text or ""
                    digits = any(c in ARABIC_DIGITS for c in text) and thai_digits(child)
                    out.append(arabic_to_thai_digits(text) if digits else text)
                elif part.tag == f"{W}tab":
                    out.append(" ")
                elif part.tag == f"{W}br":
                    if part.get(f"{W}type") == "page":
                        breaks.append(True)
                    elif part.get(f"{W}type") != "column":
                        out.append(_LINE_BREAK)
                elif part.tag == f"{W}cr":
                    out.append(_LINE_BREAK)
                elif part.tag == f"{W}noBreakHyphen":
                    out.append("-")
        elif tag in _TRANSPARENT:
            _runs_text(child, out, breaks, thai_digits)


def _hidden(run: etree._Element) -> bool:
    vanish = run.find(f"{W}rPr/{W}vanish")
    return vanish is not None and _val(vanish, "true") not in ("0", "false", "off")


def _paragraph(element: etree._Element, numbering: _Numbering, fonts: _Fonts) -> _Paragraph:
    out: list[str] = []
    breaks: list[bool] = []
    _runs_text(element, out, breaks, lambda run: fonts.thai_digits(run, element))
    properties = element.find(f"{W}pPr")
    section_end = properties is not None and properties.find(f"{W}sectPr") is not None
    if section_end:
        section_type = _val(properties.find(f"{W}sectPr/{W}type"), "nextPage")
        section_end = section_type != "continuous"
    return _Paragraph("".join(out), numbering.list_item(element), bool(breaks) or section_end)


def _page_break_before(element: etree._Element) -> bool:
    flag = element.find(f"{W}pPr/{W}pageBreakBefore")
    return flag is not None and _val(flag, "true") not in ("0", "false", "off")


def _blocks(paragraphs: list[_Paragraph]) -> list[TextBlock]:
    """Blocks of a run of paragraphs (a cell's): numbered items at the list's top level are steps,
    deeper levels and bullets are list items, anything else a paragraph."""
    top_level: dict[str, int] = {}
    for paragraph in paragraphs:
        item = paragraph.list_item
        if item is not None and not item.bullet:
            top_level[item.num_id] = min(top_level.get(item.num_id, item.level), item.level)
    blocks = []
    for paragraph in paragraphs:
        lines = [collapse_spaces(line) for line in paragraph.text.split(_LINE_BREAK)]
        lines = [line for line in lines if line]
        if lines:
            blocks.append(TextBlock(lines=lines, kind=_kind(paragraph.list_item, lines, top_level)))
    return blocks


def _kind(item: _ListItem | None, lines: list[str], top_level: dict[str, int]) -> BlockKind:
    if item is None:
        return "p"
    if item.bullet or item.level > top_level.get(item.num_id, item.level):
        return "li"
    # a typed number as well as Word's: the text already holds the marker
    return "p" if step_marker(lines[0]) else "step"


# --- body and tables -----------------------------------------------------------------------


@dataclass
class _BodyReader:
    numbering: _Numbering
    fonts: _Fonts
    flow: list[FlowItem] = field(default_factory=list)

    def read_container(self, container: etree._Element) -> None:
        for element in _children(container):
            if element.tag == f"{W}p":
                if _page_break_before(element) and self._has_content():
                    self.flow.append(PAGE_BREAK)
                paragraph = _paragraph(element, self.numbering, self.fonts)
                self.flow += [flow_text(block.lines) for block in _blocks([paragraph])]
                if paragraph.page_break_after:
                    self.flow.append(PAGE_BREAK)
            elif element.tag == f"{W}tbl":
                if is_layout_table(element):
                    for cell in _table_cells(element):
                        self.read_container(cell)
                else:
                    self.flow.append(self.read_table(element))

    def _has_content(self) -> bool:
        return bool(self.flow) and self.flow[-1] is not PAGE_BREAK

    def read_table(self, table: etree._Element) -> GridTable:
        source_rows: list[list[SourceCell]] = []
        open_merges: dict[int, SourceCell] = {}  # column → cell a vMerge continues downwards
        for row in _children(table, f"{W}tr"):
            cells: list[SourceCell] = []
            column = _int(_val(row.find(f"{W}trPr/{W}gridBefore")))
            cells += [SourceCell() for _ in range(column)]
            for tc in _children(row, f"{W}tc"):
                properties = tc.find(f"{W}tcPr")
                span = max(1, _int(_val(_find(properties, "gridSpan"), "1")))
                merge = _find(properties, "vMerge")
                if merge is not None and _val(merge, "continue") != "restart":
                    above = open_merges.get(column)
                    if above is not None:
                        above.rowspan += 1
                        column += span
                        continue
                cell = SourceCell(
                    blocks=self.cell_blocks(tc), colspan=span, fill=_shading(properties)
                )
                for covered in range(column, column + span):
                    open_merges.pop(covered, None)
                if merge is not None:
                    open_merges[column] = cell
                cells.append(cell)
                column += span
            source_rows.append(cells)
        return grid_table(expand_spans(source_rows))

    def cell_blocks(self, cell: etree._Element) -> list[TextBlock]:
        return _blocks([_paragraph(p, self.numbering, self.fonts) for p in _cell_paragraphs(cell)])


def _shading(properties: etree._Element | None) -> str | None:
    """A cell's shading (``w:shd``): its fill, or its pattern colour when the pattern is solid."""
    shading = _find(properties, "shd")
    if shading is None:
        return None
    solid = _val(shading) == "solid"
    return markup_fill(shading.get(f"{W}color" if solid else f"{W}fill"))


def _find(properties: etree._Element | None, name: str) -> etree._Element | None:
    return None if properties is None else properties.find(f"{W}{name}")


def _children(parent: etree._Element, tag: str | None = None) -> Iterator[etree._Element]:
    """Children in order, content controls and custom XML opened up."""
    for child in parent:
        if child.tag in _TRANSPARENT:
            yield from _children(child, tag)
        elif tag is None or child.tag == tag:
            yield child


def _cell_paragraphs(cell: etree._Element) -> Iterator[etree._Element]:
    """A cell's paragraphs, those of tables nested in it included, in order."""
    for element in _children(cell):
        if element.tag == f"{W}p":
            yield element
        elif element.tag == f"{W}tbl":
            for nested in _table_cells(element):
                yield from _cell_paragraphs(nested)


def _table_cells(table: etree._Element) -> Iterator[etree._Element]:
    for row in _children(table, f"{W}tr"):
        yield from _children(row, f"{W}tc")


def is_layout_table(table: etree._Element) -> bool:
    """A table that lays the page out: one column wide, or holding tables without a measures
    header of its own."""
    rows = list(_children(table, f"{W}tr"))
    if max((len(list(_children(row, f"{W}tc"))) for row in rows), default=0) <= 1:
        return True
    if not any(cell.find(f".//{W}tbl") is not None for cell in _table_cells(table)):
        return False
    return not any(
        is_measures_header([_plain_text(cell) for cell in _children(row, f"{W}tc")])
        for row in rows[:HEADER_SEARCH_ROWS]
    )


def _plain_text(cell: etree._Element) -> str:
    return collapse_spaces(" ".join(t.text or "" for t in cell.iter(f"{W}t")))
