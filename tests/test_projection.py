"""The undirected pair graph keeps every link, and weights are strengths."""

import networkx as nx
import pytest

from ecosystem.analysis.projection import intensity_rank, link_strength, pair_graph


def _network():
    network = nx.MultiDiGraph()
    for node in "ABCD":
        network.add_node(node, kind="welfare", label=node)
    network.add_edge("A", "B", key="l1", relation="collaboration", direction="one-way",
                     formality="ad-hoc")
    network.add_edge("B", "A", key="l2", relation="collaboration", direction="two-way",
                     formality="structural", intensity="coordination")
    network.add_edge("A", "C", key="m1", relation="membership", role="member")
    network.add_edge("C", "C", key="self", relation="collaboration", direction="one-way",
                     formality="ad-hoc")
    return network


@pytest.mark.parametrize("data, expected", [
    ({"direction": "one-way", "formality": "ad-hoc"}, 1.0),
    ({"direction": "two-way", "formality": "ad-hoc"}, 2.0),
    ({"direction": "two-way", "formality": "structural"}, 3.0),
    # 3 for two-way and structural, plus rank 5 - 1 for integration.
    ({"direction": "two-way", "formality": "structural", "intensity": "integration"}, 7.0),
    # 1, plus rank 1 - 1 for awareness.
    ({"direction": "one-way", "formality": "ad-hoc", "intensity": "awareness"}, 1.0),
])
def test_link_strength(data, expected):
    assert link_strength(data) == expected


def test_intensity_ranks():
    assert [intensity_rank(code) for code in ("awareness", "communication", "cooperation",
                                               "coordination", "integration", "")] == \
        [1, 2, 3, 4, 5, 0]


def test_pair_graph_keeps_parallel_links():
    pairs = pair_graph(_network())
    assert sorted(pairs.nodes) == ["A", "B", "C", "D"]
    assert pairs.number_of_edges() == 1
    edge = pairs.edges["A", "B"]
    assert [key for key, *_ in edge["links"]] == ["l1", "l2"]
    # l1: 1; l2: 1 + 1 (two-way) + 1 (structural) + 3 (coordination has rank 4).
    assert edge["strength"] == 7.0
    assert edge["distance"] == pytest.approx(1 / 7)


def test_pair_graph_with_memberships_and_subset():
    pairs = pair_graph(_network(), relations=("collaboration", "membership"), nodes=["A", "C"])
    assert sorted(pairs.nodes) == ["A", "C"]
    assert [key for key, *_ in pairs.edges["A", "C"]["links"]] == ["m1"]
    assert pairs.edges["A", "C"]["strength"] == 1.0
