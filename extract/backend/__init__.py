"""Readers, one per input format, behind one signature.

Each backend module exposes ``read(data: bytes, source_name: str) -> ExtractedDocument``. Readers know
nothing of SQLite and nothing of measures: they return what the source holds (title lines, pages,
tables of raw cells). Adding a format touches one new module, ``READERS`` and ``extract.sniff``.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module

from extract.model import ExtractedDocument, Format

Reader = Callable[[bytes, str], ExtractedDocument]

# format → module holding its ``read`` function (imported lazily: pdfplumber is slow to import)
READERS: dict[Format, str] = {
    "text": "extract.backend.text_backend",
    "pdf": "extract.backend.pdf_backend",
    "html": "extract.backend.html_backend",
    "docx": "extract.backend.docx_backend",
    "xlsx": "extract.backend.xlsx_backend",
}


class UnreadableDocument(Exception):
    """The source cannot be read; the message is one plain sentence naming the reason."""


def reader_for(fmt: Format) -> Reader:
    return import_module(READERS[fmt]).read
