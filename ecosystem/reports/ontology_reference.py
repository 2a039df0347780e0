"""Render ``index.html``, the reference of the ontology.

The page has a section for every class, property, concept scheme and SHACL
shape, a table of the SKOS alignments, and a header with the metadata of
the ontology.
"""

from __future__ import annotations

import html

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SH, SKOS, VANN

from ecosystem.reports.ontology_page import html_page
from ecosystem.reports.ontology_reader import (SHAPES_FILE, TERM_KINDS, Ontology, english_label,
                                               texts_in)

LANGUAGES = ("nl", "en")
LABELS = (RDFS.label, SKOS.prefLabel)
DEFINITIONS = (SKOS.definition, RDFS.comment, DCTERMS.description)
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


def _described(ontology: Ontology, node) -> list[tuple[str, str]]:
    return [("IRI", f"<code>{html.escape(str(node))}</code>"),
            *_texts(ontology.graph, node, LABELS, "Label"),
            *_texts(ontology.graph, node, DEFINITIONS, "Definition")]


def _used_by(ontology: Ontology, node) -> str:
    uses = sorted(ontology.uses.get(node, ()), key=lambda use: (ontology.name(use[0]), use[1]))
    return "<br>".join(f"{ontology.link(user)} ({html.escape(ontology.name(predicate))})"
                       for user, predicate in uses)


def _heading(label: str, name: str, badge: str) -> str:
    code = f" <code>{html.escape(name)}</code>" if name else ""
    return f'{html.escape(label)}{code}<span class="kind">{html.escape(badge)}</span>'


def _term_section(ontology: Ontology, term: URIRef, kind: URIRef, badge: str) -> str:
    graph = ontology.graph
    rows = _described(ontology, term)
    for title, predicate, inverse in RELATIONS:
        values = graph.subjects(predicate, term) if inverse else graph.objects(term, predicate)
        rows.append((title, "<br>".join(sorted(ontology.value(v) for v in values))))
    characteristics = sorted(ontology.link(t) for t in graph.objects(term, RDF.type) if t != kind)
    rows += [("Characteristics", ", ".join(characteristics)), ("Used by", _used_by(ontology, term))]
    heading = _heading(english_label(graph, term), ontology.name(term), badge)
    return _section("term", ontology.anchors[term], term, heading, _fields(rows))


def _concept_table(ontology: Ontology, scheme: URIRef) -> str:
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


def _scheme_section(ontology: Ontology, scheme: URIRef) -> str:
    rows = _described(ontology, scheme)
    sources = sorted(ontology.value(v) for v in ontology.graph.objects(scheme, DCTERMS.source))
    rows += [("Source", "<br>".join(sources)), ("Used by", _used_by(ontology, scheme))]
    label = english_label(ontology.graph, scheme)
    heading = _heading(label, ontology.name(scheme), "concept scheme")
    content = _fields(rows) + _concept_table(ontology, scheme)
    return _section("scheme", ontology.anchors[scheme], scheme, heading, content)


def _alignments(ontology: Ontology) -> str:
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


def _shape_section(ontology: Ontology, shape) -> str:
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


def _constraints(ontology: Ontology, shape) -> str:
    pairs = sorted((p, o) for p, o in ontology.shapes.predicate_objects(shape)
                   if p not in SHAPE_OWN_ROWS)
    return "<br>".join(f"{ontology.link(p)} {ontology.value(o, ontology.shapes)}" for p, o in pairs)


def _title(ontology: Ontology, language: str) -> str:
    titles = texts_in(ontology.graph, ontology.header, (DCTERMS.title, RDFS.label), language)
    return titles[0] if titles and ontology.header else ""


def _header(ontology: Ontology) -> str:
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


def index_page(ontology: Ontology) -> str:
    """Render the reference page of every term, scheme, alignment and shape."""
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
    return html_page(_title(ontology, "en") or "Ontology reference", body)


def _contents_list(ontology: Ontology, nodes: list) -> str:
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
