"""Invent a region: municipalities, schools, CLBs, welfare organisations and networks.

The sizes follow Flanders at ``scale=1``: about 300 municipalities, 2,400
primary schools, 6,000 welfare organisations and 200 local networks, with a
few large municipalities and many small ones (Zipf-distributed weights).
A larger scale repeats that size pattern, so ``scale=10`` has ten times as
many municipalities of the same sizes, not one municipality ten times as
large. Collaborations, memberships and posts are added by
:mod:`benchmarks.relations`.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field

from benchmarks import fiction

BASE_MUNICIPALITIES = 300
BASE_FORMER_MUNICIPALITIES = 24
BASE_SCHOOLS = 2400
BASE_ORGANISATIONS = 6000
BASE_NETWORKS = 200
# Exponent of the Zipf weights of municipality sizes. With 1.1 the largest of
# 300 municipalities gets about a fifth of the actors: some 1,500.
SIZE_EXPONENT = 1.1
SCHOOLS_PER_CLB = 40
SCHOOLS_PER_COMMUNITY = 10
# Lambert 72 (EPSG:31370) box, in metres, that the municipalities are spread over.
LAMBERT_X = (25_000, 245_000)
LAMBERT_Y = (155_000, 240_000)

FREE, OFFICIAL, GO = ("Vrij gesubsidieerd onderwijs", "Officieel gesubsidieerd onderwijs",
                      "Gemeenschapsonderwijs")
NETS = ((FREE, 0.62, "Vrije Basisschool", "Vrij CLB"),
        (OFFICIAL, 0.22, "Gemeentelijke Basisschool", "Stedelijk CLB"),
        (GO, 0.16, "GO! basisschool", "GO! CLB"))
SPECIAL_SHARE = 0.07
SURVEY_RESPONSE_SHARE = 0.85
SURVEY_ONLY_SCHOOL_SHARE = 0.01
KBO_SHARE = 0.7

# welfare type: (share of organisations, weight as a partner, name label)
WELFARE_TYPES = {
    "caw": (0.07, 4.0, "CAW"),
    "huis-van-het-kind": (0.08, 4.0, "Huis van het Kind"),
    "ckg": (0.04, 2.0, "CKG"),
    "community-work": (0.12, 1.0, "Buurtwerk"),
    "poverty-organisation": (0.12, 1.0, "Armoedevereniging"),
    "homework-support": (0.14, 1.0, "Huiswerkklas"),
    "bridge-figure": (0.06, 3.0, "Brugfigurenwerking"),
    "kind-en-gezin": (0.07, 2.0, "Consultatiebureau"),
    "police-social-service": (0.04, 1.0, "Sociale dienst politiezone"),
    "city-service": (0.10, 1.5, "Dienst Welzijn"),
    "youth-work": (0.14, 1.0, "Jeugdhuis"),
}
BRIDGE_ORGANISATION_SHARE = 0.02
NETWORK_TYPES = {
    "lop": (0.15, "LOP Basisonderwijs"),
    "brede-school": (0.30, "Brede School"),
    "child-poverty-network": (0.20, "Netwerk Kinderarmoede"),
    "care-coordinator-meeting": (0.20, "Overleg zorgcoördinatoren"),
    "welfare-consultation": (0.15, "Welzijnsoverleg"),
}


@dataclass
class Place:
    """A 2025 municipality, with the 2019 municipality it absorbed, if any."""

    index: int
    refnis: str
    name: str
    province: int
    postcode: str
    x: float
    y: float
    radius: float
    weight: float
    former_refnis: str = ""
    former_name: str = ""


@dataclass
class Actor:
    """One school, welfare organisation, local government, CLB or network."""

    actor_id: str
    kind: str
    name: str
    place: int
    welfare_type: str = ""
    network_type: str = ""
    kbo: str = ""
    clb_number: str = ""
    # Partner weight: how often others pick this actor for a collaboration.
    weight: float = 1.0
    # The survey rows of this actor give the municipality's name, not its REFNIS code.
    named_by_municipality: bool = False


@dataclass
class School(Actor):
    """A primary school, from the register unless ``number`` is empty."""

    number: str = ""
    net: str = FREE
    special: bool = False
    niscode: str = ""
    x: float = 0.0
    y: float = 0.0
    street: str = ""
    house_number: str = ""
    clb: str = ""
    board: str = ""
    community: str = ""
    respondent: bool = True
    # The partners' survey names this school by its number instead of an actor_id.
    partners_use_number: bool = True
    pupils: int = 0
    indicator_share: float = 0.0


@dataclass
class LocalGovernmentUnit:
    """A row of the local-government register: a municipality or OCMW of 2019."""

    name: str
    classification: str
    refnis2019: str
    kbo: str
    postcode: str


@dataclass
class World:
    """Everything the generator writes, before it is split into files."""

    scale: float
    places: list[Place] = field(default_factory=list)
    schools: list[School] = field(default_factory=list)
    organisations: list[Actor] = field(default_factory=list)
    clbs: list[Actor] = field(default_factory=list)
    local_governments: list[Actor] = field(default_factory=list)
    networks: list[Actor] = field(default_factory=list)
    units: list[LocalGovernmentUnit] = field(default_factory=list)
    collaborations: list = field(default_factory=list)
    memberships: list = field(default_factory=list)
    posts: list = field(default_factory=list)
    kbo_serial: int = 0

    def next_kbo(self) -> str:
        """Return a new invented KBO number."""
        self.kbo_serial += 1
        return fiction.kbo_number(self.kbo_serial)

    def province_code(self, province: int) -> str:
        """Return the REFNIS code of an invented province."""
        return f"{99 - province}000"

    def province_name(self, province: int) -> str:
        """Return the Dutch name of an invented province."""
        return f"Provincie {fiction.PROVINCES[province]}"


def build_world(scale: float, rng: random.Random) -> World:
    """Invent the municipalities and actors of a region of the given scale."""
    world = World(scale)
    makes_names = fiction.NameMaker(rng)
    _add_places(world, rng)
    _add_local_governments(world)
    _add_schools(world, rng, makes_names)
    _add_clbs_and_communities(world, rng, makes_names)
    _add_organisations(world, rng, makes_names)
    _add_networks(world, rng)
    return world


def _add_places(world: World, rng: random.Random) -> None:
    count = fiction.scaled(BASE_MUNICIPALITIES, world.scale)
    formers = min(count, fiction.scaled(BASE_FORMER_MUNICIPALITIES, world.scale))
    names = fiction.place_names(count + formers, rng)
    weights = fiction.zipf_weights(count, SIZE_EXPONENT, BASE_MUNICIPALITIES)
    columns = math.ceil(math.sqrt(count * 2.6))
    rows = math.ceil(count / columns)
    cells = list(range(columns * rows))
    rng.shuffle(cells)
    width = (LAMBERT_X[1] - LAMBERT_X[0]) / columns
    height = (LAMBERT_Y[1] - LAMBERT_Y[0]) / rows
    for index in range(count):
        column, row = divmod(cells[index], rows)
        world.places.append(Place(
            index=index,
            refnis=fiction.refnis_code(index, 99),
            name=names[index],
            province=min(4, column * 5 // columns),
            postcode=str(1000 + 3 * index % 9000),
            x=LAMBERT_X[0] + (column + rng.uniform(0.3, 0.7)) * width,
            y=LAMBERT_Y[0] + (row + rng.uniform(0.3, 0.7)) * height,
            radius=0.4 * min(width, height),
            weight=weights[index],
        ))
    first_former_prefix = 99 - math.ceil(count / 999)
    for number, place in enumerate(rng.sample(world.places, formers)):
        place.former_refnis = fiction.refnis_code(number, first_former_prefix)
        place.former_name = names[count + number]


def _add_local_governments(world: World) -> None:
    for place in world.places:
        units = [(place.name, place.refnis)]
        if place.former_refnis:
            units.append((place.former_name, place.former_refnis))
        # The municipality's own Gemeente row, added first, gives the survey's
        # local government its KBO number.
        own_kbo = ""
        for name, code in units:
            for classification in ("Gemeente", "OCMW"):
                unit = LocalGovernmentUnit(name, classification, code, world.next_kbo(),
                                           place.postcode)
                own_kbo = own_kbo or unit.kbo
                world.units.append(unit)
        world.local_governments.append(Actor(
            actor_id=f"LB-{place.refnis}", kind="local-government",
            name=f"Lokaal bestuur {place.name}", place=place.index, welfare_type="ocmw",
            kbo=own_kbo, weight=3.0))


def _add_schools(world: World, rng: random.Random, makes_names: fiction.NameMaker) -> None:
    total = fiction.scaled(BASE_SCHOOLS, world.scale)
    shares = fiction.allocate(total, [place.weight for place in world.places], minimum=1)
    number = fiction.SCHOOL_NUMBER_START
    survey_only = 0
    for place, count in zip(world.places, shares):
        for _ in range(count):
            school = _school(place, rng, makes_names)
            if rng.random() < SURVEY_ONLY_SCHOOL_SHARE:
                survey_only += 1
                school.actor_id = f"S-NIEUW-{survey_only:04d}"
            else:
                school.number = str(number)
                school.actor_id = f"S-{number}"
                number += 1
            world.schools.append(school)


def _school(place: Place, rng: random.Random, makes_names: fiction.NameMaker) -> School:
    net, _share, label, _clb = rng.choices(NETS, weights=[n[1] for n in NETS])[0]
    special = rng.random() < SPECIAL_SHARE
    if special:
        label = "Buitengewoon Basisonderwijs"
    angle, distance = rng.uniform(0, 2 * math.pi), place.radius * math.sqrt(rng.random())
    street, house = fiction.street(rng)
    use_former = bool(place.former_refnis) and rng.random() < 0.3
    respondent = rng.random() < SURVEY_RESPONSE_SHARE
    return School(
        actor_id="", kind="school", name=makes_names.name(place.name, label), place=place.index,
        weight=rng.expovariate(1.0) ** 1.5, net=net, special=special,
        niscode=place.former_refnis if use_former else place.refnis,
        x=round(place.x + distance * math.cos(angle)),
        y=round(place.y + distance * math.sin(angle)),
        street=street, house_number=house, respondent=respondent,
        partners_use_number=rng.random() < 0.6,
        pupils=rng.randint(40, 520), indicator_share=round(rng.uniform(2, 75), 1),
    )


def _add_clbs_and_communities(world: World, rng: random.Random,
                              makes_names: fiction.NameMaker) -> None:
    """Give register schools a CLB, a governing body and a school community per net."""
    clb_number = fiction.CLB_NUMBER_START
    community = fiction.SCHOOL_COMMUNITY_START
    board = fiction.GOVERNING_BODY_START
    for net, _share, _label, clb_label in NETS:
        schools = sorted((s for s in world.schools if s.number and s.net == net),
                         key=lambda s: (world.places[s.place].province, s.place))
        for start in range(0, len(schools), SCHOOLS_PER_CLB):
            group = schools[start:start + SCHOOLS_PER_CLB]
            home = world.places[group[0].place]
            world.clbs.append(Actor(
                actor_id=f"CLB-{clb_number}", kind="welfare",
                name=makes_names.name(home.name, clb_label), place=home.index,
                welfare_type="clb", clb_number=str(clb_number),
                kbo=world.next_kbo() if rng.random() < 0.8 else "", weight=2.0))
            for school in group:
                school.clb = str(clb_number) if rng.random() > 0.015 else ""
            clb_number += 1
        for start in range(0, len(schools), SCHOOLS_PER_COMMUNITY):
            for school in schools[start:start + SCHOOLS_PER_COMMUNITY]:
                school.community = str(community) if rng.random() > 0.02 else ""
                school.board = str(board + school.place % 7)
            community += 1
        board += 10


def _add_organisations(world: World, rng: random.Random,
                       makes_names: fiction.NameMaker) -> None:
    total = fiction.scaled(BASE_ORGANISATIONS, world.scale)
    shares = fiction.allocate(total, [place.weight for place in world.places], minimum=3)
    types = list(WELFARE_TYPES)
    type_shares = [WELFARE_TYPES[name][0] for name in types]
    serial = 0
    for place, count in zip(world.places, shares):
        for rank in range(count):
            serial += 1
            world.organisations.append(_organisation(world, place, rank, serial, rng,
                                                     makes_names, types, type_shares))


def _organisation(world: World, place: Place, rank: int, serial: int, rng: random.Random,
                  makes_names: fiction.NameMaker, types: list[str],
                  type_shares: list[float]) -> Actor:
    kbo = world.next_kbo() if rng.random() < KBO_SHARE else ""
    # A few organisations in each municipality are the partners everyone calls.
    popularity = 1.0 / (rank + 1) ** 0.7
    if rng.random() < BRIDGE_ORGANISATION_SHARE:
        return Actor(actor_id=f"W-{serial:06d}", kind="bridge-organisation",
                     name=makes_names.name(place.name, "Brugorganisatie"), place=place.index,
                     kbo=kbo, weight=2.0 * popularity)
    welfare_type = rng.choices(types, weights=type_shares)[0]
    _share, partner_weight, label = WELFARE_TYPES[welfare_type]
    return Actor(actor_id=f"W-{serial:06d}", kind="welfare",
                 name=makes_names.name(place.name, label), place=place.index,
                 welfare_type=welfare_type, kbo=kbo, weight=partner_weight * popularity,
                 named_by_municipality=rng.random() < 0.1)


def _add_networks(world: World, rng: random.Random) -> None:
    total = fiction.scaled(BASE_NETWORKS, world.scale)
    shares = fiction.allocate(total, [place.weight for place in world.places])
    types = list(NETWORK_TYPES)
    serial = 0
    for place, count in zip(world.places, shares):
        used: dict[str, int] = {}
        for _ in range(count):
            serial += 1
            network_type = rng.choices(types, weights=[NETWORK_TYPES[t][0] for t in types])[0]
            used[network_type] = used.get(network_type, 0) + 1
            suffix = "" if used[network_type] == 1 else f" {_district(used[network_type])}"
            world.networks.append(Actor(
                actor_id=f"N-{serial:05d}", kind="network",
                name=f"{NETWORK_TYPES[network_type][1]} {place.name}{suffix}",
                place=place.index, network_type=network_type))


def _district(number: int) -> str:
    """Return a district name for the ``number``-th network of one type in a municipality."""
    districts = fiction.DISTRICTS
    name = districts[(number - 2) % len(districts)]
    return name if number - 2 < len(districts) else f"{name} {number}"
