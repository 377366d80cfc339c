"""``extract serve``: Datasette on the archive, read-only, with the project's metadata and limits.

The working archive is served mutable (Datasette reads it through ``mode=ro`` connections), so
``extract ingest`` can keep writing to it (WAL) while it is served; new documents show up on the
next request. A copy made by ``extract publish`` is served immutable (``-i`` with its inspect file):
no locks, cached table counts, and facet counts of searches from memory. The original files are
served from ``sources/`` beside the archive at ``/sources/``.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import yaml

from extract.archive import check_archive
from extract.publish import inspect_file, is_published

PROJECT_METADATA = Path(__file__).resolve().parent.parent / "metadata.yml"
METADATA_DATABASE_KEY = "archive"  # the database name metadata.yml is written for
SOURCES_MOUNT = "sources"  # URL path of the source files: /sources/<sha256>.<ext>

# Limits that keep a public archive responsive (measured in shared/research/archive-serving.md):
# suggested facets cost 0.4–1.9 s a page at scale, so they are off; queries stop after 3 s.
SETTINGS: dict[str, Any] = {
    "suggest_facets": False,
    "sql_time_limit_ms": 3000,
    "facet_time_limit_ms": 1000,
    "max_returned_rows": 1000,
    "default_page_size": 50,
    "allow_csv_stream": True,
    "max_csv_mb": 500,
    "allow_download": False,  # the archive grows to GBs; publish snapshots as static files instead
}


def load_metadata(db_path: Path, metadata: Path | None = None) -> dict[str, Any]:
    """metadata.yml with the database it is written for renamed to the archive's file name."""
    data = yaml.safe_load((metadata or PROJECT_METADATA).read_text("utf-8")) or {}
    name = db_path.stem
    databases = data.get("databases", {})
    if METADATA_DATABASE_KEY in databases and name != METADATA_DATABASE_KEY:
        databases[name] = databases.pop(METADATA_DATABASE_KEY)
        for chart in _dashboard_charts(data):
            if chart.get("db") == METADATA_DATABASE_KEY:
                chart["db"] = name
        for dashboard_filter in _dashboard_filters(data):
            if dashboard_filter.get("db") == METADATA_DATABASE_KEY:
                dashboard_filter["db"] = name
    return data


def _dashboards(data: dict[str, Any]) -> list[dict[str, Any]]:
    return list((data.get("plugins", {}).get("datasette-dashboards") or {}).values())


def _dashboard_charts(data: dict[str, Any]) -> list[dict[str, Any]]:
    return [c for d in _dashboards(data) for c in (d.get("charts") or {}).values()]


def _dashboard_filters(data: dict[str, Any]) -> list[dict[str, Any]]:
    return [f for d in _dashboards(data) for f in (d.get("filters") or {}).values()]


def sources_dir(db_path: Path) -> Path:
    """Where ``Archive`` keeps the original files: ``sources/`` beside the archive."""
    return db_path.resolve().parent / SOURCES_MOUNT


def _setting_arg(value: Any) -> str:
    if isinstance(value, bool):
        return "on" if value else "off"
    return str(value)


def datasette_args(db_path: Path, metadata_file: Path, host: str, port: int) -> list[str]:
    if is_published(db_path):
        served = ["-i", str(db_path), "--inspect-file", str(inspect_file(db_path))]
    else:
        served = [str(db_path)]
    args = ["serve", *served, "--metadata", str(metadata_file), "--host", host,
            "--port", str(port)]  # fmt: skip
    for name, value in SETTINGS.items():
        args += ["--setting", name, _setting_arg(value)]
    sources = sources_dir(db_path)
    sources.mkdir(exist_ok=True)
    args += ["--static", f"{SOURCES_MOUNT}:{sources}"]
    return args


def archive_datasette(
    db_path: Path, metadata: Path | None = None, settings: dict[str, Any] | None = None
):
    """The same Datasette ``extract serve`` runs, in this process (for tests and scripts);
    ``settings`` override single settings."""
    from datasette.app import Datasette

    sources = sources_dir(db_path)
    sources.mkdir(exist_ok=True)
    published = is_published(db_path)
    return Datasette(
        files=[] if published else [str(db_path)],
        immutables=[str(db_path)] if published else [],
        inspect_data=(json.loads(inspect_file(db_path).read_text("utf-8")) if published else None),
        metadata=load_metadata(db_path, metadata),
        settings={**SETTINGS, **(settings or {})},
        static_mounts=[(SOURCES_MOUNT, str(sources))],
    )


def serve_archive(
    db_path: Path, *, host: str = "127.0.0.1", port: int = 8001, metadata: Path | None = None
) -> None:
    """Run Datasette in this process until interrupted. The database is opened read-only.

    Raises ``NotAnArchive`` for a file that is not an archive (Datasette would serve any SQLite
    file, and fail on one that is not)."""
    from datasette.cli import cli

    check_archive(db_path)
    with tempfile.TemporaryDirectory(prefix="ita-archive-") as tmp:
        metadata_file = Path(tmp) / "metadata.json"
        metadata_file.write_text(json.dumps(load_metadata(db_path, metadata), ensure_ascii=False))
        cli.main(args=datasette_args(db_path, metadata_file, host, port), prog_name="extract serve")


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as probe:
        probe.bind((host, 0))
        return probe.getsockname()[1]


@contextmanager
def background_server(
    db_path: Path, *, host: str = "127.0.0.1", timeout: float = 60
) -> Iterator[str]:
    """``extract serve`` as a child process on a free port; yields its base URL and stops that
    process (by its id) on exit. For browser tests and the screenshot script."""
    port = free_port(host)
    env = {**os.environ, "PYTHAINLP_OFFLINE": "1", "PYTHAINLP_READ_ONLY": "1"}
    command = [sys.executable, "-m", "extract", "serve", "--db", str(db_path), "--host", host,
               "--port", str(port)]  # fmt: skip
    base_url = f"http://{host}:{port}"
    with tempfile.TemporaryFile("w+", encoding="utf-8") as log:  # a file: a full pipe would block
        server = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            _wait_until_serving(server, base_url, timeout, log)
            yield base_url
        finally:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


def _wait_until_serving(server: subprocess.Popen, base_url: str, timeout: float, log) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            log.seek(0)
            raise RuntimeError(f"extract serve exited:\n{log.read()[-3000:]}")
        try:
            with urllib.request.urlopen(f"{base_url}/-/versions.json", timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(f"extract serve did not answer on {base_url} within {timeout} s")
