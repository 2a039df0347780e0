"""Write HTML documentation of the ontology from its Turtle files.

``write_ontology_docs`` writes ``index.html``, a reference of every class,
property, concept scheme, alignment and SHACL shape, and ``model.html``, an
overview of the model in plain words with a diagram of the classes. Both
pages are UTF-8 with inline CSS and load nothing, so they work offline.
Terms of other vocabularies are ordinary links that the reader may follow.
"""

from __future__ import annotations

import html
import logging
import re
from collections import Counter, defaultdict
from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SH, SKOS, VANN

from ecosystem.errors import EcosystemError, InputFileError
from ecosystem.reports.ontology_diagram import (english_label, local_name, model_diagram_svg,
                                                prefixed_name, texts_in)
from ecosystem.resources import ontology_dir

logger = logging.getLogger(__name__)

SHAPES_FILE = "shapes.ttl"
LANGUAGES = ("nl", "en")
LABELS = (RDFS.label, SKOS.prefLabel)
DEFINITIONS = (SKOS.definition, RDFS.comment, DCTERMS.description)
MAX_DEPTH = 6
TERM_KINDS = (  # rdf:type, section id, heading, badge
    (OWL.Class, "classes", "Classes", "class"),
    (OWL.ObjectProperty, "object-properties", "Object properties", "object property"),
    (OWL.DatatypeProperty, "datatype-properties", "Datatype properties", "datatype property"),
    (OWL.AnnotationProperty, "annotation-properties", "Annotation properties",
     "annotation property"),
)
RELATIONS = (  # row title, predicate, whether the documented term is the object
    ("Subclass of", RDFS.subClassOf, False),
    ("Subclasses", RDFS.subClassOf, True),
    ("Equivalent to", OWL.equivalentClass, False),
    ("Disjoint with", OWL.disjointWith, False),
    ("Subproperty of", RDFS.subPropertyOf, False),
    ("Subproperties", RDFS.subPropertyOf, True),
    ("Inverse of", OWL.inverseOf, False),
    ("Domain", RDFS.domain, False),
    ("Range", RDFS.range, False),
    ("See also", RDFS.seeAlso, False),
)
RESTRICTION_WORDS = (
    (OWL.allValuesFrom, "only"), (OWL.someValuesFrom, "some"), (OWL.hasValue, "value"),
    (OWL.minCardinality, "min"), (OWL.maxCardinality, "max"), (OWL.cardinality, "exactly"),
    (OWL.minQualifiedCardinality, "min"), (OWL.maxQualifiedCardinality, "max"),
    (OWL.qualifiedCardinality, "exactly"), (OWL.onClass, "of"),
)
MAPPING_RELATIONS = (SKOS.closeMatch, SKOS.exactMatch, SKOS.relatedMatch, SKOS.broadMatch,
                     SKOS.narrowMatch)
HEADER_FIELDS = (
    ("Namespace", VANN.preferredNamespaceUri), ("Preferred prefix", VANN.preferredNamespacePrefix),
    ("Version IRI", OWL.versionIRI), ("Version", OWL.versionInfo),
    ("Prior version", OWL.priorVersion), ("Licence", DCTERMS.license),
    ("Created", DCTERMS.created), ("Modified", DCTERMS.modified),
)
SHAPE_TARGETS = ((SH.targetClass, "class"), (SH.targetNode, "node"),
                 (SH.targetSubjectsOf, "subjects of"), (SH.targetObjectsOf, "objects of"))
# Predicates of a shape shown in a row or column of their own, not in its constraint list.
SHAPE_OWN_ROWS = {RDF.type, SH.path, SH.property, SH.message, SH.name, SH.description,
                  *(predicate for predicate, _ in SHAPE_TARGETS)}
NOT_GIVEN = '<span class="missing">not given</span>'

# Paragraphs of model.html. Each prefixed name whose prefix the ontology binds becomes a link.
MODEL_PROSE = (
    ("Actors", "Every organisation in the ecosystem is an actor (ew:Actor): a primary school "
     "(ew:School), a welfare organisation (ew:WelfareOrganisation), a local government "
     "(ew:LocalGovernment), a bridge organisation (ew:BridgeOrganisation) or a local network "
     "(ew:Network). Actors are org:Organization, so the W3C Organization Ontology applies to "
     "them. The kind of a welfare actor, such as OCMW, CAW, Huis van het Kind or CLB, is a "
     "concept given with ew:welfareType rather than a subclass, so a new kind of partner needs no "
     "new class."),
    ("Collaborations", "A collaboration (ew:Collaboration) is a resource of its own, not a direct "
     "link between two actors. It names its ew:source and ew:target actor and carries its "
     "ew:direction (one way or two ways), its ew:formality (structural or ad hoc), one or more "
     "ew:purpose values, who took the initiative (ew:initiator), who reported it "
     "(ew:reportedBy), the years it started and ended (ew:since, ew:until) and whether the law "
     "requires it (ew:mandated). The reporting side can add how intense it is (ew:intensity) and "
     "how often the actors meet for it (ew:frequency) on ordered scales, and what hinders it "
     "(ew:barrier) or helps it (ew:facilitator). Each reported row is one collaboration, so two "
     "rows about the same pair of actors stay two collaborations, each with its provenance: the "
     "survey wave (ew:SurveyWave) that produced it through prov:wasGeneratedBy, and the input "
     "file and row it was read from (ew:sourceFile, ew:sourceRow)."),
    ("Networks and memberships", "A local network, such as a school community, a LOP, a brede "
     "school or a child-poverty network, is itself an actor, so it can collaborate too. A "
     "membership (ew:NetworkMembership) follows org:Membership: it links the member (org:member) "
     "to the network (org:organization), with the member's role in the network (org:role) and "
     "its start year (ew:since). ew:facilitatedBy names the actor that runs the network."),
    ("Posts", "The graph never describes people. A post (ew:Post) is a position inside an "
     "organisation, such as principal, care coordinator or bridge figure: its organisation is "
     "given by org:postIn, its kind by org:role (a concept of the post-role scheme), the schools "
     "it works for by ew:serves and the kind of employer by ew:employerType. A post is a role and "
     "stays the same when the person who holds it changes."),
    ("Places", "Real municipalities (ew:Municipality) are the REFNIS 2025 IRIs of the Belgian "
     "federal vocabulary, http://vocab.belgif.be/auth/refnis2025/{code}, so the graph joins "
     "other open data about the same municipality without a lookup table. Fictional "
     "municipalities, such as that of the bundled example, get an IRI under "
     "https://w3id.org/edu-welfare/. ew:municipality places actors and school establishments "
     "(ew:Establishment) in their municipality, and ew:formerUnit keeps the administrations from "
     "before the mergers of 2025 (ew:FormerLocalGovernmentUnit) that a local government took "
     "over."),
    ("Codes", "Official codes, such as the school number, the KBO number and the REFNIS code, are "
     "text (xsd:string), never numbers, so their leading zeros survive. Controlled values are "
     "SKOS concepts: the skos:notation of a concept is the code written in the spreadsheets, and "
     "the concept's IRI is the IRI of its scheme, a slash and the notation. The reference page "
     "lists every scheme with its codes."),
)

CSS = """
body { font-family: sans-serif; line-height: 1.45; color: #222222; max-width: 72rem;
  margin: 0 auto; padding: 1rem; }
code { font-family: monospace; font-size: 0.95em; overflow-wrap: break-word; }
a { color: #1d5a96; }
h2 { border-bottom: 2px solid #2b5d8a; padding-bottom: 0.2rem; margin-top: 2.5rem; }
section.term, section.scheme, section.shape { border-top: 1px solid #cccccc; margin-top: 1.5rem; }
dl.fields { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; }
dl.fields dt { font-weight: bold; }
dl.fields dd { margin: 0; }
.kind { font-size: 0.8rem; font-weight: normal; color: #555555; border: 1px solid #aaaaaa;
  border-radius: 3px; padding: 0 0.3rem; margin-left: 0.5rem; }
.missing { color: #a33333; font-style: italic; }
.multiline { white-space: pre-wrap; }
table { border-collapse: collapse; width: 100%; margin: 0.5rem 0; }
th, td { border: 1px solid #cccccc; padding: 0.25rem 0.4rem; text-align: left;
  vertical-align: top; }
thead th { background: #eef2f6; }
nav ul { columns: 3 14rem; }
svg.model-diagram { width: 100%; height: auto; }
@media print {
  a { color: inherit; text-decoration: none; }
  section.term, section.shape { break-inside: avoid; }
}
"""
# Prints model.html on A4 landscape, with the diagram on a page of its own.
MODEL_PRINT_CSS = """
@page { size: A4 landscape; margin: 10mm; }
@media print { figure { break-before: page; } svg.model-diagram { max-height: 180mm; } }
"""


class OntologyDocsError(EcosystemError, ValueError):
    """The ontology cannot be documented: no files were given or a file is not valid Turtle."""


def write_ontology_docs(folder: Path, ontology_files: list[Path] | None = None) -> list[Path]:
    """Write ``index.html`` and ``model.html`` about the ontology into ``folder``.

    ``ontology_files`` defaults to every ``*.ttl`` of the package's ontology
    folder. A file named ``shapes.ttl`` is read as SHACL shapes, which get a
    section of their own and are not taken for terms of the ontology. The
    folder is created when missing. Returns the paths of the two pages.
    Raises InputFileError for a missing file, and OntologyDocsError when no
    file is given or a file is not valid Turtle.
    """
    if ontology_files is None:
        ontology_files = sorted(ontology_dir().glob("*.ttl"))
    files = [Path(path) for path in ontology_files]
    if not files:
        raise OntologyDocsError("No ontology files to document. Pass at least one Turtle file.")
    sources = [(path.name, _parse(path)) for path in files if path.name != SHAPES_FILE]
    shapes = _merged([_parse(path) for path in files if path.name == SHAPES_FILE])
    ontology = _Ontology(sources, shapes)

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    index, model = folder / "index.html", folder / "model.html"
    index.write_text(_index_page(ontology), encoding="utf-8")
    model.write_text(_model_page(ontology), encoding="utf-8")
    logger.info("Wrote the documentation of %d ontology files to %s", len(files), folder)
    return [index, model]


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


class _Ontology:
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


def _page(title: str, body: str, extra_css: str = "") -> str:
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(title)}</title>\n<style>{CSS}{extra_css}</style>\n</head>\n"
        f"<body>\n{body}\n</body>\n</html>\n"
    )


def _section(kind: str, anchor: str, node, heading: str, content: str) -> str:
    iri = f' data-iri="{html.escape(str(node))}"' if isinstance(node, URIRef) else ""
    return (f'<section class="{kind}" id="{html.escape(anchor)}"{iri}><h3>{heading}</h3>'
            f"{content}</section>")


def _fields(rows: list[tuple[str, str]]) -> str:
    """Render ``(title, HTML)`` rows as a definition list, leaving out rows without a value."""
    items = "".join(
        f"<dt>{html.escape(title)}</dt><dd>{value}</dd>" for title, value in rows if value
    )
    return f'<dl class="fields">{items}</dl>'


def _table(kind: str, headings: list[str], rows: list[tuple[str, list[str]]]) -> str:
    """Render a table from ``(attributes of the tr, cells as HTML)`` rows."""
    head = "".join(f'<th scope="col">{html.escape(heading)}</th>' for heading in headings)
    body = "".join(f"<tr{attributes}>" + "".join(f"<td>{cell}</td>" for cell in cells) + "</tr>"
                   for attributes, cells in rows)
    return f'<table class="{kind}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def _texts(graph: Graph, node, predicates: tuple, title: str) -> list[tuple[str, str]]:
    """Return a row per language of the literals of ``predicates``, always with nl and en."""
    found = {value.language or "" for predicate in predicates
             for value in graph.objects(node, predicate) if isinstance(value, Literal)}
    rows = []
    for language in (*LANGUAGES, *sorted(found - set(LANGUAGES))):
        texts = texts_in(graph, node, predicates, language)
        value = "<br>".join(f'<span lang="{language}">{html.escape(t)}</span>' for t in texts)
        rows.append((f"{title} ({language})" if language else title, value or NOT_GIVEN))
    return rows


def _described(ontology: _Ontology, node) -> list[tuple[str, str]]:
    return [("IRI", f"<code>{html.escape(str(node))}</code>"),
            *_texts(ontology.graph, node, LABELS, "Label"),
            *_texts(ontology.graph, node, DEFINITIONS, "Definition")]


def _used_by(ontology: _Ontology, node) -> str:
    uses = sorted(ontology.uses.get(node, ()), key=lambda use: (ontology.name(use[0]), use[1]))
    return "<br>".join(f"{ontology.link(user)} ({html.escape(ontology.name(predicate))})"
                       for user, predicate in uses)


def _heading(label: str, name: str, badge: str) -> str:
    code = f" <code>{html.escape(name)}</code>" if name else ""
    return f'{html.escape(label)}{code}<span class="kind">{html.escape(badge)}</span>'


def _term_section(ontology: _Ontology, term: URIRef, kind: URIRef, badge: str) -> str:
    graph = ontology.graph
    rows = _described(ontology, term)
    for title, predicate, inverse in RELATIONS:
        values = graph.subjects(predicate, term) if inverse else graph.objects(term, predicate)
        rows.append((title, "<br>".join(sorted(ontology.value(v) for v in values))))
    characteristics = sorted(ontology.link(t) for t in graph.objects(term, RDF.type) if t != kind)
    rows += [("Characteristics", ", ".join(characteristics)), ("Used by", _used_by(ontology, term))]
    heading = _heading(english_label(graph, term), ontology.name(term), badge)
    return _section("term", ontology.anchors[term], term, heading, _fields(rows))


def _concept_table(ontology: _Ontology, scheme: URIRef) -> str:
    """Tabulate the concepts of a scheme, in rank order when they have ranks."""
    graph = ontology.graph
    rank = URIRef(ontology.namespace + "rank")

    def order(concept: URIRef) -> tuple:
        value = graph.value(concept, rank)
        number = value.toPython() if isinstance(value, Literal) else None
        ranked = isinstance(number, (int, float))
        return (0, number, str(concept)) if ranked else (1, 0, str(concept))

    concepts = sorted(ontology.concepts(scheme), key=order)
    # Rank and close-match columns appear only when a concept of the scheme has such a value.
    optional = [
        (title, predicate)
        for title, predicate in (("Rank", rank), ("Close match", SKOS.closeMatch))
        if any(graph.value(concept, predicate) is not None for concept in concepts)
    ]
    headings = ["Notation", "Label (nl)", "Label (en)", "Definition (nl)", "Definition (en)"]
    rows = []
    for concept in concepts:
        notations = sorted(graph.objects(concept, SKOS.notation))
        cells = [", ".join(f"<code>{html.escape(str(notation))}</code>" for notation in notations)]
        for predicates in (LABELS, DEFINITIONS):
            cells += [html.escape("; ".join(texts_in(graph, concept, predicates, language)))
                      for language in LANGUAGES]
        cells += ["<br>".join(sorted(ontology.value(v) for v in graph.objects(concept, predicate)))
                  for _, predicate in optional]
        attributes = (f' id="{html.escape(ontology.anchors[concept])}"'
                      f' data-iri="{html.escape(str(concept))}"')
        rows.append((attributes, cells))
    return _table("concepts", headings + [title for title, _ in optional], rows)


def _scheme_section(ontology: _Ontology, scheme: URIRef) -> str:
    rows = _described(ontology, scheme)
    sources = sorted(ontology.value(v) for v in ontology.graph.objects(scheme, DCTERMS.source))
    rows += [("Source", "<br>".join(sources)), ("Used by", _used_by(ontology, scheme))]
    label = english_label(ontology.graph, scheme)
    heading = _heading(label, ontology.name(scheme), "concept scheme")
    content = _fields(rows) + _concept_table(ontology, scheme)
    return _section("scheme", ontology.anchors[scheme], scheme, heading, content)


def _alignments(ontology: _Ontology) -> str:
    """Tabulate every SKOS mapping relation of every file, such as those of alignments.ttl."""
    found = sorted(
        (name, ontology.name(subject), ontology.name(relation), ontology.name(target),
         subject, relation, target)
        for name, graph in ontology.sources for relation in MAPPING_RELATIONS
        for subject, target in graph.subject_objects(relation)
    )
    if not found:
        return "<p>The ontology files contain no SKOS mapping relations.</p>"
    rows = [("", [ontology.link(subject), ontology.link(relation), ontology.link(target),
                  html.escape(name)]) for name, *_, subject, relation, target in found]
    return _table("alignments", ["Term", "Relation", "Matches", "File"], rows)


def _shape_section(ontology: _Ontology, shape) -> str:
    shapes = ontology.shapes
    targets = sorted(f"{word} {ontology.link(target)}" for predicate, word in SHAPE_TARGETS
                     for target in shapes.objects(shape, predicate))
    rows = [("Targets", "<br>".join(targets)), ("Constraints", _constraints(ontology, shape))]
    rows += [row for row in _texts(shapes, shape, (SH.message,), "Message") if row[1] != NOT_GIVEN]
    table_rows = []
    for member in sorted(shapes.objects(shape, SH.property),
                         key=lambda node: ontology.name(shapes.value(node, SH.path))):
        messages = [html.escape("; ".join(texts_in(shapes, member, (SH.message,), language)))
                    for language in LANGUAGES]
        path = ontology.value(shapes.value(member, SH.path), shapes)
        table_rows.append(("", [path, _constraints(ontology, member), *messages]))
    content = _fields(rows)
    if table_rows:
        headings = ["Path", "Constraints", "Message (nl)", "Message (en)"]
        content += _table("property-shapes", headings, table_rows)
    heading = _heading(ontology.name(shape) if isinstance(shape, URIRef) else "unnamed shape", "",
                       "node shape")
    return _section("shape", ontology.anchors[shape], shape, heading, content)


def _constraints(ontology: _Ontology, shape) -> str:
    pairs = sorted((p, o) for p, o in ontology.shapes.predicate_objects(shape)
                   if p not in SHAPE_OWN_ROWS)
    return "<br>".join(f"{ontology.link(p)} {ontology.value(o, ontology.shapes)}" for p, o in pairs)


def _title(ontology: _Ontology, language: str) -> str:
    titles = texts_in(ontology.graph, ontology.header, (DCTERMS.title, RDFS.label), language)
    return titles[0] if titles and ontology.header else ""


def _header(ontology: _Ontology) -> str:
    graph, node = ontology.graph, ontology.header
    title = _title(ontology, "en") or _title(ontology, "nl") or "Ontology reference"
    lines = [f"<h1>{html.escape(title)}</h1>"]
    if _title(ontology, "nl") not in ("", title):
        lines.append(f'<p class="title" lang="nl">{html.escape(_title(ontology, "nl"))}</p>')
    for language in LANGUAGES:
        descriptions = texts_in(graph, node, (DCTERMS.description, RDFS.comment), language)
        lines += [f'<p lang="{language}">{html.escape(text)}</p>' for text in descriptions]
    rows = [("Ontology IRI", f"<code>{html.escape(str(node))}</code>" if node else NOT_GIVEN)]
    for field, predicate in HEADER_FIELDS:
        values = sorted(ontology.value(v) for v in graph.objects(node, predicate)) if node else []
        rows.append((field, "<br>".join(values) or NOT_GIVEN))
    lines.append(_fields(rows))
    lines.append("<p>An overview of the model in plain words, with a diagram of its classes, "
                 'is on the <a href="model.html">model page</a>.</p>')
    return "<header>" + "\n".join(lines) + "</header>"


def _index_page(ontology: _Ontology) -> str:
    groups = [
        (anchor, heading, ontology.terms[kind],
         [_term_section(ontology, term, kind, badge) for term in ontology.terms[kind]])
        for kind, anchor, heading, badge in TERM_KINDS if ontology.terms[kind]
    ]
    groups.append(("concept-schemes", "Concept schemes", ontology.schemes,
                   [_scheme_section(ontology, scheme) for scheme in ontology.schemes]))
    groups.append(("alignments", "Alignments", [], [_alignments(ontology)]))
    if ontology.node_shapes:
        groups.append(("shapes", f"SHACL shapes ({SHAPES_FILE})", ontology.node_shapes,
                       [_shape_section(ontology, shape) for shape in ontology.node_shapes]))
    contents = "".join(
        f'<li><a href="#{anchor}">{html.escape(heading)}</a>{_contents_list(ontology, nodes)}</li>'
        for anchor, heading, nodes, _ in groups
    )
    sections = "".join(f'<section id="{anchor}"><h2>{html.escape(heading)}</h2>{"".join(parts)}'
                       "</section>" for anchor, heading, _, parts in groups)
    body = (f"{_header(ontology)}\n<nav><h2>Contents</h2><ol>{contents}</ol></nav>\n"
            f"<main>{sections}</main>")
    return _page(_title(ontology, "en") or "Ontology reference", body)


def _contents_list(ontology: _Ontology, nodes: list) -> str:
    if not nodes:
        return ""
    items = []
    for node in nodes:
        text = ontology.name(node)
        if node in ontology.schemes:
            text = english_label(ontology.graph, node)
        anchor = html.escape(ontology.anchors[node])
        items.append(f'<li><a href="#{anchor}">{html.escape(text)}</a></li>')
    return f"<ul>{''.join(items)}</ul>"


def _prose(ontology: _Ontology, text: str) -> str:
    """Escape a paragraph and link each prefixed name whose prefix the ontology binds."""
    namespaces = dict(ontology.graph.namespaces())

    def replace(match: re.Match) -> str:
        prefix, name = match.group(1), match.group(2)
        if prefix not in namespaces:
            return match.group(0)
        return ontology.link(URIRef(str(namespaces[prefix]) + name), base="index.html")

    return re.sub(r"\b([a-z][\w-]*):([A-Za-z][\w-]*)", replace, html.escape(text))


def _model_page(ontology: _Ontology) -> str:
    links = {node: f"index.html#{anchor}" for node, anchor in ontology.anchors.items()}
    svg = model_diagram_svg(ontology.graph, ontology.namespace, links)
    paragraphs = "".join(f"<h2>{html.escape(heading)}</h2><p>{_prose(ontology, text)}</p>"
                         for heading, text in MODEL_PROSE)
    body = (
        "<h1>The model in plain words</h1>"
        "<p>This page explains how the ontology describes the ecosystem. Every term is defined "
        'in the <a href="index.html">ontology reference</a>.</p>'
        f"{paragraphs}<figure>{svg}<figcaption>The classes of the ontology and the properties "
        "that link them. Click a box to open the definition of its class.</figcaption></figure>"
    )
    return _page("The model in plain words", body, MODEL_PRINT_CSS)
