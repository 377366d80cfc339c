"""The code stays ruff-clean and ruff-formatted (configuration in pyproject.toml)."""

from __future__ import annotations

import ast
import subprocess
import sys
from collections import Counter

from conftest import ROOT


def test_ruff_clean():
    for command in (["check", "."], ["format", "--check", "."]):
        result = subprocess.run(
            [sys.executable, "-m", "ruff", *command], cwd=ROOT, capture_output=True, text=True
        )
        assert result.returncode == 0, result.stdout + result.stderr


def test_no_module_defines_a_name_twice():
    """A second ``def`` of a name silently replaces the first for every caller; ruff's F811 misses
    it when the first was referenced from inside a function body."""
    twice = []
    for path in sorted([*ROOT.glob("extract/**/*.py"), *ROOT.glob("normalize/**/*.py")]):
        scopes = [ast.parse(path.read_text("utf-8"))]
        while scopes:
            scope = scopes.pop()
            names = Counter(
                node.name
                for node in scope.body
                if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef)
            )
            twice += [f"{path.relative_to(ROOT)}: {name}" for name, n in names.items() if n > 1]
            scopes += [node for node in scope.body if isinstance(node, ast.ClassDef)]
    assert not twice
