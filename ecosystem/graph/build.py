"""Build the RDF graph of the ecosystem from the in-memory model."""

from __future__ import annotations

import logging
import posixpath
from pathlib import PurePath
from decimal import Decimal

from rdflib import RDF, RDFS, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV, SKOS

from ecosystem.codes import is_official_refnis
from ecosystem.errors import RunError
from ecosystem.graph.store import DEFAULT_STORE, new_graph
from ecosystem.graph.vocabulary import (CONCEPTS, DEFAULT_BASE, EW, GEO, ORG, REFNIS2025,
                                        SDO, concept, ontology_graph,
                                        superclasses)
from ecosystem.model import Actor, Ecosystem, Link, Membership, Post, SourceRow

logger = logging.getLogger(__name__)

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
    """Write actors, links and memberships of an :class:`Ecosystem` as triples."""

    def __init__(self, base: str = DEFAULT_BASE, store: str = DEFAULT_STORE) -> None:
        self.base = Namespace(check_base(base))
        self.graph = new_graph(store)
        self._described_concepts: set[URIRef] = set()
        self._wave_dates: dict[str, str] = {}
        for prefix, namespace in (("ew", EW), ("org", ORG), ("schema", SDO), ("skos", SKOS),
                                  ("prov", PROV), ("dcterms", DCTERMS), ("geo", GEO),
                                  ("refnis", REFNIS2025), ("id", self.base),
                                  ("concept", Namespace(CONCEPTS))):
            self.graph.bind(prefix, namespace, replace=True)

    def build(self, ecosystem: Ecosystem) -> Graph:
        """Add the whole ecosystem to the graph and return it."""
        self._wave_dates = ecosystem.waves
        used = {actor.refnis for actor in ecosystem.actors.values() if actor.refnis}
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
        logger.info("Built a graph of %d triples", len(self.graph))
        return self.graph

    def iri(self, key: str) -> URIRef:
        """Return the IRI of a resource key under the base."""
        return self.base[key]

    def municipality_iri(self, refnis: str) -> URIRef:
        """Return the belgif IRI of a REFNIS municipality, or one under the base if fictional."""
        if is_official_refnis(refnis):
            return REFNIS2025[refnis]
        return self.base[f"municipality/{refnis}"]

    def _concept(self, scheme: str, notation: str) -> URIRef:
        """Return a concept's IRI, copying its labels, notation and scheme into the graph once.

        With them the graph explains its own codes, and SHACL can check each
        coded value against its scheme without the ontology files.
        """
        iri = concept(scheme, notation)
        if iri not in self._described_concepts:
            self._described_concepts.add(iri)
            for predicate in (RDF.type, SKOS.prefLabel, SKOS.notation, SKOS.inScheme, EW.rank):
                for value in ontology_graph().objects(iri, predicate):
                    self.graph.add((iri, predicate, value))
        return iri

    def _add_type(self, node: URIRef, cls: URIRef) -> None:
        """Type a resource with its class and every named superclass from the ontology."""
        self.graph.add((node, RDF.type, cls))
        for parent in superclasses(cls):
            self.graph.add((node, RDF.type, parent))

    def _add(self, subject: URIRef, predicate: URIRef, value: object) -> None:
        """Add a triple with a plain string literal, skipping empty values."""
        if value not in (None, ""):
            self.graph.add((subject, predicate, Literal(str(value))))

    def _add_municipality(self, ecosystem: Ecosystem, refnis: str) -> None:
        municipality = ecosystem.municipalities.get(refnis)
        node = self.municipality_iri(refnis)
        self._add_type(node, EW.Municipality)
        self._add(node, EW.refnisCode, refnis)
        for match in ecosystem.municipality_matches.get(refnis, ()):
            self.graph.add((node, SKOS.exactMatch, URIRef(match)))
        if municipality is not None:
            self.graph.add((node, RDFS.label, Literal(municipality.name_nl, lang="nl")))
            if municipality.name_fr:
                self.graph.add((node, RDFS.label, Literal(municipality.name_fr, lang="fr")))

    def _add_actor(self, actor: Actor) -> None:
        node = self.iri(actor.key)
        self._add_type(node, ACTOR_CLASSES[actor.kind])
        self.graph.add((node, RDFS.label, Literal(actor.name)))
        if actor.refnis:
            self.graph.add((node, EW.municipality, self.municipality_iri(actor.refnis)))
        if actor.welfare_type:
            self.graph.add((node, EW.welfareType, self._concept("welfare-type", actor.welfare_type)))
        if actor.network_type:
            self.graph.add((node, EW.networkType, self._concept("network-type", actor.network_type)))
        for predicate, value in ((EW.schoolNumber, actor.school_number),
                                 (EW.kboNumber, actor.kbo_number),
                                 (EW.clbNumber, actor.clb_number),
                                 (EW.schoolCommunityNumber, actor.school_community_number),
                                 (EW.governingBodyNumber, actor.governing_body_number)):
            self._add(node, predicate, value)
        if actor.pupils is not None:
            self.graph.add((node, EW.pupilCount, Literal(actor.pupils)))
        if actor.indicator_pupil_share is not None:
            self.graph.add((node, EW.indicatorPupilShare,
                            Literal(Decimal(str(actor.indicator_pupil_share)))))
        for actor_id in actor.actor_ids:
            self._add(node, EW.actorId, actor_id)
        self._add_source(node, actor.source)
        if actor.site is not None:
            self._add_site(actor, node)
        for unit in actor.former_units:
            self._add_former_unit(node, unit)

    def _add_site(self, actor: Actor, node: URIRef) -> None:
        site = actor.site
        site_node = self.iri(f"{actor.key}/site")
        self.graph.add((node, ORG.hasPrimarySite, site_node))
        self.graph.add((node, ORG.hasSite, site_node))
        self._add_type(site_node, EW.Establishment)
        street = " ".join(filter(None, (site.street, site.house_number)))
        self._add(site_node, SDO.streetAddress, street)
        self._add(site_node, SDO.postalCode, site.postcode)
        self._add(site_node, SDO.addressLocality, site.locality)
        if actor.refnis:
            self.graph.add((site_node, EW.municipality, self.municipality_iri(actor.refnis)))
        if site.lat is not None and site.lon is not None:
            self.graph.add((site_node, GEO.lat, Literal(Decimal(str(site.lat)))))
            self.graph.add((site_node, GEO.long, Literal(Decimal(str(site.lon)))))

    def _add_former_unit(self, node: URIRef, unit) -> None:
        if unit.uri.startswith(("http://", "https://")):
            unit_node = URIRef(unit.uri)
        else:
            unit_node = self.iri(f"former-unit/{unit.kbo_number or unit.refnis2019}")
        self.graph.add((node, EW.formerUnit, unit_node))
        self._add_type(unit_node, EW.FormerLocalGovernmentUnit)
        self.graph.add((unit_node, RDFS.label,
                        Literal(f"{unit.classification} {unit.name}", lang="nl")))
        self._add(unit_node, EW.kboNumber, unit.kbo_number)
        self._add(unit_node, EW.refnis2019Code, unit.refnis2019)

    def _add_link(self, link: Link) -> None:
        node = self.iri(link.key)
        graph = self.graph
        self._add_type(node, EW.Collaboration)
        graph.add((node, EW.source, self.iri(link.source_key)))
        graph.add((node, EW.target, self.iri(link.target_key)))
        # org:linkedTo lets a query in plain W3C ORG terms follow the flow.
        graph.add((self.iri(link.source_key), ORG.linkedTo, self.iri(link.target_key)))
        if link.direction == "two-way":
            graph.add((self.iri(link.target_key), ORG.linkedTo, self.iri(link.source_key)))
        graph.add((node, EW.direction, self._concept("direction", link.direction)))
        graph.add((node, EW.formality, self._concept("formality", link.formality)))
        graph.add((node, EW.mandated, Literal(link.mandated)))
        if link.initiator:
            graph.add((node, EW.initiator, self._concept("initiator", link.initiator)))
        if link.reported_by:
            graph.add((node, EW.reportedBy, self._concept("reporting-side", link.reported_by)))
        for predicate, scheme, values in ((EW.purpose, "purpose", link.purposes),
                                          (EW.barrier, "barrier", link.barriers),
                                          (EW.facilitator, "facilitator", link.facilitators)):
            for value in values:
                graph.add((node, predicate, self._concept(scheme, value)))
        if link.intensity:
            graph.add((node, EW.intensity, self._concept("intensity", link.intensity)))
        if link.frequency:
            graph.add((node, EW.frequency, self._concept("frequency", link.frequency)))
        self._add_period(node, link.since, link.until)
        if link.reported_on:
            graph.add((node, EW.reportedOn, Literal(link.reported_on, datatype=XSD.date)))
        for wave in link.waves or ((link.wave,) if link.wave else ()):
            graph.add((node, PROV.wasGeneratedBy, self._wave(wave)))
        for name in link.disputed:
            graph.add((node, EW.disputedProperty, EW[name]))
        if link.reports:
            for number, reported in enumerate(link.reports, start=1):
                self._add_report(node, self.iri(f"{link.key}/report/{number}"), reported)
        else:
            self._add_source(node, link.source)

    def _add_report(self, link_node: URIRef, node: URIRef, reported: Link) -> None:
        """Add one side's report of a merged collaboration, with its values as stated."""
        graph = self.graph
        self._add_type(node, EW.CollaborationReport)
        graph.add((link_node, PROV.wasDerivedFrom, node))
        graph.add((node, EW.source, self.iri(reported.source_key)))
        graph.add((node, EW.target, self.iri(reported.target_key)))
        graph.add((node, EW.direction, self._concept("direction", reported.direction)))
        graph.add((node, EW.formality, self._concept("formality", reported.formality)))
        for predicate, scheme, value in ((EW.intensity, "intensity", reported.intensity),
                                         (EW.frequency, "frequency", reported.frequency),
                                         (EW.initiator, "initiator", reported.initiator),
                                         (EW.reportedBy, "reporting-side", reported.reported_by)):
            if value:
                graph.add((node, predicate, self._concept(scheme, value)))
        for purpose in reported.purposes:
            graph.add((node, EW.purpose, self._concept("purpose", purpose)))
        if reported.reporter in (reported.source_key, reported.target_key):
            graph.add((node, EW.reportingActor, self.iri(reported.reporter)))
        if reported.wave:
            graph.add((node, PROV.wasGeneratedBy, self._wave(reported.wave)))
        if reported.reported_on:
            graph.add((node, EW.reportedOn, Literal(reported.reported_on, datatype=XSD.date)))
        self._add_source(node, reported.source)

    def _add_membership(self, membership: Membership) -> None:
        node = self.iri(membership.key)
        self._add_type(node, EW.NetworkMembership)
        self.graph.add((node, ORG.member, self.iri(membership.actor_key)))
        self.graph.add((node, ORG.organization, self.iri(membership.network_key)))
        self.graph.add((node, ORG.role, self._concept("network-role", membership.role)))
        self._add_period(node, membership.since, membership.until)
        self._add_source(node, membership.source)

    def _add_post(self, post: Post) -> None:
        node = self.iri(post.key)
        self._add_type(node, EW.Post)
        self.graph.add((node, ORG.postIn, self.iri(post.organisation_key)))
        self.graph.add((node, ORG.role, self._concept("post-role", post.role)))
        for school in post.serves:
            self.graph.add((node, EW.serves, self.iri(school)))
        if post.employer_type:
            self.graph.add((node, EW.employerType,
                            self._concept("employer-type", post.employer_type)))
        self._add_period(node, post.since, post.until)
        self._add_source(node, post.source)

    def _wave(self, school_year: str) -> URIRef:
        """Return the IRI of a survey wave, describing the wave on first use."""
        wave = self.iri(f"survey-wave/{school_year}")
        if (wave, RDF.type, EW.SurveyWave) not in self.graph:
            self._add_type(wave, EW.SurveyWave)
            self.graph.add((wave, EW.schoolYear, Literal(school_year)))
            if self._wave_dates.get(school_year):
                self.graph.add((wave, EW.surveyDate,
                                Literal(self._wave_dates[school_year], datatype=XSD.date)))
        return wave

    def _add_period(self, node: URIRef, since: str, until: str) -> None:
        """Add the first and last year of a collaboration, membership or post."""
        if since:
            self.graph.add((node, EW.since, Literal(since, datatype=XSD.gYear)))
        if until:
            self.graph.add((node, EW.until, Literal(until, datatype=XSD.gYear)))

    def _add_source(self, node: URIRef, source: SourceRow | None) -> None:
        """Record the file name and row a resource was read from."""
        if source is None:
            return
        self._add(node, EW.sourceFile, source_name(source.file))
        self.graph.add((node, EW.sourceRow, Literal(source.row)))


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
