"""Render ``model.html``, an overview of the model in plain words with a diagram of its classes."""

from __future__ import annotations

import html
import re

from rdflib import URIRef

from ecosystem.reports.ontology_diagram import model_diagram_svg
from ecosystem.reports.ontology_page import html_page
from ecosystem.reports.ontology_reader import Ontology

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
     "(ew:barrier) or helps it (ew:facilitator). Two rows of one reporter in one survey wave "
     "are two collaborations; when both sides, or several waves, report the same collaboration, "
     "it is one collaboration derived (prov:wasDerivedFrom) from each report "
     "(ew:CollaborationReport), which keeps the reporting actor, the survey wave "
     "(ew:SurveyWave) and the input file and row it was read from (ew:sourceFile, "
     "ew:sourceRow)."),
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

# Prints model.html on A4 landscape, with the diagram on a page of its own.
MODEL_PRINT_CSS = """
@page { size: A4 landscape; margin: 10mm; }
@media print { figure { break-before: page; } svg.model-diagram { max-height: 180mm; } }
"""


def _prose(ontology: Ontology, text: str) -> str:
    """Escape a paragraph and link each prefixed name whose prefix the ontology binds."""
    namespaces = dict(ontology.graph.namespaces())

    def replace(match: re.Match) -> str:
        prefix, name = match.group(1), match.group(2)
        if prefix not in namespaces:
            return match.group(0)
        return ontology.link(URIRef(str(namespaces[prefix]) + name), base="index.html")

    return re.sub(r"\b([a-z][\w-]*):([A-Za-z][\w-]*)", replace, html.escape(text))


def model_page(ontology: Ontology) -> str:
    """Render the model page: the overview in plain words and the class diagram."""
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
    return html_page("The model in plain words", body, MODEL_PRINT_CSS)
