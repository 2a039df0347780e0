"""Write the schools' and the partners' surveys as folders of CSV files.

The schools' survey is written as Excel's "CSV UTF-8" on a Dutch-locale
Windows (``;``, byte order mark, CRLF), the partners' survey as a
spreadsheet program writes plain CSV (``,``, no byte order mark, LF). Each
survey declares its respondents and repeats, with the same values, every
actor its rows name by ``actor_id``. The partners' survey names many schools
by their register number instead.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.register_files import write_table
from benchmarks.relations import Collaboration, Membership, Post
from benchmarks.world import Actor, School, World

WAVE = "2024-2025"
ACTOR_HEADER = ("actor_id", "name", "kind", "welfare_type", "network_type", "school_number",
                "kbo_number", "clb_number", "refnis", "municipality", "province", "pupils",
                "indicator_pupil_share")
LINK_HEADER = ("source_id", "target_id", "direction", "formality", "initiator", "purposes",
               "intensity", "frequency", "barriers", "facilitators", "since", "until",
               "reported_by", "wave")
MEMBERSHIP_HEADER = ("actor_id", "network_id", "role", "since")
ROLE_HEADER = ("post_id", "organisation_id", "role", "serves", "employer_type", "since")
WAVE_HEADER = ("wave", "date", "description")
SCHOOLS_DIALECT = {"delimiter": ";", "line_end": "\r\n", "bom": True}
PARTNERS_DIALECT = {"delimiter": ",", "line_end": "\n", "bom": False}


@dataclass
class SurveyWriter:
    """The rows of one survey, and the actors its rows name by ``actor_id``."""

    world: World
    schools_side: bool
    named: dict[str, Actor] = field(default_factory=dict)
    links: list[tuple] = field(default_factory=list)
    memberships: list[tuple] = field(default_factory=list)
    roles: list[tuple] = field(default_factory=list)

    def ref(self, actor: Actor) -> str:
        """Return how this survey names ``actor`` in a row: an ``actor_id`` or a school number."""
        if isinstance(actor, School) and actor.number:
            uses_number = not actor.respondent if self.schools_side else \
                actor.partners_use_number
            if uses_number:
                return actor.number
        self.named.setdefault(actor.actor_id, actor)
        return actor.actor_id

    def add_link(self, collaboration: Collaboration, reported_by: str) -> None:
        """Add a links row as this survey's respondent states it."""
        c = collaboration
        self.links.append((
            self.ref(c.source), self.ref(c.target), c.direction, c.formality, c.initiator,
            ";".join(c.purposes), c.intensity, c.frequency, ";".join(c.barriers),
            ";".join(c.facilitators), str(c.since) if c.since else "",
            str(c.until) if c.until else "", reported_by,
            "" if self.schools_side else WAVE,
        ))

    def add_membership(self, membership: Membership) -> None:
        """Add a memberships row."""
        self.memberships.append((self.ref(membership.member), self.ref(membership.network),
                                 membership.role, str(membership.since)))

    def add_post(self, post: Post) -> None:
        """Add a roles row."""
        self.roles.append((post.post_id, self.ref(post.organisation), post.role,
                           ";".join(self.ref(school) for school in post.serves),
                           post.employer_type, str(post.since)))

    def actor_rows(self, respondents: list[Actor]) -> list[tuple]:
        """Return the actors rows: the respondents first, then every other actor named."""
        rows, seen = [], set()
        for actor in respondents + list(self.named.values()):
            if actor.actor_id not in seen:
                seen.add(actor.actor_id)
                rows.append(_actor_row(self.world, actor, self.schools_side))
        return rows


def _actor_row(world: World, actor: Actor, schools_side: bool) -> tuple:
    """Return one actors row; schools give their pupils only in their own survey."""
    place = world.places[actor.place]
    refnis, municipality, province = place.refnis, "", ""
    if actor.named_by_municipality:
        refnis, municipality = "", place.name
        province = world.province_name(place.province) if actor.place % 2 else ""
    pupils = share = ""
    if isinstance(actor, School):
        refnis = actor.niscode if schools_side else place.refnis
        if schools_side and actor.respondent:
            pupils, share = str(actor.pupils), f"{actor.indicator_share:.1f}".replace(".", ",")
    return (actor.actor_id, actor.name, actor.kind, actor.welfare_type, actor.network_type,
            getattr(actor, "number", ""), actor.kbo, actor.clb_number, refnis, municipality,
            province, pupils, share)


def write_surveys(world: World, folder: Path) -> list[Path]:
    """Write ``folder/schools`` and ``folder/partners``; return the two survey folders."""
    schools = SurveyWriter(world, schools_side=True)
    partners = SurveyWriter(world, schools_side=False)
    for collaboration in world.collaborations:
        _add_reports(collaboration, schools, partners)
    for membership in world.memberships:
        member = membership.member
        side = schools if isinstance(member, School) and member.respondent else partners
        side.add_membership(membership)
    for post in world.posts:
        (schools if post.role == "care-coordinator" else partners).add_post(post)
    respondents = [school for school in world.schools if school.respondent]
    partner_respondents = (world.local_governments + world.clbs + world.organisations
                           + world.networks)
    _write_survey(folder / "schools", schools, respondents, SCHOOLS_DIALECT,
                  ("15/03/2025", "Bevraging van de scholen door de lokale coördinator"))
    _write_survey(folder / "partners", partners, partner_respondents, PARTNERS_DIALECT,
                  ("2025-03-20", "Bevraging van de welzijnspartners via het welzijnsoverleg"))
    return [folder / "schools", folder / "partners"]


def _add_reports(collaboration: Collaboration, schools: SurveyWriter,
                 partners: SurveyWriter) -> None:
    """Add the rows of one collaboration to the survey or surveys that report it."""
    c = collaboration
    school_is_source = isinstance(c.source, School)
    if c.surveys in ("schools", "both"):
        schools.add_link(c, "source" if school_is_source else "target")
    if c.surveys in ("partners", "both"):
        version = c.partner_version or c
        if c.third_party:
            reported_by = "third-party"
        elif school_is_source and not isinstance(c.target, School):
            reported_by = "target"
        else:
            reported_by = "source"
        partners.add_link(version, reported_by)


def _write_survey(folder: Path, survey: SurveyWriter, respondents: list[Actor],
                  dialect: dict, wave: tuple[str, str]) -> None:
    """Write the five tables of one survey. The actors table comes last: rows add to it."""
    tables = (("links.csv", LINK_HEADER, survey.links),
              ("memberships.csv", MEMBERSHIP_HEADER, survey.memberships),
              ("roles.csv", ROLE_HEADER, survey.roles),
              ("waves.csv", WAVE_HEADER, [(WAVE, *wave)]))
    for name, header, rows in tables:
        write_table(folder / name, header, rows, **dialect)
    write_table(folder / "actors.csv", ACTOR_HEADER, survey.actor_rows(respondents), **dialect)
