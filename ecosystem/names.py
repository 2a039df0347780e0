"""Fold names for matching: the stored label always keeps the original spelling."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_APOSTROPHES = dict.fromkeys(map(ord, "\u2018\u2019\u201b\u02bc\u00b4`"), "'")
_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"), "-")
_QUOTES = dict.fromkeys(map(ord, "\u201c\u201d\u201e\u00ab\u00bb"), '"')


# Matching a survey's actor compares its name with every actor of its kind in
# its municipality, so the same names are folded again and again.
@lru_cache(maxsize=2**16)
def fold(name: str) -> str:
    """Return ``name`` in a form for comparison: NFC, case-folded, one kind of
    apostrophe, dash and quote, and single spaces."""
    text = unicodedata.normalize("NFC", name).translate(_APOSTROPHES)
    text = text.translate(_DASHES).translate(_QUOTES).casefold()
    return re.sub(r"\s+", " ", text).strip()


@lru_cache(maxsize=2**16)
def word_order_key(name: str) -> str:
    """Return the folded words of ``name`` in sorted order, so word order does not count."""
    return " ".join(sorted(re.findall(r"[\w']+", fold(name))))


def one_edit_apart(first: str, second: str) -> bool:
    """Tell whether two strings differ by exactly one inserted, deleted or replaced character."""
    if first == second or abs(len(first) - len(second)) > 1:
        return False
    if len(first) > len(second):
        first, second = second, first
    index = 0
    while index < len(first) and first[index] == second[index]:
        index += 1
    if len(first) == len(second):
        return first[index + 1:] == second[index + 1:]
    return first[index:] == second[index + 1:]
