"""Run one stage of the product in this process and write its measurements as JSON.

``benchmarks.run`` starts this module once per stage and repetition, so
each stage starts cold and its peak memory is its own. A stage first builds
its input through the product's API (untimed), then times the product's
call. Stages that do not name a store use the product's default store. Stages reuse what earlier ones left in the work folder (the model
pickled after reading, the analysed network, the Turtle file, the largest
map) and make it themselves when it is missing.

Usage: python -m benchmarks.stages STAGE --input DIR --work DIR --result FILE
"""

from __future__ import annotations

import argparse
import json
import logging
import pickle
import resource
import sys
import tracemalloc
from dataclasses import asdict, dataclass
from pathlib import Path

from benchmarks.timing import Recorder, StageTimeout, peak_rss_mb, resident_mb
from ecosystem.progress import Progress
from ecosystem.graph.store import DEFAULT_STORE, triple_count

logger = logging.getLogger(__name__)



def query_names() -> tuple[str, ...]:
    """Return the names of the SPARQL queries the projection runs."""
    from ecosystem.analysis.project import queries

    return tuple(queries())

STORES = ("memory", "oxigraph")


@dataclass(frozen=True)
class Context:
    """The input folder of one scale and the work folder its stages share."""

    input: Path
    work: Path

    @property
    def reference(self) -> Path:
        """Folder of the registers."""
        return self.input / "reference"

    @property
    def surveys(self) -> list[Path]:
        """The schools' and the partners' survey folders."""
        return [self.input / "surveys" / "schools", self.input / "surveys" / "partners"]

    @property
    def turtle(self) -> Path:
        """The graph serialised as Turtle by the serialise stage."""
        return self.work / "graph.ttl"

    @property
    def largest_map(self) -> Path:
        """The map of the municipality with the most schools."""
        return self.work / "largest-map.html"


def _read(context: Context):
    from ecosystem.load_report import LoadReport
    from ecosystem.pipeline import read_inputs

    report = LoadReport()
    return read_inputs(context.reference, context.surveys, report), report


def _ecosystem(context: Context):
    """Return the model of the input, from the pickle the read stage left, or read anew."""
    path = context.work / "ecosystem.pickle"
    if path.is_file():
        return pickle.loads(path.read_bytes())
    ecosystem, _report = _read(context)
    path.write_bytes(pickle.dumps(ecosystem, protocol=pickle.HIGHEST_PROTOCOL))
    return ecosystem


def _graph(context: Context, store: str = DEFAULT_STORE):
    from ecosystem.graph.build import build_graph

    return build_graph(_ecosystem(context), store=store)


def _analysis(context: Context):
    """Return the analysed network and municipality table, from the pickle or computed."""
    from ecosystem.pipeline import analyse

    path = context.work / "analysis.pickle"
    if path.is_file():
        return pickle.loads(path.read_bytes())
    network, _schools, municipalities = analyse(_graph(context))
    path.write_bytes(pickle.dumps((network, municipalities), protocol=pickle.HIGHEST_PROTOCOL))
    return network, municipalities


def _largest(municipalities) -> tuple[str, str]:
    """Return the REFNIS code and name of the municipality with the most schools."""
    row = municipalities.sort_values(["schools", "refnis"], ascending=[False, True]).iloc[0]
    return str(row["refnis"]), str(row["municipality"])


def stage_read(context: Context, recorder: Recorder) -> None:
    """Read the registers and both surveys into the model."""
    with recorder.measure("read"):
        ecosystem, report = _read(context)
    recorder.facts.update(actors=len(ecosystem.actors), links=len(ecosystem.links),
                          memberships=len(ecosystem.memberships), posts=len(ecosystem.posts),
                          rejected_rows=len(report.rejected))
    path = context.work / "ecosystem.pickle"
    if not path.is_file():
        path.write_bytes(pickle.dumps(ecosystem, protocol=pickle.HIGHEST_PROTOCOL))


def _stage_build(store: str):
    def stage(context: Context, recorder: Recorder) -> None:
        from ecosystem.graph.build import build_graph

        ecosystem = _ecosystem(context)
        with recorder.measure(f"build ({store})"):
            graph = build_graph(ecosystem, store=store)
        recorder.facts["triples"] = triple_count(graph)
    stage.__doc__ = f"Build the RDF graph in the {store} store."
    return stage


def _stage_validate(engine: str):
    def stage(context: Context, recorder: Recorder) -> None:
        from ecosystem.graph.validate import validate_graph

        graph = _graph(context)
        with recorder.measure(f"validate ({engine})"):
            violations = validate_graph(graph, engine=engine)
        recorder.facts["violations"] = len(violations)
    stage.__doc__ = f"Check the graph against the SHACL shapes with the {engine} engine."
    return stage


def stage_analyse(context: Context, recorder: Recorder) -> None:
    """Project the graph onto networkx, assign statuses and make the tables."""
    from ecosystem.pipeline import analyse

    graph = _graph(context)
    with recorder.measure("analyse"):
        network, schools, municipalities = analyse(graph)
    recorder.facts.update(nodes=network.number_of_nodes(), edges=network.number_of_edges(),
                          schools=len(schools))
    path = context.work / "analysis.pickle"
    if not path.is_file():
        path.write_bytes(pickle.dumps((network, municipalities), protocol=pickle.HIGHEST_PROTOCOL))


def stage_maps(context: Context, recorder: Recorder) -> None:
    """Draw the map of every municipality that has a school."""
    from ecosystem.pipeline import draw_maps

    network, municipalities = _analysis(context)
    with recorder.measure("maps (all)"):
        paths = draw_maps(network, municipalities, context.work / "maps-run")
    recorder.facts["maps"] = len(paths)
    recorder.facts["megabytes"] = round(sum(p.stat().st_size for p in paths) / 2**20, 1)


def stage_largest_map(context: Context, recorder: Recorder) -> None:
    """Draw the map of the municipality with the most schools."""
    from ecosystem.maps.network_map import draw_municipality_map, select_municipality

    network, municipalities = _analysis(context)
    refnis, name = _largest(municipalities)
    with recorder.measure("map (largest)"):
        draw_municipality_map(network, refnis, name, context.largest_map)
    part = select_municipality(network, refnis)
    recorder.facts.update(refnis=refnis, municipality=name, actors=part.number_of_nodes(),
                          links=part.number_of_edges(),
                          megabytes=round(context.largest_map.stat().st_size / 2**20, 2))


def stage_serialise(context: Context, recorder: Recorder) -> None:
    """Write the graph as Turtle, as the pipeline does."""
    from ecosystem.graph.store import write_turtle

    graph = _graph(context)
    target = context.work / "graph-run.ttl"
    with recorder.measure("serialise"):
        write_turtle(graph, target)
    recorder.facts["megabytes"] = round(target.stat().st_size / 2**20, 1)
    if not context.turtle.is_file():
        target.replace(context.turtle)


def _stage_queries(store: str):
    def stage(context: Context, recorder: Recorder) -> None:
        from ecosystem.analysis.project import queries, select

        graph = _graph(context, store)
        for name, query in queries().items():
            with recorder.measure(f"{name} ({store})"):
                rows = list(select(graph, query))
            recorder.facts[f"{name} rows"] = len(rows)
    stage.__doc__ = f"Run each SPARQL query of the analysis on the {store} store."
    return stage


MEMORY_BY_STAGE = "memory by stage"


class MemoryByStage(Progress):
    """Progress reporter that records resident and peak memory as each pipeline stage ends."""

    def __init__(self) -> None:
        self.rows: list[dict] = []
        self._stage = "imports"

    def stage(self, name: str) -> None:
        self._note()
        self._stage = name

    def close(self) -> None:
        self._note()

    def _note(self) -> None:
        self.rows.append({"stage": self._stage, "resident_mb": round(resident_mb()),
                          "peak_mb": round(peak_rss_mb())})


def _stage_pipeline(validate: bool):
    def stage(context: Context, recorder: Recorder) -> None:
        from ecosystem.pipeline import run

        label = "pipeline (with SHACL)" if validate else "pipeline (no SHACL)"
        memory = MemoryByStage()
        with recorder.measure(label):
            result = run(context.reference, context.surveys, context.work / "pipeline-out",
                         validate=validate, progress=memory)
        recorder.facts.update(exit_code=result.exit_code, maps=len(result.maps),
                              triples=triple_count(result.graph))
        recorder.facts[MEMORY_BY_STAGE] = memory.rows
    stage.__doc__ = ("Run ecosystem.pipeline.run " + ("with" if validate else "without")
                     + " SHACL validation.")
    return stage


def stage_bulk_load(context: Context, recorder: Recorder) -> None:
    """Bulk-load the serialised Turtle into an in-memory Oxigraph store."""
    from pyoxigraph import RdfFormat, Store

    if not context.turtle.is_file():
        from ecosystem.graph.store import write_turtle

        write_turtle(_graph(context, "oxigraph"), context.turtle)
    store = Store()
    with recorder.measure("Oxigraph bulk load"):
        store.bulk_load(path=str(context.turtle), format=RdfFormat.TURTLE)
    recorder.facts["quads"] = len(store)


def stage_browser(context: Context, recorder: Recorder) -> None:
    """Open the largest map in headless Chromium and wait until it is drawn."""
    from benchmarks.browser import time_map_ready

    if not context.largest_map.is_file():
        from ecosystem.maps.network_map import draw_municipality_map

        network, municipalities = _analysis(context)
        refnis, name = _largest(municipalities)
        draw_municipality_map(network, refnis, name, context.largest_map)
    recorder.seconds["largest map stable in Chromium"], facts = time_map_ready(
        context.largest_map)
    recorder.facts.update(facts)


STAGES = {
    "read": stage_read,
    "build-memory": _stage_build("memory"),
    "build-oxigraph": _stage_build("oxigraph"),
    "validate-fast": _stage_validate("fast"),
    "validate-pyshacl": _stage_validate("pyshacl"),
    "analyse": stage_analyse,
    "serialise": stage_serialise,
    "maps": stage_maps,
    "map-largest": stage_largest_map,
    "queries-memory": _stage_queries("memory"),
    "queries-oxigraph": _stage_queries("oxigraph"),
    "pipeline": _stage_pipeline(False),
    "pipeline-validate": _stage_pipeline(True),
    "bulk-load": stage_bulk_load,
    "browser": stage_browser,
}
# Chromium reserves far more address space than it uses, so it runs without the limit.
UNLIMITED_STAGES = ("browser",)


@dataclass
class StageResult:
    """Measurements of one child process, written as JSON for the parent."""

    stage: str
    seconds: dict
    rise_mb: dict
    peak_mb: float
    facts: dict
    profiles: dict
    error: str = ""


def run_stage(name: str, context: Context, recorder: Recorder) -> StageResult:
    """Run stage ``name`` and return its result; an exception becomes ``error``.

    A measured call stopped at the recorder's time limit keeps the time it
    ran, a lower bound, and its profile.
    """
    error = ""
    try:
        STAGES[name](context, recorder)
    except StageTimeout:
        error = f"stopped after {recorder.time_limit_s} s (--timeout); its time is a lower bound"
    except MemoryError:
        error = "ran out of memory (the limit is --memory-limit-gb of benchmarks.run)"
    except Exception as exception:  # the parent reports every failure of a stage
        logger.exception("Stage %s failed", name)
        error = f"{type(exception).__name__}: {exception}"
    return StageResult(name, recorder.seconds, recorder.rise_mb, peak_rss_mb(),
                       recorder.facts, recorder.profiles, error)


def main(argv: list[str] | None = None) -> int:
    """Run one stage and write its result file."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("stage", choices=sorted(STAGES))
    parser.add_argument("--input", type=Path, required=True,
                        help="folder with reference/ and surveys/ from benchmarks.generate")
    parser.add_argument("--work", type=Path, required=True,
                        help="folder for files that the stages share")
    parser.add_argument("--result", type=Path, required=True, help="JSON file to write")
    parser.add_argument("--profile", action="store_true",
                        help="profile the measured part with cProfile")
    parser.add_argument("--trace-memory", action="store_true",
                        help="trace allocations with tracemalloc from the start")
    parser.add_argument("--time-limit-s", type=int, default=0,
                        help="stop each measured call after this many seconds (0: no limit)")
    parser.add_argument("--memory-limit-mb", type=int, default=0,
                        help="address-space limit of this process in MiB (0: none)")
    options = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    if options.memory_limit_mb and options.stage not in UNLIMITED_STAGES:
        limit = options.memory_limit_mb * 2**20
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    if options.trace_memory:
        tracemalloc.start()
    options.work.mkdir(parents=True, exist_ok=True)
    recorder = Recorder(profile=options.profile, trace_memory=options.trace_memory,
                        time_limit_s=options.time_limit_s)
    result = run_stage(options.stage, Context(options.input, options.work), recorder)
    options.result.write_text(json.dumps(asdict(result), indent=1), encoding="utf-8")
    return 1 if result.error else 0


if __name__ == "__main__":
    sys.exit(main())
