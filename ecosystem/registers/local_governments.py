"""Read the register of local governments (municipalities and OCMWs, 2019 codes).

The project keeps one local-government actor per 2025 municipality: the
municipality together with its OCMW (public centre for social welfare).
Where 2025 mergers joined several former administrations, that actor
records each of them as a former unit with its KBO number.
"""

from __future__ import annotations

import logging
from pathlib import Path

from ecosystem import codes
from ecosystem.errors import InvalidCodeError
from ecosystem.load_report import CONVERTED, NOTICE, SKIPPED, LoadReport
from ecosystem.model import Actor, Ecosystem, FormerUnit, SourceRow
from ecosystem.registers.municipalities import Crosswalk, require_columns
from ecosystem.tables import read_csv

logger = logging.getLogger(__name__)

LOCAL_GOVERNMENTS_FILE = "local-governments-2022.csv"
_KEPT_CLASSIFICATIONS = {"gemeente", "ocmw"}


def local_government_key(refnis: str) -> str:
    """Return the key of the local government of a 2025 municipality."""
    return f"local-government/{refnis}"


def read_local_governments(path: Path, ecosystem: Ecosystem, crosswalk: Crosswalk,
                           report: LoadReport) -> int:
    """Add one local-government actor per 2025 municipality found in the register.

    Rows that describe no 2025 municipality's local government (districts,
    provinces, administrations dissolved before 2019) are skipped with a line
    in the report. Returns the number of local-government actors added.
    """
    table = read_csv(path)
    require_columns(table, path, ("naam", "classificatie", "nis2019"))
    report.read_table(table)
    before = len(ecosystem.actors)
    for number, cells in table.rows:
        where = SourceRow(table.source, number)
        refnis = _refnis_2025(cells, where, crosswalk, report)
        if refnis is None:
            continue
        actor = ecosystem.add_actor(Actor(
            key=local_government_key(refnis),
            kind="local-government",
            name=crosswalk.municipalities[refnis].name_nl,
            refnis=refnis,
            welfare_type="ocmw",
            source=where,
        ))
        actor.former_units.append(_former_unit(cells, where, report))
        report.count_loaded(table.source)
    added = len(ecosystem.actors) - before
    logger.info("Read %d local governments from %s", added, path)
    return added


def _refnis_2025(cells: dict[str, str], where: SourceRow, crosswalk: Crosswalk,
                 report: LoadReport) -> str | None:
    """Return the 2025 municipality of a row, or ``None`` after a skip notice."""
    classification = cells["classificatie"]
    if classification.lower() not in _KEPT_CLASSIFICATIONS:
        report.add(SKIPPED, where.file, where.row, "classificatie", classification,
                   f"{cells['naam']} is a {classification}, not a municipality or OCMW")
        return None
    value = cells["nis2019"]
    if not value:
        report.add(SKIPPED, where.file, where.row, "nis2019", "",
                   f"{cells['naam']} has no REFNIS code: an administration dissolved "
                   "before 2019")
        return None
    try:
        code = codes.refnis_code(value)
    except InvalidCodeError as error:
        report.reject(where.file, where.row, "nis2019", value, error.reason, error.action)
        return None
    refnis, converted = crosswalk.to_2025(code)
    if refnis is None:
        report.add(SKIPPED, where.file, where.row, "nis2019", code,
                   f"{cells['naam']}: this code is no 2025 municipality and not in the "
                   "merger crosswalk")
    elif converted:
        name = crosswalk.municipalities[refnis].name_nl
        report.add(CONVERTED, where.file, where.row, "nis2019", code,
                   f"REFNIS code of before 2025 converted to {refnis} ({name})")
    return refnis


def _former_unit(cells: dict[str, str], where: SourceRow, report: LoadReport) -> FormerUnit:
    """Return the administration a row describes, as a former unit."""
    kbo = ""
    if cells.get("kbo"):
        try:
            kbo = codes.kbo_number(cells["kbo"])
        except InvalidCodeError as error:
            report.add(NOTICE, where.file, where.row, "kbo", error.value,
                       f"{error.reason}; the administration is kept without KBO number",
                       error.action)
    return FormerUnit(
        uri=cells.get("uri", ""),
        name=cells["naam"],
        classification=cells["classificatie"],
        kbo_number=kbo,
        refnis2019=codes.refnis_code(cells["nis2019"]),
    )
