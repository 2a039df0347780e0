"""Classify each school by the collaborations it has: one decision table.

A collaboration is a link between the school (as source or target) and an
actor that is not a school. Memberships and school-to-school links do not
count. A collaboration with a CLB (pupil guidance centre) is the mandated
one: every school is tied to its CLB by law. Going down the table, the
first rule that applies gives the status.
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

ISOLATED = "isolated"
MANDATED_ONLY = "mandated-only"
ONE_WAY_ONLY = "one-way-only"
AD_HOC_ONLY = "ad-hoc-only"
CONNECTED = "connected"
STATUSES = (ISOLATED, MANDATED_ONLY, ONE_WAY_ONLY, AD_HOC_ONLY, CONNECTED)


@dataclass(frozen=True)
class Collaboration:
    """One collaboration seen from a school: the partner and the link's attributes."""

    partner: str
    direction: str
    formality: str
    mandated: bool


def partner_links(network: nx.MultiDiGraph, school: str) -> list[tuple[str, dict]]:
    """Return ``(partner, edge attributes)`` of each collaboration of ``school``.

    Only links with an actor that is not a school count, and each parallel
    link is returned on its own.
    """
    found = []
    edges = list(network.out_edges(school, data=True)) + list(network.in_edges(school, data=True))
    for source, target, data in edges:
        if data.get("relation") != "collaboration":
            continue
        partner = target if source == school else source
        if network.nodes[partner].get("kind") == "school":
            continue
        found.append((partner, data))
    return found


def collaborations(network: nx.MultiDiGraph, school: str) -> list[Collaboration]:
    """Return every collaboration of ``school`` with an actor that is not a school."""
    return [Collaboration(partner, data["direction"], data["formality"],
                          bool(data.get("mandated")))
            for partner, data in partner_links(network, school)]


def is_mandated(network: nx.MultiDiGraph, collaboration: Collaboration) -> bool:
    """Tell whether a collaboration is the school's tie to a CLB."""
    partner_type = network.nodes[collaboration.partner].get("welfare_type")
    return collaboration.mandated or partner_type == "clb"


def school_status(network: nx.MultiDiGraph, school: str) -> str:
    """Return the status of ``school`` by the decision table of this module."""
    found = collaborations(network, school)
    if not found:
        return ISOLATED
    others = [c for c in found if not is_mandated(network, c)]
    if not others:
        return MANDATED_ONLY
    two_way = [c for c in others if c.direction == "two-way"]
    if not two_way:
        return ONE_WAY_ONLY
    if not any(c.formality == "structural" for c in two_way):
        return AD_HOC_ONLY
    return CONNECTED


def assign_statuses(network: nx.MultiDiGraph) -> None:
    """Set the ``status`` attribute of every school node."""
    for node, data in network.nodes(data=True):
        if data.get("kind") == "school":
            data["status"] = school_status(network, node)
