"""Shared test fixtures: paths, and archives built from real inputs."""

from __future__ import annotations

import asyncio
import importlib.util
import json
import os
import sqlite3
import sys
from pathlib import Path
from types import ModuleType

import pytest

os.environ.setdefault("PYTHAINLP_OFFLINE", "1")
os.environ.setdefault("PYTHAINLP_READ_ONLY", "1")

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
FIXTURES = ROOT / "tests" / "fixtures"
SAMPLE_DUMP = SHARED / "samples" / "khaokrapuk-2568.dump.txt"
SAMPLE_EXPECTED = SHARED / "samples" / "khaokrapuk-2568.expected.json"
EXPORT_SCHEMA = SHARED / "spec" / "export.schema.json"


def script_module(name: str) -> ModuleType:
    """A module of scripts/ that is no package module (the wrap label builder, evaluator and
    trainer), loaded from its file."""
    spec = importlib.util.spec_from_file_location(
        f"scripts_{name}", ROOT / "scripts" / f"{name}.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while it loads
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def sample_archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An archive holding the real sample report (read from ../shared, never copied)."""
    from extract.pipeline import ingest_paths

    db = tmp_path_factory.mktemp("sample") / "archive.db"
    summary = ingest_paths([SAMPLE_DUMP], db)
    assert summary.count("added") == 1, summary.failed
    return db


def get_json(ds, path: str) -> dict:
    """A Datasette JSON page through its in-process client; it must answer 200."""
    response = asyncio.run(ds.client.get(path))
    assert response.status_code == 200, response.text
    return response.json()


def cell_texts(row: sqlite3.Row) -> list[str]:
    """The texts of a stored measure's cells, in column order, lists flattened."""
    return [
        row["title"],
        *json.loads(row["methods"]),
        *json.loads(row["responsible"]),
        row["period"],
        *json.loads(row["results"]),
        *json.loads(row["outcomes"]),
        *json.loads(row["extra"] or "{}").values(),
    ]
