"""``extract``: a thin command line over the library (``extract.pipeline``, ``extract.export``, ``extract.serve``).

Exit status: 0 all files succeeded, 1 some file failed (the others still went in), 2 usage error.
"""

from __future__ import annotations

import os
import sqlite3
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from extract.workers import Limits

if TYPE_CHECKING:
    from extract.pipeline import FileOutcome

DEFAULT_DB = "archive.db"


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="ita-archive")
def main() -> None:
    """Archive Thai ITA integrity and transparency reports: ingest, export, serve."""


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option(
    "--db",
    "db_path",
    default=DEFAULT_DB,
    show_default=True,
    type=click.Path(path_type=Path),
    help="Archive file (created if missing).",
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=os.cpu_count() or 1,
    show_default="cores",
    help="Documents parsed in parallel, each in its own worker process.",
)
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
@click.option("--debug", is_flag=True, help="Show the traceback of unexpected failures.")
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
    """
    from extract.pipeline import expand_paths, ingest_paths

    limits = Limits(max_pages=max_pages, timeout=timeout, max_memory_mb=max_memory)
    files = expand_paths(paths, archive=db_path)
    for folder in paths:
        if folder.is_dir() and not any(folder in file.parents for file in files):
            click.echo(f"note: {folder}: no files in this folder", err=True)
    try:
        with _IngestReporter(total=len(files), debug=debug) as reporter:
            summary = ingest_paths(
                files, db_path, jobs=jobs, limits=limits, on_file=reporter.file_done
            )
    except sqlite3.Error as error:  # the archive itself: not a database, no such folder, locked
        if debug:
            raise
        raise click.ClickException(f"cannot use the archive {db_path} ({error})") from error
    click.echo(
        f"{summary.count('added')} added, {summary.count('already archived')} already archived, "
        f"{summary.count('failed')} failed; {summary.measures_added} measures added "
        f"({summary.pages_added} pages) → {db_path}"
    )
    sys.exit(1 if summary.failed else 0)


class _IngestReporter:
    """A progress bar (documents, and pages read) on a terminal; one stderr line per failed file."""

    def __init__(self, total: int, debug: bool) -> None:
        self.debug = debug
        self.progress = None
        self.pages = 0
        if sys.stderr.isatty() and total > 1:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

            self.progress = Progress(
                TextColumn("ingesting"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("documents · {task.fields[pages]:,} pages"),
                console=Console(stderr=True),
                transient=True,
            )
            self.task = self.progress.add_task("ingesting", total=total, pages=0)

    def __enter__(self) -> _IngestReporter:
        if self.progress:
            self.progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.progress:
            self.progress.stop()

    def _line(self, text: str) -> None:
        if self.progress:
            self.progress.console.print(text, markup=False, highlight=False, soft_wrap=True)
        else:
            click.echo(text, err=True)

    def file_done(self, outcome: FileOutcome) -> None:
        if outcome.status == "failed":
            self._line(f"error: {outcome.path}: {outcome.reason}")
            if self.debug and outcome.detail:
                self._line(outcome.detail)
        elif notes := [*outcome.notes, *(["needs OCR"] if outcome.needs_ocr else [])]:
            self._line(f"note: {outcome.path}: {'; '.join(notes)}")
        self.pages += outcome.pages
        if self.progress:
            self.progress.update(self.task, advance=1, pages=self.pages)


@main.command()
@click.option(
    "--db",
    "db_path",
    default=DEFAULT_DB,
    show_default=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
)
@click.option("--format", "fmt", type=click.Choice(["json", "csv"]), required=True)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to this file instead of standard output.",
)
@click.option(
    "--year", type=int, help="Only documents of this Buddhist-era fiscal year, e.g. 2568."
)
@click.option("--agency", help="Only documents whose agency name contains this text.")
def export(
    db_path: Path, fmt: str, output: Path | None, year: int | None, agency: str | None
) -> None:
    """Export the archive as JSON (documents → measures, pages, tables) or CSV (one row per measure)."""
    from extract.export import export_csv, export_json

    text = (export_json if fmt == "json" else export_csv)(db_path, year=year, agency=agency)
    if output:
        output.write_text(text, encoding="utf-8", newline="")
    else:
        sys.stdout.buffer.write(text.encode("utf-8"))


@main.command()
@click.option(
    "--db",
    "db_path",
    default=DEFAULT_DB,
    show_default=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
)
@click.argument("out", type=click.Path(dir_okay=False, path_type=Path))
def publish(db_path: Path, out: Path) -> None:
    """Write OUT: a compact read-only copy of the archive to serve (``extract serve --db OUT``
    serves it immutably), with its Datasette inspect file beside it."""
    from extract.publish import publish_archive

    if out.exists():
        raise click.ClickException(f"{out} exists: publish to a new file")
    inspect = publish_archive(db_path, out)
    click.echo(f"published {out} ({out.stat().st_size / 1e6:,.1f} MB), inspect data {inspect}")


@main.command()
@click.option(
    "--db",
    "db_path",
    default=DEFAULT_DB,
    show_default=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
)
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

    serve_archive(db_path, host=host, port=port, metadata=metadata)


if __name__ == "__main__":
    main()
