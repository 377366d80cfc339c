"""The pipeline as a library: bytes → Document → archive. The CLI is a thin skin over this.

read (sniffed reader) → repair → table assembly → measures + metadata → store (one transaction).
Documents are parsed in worker processes under per-document limits (``extract.workers``);
writing happens here, in one place, one transaction per document.
"""

from __future__ import annotations

import hashlib
import io
import os
import stat
import traceback
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal

from extract.archive import (
    EXTRACTOR_VERSION,
    SQLITE_HEADER,
    Archive,
    NotAnArchive,
    check_archive,
    is_archive,
    sha256_of,
)
from extract.backend import UnreadableDocument, reader_for
from extract.export import EXPORT_HEAD_BYTES, is_export
from extract.measures import table_measures
from extract.metadata import document_meta
from extract.model import Document, Measure
from extract.publish import inspect_file, is_published
from extract.repair import document_wrap_stats, repair_characters, repair_wraps
from extract.sniff import describe_unrecognised, sniff_format
from extract.tables import assemble_tables
from extract.workers import Limits, TaskFailure, run_in_workers

NO_TABLE_NOTE = "no table found"

Status = Literal["added", "already archived", "failed"]


def process_bytes(data: bytes, source_name: str, *, max_pages: int | None = None) -> Document:
    """Read, repair and assemble one source. Raises ``UnreadableDocument`` with a plain reason.

    ``max_pages``: a longer document is refused (a PDF before any page is read).
    """
    fmt = sniff_format(data)
    if fmt is None:
        raise UnreadableDocument(describe_unrecognised(data))
    if max_pages and fmt == "pdf":
        check_page_limit(pdf_page_count(data), max_pages)
    extracted = reader_for(fmt)(data, source_name)
    if max_pages:
        check_page_limit(extracted.page_count or len(extracted.pages), max_pages)
    repair_characters(extracted)
    stats = document_wrap_stats(extracted)
    repair_wraps(extracted, stats)
    tables = assemble_tables(extracted.tables, stats)
    measures: list[Measure] = []
    for table in tables:
        if table.is_measures:
            measures += table_measures(table, first_seq=len(measures) + 1)
    # a first page flagged for OCR gives no title: its text is garbage ("(cid:3)…") or a stamp
    trusted = not (extracted.pages and extracted.pages[0].needs_ocr)
    meta = document_meta(extracted.title_lines if trusted else [])
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
        notes=notes,
    )


def check_page_limit(pages: int | None, max_pages: int) -> None:
    if pages is not None and pages > max_pages:
        raise UnreadableDocument(
            f"{pages:,} pages, more than the limit of {max_pages:,} (limit: --max-pages)"
        )


def pdf_page_count(data: bytes) -> int | None:
    """The page count a PDF declares in its page tree, read without parsing any page.

    None when the file cannot tell (damaged, encrypted): the reader then gives the reason.
    """
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfparser import PDFParser
    from pdfminer.pdftypes import resolve1

    try:
        pages = resolve1(PDFDocument(PDFParser(io.BytesIO(data))).catalog["Pages"])
        return int(resolve1(pages["Count"]))
    except Exception:
        return None


@dataclass
class FileOutcome:
    path: Path
    status: Status
    reason: str = ""
    measures: int = 0
    pages: int = 0
    notes: list[str] = field(default_factory=list)
    needs_ocr: bool = False  # archived, but some page has no trustworthy text
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
    def pages_added(self) -> int:
        return sum(o.pages for o in self.outcomes if o.status == "added")

    @property
    def failed(self) -> list[FileOutcome]:
        return [o for o in self.outcomes if o.status == "failed"]


def expand_paths(
    paths: Iterable[str | Path],
    *,
    archive: str | Path | None = None,
    on_skip: Callable[[Path, str], None] | None = None,
) -> list[Path]:
    """Files as given, folders walked recursively (sorted, hidden entries skipped).

    Folders walked leave out what is no report: with ``archive``, the archive's own files (its
    database, WAL, and saved sources), so ingesting the folder that holds the archive does not try
    to read it; whatever else this project wrote there (``_written_here``); and what is not a regular
    file (a FIFO, a link to a device: reading one never ends), which ``on_skip`` hears of with the
    reason. Paths given as files are all kept: ingest reports those that are not regular files.
    """
    own = _archive_files(Path(archive)) if archive else set()
    files: list[Path] = []
    for path in map(Path, paths):
        files += _walk(path, own, on_skip) if path.is_dir() else [path]
    return files


def _walk(folder: Path, own: set[Path], on_skip: Callable[[Path, str], None] | None) -> list[Path]:
    files: list[Path] = []
    for root, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if _walked(Path(root, d), own))
        regular = []
        for path in (Path(root, name) for name in sorted(names)):
            if not _walked(path, own):
                continue
            if kind := special_file_kind(path):
                if on_skip:
                    on_skip(path, f"skipped: {kind}")
                continue
            regular.append(path)
        written = _written_here(regular)
        files += [path for path in regular if path not in written]
    return files


def _walked(path: Path, own: set[Path]) -> bool:
    return not path.name.startswith(".") and path.resolve() not in own


def special_file_kind(path: Path) -> str | None:
    """What ``path`` is (links followed) when it is not a regular file: "a named pipe (FIFO)…".

    None for a regular file, and for one that cannot be looked at: reading it gives the reason.
    """
    try:
        mode = path.stat().st_mode
    except OSError:
        return None
    if stat.S_ISREG(mode):
        return None
    kind = _SPECIAL_KINDS.get(stat.S_IFMT(mode), "a special file")
    return f"{kind}, not a regular file"


_SPECIAL_KINDS = {
    stat.S_IFIFO: "a named pipe (FIFO)",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFSOCK: "a socket",
}


def _written_here(files: list[Path]) -> set[Path]:
    """The files of one folder that this project wrote: exports (``extract export -o``), and any
    archive (a published copy beside the working one) with its WAL and its inspect file."""
    written: set[Path] = set()
    for path in files:
        head = _head(path)
        if is_export(head):
            written.add(path)
        elif head.startswith(SQLITE_HEADER) and is_archive(path):
            companions = [path.with_name(path.name + end) for end in ("-wal", "-shm", "-journal")]
            written.update([path, inspect_file(path), *companions])
    return written


def _head(path: Path) -> bytes:
    try:
        with path.open("rb") as file:
            return file.read(EXPORT_HEAD_BYTES)
    except OSError:
        return b""  # reading it later gives the reason


def _archive_files(archive: Path) -> set[Path]:
    database = archive.resolve()
    suffixes = ("", "-wal", "-shm", "-journal")
    return {database.with_name(database.name + suffix) for suffix in suffixes} | {
        database.parent / "sources"
    }


def readable_path(path: str | Path) -> str:
    """A path as text that can be shown and stored, whatever bytes its name is in.

    A name that is not UTF-8 is most likely Thai in TIS-620 (a zip made on Windows): it is read
    as Windows-874 (TIS-620 and a few more), else with U+FFFD for the bytes that do not decode.
    """
    raw = os.fsencode(path)
    for encoding in ("utf-8", "cp874"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return raw.decode("utf-8", errors="replace")


@dataclass
class _Parsed:
    data: bytes
    document: Document


def _parse_file(path: Path, max_pages: int) -> _Parsed | TaskFailure:
    """Worker side: read and process one file. Only time and memory limits escape it."""
    try:
        data = path.read_bytes()
    except OSError as error:
        return TaskFailure(_unreadable(error))
    try:
        document = process_bytes(data, readable_path(path.name), max_pages=max_pages)
    except UnreadableDocument as error:
        if _caused_by(error, MemoryError):
            raise MemoryError from error  # the worker's limit, not the file: reported as such
        return TaskFailure(str(error))
    except MemoryError:
        raise  # the worker reports the memory limit and is replaced
    except Exception as error:  # a reader bug must not stop the other files
        reason = f"could not be processed ({type(error).__name__}: {error})".splitlines()[0]
        return TaskFailure(reason, traceback.format_exc())
    return _Parsed(data, document)


def _caused_by(error: BaseException, kind: type[BaseException]) -> bool:
    """Whether ``kind`` is anywhere in the error's chain (readers wrap the errors they catch)."""
    link: BaseException | None = error
    while link is not None:
        if isinstance(link, kind):
            return True
        link = link.__cause__ or link.__context__
    return False


def check_working_archive(path: str | Path, *, new_ok: bool = False) -> None:
    """Raise ``NotAnArchive`` unless documents can be written into ``path``: an archive of this
    project (``check_archive``), and not a published copy, which lacks the per-measure index a
    document's rows need and is served as it was published."""
    check_archive(path, new_ok=new_ok)
    if Path(path).is_file() and is_published(Path(path)):
        raise NotAnArchive(
            Path(path), "a published copy: write to the working archive, then publish"
        )


def ingest_paths(
    paths: Iterable[str | Path],
    archive_path: str | Path,
    *,
    jobs: int = 1,
    limits: Limits | None = None,
    on_file: Callable[[FileOutcome], None] | None = None,
) -> IngestSummary:
    """Ingest files and folders into the archive; one bad file never stops the others.

    Files whose bytes are already archived are recognised here by their hash and skipped; the
    others are parsed by ``jobs`` worker processes under ``limits``, and each parsed document is
    stored here, in its own transaction, as it arrives. ``on_file`` hears of every file as it ends.
    """
    check_working_archive(archive_path, new_ok=True)
    limits = limits or Limits()
    summary = IngestSummary()

    def report(outcome: FileOutcome) -> None:
        summary.outcomes.append(outcome)
        if on_file:
            on_file(outcome)

    with Archive(archive_path) as archive:
        new_files = _not_archived(expand_paths(paths, archive=archive_path), archive, report)
        for path, parsed in run_in_workers(
            _parse_file, new_files, context=limits.max_pages, jobs=jobs, limits=limits
        ):
            report(_store(archive, path, parsed))
    return summary


def _not_archived(
    files: list[Path], archive: Archive, report: Callable[[FileOutcome], None]
) -> Iterator[Path]:
    """The files whose bytes the archive does not hold yet; the others reported as they go.

    Asked of the archive file by file, so a document another ingest stored a moment ago is
    skipped too; hashing streams the file, so a huge one costs no memory here.
    """
    for path in files:
        if kind := special_file_kind(path):  # given by name: opening a FIFO would wait forever
            report(FileOutcome(path, "failed", reason=kind))
            continue
        try:
            with path.open("rb") as file:
                sha = hashlib.file_digest(file, "sha256").hexdigest()
        except OSError as error:
            report(FileOutcome(path, "failed", reason=_unreadable(error)))
            continue
        if archive.document_id(sha) is not None:
            report(FileOutcome(path, "already archived"))
            continue
        yield path


def _unreadable(error: OSError) -> str:
    return f"cannot read file ({error.strerror or error})"


def _store(archive: Archive, path: Path, parsed: _Parsed | TaskFailure) -> FileOutcome:
    if isinstance(parsed, TaskFailure):
        return FileOutcome(path, "failed", reason=parsed.reason, detail=parsed.detail)
    try:
        result = archive.store(parsed.document, parsed.data)
    except Exception as error:
        reason = f"could not be archived ({type(error).__name__}: {error})".splitlines()[0]
        return FileOutcome(path, "failed", reason=reason, detail=traceback.format_exc())
    if not result.added:  # another ingest stored the same bytes since we looked
        return FileOutcome(path, "already archived")
    return FileOutcome(
        path,
        "added",
        measures=result.measures,
        pages=result.pages,
        notes=parsed.document.notes,
        needs_ocr=parsed.document.needs_ocr,
    )


RereadStatus = Literal["re-read", "up to date", "failed"]


@dataclass
class RereadOutcome:
    document_id: int
    source_name: str
    status: RereadStatus
    reason: str = ""
    measures_before: int = 0
    measures: int = 0  # after; as before where it was not re-read
    detail: str = ""  # traceback, shown with --debug


def reread_archive(
    archive_path: str | Path,
    *,
    every: bool = False,
    jobs: int = 1,
    limits: Limits | None = None,
    on_start: Callable[[int], None] | None = None,
    on_document: Callable[[RereadOutcome], None] | None = None,
) -> list[RereadOutcome]:
    """Read the archived originals (``sources/``) again with this version's readers: of the
    documents an older version read (``extractor_version``), or of ``every`` one. They are parsed
    as ``ingest_paths`` parses files (``jobs`` workers under ``limits``), and each new reading is
    written over the old in one transaction (``Archive.replace``), under the same document id; a
    document whose original is missing, changed or no longer reads fails alone and keeps its old
    reading. ``on_start`` hears how many documents the archive holds (each ends in an outcome),
    ``on_document`` of every document as it ends."""
    check_working_archive(archive_path)
    limits = limits or Limits()
    outcomes: list[RereadOutcome] = []

    def report(outcome: RereadOutcome) -> None:
        outcomes.append(outcome)
        if on_document:
            on_document(outcome)

    with Archive(archive_path) as archive:
        stored: dict[Path, _Stored] = {}
        rows = archive.conn.execute(
            "SELECT id, source_name, source_file, sha256, extractor_version, measure_count "
            "FROM documents ORDER BY id"
        ).fetchall()
        if on_start:
            on_start(len(rows))
        for row in rows:
            document = _Stored(*row[:4], measures=row[5] or 0)
            if not every and row[4] == EXTRACTOR_VERSION:
                report(document.outcome("up to date", measures=document.measures))
            elif not document.source_file:
                report(document.outcome("failed", "no original file archived"))
            else:
                stored[archive.path.parent / document.source_file] = document
        for path, parsed in run_in_workers(
            _parse_file, list(stored), context=limits.max_pages, jobs=jobs, limits=limits
        ):
            report(_replace(archive, stored[path], parsed))
    return outcomes


@dataclass
class _Stored:
    """A document as the archive holds it, to be read again."""

    document_id: int
    source_name: str
    source_file: str | None
    sha256: str
    measures: int

    def outcome(
        self, status: RereadStatus, reason: str = "", measures: int | None = None, detail: str = ""
    ) -> RereadOutcome:
        after = self.measures if measures is None else measures
        return RereadOutcome(
            self.document_id, self.source_name, status, reason, self.measures, after, detail
        )


def _replace(archive: Archive, stored: _Stored, parsed: _Parsed | TaskFailure) -> RereadOutcome:
    if isinstance(parsed, TaskFailure):
        reason = f"original {stored.source_file}: {parsed.reason}"
        return stored.outcome("failed", reason, None, parsed.detail)
    if parsed.document.sha256 != stored.sha256:
        return stored.outcome("failed", f"original {stored.source_file} changed since archived")
    document = replace(parsed.document, source_name=stored.source_name)
    try:
        archive.replace(stored.document_id, document)
    except Exception as error:
        reason = f"could not be archived ({type(error).__name__}: {error})".splitlines()[0]
        return stored.outcome("failed", reason, None, traceback.format_exc())
    return stored.outcome("re-read", measures=len(document.measures))
