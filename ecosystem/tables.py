"""Read spreadsheet tables (CSV in any Excel dialect, or an XLSX sheet) as text cells.

Every cell comes back as a string, so that codes keep their leading zeros,
and every row keeps the row number a spreadsheet program shows (the header
is row 1), so that the load report can point at it.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import logging
import re
import unicodedata
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ecosystem.errors import InputFileError

logger = logging.getLogger(__name__)

_DELIMITERS = (";", ",", "\t")
_ZERO_FORMAT = re.compile(r"^0+$")


@dataclass
class Table:
    """Rows of one CSV file or XLSX sheet, with normalised column names.

    ``extra_cells`` maps a row number to the non-empty cells right of the
    last named column. ``repeated_columns`` lists column names that the
    header gives more than once, of which only the first column is read.
    """

    source: str
    columns: list[str]
    rows: list[tuple[int, dict[str, str]]] = field(default_factory=list)
    header_row: int = 1
    extra_cells: dict[int, list[str]] = field(default_factory=dict)
    repeated_columns: list[str] = field(default_factory=list)


def normalise_header(name: object) -> str:
    """Return a column name in lower case with inner spaces and hyphens as underscores."""
    text = unicodedata.normalize("NFC", str(name or "")).replace("\ufeff", "")
    return re.sub(r"[\s\-]+", "_", text.strip().lower())


def decode_csv_bytes(data: bytes) -> str:
    """Decode CSV bytes: UTF-8 or UTF-16 with a byte order mark, else UTF-8, else cp1252.

    Raises :class:`UnicodeDecodeError` when none of them fits.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        # Excel's plain "CSV" export on a Dutch-locale Windows is cp1252. Latin-1
        # would turn its typographic quotes and dashes into control characters.
        return data.decode("cp1252")


# The sep= line that Excel writes, also quoted or followed by more delimiters, as a
# spreadsheet program may save it again.
_SEPARATOR_HINT = re.compile(r'"?sep=(.)"?(?:\1|[ \t])*(\r\n|\r|\n|$)', re.IGNORECASE)


def sniff_delimiter(text: str) -> str:
    """Return the delimiter (``;``, ``,`` or tab) used most in the header line."""
    header = re.split(r"\r\n|\r|\n", text, maxsplit=1)[0]
    unquoted = re.sub(r'"[^"]*"', "", header)
    counts = {delimiter: unquoted.count(delimiter) for delimiter in _DELIMITERS}
    best = max(counts, key=counts.get)
    return best if counts[best] else ";"


def separator_hint(text: str) -> tuple[str, str]:
    """Return the delimiter named by a first line such as ``sep=;``, and the text without it.

    Excel writes and reads that line to fix the delimiter of a CSV file. The
    line is emptied, not removed, so that line numbers stay those of the file.
    Without such a line the delimiter is "".
    """
    match = _SEPARATOR_HINT.match(text)
    if match is None:
        return "", text
    return match.group(1), match.group(2) + text[match.end():]


def read_csv(path: Path, source: str | None = None) -> Table:
    """Read a CSV file in any encoding, delimiter and line ending Excel produces."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputFileError(path, f"cannot be read ({error.strerror})",
                             "Check the path and the file's permissions.") from error
    try:
        text = decode_csv_bytes(data)
    except UnicodeDecodeError as error:
        raise InputFileError(path, "is not a text file in UTF-8, UTF-16 or Windows-1252",
                             "Save it from the spreadsheet program as \"CSV UTF-8\".") from error
    if "\x00" in text:
        raise InputFileError(path, "contains binary data, not CSV text",
                             "Save it from the spreadsheet program as \"CSV UTF-8\".")
    # Strict parsing raises on a quote that is never closed, which would
    # otherwise swallow every following row into one cell.
    delimiter, text = separator_hint(text)
    reader = csv.reader(io.StringIO(text, newline=""),
                        delimiter=delimiter or sniff_delimiter(text), strict=True)
    records = []
    start = 1
    try:
        for record in reader:
            records.append(record)
            start = reader.line_num + 1
    except csv.Error as error:
        if "field larger than field limit" in str(error):
            raise InputFileError(path, f"has a cell longer than {csv.field_size_limit():,} "
                                 f"characters after line {reader.line_num}",
                                 "Shorten that cell; survey answers are codes and short "
                                 "texts.") from error
        raise InputFileError(path, f"cannot be read as CSV from line {start} on ({error})",
                             f"Check line {start} for a quote (\") that is opened but never "
                             "closed, and close or remove it.") from error
    return _table_from_records(source or str(path), records)


def read_xlsx_sheets(path: Path) -> dict[str, Table]:
    """Read every sheet of an XLSX workbook, keyed by normalised sheet name."""
    from openpyxl import load_workbook

    # NOTE: data_only reads the value a spreadsheet program cached for each
    # formula. A workbook written by a script and never recalculated has no
    # cached values, so its formula cells read as empty. Merged cells read as
    # empty apart from their top-left cell.
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (OSError, ValueError, KeyError, zipfile.BadZipFile) as error:
        raise InputFileError(path, f"is not a readable XLSX workbook ({error})",
                             "Save it from Excel or LibreOffice as .xlsx.") from error
    tables = {}
    try:
        for sheet in workbook.worksheets:
            records = [[_cell_text(cell) for cell in row] for row in sheet.iter_rows()]
            name = normalise_header(sheet.title)
            if name in tables:
                raise InputFileError(path, f"has two sheets named {sheet.title!r} (names are "
                                     "compared without regard to case and spaces)",
                                     "Rename or remove one of them.")
            tables[name] = _table_from_records(f"{path}[{sheet.title}]", records)
    finally:
        workbook.close()
    return tables


def _cell_text(cell: object) -> str:
    """Return an XLSX cell as text, keeping zeros that a number format shows."""
    value = getattr(cell, "value", None)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        number_format = getattr(cell, "number_format", "") or ""
        if "%" in number_format:
            # A cell shown as 12% stores 0.12; the survey writes percentages as 12.
            return f"{round(value * 100, 10):g}"
        if isinstance(value, float) and not value.is_integer():
            return repr(value)
        text = str(int(value))
        if _ZERO_FORMAT.match(number_format):
            text = text.zfill(len(number_format))
        return text
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _table_from_records(source: str, records: list[list[str]]) -> Table:
    """Build a table from raw records; the first non-empty record is the header."""
    numbered = [(index + 1, record) for index, record in enumerate(records)]
    numbered = [(number, record) for number, record in numbered if any(_strip(c) for c in record)]
    if not numbered:
        return Table(source, [])
    header_number, header = numbered[0]
    columns = [normalise_header(name) for name in header]
    while columns and not columns[-1]:
        columns.pop()
    table = Table(source, columns, header_row=header_number)
    table.repeated_columns = [c for c, n in Counter(filter(None, columns)).items() if n > 1]
    for number, record in numbered[1:]:
        cells = {}
        for position, column in enumerate(columns):
            if column and column not in cells:
                cells[column] = _strip(record[position]) if position < len(record) else ""
        extra = [_strip(cell) for cell in record[len(columns):] if _strip(cell)]
        extra += [_strip(record[position]) for position, column in enumerate(columns)
                  if not column and position < len(record) and _strip(record[position])]
        if extra:
            table.extra_cells[number] = extra
        table.rows.append((number, cells))
    return table


def _strip(cell: object) -> str:
    """Return a cell's text without surrounding white space and in Unicode NFC."""
    return unicodedata.normalize("NFC", str(cell if cell is not None else "")).strip()
