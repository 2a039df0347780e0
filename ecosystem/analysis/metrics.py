"""Network measures of each municipality's collaboration network and of its actors.

The collaboration network of a municipality has as nodes its actors: every
actor whose ``refnis`` is the municipality's code, except networks that take
part in no collaboration. A network is a forum that actors join by
membership, so a network without collaborations would only add an isolated
node. The links are the collaborations between two of those actors,
school-to-school links included. Memberships and posts are not
collaborations.

A link to an actor in another municipality counts in the actor's
``degree``, ``in_flows``, ``out_flows`` and ``school_partners`` but in none
of the municipality's measures.

Two views of the links are used:

* the flow graph, a simple directed graph with an arc u -> v when at least
  one collaboration carries a flow from u to v. A one-way link flows from
  its source to its target, and a two-way link flows both ways.
* the pair graph of :func:`ecosystem.analysis.projection.pair_graph`, one
  undirected edge per linked pair with ``strength`` (summed over parallel
  links) and ``distance`` = 1 / strength.

A ratio whose denominator is 0 is NaN. Examples are the shares of schools in
a municipality without schools, and reciprocity or link shares without
links.
"""

from __future__ import annotations

import logging
import math
from fractions import Fraction

import networkx as nx
import pandas as pd

from ecosystem.analysis.projection import pair_graph
from ecosystem.analysis.status import STATUSES
from ecosystem.errors import EcosystemError

logger = logging.getLogger(__name__)

COLLABORATION = "collaboration"
TWO_WAY = "two-way"
STRUCTURAL = "structural"
TOP_BROKERS = 3

SHARE_COLUMNS = [f"share_{status}" for status in STATUSES]
MUNICIPALITY_METRIC_COLUMNS = [
    "refnis", "municipality", "schools", "actors", "collaborations", *STATUSES,
    *SHARE_COLUMNS, "density", "reciprocity", "degree_centralisation", "share_structural",
    "share_two_way", "components", "largest_component", "max_core", "communities",
    "top_brokers",
]
ACTOR_METRIC_COLUMNS = ["iri", "label", "kind", "welfare_type", "degree", "in_flows",
                        "out_flows", "school_partners", "betweenness", "core_number",
                        "community"]


class MissingStatusError(EcosystemError, ValueError):
    """A school of the network has no status yet."""

    def __init__(self, school: str) -> None:
        self.school = school
        super().__init__(f"school {school} has no status. Call "
                         "ecosystem.analysis.status.assign_statuses(network) first.")


class UnknownMunicipalityError(EcosystemError, LookupError):
    """No actor of the network lies in the requested municipality."""

    def __init__(self, refnis: str) -> None:
        self.refnis = refnis
        super().__init__(f"no actor has REFNIS code {refnis!r}. Pass a code from the refnis "
                         "column of municipality_metrics(network).")


def municipality_metrics(network: nx.MultiDiGraph) -> pd.DataFrame:
    """Measure each municipality's collaboration network: one row per municipality.

    A municipality gets a row when at least one actor has its REFNIS code.
    Rows are sorted by code. ``network`` must carry school statuses (see
    :func:`ecosystem.analysis.status.assign_statuses`), or
    :class:`MissingStatusError` is raised. The columns are:

    * ``schools``: schools with the code. ``actors``: nodes of the
      collaboration network. ``collaborations``: its links, parallel links
      counted apart.
    * one count per school status, and ``share_<status>`` = count / schools
      (NaN without schools).
    * ``density``: arcs / (n (n - 1)) of the flow graph over the n actors.
      A pair linked in one direction by several links counts once, and a
      pair with flows both ways counts twice. It is 0 for fewer than two
      actors.
    * ``reciprocity``: the share of arcs u -> v of the flow graph whose
      reverse arc v -> u also exists (NaN without arcs).
    * ``degree_centralisation``: Freeman's sum(max_degree - degree_i) /
      ((n - 1)(n - 2)) on the pair graph (0 for n < 3). A star gives 1 and
      a complete graph gives 0.
    * ``share_structural`` and ``share_two_way``: structural and two-way
      links / collaborations (NaN without collaborations).
    * ``components`` and ``largest_component``: the number of connected
      components of the pair graph, isolated actors included, and the size
      of the largest one.
    * ``max_core``: the largest k with a non-empty k-core of the pair graph.
    * ``communities``: the number of communities of :func:`actor_communities`, where
      each isolated actor is a community of its own.
    * ``top_brokers``: the labels of up to three actors with betweenness
      > 0, highest first, ties broken by label, joined by "; ". Betweenness
      is normalised and uses ``distance``, so a path over strong ties is
      shorter.
    """
    _require_statuses(network)
    members: dict[str, list[str]] = {}
    for node, data in network.nodes(data=True):
        if data.get("refnis"):
            members.setdefault(data["refnis"], []).append(node)
    rows = [_municipality_row(network, refnis, members[refnis]) for refnis in sorted(members)]
    logger.info("Measured the collaboration networks of %d municipalities", len(rows))
    return pd.DataFrame(rows, columns=MUNICIPALITY_METRIC_COLUMNS)


def actor_metrics(network: nx.MultiDiGraph, refnis: str) -> pd.DataFrame:
    """Measure each actor of one municipality's collaboration network, sorted by label.

    The columns are:

    * ``degree``: the actor's collaborations, parallel links counted apart
      and partners in other municipalities included.
    * ``in_flows`` and ``out_flows``: those of its collaborations that flow
      into or out of the actor. A two-way link counts in both.
    * ``school_partners``: the distinct schools it collaborates with,
      anywhere.
    * ``betweenness``: normalised betweenness centrality on the
      municipality's pair graph with ``distance`` as weight.
    * ``core_number``: the largest k of a k-core of that pair graph that
      contains the actor.
    * ``community``: the index of its community in
      :func:`actor_communities`, where community 0 is the largest.

    Raises :class:`UnknownMunicipalityError` when no actor has ``refnis``.
    """
    if not any(data.get("refnis") == refnis for _, data in network.nodes(data=True)):
        raise UnknownMunicipalityError(refnis)
    actors = municipality_actors(network, refnis)
    pairs = municipality_pair_graph(network, actors)
    betweenness = broker_scores(pairs)
    cores = nx.core_number(pairs)
    community_of = {node: index for index, members in enumerate(actor_communities(pairs))
                    for node in members}
    rows = [_actor_row(network, node, betweenness[node], cores[node], community_of[node])
            for node in actors]
    rows.sort(key=lambda row: (row["label"], row["iri"]))
    return pd.DataFrame(rows, columns=ACTOR_METRIC_COLUMNS)


def municipality_actors(network: nx.MultiDiGraph, refnis: str) -> list[str]:
    """Return the sorted nodes of the collaboration network of one municipality."""
    members = [node for node, data in network.nodes(data=True) if data.get("refnis") == refnis]
    return _collaborating_actors(network, members)


def _collaborating_actors(network: nx.MultiDiGraph, members: list[str]) -> list[str]:
    """Return ``members`` sorted, without the networks that take part in no collaboration."""
    actors = [node for node in members
              if network.nodes[node].get("kind") != "network"
              or collaboration_edges(network, node)]
    return sorted(actors)


def collaboration_edges(network: nx.MultiDiGraph, node: str) -> list[tuple[str, str, dict]]:
    """Return every collaboration ``(source, target, attributes)`` of ``node``, with any actor."""
    edges = list(network.out_edges(node, data=True)) + list(network.in_edges(node, data=True))
    return [(source, target, data) for source, target, data in edges
            if data.get("relation") == COLLABORATION and source != target]


def municipality_pair_graph(network: nx.MultiDiGraph, actors: list[str]) -> nx.Graph:
    """Return the pair graph over ``actors`` with sorted nodes and exact distances.

    Community detection and betweenness depend on the order of nodes and
    edges, so the graph is rebuilt in sorted order. ``distance`` becomes a
    :class:`~fractions.Fraction`, because with floats two equally long paths
    can compare unequal and lose their tie: 1/2 + 1/3 + 1/6 sums to
    0.9999999999999999, not 1.
    """
    # pair_graph scans every edge of the graph it gets, so it gets the subgraph.
    pairs = pair_graph(network.subgraph(actors), nodes=actors)
    ordered = nx.Graph()
    ordered.add_nodes_from((node, pairs.nodes[node]) for node in sorted(pairs.nodes))
    edges = sorted(((min(u, v), max(u, v), data) for u, v, data in pairs.edges(data=True)),
                   key=lambda edge: edge[:2])
    for source, target, data in edges:
        exact = Fraction(1) / Fraction(data["strength"])
        ordered.add_edge(source, target, **{**data, "distance": exact})
    return ordered


def flow_graph(pairs: nx.Graph) -> nx.DiGraph:
    """Return the simple directed graph of the flows carried by the links of ``pairs``."""
    flows = nx.DiGraph()
    flows.add_nodes_from(pairs.nodes)
    for _u, _v, edge in pairs.edges(data=True):
        for _key, source, target, data in edge["links"]:
            flows.add_edge(source, target)
            if data.get("direction") == TWO_WAY:
                flows.add_edge(target, source)
    return flows


def actor_communities(pairs: nx.Graph) -> list[list[str]]:
    """Return the communities of ``pairs``, largest first, each a sorted list of nodes.

    Linked actors are split by networkx greedy modularity maximisation
    weighted by ``strength``. The method has no random step, so with the
    sorted input of :func:`municipality_pair_graph` the result is
    reproducible. Each isolated actor forms a community of its own. Ties in
    size are broken by the first node.
    """
    linked = [node for node in pairs if pairs.degree(node) > 0]
    found = []
    if linked:
        subgraph = pairs.subgraph(linked)
        found = [sorted(members) for members in
                 nx.community.greedy_modularity_communities(subgraph, weight="strength")]
    found.extend([node] for node in pairs if pairs.degree(node) == 0)
    return sorted(found, key=lambda members: (-len(members), members[0]))


def broker_scores(pairs: nx.Graph) -> dict[str, float]:
    """Return the normalised betweenness of each node, with ``distance`` as weight."""
    scores = nx.betweenness_centrality(pairs, weight="distance", normalized=True)
    return {node: float(value) for node, value in scores.items()}


def degree_centralisation(pairs: nx.Graph) -> float:
    """Return Freeman's degree centralisation of an undirected simple graph (0 for n < 3)."""
    count = pairs.number_of_nodes()
    if count < 3:
        return 0.0
    degrees = [degree for _, degree in pairs.degree()]
    highest = max(degrees)
    return sum(highest - degree for degree in degrees) / ((count - 1) * (count - 2))


def reciprocity(flows: nx.DiGraph) -> float:
    """Return the share of arcs whose reverse arc also exists, or NaN without arcs."""
    arcs = flows.number_of_edges()
    if not arcs:
        return math.nan
    returned = sum(flows.has_edge(target, source) for source, target in flows.edges)
    return returned / arcs


def _require_statuses(network: nx.MultiDiGraph) -> None:
    """Raise MissingStatusError for the first school without a status."""
    for node, data in sorted(network.nodes(data=True), key=lambda item: item[0]):
        if data.get("kind") == "school" and data.get("status") not in STATUSES:
            raise MissingStatusError(node)


def _municipality_row(network: nx.MultiDiGraph, refnis: str, members: list[str]) -> dict:
    """Return the values of the row of municipality ``refnis`` with nodes ``members``."""
    actors = _collaborating_actors(network, members)
    pairs = municipality_pair_graph(network, actors)
    links = [data for _u, _v, edge in pairs.edges(data=True)
             for _key, _source, _target, data in edge["links"]]
    row = {"refnis": refnis, "municipality": _municipality_name(network, members),
           "actors": len(actors), "collaborations": len(links)}
    row.update(_status_counts(network, members))
    flows = flow_graph(pairs)
    row["density"] = float(nx.density(flows))
    row["reciprocity"] = reciprocity(flows)
    row["degree_centralisation"] = degree_centralisation(pairs)
    row["share_structural"] = _share(sum(d.get("formality") == STRUCTURAL for d in links),
                                     len(links))
    row["share_two_way"] = _share(sum(d.get("direction") == TWO_WAY for d in links), len(links))
    row.update(_structure(pairs))
    return row


def _municipality_name(network: nx.MultiDiGraph, members: list[str]) -> str:
    """Return the alphabetically first municipality name among ``members``, or ""."""
    names = sorted(network.nodes[node].get("municipality") or "" for node in members)
    names = [name for name in names if name]
    return names[0] if names else ""


def _status_counts(network: nx.MultiDiGraph, members: list[str]) -> dict:
    """Return the number of schools, a count per status and a share per status."""
    statuses = [network.nodes[node]["status"] for node in members
                if network.nodes[node].get("kind") == "school"]
    counts = {"schools": len(statuses)}
    for status in STATUSES:
        count = statuses.count(status)
        counts[status] = count
        counts[f"share_{status}"] = _share(count, len(statuses))
    return counts


def _structure(pairs: nx.Graph) -> dict:
    """Return components, k-cores, communities and brokers of a pair graph."""
    components = [len(members) for members in nx.connected_components(pairs)]
    cores = nx.core_number(pairs)
    return {
        "components": len(components),
        "largest_component": max(components, default=0),
        "max_core": int(max(cores.values(), default=0)),
        "communities": len(actor_communities(pairs)),
        "top_brokers": "; ".join(_top_brokers(pairs)),
    }


def _top_brokers(pairs: nx.Graph) -> list[str]:
    """Return the labels of the actors with the highest betweenness above 0."""
    scores = broker_scores(pairs)
    brokers = [node for node, score in scores.items() if score > 0]
    labels = {node: pairs.nodes[node].get("label") or node for node in brokers}
    # Rounding makes scores that differ only by float error a tie, decided by label.
    brokers.sort(key=lambda node: (-round(scores[node], 12), labels[node], node))
    return [labels[node] for node in brokers[:TOP_BROKERS]]


def _actor_row(network: nx.MultiDiGraph, node: str, betweenness: float, core: int,
               community: int) -> dict:
    """Return the values of one actor's row."""
    data = network.nodes[node]
    links = collaboration_edges(network, node)
    partners = {target if source == node else source for source, target, _ in links}
    return {
        "iri": node,
        "label": data.get("label", ""),
        "kind": data.get("kind", ""),
        "welfare_type": data.get("welfare_type", ""),
        "degree": len(links),
        "in_flows": sum(target == node or d.get("direction") == TWO_WAY
                        for _, target, d in links),
        "out_flows": sum(source == node or d.get("direction") == TWO_WAY
                         for source, _, d in links),
        "school_partners": sum(network.nodes[p].get("kind") == "school" for p in partners),
        "betweenness": betweenness,
        "core_number": int(core),
        "community": community,
    }


def _share(count: int, total: int) -> float:
    """Return count / total, or NaN when total is 0."""
    return count / total if total else math.nan
