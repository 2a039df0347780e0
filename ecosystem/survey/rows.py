"""Check the cells of one survey row and return the values the model stores."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from ecosystem import codes, privacy
from ecosystem.errors import InvalidCellsError, InvalidCodeError, InvalidValueError
from ecosystem.survey import fields
from ecosystem.survey.columns import (ACTORS, CODE, CODES, DATE, IDS, LINKS, MEMBERSHIPS, NUMBER,
                                      ROLES, WAVES, YEAR, Column, SurveyTable)

# Fields that identify an actor: two rows that differ in one of them describe
# two different actors.
IDENTITY_FIELDS = ("kind", "welfare_type", "network_type", "refnis", "school_number",
                   "kbo_number", "clb_number")


class Problems:
    """The invalid cells found in one row, raised together once every check has run."""

    def __init__(self) -> None:
        self.errors: list[InvalidValueError] = []

    @contextmanager
    def check(self) -> Iterator[None]:
        """Run the block and keep its :class:`InvalidValueError` instead of raising it."""
        try:
            yield
        except InvalidValueError as error:
            self.errors.append(error)

    def raise_any(self) -> None:
        """Raise the one error found, or :class:`InvalidCellsError` listing several."""
        if len(self.errors) == 1:
            raise self.errors[0]
        if self.errors:
            raise InvalidCellsError(self.errors)


def parse_cells(table: SurveyTable, cells: dict[str, str],
                problems: Problems | None = None) -> dict:
    """Return every column of ``table`` parsed by its kind.

    An empty cell gives "" (or an empty tuple for a list, ``None`` for a
    number). Raises :class:`InvalidValueError` for one invalid cell and
    :class:`InvalidCellsError`, listing each, for several, so that a user
    fixes them all at once. Given ``problems``, it collects the errors
    there instead and leaves the invalid columns out of the result.
    """
    collected = problems if problems is not None else Problems()
    values: dict = {}
    for column in table.columns:
        with collected.check():
            values[column.name] = _cell_value(column, cells.get(column.name, ""))
    if problems is None:
        collected.raise_any()
    return values


def _cell_value(column: Column, value: str):
    """Return one cell parsed by its column's kind, or the empty value of the column."""
    if value:
        return _parse(column, value)
    if column.required:
        raise InvalidValueError(column.name, "", "this cell is required",
                                f"Fill in the {column.name}.")
    return _empty(column)


def _empty(column: Column):
    """Return the value of an empty cell of ``column``."""
    if column.kind == CODES or column.name == "serves":
        return ()
    return None if column.kind == NUMBER else ""


def _parse(column: Column, value: str):
    """Return one non-empty cell parsed according to its column's kind."""
    if column.kind == CODE:
        return fields.coded(column.name, value, fields.allowed_codes(column.scheme,
                                                                      column.choices))
    if column.kind == CODES:
        return fields.coded_list(column.name, value, fields.allowed_codes(column.scheme))
    if column.kind == YEAR:
        return fields.year(column.name, value)
    if column.kind == DATE:
        return fields.date(column.name, value)
    if column.kind == NUMBER:
        return fields.number(column.name, value)
    if column.kind == IDS and column.name == "serves":
        return tuple(part.strip() for part in value.split(";") if part.strip())
    return value


def actor_values(cells: dict[str, str]) -> dict:
    """Return the checked values of an actors row."""
    problems = Problems()
    values = parse_cells(ACTORS, cells, problems)
    for name in privacy.CHECKED_COLUMNS:
        with problems.check():
            _check_no_contact_details(name, cells.get(name, ""))
    if values.get("kind") == "welfare" and values.get("welfare_type") == "":
        problems.errors.append(InvalidValueError(
            "welfare_type", "", "a welfare actor needs a welfare type",
            "Fill in the welfare_type code."))
    for name, parse in (("school_number", codes.school_number),
                        ("clb_number", codes.clb_number),
                        ("kbo_number", codes.kbo_number),
                        ("refnis", codes.refnis_code)):
        if name in values:
            with problems.check():
                values[name] = _code(name, values.pop(name), parse)
    with problems.check():
        _check_numbers_belong(values, cells)
    with problems.check():
        _check_pupils(values, cells)
    with problems.check():
        _check_share(values, cells)
    problems.raise_any()
    return values


def _check_no_contact_details(column: str, value: str) -> None:
    """Raise when a cell that the graph stores contains an e-mail address or a phone number."""
    found = privacy.contact_detail(value)
    if found:
        raise InvalidValueError(column, privacy.without_contact_details(value),
                                f"this cell seems to hold {found}; the graph describes "
                                "organisations and roles, never people",
                                "Remove the contact details and any person's name from the "
                                "cell.")


def _check_numbers_belong(values: dict, cells: dict[str, str]) -> None:
    """Check that only schools have a school number and only CLBs a CLB number."""
    if values.get("school_number") and values.get("kind", "school") != "school":
        raise InvalidValueError("school_number", cells["school_number"],
                                "only school actors have a school number",
                                "Set kind to school or clear the school_number.")
    if values.get("clb_number") and values.get("welfare_type", "clb") != "clb":
        raise InvalidValueError("clb_number", cells["clb_number"],
                                "only actors of welfare type clb have a CLB number",
                                "Set welfare_type to clb or clear the clb_number.")


def _check_pupils(values: dict, cells: dict[str, str]) -> None:
    """Check that a pupil count is a whole number, and store it as one."""
    pupils = values.get("pupils")
    # A spreadsheet formula can leave 245.0000001 where 245 is meant.
    if pupils is not None and abs(pupils - round(pupils)) < 1e-6:
        pupils = round(pupils)
    if pupils is not None and (pupils < 0 or not float(pupils).is_integer()):
        values.pop("pupils")
        raise InvalidValueError("pupils", cells["pupils"], "this is not a whole number of pupils",
                                "Write the number of pupils, for example 245.")
    if "pupils" in values:
        values["pupils"] = int(pupils) if pupils is not None else None


def _check_share(values: dict, cells: dict[str, str]) -> None:
    """Check that the indicator pupil share is a percentage."""
    share = values.get("indicator_pupil_share")
    if share is not None and not 0 <= share <= 100:
        raise InvalidValueError("indicator_pupil_share", cells["indicator_pupil_share"],
                                "a share must lie between 0 and 100 percent",
                                "Write the share in percent, for example 23,5.")


def link_values(cells: dict[str, str]) -> dict:
    """Return the checked attributes of a links row (the actor ids are resolved elsewhere)."""
    problems = Problems()
    values = parse_cells(LINKS, cells, problems)
    for name in ("source_id", "target_id"):
        values.pop(name, None)
    if values.get("wave"):
        with problems.check():
            values["wave"] = fields.wave("wave", values["wave"])
    if values.get("since") and values.get("until") and values["until"] < values["since"]:
        problems.errors.append(InvalidValueError(
            "until", cells["until"], "the collaboration ends before it starts",
            "Check the years in since and until."))
    problems.raise_any()
    return values


def membership_values(cells: dict[str, str]) -> dict:
    """Return the checked attributes of a memberships row."""
    values = parse_cells(MEMBERSHIPS, cells)
    return {"role": values["role"] or "member", "since": values["since"],
            "until": values["until"]}


def post_values(cells: dict[str, str]) -> dict:
    """Return the checked attributes of a roles row."""
    return parse_cells(ROLES, cells)


def wave_values(cells: dict[str, str]) -> dict:
    """Return the school year and date of a waves row."""
    values = parse_cells(WAVES, cells)
    values["wave"] = fields.wave("wave", values["wave"])
    return values


def conflicts(first: dict, second: dict, names: tuple[str, ...] = IDENTITY_FIELDS) -> list[str]:
    """Return the fields that both rows fill in, with different values."""
    return [name for name in names if first.get(name) and second.get(name)
            and first[name] != second[name]]


def _code(column: str, value: str, parse) -> str:
    """Return a parsed official code, or "" for an empty cell."""
    if not value:
        return ""
    try:
        return parse(value)
    except InvalidCodeError as error:
        raise InvalidValueError(column, value, error.reason, error.action) from error
