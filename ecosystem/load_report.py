"""The load report: every input row that was not loaded as given has a line here."""

from __future__ import annotations

import csv
import logging
from dataclasses import asdict, dataclass, fields
from pathlib import Path

from ecosystem import privacy
from ecosystem.tables import Table

logger = logging.getLogger(__name__)

REJECTED = "rejected"
SKIPPED = "skipped"
CONVERTED = "converted"
NOTICE = "notice"


@dataclass(frozen=True)
class ReportLine:
    """One finding about one input row: where it is, what is wrong, what to do."""

    level: str
    file: str
    row: int | None
    column: str
    value: str
    message: str
    action: str

    def describe(self) -> str:
        """Format the line for a terminal: location first, then the finding."""
        where = self.file
        if self.row is not None:
            where += f", row {self.row}"
        if self.column:
            where += f", column {self.column}"
        value = f" (value {self.value!r})" if self.value != "" else ""
        action = f" {self.action}" if self.action else ""
        return f"{self.level}: {where}{value}: {self.message}.{action}"


class LoadReport:
    """Collect findings while reading inputs, and count rows read and loaded per file."""

    def __init__(self) -> None:
        self.lines: list[ReportLine] = []
        self.rows_read: dict[str, int] = {}
        self.rows_loaded: dict[str, int] = {}
        # Input tables by source name, kept so rejected rows can be copied out.
        self.tables: dict[str, Table] = {}

    def add(
        self,
        level: str,
        file: str,
        row: int | None,
        column: str,
        value: object,
        message: str,
        action: str = "",
    ) -> ReportLine:
        """Record one finding; the caller shows the report, so it is logged at DEBUG only."""
        line = ReportLine(level, file, row, column, privacy.without_emails(_text(value)),
                          message, action)
        self.lines.append(line)
        logger.debug("%s", line.describe())
        return line

    def reject(self, file: str, row: int | None, column: str, value: object,
               message: str, action: str) -> ReportLine:
        """Record a row that was not loaded."""
        return self.add(REJECTED, file, row, column, value, message, action)

    def count_read(self, file: str, rows: int) -> None:
        """Record how many data rows a file held."""
        self.rows_read[file] = self.rows_read.get(file, 0) + rows

    def read_table(self, table: Table) -> None:
        """Record a table that was read: its row count, and the rows for copies of rejects."""
        self.count_read(table.source, len(table.rows))
        self.tables[table.source] = table

    def count_loaded(self, file: str, rows: int = 1) -> None:
        """Record rows of a file that were loaded."""
        self.rows_loaded[file] = self.rows_loaded.get(file, 0) + rows

    @property
    def rejected(self) -> list[ReportLine]:
        """Lines of rows that were not loaded."""
        return [line for line in self.lines if line.level == REJECTED]

    def rows_with(self, level: str, file: str) -> int:
        """Return how many distinct rows of ``file`` have a line of ``level``."""
        return len({line.row for line in self.lines if line.level == level and line.file == file})

    def summary(self) -> list[str]:
        """Return one line per file with rows read, loaded, skipped and rejected."""
        result = []
        for file, read in self.rows_read.items():
            counts = [plural(read, "row") + " read", f"{self.rows_loaded.get(file, 0)} loaded"]
            merged = self.rows_with("merged", file)
            if merged:
                counts.append(f"{merged} merged")
            skipped = self.rows_with(SKIPPED, file)
            if skipped:
                counts.append(f"{skipped} skipped")
            counts.append(f"{self.rows_with(REJECTED, file)} rejected")
            result.append(f"{file}: {', '.join(counts)}")
        return result

    def write_csv(self, path: Path) -> Path:
        """Write every line as UTF-8 CSV with a header row."""
        names = [field.name for field in fields(ReportLine)]
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=names)
            writer.writeheader()
            for line in self.lines:
                record = asdict(line)
                record["row"] = "" if line.row is None else line.row
                writer.writerow(record)
        return path


def plural(count: int, noun: str) -> str:
    """Return ``count`` with ``noun``, adding an s unless the count is one."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def _text(value: object) -> str:
    """Return a value as it should appear in the report."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
