"""Invent who works with whom: collaborations, network memberships and posts.

Most collaborations are a school referring a family to a welfare partner
(one-way, ad hoc); some are two-way structural partnerships. Each municipality
gets collaborations in proportion to its number of actors, and some go to a
partner in another municipality of the same province. Which survey reports
a collaboration, and whether both sides do, is decided here too.
"""

from __future__ import annotations

import bisect
import itertools
import random
from dataclasses import dataclass, field, replace

from benchmarks import fiction
from benchmarks.world import Actor, School, World

BASE_COLLABORATIONS = 40_000
BASE_MEMBERSHIPS = 5_000
BASE_CARE_COORDINATOR_SHARE = 0.1
BASE_BRIDGE_POSTS = 250
BASE_SOCIAL_WORKER_POSTS = 110
CROSS_MUNICIPALITY_SHARE = 0.08
# Of the collaborations between a responding school and a partner: reported
# by both sides, by the school only, or by the partner only.
BOTH_SIDES_SHARE = 0.25
SCHOOL_ONLY_SHARE = 0.5
DISAGREEMENT_SHARE = 0.15
THIRD_PARTY_SHARE = 0.03

# category: share of collaborations
CATEGORIES = {
    "school-referral": 0.40,
    "partner-offer": 0.14,
    "school-partner-structural": 0.12,
    "school-partner-ad-hoc": 0.05,
    "school-government-referral": 0.05,
    "school-government-structural": 0.02,
    "partner-referral": 0.12,
    "partner-partnership": 0.05,
    "school-school": 0.03,
    "school-clb": 0.02,
}
BARRIERS = ("lack-of-time", "partner-or-offer-unknown", "missing-feedback",
            "professional-secrecy-and-privacy", "dependence-on-one-person",
            "different-vision-or-pace", "fragmented-offer")
FACILITATORS = ("bridge-figure", "known-offer", "one-contact-point", "trust-and-feedback",
                "network", "transparency", "multidisciplinary-team",
                "shared-vision-on-social-role")


@dataclass
class Collaboration:
    """One collaboration as its reporters describe it, with who reports it."""

    source: Actor
    target: Actor
    direction: str
    formality: str
    initiator: str
    purposes: tuple[str, ...]
    intensity: str
    frequency: str
    since: int
    until: int | None = None
    barriers: tuple[str, ...] = ()
    facilitators: tuple[str, ...] = ()
    # "schools", "partners" or "both"
    surveys: str = "partners"
    third_party: bool = False
    # The partners' version of a collaboration both sides report, when it differs.
    partner_version: Collaboration | None = None


@dataclass
class Membership:
    """A network membership."""

    member: Actor
    network: Actor
    role: str
    since: int


@dataclass
class Post:
    """A post (never a person) in an organisation, serving schools."""

    post_id: str
    organisation: Actor
    role: str
    serves: tuple[School, ...]
    employer_type: str
    since: int


@dataclass
class Pool:
    """Actors to draw from, each with its weight, drawn in O(log n)."""

    actors: list[Actor] = field(default_factory=list)
    cumulative: list[float] = field(default_factory=list)

    @classmethod
    def of(cls, actors: list[Actor]) -> Pool:
        """Return a pool over ``actors`` with their ``weight`` attributes."""
        weights = [max(actor.weight, 1e-6) for actor in actors]
        return cls(list(actors), list(itertools.accumulate(weights)))

    def draw(self, rng: random.Random) -> Actor:
        """Return one actor, chosen with probability proportional to its weight."""
        point = rng.random() * self.cumulative[-1]
        return self.actors[bisect.bisect_right(self.cumulative, point)]

    def __bool__(self) -> bool:
        return bool(self.actors)


def add_relations(world: World, rng: random.Random) -> None:
    """Add collaborations, memberships and posts to ``world``."""
    pools = _pools(world)
    _add_collaborations(world, rng, pools)
    _add_memberships(world, rng)
    _add_posts(world, rng)


def _pools(world: World) -> dict[tuple[str, int], Pool]:
    """Return pools of schools and partners per municipality and per province."""
    grouped: dict[tuple[str, int], list[Actor]] = {}
    for school in world.schools:
        grouped.setdefault(("school", school.place), []).append(school)
    for partner in world.organisations:
        grouped.setdefault(("partner", partner.place), []).append(partner)
        province = world.places[partner.place].province
        grouped.setdefault(("province-partner", province), []).append(partner)
    return {key: Pool.of(actors) for key, actors in grouped.items()}


def _add_collaborations(world: World, rng: random.Random, pools: dict) -> None:
    actor_counts = [0] * len(world.places)
    for actor in itertools.chain(world.schools, world.organisations):
        actor_counts[actor.place] += 1
    total = fiction.scaled(BASE_COLLABORATIONS, world.scale)
    shares = fiction.allocate(total, [float(count) for count in actor_counts])
    categories, weights = list(CATEGORIES), list(CATEGORIES.values())
    for place, count in zip(world.places, shares):
        schools = pools.get(("school", place.index))
        if not schools:
            continue
        for category in rng.choices(categories, weights=weights, k=count):
            collaboration = _collaboration(world, place.index, category, rng, pools)
            _decide_reporting(collaboration, rng)
            world.collaborations.append(collaboration)


def _partner(world: World, place: int, rng: random.Random, pools: dict) -> Actor:
    """Return a welfare partner of the municipality, or now and then of its province."""
    local = pools.get(("partner", place))
    if local is None or rng.random() < CROSS_MUNICIPALITY_SHARE:
        return pools[("province-partner", world.places[place].province)].draw(rng)
    return local.draw(rng)


def _collaboration(world: World, place: int, category: str, rng: random.Random,
                   pools: dict) -> Collaboration:
    """Return one collaboration of ``category`` in municipality ``place``."""
    school = pools[("school", place)].draw(rng)
    government = world.local_governments[place]
    if category == "school-school":
        other = pools[("school", place)].draw(rng)
        if other is not school:
            return _flow(rng, school, other, "one-way", "ad-hoc", ("expertise",))
    if category == "school-clb" and school.clb:
        clb = next(c for c in world.clbs if c.clb_number == school.clb)
        return _flow(rng, school, clb, "two-way", "structural", ("case-exchange",))
    if category == "partner-offer":
        return _flow(rng, _partner(world, place, rng, pools), school, "one-way",
                     _sometimes(rng, 0.5), _some(rng, ("offer-promotion",
                                                       "school-gate-outreach")))
    if category == "school-partner-structural":
        return _pair_both_ways(rng, school, _partner(world, place, rng, pools), "structural")
    if category == "school-partner-ad-hoc":
        return _pair_both_ways(rng, school, _partner(world, place, rng, pools), "ad-hoc")
    if category == "school-government-referral":
        return _flow(rng, school, government, "one-way", _sometimes(rng, 0.1), ("referral",))
    if category == "school-government-structural":
        return _flow(rng, school, government, "two-way", "structural",
                     _some(rng, ("joint-activity", "network-coordination")))
    if category in ("partner-referral", "partner-partnership"):
        first = _partner(world, place, rng, pools)
        second = _partner(world, place, rng, pools)
        if first is not second:
            if category == "partner-referral":
                return _flow(rng, first, second, "one-way", _sometimes(rng, 0.3), ("referral",))
            return _flow(rng, first, second, "two-way", "structural",
                         ("network-coordination",))
    purposes = ("referral", "case-exchange") if rng.random() < 0.1 else ("referral",)
    return _flow(rng, school, _partner(world, place, rng, pools), "one-way",
                 _sometimes(rng, 0.15), purposes)


def _pair_both_ways(rng: random.Random, school: Actor, partner: Actor,
                    formality: str) -> Collaboration:
    """Return a two-way collaboration between a school and a partner, either way round."""
    source, target = (school, partner) if rng.random() < 0.5 else (partner, school)
    return _flow(rng, source, target, "two-way", formality,
                 _some(rng, ("case-exchange", "joint-activity", "expertise")))


def _sometimes(rng: random.Random, structural_share: float) -> str:
    """Return ``structural`` with the given probability, else ``ad-hoc``."""
    return "structural" if rng.random() < structural_share else "ad-hoc"


def _some(rng: random.Random, codes: tuple[str, ...]) -> tuple[str, ...]:
    """Return one or two of ``codes``."""
    return tuple(rng.sample(codes, k=min(len(codes), rng.choice((1, 1, 2)))))


def _flow(rng: random.Random, source: Actor, target: Actor, direction: str, formality: str,
          purposes: tuple[str, ...]) -> Collaboration:
    """Return a collaboration with the optional attributes filled in as respondents do."""
    strong = formality == "structural" or direction == "two-way"
    since = max(1995, 2024 - int(rng.expovariate(1 / 5)))
    until = None
    if rng.random() < 0.06:
        until = min(2025, since + rng.randint(0, 6))
    return Collaboration(
        source=source, target=target, direction=direction, formality=formality,
        initiator="both" if direction == "two-way" else "source",
        purposes=purposes,
        intensity=rng.choice(("cooperation", "coordination", "integration") if strong
                             else ("awareness", "communication")),
        frequency=rng.choice(("weekly", "monthly", "few-times-a-year") if strong
                             else ("once", "few-times-a-year", "yearly")),
        since=since, until=until,
        barriers=tuple(rng.sample(BARRIERS, k=rng.randint(1, 2))) if rng.random() < 0.2
        else (),
        facilitators=tuple(rng.sample(FACILITATORS, k=rng.randint(1, 2)))
        if rng.random() < 0.25 else (),
    )


def _decide_reporting(collaboration: Collaboration, rng: random.Random) -> None:
    """Choose the surveys that report ``collaboration``, and how the partner's report differs."""
    ends = (collaboration.source, collaboration.target)
    schools = [end for end in ends if isinstance(end, School)]
    if len(schools) == 2:
        collaboration.surveys = "schools" if collaboration.source.respondent else "partners"
        collaboration.third_party = not collaboration.source.respondent
        return
    if not schools or not schools[0].respondent:
        collaboration.surveys = "partners"
        collaboration.third_party = rng.random() < THIRD_PARTY_SHARE
        return
    if collaboration.target.clb_number or collaboration.source.clb_number:
        # The register already reports a school's tie to its CLB, so one survey row is enough.
        collaboration.surveys = "schools"
        return
    roll = rng.random()
    if roll < BOTH_SIDES_SHARE:
        collaboration.surveys = "both"
        collaboration.partner_version = _partner_version(collaboration, rng)
    elif roll < BOTH_SIDES_SHARE + SCHOOL_ONLY_SHARE:
        collaboration.surveys = "schools"
    else:
        collaboration.surveys = "partners"


def _partner_version(collaboration: Collaboration, rng: random.Random) -> Collaboration:
    """Return the partner's report: the same, or with one point the sides disagree on."""
    version = replace(collaboration, partner_version=None)
    if rng.random() < 0.2:
        version.since = 0
    if rng.random() < DISAGREEMENT_SHARE:
        point = rng.choice(("formality", "direction", "intensity", "frequency"))
        if point == "formality":
            version.formality = "ad-hoc" if collaboration.formality == "structural" \
                else "structural"
        elif point == "direction":
            version.direction = "two-way" if collaboration.direction == "one-way" else "one-way"
        elif point == "intensity":
            version.intensity = "communication" if collaboration.intensity != "communication" \
                else "cooperation"
        else:
            version.frequency = "yearly" if collaboration.frequency != "yearly" else "monthly"
    return version


def _add_memberships(world: World, rng: random.Random) -> None:
    """Fill each network with members of its municipality; bigger places get bigger networks."""
    members_by_place: dict[int, list[Actor]] = {}
    for actor in itertools.chain(world.schools, world.organisations):
        members_by_place.setdefault(actor.place, []).append(actor)
    total = fiction.scaled(BASE_MEMBERSHIPS, world.scale)
    weights = [world.places[network.place].weight for network in world.networks]
    sizes = fiction.allocate(total, weights, minimum=5) if world.networks else []
    for network, size in zip(world.networks, sizes):
        candidates = members_by_place.get(network.place, [])
        government = world.local_governments[network.place]
        members = rng.sample(candidates, k=min(len(candidates), max(0, size - 1)))
        world.memberships.append(Membership(government, network, "steering",
                                            rng.randint(2008, 2024)))
        coordinator_found = False
        for member in members:
            role = "member"
            if not coordinator_found and member.kind == "welfare":
                role, coordinator_found = "coordinating", True
            world.memberships.append(Membership(member, network, role, rng.randint(2008, 2024)))


def _add_posts(world: World, rng: random.Random) -> None:
    """Add care coordinators at schools, and bridge figures and social workers serving schools."""
    schools_by_place: dict[int, list[School]] = {}
    for school in world.schools:
        if school.respondent:
            schools_by_place.setdefault(school.place, []).append(school)
    for school in world.schools:
        if school.respondent and rng.random() < BASE_CARE_COORDINATOR_SHARE:
            world.posts.append(Post(f"ZORG-{school.actor_id}", school, "care-coordinator",
                                    (school,), "school", rng.randint(2010, 2024)))
    employers = {
        "bridge-figure": [o for o in world.organisations if o.welfare_type == "bridge-figure"],
        "social-worker": [o for o in world.organisations if o.welfare_type == "caw"],
    }
    counts = {"bridge-figure": fiction.scaled(BASE_BRIDGE_POSTS, world.scale),
              "social-worker": fiction.scaled(BASE_SOCIAL_WORKER_POSTS, world.scale)}
    for role, count in counts.items():
        candidates = [o for o in employers[role] if o.place in schools_by_place]
        for number in range(count if candidates else 0):
            _add_serving_post(world, rng, role, number, candidates, schools_by_place)


def _add_serving_post(world: World, rng: random.Random, role: str, number: int,
                      candidates: list[Actor], schools_by_place: dict) -> None:
    """Add one post of an organisation, or of the city, that serves schools of its municipality."""
    organisation = rng.choice(candidates)
    employer = "welfare-organisation"
    if role == "bridge-figure" and rng.random() < 0.4:
        organisation = world.local_governments[organisation.place]
        employer = "city"
    schools = schools_by_place[organisation.place]
    served = tuple(rng.sample(schools, k=min(len(schools), rng.randint(1, 4))))
    post_id = f"{role.upper()}-{number + 1:05d}"
    world.posts.append(Post(post_id, organisation, role, served, employer,
                            rng.randint(2012, 2024)))
