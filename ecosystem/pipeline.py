"""Run the whole job: read -> build -> analyse -> draw -> report.

The stages are plain functions, so a notebook can call them one by one;
:func:`run` chains them and writes every output into one folder.
"""

from __future__ import annotations

import logging
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx
import pandas as pd
from rdflib import Graph

from ecosystem.analysis.project import project
from ecosystem.analysis.status import assign_statuses
from ecosystem.analysis.tables import municipalities_table, schools_table
from ecosystem.collector import collector_paused
from ecosystem.errors import InputFileError
from ecosystem.graph.build import build_graph
from ecosystem.graph.store import DEFAULT_STORE, write_turtle
from ecosystem.graph.validate import Violation, validate_graph, write_violations_csv
from ecosystem.graph.vocabulary import DEFAULT_BASE
from ecosystem.load_report import LoadReport
from ecosystem.maps.network_map import draw_municipality_map, schools_by_refnis
from ecosystem.model import Ecosystem
from ecosystem.progress import Progress
from ecosystem.rejected_rows import write_rejected_rows
from ecosystem.registers.local_governments import (LOCAL_GOVERNMENTS_FILE,
                                                   read_local_governments)
from ecosystem.registers.municipality_names import municipality_names
from ecosystem.registers.municipalities import (MERGERS_FILE, MUNICIPALITIES_FILE,
                                                read_crosswalk, read_municipalities)
from ecosystem.registers.refnis_vocabulary import REFNIS_FOLDER, read_exact_matches
from ecosystem.registers.schools import SCHOOL_FILES, read_school_export
from ecosystem.reports.index import write_index
from ecosystem.reports.ontology_docs import write_ontology_docs
from ecosystem.resources import example_dir
from ecosystem.survey.load import load_surveys
from ecosystem.survey.read import read_survey

logger = logging.getLogger(__name__)


@dataclass
class RunResult:
    """Outputs and findings of one run."""

    out: Path
    report: LoadReport
    schools: pd.DataFrame
    municipalities: pd.DataFrame
    graph: Graph
    network: nx.MultiDiGraph
    maps: list[Path] = field(default_factory=list)
    violations: list[Violation] = field(default_factory=list)

    @property
    def index(self) -> Path:
        """The page that links every output."""
        return self.out / "index.html"

    @property
    def exit_code(self) -> int:
        """0 when every row loaded and the graph conforms to the shapes, else 1."""
        return 1 if self.report.rejected or self.violations else 0


def example_inputs() -> tuple[Path, list[Path]]:
    """Return the bundled example's register folder and surveys."""
    root = example_dir()
    return root / "reference", [root / "surveys" / "schools", root / "surveys" / "partners.xlsx"]


def read_inputs(reference: Path, surveys: list[Path], report: LoadReport) -> Ecosystem:
    """Read the registers in ``reference`` and every survey into one model."""
    reference = Path(reference)
    for name in (MUNICIPALITIES_FILE, MERGERS_FILE):
        if not (reference / name).is_file():
            raise InputFileError(reference / name, "is missing",
                                 f"Put the official {name} in the folder given to --reference.")
    with collector_paused():
        return _read_all(reference, surveys, report)


def _read_all(reference: Path, surveys: list[Path], report: LoadReport) -> Ecosystem:
    """Read the registers, then the surveys, into a new model."""
    ecosystem = Ecosystem()
    ecosystem.municipalities = read_municipalities(reference / MUNICIPALITIES_FILE, report)
    crosswalk = read_crosswalk(reference / MERGERS_FILE, ecosystem.municipalities, report)
    for path in sorted(reference.glob(SCHOOL_FILES)):
        read_school_export(path, ecosystem, crosswalk, report)
    if (reference / LOCAL_GOVERNMENTS_FILE).is_file():
        read_local_governments(reference / LOCAL_GOVERNMENTS_FILE, ecosystem, crosswalk, report)
    tables = [read_survey(Path(path)) for path in surveys]
    if tables:
        names = municipality_names(crosswalk, reference / REFNIS_FOLDER)
        load_surveys(tables, ecosystem, crosswalk, report, names)
    if (reference / REFNIS_FOLDER).is_dir():
        used = {actor.refnis for actor in ecosystem.actors.values() if actor.refnis}
        ecosystem.municipality_matches = read_exact_matches(reference / REFNIS_FOLDER, used)
    return ecosystem


def analyse(graph: Graph) -> tuple[nx.MultiDiGraph, pd.DataFrame, pd.DataFrame]:
    """Return the projected network with statuses and the school and municipality tables."""
    network = project(graph)
    assign_statuses(network)
    schools = schools_table(network)
    return network, schools, municipalities_table(schools)


def draw_maps(network: nx.MultiDiGraph, municipalities: pd.DataFrame, out: Path,
              progress: Progress | None = None) -> list[Path]:
    """Write one map per municipality that has a school into ``out/maps``."""
    folder = out / "maps"
    folder.mkdir(parents=True, exist_ok=True)
    # Maps of an earlier run in the same folder would sit beside this run's.
    for old in folder.glob("*.html"):
        old.unlink()
    paths = []
    schools = schools_by_refnis(network)
    rows = municipalities.itertuples(index=False)
    for row in (progress or Progress()).items(rows, len(municipalities), "maps"):
        path = folder / f"{row.refnis}.html"
        paths.append(draw_municipality_map(network, row.refnis, row.municipality, path, schools))
    return paths


def write_outputs(result: RunResult) -> None:
    """Write the graph, the tables, the load report and the index into ``result.out``."""
    out = result.out
    write_turtle(result.graph, out / "graph.ttl")
    result.schools.drop(columns="iri").to_csv(out / "schools.csv", index=False,
                                              encoding="utf-8")
    result.municipalities.to_csv(out / "municipalities.csv", index=False, encoding="utf-8")
    result.report.write_csv(out / "load-report.csv")
    rejected = out / "rejected"
    if rejected.is_dir():
        shutil.rmtree(rejected)
    write_rejected_rows(result.report, rejected)
    write_violations_csv(result.violations, out / "validation-report.csv")
    write_ontology_docs(out / "ontology")
    rows = []
    for record in result.municipalities.to_dict("records"):
        record["map"] = f"maps/{record['refnis']}.html"
        rows.append(record)
    write_index(rows, result.index)


STAGES = ("read", "build", "validate", "analyse", "maps", "write")


def run(reference: Path, surveys: list[Path], out: Path, *, base: str = DEFAULT_BASE,
        store: str = DEFAULT_STORE, validate: bool = True,
        progress: Progress | None = None) -> RunResult:
    """Read, build, validate, analyse, draw and report; return what was written.

    ``progress`` hears of each of :data:`STAGES` as it starts. Raises
    :class:`ecosystem.errors.EcosystemError` when the run cannot complete.
    """
    progress = progress or Progress()
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    report = LoadReport()
    progress.stage("read")
    ecosystem = read_inputs(reference, surveys, report)
    progress.stage("build")
    graph = build_graph(ecosystem, base=base, store=store)
    # The graph now has everything the later stages read, so the model's memory can go.
    del ecosystem
    progress.stage("validate")
    # The fast checker gives pySHACL's results (tested) in a fraction of the time.
    violations = validate_graph(graph, engine="fast") if validate else []
    progress.stage("analyse")
    network, schools, municipalities = analyse(graph)
    result = RunResult(out, report, schools, municipalities, graph, network,
                       violations=violations)
    progress.stage("maps")
    result.maps = draw_maps(network, municipalities, out, progress)
    progress.stage("write")
    write_outputs(result)
    progress.close()
    logger.info("Wrote %d maps and %d schools to %s", len(result.maps), len(schools), out)
    return result
