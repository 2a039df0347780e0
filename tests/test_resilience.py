"""Single points of failure and posts that carry a school's link, on hand-built networks."""

import networkx as nx

from ecosystem.analysis.resilience import (FAILURE_COLUMNS, POST_DEPENDENCE_COLUMNS,
                                           post_dependence, single_points_of_failure)


def _network(actors, links, posts=()):
    """Return a network of ``actors`` (name -> "school" or a welfare type).

    ``links`` are ``(source, target)`` one-way ad-hoc collaborations, and a link
    to a CLB is mandated. ``posts`` are ``(post, organisation, school, role)``.
    """
    network = nx.MultiDiGraph()
    for name, spec in actors.items():
        kind = "school" if spec == "school" else "welfare"
        network.add_node(name, label=name, kind=kind, welfare_type="" if kind == "school" else spec,
                         refnis="11005", municipality="Boom", status="")
    for number, (source, target) in enumerate(links):
        network.add_edge(source, target, key=f"link{number}", relation="collaboration",
                         direction="one-way", formality="ad-hoc", intensity="",
                         mandated=actors[target] == "clb")
    for post, organisation, school, role in posts:
        network.add_edge(organisation, school, key=f"{post} {school}", relation="post",
                         post=post, role=role, employer_type="")
    return network


def _rows(network):
    """Return single_points_of_failure indexed by label."""
    return single_points_of_failure(network).set_index("label")


def test_columns():
    table = single_points_of_failure(_network({"S": "school"}, []))
    assert list(table.columns) == FAILURE_COLUMNS
    assert table.empty


def test_actor_isolating_two_schools():
    network = _network({"S1": "school", "S2": "school", "S3": "school", "W": "caw", "V": "ckg"},
                       [("S1", "W"), ("W", "S2"), ("S3", "W"), ("S3", "V")])
    row = _rows(network).loc["W"]
    # S1 and S2 have W as only partner, but S3 keeps V.
    assert row["schools_isolated"] == 2
    assert row["schools_isolated_list"] == "S1; S2"


def test_only_clb_counts_as_collaboration():
    network = _network({"S": "school", "CLB": "clb"}, [("S", "CLB")])
    row = _rows(network).loc["CLB"]
    assert row["schools_isolated"] == 1
    assert row["schools_losing_type"] == 1
    assert row["schools_losing_type_list"] == "S: clb"


def test_school_link_does_not_save_school():
    network = _network({"S1": "school", "S2": "school", "W": "caw"},
                       [("S1", "W"), ("S1", "S2")])
    # S1 - S2 is no collaboration of S1 with a support actor.
    assert _rows(network).loc["W", "schools_isolated_list"] == "S1"


def test_only_caw_of_school():
    network = _network({"S": "school", "T": "school", "CAW1": "caw", "CAW2": "caw",
                        "HK": "huis-van-het-kind"},
                       [("S", "CAW1"), ("S", "HK"), ("T", "CAW1"), ("T", "CAW2"), ("T", "HK")])
    rows = _rows(network)
    # S reaches the caw type through CAW1 alone, while T also has CAW2.
    assert rows.loc["CAW1", "schools_losing_type"] == 1
    assert rows.loc["CAW1", "schools_losing_type_list"] == "S: caw"
    assert rows.loc["CAW1", "schools_isolated"] == 0
    # T reaches caw through CAW2 too, so CAW2 costs nothing and has no row.
    assert "CAW2" not in rows.index
    # HK is the only huis-van-het-kind of both schools.
    assert rows.loc["HK", "schools_losing_type_list"] == \
        "S: huis-van-het-kind; T: huis-van-het-kind"


def test_school_as_articulation_point():
    network = _network({"S": "school", "W1": "caw", "W2": "ckg", "T": "school"},
                       [("W1", "S"), ("S", "W2"), ("T", "W1"), ("T", "W2"), ("T", "S")])
    assert "S" not in _rows(network).index
    # Without T's links, S is the only bridge between W1 and W2.
    network.remove_edges_from([("T", "W1", "link2"), ("T", "W2", "link3"), ("T", "S", "link4")])
    rows = _rows(network)
    assert bool(rows.loc["S", "articulation_point"]) is True
    assert rows.loc["S", "schools_isolated"] == 0


def test_articulation_point_without_school_loss():
    network = _network({"S": "school", "T": "school", "W": "caw", "V": "ckg", "U": "ocmw"},
                       [("S", "W"), ("S", "V"), ("W", "U"), ("T", "U"), ("T", "V")])
    rows = _rows(network)
    # The cycle S - W - U - T - V - S has no articulation point.
    assert not rows["articulation_point"].any()
    network.add_node("X", label="X", kind="welfare", welfare_type="ckg", refnis="11005",
                     municipality="Boom", status="")
    network.add_edge("U", "X", key="tail", relation="collaboration", direction="one-way",
                     formality="ad-hoc", intensity="", mandated=False)
    rows = _rows(network)
    # U now joins X to the rest, and only U's row is an articulation point.
    assert bool(rows.loc["U", "articulation_point"]) is True
    assert rows["articulation_point"].sum() == 1


def test_posts_serving_school_alone():
    network = _network(
        {"S1": "school", "S2": "school", "BRUG": "bridge-figure", "OCMW": "ocmw"},
        [("S1", "BRUG"), ("S2", "BRUG"), ("S2", "OCMW")],
        posts=[("post-a", "BRUG", "S1", "bridge-figure"), ("post-a", "BRUG", "S2", "bridge-figure"),
               ("post-b", "OCMW", "S2", "bridge-figure")])
    rows = _rows(network)
    # S1 is served by BRUG's post alone, and S2 by posts of BRUG and OCMW.
    assert rows.loc["BRUG", "posts"] == "S1"
    assert rows.loc["OCMW", "posts"] == ""


def test_sort_order():
    network = _network({"S1": "school", "S2": "school", "S3": "school", "A": "caw", "B": "ckg",
                        "C": "ocmw"},
                       [("S1", "C"), ("S2", "C"), ("S3", "B"), ("S3", "A")])
    # C isolates two schools. A and B isolate none, but each is S3's only partner
    # of its type. S3 loses nothing but joins A to B, so it comes last.
    assert list(single_points_of_failure(network)["label"]) == ["C", "A", "B", "S3"]


def test_post_dependence():
    network = _network(
        {"S1": "school", "S2": "school", "BRUG": "bridge-figure", "CAW": "caw"},
        [("S1", "BRUG"), ("S2", "BRUG"), ("S2", "CAW")],
        posts=[("post-a", "BRUG", "S1", "bridge-figure"),
               ("post-a", "BRUG", "S2", "bridge-figure")])
    table = post_dependence(network)
    assert list(table.columns) == POST_DEPENDENCE_COLUMNS
    assert list(table["school"]) == ["S1", "S2"]
    assert list(table["post"]) == ["post-a", "post-a"]
    assert list(table["organisation"]) == ["BRUG", "BRUG"]
    assert list(table["role"]) == ["bridge-figure", "bridge-figure"]
    # S1 works with BRUG alone, so its link hangs on the post. S2 also has CAW.
    assert list(table["school_has_other_partners"]) == [False, True]


def test_post_for_school_without_collaborations():
    network = _network({"S": "school", "BRUG": "bridge-figure"}, [],
                       posts=[("post-a", "BRUG", "S", "bridge-figure")])
    row = post_dependence(network).iloc[0]
    assert bool(row["school_has_other_partners"]) is False
    assert _rows(network).loc["BRUG", "schools_isolated"] == 0
