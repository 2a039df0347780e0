"""Set the need for family support in each municipality against how well its schools are connected.

Need comes from two municipal indicators: ``kansarmoede``, the Kind en
Gezin child-deprivation index (the percentage of births in deprived
families), and ``oki``, the educational disadvantage indicator. Coverage is
the share of a municipality's schools that work with a partner beyond
their mandated CLB.
"""

from __future__ import annotations

import json
import logging
import math
from pathlib import Path

import pandas as pd

from ecosystem.analysis.status import AD_HOC_ONLY, CONNECTED, ONE_WAY_ONLY
from ecosystem.errors import InputFileError
from ecosystem.load_report import LoadReport
from ecosystem.names import fold
from ecosystem.registers.municipalities import MUNICIPALITIES_FILE, read_municipalities

logger = logging.getLogger(__name__)

INDICATOR_COLUMNS = ["refnis", "municipality", "population", "kansarmoede", "oki"]
NEED_COLUMNS = ["refnis", "municipality", "schools", "coverage", "kansarmoede", "oki",
                "indicator_pupil_share_mean", "need", "gap", "rank"]
COVERED_STATUSES = (ONE_WAY_ONLY, AD_HOC_ONLY, CONNECTED)
# Keys of one municipality's record in the indicators file -> column names here.
_SOURCE_KEYS = {"inwoners": "population", "kansarmoede": "kansarmoede", "oki": "oki"}


def read_indicators(path: Path, municipalities: Path | None = None) -> pd.DataFrame:
    """Read the municipal indicators file into a table of population, kansarmoede and oki.

    The columns are ``refnis, municipality, population, kansarmoede, oki``.
    The file is a JSON list with one record per municipality, named by its
    Dutch name in ``naam``. Names are joined to REFNIS codes through the
    2025 municipality list ``municipalities``, by default
    ``municipalities-2025.csv`` beside the indicators file. The file writes
    0 for a missing value, which becomes NaN here. The population is an
    integer column that allows missing values (``Int64``). Raises
    :class:`InputFileError` when the file cannot be read or when a name
    matches no municipality, listing every such name.
    """
    path = Path(path)
    records = _load_records(path)
    municipalities = Path(municipalities) if municipalities else path.parent / MUNICIPALITIES_FILE
    codes_by_name = _codes_by_name(municipalities)
    rows, unmatched = [], []
    for record in records:
        refnis = codes_by_name.get(fold(str(record["naam"])))
        if refnis is None:
            unmatched.append(str(record["naam"]))
            continue
        _check_id(record, refnis)
        rows.append({"refnis": refnis, "municipality": record["naam"],
                     **{column: _value(record.get(key)) for key, column in _SOURCE_KEYS.items()}})
    if unmatched:
        raise InputFileError(path, f"{len(unmatched)} name(s) match no municipality of "
                             f"{municipalities.name}: {', '.join(sorted(unmatched))}",
                             "Correct each name in the field naam to the Dutch name "
                             "(name_nl) in that list.")
    table = pd.DataFrame(rows, columns=INDICATOR_COLUMNS)
    table["population"] = table["population"].astype("Int64")
    table[["kansarmoede", "oki"]] = table[["kansarmoede", "oki"]].astype(float)
    logger.info("Read indicators of %d municipalities from %s", len(table), path)
    return table.sort_values("refnis").reset_index(drop=True)


def _load_records(path: Path) -> list[dict]:
    """Return the records of the indicators file, checking that each has a name."""
    try:
        records = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise InputFileError(path, f"cannot be read ({error.strerror})",
                             "Check the path and the file's permissions.") from error
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise InputFileError(path, f"is not valid JSON in UTF-8 ({error})",
                             "Use the original indicators file.") from error
    if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
        raise InputFileError(path, "is not a JSON list of one object per municipality",
                             "Use the original indicators file.")
    nameless = [number for number, record in enumerate(records, start=1) if not record.get("naam")]
    if nameless:
        raise InputFileError(path, f"record(s) {', '.join(map(str, nameless))} have no naam",
                             "Give each record the Dutch name of its municipality in naam.")
    return records


def _codes_by_name(path: Path) -> dict[str, str]:
    """Return the REFNIS code of each municipality by its folded Dutch name."""
    if not path.is_file():
        raise InputFileError(path, "is missing",
                             f"Put {MUNICIPALITIES_FILE} beside the indicators file, "
                             "or give its path.")
    municipalities = read_municipalities(path, LoadReport())
    return {fold(m.name_nl): refnis for refnis, m in municipalities.items()}


def _check_id(record: dict, refnis: str) -> None:
    """Log a record whose own ``id`` differs from the code its name joins to."""
    own = str(record.get("id", "")).strip()
    if own and own != refnis:
        logger.warning("The indicators of %s carry id %s, but the name is REFNIS %s; "
                       "using %s", record["naam"], own, refnis, refnis)


def _value(raw: object) -> float:
    """Return an indicator as a float, with 0, absent and non-numbers as NaN."""
    if isinstance(raw, bool) or not isinstance(raw, (int, float)) or raw == 0:
        return math.nan
    return float(raw)


def percentile_ranks(values: pd.Series) -> pd.Series:
    """Return each value's position among the others from 0 (lowest) to 1 (highest).

    The rank is the share of the other known values that are lower, where
    an equal value counts as half lower: (average rank - 1) / (n - 1).
    Missing values stay NaN, and a single known value gets 0.5.
    """
    known = values.notna().sum()
    if known == 1:
        return values.where(values.isna(), 0.5)
    return (values.rank(method="average") - 1) / (known - 1)


def need_scores(indicators: pd.DataFrame) -> pd.Series:
    """Return the need score of each municipality of ``indicators``, indexed by REFNIS code.

    The score is the mean of the municipality's percentile ranks on
    kansarmoede and on oki among all municipalities in ``indicators``. A
    missing indicator is left out, so the score is NaN only when both are missing.
    """
    ranks = pd.DataFrame({column: percentile_ranks(indicators[column])
                          for column in ("kansarmoede", "oki")})
    return pd.Series(ranks.mean(axis=1, skipna=True).to_numpy(), index=indicators["refnis"],
                     name="need")


def need_against_coverage(schools: pd.DataFrame, indicators: pd.DataFrame) -> pd.DataFrame:
    """Return per municipality with schools its need, its coverage and the gap between them.

    In words: ``need`` is where a municipality ranks among all
    municipalities in the indicators table on child deprivation and on
    educational disadvantage, averaged, from 0 (lowest of all) to 1 (highest
    of all). ``coverage`` is the share of its schools that work with a
    partner beyond the mandated CLB (status one-way-only, ad-hoc-only or
    connected). ``gap`` is need minus coverage, and ``rank`` 1 is the
    largest gap; a municipality without indicators has no need, gap or rank.

    ``schools`` is a table with one row per school and at least ``refnis``,
    ``municipality`` and ``status`` (the schools table or the school
    profiles). When it has ``indicator_pupil_share`` (percent of indicator
    pupils, as the schools report it), ``indicator_pupil_share_mean`` is the
    plain mean over the schools that give it. That school-level measure is
    shown beside the need score, not mixed into it, because few schools
    report it and municipalities would not be compared on the same footing.
    """
    scores = need_scores(indicators)
    by_code = indicators.set_index("refnis")
    located = schools[schools["refnis"] != ""]
    rows = []
    for (refnis, name), group in located.groupby(["refnis", "municipality"], sort=True):
        rows.append(_municipality_row(refnis, name, group, by_code, scores))
    table = pd.DataFrame(rows, columns=NEED_COLUMNS)
    for column in ("coverage", "kansarmoede", "oki", "indicator_pupil_share_mean", "need",
                   "gap"):
        table[column] = table[column].astype(float)
    table["rank"] = table["gap"].rank(method="min", ascending=False).astype("Int64")
    table = table.sort_values(["rank", "refnis"], na_position="last")
    return table.reset_index(drop=True)


def _municipality_row(refnis: str, name: str, group: pd.DataFrame, by_code: pd.DataFrame,
                      scores: pd.Series) -> dict:
    """Return the values of one municipality's row, before ranking."""
    coverage = float(group["status"].isin(COVERED_STATUSES).mean())
    known = refnis in by_code.index
    need = float(scores[refnis]) if known else math.nan
    return {
        "refnis": refnis,
        "municipality": name,
        "schools": len(group),
        "coverage": coverage,
        "kansarmoede": float(by_code.at[refnis, "kansarmoede"]) if known else math.nan,
        "oki": float(by_code.at[refnis, "oki"]) if known else math.nan,
        "indicator_pupil_share_mean": _mean_share(group),
        "need": need,
        "gap": need - coverage,
        "rank": None,
    }


def _mean_share(group: pd.DataFrame) -> float:
    """Return the mean indicator-pupil share of the schools that give one, else NaN."""
    if "indicator_pupil_share" not in group.columns:
        return math.nan
    shares = pd.to_numeric(group["indicator_pupil_share"], errors="coerce").dropna()
    return float(shares.mean()) if len(shares) else math.nan
