"""Loading the data files of ``normalize/data`` (read once per process, cached)."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any


@cache
def data_json(name: str) -> Any:
    """The parsed JSON file ``normalize/data/<name>``."""
    return json.loads(_read(name))


@cache
def data_lines(name: str) -> tuple[str, ...]:
    """The non-empty lines of ``normalize/data/<name>``, without ``#`` comment lines."""
    lines = (line.strip() for line in _read(name).splitlines())
    return tuple(line for line in lines if line and not line.startswith("#"))


def _read(name: str) -> str:
    return resources.files("normalize").joinpath("data", name).read_text(encoding="utf-8")
