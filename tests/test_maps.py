"""Tests of the offline municipality maps and the index page, without a browser."""

from __future__ import annotations

import json
import math
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import networkx as nx
import numpy as np
import pytest

from ecosystem.analysis.status import STATUSES
from ecosystem.errors import EcosystemError
from ecosystem.maps import style
from ecosystem.maps.network_map import (MapInputError, draw_municipality_map,
                                         schools_by_refnis, select_municipality)
from ecosystem.reports.index import IndexInputError, write_index

ID = "https://w3id.org/edu-welfare/id/"
GENT = "44021"
LOKEREN = "46029"
REPOSITORY = Path(__file__).resolve().parents[1]

EXTERNAL_REFERENCE = re.compile(
    r"""(?:\b(?:src|href)\s*=\s*["']?\s*|url\(\s*["']?\s*)(?:https?:)?//""", re.IGNORECASE
)
MAP_DATA = re.compile(r'<script type="application/json" id="map-data">(.*?)</script>', re.DOTALL)


def add_actor(graph, iri, label, kind, refnis=GENT, municipality="Gent", **extra):
    attrs = {
        "label": label,
        "kind": kind,
        "welfare_type": "",
        "network_type": "",
        "refnis": refnis,
        "municipality": municipality,
        "school_number": "",
        "status": "",
        "lat": None,
        "lon": None,
    }
    attrs.update(extra)
    graph.add_node(iri, **attrs)
    return iri


def add_school(graph, number, label, refnis=GENT, status="connected", **extra):
    municipality = extra.pop("municipality", "Gent" if refnis == GENT else "Lokeren")
    return add_actor(
        graph,
        f"{ID}school/{number}",
        label,
        "school",
        refnis=refnis,
        municipality=municipality,
        school_number=number,
        status=status,
        **extra,
    )


def collaborate(graph, source, target, key, direction="one-way", formality="structural", **extra):
    attrs = {
        "direction": direction,
        "formality": formality,
        "mandated": False,
        "purposes": [],
        "since": "",
    }
    attrs.update(extra)
    graph.add_edge(source, target, key=key, relation="collaboration", **attrs)
    return key


def join(graph, member, network, key, role="member"):
    graph.add_edge(member, network, key=key, relation="membership", role=role)
    return key


def read_map_data(path: Path) -> dict:
    match = MAP_DATA.search(path.read_text(encoding="utf-8"))
    assert match, "the page has no map-data script element"
    return json.loads(match.group(1))


def nodes_by_id(data: dict) -> dict:
    return {node["id"]: node for node in data["nodes"]}


def edges_by_id(data: dict) -> dict:
    return {edge["id"]: edge for edge in data["edges"]}


@pytest.fixture
def gent() -> nx.MultiDiGraph:
    """Return a small graph around Gent with one school in Lokeren that shares a network."""
    graph = nx.MultiDiGraph()
    regenboog = add_school(
        graph, "000141", "VBS <b>De Regenboog</b>", status="one-way-only", lat=51.06, lon=3.70
    )
    add_school(graph, "012345", 'GO! Şişli & "Zon"', status="isolated", lat=51.03, lon=3.75)
    klavertje = add_school(
        graph, "000777", "Basisschool 't Klavertje", status="ad-hoc-only", lat=51.04, lon=3.72
    )
    lokeren = add_school(graph, "000888", "Lokerse school", refnis=LOKEREN, lat=51.10, lon=3.99)
    caw = add_actor(graph, f"{ID}org/caw", "CAW Oost-Vlaanderen", "welfare", welfare_type="caw")
    clb = add_actor(
        graph,
        f"{ID}org/clb",
        "VCLB Gent",
        "welfare",
        welfare_type="clb",
        refnis="",
        municipality="",
    )
    network = add_actor(
        graph,
        f"{ID}network/brede-school",
        "Brede school Noord",
        "network",
        network_type="brede-school",
    )
    house = add_actor(
        graph,
        f"{ID}org/hvhk",
        "Huis van het Kind",
        "welfare",
        welfare_type="huis-van-het-kind",
        refnis="",
    )
    city = add_actor(graph, f"{ID}org/city", "Stad Gent", "local-government")

    collaborate(
        graph,
        regenboog,
        caw,
        f"{ID}link/1",
        formality="ad-hoc",
        purposes=["referral"],
        since="2019",
    )
    collaborate(graph, regenboog, caw, f"{ID}link/2", direction="two-way")
    collaborate(graph, regenboog, clb, f"{ID}link/3", direction="two-way", mandated=True)
    collaborate(graph, klavertje, house, f"{ID}link/4", formality="ad-hoc")
    join(graph, regenboog, network, f"{ID}membership/1")
    join(graph, lokeren, network, f"{ID}membership/2")
    join(graph, house, network, f"{ID}membership/3", role="coordinating")
    join(graph, city, network, f"{ID}membership/4", role="steering")

    # Not on the map of Gent: a Lokeren school outside the shared network,
    # a welfare partner only the Lokeren schools work with, and a second
    # network that only the Lokeren member of the shared network belongs to.
    other = add_school(graph, "000999", "Andere Lokerse school", refnis=LOKEREN)
    partner = add_actor(
        graph,
        f"{ID}org/lokeren-ocmw",
        "OCMW Lokeren",
        "welfare",
        welfare_type="ocmw",
        refnis=LOKEREN,
    )
    lokeren_network = add_actor(
        graph, f"{ID}network/lop-lokeren", "LOP Lokeren", "network", refnis=LOKEREN
    )
    collaborate(graph, lokeren, partner, f"{ID}link/5")
    collaborate(graph, other, partner, f"{ID}link/6")
    join(graph, lokeren, lokeren_network, f"{ID}membership/5")
    join(graph, other, lokeren_network, f"{ID}membership/6")
    return graph


def test_selection_includes_fellow_members(gent):
    selected = select_municipality(gent, GENT)
    expected = {
        f"{ID}school/000141",
        f"{ID}school/012345",
        f"{ID}school/000777",
        f"{ID}school/000888",
        f"{ID}org/caw",
        f"{ID}org/clb",
        f"{ID}network/brede-school",
        f"{ID}org/hvhk",
        f"{ID}org/city",
    }
    assert set(selected.nodes) == expected
    assert selected.number_of_edges() == 8
    assert set(selected[f"{ID}school/000141"][f"{ID}org/caw"]) == {f"{ID}link/1", f"{ID}link/2"}


def test_select_municipality_marks_outside_actors(gent):
    selected = select_municipality(gent, GENT)
    outside = {node for node, is_outside in selected.nodes(data="outside") if is_outside}
    assert outside == {f"{ID}school/000888"}
    assert selected.nodes[f"{ID}org/clb"]["outside"] is False
    assert "outside" not in gent.nodes[f"{ID}school/000888"]


def test_select_municipality_accepts_integer_refnis():
    graph = nx.MultiDiGraph()
    add_school(graph, "000141", "School in Aartselaar", refnis="11001", municipality="Aartselaar")
    assert set(select_municipality(graph, np.int64(11001)).nodes) == {f"{ID}school/000141"}


@pytest.mark.parametrize("refnis", ["4402", "440211", "Gent", "", None, 3.5])
def test_select_municipality_rejects_invalid_refnis(gent, refnis):
    with pytest.raises(MapInputError, match="Expected five digits"):
        select_municipality(gent, refnis)


def test_map_has_no_external_resources(gent, tmp_path):
    page = draw_municipality_map(gent, GENT, "Gent", tmp_path / "maps" / "44021.html").read_text(
        encoding="utf-8"
    )
    assert EXTERNAL_REFERENCE.findall(page) == []
    assert re.search(r"<script\b[^>]*\bsrc\s*=", page, re.IGNORECASE) is None
    assert re.search(r"<link\b", page, re.IGNORECASE) is None
    assert "@import" not in page
    assert "new vis.Network(" in page
    assert "vis-network" in page


def test_map_writes_no_lib_folder(gent, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    draw_municipality_map(gent, GENT, "Gent", tmp_path / "out" / "gent.html")
    assert sorted(path.name for path in tmp_path.iterdir()) == ["out"]
    assert sorted(path.name for path in (tmp_path / "out").iterdir()) == ["gent.html"]


def test_map_heading_is_escaped_utf8(gent, tmp_path):
    path = draw_municipality_map(gent, GENT, "<Waasland> & Şişli", tmp_path / "map.html")
    raw = path.read_bytes()
    page = raw.decode("utf-8")
    assert '<meta charset="utf-8">' in page.split("</head>")[0]
    assert "&lt;Waasland&gt; &amp; Şişli" in page
    assert "Şişli".encode("utf-8") in raw
    assert "<Waasland>" not in page
    heading = re.search(r"<h1>(.*?)</h1>", page).group(1)
    assert "&lt;Waasland&gt; &amp; Şişli (44021)" in heading
    title = re.search(r"<title>(.*?)</title>", page).group(1)
    assert "&lt;Waasland&gt; &amp; Şişli" in title


def test_map_written_as_utf8_under_ascii_locale(tmp_path):
    script = textwrap.dedent("""
        import sys
        import networkx as nx
        from ecosystem.maps.network_map import draw_municipality_map
        graph = nx.MultiDiGraph()
        graph.add_node("https://w3id.org/edu-welfare/id/school/000141", label="VZW Ümit Şişli",
                       kind="school", refnis="44021", school_number="000141", status="isolated")
        draw_municipality_map(graph, "44021", "Şişli <Waasland>", sys.argv[1])
        """)
    script_path = tmp_path / "write_map.py"
    script_path.write_text(script, encoding="utf-8")
    target = tmp_path / "ascii.html"
    environment = {
        "PATH": os.environ.get("PATH", ""),
        "PYTHONPATH": os.pathsep.join([str(REPOSITORY), os.environ.get("PYTHONPATH", "")]),
        "LC_ALL": "C",
        "PYTHONCOERCECLOCALE": "0",
        "PYTHONUTF8": "0",
    }
    result = subprocess.run(
        [sys.executable, "-X", "utf8=0", str(script_path), str(target)],
        env=environment,
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    assert result.returncode == 0, result.stderr
    page = target.read_bytes().decode("utf-8")
    assert "Şişli &lt;Waasland&gt;" in page
    assert "VZW Ümit Şişli" in read_map_data(target)["nodes"][0]["title"]


def test_numeric_looking_ids_stay_strings(tmp_path):
    graph = nx.MultiDiGraph()
    graph.add_node(
        "000141",
        label="VBS De Regenboog",
        kind="school",
        refnis=GENT,
        school_number="000141",
        status="connected",
    )
    graph.add_node(
        "012345",
        label="GO! De Zon",
        kind="school",
        refnis=GENT,
        school_number="012345",
        status="connected",
    )
    graph.add_node("0999000101", label="CAW", kind="welfare", welfare_type="caw", refnis=GENT)
    collaborate(graph, "000141", "012345", "00001", direction="two-way")
    collaborate(graph, "012345", "0999000101", "00002")
    data = read_map_data(draw_municipality_map(graph, GENT, "Gent", tmp_path / "map.html"))

    assert sorted(node["id"] for node in data["nodes"]) == ["000141", "012345", "0999000101"]
    assert all(isinstance(node["id"], str) for node in data["nodes"])
    edges = edges_by_id(data)
    assert set(edges) == {"00001", "00002"}
    assert (edges["00001"]["from"], edges["00001"]["to"]) == ("000141", "012345")
    assert (edges["00002"]["from"], edges["00002"]["to"]) == ("012345", "0999000101")
    assert "000141" in nodes_by_id(data)["000141"]["label"]
    assert "School number: 000141" in nodes_by_id(data)["000141"]["title"]


def test_numpy_scalar_attributes_are_plain(tmp_path):
    graph = nx.MultiDiGraph()
    school = add_school(
        graph,
        np.str_("000141"),
        np.str_("VBS De Regenboog"),
        refnis=np.str_(GENT),
        status=np.str_("one-way-only"),
        lat=np.float64(51.05),
        lon=np.float64(3.72),
    )
    caw = add_actor(
        graph,
        f"{ID}org/caw",
        "CAW",
        "welfare",
        welfare_type="caw",
        lat=np.float64("nan"),
        lon=np.float64(3.7),
    )
    collaborate(
        graph,
        school,
        caw,
        f"{ID}link/1",
        mandated=np.bool_(True),
        purposes=np.array(["referral", "care"]),
        since=np.int64(2019),
    )
    path = draw_municipality_map(graph, np.int64(44021), "Gent", tmp_path / "map.html")
    data = read_map_data(path)
    edge = data["edges"][0]

    assert edge["mandated"] is True
    assert "Since: 2019" in edge["title"]
    assert "Purposes: referral, care" in edge["title"]
    assert edge["color"]["color"] == style.MANDATED_COLOUR
    for node in data["nodes"]:
        assert isinstance(node["x"], float)
        assert isinstance(node["y"], float)


def test_parallel_edges_are_each_drawn(gent, tmp_path):
    data = read_map_data(draw_municipality_map(gent, GENT, "Gent", tmp_path / "map.html"))
    edges = edges_by_id(data)
    assert len(data["edges"]) == 8
    assert len(edges) == 8
    first, second = edges[f"{ID}link/1"], edges[f"{ID}link/2"]
    assert (first["from"], first["to"]) == (second["from"], second["to"])
    assert first["smooth"]["enabled"] is True
    assert second["smooth"]["enabled"] is True
    assert (first["smooth"]["type"], first["smooth"]["roundness"]) != (
        second["smooth"]["type"],
        second["smooth"]["roundness"],
    )


def test_opposite_parallel_edges_curve_apart(tmp_path):
    graph = nx.MultiDiGraph()
    school = add_school(graph, "000141", "School")
    caw = add_actor(graph, f"{ID}org/caw", "CAW", "welfare", welfare_type="caw")
    collaborate(graph, school, caw, "link-a")
    collaborate(graph, caw, school, "link-b")
    collaborate(graph, school, caw, "link-c")
    edges = edges_by_id(
        read_map_data(draw_municipality_map(graph, GENT, "Gent", tmp_path / "map.html"))
    )

    # vis-network bends curvedCW to one side of the edge's own direction, so an
    # edge drawn the other way round bends to the other side. Express every
    # curve in the direction school -> CAW: no two may coincide.
    def curve(edge):
        clockwise = edge["smooth"]["type"] == "curvedCW"
        side = clockwise if edge["from"] == school else not clockwise
        return side, edge["smooth"]["roundness"]

    curves = [curve(edges[key]) for key in ("link-a", "link-b", "link-c")]
    assert len(set(curves)) == 3
    assert {side for side, _ in curves} == {True, False}


def test_arrows_and_dashes_follow_link_kind(gent, tmp_path):
    edges = edges_by_id(
        read_map_data(draw_municipality_map(gent, GENT, "Gent", tmp_path / "map.html"))
    )
    one_way_ad_hoc = edges[f"{ID}link/1"]
    two_way_structural = edges[f"{ID}link/2"]
    membership = edges[f"{ID}membership/1"]

    assert one_way_ad_hoc["arrows"]["to"]["enabled"] is True
    assert one_way_ad_hoc["arrows"]["from"]["enabled"] is False
    assert one_way_ad_hoc["dashes"] == style.AD_HOC_DASHES
    assert two_way_structural["arrows"]["to"]["enabled"] is True
    assert two_way_structural["arrows"]["from"]["enabled"] is True
    assert two_way_structural["dashes"] is False
    assert two_way_structural["width"] > one_way_ad_hoc["width"]
    assert membership["arrows"]["to"]["enabled"] is False
    assert membership["arrows"]["from"]["enabled"] is False
    assert membership["dashes"] == style.MEMBERSHIP_DASHES
    assert membership["color"]["color"] == style.MEMBERSHIP_COLOUR
    assert "Role: member" in membership["title"]


def test_outside_actor_marked_on_map(gent, tmp_path):
    nodes = nodes_by_id(
        read_map_data(draw_municipality_map(gent, GENT, "Gent", tmp_path / "map.html"))
    )
    outside = nodes[f"{ID}school/000888"]
    inside = nodes[f"{ID}school/000141"]

    assert outside["outside"] is True
    assert "Outside Gent: located in Lokeren (46029)" in outside["title"]
    assert outside["shapeProperties"]["borderDashes"] == style.OUTSIDE_BORDER_DASHES
    assert outside["color"]["background"] == style.lighten(
        style.KIND_STYLES["school"].colour, style.OUTSIDE_LIGHTENING
    )
    assert inside["outside"] is False
    assert inside["shapeProperties"]["borderDashes"] is False
    assert inside["color"]["background"] == style.KIND_STYLES["school"].colour
    assert "Municipality: Gent (44021)" in inside["title"]


def test_school_status_shown_on_map(gent, tmp_path):
    path = draw_municipality_map(gent, GENT, "Gent", tmp_path / "map.html")
    nodes = nodes_by_id(read_map_data(path))
    page = path.read_text(encoding="utf-8")

    for number, status in [
        ("000141", "one-way-only"),
        ("012345", "isolated"),
        ("000777", "ad-hoc-only"),
    ]:
        node = nodes[f"{ID}school/{number}"]
        assert node["color"]["border"] == style.STATUS_STYLES[status].colour
        assert node["label"].endswith(f"{number} \u00b7 {status}")
        assert f"Status: {status}" in node["title"]
    summary = re.search(r'<p class="summary" id="summary">(.*?)</p>', page).group(1)
    assert (
        summary == "3 schools in Gent: 1 isolated, 0 mandated-only, 1 one-way-only, 1 ad-hoc-only, "
        "0 connected."
    )
    legend = page.split('id="legend"')[1]
    for status_style in style.STATUS_STYLES.values():
        assert status_style.meaning in legend
    assert "Ad hoc: dashed line" in legend
    assert "outside this municipality" in legend


def test_legend_covers_every_analysis_status():
    assert tuple(style.STATUS_STYLES) == STATUSES


def test_map_errors_are_ecosystem_errors():
    assert issubclass(MapInputError, EcosystemError)
    assert issubclass(IndexInputError, EcosystemError)


def test_actor_colours_follow_kind_and_welfare_type(gent, tmp_path):
    nodes = nodes_by_id(
        read_map_data(draw_municipality_map(gent, GENT, "Gent", tmp_path / "map.html"))
    )
    assert nodes[f"{ID}org/caw"]["color"]["background"] == style.WELFARE_TYPE_STYLES["caw"].colour
    assert nodes[f"{ID}org/clb"]["color"]["background"] == style.WELFARE_TYPE_STYLES["clb"].colour
    assert (
        nodes[f"{ID}org/city"]["color"]["background"]
        == style.KIND_STYLES["local-government"].colour
    )
    assert nodes[f"{ID}network/brede-school"]["shape"] == style.KIND_STYLES["network"].shape
    assert nodes[f"{ID}org/city"]["kind"] == "local-government"


def test_tooltips_keep_markup_as_text(gent, tmp_path):
    path = draw_municipality_map(gent, GENT, "Gent", tmp_path / "map.html")
    nodes = nodes_by_id(read_map_data(path))
    page = path.read_text(encoding="utf-8")
    assert nodes[f"{ID}school/000141"]["title"].startswith("VBS <b>De Regenboog</b>\n")
    assert nodes[f"{ID}school/012345"]["label"].startswith('GO! Şişli & "Zon"')
    assert "<b>De Regenboog" not in page


def test_names_cannot_close_the_data_script(tmp_path):
    graph = nx.MultiDiGraph()
    add_school(graph, "000141", "</script><script>window.injected = 1</script>")
    path = draw_municipality_map(graph, GENT, "Gent", tmp_path / "map.html")
    assert "<script>window.injected" not in path.read_text(encoding="utf-8")
    assert read_map_data(path)["nodes"][0]["label"].startswith(
        "</script><script>window.injected = 1</script>"
    )


def test_large_map_has_positions_and_no_physics(tmp_path):
    graph = random_municipality(schools=300, partners=1200, links=1600)
    path = draw_municipality_map(graph, "11002", "Antwerpen", tmp_path / "large.html")
    data = read_map_data(path)

    assert len(data["nodes"]) == graph.number_of_nodes()
    assert data["options"]["physics"]["enabled"] is False
    assert data["options"]["layout"]["improvedLayout"] is False
    xs = [node["x"] for node in data["nodes"]]
    ys = [node["y"] for node in data["nodes"]]
    assert all(math.isfinite(value) for value in xs + ys)
    assert max(xs) - min(xs) >= 2000
    assert max(ys) - min(ys) >= 1000
    assert len({(round(x), round(y)) for x, y in zip(xs, ys)}) > 0.95 * len(xs)


def test_layout_is_deterministic(tmp_path):
    graph = random_municipality(schools=40, partners=80, links=150)
    first = read_map_data(
        draw_municipality_map(graph, "11002", "Antwerpen", tmp_path / "first.html")
    )
    second = read_map_data(
        draw_municipality_map(graph, "11002", "Antwerpen", tmp_path / "second.html")
    )
    assert [(node["x"], node["y"]) for node in first["nodes"]] == [
        (node["x"], node["y"]) for node in second["nodes"]
    ]


def test_schools_with_coordinates_keep_geography(tmp_path):
    graph = nx.MultiDiGraph()
    add_school(graph, "000001", "North-west", lat=51.10, lon=3.60)
    add_school(graph, "000002", "South-east", lat=51.00, lon=3.80)
    caw = add_actor(graph, f"{ID}org/caw", "CAW", "welfare", welfare_type="caw")
    collaborate(graph, f"{ID}school/000001", caw, "link-1")
    collaborate(graph, f"{ID}school/000002", caw, "link-2")
    nodes = nodes_by_id(
        read_map_data(draw_municipality_map(graph, GENT, "Gent", tmp_path / "map.html"))
    )
    north_west, south_east = nodes[f"{ID}school/000001"], nodes[f"{ID}school/000002"]
    assert north_west["x"] < south_east["x"]
    assert north_west["y"] < south_east["y"]


def random_municipality(schools: int, partners: int, links: int) -> nx.MultiDiGraph:
    """Return a seeded random graph of REFNIS 11002 in which every actor is on the map."""
    generator = np.random.default_rng(1)
    graph = nx.MultiDiGraph()
    school_ids = [
        add_school(
            graph,
            f"{number:06d}",
            f"School {number}",
            refnis="11002",
            municipality="Antwerpen",
            status=str(generator.choice(list(style.STATUS_STYLES))),
            lat=51.2 + generator.uniform(-0.08, 0.08),
            lon=4.4 + generator.uniform(-0.1, 0.1),
        )
        for number in range(schools)
    ]
    kinds = ["welfare", "welfare", "welfare", "local-government", "network", "bridge-organisation"]
    partner_ids = [
        add_actor(
            graph,
            f"{ID}org/{number}",
            f"Partner {number}",
            str(generator.choice(kinds)),
            refnis="11002",
        )
        for number in range(partners)
    ]
    # Link every partner once so that all of them are on the map, then add random links.
    for number in range(links):
        partner = (
            partner_ids[number] if number < partners else partner_ids[generator.integers(partners)]
        )
        school = school_ids[generator.integers(schools)]
        collaborate(
            graph,
            school,
            partner,
            f"{ID}link/{number}",
            direction=str(generator.choice(["one-way", "two-way"])),
            formality=str(generator.choice(["structural", "ad-hoc"])),
        )
    return graph


def test_unknown_municipality_raises(gent, tmp_path):
    with pytest.raises(MapInputError, match="No school in the graph has REFNIS code 11002"):
        draw_municipality_map(gent, "11002", "Antwerpen", tmp_path / "map.html")
    assert not (tmp_path / "map.html").exists()


@pytest.mark.parametrize(
    ("attribute", "value"),
    [("relation", "friendship"), ("direction", "sideways"), ("formality", "")],
)
def test_invalid_link_value_raises(tmp_path, attribute, value):
    graph = nx.MultiDiGraph()
    school = add_school(graph, "000141", "School")
    caw = add_actor(graph, f"{ID}org/caw", "CAW", "welfare", welfare_type="caw")
    collaborate(graph, school, caw, f"{ID}link/bad")
    graph.edges[school, caw, f"{ID}link/bad"][attribute] = value
    with pytest.raises(
        MapInputError, match=rf"Link {ID}link/bad has invalid {attribute} '{value}'"
    ):
        draw_municipality_map(graph, GENT, "Gent", tmp_path / "map.html")


def index_row(refnis, municipality, map_path, schools=4, **counts):
    row = {"refnis": refnis, "municipality": municipality, "schools": schools, "map": map_path}
    for status in style.STATUS_STYLES:
        row[status] = counts.get(status.replace("-", "_"), 1 if status != "connected" else 0)
    return row


def test_index_links_each_map(tmp_path):
    rows = [
        index_row("11005", "Boom", "maps/11005.html"),
        index_row("44021", "Gent", "maps/44021.html", schools=np.int64(12), isolated=np.int64(3)),
        index_row("46029", "Lokeren", ""),
    ]
    page = write_index(rows, tmp_path / "index.html").read_text(encoding="utf-8")
    assert '<a href="maps/11005.html">Map of Boom</a>' in page
    assert '<a href="maps/44021.html">Map of Gent</a>' in page
    lokeren_row = re.search(r"<tr><th scope=\"row\">Lokeren</th>.*?</tr>", page).group(0)
    assert "<a " not in lokeren_row
    assert "no map" in lokeren_row
    gent_row = re.search(r"<tr><th scope=\"row\">Gent</th>.*?</tr>", page).group(0)
    assert '<td class="number">12</td><td class="number">3</td>' in gent_row
    assert page.index(">Boom<") < page.index(">Gent<") < page.index(">Lokeren<")


def test_index_links_data_files(tmp_path):
    page = write_index(
        [index_row("11005", "Boom", "maps/11005.html")], tmp_path / "index.html"
    ).read_text(encoding="utf-8")
    for name in ("schools.csv", "municipalities.csv", "load-report.csv", "graph.ttl"):
        assert f'<a href="{name}">' in page
    assert EXTERNAL_REFERENCE.findall(page) == []
    assert '<meta charset="utf-8">' in page


def test_index_escapes_names_and_title(tmp_path):
    rows = [index_row("44021", "<Waasland> & Şişli", "maps/44021 <x>.html")]
    path = write_index(rows, tmp_path / "index.html", title='Kaart "<Gent>" & co')
    page = path.read_text(encoding="utf-8")
    assert "&lt;Waasland&gt; &amp; Şişli" in page
    assert "<Waasland>" not in page
    assert "<title>Kaart &quot;&lt;Gent&gt;&quot; &amp; co</title>" in page
    assert 'href="maps/44021%20%3Cx%3E.html"' in page
    assert "Şişli".encode("utf-8") in path.read_bytes()


def test_index_rejects_missing_keys(tmp_path):
    row = index_row("11005", "Boom", "maps/11005.html")
    del row["connected"]
    with pytest.raises(IndexInputError, match="Row 1 of the index lacks connected"):
        write_index([row], tmp_path / "index.html")


@pytest.mark.parametrize(
    "link", ["https://example.org/11005.html", "/tmp/11005.html", "//cdn/x.html"]
)
def test_index_rejects_non_relative_map(tmp_path, link):
    with pytest.raises(IndexInputError, match="which is not a relative path"):
        write_index([index_row("11005", "Boom", link)], tmp_path / "index.html")


@pytest.mark.parametrize("count", [-1, 2.5, "three", None, True])
def test_index_rejects_invalid_count(tmp_path, count):
    with pytest.raises(IndexInputError, match="Expected a whole number of schools"):
        write_index([index_row("11005", "Boom", "", schools=count)], tmp_path / "index.html")


def test_post_drawn_with_role_in_tooltip(tmp_path):
    graph = nx.MultiDiGraph()
    school = add_school(graph, "919", "De Hoeksteen")
    city = add_actor(graph, f"{ID}local-government/44021", "Stad Gent", "local-government")
    graph.add_edge(city, school, key=f"{ID}post/1 {school}", relation="post",
                   post=f"{ID}post/1", role="bridge-figure", employer_type="city")
    path = draw_municipality_map(graph, GENT, "Gent", tmp_path / "map.html")
    edges = list(edges_by_id(read_map_data(path)).values())
    assert len(edges) == 1
    assert edges[0]["relation"] == "post"
    assert "bridge figure who works for De Hoeksteen" in edges[0]["title"]
    assert edges[0]["dashes"]


def test_collaboration_tooltip_lists_waves_and_disputes(tmp_path):
    graph = nx.MultiDiGraph()
    school = add_school(graph, "919", "De Hoeksteen")
    caw = add_actor(graph, f"{ID}org/caw", "CAW De Brug", "welfare", welfare_type="caw")
    collaborate(graph, school, caw, f"{ID}link/1", intensity="cooperation",
                waves=["2023-2024", "2024-2025"], disputed=["formality"])
    path = draw_municipality_map(graph, GENT, "Gent", tmp_path / "map.html")
    title = edges_by_id(read_map_data(path))[f"{ID}link/1"]["title"]
    assert "Intensity: cooperation" in title
    assert "Reported in: 2023-2024, 2024-2025" in title
    assert "disagree on: formality" in title


def test_map_same_under_any_hash_seed(tmp_path):
    # The other municipality makes the selection less than half the graph,
    # where networkx iterates the selected set itself.
    script = textwrap.dedent("""
        import sys
        import networkx as nx
        from ecosystem.maps.network_map import draw_municipality_map
        graph = nx.MultiDiGraph()
        base = "https://w3id.org/edu-welfare/id/"
        for refnis, count in (("44021", 6), ("46029", 40)):
            for number in range(count):
                school, partner = f"{base}school/{refnis}-{number}", f"{base}actor/{refnis}-{number}"
                graph.add_node(school, label=f"School {number}", kind="school", refnis=refnis,
                               status="connected")
                graph.add_node(partner, label=f"CAW {number}", kind="welfare", refnis=refnis)
                graph.add_edge(school, partner, key=f"{school}/link", relation="collaboration",
                               direction="two-way", formality="structural")
        draw_municipality_map(graph, "44021", "Gent", sys.argv[1])
        """)
    script_path = tmp_path / "write_map.py"
    script_path.write_text(script, encoding="utf-8")
    pages = []
    for seed in ("1", "2", "3"):
        target = tmp_path / f"seed-{seed}.html"
        environment = dict(os.environ, PYTHONHASHSEED=seed,
                           PYTHONPATH=os.pathsep.join([str(REPOSITORY),
                                                       os.environ.get("PYTHONPATH", "")]))
        result = subprocess.run([sys.executable, str(script_path), str(target)],
                                env=environment, capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
        pages.append(target.read_bytes())
    assert pages[0] == pages[1] == pages[2]


def test_schools_index_gives_the_same_selection(gent):
    index = schools_by_refnis(gent)
    with_index = select_municipality(gent, GENT, index)
    without_index = select_municipality(gent, GENT)
    assert list(with_index.nodes(data=True)) == list(without_index.nodes(data=True))
    assert list(with_index.edges(keys=True)) == list(without_index.edges(keys=True))
    assert sorted(index) == sorted({attrs["refnis"] for _, attrs in gent.nodes(data=True)
                                    if attrs.get("kind") == "school"})
