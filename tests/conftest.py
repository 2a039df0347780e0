"""Shared fixtures: the real reference data beside the repository, and small inputs."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest

REFERENCE_DATA = Path(__file__).resolve().parents[2] / "shared" / "reference-data"


@pytest.fixture(scope="session")
def reference_dir() -> Path:
    """Return the folder of real open reference data, or skip when it is absent."""
    if not (REFERENCE_DATA / "municipalities-2025.csv").is_file():
        pytest.skip(f"real reference data not found at {REFERENCE_DATA}")
    return REFERENCE_DATA


@pytest.fixture
def small_reference(tmp_path: Path, reference_dir: Path) -> Path:
    """Return a register folder with the real municipality list and crosswalk only."""
    folder = tmp_path / "reference"
    folder.mkdir()
    for name in ("municipalities-2025.csv", "municipal-mergers-2025.csv"):
        shutil.copy(reference_dir / name, folder / name)
    return folder


def write_csv(path: Path, header: list[str], rows: list[list[str]], *,
              delimiter: str = ";", encoding: str = "utf-8-sig", newline: str = "\r\n") -> Path:
    """Write a small CSV the way a spreadsheet program exports it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator=newline)
    writer.writerow(header)
    writer.writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path
