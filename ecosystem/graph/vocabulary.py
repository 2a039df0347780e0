"""Namespaces of the project and the SKOS code lists read from the ontology."""

from __future__ import annotations

from functools import lru_cache

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from ecosystem.resources import ontology_dir

EW = Namespace("https://w3id.org/edu-welfare/ontology#")
ONTOLOGY = URIRef("https://w3id.org/edu-welfare/ontology")
CONCEPTS = "https://w3id.org/edu-welfare/concept/"
DEFAULT_BASE = "https://w3id.org/edu-welfare/id/"
REFNIS2025 = Namespace("http://vocab.belgif.be/auth/refnis2025/")
ORG = Namespace("http://www.w3.org/ns/org#")
SDO = Namespace("https://schema.org/")
GEO = Namespace("http://www.w3.org/2003/01/geo/wgs84_pos#")

ONTOLOGY_FILES = ("ecosystem.ttl", "concepts.ttl")


class PlainIris:
    """The IRIs of one namespace as plain strings, each made on first use."""

    def __init__(self, namespace: str) -> None:
        self._namespace = str(namespace)

    def __getattr__(self, name: str) -> str:
        if name.startswith("__"):
            raise AttributeError(name)
        iri = self._namespace + name
        setattr(self, name, iri)
        return iri

    def __getitem__(self, name: str) -> str:
        return self._namespace + name


def concept(scheme: str, notation: str) -> URIRef:
    """Return the IRI of a concept from its scheme name and notation."""
    return URIRef(f"{CONCEPTS}{scheme}/{notation}")


def scheme_of(concept_iri: str) -> tuple[str, str]:
    """Return ``(scheme, notation)`` of a concept IRI of the project."""
    scheme, _, notation = str(concept_iri).removeprefix(CONCEPTS).rpartition("/")
    return scheme, notation


@lru_cache(maxsize=1)
def ontology_graph() -> Graph:
    """Parse the ontology and its concept schemes once."""
    graph = Graph()
    for name in ONTOLOGY_FILES:
        graph.parse(ontology_dir() / name, format="turtle")
    return graph


@lru_cache(maxsize=None)
def superclasses(cls: URIRef) -> tuple[URIRef, ...]:
    """Return the named superclasses of a class in the ontology, nearest first.

    The graph states them explicitly, so that a query in plain W3C ORG or
    schema.org terms finds the project's resources without inference.
    """
    graph = ontology_graph()
    found: list[URIRef] = []
    queue = [cls]
    while queue:
        for parent in graph.objects(queue.pop(0), RDFS.subClassOf):
            if isinstance(parent, URIRef) and parent not in found:
                found.append(parent)
                queue.append(parent)
    return tuple(found)


def state_superclasses(graph: Graph) -> int:
    """Type each resource with the superclasses of its ontology classes; return the types added.

    The graph builder states them itself. A graph written by another tool
    may give only the most specific class (a school typed ew:School alone),
    which the shapes of the superclasses would then not check.
    """
    subclasses = {child for child in ontology_graph().subjects(RDFS.subClassOf, None)
                  if isinstance(child, URIRef)}
    added = 0
    typed: dict[URIRef, set] = {}
    for cls in sorted(subclasses):
        members = set(graph.subjects(RDF.type, cls))
        if not members:
            continue
        for parent in superclasses(cls):
            if parent not in typed:
                typed[parent] = set(graph.subjects(RDF.type, parent))
            for node in members - typed[parent]:
                graph.add((node, RDF.type, parent))
                typed[parent].add(node)
                added += 1
    return added


@lru_cache(maxsize=None)
def concept_rank(scheme: str, notation: str) -> int:
    """Return the ew:rank of a concept on an ordered scale, or 0 when it has none."""
    value = ontology_graph().value(concept(scheme, notation), EW.rank)
    return int(value) if value is not None else 0


@lru_cache(maxsize=None)
def notations(scheme: str) -> dict[str, str]:
    """Return the notations of a concept scheme, keyed by their lower-case form."""
    graph = ontology_graph()
    scheme_iri = URIRef(CONCEPTS + scheme)
    found = {}
    for concept_iri in graph.subjects(SKOS.inScheme, scheme_iri):
        for notation in graph.objects(concept_iri, SKOS.notation):
            found[str(notation).lower()] = str(notation)
    if not found:
        raise LookupError(f"the ontology has no concept scheme {scheme_iri}; "
                          "reinstall the package so its ontology files are complete")
    return found
