"""Terms made in each store's own classes: the same literals, triples where queries see them."""

import gc
from decimal import Decimal

import pytest
from rdflib import XSD, Graph, Literal, URIRef

from ecosystem.collector import collector_paused
from ecosystem.graph.build import build_graph
from ecosystem.graph.store import native_store, new_graph, triple_count
from ecosystem.graph.terms import lexical, term_writer
from ecosystem.graph.vocabulary import EW
from ecosystem.model import Actor, Ecosystem, Link, Site

BASE = "https://example.org/id/"


@pytest.mark.parametrize(("value", "expected"), [
    (True, ("true", str(XSD.boolean))),
    (False, ("false", str(XSD.boolean))),
    (120, ("120", str(XSD.integer))),
    (0, ("0", str(XSD.integer))),
    (Decimal("51.160"), ("51.160", str(XSD.decimal))),
    (Decimal("1E-7"), ("0.0000001", str(XSD.decimal))),
    ("0123", ("0123", None)),
])
def test_lexical_forms_follow_xsd(value, expected):
    assert lexical(value) == expected


def test_lexical_forms_equal_rdflib_literals():
    for value in (True, 7, Decimal("4.25"), "tekst"):
        text, datatype = lexical(value)
        assert Literal(text, datatype=URIRef(datatype) if datatype else None) == Literal(value)


@pytest.mark.parametrize("store", ["oxigraph", "memory"])
def test_both_writers_add_the_same_terms(store):
    graph = new_graph(store)
    terms = term_writer(graph)
    subject = terms.iri("https://example.org/id/school/1")
    for predicate, value in ((EW.pupilCount, terms.literal("120", str(XSD.integer))),
                             (EW.schoolYear, terms.literal("2024-2025")),
                             (EW.since, terms.literal("2019", str(XSD.gYear))),
                             (EW.name, terms.literal("Klaverbeek", language="nl"))):
        terms.add(subject, terms.iri(str(predicate)), value)
    terms.flush()
    school = URIRef("https://example.org/id/school/1")
    assert {(predicate, _simple(value)) for predicate, value in graph.predicate_objects(school)} == {
        (EW.pupilCount, Literal(120)),
        (EW.schoolYear, Literal("2024-2025")),
        (EW.since, Literal("2019", datatype=XSD.gYear)),
        (EW.name, Literal("Klaverbeek", lang="nl")),
    }


def _simple(value: Literal) -> Literal:
    """Drop the xsd:string datatype that oxrdflib gives every plain literal it reads back."""
    if value.datatype == XSD.string:
        return Literal(str(value))
    return value


def _ecosystem() -> Ecosystem:
    ecosystem = Ecosystem()
    ecosystem.add_actor(Actor("school/141", "school", "VBS De Regenboog", school_number="141",
                              pupils=212, indicator_pupil_share=0.3125,
                              site=Site("Kerkstraat", "1", "9100", "Sint-Niklaas", 51.16, 4.14)))
    ecosystem.add_actor(Actor("actor/A0", "welfare", "CAW Oost", welfare_type="caw"))
    ecosystem.links.append(Link("collaboration/1", "school/141", "actor/A0", "two-way",
                                "structural", mandated=True, since="2019"))
    return ecosystem


def test_typed_values_reach_the_oxigraph_graph():
    graph = build_graph(_ecosystem(), base=BASE, store="oxigraph")
    school, link = URIRef(BASE + "school/141"), URIRef(BASE + "collaboration/1")
    assert (school, EW.pupilCount, Literal(212)) in graph
    assert (school, EW.indicatorPupilShare, Literal(Decimal("0.3125"))) in graph
    assert (link, EW.mandated, Literal(True)) in graph
    assert (link, EW.since, Literal("2019", datatype=XSD.gYear)) in graph


def test_oxigraph_triples_sit_in_the_default_graph():
    graph = build_graph(_ecosystem(), base=BASE, store="oxigraph")
    store = native_store(graph)
    counted = int(next(iter(store.query("SELECT (COUNT(*) AS ?n) { ?s ?p ?o }")))[0].value)
    assert counted == triple_count(graph) == len(graph) > 30
    assert list(store.named_graphs()) == []


def test_memory_graph_has_no_native_store():
    graph = build_graph(_ecosystem(), base=BASE, store="memory")
    assert native_store(graph) is None
    assert triple_count(graph) == len(graph) > 30
    assert isinstance(graph, Graph)


def test_collector_resumes_after_the_block():
    assert gc.isenabled()
    with pytest.raises(ValueError):
        with collector_paused():
            assert not gc.isenabled()
            raise ValueError("stop")
    assert gc.isenabled()


def test_collector_stays_off_when_it_was_off():
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
