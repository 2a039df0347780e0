"""Suggest partners and networks for schools that work with no one beyond their CLB.

These are suggestions for a coordinator to weigh, not findings: they list
which actors of a missing welfare type lie nearby or already work with
many schools, and which local networks the school has not joined.
"""

from __future__ import annotations

import logging
import math

import networkx as nx
import pandas as pd

from ecosystem.analysis.profiles import (expected_types_for, member_networks, partner_links,
                                         reached_types)
from ecosystem.analysis.status import ISOLATED, MANDATED_ONLY, school_status
from ecosystem.names import fold

logger = logging.getLogger(__name__)

SUGGESTION_COLUMNS = ["school_iri", "school", "refnis", "kind_of_suggestion", "welfare_type",
                      "candidate_iri", "candidate", "distance_km", "candidate_school_partners",
                      "reason"]
PARTNER = "partner"
NETWORK = "network"
STATUSES_TO_SUGGEST_FOR = (ISOLATED, MANDATED_ONLY)
# Mean Earth radius (IUGG), in km.
EARTH_RADIUS_KM = 6371.0088
# Short names of the welfare types for the reason sentences.
TYPE_NAMES = {
    "ocmw": "OCMW",
    "caw": "CAW",
    "huis-van-het-kind": "Huis van het Kind",
    "ckg": "CKG",
    "clb": "CLB",
    "community-work": "community-work",
    "poverty-organisation": "poverty-organisation",
    "homework-support": "homework-support",
    "bridge-figure": "bridge-figure",
    "police-social-service": "police social service",
    "kind-en-gezin": "Kind en Gezin",
    "city-service": "city-service",
    "youth-work": "youth-work",
}


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Return the great-circle distance in km between two WGS84 points, on a sphere."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    d_phi = phi2 - phi1
    d_lambda = math.radians(lon2 - lon1)
    a = math.sin(d_phi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(d_lambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))


def suggest_partners(network: nx.MultiDiGraph, expected: dict[str, tuple[str, ...]] | None = None,
                     limit: int = 3) -> pd.DataFrame:
    """Return suggested partners and networks for each isolated or mandated-only school.

    For each expected welfare type the school does not reach (see
    :func:`ecosystem.analysis.profiles.school_profiles` for ``expected``),
    up to ``limit`` actors of that type are suggested. Actors in the
    school's municipality come first. When it has none, actors elsewhere
    are suggested instead. A candidate is ordered by its distance to the
    school when both have coordinates. Candidates without a distance
    follow, ordered by their number of school partners, most first. Ties go
    by label. A type that no actor in
    the network has gets one row without a candidate. Then comes one row
    per network of the school's municipality that the school has not
    joined. For a partner, ``candidate_school_partners`` is the number of
    schools it collaborates with, and for a network the number of schools
    that are members. ``distance_km`` is the great-circle distance, NaN
    when the school or the candidate has no coordinates. Raises
    :class:`ValueError` when ``limit`` is below 1.
    """
    if limit < 1:
        raise ValueError(f"invalid limit {limit}: give at least 1 candidate per welfare type")
    index = _CandidateIndex(network)
    rows = []
    for school in _schools_to_suggest_for(network):
        data = network.nodes[school]
        expected_here = expected_types_for(expected, data.get("refnis", ""))
        for code in sorted(set(expected_here) - reached_types(network, school)):
            rows.extend(_partner_rows(network, index, school, code, limit))
        rows.extend(_network_rows(network, school))
    table = pd.DataFrame(rows, columns=SUGGESTION_COLUMNS)
    table["distance_km"] = table["distance_km"].astype(float)
    table["candidate_school_partners"] = table["candidate_school_partners"].astype("Int64")
    logger.info("Made %d suggestions", len(table))
    return table


def _schools_to_suggest_for(network: nx.MultiDiGraph) -> list[str]:
    """Return the isolated and mandated-only schools, by municipality and name."""
    schools = [node for node, data in network.nodes(data=True)
               if data.get("kind") == "school"
               and school_status(network, node) in STATUSES_TO_SUGGEST_FOR]
    return sorted(schools, key=lambda node: (network.nodes[node].get("refnis", ""),
                                             network.nodes[node].get("label", ""), node))


class _CandidateIndex:
    """Actors by welfare type, and the number of schools each one works with."""

    def __init__(self, network: nx.MultiDiGraph) -> None:
        self.by_type: dict[str, list[str]] = {}
        schools_of: dict[str, set[str]] = {}
        for node, data in network.nodes(data=True):
            if data.get("kind") in ("school", "network") or not data.get("welfare_type"):
                continue
            self.by_type.setdefault(data["welfare_type"], []).append(node)
            schools_of[node] = set()
        for node, data in network.nodes(data=True):
            if data.get("kind") != "school":
                continue
            for partner, _link in partner_links(network, node):
                if partner in schools_of:
                    schools_of[partner].add(node)
        self.school_partners = {node: len(schools) for node, schools in schools_of.items()}


def _partner_rows(network: nx.MultiDiGraph, index: _CandidateIndex, school: str, code: str,
                  limit: int) -> list[dict]:
    """Return up to ``limit`` suggestion rows for one missing welfare type."""
    refnis = network.nodes[school].get("refnis", "")
    candidates = index.by_type.get(code, [])
    inside = [c for c in candidates if refnis and network.nodes[c].get("refnis") == refnis]
    chosen = inside or candidates
    if not chosen:
        return [_row(network, school, PARTNER, code, "", None, None,
                     f"No {_type_name(code)} partner yet, and the network has no "
                     f"{_type_name(code)} to suggest.")]
    distances = {c: _distance(network.nodes[school], network.nodes[c]) for c in chosen}
    ranked = sorted(chosen, key=lambda c: _candidate_key(network, index, c, distances[c]))
    rows = []
    for candidate in ranked[:limit]:
        distance = distances[candidate]
        partners = index.school_partners[candidate]
        reason = _partner_reason(network, school, candidate, code, distance, partners,
                                 elsewhere=not inside)
        rows.append(_row(network, school, PARTNER, code, candidate, distance, partners, reason))
    return rows


def _candidate_key(network: nx.MultiDiGraph, index: _CandidateIndex, candidate: str,
                   distance: float | None) -> tuple:
    """Return the sort key of a candidate: by distance when known, else by school partners."""
    label = network.nodes[candidate].get("label", candidate)
    if distance is None:
        return (1, 0.0, -index.school_partners[candidate], label, candidate)
    return (0, distance, 0, label, candidate)


def _distance(first: dict, second: dict) -> float | None:
    """Return the distance in km between two actors, or None when one lacks coordinates."""
    points = (first.get("lat"), first.get("lon"), second.get("lat"), second.get("lon"))
    if any(value is None or math.isnan(value) for value in points):
        return None
    return round(haversine_km(*points), 3)


def _partner_reason(network: nx.MultiDiGraph, school: str, candidate: str, code: str,
                    distance: float | None, partners: int, *, elsewhere: bool) -> str:
    """Return the sentence that explains why a candidate is suggested."""
    name = _type_name(code)
    opening = f"No {name} partner yet"
    if elsewhere:
        municipality = network.nodes[school].get("municipality") or "the school's municipality"
        opening += f" and none in {municipality}"
    data = network.nodes[candidate]
    label = data.get("label", candidate)
    # A local government is labelled with its municipality's name: "Boom in Boom" adds nothing.
    where = ""
    if data.get("municipality") and fold(data["municipality"]) != fold(label):
        where = f" in {data['municipality']}"
    facts = _schools_phrase(partners)
    if distance is not None:
        facts = f"is {distance:.1f} km away and {facts}"
    return f"{opening}; {label}{where} {facts}."


def _schools_phrase(count: int) -> str:
    """Return "works with N schools" in words that fit the count."""
    if count == 0:
        return "works with no school yet"
    return f"works with {count} school" + ("" if count == 1 else "s")


def _network_rows(network: nx.MultiDiGraph, school: str) -> list[dict]:
    """Return one row per network of the school's municipality that the school has not joined."""
    refnis = network.nodes[school].get("refnis", "")
    joined = member_networks(network, school)
    local = [node for node, data in network.nodes(data=True)
             if data.get("kind") == "network" and refnis and data.get("refnis") == refnis
             and node not in joined]
    rows = []
    for node in sorted(local, key=lambda n: (network.nodes[n].get("label", ""), n)):
        members = _member_schools(network, node)
        label = network.nodes[node].get("label", node)
        reason = f"Not a member of {label} yet; {_members_phrase(members)}."
        rows.append(_row(network, school, NETWORK, "", node, None, members, reason))
    return rows


def _members_phrase(count: int) -> str:
    """Return how many schools take part in a network, in words that fit the count."""
    if count == 0:
        return "no school is a member yet"
    if count == 1:
        return "1 school is a member"
    return f"{count} schools are members"


def _member_schools(network: nx.MultiDiGraph, network_node: str) -> int:
    """Return the number of schools that are members of a network."""
    return len({source for source, _target, data in network.in_edges(network_node, data=True)
                if data.get("relation") == "membership"
                and network.nodes[source].get("kind") == "school"})


def _row(network: nx.MultiDiGraph, school: str, kind: str, code: str, candidate: str,
         distance: float | None, partners: int | None, reason: str) -> dict:
    """Return one suggestion row."""
    data = network.nodes[school]
    return {
        "school_iri": school,
        "school": data.get("label", school),
        "refnis": data.get("refnis", ""),
        "kind_of_suggestion": kind,
        "welfare_type": code,
        "candidate_iri": candidate,
        "candidate": network.nodes[candidate].get("label", candidate) if candidate else "",
        "distance_km": math.nan if distance is None else distance,
        "candidate_school_partners": partners,
        "reason": reason,
    }


def _type_name(code: str) -> str:
    """Return the short name of a welfare type for a sentence."""
    return TYPE_NAMES.get(code, code)
