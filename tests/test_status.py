"""The school status decision table, on small hand-built networks."""

import networkx as nx
import pytest

from ecosystem.analysis.status import (AD_HOC_ONLY, CONNECTED, ISOLATED, MANDATED_ONLY,
                                       ONE_WAY_ONLY, assign_statuses, school_status)
from ecosystem.analysis.tables import municipalities_table, schools_table


def _network(*links, extra_nodes=()):
    """Return a network with school S, a CLB, welfare partners W1, W2 and a school T."""
    network = nx.MultiDiGraph()
    nodes = {
        "S": {"kind": "school", "welfare_type": ""},
        "T": {"kind": "school", "welfare_type": ""},
        "CLB": {"kind": "welfare", "welfare_type": "clb"},
        "W1": {"kind": "welfare", "welfare_type": "caw"},
        "W2": {"kind": "welfare", "welfare_type": "huis-van-het-kind"},
        "N": {"kind": "network", "welfare_type": ""},
    }
    for node, data in nodes.items():
        network.add_node(node, label=node, refnis="11005", municipality="Boom",
                         school_number="919" if node == "S" else "", status="", **data)
    for number, (source, target, direction, formality) in enumerate(links):
        network.add_edge(source, target, key=f"link{number}", relation="collaboration",
                         direction=direction, formality=formality,
                         mandated=(target == "CLB"))
    for source, target in extra_nodes:
        network.add_edge(source, target, key=f"member-{source}", relation="membership",
                         role="member")
    return network


CLB = ("S", "CLB", "two-way", "structural")


@pytest.mark.parametrize("links, expected", [
    ((), ISOLATED),
    ((CLB,), MANDATED_ONLY),
    ((CLB, ("S", "W1", "one-way", "structural")), ONE_WAY_ONLY),
    ((CLB, ("W1", "S", "one-way", "ad-hoc")), ONE_WAY_ONLY),
    ((("S", "W1", "one-way", "ad-hoc"),), ONE_WAY_ONLY),
    ((CLB, ("S", "W1", "two-way", "ad-hoc")), AD_HOC_ONLY),
    ((CLB, ("S", "W1", "two-way", "ad-hoc"), ("S", "W2", "one-way", "structural")),
     AD_HOC_ONLY),
    ((CLB, ("W2", "S", "two-way", "structural")), CONNECTED),
    ((("S", "W1", "two-way", "structural"),), CONNECTED),
])
def test_status_table(links, expected):
    assert school_status(_network(*links), "S") == expected


def test_school_to_school_link_does_not_count():
    network = _network(("S", "T", "two-way", "structural"))
    assert school_status(network, "S") == ISOLATED


def test_membership_does_not_count():
    network = _network(CLB, extra_nodes=[("S", "N")])
    assert school_status(network, "S") == MANDATED_ONLY


def test_parallel_links_to_one_partner():
    network = _network(CLB, ("S", "W1", "one-way", "ad-hoc"), ("S", "W1", "two-way", "structural"))
    assert network.number_of_edges("S", "W1") == 2
    assert school_status(network, "S") == CONNECTED


def test_survey_link_to_a_clb_is_mandated():
    network = _network(("S", "CLB", "two-way", "structural"))
    network.edges["S", "CLB", "link0"]["mandated"] = False
    assert school_status(network, "S") == MANDATED_ONLY


def test_schools_table_counts():
    network = _network(CLB, ("S", "W1", "one-way", "ad-hoc"), ("S", "W1", "two-way", "structural"),
                       extra_nodes=[("S", "N")])
    assign_statuses(network)
    row = schools_table(network).set_index("name").loc["S"]
    assert row["status"] == CONNECTED
    assert row["welfare_types"] == "caw;clb"
    assert row["partners"] == 2
    assert row["collaborations"] == 3
    assert row["two_way"] == 2
    assert row["networks"] == 1


def test_municipalities_table_counts_each_status():
    network = _network(CLB)
    assign_statuses(network)
    table = municipalities_table(schools_table(network))
    row = table.iloc[0]
    assert list(table["refnis"]) == ["11005"]
    assert row["schools"] == 2
    assert row[MANDATED_ONLY] == 1
    assert row[ISOLATED] == 1
    assert row[CONNECTED] == 0
