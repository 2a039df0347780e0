"""Suggested partners and networks, on small hand-built networks."""

import networkx as nx
import pytest

from ecosystem.analysis.suggestions import haversine_km, suggest_partners

BOOM = ("11005", "Boom")
NIEL = ("11030", "Niel")


def _network(actors, links=(), memberships=()):
    """Return a network of ``actors`` ({id: (kind, welfare_type, place, lat, lon)}).

    A link ``(source, target, direction, formality)`` is a collaboration; a
    membership is ``(member, network)``.
    """
    network = nx.MultiDiGraph()
    for node, (kind, welfare_type, (refnis, municipality), lat, lon) in actors.items():
        network.add_node(node, label=node, kind=kind, welfare_type=welfare_type, refnis=refnis,
                         municipality=municipality, school_number="", status="", lat=lat,
                         lon=lon)
    for number, (source, target, direction, formality) in enumerate(links):
        network.add_edge(source, target, key=f"link{number}", relation="collaboration",
                         direction=direction, formality=formality, intensity="",
                         mandated=False, waves=[])
    for member, group in memberships:
        network.add_edge(member, group, key=f"member-{member}-{group}", relation="membership",
                         role="member")
    return network


def _rows(table, school="S", kind="partner", welfare_type=None):
    """Return the suggestion rows of one school, kind and welfare type."""
    rows = table[(table["school_iri"] == school) & (table["kind_of_suggestion"] == kind)]
    if welfare_type is not None:
        rows = rows[rows["welfare_type"] == welfare_type]
    return rows.reset_index(drop=True)


def test_haversine_along_a_parallel():
    # At equal latitude: 2R asin(cos(51 deg) sin(0.005 deg)), close to R cos(51 deg) 0.01 deg
    # = 6371.0088 * 0.62932 * 0.00017453 = 0.69977 km.
    assert haversine_km(51.0, 4.0, 51.0, 4.01) == pytest.approx(0.69977, abs=1e-4)


def test_haversine_along_a_meridian():
    # One degree of latitude is R * pi / 180 = 111.195 km.
    assert haversine_km(50.0, 4.0, 51.0, 4.0) == pytest.approx(111.195, abs=1e-3)


def test_order_by_distance():
    network = _network({
        "S": ("school", "", BOOM, 51.0, 4.0),
        "CAW Zuid": ("welfare", "caw", BOOM, 51.0, 4.02),
        "CAW Noord": ("welfare", "caw", BOOM, 51.0, 4.01),
        "CAW Alpha": ("welfare", "caw", BOOM, 51.0, 4.03),
    })
    rows = _rows(suggest_partners(network, expected={"11005": ("caw",)}, limit=2))
    # 0.01 degree of longitude is 0.700 km at 51 degrees; the limit keeps the nearest two.
    assert list(rows["candidate"]) == ["CAW Noord", "CAW Zuid"]
    assert list(rows["distance_km"]) == pytest.approx([0.7, 1.4], abs=1e-3)
    assert rows.at[0, "reason"] == ("No CAW partner yet; CAW Noord in Boom is 0.7 km away and "
                                    "works with no school yet.")


def test_order_by_school_partners():
    network = _network({
        "S": ("school", "", BOOM, None, None),
        "T1": ("school", "", BOOM, None, None),
        "T2": ("school", "", BOOM, None, None),
        "T3": ("school", "", BOOM, None, None),
        "HvK B": ("welfare", "huis-van-het-kind", BOOM, None, None),
        "HvK C": ("welfare", "huis-van-het-kind", BOOM, None, None),
        "HvK A": ("welfare", "huis-van-het-kind", BOOM, None, None),
    }, links=[("T1", "HvK B", "two-way", "structural"), ("T2", "HvK B", "two-way", "ad-hoc"),
              ("HvK B", "T3", "one-way", "ad-hoc"), ("T1", "HvK A", "one-way", "ad-hoc"),
              ("T2", "HvK A", "one-way", "ad-hoc"), ("T3", "HvK A", "one-way", "ad-hoc"),
              ("T3", "HvK A", "two-way", "ad-hoc"), ("T1", "HvK C", "one-way", "ad-hoc")])
    rows = _rows(suggest_partners(network, expected={"11005": ("huis-van-het-kind",)}))
    # A and B work with 3 schools each (A's parallel links to T3 count once), C with 1;
    # the tie between A and B goes by label.
    assert list(rows["candidate"]) == ["HvK A", "HvK B", "HvK C"]
    assert list(rows["candidate_school_partners"]) == [3, 3, 1]
    assert rows["distance_km"].isna().all()
    assert rows.at[2, "reason"] == ("No Huis van het Kind partner yet; HvK C in Boom works "
                                    "with 1 school.")


def test_distance_before_no_coordinates():
    network = _network({
        "S": ("school", "", BOOM, 51.0, 4.0),
        "T": ("school", "", BOOM, 51.0, 4.0),
        "Far": ("welfare", "caw", BOOM, 51.0, 4.05),
        "Busy": ("welfare", "caw", BOOM, None, None),
    }, links=[("T", "Busy", "two-way", "structural")])
    rows = _rows(suggest_partners(network, expected={"11005": ("caw",)}))
    assert list(rows["candidate"]) == ["Far", "Busy"]


def test_elsewhere_only_when_none_inside():
    network = _network({
        "S": ("school", "", BOOM, 51.0, 4.0),
        "OCMW Niel": ("local-government", "ocmw", NIEL, 51.1, 4.0),
        "CAW Niel": ("welfare", "caw", NIEL, 51.1, 4.0),
        "CAW Boom": ("welfare", "caw", BOOM, 51.2, 4.0),
    })
    table = suggest_partners(network, expected={"11005": ("caw", "ocmw")})
    # CAW Boom is farther than CAW Niel but lies in the school's municipality.
    assert list(_rows(table, welfare_type="caw")["candidate"]) == ["CAW Boom"]
    ocmw = _rows(table, welfare_type="ocmw")
    assert list(ocmw["candidate"]) == ["OCMW Niel"]
    # 0.1 degree of latitude is 11.12 km.
    assert ocmw.at[0, "reason"] == ("No OCMW partner yet and none in Boom; OCMW Niel in Niel is "
                                    "11.1 km away and works with no school yet.")


def test_type_without_any_actor():
    network = _network({"S": ("school", "", BOOM, None, None)})
    rows = _rows(suggest_partners(network, expected={"11005": ("clb",)}))
    assert len(rows) == 1
    assert rows.at[0, "candidate_iri"] == ""
    assert rows.at[0, "reason"] == ("No CLB partner yet, and the network has no CLB "
                                    "to suggest.")


def test_only_missing_types_are_suggested():
    network = _network({
        "S": ("school", "", BOOM, None, None),
        "CLB": ("welfare", "clb", BOOM, None, None),
        "CAW": ("welfare", "caw", BOOM, None, None),
    }, links=[("S", "CLB", "two-way", "structural")])
    rows = _rows(suggest_partners(network, expected={"11005": ("caw", "clb")}))
    # S is mandated-only: the CLB is reached, so only the CAW is suggested.
    assert list(rows["welfare_type"]) == ["caw"]


def test_connected_school_gets_no_suggestion():
    network = _network({
        "S": ("school", "", BOOM, None, None),
        "CAW": ("welfare", "caw", BOOM, None, None),
        "N1": ("network", "", BOOM, None, None),
    }, links=[("S", "CAW", "two-way", "structural")])
    assert suggest_partners(network).empty


def test_networks_not_joined_suggested():
    network = _network({
        "S": ("school", "", BOOM, None, None),
        "T": ("school", "", BOOM, None, None),
        "N2": ("network", "", BOOM, None, None),
        "N1": ("network", "", BOOM, None, None),
        "N3": ("network", "", BOOM, None, None),
        "N Niel": ("network", "", NIEL, None, None),
    }, memberships=[("S", "N1"), ("T", "N2"), ("T", "N1")])
    table = suggest_partners(network, expected={"11005": ("caw",)})
    rows = _rows(table, kind="network")
    # S joined N1; N Niel lies in another municipality.
    assert list(rows["candidate"]) == ["N2", "N3"]
    assert list(rows["candidate_school_partners"]) == [1, 0]
    assert rows.at[0, "reason"] == "Not a member of N2 yet; 1 school is a member."
    assert rows.at[1, "reason"] == "Not a member of N3 yet; no school is a member yet."


def test_member_of_all_networks():
    network = _network({
        "S": ("school", "", BOOM, None, None),
        "N1": ("network", "", BOOM, None, None),
        "N2": ("network", "", BOOM, None, None),
    }, memberships=[("S", "N1"), ("S", "N2")])
    table = suggest_partners(network, expected={"11005": ("caw",)})
    assert _rows(table, kind="network").empty
    assert len(_rows(table, kind="partner")) == 1


def test_default_expected_types():
    network = _network({"S": ("school", "", BOOM, None, None)})
    rows = _rows(suggest_partners(network))
    assert list(rows["welfare_type"]) == ["caw", "clb", "huis-van-het-kind", "ocmw"]


def test_invalid_limit():
    network = _network({"S": ("school", "", BOOM, None, None)})
    with pytest.raises(ValueError, match="invalid limit 0"):
        suggest_partners(network, limit=0)


def test_local_government_not_named_twice():
    network = _network({
        "S": ("school", "", BOOM, None, None),
        "Boom": ("local-government", "ocmw", BOOM, None, None),
    })
    rows = _rows(suggest_partners(network, expected={"11005": ("ocmw",)}))
    assert rows.at[0, "reason"] == "No OCMW partner yet; Boom works with no school yet."
    assert rows.at[0, "candidate_school_partners"] == 0
