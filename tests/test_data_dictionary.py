"""Check the data dictionary data/README.md against the survey format and the load report.

Each language section must name every table and column of
``ecosystem.survey.columns`` under its English and Dutch name, and no column
that the code lacks. Each column row gives the right required flag and the
allowed codes or their code list. Each section explains every level of the
load report and starts with commands that run.
"""

from __future__ import annotations

import csv
import re
import shlex
import shutil
from functools import lru_cache
from pathlib import Path

import pytest
from click.testing import CliRunner

from ecosystem.cli import main
from ecosystem.load_report import CONVERTED, NOTICE, REJECTED, SKIPPED
from ecosystem.registers.local_governments import LOCAL_GOVERNMENTS_FILE
from ecosystem.registers.municipalities import MERGERS_FILE, MUNICIPALITIES_FILE
from ecosystem.registers.refnis_vocabulary import REFNIS_FOLDER
from ecosystem.registers.schools import SCHOOL_FILES
from ecosystem.rejected_rows import PROBLEM_COLUMN
from ecosystem.resources import example_dir
from ecosystem.survey.columns import CODE, CODES, EXAMPLE_PREFIXES, TABLES, Column, SurveyTable
from ecosystem.survey.fields import allowed_codes
from ecosystem.survey.load import MERGED
from ecosystem.survey.reconcile import DISCUSS

README = Path(__file__).parents[1] / "data" / "README.md"

# Heading of each language section, and the word that starts the "required"
# cell of a required column in that language.
SECTIONS = {"Nederlands": "ja", "English": "yes"}

# Coded columns whose codes the dictionary lists in full. The other coded
# columns name their code list (concept scheme), whose codes are in the
# template's code-list sheet and in the ontology documentation.
LISTED_CODES = {
    ("actors", "kind"),
    ("links", "direction"),
    ("links", "formality"),
    ("links", "initiator"),
    ("links", "reported_by"),
    ("memberships", "role"),
    ("roles", "role"),
    ("roles", "employer_type"),
}

LOAD_REPORT_LEVELS = (REJECTED, SKIPPED, CONVERTED, MERGED, NOTICE, DISCUSS)
REGISTER_NAMES = (MUNICIPALITIES_FILE, MERGERS_FILE, SCHOOL_FILES, LOCAL_GOVERNMENTS_FILE,
                  f"{REFNIS_FOLDER}/")

# Cells of a column table: English header, Dutch header, other accepted
# headers, required, allowed values, meaning.
ENGLISH, DUTCH, ALIASES, REQUIRED, VALUES = range(5)


@lru_cache(maxsize=None)
def section(heading: str) -> str:
    """Return the text under the level-2 heading ``heading``, up to the next one."""
    text = README.read_text(encoding="utf-8")
    match = re.search(rf"^## {re.escape(heading)}\n(.*?)(?=^## |\Z)", text, re.M | re.S)
    assert match is not None, f"{README} has no section '## {heading}'"
    return match.group(1)


def quoted(name: str) -> str:
    """Return ``name`` in backticks, as the dictionary writes names and codes."""
    return f"`{name}`"


def table_block(text: str, table: SurveyTable) -> tuple[str, str]:
    """Return the heading and the body of a table's level-4 section."""
    for match in re.finditer(r"^#### ([^\n]*)\n(.*?)(?=^#|\Z)", text, re.M | re.S):
        heading, body = match.groups()
        if quoted(table.name) in heading and quoted(table.dutch) in heading:
            return heading, body
    raise AssertionError(f"no '#### ' heading names both {quoted(table.name)} and "
                         f"{quoted(table.dutch)}")


def column_rows(body: str) -> dict[str, list[str]]:
    """Return the cells of each body row of the markdown tables in ``body``, by first cell.

    Header rows (the row above a ``|---`` separator) and separators are left out.
    """
    lines = body.splitlines()
    rows = {}
    for number, line in enumerate(lines):
        is_header = number + 1 < len(lines) and lines[number + 1].startswith("|---")
        if not line.startswith("|") or line.startswith("|---") or is_header:
            continue
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        rows[cells[ENGLISH]] = cells
    return rows


def other_names(names: tuple[str, ...], *primary: str) -> list[str]:
    """Return the aliases in ``names`` that differ from the primary names."""
    return [name for name in names if name not in primary]


def table_cases() -> list[tuple[str, SurveyTable]]:
    """Return every (language section, table) pair."""
    return [(heading, table) for heading in SECTIONS for table in TABLES]


def column_cases() -> list[tuple[str, SurveyTable, Column]]:
    """Return every (language section, table, column) triple."""
    return [(heading, table, column) for heading in SECTIONS for table in TABLES
            for column in table.columns]


def case_id(case) -> str:
    """Return a short test id: the section heading, or a table's or column's name."""
    return case if isinstance(case, str) else case.name


@pytest.mark.parametrize(("heading", "table"), table_cases(), ids=case_id)
def test_table_names_in_heading(heading: str, table: SurveyTable):
    title, _ = table_block(section(heading), table)
    for alias in other_names(table.aliases, table.name, table.dutch):
        assert quoted(alias) in title, f"{heading}: heading '{title}' lacks {quoted(alias)}"


@pytest.mark.parametrize(("heading", "table"), table_cases(), ids=case_id)
def test_no_stale_column_documented(heading: str, table: SurveyTable):
    _, body = table_block(section(heading), table)
    documented = set(column_rows(body))
    known = {quoted(column.name) for column in table.columns}
    assert documented - known == set(), f"{heading}: table {table.name} documents columns " \
                                        "that ecosystem.survey.columns does not define"


@pytest.mark.parametrize(("heading", "table", "column"), column_cases(), ids=case_id)
def test_column_row_matches_code(heading: str, table: SurveyTable, column: Column):
    _, body = table_block(section(heading), table)
    rows = column_rows(body)
    assert quoted(column.name) in rows, f"{heading}: table {table.name} has no row for " \
                                        f"{quoted(column.name)}"
    cells = rows[quoted(column.name)]
    assert cells[DUTCH] == quoted(column.dutch), f"{heading}: {table.name}.{column.name} " \
                                                 f"has Dutch header {cells[DUTCH]}"
    for alias in other_names(column.aliases, column.name, column.dutch):
        assert quoted(alias) in cells[ALIASES], f"{heading}: {table.name}.{column.name} " \
                                                f"lacks alias {quoted(alias)}"
    required = cells[REQUIRED].startswith(SECTIONS[heading])
    assert required == column.required, f"{heading}: {table.name}.{column.name} " \
                                        f"required cell '{cells[REQUIRED]}'"


@pytest.mark.parametrize(("heading", "table", "column"),
                         [case for case in column_cases() if case[2].kind in (CODE, CODES)],
                         ids=case_id)
def test_coded_column_values(heading: str, table: SurveyTable, column: Column):
    _, body = table_block(section(heading), table)
    values = column_rows(body)[quoted(column.name)][VALUES]
    if (table.name, column.name) in LISTED_CODES:
        for code in allowed_codes(column.scheme, column.choices).values():
            assert quoted(code) in values, f"{heading}: {table.name}.{column.name} " \
                                           f"lacks code {quoted(code)}"
    else:
        assert quoted(column.scheme) in values, f"{heading}: {table.name}.{column.name} " \
                                                f"does not name code list {column.scheme}"


@pytest.mark.parametrize("heading", SECTIONS)
def test_sections_name_every_column(heading: str):
    text = section(heading)
    for table in TABLES:
        assert quoted(table.name) in text, f"{heading}: table {table.name} is not named"
        assert quoted(table.dutch) in text, f"{heading}: table {table.dutch} is not named"
        for column in table.columns:
            assert quoted(column.name) in text, f"{heading}: {table.name}.{column.name} " \
                                                "is not named"
            assert quoted(column.dutch) in text, f"{heading}: Dutch header {column.dutch} " \
                                                 f"of {table.name}.{column.name} is not named"


@pytest.mark.parametrize("heading", SECTIONS)
def test_load_report_levels_explained(heading: str):
    text = section(heading)
    level_rows = column_rows(text)
    for level in LOAD_REPORT_LEVELS:
        assert quoted(level) in level_rows, f"{heading}: no table row for level {level}"
    assert quoted(PROBLEM_COLUMN) in text


@pytest.mark.parametrize("heading", SECTIONS)
def test_registers_and_prefixes_named(heading: str):
    text = section(heading)
    for name in REGISTER_NAMES:
        assert quoted(name) in text, f"{heading}: register {name} is not described"
    for prefix in EXAMPLE_PREFIXES:
        assert quoted(prefix) in text, f"{heading}: example prefix {prefix} is not named"


def start_commands(text: str) -> list[list[str]]:
    """Return the arguments of the commands in the first code block of a section."""
    match = re.search(r"^```\n(.*?)^```", text, re.M | re.S)
    assert match is not None, "the section has no code block with the first commands"
    return [shlex.split(line) for line in match.group(1).splitlines() if line.strip()]


@pytest.mark.parametrize("heading", SECTIONS)
def test_start_commands_run(heading: str, tmp_path: Path, monkeypatch):
    commands = start_commands(section(heading))
    assert [command[:2] for command in commands] == [["ecosystem", "template"],
                                                     ["ecosystem", "run"]]
    shutil.copytree(example_dir() / "reference", tmp_path / "registers")
    monkeypatch.chdir(tmp_path)
    for command in commands:
        result = CliRunner().invoke(main, command[1:])
        assert result.exit_code == 0, f"{' '.join(command)} failed: {result.output}"
    assert (tmp_path / "sjabloon.xlsx").is_file()
    with (tmp_path / "out" / "load-report.csv").open(encoding="utf-8", newline="") as handle:
        levels = [line["level"] for line in csv.DictReader(handle)]
    assert SKIPPED in levels, "the template's example rows should be skipped"
    assert REJECTED not in levels
