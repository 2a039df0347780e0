"""Check the cells of one survey row and return the values the model stores."""

from __future__ import annotations

from ecosystem import codes
from ecosystem.errors import InvalidCodeError, InvalidValueError
from ecosystem.model import ACTOR_KINDS
from ecosystem.survey import fields

REQUIRED_COLUMNS = {
    "actors": ("actor_id", "name", "kind"),
    "links": ("source_id", "target_id", "direction", "formality"),
    "memberships": ("actor_id", "network_id"),
}
OPTIONAL_COLUMNS = {
    "actors": ("welfare_type", "network_type", "school_number", "kbo_number", "clb_number",
               "refnis"),
    "links": ("initiator", "purposes", "since", "reported_by", "wave"),
    "memberships": ("role", "since"),
}
# Fields that identify an actor: two rows that differ in one of them describe
# two different actors.
IDENTITY_FIELDS = ("kind", "welfare_type", "network_type", "refnis", "school_number",
                   "kbo_number", "clb_number")


def actor_values(cells: dict[str, str]) -> dict[str, str]:
    """Return the checked values of an actors row; raise on the first invalid cell."""
    for column in ("actor_id", "name", "kind"):
        if not cells[column]:
            raise InvalidValueError(column, "", "this cell is required",
                                    f"Fill in the {column}.")
    values = {"actor_id": cells["actor_id"], "name": cells["name"], "kind": _kind(cells["kind"])}
    for column in ("welfare_type", "network_type"):
        value = cells.get(column, "")
        values[column] = fields.coded(column, value) if value else ""
    if values["kind"] == "welfare" and not values["welfare_type"]:
        raise InvalidValueError("welfare_type", "", "a welfare actor needs a welfare type",
                                "Fill in the welfare_type code.")
    values["school_number"] = _optional(cells, "school_number", codes.school_number)
    values["clb_number"] = _optional(cells, "clb_number", codes.clb_number)
    values["kbo_number"] = _optional(cells, "kbo_number", codes.kbo_number)
    values["refnis"] = _optional(cells, "refnis", codes.refnis_code)
    if values["school_number"] and values["kind"] != "school":
        raise InvalidValueError("school_number", cells["school_number"],
                                "only school actors have a school number",
                                "Set kind to school or clear the school_number.")
    if values["clb_number"] and values["welfare_type"] != "clb":
        raise InvalidValueError("clb_number", cells["clb_number"],
                                "only actors of welfare type clb have a CLB number",
                                "Set welfare_type to clb or clear the clb_number.")
    return values


def link_values(cells: dict[str, str]) -> dict:
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


def membership_values(cells: dict[str, str]) -> dict:
    """Return the checked attributes of a memberships row."""
    role = cells.get("role", "")
    since = cells.get("since", "")
    return {
        "role": fields.coded("role", role) if role else "member",
        "since": fields.year("since", since) if since else "",
    }


def conflicts(first: dict[str, str], second: dict[str, str],
              names: tuple[str, ...] = IDENTITY_FIELDS) -> list[str]:
    """Return the fields that both rows fill in, with different values."""
    return [name for name in names if first.get(name) and second.get(name)
            and first[name] != second[name]]


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
