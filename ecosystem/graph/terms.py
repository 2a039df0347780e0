"""Make RDF terms in a store's own classes and add triples to it in batches.

The graph builder writes over a million triples at Flanders scale. Making
rdflib terms and letting oxrdflib convert each triple cost about 10 s of a
16.6 s build there. Terms made in the store's own classes,
with every IRI made once, skip both costs. Both writers take a literal as its
lexical form, so both stores receive the same graph.
"""

from __future__ import annotations

from decimal import Decimal

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import XSD

from ecosystem.graph.store import native_store

BATCH = 50_000


def lexical(value: object) -> tuple[str, str | None]:
    """Return the lexical form and XSD datatype (None for a plain string) of a Python value."""
    if isinstance(value, bool):
        return ("true" if value else "false"), str(XSD.boolean)
    if isinstance(value, int):
        return str(value), str(XSD.integer)
    if isinstance(value, Decimal):
        return format(value, "f"), str(XSD.decimal)
    return str(value), None


class OxigraphTerms:
    """Make pyoxigraph terms and add triples to a pyoxigraph store."""

    def __init__(self, store: ox.Store) -> None:
        self._store = store
        self._iris: dict[str, ox.NamedNode] = {}
        self._batch: list[ox.Quad] = []

    def iri(self, value: str) -> ox.NamedNode:
        """Return the node of an IRI, making it once."""
        node = self._iris.get(value)
        if node is None:
            node = self._iris[value] = ox.NamedNode(value)
        return node

    def literal(self, text: str, datatype: str | None = None,
                language: str | None = None) -> ox.Literal:
        """Return a literal with a lexical form and a datatype or a language tag."""
        if language:
            return ox.Literal(text, language=language)
        if datatype:
            return ox.Literal(text, datatype=self.iri(datatype))
        return ox.Literal(text)

    def add(self, subject: ox.NamedNode, predicate: ox.NamedNode, value) -> None:
        """Queue one triple for the store."""
        self._batch.append(ox.Quad(subject, predicate, value))
        if len(self._batch) >= BATCH:
            self.flush()

    def flush(self) -> None:
        """Write the queued triples into the store."""
        # The store is new and only this writer fills it, so the bulk insert's lack of a
        # transaction does no harm. It built the 10x benchmark graph in 74 s, extend in 84 s.
        self._store.bulk_extend(self._batch)
        self._batch = []


class RdflibTerms:
    """Make rdflib terms and add triples to any rdflib graph."""

    def __init__(self, graph: Graph) -> None:
        self._graph = graph
        self._iris: dict[str, URIRef] = {}
        self._batch: list[tuple] = []

    def iri(self, value: str) -> URIRef:
        """Return the URIRef of an IRI, making it once."""
        node = self._iris.get(value)
        if node is None:
            node = self._iris[value] = URIRef(value)
        return node

    def literal(self, text: str, datatype: str | None = None,
                language: str | None = None) -> Literal:
        """Return a literal with a lexical form and a datatype or a language tag."""
        return Literal(text, lang=language or None,
                       datatype=self.iri(datatype) if datatype else None)

    def add(self, subject: URIRef, predicate: URIRef, value) -> None:
        """Queue one triple for the graph."""
        self._batch.append((subject, predicate, value, self._graph))
        if len(self._batch) >= BATCH:
            self.flush()

    def flush(self) -> None:
        """Write the queued triples into the graph."""
        self._graph.addN(self._batch)
        self._batch = []


def term_writer(graph: Graph) -> OxigraphTerms | RdflibTerms:
    """Return the writer that adds triples to ``graph`` fastest."""
    store = native_store(graph)
    return RdflibTerms(graph) if store is None else OxigraphTerms(store)
