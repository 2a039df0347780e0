"""Parse single survey cells into the values the model stores."""

from __future__ import annotations

import re

from ecosystem.errors import InvalidValueError
from ecosystem.graph.vocabulary import notations

# A year, or a date whose year is taken: 2019, 2019.0, 2019-09-01, 1/9/2019.
_YEAR = re.compile(r"^(?:(\d{4})(?:\.0|-\d{1,2}-\d{1,2}(?:T[\d:.]+)?)?|\d{1,2}[/.-]\d{1,2}[/.-](\d{4}))$")
_WAVE = re.compile(r"^(\d{4})\s*[-–/]\s*(\d{4})$")

# Concept scheme of each coded survey column.
COLUMN_SCHEMES = {
    "welfare_type": "welfare-type",
    "network_type": "network-type",
    "direction": "direction",
    "formality": "formality",
    "initiator": "initiator",
    "reported_by": "reporting-side",
    "role": "network-role",
    "purposes": "purpose",
}


def coded(column: str, value: str) -> str:
    """Return the notation a coded cell names, matched without regard to case."""
    allowed = notations(COLUMN_SCHEMES[column])
    found = allowed.get(value.strip().lower())
    if found is None:
        raise InvalidValueError(column, value, "this is not one of the codes of the column",
                                f"Use one of: {', '.join(sorted(allowed.values()))}.")
    return found


def coded_list(column: str, value: str) -> tuple[str, ...]:
    """Return the notations of a cell that lists codes separated by ``;`` or ``,``."""
    parts = [part.strip() for part in re.split(r"[;,]", value) if part.strip()]
    found = []
    for part in parts:
        try:
            found.append(coded(column, part))
        except InvalidValueError as error:
            raise InvalidValueError(column, value, f"{part!r} is not one of the codes of the "
                                    "column", error.action) from error
    return tuple(dict.fromkeys(found))


def year(column: str, value: str) -> str:
    """Return a four-digit year between 1900 and 2100."""
    match = _YEAR.match(value.strip())
    found = match and (match.group(1) or match.group(2))
    if not found or not 1900 <= int(found) <= 2100:
        raise InvalidValueError(column, value, "this is not a year",
                                "Write the year with four digits, for example 2019.")
    return found


def wave(column: str, value: str) -> str:
    """Return a school year as ``YYYY-YYYY`` (two consecutive years)."""
    match = _WAVE.match(value.strip())
    if not match or int(match.group(2)) != int(match.group(1)) + 1:
        raise InvalidValueError(column, value, "this is not a school year",
                                "Write the survey wave as a school year, for example 2024-2025.")
    return f"{match.group(1)}-{match.group(2)}"
