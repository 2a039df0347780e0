"""Comparing survey waves, within one network and between two networks."""

import logging

import networkx as nx
import pytest

from conftest import write_csv
from ecosystem.analysis.project import project
from ecosystem.analysis.status import (AD_HOC_ONLY, CONNECTED, ISOLATED, ONE_WAY_ONLY,
                                       school_status)
from ecosystem.analysis.waves import (compare_networks, compare_waves, survey_waves,
                                      wave_network)
from ecosystem.errors import RunError
from ecosystem.graph.build import build_graph
from ecosystem.load_report import LoadReport
from ecosystem.pipeline import read_inputs

BEFORE = "2023-2024"
AFTER = "2024-2025"
ACTORS = {"S": "school", "T": "school", "U": "school", "V": "school", "CLB": "welfare",
          "CAW": "welfare", "OCMW": "local-government", "HVK": "welfare", "N": "network"}
TYPES = {"CLB": "clb", "CAW": "caw", "OCMW": "ocmw", "HVK": "huis-van-het-kind"}


def _network(links, memberships=()):
    """Return a network of ACTORS with collaborations ``{key: (source, target, attributes)}``."""
    network = nx.MultiDiGraph()
    for node, kind in ACTORS.items():
        network.add_node(node, label=node, kind=kind, welfare_type=TYPES.get(node, ""),
                         refnis="11005", municipality="Boom", status="")
    for key, (source, target, attributes) in links.items():
        data = {"relation": "collaboration", "direction": "one-way", "formality": "ad-hoc",
                "intensity": "", "mandated": False, "waves": [], "disputed": []}
        data.update(attributes)
        network.add_edge(source, target, key=key, **data)
    for member, group in memberships:
        network.add_edge(member, group, key=f"member-{member}", relation="membership",
                         role="member")
    return network


def _two_waves():
    """Return one network with links of two waves, a mandated register link and a wave-less link."""
    return _network({
        "clb": ("S", "CLB", {"direction": "two-way", "formality": "structural",
                             "mandated": True}),
        "only-before": ("S", "CAW", {"waves": [BEFORE]}),
        "only-after": ("T", "OCMW", {"direction": "two-way", "formality": "structural",
                                     "waves": [AFTER]}),
        "both": ("S", "HVK", {"direction": "two-way", "waves": [BEFORE, AFTER],
                              "disputed": ["formality"]}),
        "u-before": ("U", "CAW", {"direction": "two-way", "formality": "structural",
                                  "waves": [BEFORE]}),
        "no-wave": ("V", "CAW", {"direction": "two-way", "formality": "structural"}),
    }, memberships=[("S", "N")])


def test_survey_waves_listed():
    assert survey_waves(_two_waves()) == [BEFORE, AFTER]


def test_wave_network_keeps_wave_links():
    restricted = wave_network(_two_waves(), BEFORE)
    remaining = {key for _s, _t, key, data in restricted.edges(keys=True, data=True)
            if data["relation"] == "collaboration"}
    # The mandated CLB link has no wave but counts in every wave; no-wave is left out.
    assert remaining == {"clb", "only-before", "both", "u-before"}
    assert restricted.has_edge("S", "N", key="member-S")
    assert restricted.number_of_nodes() == len(ACTORS)


def test_link_only_before_is_lost():
    lost = compare_waves(_two_waves(), BEFORE, AFTER)["lost"]
    assert list(lost["link"]) == ["only-before", "u-before"]
    assert lost.at[0, "waves"] == BEFORE


def test_link_only_after_is_added():
    added = compare_waves(_two_waves(), BEFORE, AFTER)["added"]
    assert list(added["link"]) == ["only-after"]
    assert added.at[0, "source_label"] == "T"
    assert added.at[0, "target_label"] == "OCMW"


def test_link_in_both_waves_with_disputed_reports():
    changed = compare_waves(_two_waves(), BEFORE, AFTER)["changed"]
    assert list(changed["link"]) == ["both"]
    assert changed.at[0, "disputed"] == "formality"


def test_status_changes_between_waves():
    changes = compare_waves(_two_waves(), BEFORE, AFTER)["status_changes"]
    rows = {row.school_iri: (row.before, row.after) for row in changes.itertuples()}
    # T: nothing before, a two-way structural OCMW link after. U: the reverse.
    # S keeps its CLB link and the two-way ad-hoc HVK link in both waves.
    assert rows == {"T": (ISOLATED, CONNECTED), "U": (CONNECTED, ISOLATED)}


def test_school_status_unchanged_is_not_listed():
    changes = compare_waves(_two_waves(), BEFORE, AFTER)["status_changes"]
    assert "S" not in set(changes["school_iri"])
    assert "V" not in set(changes["school_iri"])


def test_reversed_waves_swap_added_and_lost():
    result = compare_waves(_two_waves(), AFTER, BEFORE)
    assert list(result["added"]["link"]) == ["only-before", "u-before"]
    assert list(result["lost"]["link"]) == ["only-after"]


def test_link_without_wave_is_logged(caplog):
    with caplog.at_level(logging.WARNING, logger="ecosystem.analysis.waves"):
        compare_waves(_two_waves(), BEFORE, AFTER)
    assert "1 collaboration(s) list no survey wave" in caplog.text


def test_unknown_wave_raises():
    with pytest.raises(RunError, match="no collaboration was reported in wave '2022-2023'"):
        compare_waves(_two_waves(), "2022-2023", AFTER)


def _before_and_after():
    """Return one network per wave, matched by actor."""
    before = _network({
        "a1": ("S", "CAW", {"intensity": "communication"}),
        "a2": ("S", "OCMW", {"direction": "two-way", "formality": "structural"}),
        "a3": ("T", "HVK", {}),
    })
    after = _network({
        "b1": ("CAW", "S", {"direction": "two-way", "formality": "structural",
                            "intensity": "cooperation"}),
        "b2": ("HVK", "T", {}),
        "b3": ("HVK", "T", {"intensity": "awareness"}),
        "b4": ("T", "CLB", {"direction": "two-way", "formality": "structural",
                            "mandated": True}),
        "b5": ("V", "CAW", {"direction": "two-way", "formality": "structural"}),
    })
    return before, after


def test_compare_networks_added_and_lost_pairs():
    result = compare_networks(*_before_and_after())
    added = {(row.actor_a, row.actor_b) for row in result["added"].itertuples()}
    lost = {(row.actor_a, row.actor_b) for row in result["lost"].itertuples()}
    # Pairs are unordered and keyed by sorted IRI.
    assert added == {("CLB", "T"), ("CAW", "V")}
    assert lost == {("OCMW", "S")}


def test_compare_networks_changed_properties():
    changed = compare_networks(*_before_and_after())["changed"]
    found = {(row.actor_a, row.actor_b, row.property): (row.before, row.after)
             for row in changed.itertuples()}
    assert found == {
        ("CAW", "S", "direction"): ("one-way from S", "two-way"),
        ("CAW", "S", "formality"): ("ad-hoc", "structural"),
        ("CAW", "S", "intensity"): ("communication", "cooperation"),
        # Two parallel HVK -> T links replace one T -> HVK link.
        ("HVK", "T", "links"): ("1", "2"),
        ("HVK", "T", "direction"): ("one-way from T", "one-way from HVK"),
        ("HVK", "T", "intensity"): ("", "awareness"),
    }


def test_compare_networks_status_changes():
    changes = compare_networks(*_before_and_after())["status_changes"]
    rows = {row.school_iri: (row.before, row.after) for row in changes.itertuples()}
    # S: two-way structural OCMW before, two-way structural CAW after: connected in both.
    # T: one-way HVK link before; after it also has the CLB, still one-way-only.
    assert rows == {"V": (ISOLATED, CONNECTED)}


def test_compare_networks_school_in_one_network_only():
    before, after = _before_and_after()
    after.remove_node("U")
    changes = compare_networks(before, after)["status_changes"]
    row = changes.set_index("school_iri").loc["U"]
    assert row["before"] == ISOLATED
    assert row["after"] == ""


def test_opposite_flows_pair_two_way():
    before = _network({"a": ("S", "CAW", {})})
    after = _network({"a": ("S", "CAW", {}), "b": ("CAW", "S", {})})
    changed = compare_networks(before, after)["changed"]
    direction = changed[changed["property"] == "direction"].reset_index(drop=True)
    assert direction.at[0, "before"] == "one-way from S"
    assert direction.at[0, "after"] == "two-way"


def test_wave_network_status():
    # S has the CLB and a two-way ad-hoc HVK link in both waves; U has no link after.
    restricted = wave_network(_two_waves(), AFTER)
    assert school_status(restricted, "S") == AD_HOC_ONLY
    assert school_status(restricted, "U") == ISOLATED


def test_compare_waves_on_projected_survey(tmp_path, small_reference):
    survey = tmp_path / "survey"
    write_csv(survey / "actors.csv", ["actor_id", "name", "kind", "welfare_type",
                                      "school_number", "refnis"],
              [["S", "De Hoeksteen", "school", "", "919", "11005"],
               ["CAW", "CAW De Brug", "welfare", "caw", "", "11005"],
               ["HVK", "Huis van het Kind Boom", "welfare", "huis-van-het-kind", "",
                "11005"]])
    write_csv(survey / "links.csv", ["source_id", "target_id", "direction", "formality",
                                     "reported_by", "wave"],
              [["S", "CAW", "one-way", "ad-hoc", "source", BEFORE],
               ["S", "HVK", "two-way", "structural", "source", AFTER]])
    write_csv(small_reference / "primary-schools-test.csv",
              ["schoolnummer", "naam", "niscode", "clb"],
              [["919", "GO! basisschool De Hoeksteen", "11005", "114314"]], newline="\r")
    report = LoadReport()
    network = project(build_graph(read_inputs(small_reference, [survey], report)))
    assert report.rejected == []
    result = compare_waves(network, BEFORE, AFTER)
    assert list(result["lost"]["target_label"]) == ["CAW De Brug"]
    assert list(result["added"]["target_label"]) == ["Huis van het Kind Boom"]
    # The register's CLB link has no wave and counts in both: one-way-only, then connected.
    changes = result["status_changes"]
    # The register's school name replaces the survey's shorter one.
    assert list(changes["school"]) == ["GO! basisschool De Hoeksteen"]
    assert changes.at[0, "before"] == ONE_WAY_ONLY
    assert changes.at[0, "after"] == CONNECTED
