"""``extract``: a thin command line over the library (``extract.pipeline``, ``extract.export``, ``extract.serve``).

Exit status: 0 all files succeeded, 1 some file failed (the others still went in), 2 usage error.
"""

from __future__ import annotations

import os
import sqlite3
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

import click

from extract.archive import NotAnArchive
from extract.pipeline import (
    FileOutcome,
    IngestSummary,
    RereadOutcome,
    check_working_archive,
    expand_paths,
    ingest_paths,
    readable_path,
    reread_archive,
)
from extract.workers import Limits

DEFAULT_DB = "archive.db"
INTERRUPTED = 130  # the shell's status for a command stopped by Ctrl-C (128 + SIGINT)


class Failure(click.ClickException):
    """One line on standard error, ``error: <what>: <reason>``, and the exit status (2, a usage
    error, unless told)."""

    def __init__(self, subject: object, reason: str, exit_code: int = 2) -> None:
        super().__init__(f"{readable_path(str(subject))}: {reason}")
        self.exit_code = exit_code

    def show(self, file: object = None) -> None:
        click.echo(f"error: {self.format_message()}", err=True)


@contextmanager
def archive_errors(db_path: Path, debug: bool = False) -> Iterator[None]:
    """A --db that is no archive, or that SQLite cannot use, as one line of error (exit 2)."""
    try:
        yield
    except NotAnArchive as error:
        raise Failure(error.path, error.reason) from error
    except sqlite3.Error as error:  # locked, a disk error, a damaged file
        if debug:
            raise
        raise Failure(db_path, f"cannot use the archive ({error})") from error


def check_output_folder(output: Path) -> None:
    """Fail before any work when the folder to write ``output`` in does not exist."""
    folder = output.absolute().parent
    if not folder.is_dir():
        raise Failure(output, f"no such folder {output.parent}")


def note(path: Path, text: str) -> None:
    click.echo(f"note: {readable_path(path)}: {text}", err=True)


Command = TypeVar("Command", bound=Callable[..., object])  # a click command's function


def db_option(help_text: str) -> Callable[[Command], Command]:
    """``--db``, the archive a command works on."""
    return click.option(
        "--db",
        "db_path",
        default=DEFAULT_DB,
        show_default=True,
        type=click.Path(path_type=Path),
        help=help_text,
    )


jobs_option = click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=os.cpu_count() or 1,
    show_default="cores",
    help="Documents parsed in parallel, each in its own worker process.",
)
debug_option = click.option(
    "--debug", is_flag=True, help="Show the traceback of unexpected failures."
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="ita-archive")
def main() -> None:
    """Archive Thai ITA integrity and transparency reports: ingest, export, serve."""


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@db_option("Archive file (created if missing).")
@jobs_option
@click.option(
    "--max-pages",
    type=click.IntRange(min=1),
    default=Limits.max_pages,
    show_default=True,
    help="A document with more pages fails.",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0, min_open=True),
    default=Limits.timeout,
    show_default=True,
    help="Seconds one document may take to read before it fails.",
)
@click.option(
    "--max-memory",
    type=click.IntRange(min=400),
    default=Limits.max_memory_mb,
    show_default=True,
    help="Memory (MB of address space, at least 400) a worker may use for one document.",
)
@debug_option
def ingest(
    paths: tuple[Path, ...],
    db_path: Path,
    jobs: int,
    max_pages: int,
    timeout: float,
    max_memory: int,
    debug: bool,
) -> None:
    """Ingest report files or folders (searched recursively) into the archive.

    The format (PDF, HTML, Word .docx, text dump) is recognised from the bytes. Each document goes in
    one transaction; the same bytes ingested again change nothing. A file that cannot be read, or
    goes past a limit, fails alone with one line on standard error; the others still go in.
    What in a folder is not a regular file (a FIFO, a device) is skipped with a note. Ctrl-C stops
    and tells what went in (exit status 130).
    """
    limits = Limits(max_pages=max_pages, timeout=timeout, max_memory_mb=max_memory)
    reporter, files = _IngestReporter(debug=debug), []
    try:
        with archive_errors(db_path, debug):
            check_working_archive(db_path, new_ok=True)  # before walking folders: fail fast
        files = expand_paths(paths, archive=db_path, on_skip=note)
        for folder in paths:
            if folder.is_dir() and not any(folder in file.parents for file in files):
                note(folder, "no files in this folder")
        with archive_errors(db_path, debug), reporter.progress.showing(total=len(files)):
            ingest_paths(files, db_path, jobs=jobs, limits=limits, on_file=reporter.file_done)
    except KeyboardInterrupt:  # each document went in whole or not at all: say which went in
        echo_summary(reporter.summary, db_path)
        left = len(files) - len(reporter.summary.outcomes)
        click.echo(f"interrupted: {left} of {len(files)} files not ingested", err=True)
        sys.exit(INTERRUPTED)
    echo_summary(reporter.summary, db_path)
    sys.exit(1 if reporter.summary.failed else 0)


def echo_summary(summary: IngestSummary, db_path: Path) -> None:
    click.echo(
        f"{summary.count('added')} added, {summary.count('already archived')} already archived, "
        f"{summary.count('failed')} failed; {summary.measures_added} measures added "
        f"({summary.pages_added} pages) → {db_path}"
    )


class _Progress:
    """A progress bar of the documents done (and the pages read, where ``pages``) on a terminal,
    with the lines printed above it; on anything else, the lines alone."""

    def __init__(self, label: str, *, pages: bool = False) -> None:
        self.label = label
        self.counts_pages = pages
        self.bar = None
        self.pages = 0

    def start(self, total: int) -> None:
        if not (sys.stderr.isatty() and total > 1):
            return
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

        done = "documents · {task.fields[pages]:,} pages" if self.counts_pages else "documents"
        self.bar = Progress(
            TextColumn(self.label),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn(done),
            console=Console(stderr=True),
            transient=True,
        )
        self.task = self.bar.add_task(self.label, total=total, pages=0)
        self.bar.start()

    def stop(self) -> None:
        if self.bar:
            self.bar.stop()
            self.bar = None

    @contextmanager
    def showing(self, total: int) -> Iterator[None]:
        """The bar, while ``total`` documents are done."""
        self.start(total)
        try:
            yield
        finally:
            self.stop()

    def line(self, text: str) -> None:
        if self.bar:
            self.bar.console.print(text, markup=False, highlight=False, soft_wrap=True)
        else:
            click.echo(text, err=True)

    def advance(self, pages: int = 0) -> None:
        self.pages += pages
        if self.bar:
            self.bar.update(self.task, advance=1, pages=self.pages)


class _IngestReporter:
    """The ingest progress bar (documents, and pages read); one stderr line per failed file;
    the summary of the files done so far."""

    def __init__(self, debug: bool) -> None:
        self.debug = debug
        self.progress = _Progress("ingesting", pages=True)
        self.summary = IngestSummary()

    def file_done(self, outcome: FileOutcome) -> None:
        self.summary.outcomes.append(outcome)
        shown = readable_path(outcome.path)
        if outcome.status == "failed":
            self.progress.line(f"error: {shown}: {outcome.reason}")
            if self.debug and outcome.detail:
                self.progress.line(outcome.detail)
        elif notes := [*outcome.notes, *(["needs OCR"] if outcome.needs_ocr else [])]:
            self.progress.line(f"note: {shown}: {'; '.join(notes)}")
        self.progress.advance(outcome.pages)


# --db of the commands that read the archive: checked by the library (one line, not click's usage)
archive_option = db_option("The archive to read.")


def fiscal_year(ctx: click.Context, param: click.Parameter, text: str | None) -> int | None:
    """--year as people write it: Buddhist era (2568, ๒๕๖๘, 68) or common era (2025)."""
    if text is None:
        return None
    from normalize.dates import parse_year_query

    year = parse_year_query(text)
    if year is None:
        raise Failure(f"--year {text}", "not a fiscal year (e.g. 2568, ๒๕๖๘, 68, or 2025 CE)")
    return year


@main.command()
@archive_option
@click.option("--format", "fmt", type=click.Choice(["json", "csv"]), required=True)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to this file instead of standard output.",
)
@click.option(
    "--year",
    callback=fiscal_year,
    help="Only documents of this fiscal year: 2568 (or ๒๕๖๘, 68) in the Buddhist era, 2025 CE.",
)
@click.option(
    "--agency",
    help="Only documents of this agency: part of its name, short (อบต.…) or in full.",
)
def export(
    db_path: Path, fmt: str, output: Path | None, year: int | None, agency: str | None
) -> None:
    """Export the archive as JSON (documents → measures, pages, tables) or CSV (one row per measure)."""
    from extract.export import export_csv, export_json

    if output:
        check_output_folder(output)
    with archive_errors(db_path):
        text = (export_json if fmt == "json" else export_csv)(db_path, year=year, agency=agency)
    if not output:
        sys.stdout.buffer.write(text.encode("utf-8"))
        return
    try:
        output.write_text(text, encoding="utf-8", newline="")
    except OSError as error:
        raise Failure(output, f"cannot write ({error.strerror or error})", exit_code=1) from error


@main.command()
@db_option("The archive whose documents to read again.")
@click.option(
    "--all", "every", is_flag=True, help="Read every document again, not only an older version's."
)
@jobs_option
@debug_option
def reread(db_path: Path, every: bool, jobs: int, debug: bool) -> None:
    """Read the archived originals again with this version's readers.

    The documents an older version of ita-archive read (all of them with --all) are read again
    from the original files kept beside the archive (sources/), each written over its old reading
    in one transaction, under the same id, so links to it stay. A document whose original is
    missing or no longer reads fails alone with one line on standard error and keeps its old
    reading; exit status 1 then.
    """

    progress = _Progress("re-reading")

    def document_done(outcome: RereadOutcome) -> None:
        if outcome.status == "failed":
            progress.line(f"error: {outcome.source_name}: {outcome.reason}")
            if debug and outcome.detail:
                progress.line(outcome.detail)
        progress.advance()

    try:
        with archive_errors(db_path, debug):
            outcomes = reread_archive(
                db_path, every=every, jobs=jobs, on_start=progress.start, on_document=document_done
            )
    finally:
        progress.stop()
    counts = Counter(outcome.status for outcome in outcomes)
    before = sum(o.measures_before for o in outcomes if o.status == "re-read")
    after = sum(o.measures for o in outcomes if o.status == "re-read")
    click.echo(
        f"{counts['re-read']} re-read, {counts['up to date']} up to date, "
        f"{counts['failed']} failed; their measures {before} → {after} → {db_path}"
    )
    sys.exit(1 if counts["failed"] else 0)


@main.command()
@archive_option
@click.argument("out", type=click.Path(dir_okay=False, path_type=Path))
def publish(db_path: Path, out: Path) -> None:
    """Write OUT: a compact read-only copy of the archive to serve (``extract serve --db OUT``
    serves it immutably), with its Datasette inspect file beside it."""
    from extract.publish import publish_archive

    check_output_folder(out)
    if out.exists():
        raise Failure(out, "exists: publish to a new file")
    with archive_errors(db_path):
        inspect = publish_archive(db_path, out)
    click.echo(f"published {out} ({out.stat().st_size / 1e6:,.1f} MB), inspect data {inspect}")


@main.command()
@archive_option
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8001, show_default=True, type=int)
@click.option(
    "--metadata",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Datasette metadata file (default: the project's metadata.yml).",
)
def serve(db_path: Path, host: str, port: int, metadata: Path | None) -> None:
    """Serve the archive read-only with Datasette."""
    from extract.serve import serve_archive

    with archive_errors(db_path):
        serve_archive(db_path, host=host, port=port, metadata=metadata)


if __name__ == "__main__":
    main()
