"""``extract serve``: Datasette on the archive, read-only, with the project's metadata and limits."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

import yaml

PROJECT_METADATA = Path(__file__).resolve().parent.parent / "metadata.yml"
METADATA_DATABASE_KEY = "archive"  # the database name metadata.yml is written for

# Limits that keep a public archive responsive (measured in shared/research/archive-serving.md):
# suggested facets cost 0.4–1.9 s a page at scale, so they are off.
SETTINGS = {
    "suggest_facets": "off",
    "sql_time_limit_ms": "3000",
    "facet_time_limit_ms": "1000",
    "max_returned_rows": "1000",
    "default_page_size": "50",
    "allow_csv_stream": "on",
    "max_csv_mb": "500",
}


def load_metadata(db_path: Path, metadata: Path | None = None) -> dict[str, Any]:
    """metadata.yml with its database section renamed to the archive's file name."""
    data = yaml.safe_load((metadata or PROJECT_METADATA).read_text("utf-8")) or {}
    databases = data.get("databases", {})
    if METADATA_DATABASE_KEY in databases and db_path.stem != METADATA_DATABASE_KEY:
        databases[db_path.stem] = databases.pop(METADATA_DATABASE_KEY)
    return data


def datasette_args(db_path: Path, metadata_file: Path, host: str, port: int) -> list[str]:
    args = ["serve", str(db_path), "--metadata", str(metadata_file), "--host", host,
            "--port", str(port)]  # fmt: skip
    for name, value in SETTINGS.items():
        args += ["--setting", name, value]
    sources = db_path.resolve().parent / "sources"
    sources.mkdir(exist_ok=True)
    args += ["--static", f"sources:{sources}"]
    return args


def serve_archive(
    db_path: Path, *, host: str = "127.0.0.1", port: int = 8001, metadata: Path | None = None
) -> None:
    """Run Datasette in this process until interrupted. The database is opened read-only."""
    from datasette.cli import cli

    with tempfile.TemporaryDirectory(prefix="ita-archive-") as tmp:
        metadata_file = Path(tmp) / "metadata.json"
        metadata_file.write_text(json.dumps(load_metadata(db_path, metadata), ensure_ascii=False))
        cli.main(args=datasette_args(db_path, metadata_file, host, port), prog_name="extract serve")
