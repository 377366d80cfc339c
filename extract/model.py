"""The shared data model: plain dataclasses passed from stage to stage.

read (backend) → ``ExtractedDocument`` (raw cells, lines as read)
repair        → ``Cell.paragraphs`` filled (Thai code points and wrap spaces repaired)
assemble      → ``LogicalTable`` (headers mapped, continuation rows merged)
measures      → ``Measure`` rows
store         → the SQLite archive (``extract.archive``)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from normalize.quality import QUALITY_THRESHOLD  # pages below it are flagged for OCR

Format = Literal["pdf", "html", "text", "docx", "xlsx"]
# "p" paragraph; "li" bullet-list item; "step" item of an auto-numbered list whose number the
# source does not hold as text (HTML <ol>, Word numbering)
BlockKind = Literal["p", "li", "step"]


@dataclass
class TextBlock:
    """One block of a cell as the source laid it out: a paragraph or a list item.

    ``lines`` are the visual lines as read. Readers that know where lines wrapped (PDF) give one
    entry per line plus ``line_widths``; readers that only see text with wraps already turned
    into spaces (text dumps, HTML) give a single entry.
    """

    lines: list[str]
    kind: BlockKind = "p"
    line_widths: list[float] | None = None  # rendered width of each line, in points
    font_size: float | None = None  # dominant font size of the block, in points (PDF)
    # where each line starts right of the cell's left edge, in points, when the block is set
    # flush left with an indent (a list item's hanging indent); None when centred or ragged left
    line_indents: list[float] | None = None

    @property
    def raw_text(self) -> str:
        return "\n".join(self.lines)


@dataclass
class Cell:
    """A table cell: its blocks as read, and after repair its text as paragraphs."""

    blocks: list[TextBlock] = field(default_factory=list)
    width: float | None = None  # inner width of the cell in points, when the reader knows it
    # Filled by the repair stage: one string per block, Thai repaired, wraps decided.
    paragraphs: list[str] | None = None
    # Kinds of the repaired paragraphs (parallel to ``paragraphs``).
    kinds: list[BlockKind] | None = None
    # The reader saw the cell's text start a paragraph gap below its row's top line: in a row cut
    # by a page end, its first paragraph is a new one, not the rest of the paragraph cut.
    opens_paragraph: bool = False
    # The source cell covers its whole row (HTML colspan, Word gridSpan): a note or a section
    # heading printed across the table ("หมายเหตุ : ข้อมูล ณ …"), part of the table, no record.
    spans_row: bool = False
    # Part of a cell merged down from the row above (a PDF table draws no rule between them; its
    # text is printed once, at the top): table assembly gives it the merged cell's text, as the
    # HTML and Word readers do for a rowspan or vMerge.
    merged_from_above: bool = False
    # The colour the source shades the cell with ("#d9d9d9"; ``extract.utils.colour``), None when
    # white or unknown: a plan chart may draw its bars as shaded cells, with no mark in them.
    fill: str | None = None
    # A line is drawn across the cell's middle, not along its rules (PDF): a chart's bar or arrow.
    crossed: bool = False

    @property
    def raw_text(self) -> str:
        return "\n".join(b.raw_text for b in self.blocks)

    @property
    def text(self) -> str:
        """Repaired text: paragraphs separated by newlines."""
        return "\n".join(self.paragraphs or [])

    def is_empty(self) -> bool:
        return not any(line.strip() for b in self.blocks for line in b.lines)


@dataclass
class RawRow:
    cells: list[Cell]
    page: int  # 1-based page (or table page) the row was read from
    # The reader knows from geometry that this row is the rest of the row before it, cut by a page
    # end, even when its first cell holds the rest of a long title.
    continued: bool = False


@dataclass
class RawTable:
    """A table as one reader saw it: on one page, or already stitched across pages.

    Rows include every header row the source repeated; table assembly drops them.
    """

    rows: list[RawRow]
    pages: list[int]
    # Column x-boundaries (PDF) used to stitch a table across pages; None for other formats.
    column_edges: list[float] | None = None
    heading: str | None = None  # the section heading printed right above it (``heading_above``)


@dataclass
class Page:
    number: int  # 1-based
    raw_text: str  # text as extracted, lines separated by newlines
    text: str = ""  # text after Thai repair (filled by the repair stage)
    quality: float | None = None  # 0..1 health of the repaired Thai text (1 = clean)
    raw_quality: float | None = None  # the same score of the text as extracted, before repair
    ocr: bool = False  # true where the text came from OCR
    scanned: bool = False  # the page is an image with little or no text set on it (PDF)

    @property
    def needs_ocr(self) -> bool:
        """Too little healthy Thai text to trust, or the page is a scan: flagged for OCR rather
        than archived as is."""
        return self.scanned or (self.quality is not None and self.quality < QUALITY_THRESHOLD)


@dataclass
class ExtractedDocument:
    """What a reader returns: everything it found in one source, before repair."""

    format: Format
    title_lines: list[str]
    pages: list[Page]
    tables: list[RawTable]
    page_count: int | None = None
    notes: list[str] = field(default_factory=list)  # e.g. "no table found"


@dataclass
class DocumentMeta:
    title: str = ""
    agency: str = ""
    agency_type: str | None = None
    district: str | None = None
    province: str | None = None
    fiscal_year_be: int | None = None
    fiscal_year_ce: int | None = None
    agency_key: str | None = None  # the same agency across years, whichever form it printed


@dataclass
class LogicalTable:
    """A table after assembly: one header, body rows with continuation rows merged."""

    index: int  # 1-based order in the document
    pages: list[int]
    header: list[str]  # header cells as printed (repaired); [] when the table has none
    rows: list[list[Cell]]
    row_pages: list[list[int]]  # pages each merged row touches
    columns: list[str | None]  # canonical column name per header cell, None = unknown
    heading: str | None = None  # the section heading printed above it: its first rows' section

    @property
    def is_measures(self) -> bool:
        return "title" in self.columns and "methods" in self.columns


@dataclass
class Measure:
    seq: int
    title: str
    methods: list[str]
    responsible: list[str]
    period: str
    results: list[str]
    outcomes: list[str]
    pages: list[int]
    extra: dict[str, str] = field(default_factory=dict)
    section: str | None = None  # the heading printed over it in its table ("ตัวชี้วัดที่ ๑ …")


@dataclass
class Document:
    """A fully processed source, ready to store."""

    source_name: str
    sha256: str
    format: Format
    meta: DocumentMeta
    page_count: int | None
    pages: list[Page]
    tables: list[LogicalTable]
    measures: list[Measure]
    notes: list[str] = field(default_factory=list)

    @property
    def agency_key(self) -> str | None:
        return self.meta.agency_key

    @property
    def needs_ocr(self) -> bool:
        return any(page.needs_ocr for page in self.pages)
