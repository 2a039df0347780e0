"""Run every analysis of the collaboration network and write its tables.

The analysis shows where a local government can act. It gives school
profiles with the welfare types they miss, network metrics per
municipality, the actors whose loss would isolate schools, need against
coverage and suggested partners. Given two survey waves, it also lists what
changed between them.
"""

from __future__ import annotations

import json
import logging
import math
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx
import pandas as pd

from ecosystem.analysis.metrics import municipality_metrics
from ecosystem.analysis.need import need_against_coverage
from ecosystem.analysis.profiles import school_profiles
from ecosystem.analysis.resilience import post_dependence, single_points_of_failure
from ecosystem.analysis.status import assign_statuses
from ecosystem.analysis.suggestions import suggest_partners
from ecosystem.analysis.waves import compare_waves

logger = logging.getLogger(__name__)


@dataclass
class GapAnalysis:
    """The tables of one analysis, as pandas DataFrames."""

    schools: pd.DataFrame
    municipalities: pd.DataFrame
    actors: pd.DataFrame
    posts: pd.DataFrame
    suggestions: pd.DataFrame
    need: pd.DataFrame | None = None
    waves: dict[str, pd.DataFrame] = field(default_factory=dict)

    def tables(self) -> dict[str, pd.DataFrame]:
        """Return every table by the file name it is written under (without extension)."""
        found = {
            "school-profiles": self.schools,
            "municipality-metrics": self.municipalities,
            "single-points-of-failure": self.actors,
            "post-dependence": self.posts,
            "suggestions": self.suggestions,
        }
        if self.need is not None:
            found["need-against-coverage"] = self.need
        for name, table in self.waves.items():
            found[f"waves-{name.replace('_', '-')}"] = table
        return found


def analyse_network(network: nx.MultiDiGraph, *, indicators: pd.DataFrame | None = None,
                    expected: dict[str, tuple[str, ...]] | None = None,
                    compare: tuple[str, str] | None = None) -> GapAnalysis:
    """Return every analysis table of a projected network (see :func:`project`).

    ``indicators`` (from :func:`read_indicators`) adds need against coverage;
    ``expected`` sets the welfare types each municipality's schools should
    reach; ``compare`` names two survey waves (school years) to compare.
    """
    assign_statuses(network)
    schools = school_profiles(network, expected)
    analysis = GapAnalysis(
        schools=schools,
        municipalities=municipality_metrics(network),
        actors=single_points_of_failure(network),
        posts=post_dependence(network),
        suggestions=suggest_partners(network, expected),
    )
    if indicators is not None:
        analysis.need = need_against_coverage(schools, indicators)
    if compare is not None:
        analysis.waves = compare_waves(network, *compare)
    logger.info("Analysed %d schools in %d municipalities", len(schools),
                len(analysis.municipalities))
    return analysis


def write_analysis(analysis: GapAnalysis, folder: Path) -> list[Path]:
    """Write each table as UTF-8 CSV and as JSON (a list of records); return the files."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, table in analysis.tables().items():
        csv_path = folder / f"{name}.csv"
        table.to_csv(csv_path, index=False, encoding="utf-8")
        json_path = folder / f"{name}.json"
        records = [{key: _plain(value) for key, value in record.items()}
                   for record in table.to_dict("records")]
        json_path.write_text(json.dumps(records, ensure_ascii=False, indent=1),
                             encoding="utf-8")
        written += [csv_path, json_path]
    return written


def _plain(value):
    """Return a JSON-ready value: NaN and missing values become null, numpy types Python ones."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if value is pd.NA or value is pd.NaT:
        return None
    if hasattr(value, "item"):
        value = value.item()
        if isinstance(value, float) and math.isnan(value):
            return None
    return value
