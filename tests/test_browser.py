"""Tests that open written maps in a real headless Chromium with every network request blocked."""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx
import numpy as np
import pytest

from ecosystem.maps.network_map import draw_municipality_map, select_municipality

try:
    from playwright.sync_api import sync_playwright
except ImportError:
    sync_playwright = None

pytestmark = pytest.mark.browser

ID = "https://w3id.org/edu-welfare/id/"
CHROMIUM = "/usr/bin/chromium" if Path("/usr/bin/chromium").is_file() else shutil.which("chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# Generous bound for the first drawing, so a slow test machine does not fail.
DRAW_TIMEOUT_MS = 60_000


@dataclass
class OpenedMap:
    """A map page with the requests it attempted beyond file:// and the errors it raised."""

    page: object
    blocked_requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def evaluate(self, expression: str, argument=None):
        return self.page.evaluate(expression, argument)


@pytest.fixture(scope="module")
def browser():
    if CHROMIUM is None:
        pytest.skip(
            "Chromium not found at /usr/bin/chromium or on PATH; "
            "install it to run the browser tests"
        )
    if sync_playwright is None:
        pytest.skip(
            "playwright is not importable; install the Python package playwright "
            "(no browser download is needed)"
        )
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def open_map(browser):
    pages = []

    def open_page(path: Path) -> OpenedMap:
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        pages.append(page)
        opened = OpenedMap(page)
        page.on("pageerror", lambda error: opened.errors.append(str(error)))
        page.on(
            "console",
            lambda message: message.type == "error" and opened.errors.append(message.text),
        )

        def block_network(route):
            if route.request.url.startswith("file://"):
                route.continue_()
            else:
                opened.blocked_requests.append(route.request.url)
                route.abort()

        page.route("**/*", block_network)
        page.goto(path.resolve().as_uri())
        page.wait_for_function("window.mapReady === true", timeout=DRAW_TIMEOUT_MS)
        return opened

    yield open_page
    for page in pages:
        page.close()


def add_actor(graph, iri, label, kind, refnis="44021", **extra):
    attrs = {
        "label": label,
        "kind": kind,
        "welfare_type": "",
        "network_type": "",
        "refnis": refnis,
        "municipality": "Gent" if refnis == "44021" else "Lokeren",
        "school_number": "",
        "status": "",
        "lat": None,
        "lon": None,
    }
    attrs.update(extra)
    graph.add_node(iri, **attrs)
    return iri


def collaborate(graph, source, target, key, direction="one-way", formality="structural"):
    graph.add_edge(
        source,
        target,
        key=key,
        relation="collaboration",
        direction=direction,
        formality=formality,
        mandated=False,
        purposes=[],
        since="",
    )


@pytest.fixture
def gent() -> nx.MultiDiGraph:
    """Return a graph around Gent with markup in a name, a bare numeric id and parallel links."""
    graph = nx.MultiDiGraph()
    regenboog = add_actor(
        graph,
        f"{ID}school/000141",
        "VBS <b>De Regenboog</b>",
        "school",
        school_number="000141",
        status="one-way-only",
        lat=51.06,
        lon=3.70,
    )
    zon = add_actor(
        graph,
        "012345",
        'GO! Şişli & "Zon"',
        "school",
        school_number="012345",
        status="isolated",
        lat=51.03,
        lon=3.75,
    )
    lokeren = add_actor(
        graph,
        f"{ID}school/000888",
        "Lokerse school",
        "school",
        refnis="46029",
        school_number="000888",
        status="connected",
    )

    caw = add_actor(graph, f"{ID}org/caw", "CAW Oost-Vlaanderen", "welfare", welfare_type="caw")
    network = add_actor(graph, f"{ID}network/1", "Brede school Noord", "network")

    collaborate(graph, regenboog, caw, f"{ID}link/1", formality="ad-hoc")
    collaborate(graph, regenboog, caw, f"{ID}link/2", direction="two-way")
    collaborate(graph, caw, regenboog, f"{ID}link/3")
    collaborate(graph, zon, caw, f"{ID}link/4")
    for member, key in [(regenboog, "m1"), (lokeren, "m2"), (caw, "m3")]:
        graph.add_edge(
            member, network, key=f"{ID}membership/{key}", relation="membership", role="member"
        )
    return graph


def test_map_draws_every_node_and_edge(gent, tmp_path, open_map):
    path = draw_municipality_map(gent, "44021", "Gent", tmp_path / "gent.html")
    expected = select_municipality(gent, "44021")
    opened = open_map(path)

    drawn = opened.evaluate(
        "[window.network.body.nodeIndices.length, window.network.body.edgeIndices.length]"
    )
    assert drawn == [expected.number_of_nodes(), expected.number_of_edges()]
    assert opened.evaluate("window.network.body.data.nodes.get('012345') !== null")
    assert opened.evaluate(f"window.network.body.edges['{ID}link/4'].fromId") == "012345"
    assert opened.blocked_requests == []
    assert opened.errors == []


def test_tooltip_shows_name_as_text(gent, tmp_path, open_map):
    path = draw_municipality_map(gent, "44021", "Gent", tmp_path / "gent.html")
    opened = open_map(path)
    x, y = opened.evaluate(
        """(id) => {
            const point = window.network.canvasToDOM(window.network.getPosition(id));
            const box = document.getElementById("map").getBoundingClientRect();
            return [box.left + point.x, box.top + point.y];
        }""",
        f"{ID}school/000141",
    )
    opened.page.mouse.move(5, 5)
    opened.page.mouse.move(x, y, steps=5)
    tooltip = opened.page.wait_for_selector("div.vis-tooltip", state="visible", timeout=10_000)

    assert tooltip.inner_text().splitlines()[0] == "VBS <b>De Regenboog</b>"
    assert "School number: 000141" in tooltip.inner_text()
    assert opened.page.locator("div.vis-tooltip b").count() == 0
    assert opened.blocked_requests == []
    assert opened.errors == []


def test_filter_hides_actor_kind(gent, tmp_path, open_map):
    path = draw_municipality_map(gent, "44021", "Gent", tmp_path / "gent.html")
    opened = open_map(path)
    opened.page.uncheck('input[data-filter="kind"][value="welfare"]')

    assert opened.evaluate(f"window.network.body.data.nodes.get('{ID}org/caw').hidden") is True
    assert (
        opened.evaluate(f"window.network.body.data.nodes.get('{ID}school/000141').hidden") is False
    )
    opened.page.check('input[data-filter="kind"][value="welfare"]')
    assert opened.evaluate(f"window.network.body.data.nodes.get('{ID}org/caw').hidden") is False
    assert opened.errors == []


def test_large_map_is_drawn_with_physics_off(tmp_path, open_map):
    graph = large_municipality(schools=300, partners=1200, links=1600)
    path = draw_municipality_map(graph, "11002", "Antwerpen", tmp_path / "large.html")
    opened = open_map(path)

    drawn = opened.evaluate(
        "[window.network.body.nodeIndices.length, window.network.body.edgeIndices.length]"
    )
    assert drawn == [1500, 1600]
    assert opened.evaluate("window.network.physics.physicsEnabled") is False
    assert opened.blocked_requests == []
    assert opened.errors == []


def large_municipality(schools: int, partners: int, links: int) -> nx.MultiDiGraph:
    """Return a seeded random graph of REFNIS 11002 in which every partner has a link."""
    generator = np.random.default_rng(2)
    graph = nx.MultiDiGraph()
    school_ids = [
        add_actor(
            graph,
            f"{ID}school/{number:06d}",
            f"School {number}",
            "school",
            refnis="11002",
            school_number=f"{number:06d}",
            status="connected",
            lat=51.2 + generator.uniform(-0.08, 0.08),
            lon=4.4 + generator.uniform(-0.1, 0.1),
        )
        for number in range(schools)
    ]
    partner_ids = [
        add_actor(graph, f"{ID}org/{number}", f"Partner {number}", "welfare", refnis="11002")
        for number in range(partners)
    ]
    for number in range(links):
        partner = (
            partner_ids[number] if number < partners else partner_ids[generator.integers(partners)]
        )
        collaborate(graph, school_ids[generator.integers(schools)], partner, f"{ID}link/{number}")
    return graph


def test_real_register_map_draws_every_school(reference_dir, tmp_path, open_map):
    from ecosystem.pipeline import run

    result = run(reference_dir, [], tmp_path)
    leuven = result.schools[result.schools["refnis"] == "24062"]
    opened = open_map(tmp_path / "maps" / "24062.html")
    drawn = set(opened.evaluate("window.network.body.data.nodes.getIds()"))
    assert set(leuven["iri"]) <= drawn
    assert len(leuven) == 39
    assert opened.blocked_requests == []
    assert opened.errors == []
