"""Projecting the RDF graph onto networkx: the same network from either store, every link."""

import pytest

from ecosystem.analysis.project import queries, project, select
from ecosystem.graph.build import build_graph
from ecosystem.graph.vocabulary import DEFAULT_BASE, EW
from ecosystem.load_report import LoadReport
from ecosystem.pipeline import example_inputs, read_inputs


@pytest.fixture(scope="module")
def example():
    reference, surveys = example_inputs()
    return read_inputs(reference, surveys, LoadReport())


@pytest.fixture(scope="module")
def networks(example):
    return {store: project(build_graph(example, store=store)) for store in ("oxigraph", "memory")}


def _edges(network):
    return sorted((source, target, key, sorted(data.items()))
                  for source, target, key, data in network.edges(keys=True, data=True))


def test_stores_give_the_same_nodes(networks):
    oxigraph, memory = networks["oxigraph"], networks["memory"]
    assert sorted(oxigraph.nodes(data=True)) == sorted(memory.nodes(data=True))


def test_stores_give_the_same_edges(networks):
    assert _edges(networks["oxigraph"]) == _edges(networks["memory"])


def test_every_model_link_is_an_edge(example, networks):
    network = networks["oxigraph"]
    edges = {key: data for _source, _target, key, data in network.edges(keys=True, data=True)}
    for link in example.links:
        data = edges[DEFAULT_BASE + link.key]
        assert data["direction"] == link.direction
        assert data["formality"] == link.formality
        assert data["mandated"] == bool(link.mandated)
        assert data["purposes"] == sorted(set(link.purposes))
        assert data["since"] == link.since


def test_every_model_actor_is_a_node(example, networks):
    network = networks["memory"]
    for actor in example.actors.values():
        node = network.nodes[DEFAULT_BASE + actor.key]
        assert node["label"] == actor.name
        assert node["kind"] == actor.kind
        assert node["refnis"] == actor.refnis


@pytest.mark.parametrize("store", ["oxigraph", "memory"])
def test_iri_kept_as_one_string(networks, store):
    # An actor's IRI read by several queries is kept once, so a large network
    # does not hold a copy of it per edge.
    network = networks[store]
    keys = {node: node for node in network}
    for source, target in network.edges():
        assert source is keys[source]
        assert target is keys[target]


def test_schools_keep_their_positions(example, networks):
    network = networks["oxigraph"]
    placed = [actor for actor in example.actors.values() if actor.site and actor.site.lat]
    assert placed
    for actor in placed:
        node = network.nodes[DEFAULT_BASE + actor.key]
        assert node["lat"] == pytest.approx(actor.site.lat)
        assert node["lon"] == pytest.approx(actor.site.lon)


def test_memberships_and_posts_become_edges(example, networks):
    relations = [data["relation"] for *_ends, data in networks["oxigraph"].edges(data=True)]
    assert relations.count("membership") == len(example.memberships)
    assert relations.count("post") == sum(len(post.serves) for post in example.posts)


@pytest.mark.parametrize("store", ["oxigraph", "memory"])
def test_every_query_runs_on_both_stores(example, store):
    graph = build_graph(example, store=store)
    for name, query in queries().items():
        rows = list(select(graph, query))
        assert all(isinstance(value, (str, type(None))) for row in rows for value in row), name


@pytest.mark.parametrize("store", ["oxigraph", "memory"])
@pytest.mark.parametrize("variables", ["?school ?missing", "?school ?missing ?other"])
def test_select_gives_none_when_unbound(example, store, variables):
    graph = build_graph(example, store=store)
    query = (f"SELECT {variables} WHERE {{ ?school a <{EW}School> "
             "OPTIONAL { ?school <urn:example:absent> ?missing } } LIMIT 3")
    rows = list(select(graph, query))
    assert len(rows) == 3
    for row in rows:
        assert row[0].startswith(DEFAULT_BASE)
        assert all(value is None for value in row[1:])


def test_queries_are_single_patterns():
    for name, query in queries().items():
        assert "OPTIONAL" not in query, name
        assert "GROUP BY" not in query, name
