"""Find and hide contact details of people in cell values.

The graph describes organisations and roles, never people. Survey cells
whose text goes into the graph as written (an actor's name and id) are
checked for an e-mail address or a phone number. The values that the
outputs repeat, in the load report and the copies of rejected rows, have
their e-mail addresses masked.
"""

from __future__ import annotations

import re

from ecosystem import codes
from ecosystem.errors import InvalidCodeError

# The survey columns whose text the graph stores as written.
CHECKED_COLUMNS = ("actor_id", "name")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# Belgian numbers: 0, +32 or 0032, then 8 or 9 digits grouped by spaces, dots,
# slashes or hyphens, as in 03 123 45 67, 0470/12.34.56 or +32 470 12 34 56.
PHONE = re.compile(r"(?<![\w+])(?:\+32|0032|0)(?:[ ./-]?\d){8,9}(?!\d)")
_KBO_GROUPING = re.compile(r"^[01]\d{3}\.\d{3}\.\d{3}$")
EMAIL_MASK = "[e-mail address]"
PHONE_MASK = "[phone number]"


def contact_detail(text: str) -> str:
    """Return "an e-mail address" or "a phone number" when ``text`` contains one, else ""."""
    if EMAIL.search(text):
        return "an e-mail address"
    if any(_is_phone_number(match) for match in PHONE.finditer(text)):
        return "a phone number"
    return ""


def without_contact_details(text: str) -> str:
    """Return ``text`` with its e-mail addresses and phone numbers replaced by placeholders."""
    text = EMAIL.sub(EMAIL_MASK, text)
    return PHONE.sub(lambda match: PHONE_MASK if _is_phone_number(match) else match.group(),
                     text)


def without_emails(text: str) -> str:
    """Return ``text`` with its e-mail addresses replaced by a placeholder.

    Phone numbers stay: a KBO number or another code can look like one.
    """
    return EMAIL.sub(EMAIL_MASK, text) if "@" in text else text


def _is_phone_number(match: re.Match) -> bool:
    """Tell whether a match of the phone number pattern is a phone number, not a KBO number."""
    return not _is_kbo_number(match.group())


def _is_kbo_number(text: str) -> bool:
    """Tell whether ``text`` is a KBO number, which a phone number pattern also matches.

    The KBO's own grouping, 0212.194.131, counts even with wrong check
    digits. A phone number is not written that way, and a mistyped KBO
    number in a name is no contact detail.
    """
    if _KBO_GROUPING.match(text.strip()):
        return True
    try:
        codes.kbo_number(text)
    except InvalidCodeError:
        return False
    return True
