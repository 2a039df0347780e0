"""Turn survey rows into actors, links and memberships, reporting every row not loaded.

Actors of all surveys are read first, so that a link in the partners' survey
may name an actor that the schools' survey declared. A link end is an
``actor_id`` (see :mod:`ecosystem.survey.identity`) or, directly, a school
number of the register.
"""

from __future__ import annotations

import contextlib
import logging
import re
from collections import Counter

from ecosystem import codes
from ecosystem.errors import InvalidCellsError, InvalidCodeError, InvalidValueError
from ecosystem.load_report import CONVERTED, NOTICE, SKIPPED, LoadReport
from ecosystem.names import fold, one_edit_apart, word_order_key
from ecosystem.model import (Actor, Ecosystem, Link, Membership, Post, SourceRow, key_part,
                             pair_part)
from ecosystem.registers.local_governments import local_government_key
from ecosystem.registers.municipalities import Crosswalk
from ecosystem.registers.municipality_names import (MunicipalityNames, UnknownMunicipality,
                                                    municipality_names)
from ecosystem.survey import rows
from ecosystem.survey.columns import (ACTORS, EXAMPLE_PREFIXES, LINKS, MEMBERSHIPS, ROLES, WAVES,
                                      SurveyTable)
from ecosystem.survey.identity import ActorIds, Definition, UnresolvedId
from ecosystem.survey.read import SurveyTables
from ecosystem.survey.reconcile import reconcile, reporter_of
from ecosystem.tables import Table

logger = logging.getLogger(__name__)

MERGED = "merged"
# Headers that suggest personal data about people, in Dutch or English.
_PERSONAL = re.compile(r"mail|telefoon|phone|gsm|tel$|contact|persoon|person|voornaam|"
                       r"achternaam|first_name|last_name|surname|geboorte|birth|adres_ouder")
_CellError = (InvalidValueError, InvalidCodeError)


class RowRejected(Exception):
    """A row cannot be loaded; its findings are already in the load report."""


class SurveyLoader:
    """Load the rows of one or more surveys into an :class:`Ecosystem`."""

    def __init__(self, ecosystem: Ecosystem, crosswalk: Crosswalk, report: LoadReport,
                 names: MunicipalityNames | None = None) -> None:
        self.ecosystem = ecosystem
        self.crosswalk = crosswalk
        self.names = names or municipality_names(crosswalk)
        self.report = report
        self.ids = ActorIds()
        self.register_has_schools = any(a.kind == "school" for a in ecosystem.actors.values())
        self.kbo_owners = {unit.kbo_number: actor.key
                           for actor in ecosystem.actors.values()
                           for unit in actor.former_units if unit.kbo_number}
        self._pair_counts: Counter[str] = Counter()
        self._survey_waves: dict[int, list[str]] = {}
        self._actors_by_place: dict[tuple[str, str], list[str]] = {}
        for actor in ecosystem.actors.values():
            if actor.refnis and not actor.name_is_placeholder:
                self._actors_by_place.setdefault((actor.kind, actor.refnis), []).append(actor.key)

    def load(self, surveys: list[SurveyTables]) -> None:
        """Load the waves and actors of every survey, then links, memberships and posts."""
        for survey in surveys:
            self._report_unused(survey)
        for spec, handler in ((WAVES, self._load_wave),
                              (ACTORS, self._load_actor),
                              (LINKS, self._load_link),
                              (MEMBERSHIPS, self._load_membership),
                              (ROLES, self._load_post)):
            for number, survey in enumerate(surveys):
                table = getattr(survey, spec.name)
                if table is not None:
                    self._load_table(table, spec, number, handler)

    def _report_unused(self, survey: SurveyTables) -> None:
        """Report the survey's sheets or files that are not read, and a missing links table."""
        for name in survey.unused:
            self.report.add(NOTICE, str(survey.path), None, "", name,
                            f"{name} is not read: a survey reads only the tables actors, "
                            "links, memberships, roles and waves",
                            "Rename it to one of those names if it holds that table.")
        if survey.links is None and survey.actors is not None:
            self.report.add(NOTICE, str(survey.path), None, "", "",
                            "this survey has no links table, so it adds no collaboration",
                            "Add a sheet or file named links if the survey has collaborations.")

    def _load_table(self, table: Table, spec: SurveyTable, survey: int, handler) -> None:
        """Check a table's header, then hand each row to ``handler``."""
        name = spec.name
        self.report.read_table(table)
        self._report_layout(table, spec)
        missing = [c for c in spec.required if c not in table.columns]
        first_column = spec.columns[0].name
        if not table.rows:
            self.report.add(NOTICE, table.source, None, "", "",
                            f"the {name} table has no rows below its header, so it adds nothing",
                            "Fill in the table, or remove it if the survey has none.")
        for number, cells in table.rows:
            where = SourceRow(table.source, number)
            if cells.get(first_column, "").lower().startswith(EXAMPLE_PREFIXES):
                self.report.add(SKIPPED, where.file, where.row, first_column,
                                cells[first_column],
                                "example row of the template, not read")
                continue
            if missing:
                self.report.reject(where.file, where.row, ", ".join(missing), "",
                                   f"the {name} table has no column {' or '.join(missing)}",
                                   f"Add the column(s) {', '.join(missing)} to the header row "
                                   f"(found: {', '.join(filter(None, table.columns))}).")
                continue
            try:
                handler(cells, where, survey)
            except RowRejected:
                continue
            self.report.count_loaded(table.source)

    def _report_layout(self, table: Table, spec: SurveyTable) -> None:
        """Report unknown columns and cells outside the header, which are not read."""
        known = tuple(column.name for column in spec.columns)
        for column in dict.fromkeys(table.columns):
            if column and column not in known and _PERSONAL.search(column):
                self.report.add(NOTICE, table.source, table.header_row, column, column,
                                "this column seems to hold personal data; it is not read, "
                                "and the graph never stores people",
                                "Remove names, e-mail addresses and phone numbers of people "
                                "from the survey; describe people only by their role.")
            elif column and column not in known:
                self.report.add(NOTICE, table.source, table.header_row, column, column,
                                "unknown column, not read",
                                f"Rename it to one of {', '.join(known)} if it holds one of "
                                "those, or leave it: it is ignored.")
        for column in table.repeated_columns:
            self.report.add(NOTICE, table.source, table.header_row, column, column,
                            "this column name appears twice; only the first column is read",
                            "Remove or rename the second column.")
        for number, extra in table.extra_cells.items():
            self.report.add(NOTICE, table.source, number, "", "; ".join(extra),
                            "cells to the right of the last named column are not read",
                            "Give the column a name in the header row, or move the cells.")

    # Actors

    def _load_actor(self, cells: dict[str, str], where: SourceRow, survey: int) -> None:
        """Add the actor of one row, or merge the row into the actor it repeats."""
        try:
            values = self._parse_cells(cells, where, rows.actor_values)
            self._place(values, cells, where)
        except RowRejected:
            if cells.get("actor_id"):
                self.ids.reject(cells["actor_id"], where)
            raise
        actor_id = values["actor_id"]
        local = self.ids.local(survey, actor_id)
        if local is not None:
            self._check_repeated_row(local, values, where)
        key = self._actor_key(values, where, survey)
        actor = self.ecosystem.actors.get(key)
        if actor is None:
            actor = self.ecosystem.add_actor(Actor(key=key, kind=values["kind"],
                                                   name=values["name"], source=where))
            self._report_new_actor(actor, values, where)
            if values["refnis"]:
                self._actors_by_place.setdefault((actor.kind, values["refnis"]), []).append(key)
        elif actor.kind != values["kind"]:
            self._reject(where, "kind", values["kind"],
                         f"this actor is already known as a {actor.kind} ({actor.name})",
                         "Correct the kind or the identifying code of the row.")
        elif actor.name != values["name"] and not actor.name_is_placeholder:
            self.report.add(MERGED, where.file, where.row, "name", values["name"],
                            f"same actor as {actor.name} ({key}); the rows are merged and "
                            "the first name is kept")
        self._fill_blanks(actor, values)
        self.ids.add(Definition(key, survey, where, values))

    def _place(self, values: dict, cells: dict[str, str], where: SourceRow) -> None:
        """Find the municipality from its name where no code is given, and check the two agree.

        A name or province that settles nothing is reported and the actor is
        loaded without it, so its links are kept: the REFNIS code, where
        given, stays the municipality.
        """
        name, province = values["municipality"], values["province"]
        if values["refnis"]:
            given = self.crosswalk.municipalities[values["refnis"]]
            if name and not self.names.names_code(name, values["refnis"]):
                self._notice_place(where, "municipality", name,
                                   f"this name is not {given.name_nl}, the municipality of "
                                   f"refnis {values['refnis']}; the refnis code is kept",
                                   "Make the municipality and the refnis code agree.")
            name = name or given.name_nl
            if not province:
                return
        elif not name:
            if province:
                self._notice_place(where, "province", province,
                                   "a province without a municipality places the actor in no "
                                   "municipality", "Give the municipality or its REFNIS code.")
            return
        try:
            refnis = self.names.resolve(name, province)
        except UnknownMunicipality as error:
            column = "municipality" if values["municipality"] else "province"
            self._notice_place(where, column, cells.get(column, ""),
                               f"{error.reason}; the actor is loaded without a municipality"
                               if not values["refnis"] else error.reason, error.action)
            return
        if values["refnis"]:
            return
        former = self.names.former_code(name)
        if former:
            self.report.add(CONVERTED, where.file, where.row, "municipality", name,
                            f"municipality of before 2025 converted to {refnis} "
                            f"({self.crosswalk.municipalities[refnis].name_nl})")
        values["refnis"] = refnis

    def _notice_place(self, where: SourceRow, column: str, value: str, message: str,
                      action: str) -> None:
        """Report a municipality name or province that could not be used."""
        self.report.add(NOTICE, where.file, where.row, column, value, message, action)

    def _check_repeated_row(self, local: Definition, values: dict, where: SourceRow) -> None:
        """Reject a row that repeats an actor_id of its own table with other values."""
        differences = rows.conflicts(local.values, values, rows.IDENTITY_FIELDS + ("name",))
        if differences:
            self._reject(where, "actor_id", values["actor_id"],
                         f"row {local.where.row} of this table already uses this actor_id "
                         f"with another {' and '.join(differences)}",
                         "Give every actor its own actor_id, or make the rows agree.")

    def _actor_key(self, values: dict[str, str], where: SourceRow, survey: int) -> str:
        """Return the key of the actor a row describes, from official codes first."""
        official = self._official_key(values, where)
        if official is not None:
            return official
        local = self.ids.local(survey, values["actor_id"])
        if local is not None:
            return local.key
        for other in self.ids.elsewhere(survey, values["actor_id"]):
            differences = rows.conflicts(other.values, values)
            if not differences:
                return other.key
            self.report.add(NOTICE, where.file, where.row, "actor_id", values["actor_id"],
                            f"{other.where.file}, row {other.where.row} uses this actor_id "
                            f"for another actor ({' and '.join(differences)} differ); they "
                            "are kept apart and each survey's links use its own",
                            "If both rows mean one actor, make them agree.")
        named = self._name_match(values, where)
        if named is not None:
            return named
        return self._free_key(f"actor/{key_part(values['actor_id'])}")

    def _name_match(self, values: dict, where: SourceRow) -> str | None:
        """Return the one actor of the same kind and municipality with the same name.

        Names are compared after folding case, apostrophes and dashes. Names
        one character apart or with the words in another order are listed as
        candidates in the report and never merged.
        """
        if not values["refnis"]:
            return None
        folded, ordered = fold(values["name"]), word_order_key(values["name"])
        same, near = [], []
        for key in self._actors_by_place.get((values["kind"], values["refnis"]), ()):
            other = fold(self.ecosystem.actors[key].name)
            if other == folded:
                same.append(key)
            elif one_edit_apart(other, folded) or word_order_key(other) == ordered:
                near.append(key)
        if len(same) == 1:
            return same[0]
        for key in same + near:
            actor = self.ecosystem.actors[key]
            self.report.add(NOTICE, where.file, where.row, "name", values["name"],
                            f"possibly the same actor as {actor.name} ({key}), which is not "
                            "merged because the names or ids do not settle it",
                            "If they are one actor, give both rows the same official code or "
                            "actor_id.")
        return None

    def _official_key(self, values: dict[str, str], where: SourceRow) -> str | None:
        """Return the key an official code gives the actor, or ``None`` without one."""
        number = values["school_number"]
        if number:
            key = f"school/{number}"
            if self.register_has_schools and key not in self.ecosystem.actors:
                self._reject(where, "school_number", number,
                             "this school number is not in the school register files",
                             "Check the number, or add the register export that lists the "
                             "school; leave it empty for a school known only from the survey.")
            return key
        if values["clb_number"]:
            return f"clb/{values['clb_number']}"
        kbo = values["kbo_number"]
        if kbo in self.kbo_owners:
            values["kind"] = self.ecosystem.actors[self.kbo_owners[kbo]].kind
            return self.kbo_owners[kbo]
        if values["kind"] == "welfare" and values["welfare_type"] == "ocmw" and values["refnis"]:
            # The OCMW is part of the local government since 2019: one actor.
            key = local_government_key(values["refnis"])
            if key in self.ecosystem.actors:
                self.report.add(MERGED, where.file, where.row, "kind", "welfare",
                                f"an OCMW is part of the local government "
                                f"({self.ecosystem.actors[key].name}); the row is merged into it")
                values["kind"] = "local-government"
                return key
        if values["kind"] == "local-government" and values["refnis"]:
            return local_government_key(values["refnis"])
        if kbo:
            return f"organisation/{kbo}"
        return None

    def _free_key(self, key: str) -> str:
        """Return ``key``, or ``key/2``, ``key/3``, ... when an actor already has it."""
        candidate, number = key, 1
        while candidate in self.ecosystem.actors:
            number += 1
            candidate = f"{key}/{number}"
        return candidate

    def _report_new_actor(self, actor: Actor, values: dict, where: SourceRow) -> None:
        """Report a school that the register does not list, so it is not mistaken for one."""
        if actor.kind != "school" or values["school_number"]:
            return
        place = "" if values["refnis"] else " It has no refnis, so it is on no map."
        self.report.add(NOTICE, where.file, where.row, "school_number", "",
                        f"school without school_number: {actor.name} is counted as a school "
                        f"known only from the survey.{place}",
                        "Give its school_number if the school is in the register.")

    def _fill_blanks(self, actor: Actor, values: dict[str, str]) -> None:
        """Copy the row's values into the actor's empty fields and record its id."""
        for name in ("refnis", "welfare_type", "network_type", "school_number", "kbo_number",
                     "clb_number", "pupils", "indicator_pupil_share"):
            if values[name] not in ("", None) and getattr(actor, name) in ("", None):
                setattr(actor, name, values[name])
        if actor.name_is_placeholder:
            actor.name = values["name"]
            actor.name_is_placeholder = False
        if values["actor_id"] not in actor.actor_ids:
            actor.actor_ids.append(values["actor_id"])
        if actor.refnis and values["refnis"] and actor.refnis != values["refnis"]:
            logger.info("Actor %s: survey gives REFNIS %s, kept %s", actor.key,
                        values["refnis"], actor.refnis)

    def _parse_cells(self, cells: dict[str, str], where: SourceRow, parse) -> dict:
        """Run ``parse`` on a row, report each of its errors and reject the row when it fails."""
        try:
            values = parse(cells)
        except InvalidCellsError as error:
            self._reject_all(cells, where, error.errors)
        except _CellError as error:
            self._reject_all(cells, where, [error])
        if values.get("refnis"):
            refnis = self._refnis_2025(cells["refnis"], values["refnis"], where)
            if refnis is None:
                raise RowRejected()
            values["refnis"] = refnis
        return values

    def _reject_all(self, cells: dict[str, str], where: SourceRow, errors: list) -> None:
        """Report every error of a row, and an unknown REFNIS code among its valid cells."""
        for error in errors:
            self.report.reject(where.file, where.row, getattr(error, "column", ""), error.value,
                               error.reason, error.action)
        if cells.get("refnis") and all(getattr(error, "column", "") != "refnis"
                                       for error in errors):
            with contextlib.suppress(InvalidCodeError):
                self._refnis_2025(cells["refnis"], codes.refnis_code(cells["refnis"]), where)
        raise RowRejected()

    def _refnis_2025(self, cell: str, code: str, where: SourceRow) -> str | None:
        """Return the 2025 REFNIS code of a survey's code, or report it and return None."""
        refnis, converted = self.crosswalk.to_2025(code)
        if refnis is None:
            self.report.reject(where.file, where.row, "refnis", cell,
                               "this REFNIS code is not a known municipality",
                               "Use the 5-digit REFNIS code of a 2025 municipality, or a code "
                               "of before 2025 that the merger crosswalk lists.")
            return None
        if converted:
            name = self.crosswalk.municipalities[refnis].name_nl
            self.report.add(CONVERTED, where.file, where.row, "refnis", cell,
                            f"REFNIS code of before 2025 converted to {refnis} ({name})")
        return refnis

    # Links

    def _load_link(self, cells: dict[str, str], where: SourceRow, survey: int) -> None:
        """Add the collaboration of one links row."""
        source, target, values = _every_step(
            lambda: self._resolve(cells, "source_id", where, survey),
            lambda: self._resolve(cells, "target_id", where, survey),
            lambda: self._parse_cells(cells, where, rows.link_values))
        if source == target:
            self._reject(where, "target_id", cells["target_id"],
                         "a collaboration needs two different actors",
                         "Correct source_id or target_id.")
        if not values["wave"] and len(self._survey_waves.get(survey, [])) == 1:
            values["wave"] = self._survey_waves[survey][0]
        if not values["reported_on"] and values["wave"]:
            values["reported_on"] = self.ecosystem.waves.get(values["wave"], "")
        pair = f"{pair_part(source)}--{pair_part(target)}"
        self._pair_counts[pair] += 1
        link = Link(key=f"collaboration/{pair}/{self._pair_counts[pair]}", source_key=source,
                    target_key=target, source=where, **values)
        link.reporter = reporter_of(link, survey)
        self.ecosystem.links.append(link)

    def _resolve(self, cells: dict[str, str], column: str, where: SourceRow,
                 survey: int) -> str:
        """Return the actor key a link or membership cell refers to, or reject the row."""
        value = cells[column]
        if not value:
            self._reject(where, column, "", "this cell is required",
                         "Fill in an actor_id of the actors table or a school number.")
        try:
            key = self.ids.resolve(survey, value)
        except UnresolvedId as error:
            self._reject(where, column, value, error.message, error.action)
        if key is not None:
            return key
        try:
            key = f"school/{codes.school_number(value)}"
        except InvalidCodeError:
            key = None
        if key in self.ecosystem.actors:
            return key
        similar = self.ids.similar(value)
        hint = f" Did you mean {' or '.join(similar)}? Ids are case-sensitive." if similar else ""
        self._reject(where, column, value,
                     "this is neither an actor_id of an actors table nor a school number of "
                     "the register",
                     "Add the actor to the actors table, fix the id, or use the school number "
                     f"of a register school.{hint}")

    # Memberships

    def _load_membership(self, cells: dict[str, str], where: SourceRow, survey: int) -> None:
        """Add the network membership of one row."""
        actor, network, values = _every_step(
            lambda: self._resolve(cells, "actor_id", where, survey),
            lambda: self._resolve(cells, "network_id", where, survey),
            lambda: self._parse_cells(cells, where, rows.membership_values))
        if self.ecosystem.actors[network].kind != "network":
            self._reject(where, "network_id", cells["network_id"],
                         f"{self.ecosystem.actors[network].name} is not a network",
                         "Name an actor of kind network in network_id.")
        pair = f"{pair_part(actor)}--{pair_part(network)}"
        self._pair_counts["membership " + pair] += 1
        count = self._pair_counts["membership " + pair]
        self.ecosystem.memberships.append(Membership(
            key=f"membership/{pair}/{count}",
            actor_key=actor,
            network_key=network,
            source=where,
            **values,
        ))

    # Waves and posts

    def _load_wave(self, cells: dict[str, str], where: SourceRow, survey: int) -> None:
        """Record a survey wave: its school year becomes the default of the survey's links."""
        values = self._parse_cells(cells, where, rows.wave_values)
        self._survey_waves.setdefault(survey, []).append(values["wave"])
        if values["date"] or values["wave"] not in self.ecosystem.waves:
            self.ecosystem.waves[values["wave"]] = values["date"]

    def _load_post(self, cells: dict[str, str], where: SourceRow, survey: int) -> None:
        """Add the post of one roles row: a role in an organisation, never a person."""
        organisation, values = _every_step(
            lambda: self._resolve(cells, "organisation_id", where, survey),
            lambda: self._parse_cells(cells, where, rows.post_values))
        served = []
        for school_id in values["serves"]:
            key = self._resolve({"serves": school_id}, "serves", where, survey)
            if self.ecosystem.actors[key].kind != "school":
                self._reject(where, "serves", school_id,
                             f"{self.ecosystem.actors[key].name} is not a school",
                             "List only schools in serves.")
            served.append(key)
        # The key counts posts per organisation and role: a post_id may hold a name.
        role_key = f"post {organisation} {values['role']}"
        self._pair_counts[role_key] += 1
        self.ecosystem.posts.append(Post(
            key=f"post/{pair_part(organisation)}/{values['role']}-{self._pair_counts[role_key]}",
            organisation_key=organisation,
            role=values["role"],
            serves=tuple(served),
            employer_type=values["employer_type"],
            since=values["since"],
            until=values["until"],
            source=where,
        ))

    def _reject(self, where: SourceRow, column: str, value: object, message: str,
                action: str) -> None:
        """Report a rejected row and stop loading it."""
        self.report.reject(where.file, where.row, column, value, message, action)
        raise RowRejected()


def _every_step(*steps) -> list:
    """Return the result of each step, running every step even after one rejects the row.

    Each step reports its own problem before it raises :class:`RowRejected`,
    so a row with several problems gets a report line for each.
    """
    results, rejected = [], False
    for step in steps:
        try:
            results.append(step())
        except RowRejected:
            results.append(None)
            rejected = True
    if rejected:
        raise RowRejected()
    return results


def load_surveys(surveys: list[SurveyTables], ecosystem: Ecosystem, crosswalk: Crosswalk,
                 report: LoadReport, names: MunicipalityNames | None = None) -> None:
    """Load every survey into ``ecosystem``; rejected rows go to ``report``.

    ``names`` finds municipalities given by name. By default it contains
    the Dutch and French names of the registers.
    """
    SurveyLoader(ecosystem, crosswalk, report, names).load(surveys)
    reconcile(ecosystem, report)
    for survey in surveys:
        logger.info("Loaded survey %s", survey.path)
