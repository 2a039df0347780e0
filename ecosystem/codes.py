"""Canonical text forms of the official codes: school number, KBO, REFNIS, postcode.

Codes are identifiers, never numbers, but spreadsheets often turn them into
numbers (``141`` for ``000141``, ``2000.0`` for ``02000``). These functions
take what a reader produced (text, int or float) and return the one canonical
string, or raise :class:`InvalidCodeError` naming the fix.
"""

from __future__ import annotations

import re

from ecosystem.errors import InvalidCodeError

# Two-digit arrondissement prefixes that REFNIS uses for municipalities
# (Statbel, 2025). A code with another prefix, such as 99001, is not an
# official municipality and gets an IRI under the project's own base.
OFFICIAL_ARRONDISSEMENTS = frozenset(
    "11 12 13 21 23 24 25 31 32 33 34 35 36 37 38 41 42 43 44 45 46 "
    "51 52 53 55 56 57 58 61 62 63 64 71 72 73 81 82 83 84 85 91 92 93".split()
)

_KBO_SEPARATORS = re.compile(r"[\s.\-/]")


def _digits(value: object, kind: str, action: str, separators: re.Pattern | None = None) -> str:
    """Return ``value`` as a string of digits, undoing float damage and removing ``separators``."""
    if isinstance(value, bool):
        raise InvalidCodeError(kind, value, "a yes/no value is not a code", action)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not value.is_integer():
            raise InvalidCodeError(kind, value, "it has decimals", action)
        return str(int(value))
    text = str(value).strip()
    # A spreadsheet that stored the code as a number may export "141.0".
    if re.fullmatch(r"\d+\.0+", text):
        text = text.split(".")[0]
    text = separators.sub("", text) if separators else text.replace(" ", "")
    if not text.isdigit() or not text.isascii():
        raise InvalidCodeError(kind, value, "it must contain digits only", action)
    return text


def school_number(value: object) -> str:
    """Return the school number as the register writes it: digits, no leading zeros."""
    action = "Write the school number (instellingsnummer) as 1 to 6 digits."
    digits = _digits(value, "school number", action).lstrip("0")
    if not digits or len(digits) > 6:
        raise InvalidCodeError("school number", value, "it must have 1 to 6 digits", action)
    return digits


def clb_number(value: object) -> str:
    """Return the CLB (pupil guidance centre) number as digits without leading zeros."""
    action = "Write the CLB's institution number, for example 114314."
    digits = _digits(value, "CLB number", action).lstrip("0")
    if not digits or len(digits) > 6:
        raise InvalidCodeError("CLB number", value, "it must have 1 to 6 digits", action)
    return digits


def kbo_number(value: object) -> str:
    """Return the 10-digit KBO (enterprise) number, after checking its check digits."""
    action = "Write the 10-digit KBO number, for example 0207463402."
    raw = value.strip().upper().removeprefix("BE") if isinstance(value, str) else value
    digits = _digits(raw, "KBO number", action, _KBO_SEPARATORS)
    if len(digits) == 9:
        digits = "0" + digits
    if len(digits) != 10 or digits[0] not in "01":
        raise InvalidCodeError(
            "KBO number", value, "it must have 10 digits and start with 0 or 1", action
        )
    if 97 - int(digits[:8]) % 97 != int(digits[8:]):
        raise InvalidCodeError(
            "KBO number", value, "its last two digits fail the modulo-97 check", action
        )
    return digits


def refnis_code(value: object) -> str:
    """Return the 5-digit REFNIS code, restoring a leading zero a spreadsheet dropped."""
    action = "Write the 5-digit REFNIS (NIS) code of the municipality, for example 11005."
    digits = _digits(value, "REFNIS code", action)
    if len(digits) > 5 or int(digits) < 1000:
        raise InvalidCodeError("REFNIS code", value, "it must have 5 digits", action)
    return digits.zfill(5)


def postcode(value: object) -> str:
    """Return the 4-digit Belgian postcode."""
    action = "Write the 4-digit postcode, for example 9160."
    digits = _digits(value, "postcode", action)
    if len(digits) != 4 or digits[0] == "0":
        raise InvalidCodeError("postcode", value, "it must have 4 digits from 1000 to 9999", action)
    return digits


def is_official_refnis(code: str) -> bool:
    """Tell whether a canonical REFNIS code lies in Statbel's municipality range."""
    return code[:2] in OFFICIAL_ARRONDISSEMENTS
