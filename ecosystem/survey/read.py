"""Find and read the tables of a survey, with sheet, file and column names in Dutch or English."""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ecosystem.errors import InputFileError
from ecosystem.survey.columns import TABLES, SurveyTable, canonical_columns, table_named
from ecosystem.tables import Table, read_csv, read_xlsx_sheets

logger = logging.getLogger(__name__)

TABLE_NAMES = tuple(table.name for table in TABLES)


@dataclass
class SurveyTables:
    """The tables of one survey; a table the survey lacks is ``None``.

    ``unused`` names the sheets or files of the survey that are no table of it.
    """

    path: Path
    actors: Table | None = None
    links: Table | None = None
    memberships: Table | None = None
    roles: Table | None = None
    waves: Table | None = None
    unused: list[str] = field(default_factory=list)


def read_survey(path: Path) -> SurveyTables:
    """Read a survey: an XLSX workbook or a folder of CSV files.

    Sheets and files are named after their table in English or Dutch
    (``links`` or ``samenwerkingen``, ``links.csv`` or ``samenwerkingen.csv``);
    column headers are renamed to the English column names. A missing table
    means the survey has none of that kind.
    """
    path = Path(path)
    if path.is_dir():
        named = {child.stem: child for child in sorted(path.iterdir())
                 if child.is_file() and child.suffix.lower() in (".csv", ".xlsx")}
        sources = {name: child for name, child in named.items()
                   if child.suffix.lower() == ".csv"}
        unused = [f"file {child.name}" for name, child in named.items()
                  if child.suffix.lower() != ".csv" or table_named(name) is None]
        tables = {name: read_csv(child) for name, child in sources.items()
                  if table_named(name) is not None}
    elif path.is_file() and path.suffix.lower() in (".xlsx", ".xlsm"):
        tables = read_xlsx_sheets(path)
        unused = [f"sheet {name}" for name in tables if table_named(name) is None]
    elif path.exists():
        raise InputFileError(path, "is neither an XLSX workbook nor a folder of CSV files",
                             "Pass an .xlsx file with sheets actors, links and memberships, "
                             "or a folder with actors.csv, links.csv and memberships.csv.")
    else:
        raise InputFileError(path, "does not exist", "Check the path given to --survey.")
    survey = SurveyTables(path, unused=[u for u in unused if not _is_help_sheet(u)])
    for name, table in tables.items():
        spec = table_named(name)
        if spec is None:
            continue
        if getattr(survey, spec.name) is not None:
            raise InputFileError(path, f"contains the {spec.name} table twice (as "
                                 f"{getattr(survey, spec.name).source} and {table.source})",
                                 "Keep one sheet or file per table.")
        setattr(survey, spec.name, _renamed(table, spec))
    if not any(getattr(survey, name) for name in TABLE_NAMES):
        raise InputFileError(path, "contains none of the tables actors, links and memberships",
                             "Name the sheets or CSV files actors, links and memberships "
                             "(or actoren, samenwerkingen and lidmaatschappen).")
    return survey


def _renamed(table: Table, spec: SurveyTable) -> Table:
    """Return ``table`` with Dutch or alias headers renamed to the English column names."""
    mapping = canonical_columns(spec, table.columns)
    table.columns = [mapping.get(column, column) for column in table.columns]
    twice = [name for name, count in Counter(filter(None, table.columns)).items() if count > 1]
    table.repeated_columns = sorted(set(table.repeated_columns) | set(twice))
    renamed_rows = []
    for number, cells in table.rows:
        renamed: dict[str, str] = {}
        for key, value in cells.items():
            renamed.setdefault(mapping.get(key, key), value)
        renamed_rows.append((number, renamed))
    table.rows = renamed_rows
    return table


def _is_help_sheet(unused: str) -> bool:
    """Tell whether an unused sheet is the template's instructions or code lists."""
    return unused.split(" ", 1)[-1] in ("instructies", "instructions", "codelijsten",
                                        "code_lists")
