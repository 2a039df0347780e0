"""Municipality and actor network measures, on small hand-built networks."""

import math

import networkx as nx
import pytest

from ecosystem.analysis.metrics import (MUNICIPALITY_METRIC_COLUMNS, MissingStatusError,
                                        UnknownMunicipalityError, actor_metrics,
                                        municipality_metrics)
from ecosystem.analysis.status import assign_statuses

HERE = "11005"
ELSEWHERE = "11002"
WEAK = ("one-way", "ad-hoc", "")  # strength 1
STRONG = ("two-way", "structural", "integration")  # strength 1 + 1 + 1 + 4 = 7


def _network(actors, links, elsewhere=(), reverse=False):
    """Return a network of ``actors`` (name -> "school", "network" or a welfare type).

    ``links`` are ``(source, target, direction, formality, intensity)``. Actors
    in ``elsewhere`` lie in municipality ELSEWHERE, the others in HERE.
    ``reverse`` adds nodes and links in reverse order.
    """
    network = nx.MultiDiGraph()
    items = list(actors.items())
    for name, spec in reversed(items) if reverse else items:
        kind = spec if spec in ("school", "network") else "welfare"
        welfare_type = "" if kind != "welfare" else spec
        refnis = ELSEWHERE if name in elsewhere else HERE
        municipality = "Elders" if name in elsewhere else "Boom"
        network.add_node(name, label=name, kind=kind, welfare_type=welfare_type, refnis=refnis,
                         municipality=municipality, status="")
    numbered = list(enumerate(links))
    for number, (source, target, direction, formality, intensity) in (
            reversed(numbered) if reverse else numbered):
        network.add_edge(source, target, key=f"link{number}", relation="collaboration",
                         direction=direction, formality=formality, intensity=intensity,
                         mandated=False)
    assign_statuses(network)
    return network


def _row(network, refnis=HERE):
    """Return the municipality_metrics row of ``refnis``."""
    return municipality_metrics(network).set_index("refnis").loc[refnis]


def _link(source, target, kind=WEAK):
    return (source, target, *kind)


def test_columns_in_order():
    network = _network({"S": "school"}, [])
    assert list(municipality_metrics(network).columns) == MUNICIPALITY_METRIC_COLUMNS


def test_disconnected_graph_has_two_components():
    network = _network({"S1": "school", "S2": "school", "W1": "caw", "W2": "ocmw", "W3": "ckg"},
                       [_link("S1", "W1"), _link("S2", "W2"), _link("W2", "W3")])
    row = _row(network)
    # {S1, W1} and {S2, W2, W3}
    assert row["components"] == 2
    assert row["largest_component"] == 3
    assert row["actors"] == 5


@pytest.mark.parametrize("links, expected", [
    # A -> B and B -> A: both arcs have their reverse, 2 / 2
    ([("A", "B", "one-way", "ad-hoc", ""), ("B", "A", "one-way", "ad-hoc", "")], 1.0),
    # one two-way link flows A -> B and B -> A, 2 / 2
    ([("A", "B", "two-way", "ad-hoc", "")], 1.0),
    # A -> B only, 0 / 1
    ([("A", "B", "one-way", "structural", "")], 0.0),
    # arcs A -> B, B -> A, A -> C: two of three reciprocated
    ([("A", "B", "two-way", "ad-hoc", ""), ("A", "C", "one-way", "ad-hoc", "")], 2 / 3),
])
def test_reciprocity(links, expected):
    network = _network({"A": "school", "B": "caw", "C": "ocmw"}, links)
    assert _row(network)["reciprocity"] == pytest.approx(expected)


def test_reciprocity_without_links_is_nan():
    assert math.isnan(_row(_network({"A": "school", "B": "caw"}, []))["reciprocity"])


def test_parallel_links_count_pair_once_in_density():
    network = _network({"S": "school", "W": "caw", "C": "ckg"}, [
        ("S", "W", "one-way", "structural", ""),
        ("S", "W", "one-way", "ad-hoc", ""),
        ("C", "W", "one-way", "ad-hoc", ""),
    ])
    row = _row(network)
    # arcs S -> W (two links, counted once) and C -> W: 2 / (3 * 2)
    assert row["density"] == pytest.approx(1 / 3)
    assert row["collaborations"] == 3
    # one structural link of three
    assert row["share_structural"] == pytest.approx(1 / 3)
    assert row["share_two_way"] == 0.0


def test_parallel_links_of_different_kinds():
    network = _network({"S": "school", "W": "caw", "C": "ckg"}, [
        ("S", "W", "one-way", "structural", ""),
        ("S", "W", "two-way", "ad-hoc", ""),
        ("C", "W", "one-way", "ad-hoc", ""),
    ])
    row = _row(network)
    # arcs S -> W, W -> S, C -> W: 3 / 6
    assert row["density"] == pytest.approx(0.5)
    # S -> W and W -> S reciprocated, C -> W not: 2 / 3
    assert row["reciprocity"] == pytest.approx(2 / 3)
    assert row["share_structural"] == pytest.approx(1 / 3)
    assert row["share_two_way"] == pytest.approx(1 / 3)


def _cycle_with_strong_side():
    """Return the 5-cycle A - U - Z - V2 - V1 - A where U's two ties are weak."""
    return _network({"A": "school", "Z": "school", "U": "caw", "V1": "ckg", "V2": "ocmw"}, [
        _link("A", "U"), _link("U", "Z"),
        _link("A", "V1", STRONG), _link("V1", "V2", STRONG), _link("V2", "Z", STRONG),
    ])


def test_broker_follows_strong_ties():
    network = _cycle_with_strong_side()
    # Weighted, the strong side A - V1 - V2 - Z has distance 3/7 < 2 via U.
    # Pairs at two or more steps and the nodes their shortest path crosses:
    # A-Z: V1, V2. A-V2: V1 (2/7 < 2 + 1/7). V1-Z: V2. U-V1: A (1 + 1/7 < 1 + 2/7).
    # U-V2: Z. So V1 = 2, V2 = 2, A = 1, Z = 1, U = 0, normalised by
    # (n - 1)(n - 2) / 2 = 6: V1 = V2 = 1/3, A = Z = 1/6, tie A-Z broken by label.
    assert _row(network)["top_brokers"] == "V1; V2; A"
    betweenness = actor_metrics(network, HERE).set_index("label")["betweenness"]
    assert betweenness["V1"] == pytest.approx(1 / 3)
    assert betweenness["A"] == pytest.approx(1 / 6)
    assert betweenness["U"] == 0.0


def test_equal_paths_tie_exactly():
    network = _network({"X": "school", "Y": "school", "P": "caw", "Q": "ckg"}, [
        _link("X", "Y"),  # strength 1, distance 1
        ("X", "P", "one-way", "structural", ""),  # strength 2, distance 1/2
        ("P", "Q", "two-way", "structural", ""),  # strength 3, distance 1/3
        ("Q", "Y", "two-way", "structural", "coordination"),  # strength 6, distance 1/6
    ])
    betweenness = actor_metrics(network, HERE).set_index("label")["betweenness"]
    # X-Y: direct 1 ties with 1/2 + 1/3 + 1/6 = 1, so P and Q get 1/2 each.
    # X-Q goes via P (5/6 < 7/6) and P-Y via Q (1/2 < 3/2): P = Q = 1.5,
    # normalised by (4 - 1)(4 - 2) / 2 = 3 gives 0.5. Float distances give 7/12.
    assert betweenness["P"] == pytest.approx(0.5)
    assert betweenness["Q"] == pytest.approx(0.5)
    assert betweenness["X"] == 0.0


def test_broker_graph_differs_unweighted():
    network = _cycle_with_strong_side()
    unweighted = nx.betweenness_centrality(nx.Graph(network.to_undirected()))
    # Unweighted, every node of a 5-cycle has one pair through it: 1/6 each,
    # so the top three by label would be A; U; V1.
    assert unweighted["U"] == pytest.approx(1 / 6)


def test_municipality_without_schools():
    network = _network({"S": "school", "W": "caw", "X1": "ckg", "X2": "ocmw"},
                       [_link("S", "W"), _link("X1", "X2")], elsewhere={"X1", "X2"})
    row = _row(network, ELSEWHERE)
    assert row["municipality"] == "Elders"
    assert row["schools"] == 0
    assert row["isolated"] == 0
    assert row["connected"] == 0
    for column in ("share_isolated", "share_mandated-only", "share_one-way-only",
                   "share_ad-hoc-only", "share_connected"):
        assert math.isnan(row[column]), column
    assert row["actors"] == 2
    # arc X1 -> X2: 1 / (2 * 1)
    assert row["density"] == pytest.approx(0.5)


def test_status_counts_and_shares():
    network = _network({"S1": "school", "S2": "school", "S3": "school", "W": "caw"},
                       [_link("S1", "W"), ("S2", "W", "two-way", "structural", "")])
    row = _row(network)
    # S1 one-way only, S2 connected, S3 without collaborations
    assert row["schools"] == 3
    assert row["one-way-only"] == 1
    assert row["connected"] == 1
    assert row["isolated"] == 1
    assert row["share_isolated"] == pytest.approx(1 / 3)
    assert row["share_mandated-only"] == 0.0


def test_links_elsewhere_stay_out_of_municipality():
    network = _network({"S": "school", "W": "caw", "S2": "school", "X": "ckg"}, [
        ("W", "S", "two-way", "ad-hoc", ""),
        ("W", "S2", "one-way", "ad-hoc", ""),
        ("X", "W", "one-way", "ad-hoc", ""),
    ], elsewhere={"S2", "X"})
    row = _row(network)
    # only W <-> S lies inside: arcs W -> S and S -> W over n = 2
    assert row["collaborations"] == 1
    assert row["density"] == pytest.approx(1.0)
    actor = actor_metrics(network, HERE).set_index("label").loc["W"]
    # three links, wherever the partner is
    assert actor["degree"] == 3
    # in: the two-way link and X -> W
    assert actor["in_flows"] == 2
    # out: the two-way link and W -> S2
    assert actor["out_flows"] == 2
    # S and S2
    assert actor["school_partners"] == 2


def test_k_core():
    clique = ["A", "B", "C", "D"]
    links = [_link(a, b) for i, a in enumerate(clique) for b in clique[i + 1:]]
    network = _network({**dict.fromkeys(clique, "caw"), "E": "school"}, links + [_link("E", "A")])
    # A, B, C, D each have three neighbours inside the clique: the 3-core.
    assert _row(network)["max_core"] == 3
    cores = actor_metrics(network, HERE).set_index("label")["core_number"]
    assert cores["A"] == 3
    # E has one neighbour.
    assert cores["E"] == 1


def test_degree_centralisation_of_star():
    leaves = ["L1", "L2", "L3", "L4"]
    network = _network({"H": "caw", **dict.fromkeys(leaves, "school")},
                       [_link("H", leaf) for leaf in leaves])
    # max degree 4, leaves 1: 4 * (4 - 1) / ((5 - 1)(5 - 2)) = 12 / 12
    assert _row(network)["degree_centralisation"] == pytest.approx(1.0)


def test_degree_centralisation_of_complete_graph():
    nodes = ["A", "B", "C", "D"]
    network = _network(dict.fromkeys(nodes, "caw"),
                       [_link(a, b) for i, a in enumerate(nodes) for b in nodes[i + 1:]])
    # every degree is 3, so every term max - degree is 0
    assert _row(network)["degree_centralisation"] == 0.0


def test_degree_centralisation_of_two_actors_is_zero():
    network = _network({"S": "school", "W": "caw"}, [_link("S", "W")])
    assert _row(network)["degree_centralisation"] == 0.0


def _two_triangles(extra=None, reverse=False):
    """Return triangles A1-A2-A3 and B1-B2-B3 joined by the edge A1 - B1."""
    actors = dict.fromkeys(["A1", "A2", "A3", "B1", "B2", "B3"], "caw")
    actors.update(extra or {})
    links = [_link("A1", "A2"), _link("A2", "A3"), _link("A1", "A3"),
             _link("B1", "B2"), _link("B2", "B3"), _link("B1", "B3"), _link("A1", "B1")]
    return _network(actors, links, reverse=reverse)


def test_two_cliques_give_two_communities():
    row = _row(_two_triangles())
    # Splitting at A1 - B1 gives Q = 2 * (3/7 - (7/14)^2) > 0, the best split.
    assert row["communities"] == 2
    # A1 and B1 each lie on the 2 * 3 paths from their triangle's other two nodes
    # to the other triangle: 6 / ((6 - 1)(6 - 2) / 2) = 0.4 each, tie broken by label.
    assert row["top_brokers"] == "A1; B1"


def test_isolated_actor_is_own_community():
    network = _two_triangles({"Q": "ckg"})
    assert _row(network)["communities"] == 3
    assert _row(network)["components"] == 2
    community = actor_metrics(network, HERE).set_index("label")["community"]
    # the triangles come first, ordered by their first node, then Q
    assert community["A2"] == 0
    assert community["B3"] == 1
    assert community["Q"] == 2


def test_network_without_collaborations_is_left_out():
    network = _two_triangles({"N": "network", "M": "network"})
    network.add_edge("A1", "N", key="member-A1", relation="membership", role="member")
    network.add_edge("M", "A2", key="link-M", relation="collaboration", direction="one-way",
                     formality="ad-hoc", intensity="", mandated=False)
    row = _row(network)
    # six caw actors and M, which collaborates, but not N, which only has a membership
    assert row["actors"] == 7
    assert "N" not in set(actor_metrics(network, HERE)["label"])


def test_insertion_order_does_not_matter():
    forward = municipality_metrics(_two_triangles({"Q": "ckg"}))
    backward = municipality_metrics(_two_triangles({"Q": "ckg"}, reverse=True))
    assert forward.equals(backward)
    forward_actors = actor_metrics(_two_triangles({"Q": "ckg"}), HERE)
    backward_actors = actor_metrics(_two_triangles({"Q": "ckg"}, reverse=True), HERE)
    assert forward_actors.equals(backward_actors)


def test_values_are_plain_python():
    network = _cycle_with_strong_side()
    for table in (municipality_metrics(network), actor_metrics(network, HERE)):
        for record in table.to_dict("records"):
            for column, value in record.items():
                assert type(value) in (str, int, float, bool), column


def test_statuses_required():
    network = _network({"S": "school"}, [])
    network.nodes["S"]["status"] = ""
    with pytest.raises(MissingStatusError, match="assign_statuses"):
        municipality_metrics(network)


def test_unknown_municipality():
    with pytest.raises(UnknownMunicipalityError, match="'99999'"):
        actor_metrics(_network({"S": "school"}, []), "99999")


def test_empty_network():
    table = municipality_metrics(nx.MultiDiGraph())
    assert table.empty
    assert list(table.columns) == MUNICIPALITY_METRIC_COLUMNS
