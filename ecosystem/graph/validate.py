"""Check a graph against the project's SHACL shapes and describe each violation for a user."""

from __future__ import annotations

import csv
import logging
from dataclasses import asdict, dataclass, fields
from functools import lru_cache
from pathlib import Path

from rdflib import RDF, RDFS, BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SH, SKOS

from ecosystem.errors import RunError
from ecosystem.graph.shape_check import check, read_rules
from ecosystem.graph.vocabulary import EW, ORG, concept, ontology_graph
from ecosystem.load_report import ReportLine
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
    """Parse the SHACL shapes once, with each scheme check turned into a list of concepts.

    In ``shapes.ttl`` a coded value must conform to a node shape that
    requires ``skos:inScheme`` of its scheme. pySHACL validates such a node
    shape anew for every value, so here each of them becomes the equivalent
    ``sh:in`` list of the scheme's concepts, read from the ontology.
    """
    shapes = Graph().parse(ontology_dir() / SHAPES_FILE, format="turtle")
    for property_shape, node_shape in list(shapes.subject_objects(SH.node)):
        scheme = _required_scheme(shapes, node_shape)
        if scheme is None:
            continue
        concepts = sorted(ontology_graph().subjects(SKOS.inScheme, scheme))
        members = BNode()
        Collection(shapes, members, concepts)
        shapes.remove((property_shape, SH.node, node_shape))
        shapes.add((property_shape, SH["in"], members))
    return shapes


def _required_scheme(shapes: Graph, node_shape) -> URIRef | None:
    """Return the scheme a node shape requires through ``skos:inScheme``, if that is all it does."""
    for property_shape in shapes.objects(node_shape, SH.property):
        if shapes.value(property_shape, SH.path) == SKOS.inScheme:
            return shapes.value(property_shape, SH.hasValue)
    return None


ENGINES = ("pyshacl", "fast")


def validate_graph(graph: Graph, engine: str = "pyshacl") -> list[Violation]:
    """Return every SHACL violation of ``graph``; an empty list means it conforms.

    The graph builder copies each used concept's ``skos:inScheme`` into the
    graph and states every superclass of each resource, so the check needs
    neither the ontology files nor inference. ``graph`` itself is not changed.
    """
    if engine == "fast":
        violations = [_finding_violation(graph, finding)
                      for finding in check(graph, _fast_rules())]
    elif engine == "pyshacl":
        violations = _pyshacl_violations(graph)
    else:
        raise RunError(f"unknown validation engine {engine!r}; use one of: "
                       f"{', '.join(ENGINES)}")
    violations = list(dict.fromkeys(violations))
    violations += _mandated_without_clb(graph)
    violations.sort(key=lambda v: (v.file, v.row or 0, v.resource, v.property, v.message))
    logger.info("SHACL validation found %d violations", len(violations))
    return violations


def _pyshacl_violations(graph: Graph) -> list[Violation]:
    """Validate with pySHACL, the reference implementation of SHACL."""
    from pyshacl import validate

    _conforms, results, _text = validate(graph, shacl_graph=shapes_graph(), inference="none",
                                         advanced=True, allow_warnings=True)
    return [_violation(graph, results, result)
            for result in results.subjects(RDF.type, SH.ValidationResult)]


@lru_cache(maxsize=1)
def _fast_rules():
    """Return the rules of the shapes for the fast checker, read once."""
    return read_rules(shapes_graph())


def _finding_violation(graph: Graph, finding) -> Violation:
    """Describe a finding of the fast checker like a pySHACL result."""
    described = _described_resource(graph, finding.focus)
    return Violation(
        resource=str(finding.focus),
        label=_label(graph, finding.focus),
        file=str(graph.value(described, EW.sourceFile) or ""),
        row=_row(graph.value(described, EW.sourceRow)),
        property=_short(graph, finding.path),
        value=_short(graph, finding.value),
        message=_pick_message(list(finding.messages)),
        shape=str(finding.shape),
    )


MANDATED_MESSAGE = ("A mandated collaboration links a school to a CLB. Only the tie between a "
                    "school and its CLB is mandated.")


def _mandated_without_clb(graph: Graph) -> list[Violation]:
    """Return a violation for each mandated collaboration with no CLB at either end."""
    clb = concept("welfare-type", "clb")
    found = []
    for link in graph.subjects(EW.mandated, Literal(True)):
        ends = [graph.value(link, EW.source), graph.value(link, EW.target)]
        if any((end, EW.welfareType, clb) in graph for end in ends if end is not None):
            continue
        found.append(Violation(
            resource=str(link), label=_label(graph, link),
            file=str(graph.value(link, EW.sourceFile) or ""),
            row=_row(graph.value(link, EW.sourceRow)), property="ew:mandated", value="true",
            message=MANDATED_MESSAGE, shape="ecosystem.graph.validate mandated-link rule"))
    return found


def _row(value) -> int | None:
    """Return a source row as an integer, or ``None``."""
    return int(value) if value is not None else None


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
    return _pick_message(list(results.objects(result, SH.resultMessage)))


def _pick_message(messages: list) -> str:
    """Return the message in :data:`MESSAGE_LANGUAGE`, or any message there is."""
    for message in messages:
        if getattr(message, "language", None) == MESSAGE_LANGUAGE:
            return str(message)
    return str(messages[0]) if messages else "the value breaks a rule of the shapes"


def rejected_row_violation(line: ReportLine) -> Violation:
    """Return a rejected input row of the load report in the form of a violation.

    The row never reached the graph, so it names no resource and no shape.
    """
    message = f"{line.message}. {line.action}" if line.action else line.message
    return Violation(resource="", label="rejected row", file=line.file, row=line.row,
                     property=line.column, value=line.value, message=message, shape="")


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
