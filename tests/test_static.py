"""The code stays clean for ruff and mypy (their configuration is in pyproject.toml)."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from conftest import ROOT


@pytest.mark.parametrize("tool", [["ruff", "check", "src", "tests", "scripts", "benchmarks"], ["mypy"]])
def test_static_checks_pass(tool: list[str]) -> None:
    if shutil.which(tool[0]) is None and not (ROOT / ".venv" / "bin" / tool[0]).exists():
        pytest.skip(f"{tool[0]} is not installed (pip install -e '.[test]')")
    result = subprocess.run([sys.executable, "-m", *tool], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
