"""Find the 2025 municipality a name refers to, in Dutch, French or German, never by guessing.

The names come from the 2025 municipality list (Dutch and French), the
merger crosswalk (names of before 2025) and, when present, the federal
REFNIS vocabulary (Dutch, French and German labels of both vintages). A
name that several municipalities carry is reported, not resolved.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import SKOS

from ecosystem.errors import InputFileError
from ecosystem.names import fold
from ecosystem.registers.municipalities import Crosswalk

logger = logging.getLogger(__name__)

_REFNIS_PREFIX = "http://vocab.belgif.be/auth/refnis20"


class UnknownMunicipality(ValueError):
    """A name that is no municipality, or that several municipalities carry."""

    def __init__(self, reason: str, action: str) -> None:
        super().__init__(reason)
        self.reason = reason
        self.action = action


@dataclass
class MunicipalityNames:
    """Folded municipality names -> the 2025 REFNIS codes they may refer to."""

    crosswalk: Crosswalk
    # Folded name -> (code the name belongs to, of any vintage; its 2025 code).
    codes_by_name: dict[str, set[tuple[str, str]]] = field(default_factory=dict)
    # Folded province name in any language -> the folded Dutch name of the list.
    province_aliases: dict[str, str] = field(default_factory=dict)

    def add(self, name: str, code: str) -> None:
        """Record that ``name`` refers to the municipality with REFNIS ``code`` (any vintage)."""
        refnis, _converted = self.crosswalk.to_2025(code)
        if refnis is not None and name:
            self.codes_by_name.setdefault(_name_key(name), set()).add((code, refnis))

    def resolve(self, name: str, province: str = "") -> str:
        """Return the 2025 REFNIS code of a municipality name, checked against ``province``.

        A name of before 2025 may come with the province it lay in then, such
        as Zwijndrecht in the province of Antwerp.
        """
        pairs = self.codes_by_name.get(_name_key(name), set())
        if province:
            pairs = self._in_province(pairs, name, province)
        found = {refnis for _code, refnis in pairs}
        if len(found) > 1:
            listed = ", ".join(f"{self._name(code)} ({code})" for code in sorted(found))
            raise UnknownMunicipality(f"this name fits several municipalities: {listed}",
                                      "Give the REFNIS code in the refnis column.")
        if not found:
            raise UnknownMunicipality("no municipality has this name",
                                      "Check the spelling, or give the REFNIS code in the "
                                      "refnis column.")
        return next(iter(found))

    def names_code(self, name: str, refnis: str) -> bool:
        """Tell whether ``name`` is a name (of any vintage) of the 2025 municipality ``refnis``."""
        return any(code == refnis for _old, code in self.codes_by_name.get(_name_key(name), ()))

    def former_code(self, name: str) -> str:
        """Return the REFNIS code of before 2025 that ``name`` had, or "" for a current name."""
        pairs = self.codes_by_name.get(_name_key(name), set())
        former = {old for old, refnis in pairs if old != refnis}
        current = {old for old, refnis in pairs if old == refnis}
        return next(iter(former)) if len(former) == 1 and not current else ""

    def _in_province(self, pairs: set[tuple[str, str]], name: str,
                     province: str) -> set[tuple[str, str]]:
        """Keep the names that lie in ``province``; raise when none does."""
        wanted = self.province_aliases.get(_province_key(province), _province_key(province))
        kept = {(code, refnis) for code, refnis in pairs
                if wanted and any(wanted == _province_key(self._province_of(place))
                                  for place in (code, refnis))}
        if pairs and not kept:
            places = ", ".join(sorted({f"{self._name(refnis)} in {self._province_of(refnis)}"
                                       for _code, refnis in pairs}))
            raise UnknownMunicipality(f"{name} does not lie in province {province} ({places})",
                                      "Correct the municipality or the province.")
        return kept

    def _province_of(self, code: str) -> str:
        """Return the province of a REFNIS code, for a code of before 2025 by its prefix."""
        if code in self.crosswalk.municipalities:
            return self.crosswalk.municipalities[code].province
        for other in self.crosswalk.municipalities.values():
            if other.refnis[:2] == code[:2]:
                return other.province
        return ""

    def _name(self, code: str) -> str:
        return self.crosswalk.municipalities[code].name_nl


def municipality_names(crosswalk: Crosswalk, refnis_folder: Path | None = None
                       ) -> MunicipalityNames:
    """Return the name index of every municipality the registers know."""
    names = MunicipalityNames(crosswalk)
    for code, municipality in crosswalk.municipalities.items():
        names.add(municipality.name_nl, code)
        names.add(municipality.name_fr, code)
    for code, name in crosswalk.former_names.items():
        names.add(name, code)
    if refnis_folder is not None and refnis_folder.is_dir():
        _add_vocabulary_labels(names, refnis_folder)
    return names


def _add_vocabulary_labels(names: MunicipalityNames, folder: Path) -> None:
    """Add the Dutch, French and German labels of the REFNIS vocabulary files."""
    graph = Graph()
    for path in sorted(folder.glob("*.ttl")):
        try:
            graph.parse(path, format="turtle")
        except (OSError, SyntaxError, ValueError) as error:
            raise InputFileError(path, f"is not a readable Turtle file ({error})",
                                 "Use the REFNIS vocabulary files as published, or remove "
                                 "the refnis folder.") from error
    provinces = {m.province_code: m.province for m in names.crosswalk.municipalities.values()}
    for subject, label in graph.subject_objects(SKOS.prefLabel):
        if isinstance(subject, URIRef) and str(subject).startswith(_REFNIS_PREFIX):
            code = str(subject).rsplit("/", 1)[-1]
            if code in provinces:
                names.province_aliases[_province_key(str(label))] = _province_key(provinces[code])
            elif code.isdigit() and len(code) == 5:
                names.add(str(label), code)


def _name_key(name: str) -> str:
    """Return a municipality name folded, with hyphens as spaces (Sint Niklaas, Sint-Niklaas)."""
    return fold(name).replace("-", " ")


def _province_key(province: str) -> str:
    """Return a province name folded and without the word 'provincie' or 'province'."""
    key = fold(province)
    for word in ("provincie ", "province de ", "province du ", "province ", "provinz "):
        key = key.removeprefix(word)
    key = key.removesuffix(" province").removesuffix(" (provinz)")
    return key.replace("-", " ")
