"""Municipal indicators and need against coverage, on a tiny hand-made table and the real file."""

import json
import math

import pandas as pd
import pytest

from ecosystem.analysis.need import (need_against_coverage, need_scores, percentile_ranks,
                                     read_indicators)
from ecosystem.errors import InputFileError

NAN = math.nan
INDICATORS_FILE = "flemish-municipal-indicators.json"


def _indicators():
    """Return five municipalities; B lacks oki and D lacks kansarmoede."""
    return pd.DataFrame({
        "refnis": ["11001", "11002", "11004", "11005", "11007"],
        "municipality": ["A", "B", "C", "D", "E"],
        "population": [1000, 2000, 3000, 4000, 5000],
        "kansarmoede": [10.0, 20.0, 30.0, NAN, 40.0],
        "oki": [1.0, NAN, 2.0, 3.0, 0.5],
    })


def _schools():
    """Return a schools table: A has 2 schools, C 3, D 1, a fictional Z 1, and one without place."""
    rows = [
        ("11001", "A", "connected", None),
        ("11001", "A", "mandated-only", None),
        ("11004", "C", "isolated", 10.0),
        ("11004", "C", "one-way-only", 20.0),
        ("11004", "C", "ad-hoc-only", None),
        ("11005", "D", "isolated", 40.0),
        ("99001", "Z", "connected", None),
        ("", "", "isolated", None),
    ]
    return pd.DataFrame(rows, columns=["refnis", "municipality", "status",
                                       "indicator_pupil_share"])


def test_percentile_ranks_from_zero_to_one():
    ranks = percentile_ranks(pd.Series([10.0, 20.0, 30.0, NAN, 40.0]))
    # Ranks 1..4 among 4 known values: (rank - 1) / 3.
    assert list(ranks[[0, 1, 2, 4]]) == pytest.approx([0, 1 / 3, 2 / 3, 1])
    assert math.isnan(ranks[3])


def test_percentile_ranks_of_ties():
    ranks = percentile_ranks(pd.Series([1.0, 1.0, 3.0]))
    # Average ranks 1.5, 1.5, 3 among 3 values: 0.5 / 2 = 0.25 and 2 / 2 = 1.
    assert list(ranks) == pytest.approx([0.25, 0.25, 1.0])


def test_percentile_rank_of_single_value():
    assert list(percentile_ranks(pd.Series([NAN, 7.0]))[[1]]) == [0.5]


def test_need_scores_mean_known_ranks():
    scores = need_scores(_indicators())
    # kansarmoede ranks: A 0, B 1/3, C 2/3, E 1. oki ranks (0.5 E, 1 A, 2 C, 3 D):
    # E 0, A 1/3, C 2/3, D 1. Mean of the known ones per municipality:
    assert scores["11001"] == pytest.approx(1 / 6)
    assert scores["11002"] == pytest.approx(1 / 3)
    assert scores["11004"] == pytest.approx(2 / 3)
    assert scores["11005"] == pytest.approx(1.0)
    assert scores["11007"] == pytest.approx(0.5)


def test_need_against_coverage_ranking():
    table = need_against_coverage(_schools(), _indicators())
    # Gaps: D 1 - 0 = 1, C 2/3 - 2/3 = 0, A 1/6 - 1/2 = -1/3; Z has no indicators.
    assert list(table["refnis"]) == ["11005", "11004", "11001", "99001"]
    assert list(table["rank"][:3]) == [1, 2, 3]
    assert table["rank"].isna().tolist() == [False, False, False, True]


def test_need_against_coverage_values():
    table = need_against_coverage(_schools(), _indicators()).set_index("refnis")
    # C: one-way-only and ad-hoc-only of three schools are covered.
    assert table.at["11004", "schools"] == 3
    assert table.at["11004", "coverage"] == pytest.approx(2 / 3)
    assert table.at["11004", "gap"] == pytest.approx(0.0)
    # A: connected of two schools; need 1/6.
    assert table.at["11001", "coverage"] == pytest.approx(0.5)
    assert table.at["11001", "need"] == pytest.approx(1 / 6)
    assert table.at["11001", "gap"] == pytest.approx(-1 / 3)
    assert math.isnan(table.at["11005", "kansarmoede"])
    assert table.at["11005", "oki"] == 3.0
    assert math.isnan(table.at["99001", "need"])
    assert math.isnan(table.at["99001", "gap"])
    assert "" not in table.index


def test_indicator_pupil_share_mean():
    table = need_against_coverage(_schools(), _indicators()).set_index("refnis")
    # C: mean of 10 and 20, the third school gives none.
    assert table.at["11004", "indicator_pupil_share_mean"] == pytest.approx(15.0)
    assert table.at["11005", "indicator_pupil_share_mean"] == pytest.approx(40.0)
    assert math.isnan(table.at["11001", "indicator_pupil_share_mean"])


def test_without_indicator_pupil_share_column():
    schools = _schools().drop(columns="indicator_pupil_share")
    table = need_against_coverage(schools, _indicators())
    assert table["indicator_pupil_share_mean"].isna().all()


def test_equal_gaps_share_a_rank():
    schools = pd.DataFrame([("11001", "A", "connected"), ("11004", "C", "isolated"),
                            ("11005", "D", "isolated")],
                           columns=["refnis", "municipality", "status"])
    indicators = _indicators()
    indicators.loc[indicators["refnis"] == "11005", ["kansarmoede", "oki"]] = [30.0, 2.0]
    table = need_against_coverage(schools, indicators).set_index("refnis")
    # C and D now have the same values: kansarmoede ranks 3.5 of 5, (3.5 - 1) / 4 = 0.625;
    # oki (0.5, 1, 2, 2) ranks 3.5 of 4, (3.5 - 1) / 3 = 5/6. Need (0.625 + 5/6) / 2.
    assert table.at["11004", "need"] == pytest.approx((0.625 + 5 / 6) / 2)
    assert table.at["11005", "need"] == pytest.approx((0.625 + 5 / 6) / 2)
    assert table.at["11004", "rank"] == 1
    assert table.at["11005", "rank"] == 1
    # A: need (0 + 1/3) / 2 = 1/6 with full coverage, so the third-largest gap.
    assert table.at["11001", "rank"] == 3


def test_read_indicators_real_file(reference_dir):
    table = read_indicators(reference_dir / INDICATORS_FILE)
    assert len(table) == 285
    assert table["refnis"].is_unique
    boom = table.set_index("refnis").loc["11005"]
    assert boom["municipality"] == "Boom"
    raw = {record["naam"]: record for record in
           json.loads((reference_dir / INDICATORS_FILE).read_text(encoding="utf-8"))}
    assert boom["kansarmoede"] == raw["Boom"]["kansarmoede"]
    assert boom["oki"] == raw["Boom"]["oki"]
    assert boom["population"] == raw["Boom"]["inwoners"]


def test_read_indicators_zero_is_missing(reference_dir):
    table = read_indicators(reference_dir / INDICATORS_FILE).set_index("municipality")
    # The file gives oki 0 for Antwerpen and kansarmoede 0 for Herstappe.
    assert math.isnan(table.at["Antwerpen", "oki"])
    assert math.isnan(table.at["Herstappe", "kansarmoede"])
    assert table["kansarmoede"].isna().sum() == 3
    assert table["oki"].isna().sum() == 13


def test_read_indicators_unknown_name(tmp_path, reference_dir):
    path = tmp_path / INDICATORS_FILE
    records = [{"naam": "Boom", "inwoners": 19699, "kansarmoede": 0, "oki": 1.33},
               {"naam": "Atlantis", "inwoners": 10, "kansarmoede": 5.0, "oki": 1.0}]
    path.write_text(json.dumps(records), encoding="utf-8")
    with pytest.raises(InputFileError, match="match no municipality .*: Atlantis"):
        read_indicators(path, reference_dir / "municipalities-2025.csv")


def test_read_indicators_small_file(tmp_path, reference_dir):
    path = tmp_path / INDICATORS_FILE
    records = [{"naam": "boom", "inwoners": 19699, "kansarmoede": 0, "oki": 1.33}]
    path.write_text(json.dumps(records), encoding="utf-8")
    table = read_indicators(path, reference_dir / "municipalities-2025.csv")
    # The name is matched without regard to case; kansarmoede 0 means missing.
    assert list(table["refnis"]) == ["11005"]
    assert math.isnan(table.at[0, "kansarmoede"])
    assert table.at[0, "oki"] == 1.33


def test_read_indicators_missing_municipality_list(tmp_path):
    path = tmp_path / INDICATORS_FILE
    path.write_text("[]", encoding="utf-8")
    with pytest.raises(InputFileError, match="municipalities-2025.csv: is missing"):
        read_indicators(path)


def test_read_indicators_invalid_json(tmp_path, reference_dir):
    path = tmp_path / INDICATORS_FILE
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(InputFileError, match="is not valid JSON"):
        read_indicators(path, reference_dir / "municipalities-2025.csv")
