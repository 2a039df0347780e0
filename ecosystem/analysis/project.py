"""Project the RDF graph onto a networkx multigraph for analysis and maps.

Each collaboration and each membership becomes its own edge (keyed by its
IRI), so parallel links between one pair stay apart with their attributes.

Nodes are actor IRIs with ``label``, ``kind``, ``refnis``, ``municipality``,
``welfare_type``, ``network_type``, ``school_number``, ``status`` (filled by
the status analysis), ``lat``/``lon``, ``pupils`` and
``indicator_pupil_share``. Edges have a ``relation``:

* ``collaboration`` (source -> target): ``direction``, ``formality``,
  ``mandated``, ``purposes``, ``intensity``, ``frequency``, ``since``,
  ``until``, ``waves`` and ``disputed``;
* ``membership`` (member -> network): ``role``, ``since``, ``until``;
* ``post`` (organisation -> each school the post serves, keyed by post and
  school): ``role`` and ``employer_type``.
"""

from __future__ import annotations

import logging

import networkx as nx
from rdflib import Graph

from ecosystem.graph.build import KIND_OF_CLASS
from ecosystem.graph.vocabulary import EW, GEO, ORG, scheme_of

logger = logging.getLogger(__name__)

_PREFIXES = f"""
PREFIX ew: <{EW}>
PREFIX org: <{ORG}>
PREFIX geo: <{GEO}>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX prov: <http://www.w3.org/ns/prov#>
"""

ACTORS_QUERY = _PREFIXES + """
SELECT ?actor ?class ?label ?refnis ?municipality ?welfareType ?networkType ?schoolNumber
       ?lat ?long ?pupils ?share
WHERE {
  VALUES ?class { ew:School ew:WelfareOrganisation ew:LocalGovernment ew:Network
                  ew:BridgeOrganisation }
  ?actor a ?class ; rdfs:label ?label .
  OPTIONAL {
    ?actor ew:municipality ?place .
    ?place ew:refnisCode ?refnis .
    OPTIONAL { ?place rdfs:label ?municipality FILTER(langMatches(lang(?municipality), "nl")) }
  }
  OPTIONAL { ?actor ew:welfareType ?welfareType }
  OPTIONAL { ?actor ew:networkType ?networkType }
  OPTIONAL { ?actor ew:schoolNumber ?schoolNumber }
  OPTIONAL { ?actor org:hasPrimarySite ?site . ?site geo:lat ?lat ; geo:long ?long }
  OPTIONAL { ?actor ew:pupilCount ?pupils }
  OPTIONAL { ?actor ew:indicatorPupilShare ?share }
}
"""

COLLABORATIONS_QUERY = _PREFIXES + """
SELECT ?link ?source ?target ?direction ?formality ?mandated ?since ?until ?intensity
       ?frequency
       (GROUP_CONCAT(DISTINCT STR(?purpose); separator=" ") AS ?purposes)
       (GROUP_CONCAT(DISTINCT STR(?year); separator=" ") AS ?waves)
       (GROUP_CONCAT(DISTINCT STR(?disputed); separator=" ") AS ?disputes)
WHERE {
  ?link a ew:Collaboration ; ew:source ?source ; ew:target ?target ;
        ew:direction ?direction ; ew:formality ?formality .
  OPTIONAL { ?link ew:mandated ?mandated }
  OPTIONAL { ?link ew:since ?since }
  OPTIONAL { ?link ew:until ?until }
  OPTIONAL { ?link ew:intensity ?intensity }
  OPTIONAL { ?link ew:frequency ?frequency }
  OPTIONAL { ?link ew:purpose ?purpose }
  OPTIONAL { ?link prov:wasGeneratedBy/ew:schoolYear ?year }
  OPTIONAL { ?link ew:disputedProperty ?disputed }
}
GROUP BY ?link ?source ?target ?direction ?formality ?mandated ?since ?until ?intensity
         ?frequency
"""

POSTS_QUERY = _PREFIXES + """
SELECT ?post ?organisation ?school ?role ?employerType
WHERE {
  ?post a ew:Post ; org:postIn ?organisation ; ew:serves ?school .
  OPTIONAL { ?post org:role ?role }
  OPTIONAL { ?post ew:employerType ?employerType }
}
"""

MEMBERSHIPS_QUERY = _PREFIXES + """
SELECT ?membership ?member ?network ?role ?since ?until
WHERE {
  ?membership a ew:NetworkMembership ; org:member ?member ; org:organization ?network .
  OPTIONAL { ?membership org:role ?role }
  OPTIONAL { ?membership ew:since ?since }
  OPTIONAL { ?membership ew:until ?until }
}
"""


def project(graph: Graph) -> nx.MultiDiGraph:
    """Return the actors as nodes and every collaboration and membership as an edge."""
    network = nx.MultiDiGraph()
    for row in graph.query(ACTORS_QUERY):
        network.add_node(str(row.actor), **_actor_attributes(row))
    for row in graph.query(COLLABORATIONS_QUERY):
        network.add_edge(str(row.source), str(row.target), key=str(row.link),
                         **_collaboration_attributes(row))
    for row in graph.query(MEMBERSHIPS_QUERY):
        network.add_edge(str(row.member), str(row.network), key=str(row.membership),
                         relation="membership",
                         role=_notation(row.role) or "member",
                         since=_text(row.since),
                         until=_text(row.until))
    for row in graph.query(POSTS_QUERY):
        network.add_edge(str(row.organisation), str(row.school),
                         key=f"{row.post} {row.school}", relation="post", post=str(row.post),
                         role=_notation(row.role), employer_type=_notation(row.employerType))
    logger.info("Projected %d actors and %d links", network.number_of_nodes(),
                network.number_of_edges())
    return network


def _actor_attributes(row) -> dict:
    """Return the node attributes of one actor row of :data:`ACTORS_QUERY`."""
    return {
        "label": str(row.label),
        "kind": KIND_OF_CLASS[row["class"]],
        "refnis": _text(row.refnis),
        "municipality": _text(row.municipality),
        "welfare_type": _notation(row.welfareType),
        "network_type": _notation(row.networkType),
        "school_number": _text(row.schoolNumber),
        "status": "",
        "lat": float(row.lat) if row.lat is not None else None,
        "lon": float(row.long) if row.long is not None else None,
        "pupils": int(row.pupils) if row.pupils is not None else None,
        "indicator_pupil_share": float(row.share) if row.share is not None else None,
    }


def _collaboration_attributes(row) -> dict:
    """Return the edge attributes of one row of :data:`COLLABORATIONS_QUERY`."""
    purposes = str(row.purposes).split() if row.purposes else []
    return {
        "relation": "collaboration",
        "direction": _notation(row.direction),
        "formality": _notation(row.formality),
        "mandated": bool(row.mandated.toPython()) if row.mandated is not None else False,
        "purposes": sorted(_notation(purpose) for purpose in purposes),
        "since": _text(row.since),
        "until": _text(row.until),
        "intensity": _notation(row.intensity),
        "frequency": _notation(row.frequency),
        "waves": sorted(str(row.waves).split()) if row.waves else [],
        "disputed": sorted(str(d).rsplit("#", 1)[-1] for d in str(row.disputes).split())
        if row.disputes else [],
    }


def _notation(concept_iri) -> str:
    """Return the notation part of a concept IRI, or "" for none."""
    return scheme_of(concept_iri)[1] if concept_iri is not None else ""


def _text(value) -> str:
    """Return an RDF term as text, or "" for none."""
    return "" if value is None else str(value)
