"""Write the survey workbook that a coordinator fills in, in Dutch or English.

The tables and columns come from :mod:`ecosystem.survey.columns` and every
code from the ontology's concept schemes, so the template offers exactly the
sheets, headers and codes that the survey reader accepts. Grey example rows
at the top of each table sheet start their ids with a prefix of
``EXAMPLE_PREFIXES``, which the reader skips.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import zipfile
from functools import lru_cache
from pathlib import Path

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import to_excel
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter
from rdflib import Literal
from rdflib.namespace import SKOS

from ecosystem.errors import InvalidValueError
from ecosystem.graph.vocabulary import EW, concept, notations, ontology_graph
from ecosystem.survey.columns import (ACTORS, CODE, CODES, DATE, NUMBER, TABLES, YEAR, Column,
                                      SurveyTable)
from ecosystem.survey.template_text import _KIND_TEXT, _TABLE_TEXT, _TEXT

logger = logging.getLogger(__name__)

LANGUAGES = ("nl", "en")
# Rows that get validations and number formats. Row 1 is the header.
FIRST_ROW, LAST_ROW = 2, 1000
# Prefix of the ids in the example rows. Each must be in columns.EXAMPLE_PREFIXES,
# which the reader skips.
EXAMPLE_PREFIX = {"nl": "voorbeeld-", "en": "example-"}
# Fixed document and ZIP entry time, so that two runs write identical files.
FIXED_TIME = dt.datetime(2025, 1, 1)
# Excel's limit for a validation's input message, in characters (MS-XLS, DValStrings).
MAX_PROMPT = 255

_BOLD = Font(bold=True)
_EXAMPLE_FONT = Font(italic=True, color="808080")
_EXAMPLE_FILL = PatternFill("solid", fgColor="F2F2F2")
REQUIRED_FILL = PatternFill("solid", fgColor="F8CBAD")
OPTIONAL_FILL = PatternFill("solid", fgColor="DDEBF7")
_AUTHOR = "edu-welfare-ecosystem"


def write_template(path: Path, *, lang: str = "nl") -> Path:
    """Write the survey workbook to ``path`` in Dutch (``nl``) or English (``en``).

    Returns the path written. Raises :class:`InvalidValueError` for another
    language or a file name that does not end in ``.xlsx``, and ``OSError``
    when the file cannot be written.
    """
    path = Path(path)
    if lang not in LANGUAGES:
        raise InvalidValueError("language", lang, "the template exists in Dutch and English "
                                "only", "Use nl or en.")
    if path.suffix.lower() != ".xlsx":
        raise InvalidValueError("file name", str(path), "the survey reader opens .xlsx "
                                "workbooks only", "Give a file name that ends in .xlsx.")
    workbook = build_template(lang)
    _save(workbook, path)
    logger.info("Wrote the %s survey template to %s", lang, path)
    return path


def build_template(lang: str) -> Workbook:
    """Build the survey workbook in memory: instructions, table sheets and code lists."""
    workbook = Workbook()
    instructions = workbook.active
    instructions.title = _TEXT[lang]["instructions"]
    table_sheets = [workbook.create_sheet(sheet_name(table, lang)) for table in TABLES]
    code_sheet = workbook.create_sheet(_TEXT[lang]["code_lists"])
    ranges = _write_code_lists(code_sheet, lang)
    for sheet, table in zip(table_sheets, TABLES):
        _write_table_sheet(sheet, table, lang, ranges)
    _write_instructions(instructions, lang)
    workbook.properties.title = _TEXT[lang]["title"]
    workbook.properties.creator = _AUTHOR
    workbook.properties.created = FIXED_TIME
    workbook.properties.modified = FIXED_TIME
    return workbook


def sheet_name(table: SurveyTable, lang: str) -> str:
    """Return the sheet name of a table in the template's language."""
    return table.dutch if lang == "nl" else table.name


def header(column: Column, lang: str) -> str:
    """Return the header of a column in the template's language."""
    return column.dutch if lang == "nl" else column.name


def column_codes(column: Column, lang: str) -> list[tuple[str, str, str]]:
    """Return ``(code, label, definition)`` of every code a coded column allows.

    Codes of a concept scheme come in the order of ``ew:rank`` where the
    scheme is a scale, else in the ontology's order. A column with
    ``choices`` and no scheme has no labels or definitions.
    """
    if not column.scheme and not column.choices:
        raise ValueError(f"the coded column {column.name} has neither a scheme nor choices. "
                         "Give it one in ecosystem/survey/columns.py.")
    if not column.scheme:
        return [(choice, "", "") for choice in column.choices]
    return list(_scheme_codes(column.scheme, lang))


@lru_cache(maxsize=None)
def _scheme_codes(scheme: str, lang: str) -> tuple[tuple[str, str, str], ...]:
    """Return ``(code, label, definition)`` of every concept of a scheme, in scale order."""
    graph = ontology_graph()
    found = []
    for code in notations(scheme).values():
        iri = concept(scheme, code)
        rank = graph.value(iri, EW.rank)
        found.append((int(rank) if rank is not None else 0, code,
                      _text_in(graph.objects(iri, SKOS.prefLabel), lang),
                      _text_in(graph.objects(iri, SKOS.definition), lang)))
    found.sort(key=lambda entry: entry[0])
    return tuple((code, label, definition) for _, code, label, definition in found)


def _text_in(literals, lang: str) -> str:
    """Return the literal in language ``lang`` among ``literals``, or "" if there is none."""
    for literal in literals:
        if isinstance(literal, Literal) and literal.language == lang:
            return str(literal)
    return ""


# Code lists


def _write_code_lists(sheet: Worksheet, lang: str) -> dict[tuple[str, str], str]:
    """Write one block of codes per coded column and return each block's code range.

    The range, such as ``'codelijsten'!$B$2:$B$8``, is keyed by
    ``(table.name, column.name)`` and feeds the column's list validation.
    """
    sheet.append(_TEXT[lang]["code_lists_header"])
    _style_header_row(sheet)
    ranges = {}
    quoted = _quote_sheet(sheet.title)
    row = 2
    for table in TABLES:
        for column in table.columns:
            if column.kind not in (CODE, CODES):
                continue
            first = row
            where = f"{sheet_name(table, lang)}: {header(column, lang)}"
            for code, label, definition in column_codes(column, lang):
                for position, value in enumerate((where, code, label, definition), start=1):
                    sheet.cell(row, position, value or None)
                sheet.cell(row, 2).number_format = "@"
                row += 1
            ranges[(table.name, column.name)] = f"{quoted}!$B${first}:$B${row - 1}"
            row += 1  # a blank row between the blocks
    for letter, width in zip("ABCD", (34, 32, 40, 100)):
        sheet.column_dimensions[letter].width = width
    return ranges


def _quote_sheet(title: str) -> str:
    """Return a sheet name quoted for use in a formula."""
    return "'" + title.replace("'", "''") + "'"


# Table sheets


def _write_table_sheet(sheet: Worksheet, table: SurveyTable, lang: str,
                       ranges: dict[tuple[str, str], str]) -> None:
    """Write the header, the example rows, the formats and the validations of a table."""
    _write_header(sheet, table, lang)
    examples = example_rows(lang)[table.name]
    for values in examples:
        sheet.append([values.get(column.name) for column in table.columns])
    _format_cells(sheet, table)
    _grey_examples(sheet, table, len(examples))
    _add_validations(sheet, table, lang, ranges)
    _set_widths(sheet, table, lang, examples)


def _write_header(sheet: Worksheet, table: SurveyTable, lang: str) -> None:
    """Write the frozen header row: bold, coloured by requirement, with help comments."""
    sheet.append([header(column, lang) for column in table.columns])
    for cell, column in zip(sheet[1], table.columns):
        cell.font = _BOLD
        cell.fill = REQUIRED_FILL if column.required else OPTIONAL_FILL
        help_text = column.help_nl if lang == "nl" else column.help_en
        cell.comment = Comment(help_text, _AUTHOR, height=110, width=320)
    sheet.freeze_panes = "A2"


def _format_cells(sheet: Worksheet, table: SurveyTable) -> None:
    """Set the number format of the data rows, so that codes keep their leading zeros."""
    for position, column in enumerate(table.columns, start=1):
        number_format = _number_format(column)
        if number_format is None:
            continue
        for row in range(FIRST_ROW, LAST_ROW + 1):
            sheet.cell(row, position).number_format = number_format


def _number_format(column: Column) -> str | None:
    """Return the cell format of a column: text for ids and codes, None for numbers."""
    if column.kind == DATE:
        return "yyyy-mm-dd"
    if column.kind == YEAR:
        return "0"
    if column.kind == NUMBER:
        return None
    return "@"


def _grey_examples(sheet: Worksheet, table: SurveyTable, count: int) -> None:
    """Grey out the example rows, which the reader skips."""
    for row in sheet.iter_rows(min_row=FIRST_ROW, max_row=FIRST_ROW + count - 1,
                               max_col=len(table.columns)):
        for cell in row:
            cell.font = _EXAMPLE_FONT
            cell.fill = _EXAMPLE_FILL


def _add_validations(sheet: Worksheet, table: SurveyTable, lang: str,
                     ranges: dict[tuple[str, str], str]) -> None:
    """Add a drop-down list to coded columns and range checks to years and dates."""
    text = _TEXT[lang]
    for position, column in enumerate(table.columns, start=1):
        letter = get_column_letter(position)
        if column.kind == CODE:
            title, message = text["invalid_code"]
            validation = DataValidation(type="list", formula1=ranges[(table.name, column.name)],
                                        errorTitle=title,
                                        error=message.format(code_lists=text["code_lists"]))
        elif column.kind == CODES:
            validation = _several_codes_prompt(column, lang)
        elif column.kind == YEAR:
            title, message = text["invalid_year"]
            validation = DataValidation(type="whole", operator="between", formula1="1900",
                                        formula2="2100", errorTitle=title, error=message)
        elif column.kind == DATE:
            title, message = text["invalid_date"]
            first = int(to_excel(dt.date(1900, 1, 1)))
            last = int(to_excel(dt.date(2100, 12, 31)))
            validation = DataValidation(type="date", operator="between", formula1=str(first),
                                        formula2=str(last), errorTitle=title, error=message)
        else:
            continue
        validation.allow_blank = True
        validation.showErrorMessage = column.kind != CODES
        validation.add(f"{letter}{FIRST_ROW}:{letter}{LAST_ROW}")
        sheet.add_data_validation(validation)


def _several_codes_prompt(column: Column, lang: str) -> DataValidation:
    """Return an input message that lists the codes of a column taking several codes.

    A list validation would reject a cell holding two codes, so the cell
    accepts any text and the reader checks each code.
    """
    title, message, short = _TEXT[lang]["several_codes"]
    codes = ", ".join(code for code, _, _ in column_codes(column, lang))
    prompt = message.format(codes=codes)
    if len(prompt) > MAX_PROMPT:
        prompt = short.format(code_lists=_TEXT[lang]["code_lists"])
    return DataValidation(type=None, promptTitle=title, prompt=prompt, showInputMessage=True)


def _set_widths(sheet: Worksheet, table: SurveyTable, lang: str,
                examples: list[dict[str, object]]) -> None:
    """Size each column to its header, its example values and its longest code."""
    for position, column in enumerate(table.columns, start=1):
        texts = [header(column, lang)] + [str(row.get(column.name) or "") for row in examples]
        if column.kind == CODE:
            texts += [code for code, _, _ in column_codes(column, lang)]
        width = min(max(len(text) for text in texts) + 3, 45)
        sheet.column_dimensions[get_column_letter(position)].width = max(width, 10)


def example_rows(lang: str) -> dict[str, list[dict[str, object]]]:
    """Return the example rows of each table, keyed by table name.

    They describe one fictional case: a school and a CAW that work
    together, the school's membership of the local consultation platform
    (LOP), a bridge figure of the CAW who works for the school, and the
    survey wave 2024-2025.
    """
    prefix = EXAMPLE_PREFIX[lang]
    school, caw, lop = prefix + "school", prefix + "caw", prefix + "lop"
    post = prefix + ("brugfiguur" if lang == "nl" else "bridge-figure")
    filled_in = dt.date(2024, 11, 15)
    description = {
        "nl": "Ingevuld door de zorgcoördinator van de school samen met de LOP-coördinator.",
        "en": "Filled in by the school's care coordinator together with the LOP coordinator.",
    }[lang]
    return {
        "actors": [
            {"actor_id": school, "name": "Basisschool Klaverveld", "kind": "school",
             "municipality": "Klaverbeek", "pupils": 214, "indicator_pupil_share": 37.5},
            {"actor_id": caw, "name": "CAW Klaverbeek", "kind": "welfare",
             "welfare_type": "caw", "municipality": "Klaverbeek"},
            {"actor_id": lop, "name": "LOP Basisonderwijs Klaverbeek", "kind": "network",
             "network_type": "lop", "municipality": "Klaverbeek"},
        ],
        "links": [
            {"source_id": school, "target_id": caw, "direction": "two-way",
             "formality": "structural", "initiator": "source",
             "purposes": "case-exchange;referral", "intensity": "cooperation",
             "frequency": "monthly", "barriers": "lack-of-time",
             "facilitators": "one-contact-point", "since": 2019, "reported_by": "source",
             "wave": "2024-2025", "reported_on": filled_in},
        ],
        "memberships": [
            {"actor_id": school, "network_id": lop, "role": "member", "since": 2016},
        ],
        "roles": [
            {"post_id": post, "organisation_id": caw, "role": "bridge-figure",
             "serves": school, "employer_type": "welfare-organisation", "since": 2021},
        ],
        "waves": [
            {"wave": prefix + "2024-2025", "date": filled_in, "description": description},
        ],
    }


# Instructions


def _write_instructions(sheet: Worksheet, lang: str) -> None:
    """Write the instructions: purpose, sheets, rules for filling in, and every column."""
    text = _TEXT[lang]
    sheet.append([text["title"]])
    sheet["A1"].font = Font(bold=True, size=14)
    _paragraphs(sheet, None, text["purpose"])
    _heading(sheet, text["sheets"])
    sheet.append([text["instructions"], text["instructions_line"]])
    for table in TABLES:
        sheet.append([sheet_name(table, lang), _TABLE_TEXT[table.name][lang]])
    sheet.append([text["code_lists"], text["code_lists_line"]])
    _paragraphs(sheet, text["actors_heading"], text["actors"], **_actor_words(lang))
    _paragraphs(sheet, text["codes_heading"], text["codes"], **_code_words(lang))
    _paragraphs(sheet, text["privacy_heading"], text["privacy"])
    _paragraphs(sheet, text["filling_heading"], text["filling"], prefix=EXAMPLE_PREFIX[lang])
    _paragraphs(sheet, text["run_heading"], text["run"])
    _write_column_table(sheet, lang)
    for letter, width in zip("ABCDE", (22, 30, 11, 28, 100)):
        sheet.column_dimensions[letter].width = width


def _actor_words(lang: str) -> dict[str, str]:
    """Return the sheet and header names that the text on referring to actors uses."""
    actors = ACTORS
    return {"actors": sheet_name(actors, lang),
            "actor_id": header(actors.column("actor_id"), lang),
            "school_number": header(actors.column("school_number"), lang)}


def _code_words(lang: str) -> dict[str, str]:
    """Return the names and the sample value that the text on codes uses."""
    several = [column for table in TABLES for column in table.columns if column.kind == CODES]
    sample = ";".join(code for code, _, _ in column_codes(several[0], lang)[:2])
    return {"code_lists": _TEXT[lang]["code_lists"],
            "several": ", ".join(header(column, lang) for column in several),
            "sample": sample}


def _heading(sheet: Worksheet, title: str) -> None:
    """Append a blank row and a bold heading."""
    sheet.append([])
    sheet.append([title])
    sheet.cell(sheet.max_row, 1).font = _BOLD


def _paragraphs(sheet: Worksheet, title: str | None, lines: list[str], **words: str) -> None:
    """Append an optional heading and one row per line, filling in ``words``."""
    if title is None:
        sheet.append([])
    else:
        _heading(sheet, title)
    for line in lines:
        sheet.append([line.format(**words)])


def _write_column_table(sheet: Worksheet, lang: str) -> None:
    """Append a table of every column: sheet, header, required, format and help text."""
    text = _TEXT[lang]
    _heading(sheet, text["columns_heading"])
    sheet.append(text["columns_header"])
    header_row = sheet.max_row
    for cell in sheet[header_row]:
        cell.font = _BOLD
        cell.fill = OPTIONAL_FILL
    for table in TABLES:
        for column in table.columns:
            sheet.append([sheet_name(table, lang), header(column, lang),
                          text["yes"] if column.required else text["no"],
                          _KIND_TEXT[lang][column.kind],
                          column.help_nl if lang == "nl" else column.help_en])


def _style_header_row(sheet: Worksheet) -> None:
    """Make row 1 bold, shaded and frozen."""
    for cell in sheet[1]:
        cell.font = _BOLD
        cell.fill = OPTIONAL_FILL
    sheet.freeze_panes = "A2"


# Saving


def _save(workbook: Workbook, path: Path) -> None:
    """Save the workbook with fixed document and ZIP entry times.

    ``Workbook.save`` stamps the current time into the document properties
    and the ZIP entries. Writing through ``ExcelWriter`` and copying the
    entries with a fixed time makes the file depend on its content only.
    """
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(workbook, archive).write_data()
    fixed_time = FIXED_TIME.timetuple()[:6]
    with zipfile.ZipFile(buffer) as source, \
            zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            copy = zipfile.ZipInfo(entry.filename, date_time=fixed_time)
            copy.compress_type = zipfile.ZIP_DEFLATED
            copy.external_attr = 0o644 << 16
            target.writestr(copy, source.read(entry.filename))
