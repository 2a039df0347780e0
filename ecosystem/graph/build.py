"""Build the RDF graph of the ecosystem from the in-memory model."""

from __future__ import annotations

import logging
import posixpath
from decimal import Decimal
from functools import lru_cache
from pathlib import PurePath

from rdflib import RDF, RDFS, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV, SKOS

from ecosystem.codes import is_official_refnis
from ecosystem.collector import collector_paused
from ecosystem.errors import RunError
from ecosystem.graph.store import DEFAULT_STORE, new_graph, triple_count
from ecosystem.graph.terms import lexical, term_writer
from ecosystem.graph.vocabulary import (CONCEPTS, DEFAULT_BASE, EW, GEO, ORG, REFNIS2025,
                                        SDO, PlainIris, concept, ontology_graph,
                                        superclasses)
from ecosystem.model import Actor, Ecosystem, Link, Membership, Post, SourceRow

logger = logging.getLogger(__name__)

ew, org, sdo, geo, prov, rdf, rdfs, skos, xsd = map(PlainIris, (EW, ORG, SDO, GEO, PROV, RDF,
                                                                RDFS, SKOS, XSD))

ACTOR_CLASSES = {
    "school": EW.School,
    "welfare": EW.WelfareOrganisation,
    "local-government": EW.LocalGovernment,
    "network": EW.Network,
    "bridge-organisation": EW.BridgeOrganisation,
}
KIND_OF_CLASS = {cls: kind for kind, cls in ACTOR_CLASSES.items()}


def check_base(base: str) -> str:
    """Return ``base`` if it can prefix the project's IRIs, else raise :class:`RunError`."""
    if not base.startswith(("http://", "https://")) or not base.endswith(("/", "#")):
        raise RunError(f"invalid base IRI {base!r}: it must start with http:// or https:// "
                       "and end with / or #, for example https://example.org/id/")
    if any(character in base for character in ' <>"{}|\\^`'):
        raise RunError(f"invalid base IRI {base!r}: it contains characters not allowed "
                       "in an IRI")
    return base


class GraphBuilder:
    """Write actors, links and memberships of an :class:`Ecosystem` as triples.

    Every term is made in the store's own classes (see
    :mod:`ecosystem.graph.terms`), and each IRI only once: the vocabulary is
    read through :class:`PlainIris`, as every attribute read of an rdflib
    namespace makes and checks a new URIRef.
    """

    def __init__(self, base: str = DEFAULT_BASE, store: str = DEFAULT_STORE) -> None:
        self.base = check_base(base)
        self.graph = new_graph(store)
        self.terms = term_writer(self.graph)
        self._described: set[str] = set()
        self._concepts: dict[tuple[str, str], object] = {}
        self._classes: dict[str, list] = {}
        self._wave_dates: dict[str, str] = {}
        for prefix, namespace in (("ew", EW), ("org", ORG), ("schema", SDO), ("skos", SKOS),
                                  ("prov", PROV), ("dcterms", DCTERMS), ("geo", GEO),
                                  ("refnis", REFNIS2025), ("id", Namespace(self.base)),
                                  ("concept", Namespace(CONCEPTS))):
            self.graph.bind(prefix, namespace, replace=True)

    def build(self, ecosystem: Ecosystem) -> Graph:
        """Add the whole ecosystem to the graph and return it."""
        self._wave_dates = ecosystem.waves
        used = {actor.refnis for actor in ecosystem.actors.values() if actor.refnis}
        with collector_paused():
            for refnis in sorted(used):
                self._add_municipality(ecosystem, refnis)
            for actor in ecosystem.actors.values():
                self._add_actor(actor)
            for link in ecosystem.links:
                self._add_link(link)
            for membership in ecosystem.memberships:
                self._add_membership(membership)
            for post in ecosystem.posts:
                self._add_post(post)
            self.terms.flush()
        logger.info("Built a graph of %d triples", triple_count(self.graph))
        return self.graph

    def iri(self, key: str):
        """Return the node of a resource key under the base."""
        return self.terms.iri(self.base + key)

    def term(self, iri: str):
        """Return the node of a vocabulary IRI, such as ``EW.source``."""
        return self.terms.iri(iri)

    def municipality_iri(self, refnis: str):
        """Return the belgif node of a REFNIS municipality, or one under the base if fictional."""
        if is_official_refnis(refnis):
            return self.terms.iri(REFNIS2025 + refnis)
        return self.iri(f"municipality/{refnis}")

    def _add(self, subject, predicate: str, value) -> None:
        """Add one triple whose predicate is a vocabulary IRI and whose value is a node."""
        self.terms.add(subject, self.terms.iri(predicate), value)

    def _value(self, subject, predicate: str, value: object) -> None:
        """Add a literal of a Python value (text, integer, decimal, boolean), skipping empty ones."""
        if value not in (None, ""):
            self._add(subject, predicate, self.terms.literal(*lexical(value)))

    def _typed(self, subject, predicate: str, text: str, datatype: str) -> None:
        """Add a literal of an XSD datatype, skipping empty text."""
        if text:
            self._add(subject, predicate, self.terms.literal(text, datatype=datatype))

    def _label(self, subject, text: str, language: str | None = None) -> None:
        self._add(subject, rdfs.label, self.terms.literal(text, language=language))

    def _concept(self, scheme: str, notation: str):
        """Return a concept's node, copying its labels, notation and scheme into the graph once.

        With them the graph explains its own codes, and SHACL can check each
        coded value against its scheme without the ontology files.
        """
        node = self._concepts.get((scheme, notation))
        if node is None:
            iri = concept(scheme, notation)
            node = self._concepts[(scheme, notation)] = self.term(iri)
            for predicate in (RDF.type, SKOS.prefLabel, SKOS.notation, SKOS.inScheme, EW.rank):
                for value in ontology_graph().objects(iri, predicate):
                    self._add(node, str(predicate), self._from_rdflib(value))
        return node

    def _from_rdflib(self, value):
        """Return the store's node of an rdflib IRI or literal read from the ontology."""
        if isinstance(value, Literal):
            return self.terms.literal(str(value), value.datatype, value.language)
        return self.term(value)

    def _add_type(self, node, cls: str) -> None:
        """Type a resource with its class and every named superclass from the ontology."""
        classes = self._classes.get(cls)
        if classes is None:
            classes = [self.term(cls), *map(self.term, superclasses(URIRef(cls)))]
            self._classes[cls] = classes
        for class_node in classes:
            self._add(node, rdf.type, class_node)

    def _add_municipality(self, ecosystem: Ecosystem, refnis: str) -> None:
        municipality = ecosystem.municipalities.get(refnis)
        node = self.municipality_iri(refnis)
        self._add_type(node, ew.Municipality)
        self._value(node, ew.refnisCode, refnis)
        for match in ecosystem.municipality_matches.get(refnis, ()):
            self._add(node, skos.exactMatch, self.term(match))
        if municipality is not None:
            self._label(node, municipality.name_nl, "nl")
            if municipality.name_fr:
                self._label(node, municipality.name_fr, "fr")

    def _add_actor(self, actor: Actor) -> None:
        node = self.iri(actor.key)
        self._add_type(node, ACTOR_CLASSES[actor.kind])
        self._label(node, actor.name)
        if actor.refnis:
            self._add(node, ew.municipality, self.municipality_iri(actor.refnis))
        if actor.welfare_type:
            self._add(node, ew.welfareType, self._concept("welfare-type", actor.welfare_type))
        if actor.network_type:
            self._add(node, ew.networkType, self._concept("network-type", actor.network_type))
        for predicate, value in ((ew.schoolNumber, actor.school_number),
                                 (ew.kboNumber, actor.kbo_number),
                                 (ew.clbNumber, actor.clb_number),
                                 (ew.schoolCommunityNumber, actor.school_community_number),
                                 (ew.governingBodyNumber, actor.governing_body_number)):
            self._value(node, predicate, value)
        self._value(node, ew.pupilCount, actor.pupils)
        if actor.indicator_pupil_share is not None:
            self._value(node, ew.indicatorPupilShare, Decimal(str(actor.indicator_pupil_share)))
        for actor_id in actor.actor_ids:
            self._value(node, ew.actorId, actor_id)
        self._add_source(node, actor.source)
        if actor.site is not None:
            self._add_site(actor, node)
        for unit in actor.former_units:
            self._add_former_unit(node, unit)

    def _add_site(self, actor: Actor, node) -> None:
        site = actor.site
        site_node = self.iri(f"{actor.key}/site")
        self._add(node, org.hasPrimarySite, site_node)
        self._add(node, org.hasSite, site_node)
        self._add_type(site_node, ew.Establishment)
        street = " ".join(filter(None, (site.street, site.house_number)))
        self._value(site_node, sdo.streetAddress, street)
        self._value(site_node, sdo.postalCode, site.postcode)
        self._value(site_node, sdo.addressLocality, site.locality)
        if actor.refnis:
            self._add(site_node, ew.municipality, self.municipality_iri(actor.refnis))
        if site.lat is not None and site.lon is not None:
            self._value(site_node, geo.lat, Decimal(str(site.lat)))
            self._value(site_node, geo.long, Decimal(str(site.lon)))

    def _add_former_unit(self, node, unit) -> None:
        if unit.uri.startswith(("http://", "https://")):
            unit_node = self.term(unit.uri)
        else:
            unit_node = self.iri(f"former-unit/{unit.kbo_number or unit.refnis2019}")
        self._add(node, ew.formerUnit, unit_node)
        self._add_type(unit_node, ew.FormerLocalGovernmentUnit)
        self._label(unit_node, f"{unit.classification} {unit.name}", "nl")
        self._value(unit_node, ew.kboNumber, unit.kbo_number)
        self._value(unit_node, ew.refnis2019Code, unit.refnis2019)

    def _add_link(self, link: Link) -> None:
        node = self.iri(link.key)
        source, target = self.iri(link.source_key), self.iri(link.target_key)
        self._add_type(node, ew.Collaboration)
        self._add(node, ew.source, source)
        self._add(node, ew.target, target)
        # org:linkedTo lets a query in plain W3C ORG terms follow the flow.
        self._add(source, org.linkedTo, target)
        if link.direction == "two-way":
            self._add(target, org.linkedTo, source)
        self._add(node, ew.direction, self._concept("direction", link.direction))
        self._add(node, ew.formality, self._concept("formality", link.formality))
        self._value(node, ew.mandated, bool(link.mandated))
        self._coded(node, link)
        for predicate, scheme, values in ((ew.barrier, "barrier", link.barriers),
                                          (ew.facilitator, "facilitator", link.facilitators)):
            for value in values:
                self._add(node, predicate, self._concept(scheme, value))
        self._add_period(node, link.since, link.until)
        self._typed(node, ew.reportedOn, link.reported_on, xsd.date)
        for wave in link.waves or ((link.wave,) if link.wave else ()):
            self._add(node, prov.wasGeneratedBy, self._wave(wave))
        for name in link.disputed:
            self._add(node, ew.disputedProperty, self.term(ew[name]))
        if link.reports:
            for number, reported in enumerate(link.reports, start=1):
                self._add_report(node, self.iri(f"{link.key}/report/{number}"), reported)
        else:
            self._add_source(node, link.source)

    def _coded(self, node, link: Link) -> None:
        """Add the coded values a collaboration and each side's report of it share."""
        for predicate, scheme, value in ((ew.intensity, "intensity", link.intensity),
                                         (ew.frequency, "frequency", link.frequency),
                                         (ew.initiator, "initiator", link.initiator),
                                         (ew.reportedBy, "reporting-side", link.reported_by)):
            if value:
                self._add(node, predicate, self._concept(scheme, value))
        for purpose in link.purposes:
            self._add(node, ew.purpose, self._concept("purpose", purpose))

    def _add_report(self, link_node, node, reported: Link) -> None:
        """Add one side's report of a merged collaboration, with its values as stated."""
        self._add_type(node, ew.CollaborationReport)
        self._add(link_node, prov.wasDerivedFrom, node)
        self._add(node, ew.source, self.iri(reported.source_key))
        self._add(node, ew.target, self.iri(reported.target_key))
        self._add(node, ew.direction, self._concept("direction", reported.direction))
        self._add(node, ew.formality, self._concept("formality", reported.formality))
        self._coded(node, reported)
        if reported.reporter in (reported.source_key, reported.target_key):
            self._add(node, ew.reportingActor, self.iri(reported.reporter))
        if reported.wave:
            self._add(node, prov.wasGeneratedBy, self._wave(reported.wave))
        self._typed(node, ew.reportedOn, reported.reported_on, xsd.date)
        self._add_source(node, reported.source)

    def _add_membership(self, membership: Membership) -> None:
        node = self.iri(membership.key)
        self._add_type(node, ew.NetworkMembership)
        self._add(node, org.member, self.iri(membership.actor_key))
        self._add(node, org.organization, self.iri(membership.network_key))
        self._add(node, org.role, self._concept("network-role", membership.role))
        self._add_period(node, membership.since, membership.until)
        self._add_source(node, membership.source)

    def _add_post(self, post: Post) -> None:
        node = self.iri(post.key)
        self._add_type(node, ew.Post)
        self._add(node, org.postIn, self.iri(post.organisation_key))
        self._add(node, org.role, self._concept("post-role", post.role))
        for school in post.serves:
            self._add(node, ew.serves, self.iri(school))
        if post.employer_type:
            self._add(node, ew.employerType, self._concept("employer-type", post.employer_type))
        self._add_period(node, post.since, post.until)
        self._add_source(node, post.source)

    def _wave(self, school_year: str):
        """Return the node of a survey wave, describing the wave on first use."""
        key = f"survey-wave/{school_year}"
        wave = self.iri(key)
        if key not in self._described:
            self._described.add(key)
            self._add_type(wave, ew.SurveyWave)
            self._value(wave, ew.schoolYear, school_year)
            self._typed(wave, ew.surveyDate, self._wave_dates.get(school_year, ""), xsd.date)
        return wave

    def _add_period(self, node, since: str, until: str) -> None:
        """Add the first and last year of a collaboration, membership or post."""
        self._typed(node, ew.since, since, xsd.gYear)
        self._typed(node, ew.until, until, xsd.gYear)

    def _add_source(self, node, source: SourceRow | None) -> None:
        """Record the file name and row a resource was read from."""
        if source is None:
            return
        self._value(node, ew.sourceFile, self._source_names(source.file))
        self._value(node, ew.sourceRow, source.row)

    @staticmethod
    @lru_cache(maxsize=None)
    def _source_names(file: str) -> str:
        return source_name(file)


def source_name(file: str) -> str:
    """Return the short name of an input file: its folder and name, or a workbook and sheet.

    The folder keeps two surveys' ``links.csv`` apart without writing the
    user's whole local path into the graph.
    """
    path = PurePath(file.replace("\\", "/"))
    if path.name.endswith("]"):
        return path.name
    return posixpath.join(path.parent.name, path.name) if path.parent.name else path.name


def build_graph(ecosystem: Ecosystem, *, base: str = DEFAULT_BASE,
                store: str = DEFAULT_STORE) -> Graph:
    """Return the RDF graph of ``ecosystem`` with IRIs under ``base``."""
    return GraphBuilder(base, store).build(ecosystem)
