"""Turn survey rows into actors, links and memberships, reporting every rejected row.

Actors of all surveys are read first, so that a link in the partners' survey
may name an actor that the schools' survey declared. A link end is an
``actor_id`` from an actors table or, directly, a school number of the
register.
"""

from __future__ import annotations

import logging
from collections import Counter

from ecosystem import codes
from ecosystem.errors import InvalidCodeError, InvalidValueError
from ecosystem.load_report import CONVERTED, LoadReport
from ecosystem.model import (ACTOR_KINDS, Actor, Ecosystem, Link, Membership, SourceRow,
                             key_part, pair_part)
from ecosystem.registers.local_governments import local_government_key
from ecosystem.registers.municipalities import Crosswalk
from ecosystem.survey import fields
from ecosystem.survey.read import SurveyTables
from ecosystem.tables import Table

logger = logging.getLogger(__name__)

MERGED = "merged"
REQUIRED_COLUMNS = {
    "actors": ("actor_id", "name", "kind"),
    "links": ("source_id", "target_id", "direction", "formality"),
    "memberships": ("actor_id", "network_id"),
}
_CellError = (InvalidValueError, InvalidCodeError)


class RowRejected(Exception):
    """A row cannot be loaded; its findings are already in the load report."""


class SurveyLoader:
    """Load the rows of one or more surveys into an :class:`Ecosystem`."""

    def __init__(self, ecosystem: Ecosystem, crosswalk: Crosswalk, report: LoadReport) -> None:
        self.ecosystem = ecosystem
        self.crosswalk = crosswalk
        self.report = report
        self.ids: dict[str, tuple[str, SourceRow]] = {}
        self.register_has_schools = any(a.kind == "school" for a in ecosystem.actors.values())
        self.kbo_owners = {unit.kbo_number: actor.key
                           for actor in ecosystem.actors.values()
                           for unit in actor.former_units if unit.kbo_number}
        self._pair_counts: Counter[str] = Counter()

    def load(self, surveys: list[SurveyTables]) -> None:
        """Load the actors of every survey, then the links, then the memberships."""
        for name, handler in (("actors", self._load_actor),
                              ("links", self._load_link),
                              ("memberships", self._load_membership)):
            for survey in surveys:
                table = getattr(survey, name)
                if table is not None:
                    self._load_table(table, name, handler)

    def _load_table(self, table: Table, name: str, handler) -> None:
        """Check a table's header, then hand each row to ``handler``."""
        self.report.count_read(table.source, len(table.rows))
        missing = [c for c in REQUIRED_COLUMNS[name] if c not in table.columns]
        for number, cells in table.rows:
            where = SourceRow(table.source, number)
            if missing:
                for column in missing:
                    self.report.reject(where.file, where.row, column, "",
                                       f"the {name} table has no column {column}",
                                       f"Add a column named {column} to the {name} table.")
                continue
            try:
                handler(cells, where)
            except RowRejected:
                continue
            self.report.count_loaded(table.source)

    # Actors

    def _load_actor(self, cells: dict[str, str], where: SourceRow) -> None:
        """Add or merge the actor of one row."""
        values = self._parse_cells(cells, where, self._actor_values)
        actor_id = values["actor_id"]
        key = self._actor_key(values, where)
        previous = self.ids.get(actor_id)
        if previous is not None and previous[0] != key:
            self._reject(where, "actor_id", actor_id,
                         f"this actor_id already names another actor "
                         f"({previous[1].file}, row {previous[1].row})",
                         "Give every actor its own actor_id.")
        existing = self.ecosystem.actors.get(key)
        if existing is None:
            existing = self.ecosystem.add_actor(Actor(key=key, kind=values["kind"],
                                                      name=values["name"], source=where))
        elif existing.kind != values["kind"]:
            self._reject(where, "kind", values["kind"],
                         f"this actor is already known as a {existing.kind} ({existing.name})",
                         "Correct the kind or the identifying code of the row.")
        else:
            self.report.add(MERGED, where.file, where.row, "actor_id", actor_id,
                            f"same actor as {existing.name} ({key}); the rows are merged")
        self._fill_blanks(existing, values)
        self.ids[actor_id] = (key, where)

    def _actor_values(self, cells: dict[str, str]) -> dict[str, str]:
        """Return the checked values of an actor row; raises on the first bad cell."""
        values = {column: cells.get(column, "") for column in
                  ("actor_id", "name", "welfare_type", "network_type")}
        for column in ("actor_id", "name", "kind"):
            if not cells[column]:
                raise InvalidValueError(column, "", "this cell is required",
                                        f"Fill in the {column}.")
        values["kind"] = _kind(cells["kind"])
        if values["kind"] == "welfare" and not values["welfare_type"]:
            raise InvalidValueError("welfare_type", "", "a welfare actor needs a welfare type",
                                    "Fill in the welfare_type code.")
        for column in ("welfare_type", "network_type"):
            if values[column]:
                values[column] = fields.coded(column, values[column])
        values["school_number"] = _optional(cells, "school_number", codes.school_number)
        values["clb_number"] = _optional(cells, "clb_number", codes.clb_number)
        if values["clb_number"] and values["welfare_type"] != "clb":
            raise InvalidValueError("clb_number", values["clb_number"],
                                    "only actors of welfare type clb have a CLB number",
                                    "Set welfare_type to clb or clear the clb_number.")
        values["kbo_number"] = _optional(cells, "kbo_number", codes.kbo_number)
        values["refnis"] = _optional(cells, "refnis", codes.refnis_code)
        if values["school_number"] and values["kind"] != "school":
            raise InvalidValueError("school_number", values["school_number"],
                                    "only school actors have a school number",
                                    "Set kind to school or clear the school_number.")
        return values

    def _parse_cells(self, cells: dict[str, str], where: SourceRow, parse) -> dict[str, str]:
        """Run ``parse`` on a row; report its error and reject the row when it fails."""
        try:
            values = parse(cells)
        except _CellError as error:
            self._reject(where, getattr(error, "column", ""), error.value, error.reason, error.action)
        if values.get("refnis"):
            values["refnis"] = self._refnis_2025(values["refnis"], where)
        return values

    def _refnis_2025(self, code: str, where: SourceRow) -> str:
        """Return the 2025 REFNIS code of a survey's code, or reject the row."""
        refnis, converted = self.crosswalk.to_2025(code)
        if refnis is None:
            self._reject(where, "refnis", code, "this REFNIS code is not a known municipality",
                         "Use the 5-digit REFNIS code of a 2025 municipality, or a code of "
                         "before 2025 that the merger crosswalk lists.")
        if converted:
            name = self.crosswalk.municipalities[refnis].name_nl
            self.report.add(CONVERTED, where.file, where.row, "refnis", code,
                            f"REFNIS code of before 2025 converted to {refnis} ({name})")
        return refnis

    def _actor_key(self, values: dict[str, str], where: SourceRow) -> str:
        """Return the key of the actor a row describes, from official codes first."""
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
        if not kbo and values["actor_id"] in self.ids:
            # Without an official code, a known actor_id names the actor met before.
            return self.ids[values["actor_id"]][0]
        if kbo in self.kbo_owners:
            return self.kbo_owners[kbo]
        if values["kind"] == "local-government" and values["refnis"]:
            return local_government_key(values["refnis"])
        if kbo:
            return f"organisation/{kbo}"
        return f"actor/{key_part(values['actor_id'])}"

    def _fill_blanks(self, actor: Actor, values: dict[str, str]) -> None:
        """Copy the row's values into the actor's empty fields and record its id."""
        for name in ("refnis", "welfare_type", "network_type", "school_number", "kbo_number",
                     "clb_number"):
            if values[name] and not getattr(actor, name):
                setattr(actor, name, values[name])
        if actor.name_is_placeholder:
            actor.name = values["name"]
            actor.name_is_placeholder = False
        if values["actor_id"] not in actor.actor_ids:
            actor.actor_ids.append(values["actor_id"])
        if actor.refnis and values["refnis"] and actor.refnis != values["refnis"]:
            logger.info("Actor %s: survey gives REFNIS %s, kept %s", actor.key,
                        values["refnis"], actor.refnis)

    # Links

    def _load_link(self, cells: dict[str, str], where: SourceRow) -> None:
        """Add the collaboration of one links row."""
        source = self._resolve(cells, "source_id", where)
        target = self._resolve(cells, "target_id", where)
        if source == target:
            self._reject(where, "target_id", cells["target_id"],
                         "a collaboration needs two different actors",
                         "Correct source_id or target_id.")
        values = self._parse_cells(cells, where, _link_values)
        pair = f"{pair_part(source)}--{pair_part(target)}"
        self._pair_counts[pair] += 1
        self.ecosystem.links.append(Link(
            key=f"collaboration/{pair}/{self._pair_counts[pair]}",
            source_key=source,
            target_key=target,
            source=where,
            **values,
        ))

    def _resolve(self, cells: dict[str, str], column: str, where: SourceRow) -> str:
        """Return the actor key a link or membership cell refers to, or reject the row."""
        value = cells[column]
        if value in self.ids:
            return self.ids[value][0]
        try:
            key = f"school/{codes.school_number(value)}"
        except InvalidCodeError:
            key = None
        if key in self.ecosystem.actors:
            return key
        self._reject(where, column, value,
                     "this is neither an actor_id of the actors table nor a school number "
                     "of the register" if value else "this cell is required",
                     "Add the actor to the actors table (or fix a typo in the id), or use "
                     "the school number of a register school.")

    # Memberships

    def _load_membership(self, cells: dict[str, str], where: SourceRow) -> None:
        """Add the network membership of one row."""
        actor = self._resolve(cells, "actor_id", where)
        network = self._resolve(cells, "network_id", where)
        if self.ecosystem.actors[network].kind != "network":
            self._reject(where, "network_id", cells["network_id"],
                         f"{self.ecosystem.actors[network].name} is not a network",
                         "Name an actor of kind network in network_id.")
        values = self._parse_cells(cells, where, _membership_values)
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

    def _reject(self, where: SourceRow, column: str, value: object, message: str,
                action: str) -> None:
        """Report a rejected row and stop loading it."""
        self.report.reject(where.file, where.row, column, value, message, action)
        raise RowRejected()


def load_surveys(surveys: list[SurveyTables], ecosystem: Ecosystem, crosswalk: Crosswalk,
                 report: LoadReport) -> None:
    """Load every survey into ``ecosystem``; rejected rows go to ``report``."""
    SurveyLoader(ecosystem, crosswalk, report).load(surveys)
    for survey in surveys:
        logger.info("Loaded survey %s", survey.path)


def _kind(value: str) -> str:
    """Return the actor kind a cell names, in any case."""
    kind = value.strip().lower()
    if kind not in ACTOR_KINDS:
        raise InvalidValueError("kind", value, "this is not an actor kind",
                                f"Use one of: {', '.join(ACTOR_KINDS)}.")
    return kind


def _optional(cells: dict[str, str], column: str, parse) -> str:
    """Return a parsed code, or "" when the column is absent or the cell empty."""
    value = cells.get(column, "")
    if not value:
        return ""
    try:
        return parse(value)
    except InvalidCodeError as error:
        raise InvalidValueError(column, value, error.reason, error.action) from error


def _link_values(cells: dict[str, str]) -> dict:
    """Return the checked attributes of a links row."""
    values: dict = {}
    for column in ("direction", "formality"):
        if not cells[column]:
            raise InvalidValueError(column, "", "this cell is required",
                                    f"Fill in the {column}.")
        values[column] = fields.coded(column, cells[column])
    for column in ("initiator", "reported_by"):
        value = cells.get(column, "")
        values[column] = fields.coded(column, value) if value else ""
    values["purposes"] = fields.coded_list("purposes", cells.get("purposes", ""))
    since = cells.get("since", "")
    values["since"] = fields.year("since", since) if since else ""
    wave = cells.get("wave", "")
    values["wave"] = fields.wave("wave", wave) if wave else ""
    return values


def _membership_values(cells: dict[str, str]) -> dict:
    """Return the checked attributes of a memberships row."""
    role = cells.get("role", "")
    since = cells.get("since", "")
    return {
        "role": fields.coded("role", role) if role else "member",
        "since": fields.year("since", since) if since else "",
    }
