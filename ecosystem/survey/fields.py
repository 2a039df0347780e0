"""Parse single survey cells into the values the model stores."""

from __future__ import annotations

import datetime as dt
import re

from ecosystem.errors import InvalidValueError
from ecosystem.graph.vocabulary import notations

# A year, or a date whose year is taken: 2019, 2019.0, 2019-09-01, 1/9/2019.
_YEAR = re.compile(r"^(?:(\d{4})(?:\.0|-\d{1,2}-\d{1,2}(?:T[\d:.]+)?)?|\d{1,2}[/.-]\d{1,2}[/.-](\d{4}))$")
_WAVE = re.compile(r"^(\d{4})\s*[-–/]\s*(\d{4})$")



def allowed_codes(scheme: str, choices: tuple[str, ...] = ()) -> dict[str, str]:
    """Return the codes of a concept scheme, or the given choices, keyed by lower case."""
    if scheme:
        return notations(scheme)
    return {choice.lower(): choice for choice in choices}


def coded(column: str, value: str, allowed: dict[str, str]) -> str:
    """Return the code a cell names, matched without regard to case."""
    found = allowed.get(value.strip().lower())
    if found is None:
        raise InvalidValueError(column, value, "this is not one of the codes of the column",
                                f"Use one of: {', '.join(sorted(allowed.values()))}.")
    return found


def coded_list(column: str, value: str, allowed: dict[str, str]) -> tuple[str, ...]:
    """Return the notations of a cell that lists codes separated by ``;`` or ``,``."""
    parts = [part.strip() for part in re.split(r"[;,]", value) if part.strip()]
    found = []
    for part in parts:
        try:
            found.append(coded(column, part, allowed))
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


_DATE_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]+)?$")
_DATE_DUTCH = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_THOUSANDS = re.compile(r"^-?\d{1,3}(\.\d{3})+$")


def date(column: str, value: str) -> str:
    """Return a date as ``YYYY-MM-DD``; day-first forms (1/10/2024) are read as in Belgium."""
    text = value.strip()
    iso, dutch = _DATE_ISO.match(text), _DATE_DUTCH.match(text)
    if iso:
        year_, month, day = iso.groups()
    elif dutch:
        day, month, year_ = dutch.groups()
    else:
        year_ = month = day = ""
    try:
        return dt.date(int(year_), int(month), int(day)).isoformat()
    except ValueError:
        raise InvalidValueError(column, value, "this is not a date",
                                "Write the date as 2024-10-01 or 1/10/2024.") from None


def number(column: str, value: str) -> float:
    """Return a number written in Dutch (1.234 or 3,5) or English (1234.5) notation.

    A comma is a decimal separator. A point is a thousands separator only
    where it splits off groups of three digits (1.234 or 12.345.678), as
    Dutch spreadsheets write them. A percent sign is ignored.
    """
    text = value.strip().replace("\u00a0", "").replace(" ", "").rstrip("%")
    if "," in text and "." in text:
        decimal = "," if text.rfind(",") > text.rfind(".") else "."
        text = text.replace("." if decimal == "," else ",", "").replace(",", ".")
    elif "," in text:
        text = text.replace(",", ".")
    elif _THOUSANDS.match(text):
        text = text.replace(".", "")
    try:
        return float(text)
    except ValueError:
        raise InvalidValueError(column, value, "this is not a number",
                                "Write a number, for example 245 or 23,5.") from None


def wave(column: str, value: str) -> str:
    """Return a school year as ``YYYY-YYYY`` (two consecutive years)."""
    match = _WAVE.match(value.strip())
    if not match or int(match.group(2)) != int(match.group(1)) + 1:
        raise InvalidValueError(column, value, "this is not a school year",
                                "Write the survey wave as a school year, for example 2024-2025.")
    return f"{match.group(1)}-{match.group(2)}"
