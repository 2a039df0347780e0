"""Tests of the ontology (ecosystem.ttl) and the concept schemes (concepts.ttl).

The package reads both Turtle files and relies on the IRIs and notations
listed in the tables below, so a removed or renamed term makes a test fail.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import rdflib.namespace as rdflib_namespace
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, ORG, OWL, PROV, RDF, RDFS, SKOS, VANN

# In rdflib 7.6 the open vocabularies (schema.org, XSD, WGS84) warn on every
# unknown attribute, and pytest probes module globals during collection. So
# they stay off the module globals, and their terms come from plain namespaces.
SDO = Namespace(str(rdflib_namespace.SDO))
XSD = Namespace(str(rdflib_namespace.XSD))

ONTOLOGY_DIR = Path(__file__).parents[1] / "ontology"
ONTOLOGY_FILE = "ecosystem.ttl"
CONCEPTS_FILE = "concepts.ttl"

EW = Namespace("https://w3id.org/edu-welfare/ontology#")
ONTOLOGY_IRI = URIRef("https://w3id.org/edu-welfare/ontology")
VERSION_IRI = URIRef("https://w3id.org/edu-welfare/ontology/0.1.0")
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
}

# Object property local name -> (domain classes, range).
EXPECTED_OBJECT_PROPERTIES = {
    "source": ({EW.Collaboration}, EW.Actor),
    "target": ({EW.Collaboration}, EW.Actor),
    "direction": ({EW.Collaboration}, SKOS.Concept),
    "formality": ({EW.Collaboration}, SKOS.Concept),
    "initiator": ({EW.Collaboration}, SKOS.Concept),
    "purpose": ({EW.Collaboration}, SKOS.Concept),
    "reportedBy": ({EW.Collaboration}, SKOS.Concept),
    "welfareType": ({EW.Actor}, SKOS.Concept),
    "networkType": ({EW.Network}, SKOS.Concept),
    "municipality": ({EW.Actor, EW.Establishment}, EW.Municipality),
    "formerUnit": ({EW.LocalGovernment}, EW.FormerLocalGovernmentUnit),
    "facilitatedBy": ({EW.Network}, EW.Actor),
}

# Datatype property local name -> range. Codes must stay xsd:string, because
# an integer type drops leading zeros.
EXPECTED_DATATYPE_PROPERTIES = {
    "schoolNumber": XSD.string,
    "kboNumber": XSD.string,
    "clbNumber": XSD.string,
    "schoolCommunityNumber": XSD.string,
    "governingBodyNumber": XSD.string,
    "refnisCode": XSD.string,
    "refnis2019Code": XSD.string,
    "actorId": XSD.string,
    "schoolYear": XSD.string,
    "sourceFile": XSD.string,
    "sourceRow": XSD.integer,
    "since": XSD.gYear,
    "mandated": XSD.boolean,
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
}

ROLE_SCHEMES = ("network-role", "post-role")


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


@pytest.fixture(scope="module", params=[ONTOLOGY_FILE, CONCEPTS_FILE])
def any_graph(request: pytest.FixtureRequest) -> Graph:
    return _parse(request.param)


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


# ---------------------------------------------------------------------------
# Parsing and the ontology header
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("file_name", [ONTOLOGY_FILE, CONCEPTS_FILE])
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
    assert version == Literal("0.1.0"), f"owl:versionInfo is {version!r}"
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


@pytest.mark.parametrize("file_name", [ONTOLOGY_FILE, CONCEPTS_FILE])
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
def test_datatype_property_range(ontology: Graph, name: str) -> None:
    prop = EW[name]
    assert (prop, RDF.type, OWL.DatatypeProperty) in ontology, (
        f"ew:{name} is not an owl:DatatypeProperty"
    )
    ranges = set(ontology.objects(prop, RDFS.range))
    assert ranges == {EXPECTED_DATATYPE_PROPERTIES[name]}, (
        f"ew:{name} has range {sorted(ranges)}, "
        f"expected {EXPECTED_DATATYPE_PROPERTIES[name]}"
    )


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
