"""Profile each school: its partners by welfare type, and the types it still lacks.

A school is expected to work with a set of welfare types. By default these
are the OCMW, the CAW, the Huis van het Kind and the CLB; a municipality can
set its own list in a small CSV file (see :func:`read_expected_types`). A
type counts as reached when the school has a collaboration, of any kind,
with an actor of that type.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path

import networkx as nx
import pandas as pd

from ecosystem import codes
from ecosystem.analysis.projection import intensity_rank
from ecosystem.analysis.status import partner_links, school_status
from ecosystem.errors import InputFileError, InvalidCodeError
from ecosystem.graph.vocabulary import notations
from ecosystem.tables import read_csv

logger = logging.getLogger(__name__)

DEFAULT_EXPECTED_TYPES = ("ocmw", "caw", "huis-van-het-kind", "clb")
BRIDGE_FIGURE = "bridge-figure"
PROFILE_COLUMNS = ["iri", "school_number", "name", "refnis", "municipality", "status",
                   "partners", "partners_by_type", "welfare_types", "expected_types",
                   "missing_types", "highest_intensity", "share_two_way", "share_structural",
                   "networks", "bridge_figure", "pupils", "indicator_pupil_share"]


def expected_types_for(expected: dict[str, tuple[str, ...]] | None, refnis: str) -> tuple[str, ...]:
    """Return the welfare types expected in a municipality, or the default ones."""
    if expected and refnis in expected:
        return tuple(expected[refnis])
    return DEFAULT_EXPECTED_TYPES


def partner_type(network: nx.MultiDiGraph, partner: str) -> str:
    """Return a partner's welfare type, or its kind when it has none (a bridge organisation)."""
    data = network.nodes[partner]
    return data.get("welfare_type") or data.get("kind") or ""


def reached_types(network: nx.MultiDiGraph, school: str) -> set[str]:
    """Return the welfare-type codes of the partners ``school`` collaborates with."""
    partners = {partner for partner, _data in partner_links(network, school)}
    types = {network.nodes[partner].get("welfare_type") for partner in partners}
    return {code for code in types if code}


def member_networks(network: nx.MultiDiGraph, actor: str) -> set[str]:
    """Return the IRIs of the networks ``actor`` is a member of."""
    return {target for _source, target, data in network.out_edges(actor, data=True)
            if data.get("relation") == "membership"}


def school_profiles(network: nx.MultiDiGraph,
                    expected: dict[str, tuple[str, ...]] | None = None) -> pd.DataFrame:
    """Return one row per school with its partners, the types it reaches and those it lacks.

    ``expected`` maps a REFNIS code to the welfare types expected there; a
    municipality missing from it uses :data:`DEFAULT_EXPECTED_TYPES`. The
    shares of two-way and structural links are taken over the school's
    collaborations (parallel links count one by one) and are NaN for a
    school without collaborations. The status is computed here, so the
    network needs no statuses assigned beforehand.
    """
    rows = [_profile_row(network, node, data, expected)
            for node, data in network.nodes(data=True) if data.get("kind") == "school"]
    table = pd.DataFrame(rows, columns=PROFILE_COLUMNS)
    # A column of whole numbers with gaps would become floats and print as 245.0.
    table["pupils"] = table["pupils"].astype("Int64")
    order = table["school_number"].map(lambda number: int(number) if number else 10**9)
    table = table.assign(_order=order).sort_values(["refnis", "_order", "name", "iri"])
    return table.drop(columns="_order").reset_index(drop=True)


def _profile_row(network: nx.MultiDiGraph, node: str, data: dict,
                 expected: dict[str, tuple[str, ...]] | None) -> dict:
    """Return the values of one school's profile."""
    links = partner_links(network, node)
    reached = reached_types(network, node)
    expected_here = expected_types_for(expected, data.get("refnis", ""))
    networks = sorted(network.nodes[n].get("label", n) for n in member_networks(network, node))
    return {
        "iri": node,
        "school_number": data.get("school_number", ""),
        "name": data.get("label", node),
        "refnis": data.get("refnis", ""),
        "municipality": data.get("municipality", ""),
        "status": school_status(network, node),
        "partners": len({partner for partner, _data in links}),
        "partners_by_type": _partners_by_type(network, links),
        "welfare_types": ";".join(sorted(reached)),
        "expected_types": ";".join(sorted(expected_here)),
        "missing_types": ";".join(sorted(set(expected_here) - reached)),
        "highest_intensity": highest_intensity(data.get("intensity") for _partner, data in links),
        "share_two_way": _share(links, "direction", "two-way"),
        "share_structural": _share(links, "formality", "structural"),
        "networks": "; ".join(networks),
        "bridge_figure": has_bridge_figure(network, node),
        "pupils": data.get("pupils"),
        "indicator_pupil_share": data.get("indicator_pupil_share"),
    }


def _partners_by_type(network: nx.MultiDiGraph, links: list[tuple[str, dict]]) -> str:
    """Return "code:count" per partner type, sorted by code; a partner counts once."""
    counts: dict[str, int] = {}
    for partner in {partner for partner, _data in links}:
        code = partner_type(network, partner)
        counts[code] = counts.get(code, 0) + 1
    return "; ".join(f"{code}:{counts[code]}" for code in sorted(counts))


def highest_intensity(intensities: Iterable[str]) -> str:
    """Return the intensity code with the highest rank, or "" when no code is given."""
    codes_given = sorted({code for code in intensities if code})
    if not codes_given:
        return ""
    return max(codes_given, key=intensity_rank)


def _share(links: list[tuple[str, dict]], attribute: str, value: str) -> float:
    """Return the share of links whose ``attribute`` equals ``value``, or NaN for no links."""
    if not links:
        return float("nan")
    return sum(data.get(attribute) == value for _partner, data in links) / len(links)


def has_bridge_figure(network: nx.MultiDiGraph, school: str) -> bool:
    """Tell whether a bridge figure works for ``school``.

    That is the case when a post with the role bridge-figure serves the
    school, or when the school collaborates with a bridge-figure
    organisation (welfare type bridge-figure, or an actor of kind
    bridge-organisation).
    """
    for _source, _target, data in network.in_edges(school, data=True):
        if data.get("relation") == "post" and data.get("role") == BRIDGE_FIGURE:
            return True
    for partner, _data in partner_links(network, school):
        attributes = network.nodes[partner]
        if attributes.get("welfare_type") == BRIDGE_FIGURE:
            return True
        if attributes.get("kind") == "bridge-organisation":
            return True
    return False


def read_expected_types(path: Path) -> dict[str, tuple[str, ...]]:
    """Read a CSV of ``refnis,welfare_types`` into the expected types per municipality.

    ``welfare_types`` lists welfare-type codes separated by ``;``, for
    example ``ocmw;caw;clb``. Any delimiter and encoding a spreadsheet
    program writes is accepted. Raises :class:`InputFileError` for a missing
    column, an invalid REFNIS code, an unknown or empty type list, or a
    municipality listed twice.
    """
    path = Path(path)
    table = read_csv(path)
    missing = [name for name in ("refnis", "welfare_types") if name not in table.columns]
    if missing:
        raise InputFileError(path, f"missing column(s) {', '.join(missing)}",
                             "Give a header row with the columns refnis and welfare_types.")
    expected: dict[str, tuple[str, ...]] = {}
    for number, cells in table.rows:
        refnis = _refnis_cell(path, number, cells["refnis"])
        if refnis in expected:
            raise InputFileError(path, f"row {number}: REFNIS code {refnis} is listed twice",
                                 "Keep one row per municipality.")
        expected[refnis] = _types_cell(path, number, cells["welfare_types"])
    logger.info("Read expected welfare types for %d municipalities from %s", len(expected), path)
    return expected


def _refnis_cell(path: Path, number: int, value: str) -> str:
    """Return the canonical REFNIS code of a cell, or raise :class:`InputFileError`."""
    try:
        return codes.refnis_code(value)
    except InvalidCodeError as error:
        raise InputFileError(path, f"row {number}: invalid REFNIS code {value!r} "
                             f"({error.reason})", error.action) from error


def _types_cell(path: Path, number: int, value: str) -> tuple[str, ...]:
    """Return the welfare-type codes of a cell, or raise :class:`InputFileError`."""
    known = notations("welfare-type")
    parts = [part.strip() for part in value.split(";") if part.strip()]
    if not parts:
        raise InputFileError(path, f"row {number}: no welfare types given",
                             "List at least one welfare-type code, or remove the row to "
                             "use the default types " + ";".join(DEFAULT_EXPECTED_TYPES) + ".")
    unknown = [part for part in parts if part.lower() not in known]
    if unknown:
        raise InputFileError(path, f"row {number}: unknown welfare type(s) "
                             f"{', '.join(unknown)}",
                             "Use the codes " + ", ".join(sorted(known.values())) + ".")
    return tuple(dict.fromkeys(known[part.lower()] for part in parts))
