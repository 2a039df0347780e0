"""Read the official export of school establishments (onderwijsaanbod).

The export is ``;``-separated UTF-8 with a byte order mark and CR line
endings. Its coordinates are Belgian Lambert 72 (EPSG:31370), and its
municipalities carry REFNIS codes of 2019. Each school row yields the school, its CLB with
the mandated CLB link, and its school community with a membership.
"""

from __future__ import annotations

import logging
from functools import lru_cache
from pathlib import Path

from ecosystem import codes
from ecosystem.errors import InvalidCodeError
from ecosystem.load_report import CONVERTED, NOTICE, LoadReport
from ecosystem.model import Actor, Ecosystem, Link, Membership, Site, SourceRow, pair_part
from ecosystem.registers.municipalities import Crosswalk, require_columns
from ecosystem.tables import read_csv

logger = logging.getLogger(__name__)

SCHOOL_FILES = "primary-schools-*.csv"
_REQUIRED = ("schoolnummer", "naam", "niscode")


@lru_cache(maxsize=1)
def _lambert72_to_wgs84():
    """Return a transformer from Belgian Lambert 72 to WGS84 (longitude, latitude)."""
    from pyproj import Transformer

    return Transformer.from_crs("EPSG:31370", "EPSG:4326", always_xy=True)


def lambert72_to_wgs84(x: float, y: float) -> tuple[float, float]:
    """Convert Lambert 72 metres to WGS84 ``(lat, lon)`` in degrees."""
    lon, lat = _lambert72_to_wgs84().transform(x, y)
    return round(lat, 6), round(lon, 6)


def read_school_export(path: Path, ecosystem: Ecosystem, crosswalk: Crosswalk,
                       report: LoadReport) -> int:
    """Add the schools of one export file, their CLBs and school communities.

    Returns the number of schools added.
    """
    table = read_csv(path)
    require_columns(table, path, _REQUIRED)
    report.read_table(table)
    added = 0
    for number, cells in table.rows:
        where = SourceRow(table.source, number)
        school = _school_from_row(cells, where, ecosystem, crosswalk, report)
        if school is None:
            continue
        ecosystem.add_actor(school)
        _add_clb(school, cells, where, ecosystem, report)
        _add_school_community(school, cells, where, ecosystem, report)
        report.count_loaded(table.source)
        added += 1
    logger.info("Read %d schools from %s", added, path)
    return added


def _school_from_row(cells: dict[str, str], where: SourceRow, ecosystem: Ecosystem,
                     crosswalk: Crosswalk, report: LoadReport) -> Actor | None:
    """Return the school a register row describes, or ``None`` after reporting why not."""
    try:
        number = codes.school_number(cells["schoolnummer"])
    except InvalidCodeError as error:
        report.reject(where.file, where.row, "schoolnummer", error.value, error.reason,
                      error.action)
        return None
    if f"school/{number}" in ecosystem.actors:
        report.reject(where.file, where.row, "schoolnummer", number,
                      "this school number appears twice in the register files",
                      "Keep one row per school (the head establishment).")
        return None
    refnis = _refnis_2025(cells["niscode"], where, crosswalk, report)
    if refnis is None:
        return None
    if not cells["naam"]:
        report.reject(where.file, where.row, "naam", "", "the school has no name",
                      "Fill in the school's name.")
        return None
    return Actor(
        key=f"school/{number}",
        kind="school",
        name=cells["naam"],
        refnis=refnis,
        school_number=number,
        governing_body_number=_optional_digits(cells, "bestuur", where, report),
        site=_site(cells, where, report),
        source=where,
    )


def _refnis_2025(value: str, where: SourceRow, crosswalk: Crosswalk,
                 report: LoadReport) -> str | None:
    """Return the 2025 REFNIS code for a register's code, reporting conversions."""
    try:
        code = codes.refnis_code(value)
    except InvalidCodeError as error:
        report.reject(where.file, where.row, "niscode", value, error.reason, error.action)
        return None
    refnis, converted = crosswalk.to_2025(code)
    if refnis is None:
        report.reject(where.file, where.row, "niscode", code,
                      "this REFNIS code is neither a 2025 municipality nor in the merger "
                      "crosswalk",
                      "Correct the code, or add the municipality to municipalities-2025.csv.")
        return None
    if converted:
        name = crosswalk.municipalities[refnis].name_nl
        report.add(CONVERTED, where.file, where.row, "niscode", code,
                   f"REFNIS code of before 2025 converted to {refnis} ({name})")
    return refnis


def _site(cells: dict[str, str], where: SourceRow, report: LoadReport) -> Site:
    """Return the school's head establishment with WGS84 coordinates where given."""
    site = Site(
        street=cells.get("straat", ""),
        house_number=" ".join(filter(None, (cells.get("huisnummer", ""),
                                            cells.get("busnummer", "")))),
        locality=cells.get("gemeente", ""),
    )
    if cells.get("postcode"):
        try:
            site.postcode = codes.postcode(cells["postcode"])
        except InvalidCodeError as error:
            report.add(NOTICE, where.file, where.row, "postcode", error.value,
                       f"{error.reason}; the school is loaded without postcode", error.action)
    x, y = cells.get("lx", ""), cells.get("ly", "")
    if x and y:
        try:
            site.lat, site.lon = lambert72_to_wgs84(float(x.replace(",", ".")),
                                                    float(y.replace(",", ".")))
        except ValueError:
            report.add(NOTICE, where.file, where.row, "lx/ly", f"{x}/{y}",
                       "coordinates are not numbers; the school is loaded without a position",
                       "Give Lambert 72 coordinates in metres.")
    return site


def _optional_digits(cells: dict[str, str], column: str, where: SourceRow,
                     report: LoadReport) -> str:
    """Return a numeric register code as text, or "" after a notice when invalid."""
    value = cells.get(column, "")
    if not value:
        return ""
    text = value[:-2] if value.endswith(".0") else value
    if not text.isdigit():
        report.add(NOTICE, where.file, where.row, column, value,
                   "this code is not a number and was left out",
                   "Copy the code from the official export.")
        return ""
    return text


def _add_clb(school: Actor, cells: dict[str, str], where: SourceRow,
             ecosystem: Ecosystem, report: LoadReport) -> None:
    """Add the school's CLB and the mandated, structural, two-way CLB link."""
    try:
        number = codes.clb_number(_optional_digits(cells, "clb", where, report) or "0")
    except InvalidCodeError:
        return
    school.clb_number = number
    clb = ecosystem.add_actor(Actor(key=f"clb/{number}", kind="welfare", name=f"CLB {number}",
                                    welfare_type="clb", clb_number=number,
                                    name_is_placeholder=True, source=where))
    ecosystem.links.append(Link(
        key=f"collaboration/{pair_part(school.key)}--{pair_part(clb.key)}/mandated",
        source_key=school.key,
        target_key=clb.key,
        direction="two-way",
        formality="structural",
        initiator="both",
        mandated=True,
        source=where,
        reporter="register",
    ))


def _add_school_community(school: Actor, cells: dict[str, str], where: SourceRow,
                          ecosystem: Ecosystem, report: LoadReport) -> None:
    """Add the school's school community (scholengemeenschap) and its membership."""
    number = _optional_digits(cells, "scholengemeenschap", where, report)
    if not number:
        return
    school.school_community_number = number
    community = ecosystem.add_actor(Actor(
        key=f"school-community/{number}", kind="network",
        name=f"Scholengemeenschap {number}", network_type="school-community",
        school_community_number=number, name_is_placeholder=True, source=where,
    ))
    ecosystem.memberships.append(Membership(
        key=f"membership/{pair_part(school.key)}--{pair_part(community.key)}",
        actor_key=school.key,
        network_key=community.key,
        role="member",
        source=where,
    ))
