"""Shared fixtures: the CLI the Python results are compared with, and the repository root."""

import os
import pathlib
import subprocess

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def root() -> pathlib.Path:
    """The repository root (examples/ lives there)."""
    return ROOT


@pytest.fixture(scope="session")
def cli():
    """Runs the hrsnn CLI (HRSNN_CLI, else build/src/cli/hrsnn) and returns its stdout."""
    exe = pathlib.Path(os.environ.get("HRSNN_CLI", ROOT / "build" / "src" / "cli" / "hrsnn"))
    if not exe.is_file():
        pytest.fail(f"{exe}: no hrsnn CLI to compare with; build it (scripts/build.sh) or set HRSNN_CLI")

    def run(*args) -> str:
        p = subprocess.run([str(exe), *map(str, args)], capture_output=True, text=True)
        assert p.returncode == 0, f"hrsnn {' '.join(map(str, args))} failed ({p.returncode}):\n{p.stderr}"
        return p.stdout

    return run
