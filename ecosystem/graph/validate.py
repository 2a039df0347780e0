"""Check a graph against the project's SHACL shapes and describe each violation for a user."""

from __future__ import annotations

import csv
import logging
from dataclasses import asdict, dataclass, fields
from functools import lru_cache
from pathlib import Path

from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import SH

from ecosystem.graph.vocabulary import EW, ORG
from ecosystem.resources import ontology_dir

logger = logging.getLogger(__name__)

SHAPES_FILE = "shapes.ttl"
MESSAGE_LANGUAGE = "en"


@dataclass(frozen=True)
class Violation:
    """One broken rule: which resource, read from which row, what is wrong and what to do."""

    resource: str
    label: str
    file: str
    row: int | None
    property: str
    value: str
    message: str
    shape: str

    def describe(self) -> str:
        """Format the violation for a terminal: where first, then the rule."""
        where = f"{self.file}, row {self.row}: " if self.file else ""
        value = f" (value {self.value})" if self.value else ""
        return f"{where}{self.label} <{self.resource}>{value}: {self.message}"


@lru_cache(maxsize=1)
def shapes_graph() -> Graph:
    """Parse the SHACL shapes once."""
    return Graph().parse(ontology_dir() / SHAPES_FILE, format="turtle")


def validate_graph(graph: Graph) -> list[Violation]:
    """Return every SHACL violation of ``graph``; an empty list means it conforms.

    The graph builder copies each used concept's ``skos:inScheme`` into the
    graph and states every superclass of each resource, so the check needs
    neither the ontology files nor inference. ``graph`` itself is not changed.
    """
    from pyshacl import validate

    _conforms, results, _text = validate(
        graph,
        shacl_graph=shapes_graph(),
        inference="none",
        advanced=True,
        allow_warnings=True,
    )
    violations = list(dict.fromkeys(
        _violation(graph, results, result)
        for result in results.subjects(RDF.type, SH.ValidationResult)))
    violations.sort(key=lambda v: (v.file, v.row or 0, v.resource, v.property, v.message))
    logger.info("SHACL validation found %d violations", len(violations))
    return violations


def _violation(graph: Graph, results: Graph, result) -> Violation:
    """Describe one ``sh:ValidationResult`` with the label and source row of its resource."""
    focus = results.value(result, SH.focusNode)
    path = results.value(result, SH.resultPath)
    value = results.value(result, SH.value)
    described = _described_resource(graph, focus)
    file = graph.value(described, EW.sourceFile)
    row = graph.value(described, EW.sourceRow)
    return Violation(
        resource=str(focus),
        label=_label(graph, focus),
        file=str(file) if file is not None else "",
        row=int(row) if row is not None else None,
        property=_short(graph, path),
        value=_short(graph, value),
        message=_message(results, result),
        shape=str(results.value(result, SH.sourceShape) or ""),
    )


def _described_resource(graph: Graph, focus) -> object:
    """Return the resource whose source row explains ``focus``: a site's school, else itself."""
    if graph.value(focus, EW.sourceRow) is None:
        owner = graph.value(predicate=ORG.hasSite, object=focus)
        if owner is not None:
            return owner
    return focus


def _label(graph: Graph, node) -> str:
    """Return a readable name: the label, or source -> target for a collaboration."""
    label = graph.value(node, RDFS.label)
    if label is not None:
        return str(label)
    source, target = graph.value(node, EW.source), graph.value(node, EW.target)
    if source is not None and target is not None:
        return f"collaboration {_label(graph, source)} -> {_label(graph, target)}"
    member = graph.value(node, ORG.member)
    network = graph.value(node, ORG.organization)
    if member is not None and network is not None:
        return f"membership {_label(graph, member)} in {_label(graph, network)}"
    return str(node).rsplit("/", 1)[-1]


def _short(graph: Graph, term) -> str:
    """Return a term as text, with a prefixed name for IRIs where a prefix is bound."""
    if term is None:
        return ""
    if isinstance(term, URIRef):
        try:
            return graph.namespace_manager.normalizeUri(term)
        except ValueError:
            return str(term)
    if isinstance(term, Literal):
        return str(term)
    return ""


def _message(results: Graph, result) -> str:
    """Return the result's message in :data:`MESSAGE_LANGUAGE`, or any message there is."""
    messages = list(results.objects(result, SH.resultMessage))
    for message in messages:
        if getattr(message, "language", None) == MESSAGE_LANGUAGE:
            return str(message)
    # pyshacl drops the language tags of SPARQL constraint messages, so the
    # tagged original is looked up on the constraint in the shapes.
    constraint = results.value(result, SH.sourceConstraint)
    texts = {str(message) for message in messages}
    for message in shapes_graph().objects(constraint, SH.message):
        if message.language == MESSAGE_LANGUAGE and str(message) in texts:
            return str(message)
    return str(messages[0]) if messages else "the value breaks a rule of the shapes"


def write_violations_csv(violations: list[Violation], path: Path) -> Path:
    """Write the violations as UTF-8 CSV with a header row."""
    names = [field.name for field in fields(Violation)]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=names)
        writer.writeheader()
        for violation in violations:
            record = asdict(violation)
            record["row"] = "" if violation.row is None else violation.row
            writer.writerow(record)
    return path
