"""Read the federal REFNIS vocabulary (SKOS Turtle) for links from municipalities to Wikidata.

The vocabulary links most municipalities to Wikidata entities as
``http://www.wikidata.org/entity/Q…`` but a few as ``…/wiki/Q…``. Both are
returned in the entity form, because Wikidata's SPARQL service uses that one.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

from rdflib import Graph
from rdflib.namespace import SKOS

from ecosystem.errors import InputFileError
from ecosystem.graph.vocabulary import REFNIS2025

logger = logging.getLogger(__name__)

REFNIS_FOLDER = "refnis"
_WIKIDATA = re.compile(r"^https?://www\.wikidata\.org/(?:wiki|entity)/(Q[0-9]+)$")
_GEONAMES = re.compile(r"^https?://sws\.geonames\.org/[0-9]+/?$")


def read_exact_matches(folder: Path, codes: set[str]) -> dict[str, list[str]]:
    """Return the Wikidata and GeoNames IRIs that the vocabulary gives each REFNIS code.

    Reads every ``*.ttl`` file in ``folder``; only municipalities in ``codes``
    are kept.
    """
    graph = Graph()
    for path in sorted(folder.glob("*.ttl")):
        try:
            graph.parse(path, format="turtle")
        except (OSError, SyntaxError, ValueError) as error:
            raise InputFileError(path, f"is not a readable Turtle file ({error})",
                                 "Use the REFNIS vocabulary files as published, or remove "
                                 "the refnis folder.") from error
    matches: dict[str, list[str]] = {}
    for code in sorted(codes):
        found = [_normalised(str(target))
                 for target in graph.objects(REFNIS2025[code], SKOS.exactMatch)]
        kept = sorted({iri for iri in found if iri})
        if kept:
            matches[code] = kept
    logger.info("Read links to Wikidata or GeoNames for %d municipalities", len(matches))
    return matches


def _normalised(iri: str) -> str:
    """Return a Wikidata IRI in its entity form, a GeoNames IRI as it is, else ""."""
    wikidata = _WIKIDATA.match(iri)
    if wikidata:
        return f"http://www.wikidata.org/entity/{wikidata.group(1)}"
    return iri if _GEONAMES.match(iri) else ""
