"""Read the 2025 municipality list and the 2019 -> 2025 merger crosswalk."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from ecosystem import codes
from ecosystem.errors import InputFileError, InvalidCodeError
from ecosystem.load_report import LoadReport
from ecosystem.model import Municipality
from ecosystem.tables import Table, read_csv

logger = logging.getLogger(__name__)

MUNICIPALITIES_FILE = "municipalities-2025.csv"
MERGERS_FILE = "municipal-mergers-2025.csv"


def require_columns(table: Table, path: Path, required: tuple[str, ...]) -> None:
    """Raise :class:`InputFileError` when a register file lacks a required column."""
    missing = [column for column in required if column not in table.columns]
    if missing:
        raise InputFileError(
            path,
            f"missing column(s) {', '.join(missing)}",
            "Use the official export with its original header row.",
        )


def read_municipalities(path: Path, report: LoadReport) -> dict[str, Municipality]:
    """Read ``municipalities-2025.csv`` into municipalities keyed by REFNIS code."""
    table = read_csv(path)
    require_columns(table, path, ("nis_code", "name_nl"))
    report.read_table(table)
    municipalities: dict[str, Municipality] = {}
    for number, cells in table.rows:
        try:
            refnis = codes.refnis_code(cells["nis_code"])
        except InvalidCodeError as error:
            report.reject(table.source, number, "nis_code", cells["nis_code"],
                          error.reason, error.action)
            continue
        municipalities[refnis] = Municipality(
            refnis=refnis,
            name_nl=cells["name_nl"],
            name_fr=cells.get("name_fr", ""),
            province=cells.get("province_nl", ""),
            province_code=cells.get("province_nis", ""),
        )
        report.count_loaded(table.source)
    logger.info("Read %d municipalities from %s", len(municipalities), path)
    return municipalities


@dataclass
class Crosswalk:
    """Map REFNIS codes of any vintage to the 2025 municipality they belong to."""

    municipalities: dict[str, Municipality]
    successors: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # REFNIS code of before 2025 -> the Dutch name it had.
    former_names: dict[str, str] = field(default_factory=dict)

    def to_2025(self, code: str) -> tuple[str | None, bool]:
        """Return ``(2025 code, converted)``; the code is ``None`` when unknown.

        A code of the 2025 list is kept as it is. A code that ended on
        1 January 2025 is converted when the crosswalk gives exactly one
        2025 municipality for it.
        """
        if code in self.municipalities:
            return code, False
        targets = [t for t in self.successors.get(code, ()) if t in self.municipalities]
        if len(targets) == 1:
            return targets[0], True
        return None, False


def read_crosswalk(path: Path, municipalities: dict[str, Municipality],
                   report: LoadReport) -> Crosswalk:
    """Read ``municipal-mergers-2025.csv`` into a :class:`Crosswalk`."""
    table = read_csv(path)
    require_columns(table, path, ("refnis2019_code", "refnis2025_codes"))
    report.read_table(table)
    crosswalk = Crosswalk(municipalities)
    for number, cells in table.rows:
        try:
            old = codes.refnis_code(cells["refnis2019_code"])
            new = tuple(codes.refnis_code(code) for code in
                        cells["refnis2025_codes"].replace(";", " ").split())
        except InvalidCodeError as error:
            report.reject(table.source, number, "refnis2019_code", error.value,
                          error.reason, error.action)
            continue
        crosswalk.successors[old] = new
        if cells.get("name_nl"):
            crosswalk.former_names[old] = cells["name_nl"]
        report.count_loaded(table.source)
    return crosswalk
