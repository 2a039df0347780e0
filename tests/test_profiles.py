"""School profiles and expected welfare types, on small hand-built networks."""

import math

import networkx as nx
import pytest

from conftest import write_csv
from ecosystem.analysis.profiles import (DEFAULT_EXPECTED_TYPES, read_expected_types,
                                         school_profiles)
from ecosystem.analysis.status import CONNECTED, ISOLATED, MANDATED_ONLY
from ecosystem.errors import InputFileError

ACTORS = {
    "S": ("school", ""),
    "T": ("school", ""),
    "CLB": ("welfare", "clb"),
    "CAW": ("welfare", "caw"),
    "HVK": ("welfare", "huis-van-het-kind"),
    "OCMW": ("local-government", "ocmw"),
    "BRUG": ("bridge-organisation", ""),
    "N1": ("network", ""),
    "N2": ("network", ""),
}


def _network(*links, memberships=(), posts=(), refnis="11005"):
    """Return a network of ACTORS in one municipality with the given links.

    A link is ``(source, target, direction, formality, intensity)``; a post
    is ``(organisation, school, role)``.
    """
    network = nx.MultiDiGraph()
    for node, (kind, welfare_type) in ACTORS.items():
        network.add_node(node, label=f"Label {node}", kind=kind, welfare_type=welfare_type,
                         refnis=refnis, municipality="Boom", status="",
                         school_number={"S": "919", "T": "12"}.get(node, ""))
    for number, (source, target, direction, formality, intensity) in enumerate(links):
        network.add_edge(source, target, key=f"link{number}", relation="collaboration",
                         direction=direction, formality=formality, intensity=intensity,
                         mandated=(target == "CLB"), waves=[])
    for member, group in memberships:
        network.add_edge(member, group, key=f"member-{member}-{group}", relation="membership",
                         role="member")
    for organisation, school, role in posts:
        network.add_edge(organisation, school, key=f"post-{organisation} {school}",
                         relation="post", post=f"post-{organisation}", role=role,
                         employer_type="")
    return network


def _profile(network, school="S", expected=None):
    """Return the profile row of one school."""
    return school_profiles(network, expected).set_index("iri").loc[school]


CLB = ("S", "CLB", "two-way", "structural", "")


def test_missing_caw_and_huis_van_het_kind():
    network = _network(CLB, ("S", "OCMW", "one-way", "ad-hoc", ""))
    row = _profile(network)
    assert row["welfare_types"] == "clb;ocmw"
    assert row["expected_types"] == "caw;clb;huis-van-het-kind;ocmw"
    # Default types minus the reached clb and ocmw.
    assert row["missing_types"] == "caw;huis-van-het-kind"


def test_parallel_links_count_partner_once():
    network = _network(CLB, ("S", "CAW", "one-way", "ad-hoc", ""),
                       ("CAW", "S", "two-way", "structural", ""))
    row = _profile(network)
    assert row["partners"] == 2
    assert row["partners_by_type"] == "caw:1; clb:1"


def test_partners_by_type_sorted_by_code():
    network = _network(CLB, ("S", "OCMW", "one-way", "ad-hoc", ""),
                       ("S", "BRUG", "one-way", "ad-hoc", ""),
                       ("S", "CAW", "one-way", "ad-hoc", ""))
    # BRUG has no welfare type, so it counts under its kind.
    assert _profile(network)["partners_by_type"] == ("bridge-organisation:1; caw:1; clb:1; "
                                                     "ocmw:1")


def test_highest_intensity_by_rank():
    network = _network(("S", "CAW", "one-way", "ad-hoc", "awareness"),
                       ("S", "OCMW", "two-way", "ad-hoc", "coordination"),
                       ("S", "HVK", "two-way", "ad-hoc", "communication"),
                       ("S", "CLB", "two-way", "structural", ""))
    # Ranks: awareness 1, communication 2, coordination 4.
    assert _profile(network)["highest_intensity"] == "coordination"


def test_highest_intensity_empty_when_none_given():
    network = _network(CLB, ("S", "CAW", "one-way", "ad-hoc", ""))
    assert _profile(network)["highest_intensity"] == ""


def test_shares_of_two_way_and_structural():
    network = _network(("S", "CAW", "two-way", "structural", ""),
                       ("S", "OCMW", "one-way", "ad-hoc", ""),
                       ("HVK", "S", "two-way", "ad-hoc", ""))
    row = _profile(network)
    # Two of three links are two-way, one of three is structural.
    assert row["share_two_way"] == pytest.approx(2 / 3)
    assert row["share_structural"] == pytest.approx(1 / 3)


def test_shares_nan_without_collaborations():
    row = _profile(_network())
    assert row["status"] == ISOLATED
    assert row["partners"] == 0
    assert math.isnan(row["share_two_way"])
    assert math.isnan(row["share_structural"])
    assert row["missing_types"] == ";".join(sorted(DEFAULT_EXPECTED_TYPES))


def test_school_partner_does_not_count():
    network = _network(CLB, ("S", "T", "two-way", "structural", ""))
    row = _profile(network)
    assert row["partners"] == 1
    assert row["status"] == MANDATED_ONLY


def test_status_computed_without_assign_statuses():
    network = _network(("S", "CAW", "two-way", "structural", ""))
    assert _profile(network)["status"] == CONNECTED


def test_bridge_figure_via_post():
    network = _network(CLB, posts=[("OCMW", "S", "bridge-figure"), ("OCMW", "T", "contact-person")])
    assert bool(_profile(network, "S")["bridge_figure"]) is True
    assert bool(_profile(network, "T")["bridge_figure"]) is False


def test_bridge_figure_via_bridge_organisation():
    network = _network(CLB, ("BRUG", "S", "one-way", "ad-hoc", ""))
    assert bool(_profile(network, "S")["bridge_figure"]) is True
    assert bool(_profile(network, "T")["bridge_figure"]) is False


def test_bridge_figure_via_welfare_type():
    network = _network(CLB, ("S", "HVK", "one-way", "ad-hoc", ""))
    network.nodes["HVK"]["welfare_type"] = "bridge-figure"
    assert bool(_profile(network)["bridge_figure"]) is True


def test_networks_listed_by_label():
    network = _network(CLB, memberships=[("S", "N2"), ("S", "N1"), ("T", "N1")])
    assert _profile(network, "S")["networks"] == "Label N1; Label N2"
    assert _profile(network, "T")["networks"] == "Label N1"


def test_expected_types_per_municipality():
    network = _network(CLB)
    expected = {"11005": ("clb",), "44021": ("caw",)}
    assert _profile(network, expected=expected)["missing_types"] == ""
    assert _profile(network, expected={"44021": ("caw",)})["missing_types"] == (
        "caw;huis-van-het-kind;ocmw")


def test_profiles_sorted_by_school_number():
    table = school_profiles(_network())
    # T has school number 12, S has 919.
    assert list(table["iri"]) == ["T", "S"]


def test_read_expected_types(tmp_path):
    path = write_csv(tmp_path / "expected.csv", ["refnis", "welfare_types"],
                     [["11005", "ocmw; CAW;clb"], ["44021", "huis-van-het-kind"]])
    assert read_expected_types(path) == {"11005": ("ocmw", "caw", "clb"),
                                         "44021": ("huis-van-het-kind",)}


@pytest.mark.parametrize("rows, fragment", [
    ([["11005", "caw;shelter"]], "row 2: unknown welfare type(s) shelter"),
    ([["11005", ""]], "row 2: no welfare types given"),
    ([["11005", "caw"], ["11005", "clb"]], "row 3: REFNIS code 11005 is listed twice"),
    ([["Boom", "caw"]], "row 2: invalid REFNIS code 'Boom'"),
])
def test_read_expected_types_rejects(tmp_path, rows, fragment):
    path = write_csv(tmp_path / "expected.csv", ["refnis", "welfare_types"], rows)
    with pytest.raises(InputFileError) as caught:
        read_expected_types(path)
    assert fragment in str(caught.value)


def test_read_expected_types_missing_column(tmp_path):
    path = write_csv(tmp_path / "expected.csv", ["refnis", "types"], [["11005", "caw"]])
    with pytest.raises(InputFileError, match="missing column"):
        read_expected_types(path)


def test_read_expected_types_missing_file(tmp_path):
    with pytest.raises(InputFileError, match="cannot be read"):
        read_expected_types(tmp_path / "absent.csv")


def test_pupils_written_as_whole_numbers(tmp_path):
    network = _network(CLB)
    network.nodes["S"]["pupils"] = 245
    network.nodes["T"]["pupils"] = None
    path = tmp_path / "profiles.csv"
    school_profiles(network).to_csv(path, index=False)
    text = path.read_text(encoding="utf-8")
    assert ",245," in text
    assert "245.0" not in text
