"""Invent names, codes and counts for the synthetic input.

Every name is put together from Dutch word parts, so the output looks like
Flemish data without naming a real organisation. A generated place name can
still coincide with a real hamlet or village by chance. Every code lies
outside the official ranges where the project can tell (REFNIS prefixes 94
to 99) or carries a prefix no real register was checked against (KBO
``09…``, school numbers ``3…``, CLB numbers ``19…``).
"""

from __future__ import annotations

import itertools
import random

PLACE_FIRST = (
    "Klaver", "Wilgen", "Linde", "Eiken", "Berken", "Hazel", "Moer", "Vlas", "Rozen", "Zand",
    "Heide", "Brem", "Esdoorn", "Populier", "Kastanje", "Meidoorn", "Vlier", "Hulst", "Varen",
    "Riet", "Mos", "Hop", "Rogge", "Haver", "Tarwe", "Gerst", "Molen", "Kapel", "Toren",
    "Sluis", "Vijver", "Beemd", "Kouter", "Akker", "Weide", "Els", "Spar", "Dennen",
    "Iepen", "Appel",
)
PLACE_SECOND = (
    "beek", "dijk", "hove", "kerke", "velde", "gem", "donk", "rode", "hout", "zele", "lare",
    "heide", "broek", "meer", "berg", "dale", "hem", "wijk", "kapelle", "ham", "dorp",
    "straten", "bergen", "egem", "inge", "werve", "zande", "mere", "stede", "voorde",
)
PLACE_PREFIX = ("", "Sint-", "Oud-", "Groot-", "Klein-", "Neder-", "Over-")
# Parts of organisation and school names: "De Lindehof Noord".
NAME_TAIL = ("hof", "hoek", "nest", "veld", "huis", "tuin", "brug", "poort", "kring", "plein")
DISTRICTS = ("Centrum", "Noord", "Zuid", "Oost", "West", "Haven", "Station", "Kouterwijk",
             "Molenwijk", "Heuvel")
STREET_TAIL = ("straat", "laan", "plein", "weg", "dreef", "steenweg", "kaai")
PROVINCES = ("Lindeland", "Klaverland", "Beekland", "Heideland", "Dijkland")

# The first 8 digits of every invented KBO number start with this.
KBO_PREFIX = "09"
SCHOOL_NUMBER_START = 300001
CLB_NUMBER_START = 190001
GOVERNING_BODY_START = 500001
SCHOOL_COMMUNITY_START = 600001


def place_names(count: int, rng: random.Random) -> list[str]:
    """Return ``count`` different invented place names in a seeded order.

    Raises ValueError when more names are asked than the word parts can make.
    """
    pool = ["".join((prefix, first, second))
            for prefix, first, second in itertools.product(PLACE_PREFIX, PLACE_FIRST,
                                                           PLACE_SECOND)]
    if count > len(pool):
        raise ValueError(f"{count} place names requested, but only {len(pool)} can be made; "
                         "lower --scale")
    rng.shuffle(pool)
    return pool[:count]


class NameMaker:
    """Hand out organisation names that are unique within one municipality."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self._used: set[tuple[str, str]] = set()

    def name(self, municipality: str, label: str) -> str:
        """Return ``label`` followed by an invented name not yet used in ``municipality``."""
        for attempt in range(200):
            stem = f"De {self.rng.choice(PLACE_FIRST)}{self.rng.choice(NAME_TAIL)}"
            if attempt >= 20:
                stem = f"{stem} {self.rng.choice(DISTRICTS)}"
            if attempt >= 100:
                stem = f"{stem} {self.rng.choice(PLACE_FIRST)}{self.rng.choice(PLACE_SECOND)}"
            name = f"{label} {stem}"
            if (municipality, name) not in self._used:
                self._used.add((municipality, name))
                return name
        raise RuntimeError(f"could not find a new name for {label} in {municipality}; "
                           "add word parts to benchmarks/fiction.py")


def street(rng: random.Random) -> tuple[str, str]:
    """Return an invented street name and house number."""
    name = f"{rng.choice(PLACE_FIRST)}{rng.choice(STREET_TAIL)}"
    number = str(rng.randint(1, 240))
    if rng.random() < 0.08:
        number += rng.choice("ABC")
    return name, number


def kbo_number(serial: int) -> str:
    """Return the ``serial``-th invented KBO number, with valid modulo-97 check digits."""
    if not 0 <= serial < 1_000_000:
        raise ValueError(f"KBO serial {serial} must lie between 0 and 999999")
    body = f"{KBO_PREFIX}{serial:06d}"
    return f"{body}{97 - int(body) % 97:02d}"


def refnis_code(index: int, first_prefix: int) -> str:
    """Return the ``index``-th 5-digit code counting down from prefix ``first_prefix``.

    Each prefix has room for 999 codes (``99001`` to ``99999``); none ends in ``000``,
    which the province codes use.
    """
    prefix = first_prefix - index // 999
    return f"{prefix:02d}{index % 999 + 1:03d}"


def zipf_weights(count: int, exponent: float, period: int) -> list[float]:
    """Return ``count`` weights ``1 / rank ** exponent`` whose ranks restart every ``period``."""
    return [1.0 / ((index % period) + 1) ** exponent for index in range(count)]


def allocate(total: int, weights: list[float], minimum: int = 0) -> list[int]:
    """Split ``total`` into whole shares proportional to ``weights``, each at least ``minimum``.

    The largest-remainder method keeps the sum exact. When ``total`` cannot
    give every share its minimum, the minimum drops to what it can give.
    """
    count = len(weights)
    minimum = min(minimum, total // count) if count else 0
    rest = total - minimum * count
    scale = sum(weights)
    exact = [rest * weight / scale for weight in weights]
    shares = [int(value) for value in exact]
    order = sorted(range(count), key=lambda index: (shares[index] - exact[index], index))
    for index in order[:rest - sum(shares)]:
        shares[index] += 1
    return [share + minimum for share in shares]


def scaled(base: int, scale: float, minimum: int = 1) -> int:
    """Return ``base * scale`` rounded, and at least ``minimum``."""
    return max(minimum, round(base * scale))
