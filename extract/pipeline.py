"""The pipeline as a library: bytes → Document → archive. The CLI is a thin skin over this.

read (sniffed reader) → repair → table assembly → measures + metadata → store (one transaction).
Parsing happens in worker processes when ``jobs > 1``; writing always happens here, in one place.
"""

from __future__ import annotations

import os
import traceback
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from extract.archive import Archive, sha256_of
from extract.backend import UnreadableDocument, reader_for
from extract.measures import table_measures
from extract.metadata import document_meta
from extract.model import Document, Measure
from extract.repair import document_wrap_stats, repair_characters, repair_wraps
from extract.sniff import describe_unrecognised, sniff_format
from extract.tables import assemble_tables
from normalize.agencies import agency_key, parse_agency

NO_TABLE_NOTE = "no table found"

Status = Literal["added", "already archived", "failed"]


def process_bytes(data: bytes, source_name: str) -> Document:
    """Read, repair and assemble one source. Raises ``UnreadableDocument`` with a plain reason."""
    fmt = sniff_format(data)
    if fmt is None:
        raise UnreadableDocument(describe_unrecognised(data))
    extracted = reader_for(fmt)(data, source_name)
    repair_characters(extracted)
    stats = document_wrap_stats(extracted)
    repair_wraps(extracted, stats)
    tables = assemble_tables(extracted.tables, stats)
    measures: list[Measure] = []
    for table in tables:
        if table.is_measures:
            measures += table_measures(table, first_seq=len(measures) + 1)
    meta = document_meta(extracted.title_lines)
    agency = parse_agency(" ".join(extracted.title_lines))
    notes = list(extracted.notes)
    if not tables and NO_TABLE_NOTE not in notes:
        notes.append(NO_TABLE_NOTE)
    return Document(
        source_name=source_name,
        sha256=sha256_of(data),
        format=fmt,
        meta=meta,
        page_count=extracted.page_count,
        pages=extracted.pages,
        tables=tables,
        measures=measures,
        agency_key=agency_key(agency) if agency else None,
        notes=notes,
    )


@dataclass
class FileOutcome:
    path: Path
    status: Status
    reason: str = ""
    measures: int = 0
    pages: int = 0
    notes: list[str] = field(default_factory=list)
    detail: str = ""  # traceback, shown with --debug


@dataclass
class IngestSummary:
    outcomes: list[FileOutcome] = field(default_factory=list)

    def count(self, status: Status) -> int:
        return sum(1 for outcome in self.outcomes if outcome.status == status)

    @property
    def measures_added(self) -> int:
        return sum(o.measures for o in self.outcomes if o.status == "added")

    @property
    def failed(self) -> list[FileOutcome]:
        return [o for o in self.outcomes if o.status == "failed"]


def expand_paths(paths: Iterable[str | Path]) -> list[Path]:
    """Files as given, folders walked recursively (sorted, hidden entries skipped)."""
    files: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            for root, dirs, names in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                files += [Path(root) / n for n in sorted(names) if not n.startswith(".")]
        else:
            files.append(path)
    return files


@dataclass
class _Parsed:
    path: Path
    sha256: str
    data: bytes | None = None
    document: Document | None = None
    error: str = ""
    detail: str = ""


def _parse_file(path: Path, known: frozenset[str]) -> _Parsed:
    """Worker side: read and process one file; never raises."""
    try:
        data = path.read_bytes()
    except OSError as error:
        return _Parsed(path, "", error=f"cannot read file ({error.strerror or error})")
    sha = sha256_of(data)
    if sha in known:
        return _Parsed(path, sha)
    try:
        document = process_bytes(data, path.name)
    except UnreadableDocument as error:
        return _Parsed(path, sha, error=str(error))
    except Exception as error:  # a reader bug must not stop the other files
        reason = f"could not be processed ({type(error).__name__}: {error})".splitlines()[0]
        return _Parsed(path, sha, error=reason, detail=traceback.format_exc())
    return _Parsed(path, sha, data=data, document=document)


def ingest_paths(
    paths: Iterable[str | Path],
    archive_path: str | Path,
    *,
    jobs: int = 1,
    on_file: Callable[[FileOutcome], None] | None = None,
) -> IngestSummary:
    """Ingest files and folders into the archive; one bad file never stops the others."""
    files = expand_paths(paths)
    summary = IngestSummary()
    with Archive(archive_path) as archive:
        known = frozenset(r[0] for r in archive.conn.execute("SELECT sha256 FROM documents"))
        for parsed in _parse_all(files, known, jobs):
            outcome = _store(archive, parsed)
            summary.outcomes.append(outcome)
            if on_file:
                on_file(outcome)
    return summary


def _parse_all(files: list[Path], known: frozenset[str], jobs: int) -> Iterator[_Parsed]:
    if jobs <= 1 or len(files) <= 1:
        for path in files:
            yield _parse_file(path, known)
        return
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        yield from pool.map(_parse_file, files, [known] * len(files))


def _store(archive: Archive, parsed: _Parsed) -> FileOutcome:
    if parsed.error:
        return FileOutcome(parsed.path, "failed", reason=parsed.error, detail=parsed.detail)
    if parsed.document is None:
        return FileOutcome(parsed.path, "already archived")
    try:
        result = archive.store(parsed.document, parsed.data)
    except Exception as error:
        reason = f"could not be archived ({type(error).__name__}: {error})".splitlines()[0]
        return FileOutcome(parsed.path, "failed", reason=reason, detail=traceback.format_exc())
    if not result.added:
        return FileOutcome(parsed.path, "already archived")
    return FileOutcome(
        parsed.path,
        "added",
        measures=result.measures,
        pages=result.pages,
        notes=parsed.document.notes,
    )
