"""The RDF graph: IRIs from codes, literals that survive Turtle, codes as text."""

import pytest
from rdflib import RDFS, XSD, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from ecosystem.analysis.project import project
from ecosystem.errors import RunError
from ecosystem.graph.build import build_graph
from ecosystem.graph.vocabulary import EW
from ecosystem.model import Actor, Ecosystem, Link, Membership, Municipality, Site

BASE = "https://w3id.org/edu-welfare/id/"
AWKWARD_NAMES = [
    'CAW "De Brug"',
    "Zorg & Welzijn / Thuiszorg",
    'Onthaal "zonder afspraak"\ntweede lijn: C:\\gedeeld\\map',
    'eindigt op een aanhalingsteken "x"',
    "VBS 't Klavertje <b>",
]


def _ecosystem() -> Ecosystem:
    ecosystem = Ecosystem(municipalities={
        "46021": Municipality("46021", "Sint-Niklaas", "Saint-Nicolas"),
        "99001": Municipality("99001", "Klaverbeek"),
    })
    ecosystem.add_actor(Actor("school/141", "school", "VBS De Regenboog", refnis="46021",
                              school_number="141", clb_number="114314",
                              site=Site("Kerkstraat", "1", "9100", "Sint-Niklaas", 51.16, 4.14)))
    for number, name in enumerate(AWKWARD_NAMES):
        ecosystem.add_actor(Actor(f"actor/A{number}", "welfare", name, refnis="99001",
                                  welfare_type="caw", actor_ids=[f"A{number}"]))
    ecosystem.add_actor(Actor("organisation/0999000129", "welfare", "Vzw Het Anker",
                              welfare_type="poverty-organisation", kbo_number="0999000129"))
    ecosystem.add_actor(Actor("actor/LOP", "network", "LOP Klaverbeek", refnis="99001",
                              network_type="lop"))
    ecosystem.links.append(Link("collaboration/school-141--actor-A0/1", "school/141",
                                "actor/A0", "one-way", "ad-hoc", initiator="source",
                                purposes=("referral", "case-exchange"), since="2019",
                                reported_by="source", wave="2024-2025"))
    ecosystem.links.append(Link("collaboration/school-141--actor-A0/2", "school/141",
                                "actor/A0", "two-way", "structural"))
    ecosystem.memberships.append(Membership("membership/school-141--actor-LOP/1", "school/141",
                                            "actor/LOP", "steering", "2020"))
    return ecosystem


@pytest.fixture(scope="module")
def graph() -> Graph:
    return build_graph(_ecosystem(), base=BASE)


def test_turtle_round_trip(graph: Graph):
    text = graph.serialize(format="turtle")
    assert isomorphic(Graph().parse(data=text, format="turtle"), graph)


def test_awkward_names_survive_as_labels(graph: Graph):
    reread = Graph().parse(data=graph.serialize(format="turtle"), format="turtle")
    labels = {str(label) for label in reread.objects(None, RDFS.label)}
    for name in AWKWARD_NAMES:
        assert name in labels


def test_iris_come_from_codes_and_ids(graph: Graph):
    actors = {str(s) for s in graph.subjects(RDFS.label, None)}
    assert f"{BASE}school/141" in actors
    assert f"{BASE}organisation/0999000129" in actors
    assert f"{BASE}actor/A1" in actors
    assert not any(" " in iri or '"' in iri for iri in actors)


def test_codes_are_strings(graph: Graph):
    reread = Graph().parse(data=graph.serialize(format="turtle"), format="turtle")
    kbo = reread.value(URIRef(f"{BASE}organisation/0999000129"), EW.kboNumber)
    assert str(kbo) == "0999000129"
    assert kbo.datatype in (None, XSD.string)
    refnis = reread.value(URIRef("http://vocab.belgif.be/auth/refnis2025/46021"), EW.refnisCode)
    assert str(refnis) == "46021"


def test_municipality_iris(graph: Graph):
    school = URIRef(f"{BASE}school/141")
    assert graph.value(school, EW.municipality) == \
        URIRef("http://vocab.belgif.be/auth/refnis2025/46021")
    fictional = graph.value(URIRef(f"{BASE}actor/A0"), EW.municipality)
    assert fictional == URIRef(f"{BASE}municipality/99001")


def test_parallel_links_are_two_resources(graph: Graph):
    links = set(graph.subjects(EW.source, URIRef(f"{BASE}school/141")))
    assert len(links) == 2


def test_projection_keeps_parallel_links(graph: Graph):
    network = project(graph)
    school, partner = f"{BASE}school/141", f"{BASE}actor/A0"
    edges = network.get_edge_data(school, partner)
    assert len(edges) == 2
    first = edges[f"{BASE}collaboration/school-141--actor-A0/1"]
    assert first["direction"] == "one-way"
    assert first["formality"] == "ad-hoc"
    assert first["purposes"] == ["case-exchange", "referral"]
    assert first["since"] == "2019"
    node = network.nodes[school]
    assert (node["kind"], node["school_number"], node["refnis"], node["municipality"]) == \
        ("school", "141", "46021", "Sint-Niklaas")
    assert node["lat"] == pytest.approx(51.16)
    membership = network.get_edge_data(school, f"{BASE}actor/LOP")
    assert [e["role"] for e in membership.values()] == ["steering"]


def _simple_literals(graph: Graph) -> Graph:
    """Return a copy in which ``"x"^^xsd:string`` is written ``"x"``, as RDF 1.1 equates them."""
    copy = Graph()
    for subject, predicate, value in graph:
        if isinstance(value, Literal) and value.datatype == XSD.string:
            value = Literal(str(value))
        copy.add((subject, predicate, value))
    return copy


def test_both_stores_give_same_graph():
    pytest.importorskip("oxrdflib")
    graphs = []
    for store in ("oxigraph", "memory"):
        built = build_graph(_ecosystem(), base=BASE, store=store)
        reread = Graph().parse(data=built.serialize(format="turtle"), format="turtle")
        graphs.append(_simple_literals(reread))
    assert isomorphic(*graphs)


def test_oxigraph_turtle_writer_round_trip(tmp_path):
    from ecosystem.graph.store import write_turtle

    built = build_graph(_ecosystem(), base=BASE, store="oxigraph")
    path = write_turtle(built, tmp_path / "graph.ttl")
    reread = Graph().parse(path, format="turtle")
    assert isomorphic(_simple_literals(reread),
                      _simple_literals(build_graph(_ecosystem(), base=BASE, store="memory")))
    labels = {str(label) for label in reread.objects(None, RDFS.label)}
    assert set(AWKWARD_NAMES) <= labels


@pytest.mark.parametrize("base", ["ftp://x/", "https://example.org/id", "https://ex ample.org/"])
def test_invalid_base_rejected(base):
    with pytest.raises(RunError, match="invalid base IRI"):
        build_graph(Ecosystem(), base=base)


def test_custom_base():
    graph = build_graph(_ecosystem(), base="https://example.org/eco/")
    assert (URIRef("https://example.org/eco/school/141"), RDFS.label,
            Literal("VBS De Regenboog")) in graph
