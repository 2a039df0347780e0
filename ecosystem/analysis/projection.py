"""Undirected views of the collaboration network that keep every link.

Algorithms such as components, articulation points, k-cores and
communities need an undirected graph. :func:`pair_graph` builds one
explicitly: one edge per pair of actors that keeps the list of every link
between them with its attributes, so nothing is lost.

Weights are strengths: a stronger tie gets a larger ``strength`` and a
shorter ``distance`` (1 / strength), which path-based measures such as
betweenness use.
"""

from __future__ import annotations

import networkx as nx

from ecosystem.graph.vocabulary import concept_rank

COLLABORATION = "collaboration"


def intensity_rank(notation: str) -> int:
    """Return the rank of an intensity code on its scale (1 = awareness), or 0 for none."""
    return concept_rank("intensity", notation) if notation else 0


def link_strength(data: dict) -> float:
    """Return the strength of one collaboration.

    1 for any collaboration, plus 1 if it is two-way, plus 1 if it is
    structural, plus (rank - 1) of its intensity when one is given
    (awareness adds 0, integration adds 4): from 1 to 7.
    """
    strength = 1.0
    strength += data.get("direction") == "two-way"
    strength += data.get("formality") == "structural"
    rank = intensity_rank(data.get("intensity", ""))
    if rank:
        strength += rank - 1
    return strength


def pair_graph(network: nx.MultiDiGraph, relations: tuple[str, ...] = (COLLABORATION,),
               nodes=None) -> nx.Graph:
    """Return an undirected graph with one edge per linked pair, keeping every link.

    Each edge has ``links`` (a list of ``(key, source, target, attributes)``),
    ``strength`` (the sum of the collaborations' strengths, or 1 per other
    link) and ``distance`` (1 / strength). ``nodes`` restricts the graph to
    those actors; every actor of ``network`` is kept otherwise, linked or not.
    """
    keep = set(network.nodes) if nodes is None else set(nodes)
    pairs = nx.Graph()
    pairs.add_nodes_from((node, network.nodes[node]) for node in keep)
    for source, target, key, data in network.edges(keys=True, data=True):
        if data.get("relation") not in relations or source == target:
            continue
        if source not in keep or target not in keep:
            continue
        if not pairs.has_edge(source, target):
            pairs.add_edge(source, target, links=[], strength=0.0)
        edge = pairs.edges[source, target]
        edge["links"].append((key, source, target, data))
        edge["strength"] += link_strength(data) if data.get("relation") == COLLABORATION else 1.0
    for _source, _target, edge in pairs.edges(data=True):
        edge["distance"] = 1.0 / edge["strength"]
    return pairs
