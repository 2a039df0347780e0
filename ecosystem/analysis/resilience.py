"""Single points of failure: actors whose loss cuts schools off from support.

A school's collaborations are those of
:func:`ecosystem.analysis.status.collaborations`: links with actors that are
not schools, the mandated link with its CLB included. A school whose only
collaboration is with its CLB is at risk if that CLB disappears.

Posts are counted apart: a post is a person of an organisation who works
for a school, such as a bridge figure. When one post is the school's whole
link, the collaboration hangs on one person, and :func:`post_dependence`
lists such posts.
"""

from __future__ import annotations

import logging
from collections import defaultdict

import networkx as nx
import pandas as pd

from ecosystem.analysis.projection import pair_graph
from ecosystem.analysis.status import collaborations

logger = logging.getLogger(__name__)

POST = "post"
FAILURE_COLUMNS = ["iri", "label", "kind", "welfare_type", "refnis", "municipality",
                   "articulation_point", "schools_isolated", "schools_isolated_list",
                   "schools_losing_type", "schools_losing_type_list", "posts"]
POST_DEPENDENCE_COLUMNS = ["post", "organisation", "school", "role",
                           "school_has_other_partners"]


def single_points_of_failure(network: nx.MultiDiGraph) -> pd.DataFrame:
    """List the actors whose removal would cost schools their support.

    Every actor that is not a school is checked, and a school only when it
    is an articulation point. A row appears only where something is lost.
    The columns are:

    * ``articulation_point``: removing the actor splits a connected
      component of the undirected pair graph of every collaboration of the
      whole network.
    * ``schools_isolated`` and ``schools_isolated_list``: schools that have
      at least one collaboration and whose every collaboration is with this
      actor.
    * ``schools_losing_type`` and ``schools_losing_type_list``: schools that
      reach the actor's welfare type through this actor alone, as
      "school label: welfare type" items. These include the isolated
      schools that the actor's type applies to.
    * ``posts``: the schools served by posts of this organisation and by
      no post of another.

    Lists are labels sorted and joined by "; ". Rows are sorted by
    ``schools_isolated`` and ``schools_losing_type``, both descending, then
    by label.
    """
    cut_vertices = set(nx.articulation_points(pair_graph(network)))
    partners = school_partners(network)
    losses = {
        "isolated": _sole_partner_schools(network, partners),
        "losing_type": _sole_type_partner_items(network, partners),
        "posts": _sole_partner_schools(network, post_organisations(network)),
    }
    rows = []
    for node in sorted(network.nodes):
        if network.nodes[node].get("kind") == "school" and node not in cut_vertices:
            continue
        row = _failure_row(network, node, node in cut_vertices, losses)
        if _loses_something(row):
            rows.append(row)
    logger.info("Found %d actors whose removal would cost schools support", len(rows))
    table = pd.DataFrame(rows, columns=FAILURE_COLUMNS)
    table = table.sort_values(["schools_isolated", "schools_losing_type", "label", "iri"],
                              ascending=[False, False, True, True])
    return table.reset_index(drop=True)


def post_dependence(network: nx.MultiDiGraph) -> pd.DataFrame:
    """List each post and school it serves, and whether the school has other partners.

    ``school_has_other_partners`` is False when the school has no
    collaboration with any actor other than the post's organisation, so that
    its link hangs on one person. ``organisation`` and ``school`` are labels.
    Rows are sorted by organisation, school and post.
    """
    partners = school_partners(network)
    rows = []
    for organisation, school, data in network.edges(data=True):
        if data.get("relation") != POST:
            continue
        others = partners.get(school, set()) - {organisation}
        rows.append({
            "post": data.get("post", ""),
            "organisation": _label(network, organisation),
            "school": _label(network, school),
            "role": data.get("role", ""),
            "school_has_other_partners": bool(others),
        })
    rows.sort(key=lambda row: (row["organisation"], row["school"], row["post"]))
    return pd.DataFrame(rows, columns=POST_DEPENDENCE_COLUMNS)


def school_partners(network: nx.MultiDiGraph) -> dict[str, set[str]]:
    """Return, per school, the set of actors it has a collaboration with."""
    return {node: {found.partner for found in collaborations(network, node)}
            for node, data in network.nodes(data=True) if data.get("kind") == "school"}


def post_organisations(network: nx.MultiDiGraph) -> dict[str, set[str]]:
    """Return, per school served by a post, the organisations whose posts serve it."""
    servers: dict[str, set[str]] = {}
    for organisation, school, data in network.edges(data=True):
        if data.get("relation") == POST:
            servers.setdefault(school, set()).add(organisation)
    return servers


def _failure_row(network: nx.MultiDiGraph, node: str, articulation_point: bool,
                 losses: dict[str, dict[str, list[str]]]) -> dict:
    """Return what the network loses without ``node``."""
    data = network.nodes[node]
    isolated = sorted(losses["isolated"].get(node, []))
    losing = sorted(losses["losing_type"].get(node, []))
    return {
        "iri": node,
        "label": data.get("label", ""),
        "kind": data.get("kind", ""),
        "welfare_type": data.get("welfare_type", ""),
        "refnis": data.get("refnis", ""),
        "municipality": data.get("municipality", ""),
        "articulation_point": articulation_point,
        "schools_isolated": len(isolated),
        "schools_isolated_list": "; ".join(isolated),
        "schools_losing_type": len(losing),
        "schools_losing_type_list": "; ".join(losing),
        "posts": "; ".join(sorted(losses["posts"].get(node, []))),
    }


def _sole_partner_schools(network: nx.MultiDiGraph,
                          partners: dict[str, set[str]]) -> dict[str, list[str]]:
    """Map each actor to the labels of the schools that have it as their only partner."""
    found = defaultdict(list)
    for school, partner_set in partners.items():
        if len(partner_set) == 1:
            (partner,) = partner_set
            found[partner].append(_label(network, school))
    return found


def _sole_type_partner_items(network: nx.MultiDiGraph,
                             partners: dict[str, set[str]]) -> dict[str, list[str]]:
    """Map each actor to "school: type" items of schools that reach its type only through it."""
    found = defaultdict(list)
    for school, partner_set in partners.items():
        by_type = defaultdict(list)
        for partner in partner_set:
            welfare_type = network.nodes[partner].get("welfare_type", "")
            if welfare_type:
                by_type[welfare_type].append(partner)
        for welfare_type, same_type in by_type.items():
            if len(same_type) == 1:
                found[same_type[0]].append(f"{_label(network, school)}: {welfare_type}")
    return found


def _loses_something(row: dict) -> bool:
    """Tell whether removing the row's actor costs anything."""
    return bool(row["articulation_point"] or row["schools_isolated"]
                or row["schools_losing_type"] or row["posts"])


def _label(network: nx.MultiDiGraph, node: str) -> str:
    """Return the label of a node, or its IRI when it has none."""
    return network.nodes[node].get("label") or node
