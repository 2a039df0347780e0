"""Read the ontology's Turtle files into the model of terms that the documentation describes.

``read_ontology`` parses the files, keeps the SHACL shapes apart and
returns an ``Ontology``: the merged graph, its terms by kind, its concept
schemes and shapes, the anchor of each documented resource and the
descriptions that mention it. The functions that name and label a term
serve the class diagram as well.
"""

from __future__ import annotations

import html
import re
from collections import Counter, defaultdict
from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, SH, SKOS, VANN

from ecosystem.errors import EcosystemError, InputFileError

SHAPES_FILE = "shapes.ttl"
MAX_DEPTH = 6
TERM_KINDS = (  # rdf:type, section id, heading, badge
    (OWL.Class, "classes", "Classes", "class"),
    (OWL.ObjectProperty, "object-properties", "Object properties", "object property"),
    (OWL.DatatypeProperty, "datatype-properties", "Datatype properties", "datatype property"),
    (OWL.AnnotationProperty, "annotation-properties", "Annotation properties",
     "annotation property"),
)
RESTRICTION_WORDS = (
    (OWL.allValuesFrom, "only"), (OWL.someValuesFrom, "some"), (OWL.hasValue, "value"),
    (OWL.minCardinality, "min"), (OWL.maxCardinality, "max"), (OWL.cardinality, "exactly"),
    (OWL.minQualifiedCardinality, "min"), (OWL.maxQualifiedCardinality, "max"),
    (OWL.qualifiedCardinality, "exactly"), (OWL.onClass, "of"),
)


class OntologyDocsError(EcosystemError, ValueError):
    """The ontology cannot be documented: no files were given or a file is not valid Turtle."""


def local_name(iri: object) -> str:
    """Return the part of an IRI after its last ``#``, or else after its last ``/``."""
    text = str(iri)
    separator = "#" if "#" in text else "/"
    name = text.rpartition(separator)[2]
    return name or text.rstrip("/#").rpartition("/")[2] or text


def prefixed_name(graph: Graph, iri: object) -> str:
    """Return ``prefix:name`` for an IRI whose namespace the graph binds, else the full IRI."""
    try:
        prefix, _, name = graph.namespace_manager.compute_qname(str(iri), generate=False)
    except (KeyError, ValueError):
        return str(iri)
    return f"{prefix}:{name}"


def texts_in(graph: Graph, subject: object, predicates: tuple, language: str) -> list[str]:
    """Return the literals of the first predicate that has any in ``language`` ("" for none)."""
    for predicate in predicates:
        found = sorted(
            str(value)
            for value in graph.objects(subject, predicate)
            if isinstance(value, Literal) and (value.language or "") == language
        )
        if found:
            return found
    return []


def english_label(graph: Graph, iri: URIRef) -> str:
    """Return the English label of a term, or an untagged one, or else its local name."""
    for language in ("en", ""):
        labels = texts_in(graph, iri, (RDFS.label, SKOS.prefLabel), language)
        if labels:
            return labels[0]
    return local_name(iri)


def read_ontology(files: list[Path]) -> Ontology:
    """Parse the Turtle ``files``, reading a file named ``shapes.ttl`` as SHACL shapes.

    Raises InputFileError for a missing file, and OntologyDocsError for a
    file that is not valid Turtle.
    """
    sources = [(path.name, _parse(path)) for path in files if path.name != SHAPES_FILE]
    shapes = _merged([_parse(path) for path in files if path.name == SHAPES_FILE])
    return Ontology(sources, shapes)


def _parse(path: Path) -> Graph:
    if not path.is_file():
        raise InputFileError(path, "ontology file not found",
                             "Pass the path of an existing Turtle file.")
    graph = Graph(bind_namespaces="core")
    try:
        graph.parse(path, format="turtle")
    except (SyntaxError, ValueError) as error:
        raise OntologyDocsError(
            f"{path} is not valid Turtle: {error}. Fix the syntax where the parser points."
        ) from error
    return graph


def _merged(graphs: list[Graph]) -> Graph:
    """Return one graph with the triples of ``graphs`` and the prefixes they bind."""
    merged = Graph(bind_namespaces="core")
    for graph in graphs:
        merged += graph
        for prefix, namespace in graph.namespaces():
            merged.bind(prefix, namespace, override=False)
    return merged


def _uris(nodes) -> set[URIRef]:
    return {node for node in nodes if isinstance(node, URIRef)}


class Ontology:
    """The parsed files, the anchor of each documented resource, and which terms mention it."""

    def __init__(self, sources: list[tuple[str, Graph]], shapes: Graph) -> None:
        self.sources, self.shapes = sources, shapes
        self.graph = _merged([graph for _, graph in sources])
        self.header = self._main_ontology()
        self.terms = self._terms()
        self.namespace = self._namespace()
        self.schemes = sorted(
            _uris(self.graph.subjects(RDF.type, SKOS.ConceptScheme)),
            key=lambda node: (english_label(self.graph, node).casefold(), str(node)),
        )
        node_shapes = set(shapes.subjects(RDF.type, SH.NodeShape))
        node_shapes |= set(shapes.subjects(SH.targetClass))
        self.node_shapes = sorted(node_shapes, key=self.name)
        self.anchors: dict = {}
        self._assign_anchors()
        self.uses = self._find_uses()

    def _main_ontology(self) -> URIRef | None:
        """Pick the ontology that declares a namespace and defines the most terms."""
        return min(
            _uris(self.graph.subjects(RDF.type, OWL.Ontology)),
            default=None,
            key=lambda node: (self.graph.value(node, VANN.preferredNamespaceUri) is None,
                              -len(set(self.graph.subjects(RDFS.isDefinedBy, node))), str(node)),
        )

    def _terms(self) -> dict[URIRef, list[URIRef]]:
        terms, seen = {}, set()
        for kind, *_ in TERM_KINDS:
            found = _uris(self.graph.subjects(RDF.type, kind)) - seen
            terms[kind] = sorted(found, key=lambda node: (local_name(node).casefold(), str(node)))
            seen |= found
        return terms

    def _namespace(self) -> str:
        """Return the declared namespace, or else the most common namespace of the terms."""
        declared = None
        if self.header is not None:
            declared = self.graph.value(self.header, VANN.preferredNamespaceUri)
        if declared is not None:
            return str(declared)
        counts = Counter(str(term)[: -len(local_name(term))]
                         for group in self.terms.values() for term in group)
        return counts.most_common(1)[0][0] if counts else ""

    def _assign_anchors(self) -> None:
        """Give terms their local name as id, and schemes, concepts and shapes a prefixed one."""
        used_anchors = set()

        def claim(node, preferred: str) -> str:
            anchor, number = preferred, 2
            while anchor in used_anchors:
                anchor, number = f"{preferred}-{number}", number + 1
            used_anchors.add(anchor)
            self.anchors[node] = anchor
            return anchor

        for term in (term for group in self.terms.values() for term in group):
            claim(term, local_name(term))
        for scheme in self.schemes:
            prefix = claim(scheme, f"scheme-{local_name(scheme)}")
            for concept in self.concepts(scheme):
                if concept not in self.anchors:
                    claim(concept, f"{prefix}-{local_name(concept)}")
        for number, shape in enumerate(self.node_shapes, start=1):
            claim(shape, f"shape-{local_name(shape) if isinstance(shape, URIRef) else number}")

    def _find_uses(self) -> dict[URIRef, set[tuple[object, URIRef]]]:
        """Map each term and scheme to ``(user, predicate)`` of each description mentioning it."""
        documented = {term for group in self.terms.values() for term in group} | set(self.schemes)
        uses = defaultdict(set)
        for graph, subjects in ((self.graph, documented), (self.shapes, self.node_shapes)):
            for subject in subjects:
                for predicate, value in graph.predicate_objects(subject):
                    # A named superclass or superproperty has a row of its own.
                    hierarchy = predicate in (RDFS.subClassOf, RDFS.subPropertyOf)
                    if predicate in (RDF.type, RDFS.isDefinedBy) or (
                            hierarchy and isinstance(value, URIRef)):
                        continue
                    for used in _mentioned(graph, value, 0) & documented - {subject}:
                        uses[used].add((subject, predicate))
        return uses

    def concepts(self, scheme: URIRef) -> list[URIRef]:
        """Return the concepts in a scheme, including top concepts not marked ``skos:inScheme``."""
        graph = self.graph
        found = (set(graph.subjects(SKOS.inScheme, scheme))
                 | set(graph.objects(scheme, SKOS.hasTopConcept))
                 | set(graph.subjects(SKOS.topConceptOf, scheme)))
        return sorted(_uris(found), key=str)

    def name(self, node) -> str:
        """Return the prefixed name of an IRI, by the prefixes of the ontology or the shapes."""
        text = prefixed_name(self.graph, node)
        return prefixed_name(self.shapes, node) if text == str(node) else text

    def link(self, node, base: str = "") -> str:
        """Render an IRI as a link to its section, or to the IRI itself when not documented."""
        code = f"<code>{html.escape(self.name(node))}</code>"
        if node in self.anchors:
            return f'<a href="{base}#{html.escape(self.anchors[node])}">{code}</a>'
        if re.match(r"https?://", str(node)):
            return f'<a href="{html.escape(str(node))}">{code}</a>'
        return code

    def value(self, node, graph: Graph | None = None, depth: int = 0) -> str:
        """Render an RDF term: IRIs as links, literals as text, blank nodes as expressions."""
        graph = self.graph if graph is None else graph
        if isinstance(node, Literal):
            multiline = ' class="multiline"' if "\n" in str(node) else ""
            return f"<span{multiline}>{html.escape(str(node))}</span>"
        if not isinstance(node, BNode):
            return self.link(node)
        if depth > MAX_DEPTH:
            return "…"
        if graph.value(node, RDF.first) is not None:
            items = Collection(graph, node)
            return "(" + ", ".join(self.value(item, graph, depth + 1) for item in items) + ")"
        if graph is self.graph:
            return self._class_expression(node, depth + 1)
        pairs = sorted((p, o) for p, o in graph.predicate_objects(node) if p != RDF.type)
        rendered = (f"{self.link(p)} {self.value(o, graph, depth + 1)}" for p, o in pairs)
        return "[" + "; ".join(rendered) + "]"

    def _class_expression(self, node: BNode, depth: int) -> str:
        """Render an anonymous OWL class in the style of the Manchester syntax."""
        graph = self.graph
        for predicate, word in ((OWL.unionOf, " or "), (OWL.intersectionOf, " and ")):
            if (members := graph.value(node, predicate)) is not None:
                items = Collection(graph, members)
                return "(" + word.join(self.value(m, depth=depth) for m in items) + ")"
        if (complement := graph.value(node, OWL.complementOf)) is not None:
            return "not " + self.value(complement, depth=depth)
        if (prop := graph.value(node, OWL.onProperty)) is not None:
            parts = [self.link(prop)]
            for predicate, word in RESTRICTION_WORDS:
                fillers = graph.objects(node, predicate)
                parts += [f"{word} {self.value(filler, depth=depth)}" for filler in fillers]
            return " ".join(parts)
        if (members := graph.value(node, OWL.oneOf)) is not None:
            items = Collection(graph, members)
            return "{" + ", ".join(self.value(m, depth=depth) for m in items) + "}"
        return '<span class="missing">anonymous class</span>'


def _mentioned(graph: Graph, node, depth: int) -> set[URIRef]:
    """Return the IRIs a value mentions, following blank nodes such as restrictions and lists."""
    if isinstance(node, URIRef):
        return {node}
    if not isinstance(node, BNode) or depth > MAX_DEPTH:
        return set()
    return {found for _, value in graph.predicate_objects(node)
            for found in _mentioned(graph, value, depth + 1)}
