"""Find and read the three tables of a survey: actors, links and memberships."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from ecosystem.errors import InputFileError
from ecosystem.tables import Table, read_csv, read_xlsx_sheets

logger = logging.getLogger(__name__)

TABLE_NAMES = ("actors", "links", "memberships")


@dataclass
class SurveyTables:
    """The tables of one survey; a table the survey lacks is ``None``."""

    path: Path
    actors: Table | None = None
    links: Table | None = None
    memberships: Table | None = None
    unused: list[str] = field(default_factory=list)


def read_survey(path: Path) -> SurveyTables:
    """Read a survey: an XLSX workbook or a folder of CSV files.

    The workbook has sheets named ``actors``, ``links`` and ``memberships``;
    the folder holds ``actors.csv``, ``links.csv`` and ``memberships.csv``.
    A missing table means the survey has none of that kind.
    """
    path = Path(path)
    if path.is_dir():
        tables, unused = _read_folder(path)
    elif path.is_file() and path.suffix.lower() in (".xlsx", ".xlsm"):
        tables = read_xlsx_sheets(path)
        unused = [f"sheet {name}" for name in tables if name not in TABLE_NAMES]
    elif path.exists():
        raise InputFileError(path, "is neither an XLSX workbook nor a folder of CSV files",
                             "Pass an .xlsx file with sheets actors, links and memberships, "
                             "or a folder with actors.csv, links.csv and memberships.csv.")
    else:
        raise InputFileError(path, "does not exist", "Check the path given to --survey.")
    found = {name: tables.get(name) for name in TABLE_NAMES}
    if not any(found.values()):
        raise InputFileError(path, "holds none of the tables actors, links and memberships",
                             "Name the sheets or CSV files actors, links and memberships.")
    for name, table in found.items():
        if table is None:
            logger.info("%s has no %s table; it is read as empty", path, name)
    return SurveyTables(path, **found, unused=unused)


def _read_folder(folder: Path) -> tuple[dict[str, Table], list[str]]:
    """Read the CSV tables of a survey folder, matching file names in any case.

    Returns the tables and the names of the other CSV and XLSX files, which
    are not read.
    """
    by_name = {child.name.lower(): child for child in sorted(folder.iterdir())
               if child.is_file()}
    tables = {}
    for name in TABLE_NAMES:
        child = by_name.get(f"{name}.csv")
        if child is not None:
            tables[name] = read_csv(child)
    expected = {f"{name}.csv" for name in TABLE_NAMES}
    unused = [f"file {child.name}" for lower, child in by_name.items()
              if lower.endswith((".csv", ".xlsx")) and lower not in expected]
    return tables, unused
