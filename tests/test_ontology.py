"""Tests of the ontology (ecosystem.ttl), the concept schemes (concepts.ttl),
the OSLO alignment (alignments.ttl) and the tables of ontology/README.md.

The package reads the Turtle files and relies on the IRIs and notations
listed in the tables below, so a removed or renamed term makes a test fail.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
import rdflib.namespace as rdflib_namespace
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, ORG, OWL, PROV, RDF, RDFS, SKOS, VANN
from rdflib.plugins.sparql import prepareQuery

# In rdflib 7.6 the open vocabularies (schema.org, XSD, WGS84) warn on every
# unknown attribute, and pytest probes module globals during collection. So
# they stay off the module globals, and their terms come from plain namespaces.
SDO = Namespace(str(rdflib_namespace.SDO))
XSD = Namespace(str(rdflib_namespace.XSD))

ONTOLOGY_DIR = Path(__file__).parents[1] / "ontology"
ONTOLOGY_FILE = "ecosystem.ttl"
CONCEPTS_FILE = "concepts.ttl"
ALIGNMENTS_FILE = "alignments.ttl"
README_FILE = ONTOLOGY_DIR / "README.md"

EW = Namespace("https://w3id.org/edu-welfare/ontology#")
ONTOLOGY_IRI = URIRef("https://w3id.org/edu-welfare/ontology")
VERSION_IRI = URIRef("https://w3id.org/edu-welfare/ontology/0.2.0")
PRIOR_VERSION_IRI = URIRef("https://w3id.org/edu-welfare/ontology/0.1.0")
CONCEPT_BASE = "https://w3id.org/edu-welfare/concept/"
LANGUAGES = ("nl", "en")

# The types that declare an ew: term. owl:FunctionalProperty may come on top
# of a property type, because it states a characteristic, not a kind of term.
DECLARATION_TYPES = {
    OWL.Class,
    OWL.ObjectProperty,
    OWL.DatatypeProperty,
    OWL.AnnotationProperty,
}

# Reused vocabularies by namespace IRI, with the rdflib definition that lists
# their terms. rdflib 7.6 declares WGS84 geo under https://, but the W3C
# namespace is http://, so terms are looked up by local name.
GEO_NS = "http://www.w3.org/2003/01/geo/wgs84_pos#"
REUSED_VOCABULARIES: dict[str, type[rdflib_namespace.DefinedNamespace]] = {
    str(ORG): ORG,
    str(SKOS): SKOS,
    str(PROV): PROV,
    str(DCTERMS): DCTERMS,
    str(SDO): rdflib_namespace.SDO,
    str(VANN): VANN,
    str(OWL): OWL,
    str(RDF): RDF,
    str(RDFS): RDFS,
    str(XSD): rdflib_namespace.XSD,
    GEO_NS: rdflib_namespace.WGS,
}

# IRIs outside the project's namespaces and the reused vocabularies that the
# files may cite.
OTHER_ALLOWED_IRIS = {
    ONTOLOGY_IRI,
    VERSION_IRI,
    PRIOR_VERSION_IRI,
    URIRef("https://creativecommons.org/licenses/by/4.0/"),
    URIRef("http://vocab.belgif.be/auth/refnis2025"),
}

# Class local name -> its named superclasses.
EXPECTED_CLASSES = {
    "Actor": {ORG.Organization},
    "School": {EW.Actor, SDO.ElementarySchool},
    "WelfareOrganisation": {EW.Actor},
    "LocalGovernment": {EW.Actor, SDO.GovernmentOrganization},
    "BridgeOrganisation": {EW.Actor},
    "Network": {EW.Actor, ORG.OrganizationalCollaboration},
    "FormerLocalGovernmentUnit": {ORG.Organization},
    "Municipality": set(),
    "Establishment": {ORG.Site},
    "Collaboration": {PROV.Entity},
    "NetworkMembership": {ORG.Membership},
    "SurveyWave": {PROV.Activity},
    "CollaborationReport": {PROV.Entity},
    "Post": {ORG.Post},
}

# Object property local name -> (domain classes, range).
EXPECTED_OBJECT_PROPERTIES = {
    "source": ({EW.Collaboration, EW.CollaborationReport}, EW.Actor),
    "target": ({EW.Collaboration, EW.CollaborationReport}, EW.Actor),
    "direction": ({EW.Collaboration, EW.CollaborationReport}, SKOS.Concept),
    "formality": ({EW.Collaboration, EW.CollaborationReport}, SKOS.Concept),
    "initiator": ({EW.Collaboration, EW.CollaborationReport}, SKOS.Concept),
    "purpose": ({EW.Collaboration, EW.CollaborationReport}, SKOS.Concept),
    "reportedBy": ({EW.Collaboration, EW.CollaborationReport}, SKOS.Concept),
    "welfareType": ({EW.Actor}, SKOS.Concept),
    "networkType": ({EW.Network}, SKOS.Concept),
    "municipality": ({EW.Actor, EW.Establishment}, EW.Municipality),
    "formerUnit": ({EW.LocalGovernment}, EW.FormerLocalGovernmentUnit),
    "facilitatedBy": ({EW.Network}, EW.Actor),
    "intensity": ({EW.Collaboration, EW.CollaborationReport}, SKOS.Concept),
    "frequency": ({EW.Collaboration, EW.CollaborationReport}, SKOS.Concept),
    "barrier": ({EW.Collaboration, EW.CollaborationReport}, SKOS.Concept),
    "facilitator": ({EW.Collaboration, EW.CollaborationReport}, SKOS.Concept),
    "serves": ({EW.Post}, EW.School),
    "employerType": ({EW.Post}, SKOS.Concept),
    "reportingActor": ({EW.CollaborationReport}, EW.Actor),
    "disputedProperty": ({EW.Collaboration}, RDF.Property),
}

# Datatype property local name -> (domain classes, range). An empty domain
# means the property has none. Codes must stay xsd:string, because an integer
# type drops leading zeros.
EXPECTED_DATATYPE_PROPERTIES = {
    "schoolNumber": ({EW.School}, XSD.string),
    "kboNumber": ({ORG.Organization}, XSD.string),
    "clbNumber": ({EW.Actor}, XSD.string),
    "schoolCommunityNumber": ({EW.Actor}, XSD.string),
    "governingBodyNumber": ({EW.School}, XSD.string),
    "refnisCode": (set(), XSD.string),
    "refnis2019Code": (set(), XSD.string),
    "actorId": ({EW.Actor}, XSD.string),
    "schoolYear": ({EW.SurveyWave}, XSD.string),
    "sourceFile": (set(), XSD.string),
    "sourceRow": (set(), XSD.integer),
    "since": (set(), XSD.gYear),
    "until": (set(), XSD.gYear),
    "mandated": ({EW.Collaboration}, XSD.boolean),
    "reportedOn": ({EW.Collaboration, EW.CollaborationReport}, XSD.date),
    "rank": ({SKOS.Concept}, XSD.integer),
    "pupilCount": ({EW.School}, XSD.integer),
    "indicatorPupilShare": ({EW.School}, XSD.decimal),
    "surveyDate": ({EW.SurveyWave}, XSD.date),
}

# The ew: properties typed owl:FunctionalProperty: a resource has at most one
# value of each. ew:purpose, ew:barrier and ew:facilitator, for example, are
# left out because a collaboration can have several.
FUNCTIONAL_PROPERTIES = {
    "source",
    "target",
    "direction",
    "formality",
    "initiator",
    "reportedBy",
    "intensity",
    "frequency",
    "employerType",
    "schoolNumber",
    "schoolYear",
    "mandated",
    "reportedOn",
    "reportingActor",
    "rank",
    "pupilCount",
    "indicatorPupilShare",
    "surveyDate",
}

# Property whose values are concepts -> the concept scheme they come from.
CONCEPT_PROPERTY_SCHEMES = {
    "direction": "direction",
    "formality": "formality",
    "initiator": "initiator",
    "purpose": "purpose",
    "reportedBy": "reporting-side",
    "welfareType": "welfare-type",
    "networkType": "network-type",
    "intensity": "intensity",
    "frequency": "frequency",
    "barrier": "barrier",
    "facilitator": "facilitator",
    "employerType": "employer-type",
}

# Ordered concept scheme -> its notations from ew:rank 1 upwards. Rank 1 is
# the lowest intensity, or on the frequency scale the most frequent contact.
ORDERED_SCALES = {
    "intensity": (
        "awareness",
        "communication",
        "cooperation",
        "coordination",
        "integration",
    ),
    "frequency": ("weekly", "monthly", "few-times-a-year", "yearly", "once"),
    "frey-2006": (
        "networking",
        "cooperation",
        "coordination",
        "coalition",
        "collaboration",
    ),
    "himmelman": ("networking", "coordinating", "cooperating", "collaborating"),
    "partner-cprm": ("awareness", "cooperative", "coordinated", "integrated"),
}

# Concept scheme name -> the notations of its concepts.
EXPECTED_NOTATIONS = {
    "welfare-type": {
        "ocmw",
        "caw",
        "huis-van-het-kind",
        "ckg",
        "clb",
        "community-work",
        "poverty-organisation",
        "homework-support",
        "bridge-figure",
        "police-social-service",
        "kind-en-gezin",
        "city-service",
        "youth-work",
    },
    "purpose": {
        "case-exchange",
        "referral",
        "offer-promotion",
        "school-gate-outreach",
        "joint-activity",
        "expertise",
        "network-coordination",
    },
    "network-type": {
        "school-community",
        "lop",
        "brede-school",
        "child-poverty-network",
        "care-coordinator-meeting",
        "welfare-consultation",
    },
    "direction": {"one-way", "two-way"},
    "formality": {"structural", "ad-hoc"},
    "initiator": {"source", "target", "both"},
    "reporting-side": {"source", "target", "third-party"},
    "network-role": {"steering", "coordinating", "member"},
    "post-role": {
        "principal",
        "care-coordinator",
        "bridge-figure",
        "social-worker",
        "contact-person",
        "network-coordinator",
    },
    "school-status": {
        "isolated",
        "mandated-only",
        "one-way-only",
        "ad-hoc-only",
        "connected",
    },
    "intensity": set(ORDERED_SCALES["intensity"]),
    "frequency": set(ORDERED_SCALES["frequency"]),
    "barrier": {
        "different-vision-or-pace",
        "fragmented-offer",
        "partner-or-offer-unknown",
        "lack-of-time",
        "professional-secrecy-and-privacy",
        "missing-feedback",
        "dependence-on-one-person",
    },
    "facilitator": {
        "shared-vision-on-social-role",
        "multidisciplinary-team",
        "known-offer",
        "one-contact-point",
        "transparency",
        "trust-and-feedback",
        "bridge-figure",
        "network",
    },
    "employer-type": {"school", "city", "welfare-organisation"},
    "frey-2006": set(ORDERED_SCALES["frey-2006"]),
    "himmelman": set(ORDERED_SCALES["himmelman"]),
    "partner-cprm": set(ORDERED_SCALES["partner-cprm"]),
}

ROLE_SCHEMES = ("network-role", "post-role")

# Scale of collaboration from the literature that the intensity scale maps to
# with skos:closeMatch -> a name its dcterms:source citation must contain. The
# project mints the concepts of these scales, because they have no IRIs.
EXTERNAL_SCALES = {
    "frey-2006": "Frey, B. B.",
    "himmelman": "Himmelman, A. T.",
    "partner-cprm": "PARTNER",
}

# The SKOS mapping properties that alignments.ttl may use.
MAPPING_PROPERTIES = {
    SKOS.exactMatch,
    SKOS.closeMatch,
    SKOS.broadMatch,
    SKOS.narrowMatch,
    SKOS.relatedMatch,
}

# Prefixes that the README tables use for the terms in them.
README_PREFIXES = {"ew": str(EW), "schema": str(SDO), "skos": str(SKOS)}


# ---------------------------------------------------------------------------
# Fixtures and helpers
# ---------------------------------------------------------------------------


def _parse(file_name: str) -> Graph:
    """Parse one Turtle file of the ontology folder."""
    return Graph().parse(ONTOLOGY_DIR / file_name, format="turtle")


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return _parse(ONTOLOGY_FILE)


@pytest.fixture(scope="module")
def concepts() -> Graph:
    return _parse(CONCEPTS_FILE)


@pytest.fixture(scope="module")
def alignments() -> Graph:
    return _parse(ALIGNMENTS_FILE)


@pytest.fixture(scope="module", params=[ONTOLOGY_FILE, CONCEPTS_FILE])
def any_graph(request: pytest.FixtureRequest) -> Graph:
    return _parse(request.param)


@pytest.fixture(scope="module")
def readme() -> str:
    return README_FILE.read_text(encoding="utf-8")


def _scheme_iri(name: str) -> URIRef:
    return URIRef(CONCEPT_BASE + name)


def _ew_subjects(graph: Graph) -> set[URIRef]:
    return {
        subject
        for subject in graph.subjects()
        if isinstance(subject, URIRef) and subject.startswith(str(EW))
    }


def _declared_terms(graph: Graph) -> set[URIRef]:
    return {
        subject
        for declaration in DECLARATION_TYPES
        for subject in graph.subjects(RDF.type, declaration)
        if isinstance(subject, URIRef)
    }


def _concepts_and_schemes(graph: Graph) -> set[URIRef]:
    return set(graph.subjects(RDF.type, SKOS.Concept)) | set(
        graph.subjects(RDF.type, SKOS.ConceptScheme)
    )


def _concepts_in(graph: Graph, scheme: URIRef) -> set[URIRef]:
    return set(graph.subjects(SKOS.inScheme, scheme))


def _texts_in_language(
    graph: Graph, subject: URIRef, predicate: URIRef, language: str
) -> list[Literal]:
    return [
        value
        for value in graph.objects(subject, predicate)
        if isinstance(value, Literal) and value.language == language
    ]


def _terms_without_one_text(
    graph: Graph, subjects: set[URIRef], predicate: URIRef, language: str
) -> list[str]:
    """List the subjects that have no text, or more than one, in a language."""
    return sorted(
        str(subject)
        for subject in subjects
        if len(_texts_in_language(graph, subject, predicate, language)) != 1
    )


def _iris(graph: Graph, positions: tuple[int, ...]) -> set[URIRef]:
    """Collect the IRIs at the triple positions (0 subject, 1 predicate, 2 object)."""
    return {
        triple[position]
        for triple in graph
        for position in positions
        if isinstance(triple[position], URIRef)
    }


def _reused_vocabulary(
    iri: URIRef,
) -> tuple[str, type[rdflib_namespace.DefinedNamespace]] | None:
    for namespace, vocabulary in REUSED_VOCABULARIES.items():
        if iri.startswith(namespace):
            return namespace, vocabulary
    return None


def _is_external(iri: URIRef) -> bool:
    """Tell whether an IRI lies outside the project and the reused vocabularies."""
    return (
        not iri.startswith(str(EW))
        and not iri.startswith(CONCEPT_BASE)
        and _reused_vocabulary(iri) is None
    )


def _named_superclasses(graph: Graph, cls: URIRef) -> set[URIRef]:
    return {
        parent
        for parent in graph.objects(cls, RDFS.subClassOf)
        if isinstance(parent, URIRef)
    }


def _domain_classes(graph: Graph, prop: URIRef) -> set[URIRef]:
    """Return the domain of a property, expanding an owl:unionOf into its members."""
    classes: set[URIRef] = set()
    for domain in graph.objects(prop, RDFS.domain):
        union = None
        if isinstance(domain, BNode):
            union = graph.value(domain, OWL.unionOf)
        if union is not None:
            classes.update(Collection(graph, union))
        else:
            classes.add(domain)
    return classes


def _readme_section(readme: str, heading: str) -> str:
    """Return the text under a level-2 heading of the README, up to the next one."""
    match = re.search(
        rf"^## {re.escape(heading)}\n(.*?)(?=^## |\Z)", readme, re.MULTILINE | re.DOTALL
    )
    assert match is not None, f"{README_FILE.name} has no section '## {heading}'"
    return match.group(1)


def _table_rows(section: str) -> list[list[str]]:
    """Split the Markdown table rows of a section into cells, header row first."""
    rows = []
    for line in section.splitlines():
        if not line.startswith("|") or re.fullmatch(r"\|[-| ]+\|", line):
            continue
        rows.append([cell.strip() for cell in line.strip("|").split("|")])
    return rows


def _backticked(cell: str) -> list[str]:
    return re.findall(r"`([^`]+)`", cell)


def _expand(curie: str) -> URIRef:
    """Expand a README term such as `ew:Actor` to its IRI."""
    prefix, _, local = curie.partition(":")
    assert prefix in README_PREFIXES, f"README term {curie!r} has an unknown prefix"
    return URIRef(README_PREFIXES[prefix] + local)


def _alignment_table(readme: str) -> dict[URIRef, list[str]]:
    """Map each IRI in the README alignment table to the other cells of its row."""
    rows = _table_rows(_readme_section(readme, "Alignment with OSLO"))
    table: dict[URIRef, list[str]] = {}
    for cells in rows[1:]:
        iris = _backticked(cells[0])
        assert len(iris) == 1, (
            f"alignment row without one IRI in its first cell: {cells}"
        )
        table[URIRef(iris[0])] = cells[1:]
    return table


# ---------------------------------------------------------------------------
# Parsing and the ontology header
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("file_name", [ONTOLOGY_FILE, CONCEPTS_FILE, ALIGNMENTS_FILE])
def test_file_parses(file_name: str) -> None:
    graph = _parse(file_name)
    assert len(graph) > 0, f"{file_name} parsed to an empty graph"


def test_header_identity_and_version(ontology: Graph) -> None:
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in ontology, (
        f"{ONTOLOGY_IRI} is not typed owl:Ontology"
    )
    version_iri = ontology.value(ONTOLOGY_IRI, OWL.versionIRI)
    assert version_iri == VERSION_IRI, f"owl:versionIRI is {version_iri!r}"
    version = ontology.value(ONTOLOGY_IRI, OWL.versionInfo)
    assert version == Literal("0.2.0"), f"owl:versionInfo is {version!r}"
    prior = ontology.value(ONTOLOGY_IRI, OWL.priorVersion)
    assert prior == PRIOR_VERSION_IRI, f"owl:priorVersion is {prior!r}"
    license_iri = ontology.value(ONTOLOGY_IRI, DCTERMS.license)
    assert license_iri == URIRef("https://creativecommons.org/licenses/by/4.0/"), (
        f"dcterms:license is {license_iri!r}"
    )


@pytest.mark.parametrize(
    "predicate", [DCTERMS.created, DCTERMS.modified], ids=["created", "modified"]
)
def test_header_dates_are_xsd_dates(ontology: Graph, predicate: URIRef) -> None:
    value = ontology.value(ONTOLOGY_IRI, predicate)
    assert isinstance(value, Literal), f"header has no {predicate}"
    assert value.datatype == XSD.date, (
        f"{predicate} is {value!r}, expected an xsd:date"
    )


def test_header_preferred_namespace(ontology: Graph) -> None:
    prefix = ontology.value(ONTOLOGY_IRI, VANN.preferredNamespacePrefix)
    uri = ontology.value(ONTOLOGY_IRI, VANN.preferredNamespaceUri)
    assert prefix == Literal("ew"), f"preferred prefix is {prefix!r}"
    assert str(uri) == str(EW), f"preferred namespace URI is {uri!r}"


@pytest.mark.parametrize(
    "predicate", [DCTERMS.title, DCTERMS.description], ids=["title", "description"]
)
@pytest.mark.parametrize("language", LANGUAGES)
def test_header_text_in_language(
    ontology: Graph, predicate: URIRef, language: str
) -> None:
    texts = _texts_in_language(ontology, ONTOLOGY_IRI, predicate, language)
    assert len(texts) == 1, (
        f"header needs one {predicate} in @{language}, found {texts}"
    )


# ---------------------------------------------------------------------------
# Declarations of ew: terms
# ---------------------------------------------------------------------------


def test_terms_declared_exactly_once(ontology: Graph) -> None:
    miscounted = {}
    for term in _ew_subjects(ontology):
        types = set(ontology.objects(term, RDF.type)) & DECLARATION_TYPES
        if len(types) != 1:
            miscounted[str(term)] = sorted(str(t) for t in types)
    assert not miscounted, (
        f"ew: terms need exactly one declaration type: {miscounted}"
    )


@pytest.mark.parametrize("file_name", [ONTOLOGY_FILE, CONCEPTS_FILE, ALIGNMENTS_FILE])
def test_used_ew_terms_are_declared(ontology: Graph, file_name: str) -> None:
    used = {
        iri for iri in _iris(_parse(file_name), (0, 1, 2)) if iri.startswith(str(EW))
    }
    undeclared = sorted(str(iri) for iri in used - _declared_terms(ontology))
    assert not undeclared, (
        f"{file_name} uses ew: terms that {ONTOLOGY_FILE} never declares: {undeclared}"
    )


def test_declared_terms_match_tables(ontology: Graph) -> None:
    tables = (
        EXPECTED_CLASSES,
        EXPECTED_OBJECT_PROPERTIES,
        EXPECTED_DATATYPE_PROPERTIES,
    )
    expected = {EW[name] for table in tables for name in table}
    declared = _declared_terms(ontology) & _ew_subjects(ontology)
    missing = sorted(expected - declared)
    unexpected = sorted(declared - expected)
    assert not missing, f"missing ew: terms: {missing}"
    assert not unexpected, f"ew: terms not in the test tables: {unexpected}"


@pytest.mark.parametrize("name", sorted(EXPECTED_CLASSES))
def test_class_and_superclasses(ontology: Graph, name: str) -> None:
    cls = EW[name]
    assert (cls, RDF.type, OWL.Class) in ontology, f"ew:{name} is not an owl:Class"
    superclasses = _named_superclasses(ontology, cls)
    assert superclasses == EXPECTED_CLASSES[name], (
        f"ew:{name} has superclasses {sorted(superclasses)}, "
        f"expected {sorted(EXPECTED_CLASSES[name])}"
    )


@pytest.mark.parametrize("name", sorted(EXPECTED_OBJECT_PROPERTIES))
def test_object_property_domain_range(ontology: Graph, name: str) -> None:
    prop = EW[name]
    expected_domain, expected_range = EXPECTED_OBJECT_PROPERTIES[name]
    assert (prop, RDF.type, OWL.ObjectProperty) in ontology, (
        f"ew:{name} is not an owl:ObjectProperty"
    )
    domain = _domain_classes(ontology, prop)
    assert domain == expected_domain, f"ew:{name} has domain {sorted(domain)}"
    ranges = set(ontology.objects(prop, RDFS.range))
    assert ranges == {expected_range}, f"ew:{name} has range {sorted(ranges)}"


@pytest.mark.parametrize("name", sorted(EXPECTED_DATATYPE_PROPERTIES))
def test_datatype_property_domain_range(ontology: Graph, name: str) -> None:
    prop = EW[name]
    expected_domain, expected_range = EXPECTED_DATATYPE_PROPERTIES[name]
    assert (prop, RDF.type, OWL.DatatypeProperty) in ontology, (
        f"ew:{name} is not an owl:DatatypeProperty"
    )
    domain = _domain_classes(ontology, prop)
    assert domain == expected_domain, f"ew:{name} has domain {sorted(domain)}"
    ranges = set(ontology.objects(prop, RDFS.range))
    assert ranges == {expected_range}, (
        f"ew:{name} has range {sorted(ranges)}, expected {expected_range}"
    )


def test_functional_properties_match_table(ontology: Graph) -> None:
    functional = set(ontology.subjects(RDF.type, OWL.FunctionalProperty))
    expected = {EW[name] for name in FUNCTIONAL_PROPERTIES}
    missing = sorted(expected - functional)
    unexpected = sorted(functional - expected)
    assert not missing, f"properties that should be functional: {missing}"
    assert not unexpected, f"functional properties not in the test table: {unexpected}"


@pytest.mark.parametrize("name", sorted(CONCEPT_PROPERTY_SCHEMES))
def test_concept_property_names_its_scheme(
    ontology: Graph, concepts: Graph, name: str
) -> None:
    scheme = _scheme_iri(CONCEPT_PROPERTY_SCHEMES[name])
    see_also = set(ontology.objects(EW[name], RDFS.seeAlso))
    assert see_also == {scheme}, (
        f"ew:{name} rdfs:seeAlso is {sorted(see_also)}, expected {scheme}"
    )
    assert (scheme, RDF.type, SKOS.ConceptScheme) in concepts, (
        f"{scheme} is not a concept scheme in {CONCEPTS_FILE}"
    )


@pytest.mark.parametrize(
    "predicate", [RDFS.label, SKOS.definition], ids=["label", "definition"]
)
@pytest.mark.parametrize("language", LANGUAGES)
def test_terms_have_one_text_per_language(
    ontology: Graph, predicate: URIRef, language: str
) -> None:
    offenders = _terms_without_one_text(
        ontology, _ew_subjects(ontology), predicate, language
    )
    assert not offenders, (
        f"ew: terms without exactly one {predicate} @{language}: {offenders}"
    )


def test_terms_defined_by_ontology(ontology: Graph) -> None:
    offenders = sorted(
        str(term)
        for term in _ew_subjects(ontology)
        if set(ontology.objects(term, RDFS.isDefinedBy)) != {ONTOLOGY_IRI}
    )
    assert not offenders, (
        f"ew: terms without rdfs:isDefinedBy {ONTOLOGY_IRI}: {offenders}"
    )


# ---------------------------------------------------------------------------
# Reused vocabularies
# ---------------------------------------------------------------------------


def test_reused_terms_exist(any_graph: Graph) -> None:
    unknown = []
    for iri in _iris(any_graph, (1, 2)):
        match = _reused_vocabulary(iri)
        if match is None:
            continue
        namespace, vocabulary = match
        if iri[len(namespace):] not in vocabulary:
            unknown.append(str(iri))
    assert not unknown, (
        f"terms missing from rdflib's definition of their vocabulary: {sorted(unknown)}"
    )


def test_reused_terms_not_redefined(any_graph: Graph) -> None:
    redefined = sorted(
        str(iri) for iri in _iris(any_graph, (0,)) if _reused_vocabulary(iri)
    )
    assert not redefined, f"terms of reused vocabularies used as subjects: {redefined}"


def test_iris_from_known_namespaces(any_graph: Graph) -> None:
    strays = sorted(
        str(iri)
        for iri in _iris(any_graph, (0, 1, 2))
        if not iri.startswith(str(EW))
        and not iri.startswith(CONCEPT_BASE)
        and _reused_vocabulary(iri) is None
        and iri not in OTHER_ALLOWED_IRIS
    )
    assert not strays, (
        f"IRIs outside the known namespaces (typo or http/https mix-up?): {strays}"
    )


# ---------------------------------------------------------------------------
# Concept schemes
# ---------------------------------------------------------------------------


def test_schemes_match_table(concepts: Graph) -> None:
    declared = set(concepts.subjects(RDF.type, SKOS.ConceptScheme))
    expected = {_scheme_iri(name) for name in EXPECTED_NOTATIONS}
    missing = sorted(expected - declared)
    unexpected = sorted(declared - expected)
    assert not missing, f"missing concept schemes: {missing}"
    assert not unexpected, f"concept schemes not in the test table: {unexpected}"


@pytest.mark.parametrize(
    "predicate", [SKOS.prefLabel, SKOS.definition], ids=["prefLabel", "definition"]
)
@pytest.mark.parametrize("language", LANGUAGES)
def test_concepts_have_one_text_per_language(
    concepts: Graph, predicate: URIRef, language: str
) -> None:
    offenders = _terms_without_one_text(
        concepts, _concepts_and_schemes(concepts), predicate, language
    )
    assert not offenders, (
        f"concepts or schemes without exactly one {predicate} @{language}: "
        f"{offenders}"
    )


def test_concepts_in_exactly_one_scheme(concepts: Graph) -> None:
    offenders = sorted(
        str(concept)
        for concept in concepts.subjects(RDF.type, SKOS.Concept)
        if len(set(concepts.objects(concept, SKOS.inScheme))) != 1
    )
    assert not offenders, f"concepts without exactly one skos:inScheme: {offenders}"


def test_scheme_members_are_concepts(concepts: Graph) -> None:
    offenders = sorted(
        str(member)
        for member in concepts.subjects(SKOS.inScheme)
        if (member, RDF.type, SKOS.Concept) not in concepts
    )
    assert not offenders, f"skos:inScheme subjects not typed skos:Concept: {offenders}"


def test_concepts_have_one_notation(concepts: Graph) -> None:
    offenders = sorted(
        str(concept)
        for concept in concepts.subjects(RDF.type, SKOS.Concept)
        if len(set(concepts.objects(concept, SKOS.notation))) != 1
    )
    assert not offenders, f"concepts without exactly one skos:notation: {offenders}"


def test_concept_iri_is_scheme_slash_notation(concepts: Graph) -> None:
    mismatched = []
    for concept in concepts.subjects(RDF.type, SKOS.Concept):
        scheme = concepts.value(concept, SKOS.inScheme, any=True)
        notation = concepts.value(concept, SKOS.notation, any=True)
        expected_iri = f"{scheme}/{notation}"
        if str(concept) != expected_iri:
            mismatched.append(f"{concept} (expected {expected_iri})")
    assert not mismatched, (
        f"concept IRIs that differ from scheme + '/' + notation: {mismatched}"
    )


def test_notations_are_plain_strings(concepts: Graph) -> None:
    # rdflib treats "ocmw"^^xsd:string and the plain "ocmw" as different
    # terms, so a lookup with Literal("ocmw") would miss a typed notation.
    offenders = sorted(
        repr(notation)
        for notation in concepts.objects(predicate=SKOS.notation)
        if not isinstance(notation, Literal)
        or notation.datatype is not None
        or notation.language is not None
    )
    assert not offenders, f"notations that are not plain string literals: {offenders}"


def test_notations_unique_within_scheme(concepts: Graph) -> None:
    duplicates = {}
    for scheme in concepts.subjects(RDF.type, SKOS.ConceptScheme):
        counts = Counter(
            str(concepts.value(concept, SKOS.notation))
            for concept in _concepts_in(concepts, scheme)
        )
        repeated = sorted(code for code, count in counts.items() if count > 1)
        if repeated:
            duplicates[str(scheme)] = repeated
    assert not duplicates, f"notations used twice within a scheme: {duplicates}"


@pytest.mark.parametrize("scheme_name", sorted(EXPECTED_NOTATIONS))
def test_scheme_notations(concepts: Graph, scheme_name: str) -> None:
    scheme = _scheme_iri(scheme_name)
    found = {
        str(concepts.value(concept, SKOS.notation))
        for concept in _concepts_in(concepts, scheme)
    }
    expected = EXPECTED_NOTATIONS[scheme_name]
    missing = sorted(expected - found)
    unexpected = sorted(found - expected)
    assert not missing, f"{scheme_name} lacks notations {missing}"
    assert not unexpected, (
        f"{scheme_name} has notations not in the test table: {unexpected}"
    )


@pytest.mark.parametrize("scheme_name", sorted(EXPECTED_NOTATIONS))
def test_scheme_top_concepts(concepts: Graph, scheme_name: str) -> None:
    scheme = _scheme_iri(scheme_name)
    members = _concepts_in(concepts, scheme)
    top_of = set(concepts.subjects(SKOS.topConceptOf, scheme))
    has_top = set(concepts.objects(scheme, SKOS.hasTopConcept))
    assert top_of == members, (
        f"{scheme_name}: skos:topConceptOf differs from skos:inScheme for "
        f"{sorted(top_of ^ members)}"
    )
    assert has_top == members, (
        f"{scheme_name}: skos:hasTopConcept differs from skos:inScheme for "
        f"{sorted(has_top ^ members)}"
    )


@pytest.mark.parametrize("scheme_name", ROLE_SCHEMES)
def test_role_concepts_typed_org_role(concepts: Graph, scheme_name: str) -> None:
    offenders = sorted(
        str(concept)
        for concept in _concepts_in(concepts, _scheme_iri(scheme_name))
        if (concept, RDF.type, ORG.Role) not in concepts
    )
    assert not offenders, f"{scheme_name} concepts not typed org:Role: {offenders}"


# ---------------------------------------------------------------------------
# Ordered scales and the external scales of collaboration
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("scheme_name", sorted(ORDERED_SCALES))
def test_scale_ranks_in_order(concepts: Graph, scheme_name: str) -> None:
    scheme = _scheme_iri(scheme_name)
    ranks = {}
    for concept in _concepts_in(concepts, scheme):
        values = list(concepts.objects(concept, EW.rank))
        assert len(values) == 1, f"{concept} needs one ew:rank, found {values}"
        assert values[0].datatype == XSD.integer, (
            f"ew:rank of {concept} is {values[0]!r}, expected an xsd:integer"
        )
        ranks[str(concepts.value(concept, SKOS.notation))] = values[0].toPython()
    expected = {
        notation: position
        for position, notation in enumerate(ORDERED_SCALES[scheme_name], start=1)
    }
    assert ranks == expected, f"{scheme_name} ranks are {ranks}, expected {expected}"


def test_rank_only_on_ordered_scales(concepts: Graph) -> None:
    ordered = {_scheme_iri(name) for name in ORDERED_SCALES}
    offenders = sorted(
        str(concept)
        for concept in concepts.subjects(EW.rank)
        if concepts.value(concept, SKOS.inScheme) not in ordered
    )
    assert not offenders, (
        f"concepts with ew:rank outside the ordered scales: {offenders}"
    )


@pytest.mark.parametrize("external", EXTERNAL_SCALES)
@pytest.mark.parametrize("notation", ORDERED_SCALES["intensity"])
def test_intensity_matches_external_scale(
    concepts: Graph, notation: str, external: str
) -> None:
    concept = URIRef(f"{CONCEPT_BASE}intensity/{notation}")
    matches = {
        match
        for match in concepts.objects(concept, SKOS.closeMatch)
        if concepts.value(match, SKOS.inScheme) == _scheme_iri(external)
    }
    assert matches, f"intensity {notation} has no skos:closeMatch into {external}"


def test_close_matches_are_declared_concepts(concepts: Graph) -> None:
    external = {_scheme_iri(name) for name in EXTERNAL_SCALES}
    dangling = sorted(
        str(match)
        for match in concepts.objects(predicate=SKOS.closeMatch)
        if concepts.value(match, SKOS.inScheme) not in external
    )
    assert not dangling, (
        f"skos:closeMatch targets that are no concept of an external scale: {dangling}"
    )


@pytest.mark.parametrize("scheme_name", sorted(EXTERNAL_SCALES))
def test_external_scale_cites_source(concepts: Graph, scheme_name: str) -> None:
    sources = list(concepts.objects(_scheme_iri(scheme_name), DCTERMS.source))
    assert len(sources) == 1, f"{scheme_name} needs one dcterms:source, found {sources}"
    source = sources[0]
    assert isinstance(source, Literal), f"{scheme_name} source is not a literal"
    author = EXTERNAL_SCALES[scheme_name]
    assert author in source, f"{scheme_name} source {source!r} does not cite {author}"


# ---------------------------------------------------------------------------
# Alignment with OSLO
# ---------------------------------------------------------------------------


def test_alignment_uses_mapping_properties(alignments: Graph) -> None:
    others = sorted(set(alignments.predicates()) - MAPPING_PROPERTIES)
    assert not others, (
        f"{ALIGNMENTS_FILE} uses predicates other than SKOS mappings: {others}"
    )


def test_alignment_subjects_are_known_terms(ontology: Graph, alignments: Graph) -> None:
    declared = _declared_terms(ontology)
    unknown = []
    for subject in set(alignments.subjects()):
        if subject.startswith(str(EW)):
            known = subject in declared
        else:
            local = subject[len(str(SDO)):]
            known = subject.startswith(str(SDO)) and local in rdflib_namespace.SDO
        if not known:
            unknown.append(str(subject))
    assert not unknown, (
        f"{ALIGNMENTS_FILE} maps terms that are neither declared ew: terms nor "
        f"schema.org terms: {sorted(unknown)}"
    )


def test_alignment_iris_listed_in_readme(alignments: Graph, readme: str) -> None:
    external = {iri for iri in _iris(alignments, (2,)) if _is_external(iri)}
    listed = set(_alignment_table(readme))
    unlisted = sorted(external - listed)
    unused = sorted(listed - external)
    assert not unlisted, (
        f"external IRIs of {ALIGNMENTS_FILE} missing from the README table: {unlisted}"
    )
    assert not unused, (
        f"README alignment table IRIs not used in {ALIGNMENTS_FILE}: {unused}"
    )


def test_readme_alignment_rows_match_file(alignments: Graph, readme: str) -> None:
    for iri, cells in _alignment_table(readme).items():
        assert len(cells) == 3, f"README alignment row for {iri} needs 4 cells: {cells}"
        mapping_terms = _backticked(cells[1])
        assert len(mapping_terms) == 1, f"README row for {iri} names no single mapping"
        mapping = _expand(mapping_terms[0])
        stated = {(_expand(term), mapping) for term in _backticked(cells[2])}
        found = set(alignments.subject_predicates(iri))
        assert stated == found, (
            f"README row for {iri} states {sorted(stated)}, "
            f"{ALIGNMENTS_FILE} has {sorted(found)}"
        )


# ---------------------------------------------------------------------------
# README
# ---------------------------------------------------------------------------


def test_readme_intensity_table_matches(concepts: Graph, readme: str) -> None:
    section = _readme_section(readme, "Intensity scale and the scales it maps to")
    rows = _table_rows(section)
    schemes = [_backticked(cell)[0] for cell in rows[0]]
    assert schemes == ["intensity", *EXTERNAL_SCALES], f"table header is {rows[0]}"
    listed = [_backticked(cells[0])[0] for cells in rows[1:]]
    assert listed == list(ORDERED_SCALES["intensity"]), (
        f"table rows list {listed}, expected the intensity scale in rank order"
    )
    for cells in rows[1:]:
        concept = URIRef(f"{CONCEPT_BASE}intensity/{_backticked(cells[0])[0]}")
        for scheme_name, cell in zip(schemes[1:], cells[1:]):
            stated = {
                URIRef(f"{CONCEPT_BASE}{scheme_name}/{notation}")
                for notation in _backticked(cell)
            }
            found = {
                match
                for match in concepts.objects(concept, SKOS.closeMatch)
                if concepts.value(match, SKOS.inScheme) == _scheme_iri(scheme_name)
            }
            assert stated == found, (
                f"README maps {concept} to {sorted(stated)} in {scheme_name}, "
                f"{CONCEPTS_FILE} to {sorted(found)}"
            )


def test_readme_sparql_examples_parse(readme: str) -> None:
    queries = re.findall(r"```sparql\n(.*?)```", readme, re.DOTALL)
    assert queries, f"{README_FILE.name} has no SPARQL examples"
    for query in queries:
        prepareQuery(query)


def test_readme_version_matches_header(ontology: Graph, readme: str) -> None:
    version = str(ontology.value(ONTOLOGY_IRI, OWL.versionInfo))
    stated = re.search(rf"\bversion\s+{re.escape(version)}\b", readme)
    assert stated, f"{README_FILE.name} does not state version {version}"
