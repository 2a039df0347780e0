"""Write copies of the rejected input rows, so a user can fix them and run again."""

from __future__ import annotations

import csv
import logging
import re
from pathlib import Path, PurePath

from ecosystem import privacy
from ecosystem.load_report import LoadReport
from ecosystem.survey.columns import TABLES
from ecosystem.tables import Table

logger = logging.getLogger(__name__)

PROBLEM_COLUMN = "load_problem"
_SHEET = re.compile(r"^(?P<book>.+)\.xls[xm]\[(?P<sheet>.+)\]$", re.IGNORECASE)


def copy_path(source: str) -> PurePath:
    """Return where the rejected rows of an input file go, relative to the output folder.

    ``survey/links.csv`` keeps its folder and name; a workbook's sheet
    ``partners.xlsx[links]`` becomes ``partners/links.csv``.
    """
    path = PurePath(source.replace("\\", "/"))
    sheet = _SHEET.match(path.name)
    if sheet:
        return PurePath(sheet.group("book"), f"{sheet.group('sheet')}.csv")
    return PurePath(path.parent.name or "input", path.name)


def write_rejected_rows(report: LoadReport, folder: Path) -> list[Path]:
    """Write, per input table, the rejected rows as read plus a column with the problem.

    The copies keep the table's file name and columns, so a fixed copy can
    be passed to a new run. Returns the files written.
    """
    problems: dict[tuple[str, int], list[str]] = {}
    for line in report.rejected:
        if line.row is not None:
            problems.setdefault((line.file, line.row), []).append(
                f"{line.column}: {line.message}. {line.action}".strip())
    written = []
    for source, table in report.tables.items():
        rows = [(number, cells) for number, cells in table.rows if (source, number) in problems]
        if rows:
            written.append(_write(table, rows, problems, folder / copy_path(source)))
    logger.info("Wrote the rejected rows of %d tables to %s", len(written), folder)
    return written


def _write(table: Table, rows, problems, path: Path) -> Path:
    """Write one table's rejected rows as UTF-8 CSV."""
    path.parent.mkdir(parents=True, exist_ok=True)
    # Only the survey's own columns are copied: a column the reader does not
    # know may hold personal data, which the outputs never repeat.
    known = {column.name for spec in TABLES for column in spec.columns}
    register_table = not set(table.columns) & {"actor_id", "source_id", "post_id", "wave"}
    columns = [column for column in dict.fromkeys(table.columns)
               if column and (register_table or column in known)]
    # NOTE: like every CSV output, the copy is comma-separated without a byte order
    # mark, so Excel in a Dutch locale opens it in one column. The reader accepts it.
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(columns + [PROBLEM_COLUMN])
        for number, cells in rows:
            problem = " | ".join(problems[(table.source, number)])
            writer.writerow([_copied(column, cells.get(column, "")) for column in columns]
                            + [problem])
    return path


def _copied(column: str, value: str) -> str:
    """Return a cell as the copy shows it, with contact details of people masked."""
    if column in privacy.CHECKED_COLUMNS:
        return privacy.without_contact_details(value)
    return privacy.without_emails(value)
