"""Find the classes of the ontology's own namespace and the associations between them.

These are the boxes and the solid arrows of the class diagram.
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import BNode, Graph, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS

from ecosystem.reports.ontology_reader import local_name, prefixed_name

MAX_EXPRESSION_DEPTH = 5


@dataclass(frozen=True)
class Association:
    """A solid arrow of the diagram: a property that links a domain class to a range class."""

    source: URIRef
    target: URIRef
    prop: URIRef
    label: str


def own_classes(graph: Graph, namespace: str) -> list[URIRef]:
    """Return the classes declared with ``owl:Class`` whose IRI starts with ``namespace``."""
    return sorted(
        {
            node
            for node in graph.subjects(RDF.type, OWL.Class)
            if isinstance(node, URIRef) and str(node).startswith(namespace)
        },
        key=str,
    )


def class_members(graph: Graph, node: object, depth: int = 0) -> list[URIRef]:
    """Return the named classes of a class expression: the class, or the members of a union."""
    if isinstance(node, URIRef):
        return [node]
    if depth > MAX_EXPRESSION_DEPTH:
        return []
    members = []
    for union in graph.objects(node, OWL.unionOf):
        for item in Collection(graph, union):
            members.extend(class_members(graph, item, depth + 1))
    return members


def associations(graph: Graph, classes: list[URIRef], namespace: str) -> list[Association]:
    """Collect the solid arrows: object properties and restrictions between ``classes``."""
    own = set(classes)
    found = set()
    for prop in graph.subjects(RDF.type, OWL.ObjectProperty):
        if not isinstance(prop, URIRef):
            continue
        domains = {m for d in graph.objects(prop, RDFS.domain) for m in class_members(graph, d)}
        ranges = {m for r in graph.objects(prop, RDFS.range) for m in class_members(graph, r)}
        label = _property_label(graph, prop, namespace)
        for domain in domains & own:
            for range_ in ranges & own:
                found.add(Association(domain, range_, prop, label))
    for cls in classes:
        for restriction in graph.objects(cls, RDFS.subClassOf):
            prop = graph.value(restriction, OWL.onProperty)
            if not isinstance(restriction, BNode) or not isinstance(prop, URIRef):
                continue
            label = _property_label(graph, prop, namespace)
            for kind in (OWL.allValuesFrom, OWL.someValuesFrom):
                for filler in graph.objects(restriction, kind):
                    for target in set(class_members(graph, filler)) & own:
                        found.add(Association(cls, target, prop, label))
    return sorted(found, key=lambda edge: (str(edge.source), str(edge.target), edge.label))


def _property_label(graph: Graph, prop: URIRef, namespace: str) -> str:
    if namespace and str(prop).startswith(namespace):
        return local_name(prop)
    return prefixed_name(graph, prop)
