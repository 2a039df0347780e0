"""The in-memory model that the readers fill and the graph builder turns into RDF.

Every resource has a ``key``: the path of its IRI under the project's base
(``school/919``, ``clb/114314``). Keys come from official codes or from the
survey's own ``actor_id``, never from names.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import quote

ACTOR_KINDS = ("school", "welfare", "local-government", "network", "bridge-organisation")


def key_part(text: str) -> str:
    """Return ``text`` percent-encoded so that it is one safe IRI path segment."""
    return quote(text, safe="-._~")


def pair_part(key: str) -> str:
    """Return an actor key flattened into one path segment (``school/919`` -> ``school-919``)."""
    return key.replace("/", "-")


@dataclass(frozen=True)
class Municipality:
    """A municipality of the 2025 REFNIS list."""

    refnis: str
    name_nl: str
    name_fr: str = ""
    province: str = ""
    province_code: str = ""


@dataclass(frozen=True)
class SourceRow:
    """The file and spreadsheet row a statement was read from (header is row 1)."""

    file: str
    row: int


@dataclass
class Site:
    """An establishment of a school: address and WGS84 coordinates."""

    street: str = ""
    house_number: str = ""
    postcode: str = ""
    locality: str = ""
    lat: float | None = None
    lon: float | None = None


@dataclass(frozen=True)
class FormerUnit:
    """A municipality or OCMW administration as registered before the 2025 mergers."""

    uri: str
    name: str
    classification: str
    kbo_number: str
    refnis2019: str


@dataclass
class Actor:
    """An organisation in the ecosystem: school, welfare organisation, network, ..."""

    key: str
    kind: str
    name: str
    refnis: str = ""
    welfare_type: str = ""
    network_type: str = ""
    school_number: str = ""
    kbo_number: str = ""
    clb_number: str = ""
    school_community_number: str = ""
    governing_body_number: str = ""
    pupils: int | None = None
    indicator_pupil_share: float | None = None
    actor_ids: list[str] = field(default_factory=list)
    # True for names the register made up from a code ("CLB 114314").
    name_is_placeholder: bool = False
    site: Site | None = None
    former_units: list[FormerUnit] = field(default_factory=list)
    source: SourceRow | None = None


@dataclass
class Link:
    """One reported collaboration between two actors; each input row is its own link."""

    key: str
    source_key: str
    target_key: str
    direction: str
    formality: str
    initiator: str = ""
    purposes: tuple[str, ...] = ()
    intensity: str = ""
    frequency: str = ""
    barriers: tuple[str, ...] = ()
    facilitators: tuple[str, ...] = ()
    since: str = ""
    until: str = ""
    reported_by: str = ""
    wave: str = ""
    reported_on: str = ""
    mandated: bool = False
    source: SourceRow | None = None
    # Who reported the row: an actor key, or a survey for a third party.
    reporter: str = ""
    # Set on a link that merges several reports of one collaboration: the
    # reported rows as stated, every wave that reported it, and the
    # attributes the reports disagree on.
    reports: tuple["Link", ...] = ()
    waves: tuple[str, ...] = ()
    disputed: tuple[str, ...] = ()


@dataclass
class Membership:
    """An actor's membership of a network, with its role there."""

    key: str
    actor_key: str
    network_key: str
    role: str = "member"
    since: str = ""
    until: str = ""
    source: SourceRow | None = None


@dataclass
class Post:
    """A position inside an organisation, such as a bridge figure; never the person in it."""

    key: str
    organisation_key: str
    role: str
    serves: tuple[str, ...] = ()
    employer_type: str = ""
    since: str = ""
    until: str = ""
    source: SourceRow | None = None


@dataclass
class Ecosystem:
    """Everything read from the registers and surveys, ready to become a graph."""

    municipalities: dict[str, Municipality] = field(default_factory=dict)
    # REFNIS code -> IRIs of the same municipality elsewhere (Wikidata, GeoNames).
    municipality_matches: dict[str, list[str]] = field(default_factory=dict)
    actors: dict[str, Actor] = field(default_factory=dict)
    links: list[Link] = field(default_factory=list)
    memberships: list[Membership] = field(default_factory=list)
    posts: list[Post] = field(default_factory=list)
    # School year of a survey wave -> the date its survey was filled in, or "".
    waves: dict[str, str] = field(default_factory=dict)

    def add_actor(self, actor: Actor) -> Actor:
        """Add an actor, or return the one already stored under its key."""
        return self.actors.setdefault(actor.key, actor)
