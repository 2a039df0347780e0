"""Measure every stage of the product on synthetic input and write benchmarks/RESULTS.md.

Each repetition of each stage runs in a fresh Python process, so that its
peak memory is its own. See benchmarks/README.md for what each stage measures.

Usage: python -m benchmarks.run [--repeat 3] [--large] [--stages read,validate]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import shlex
import shutil
import sys
import tempfile
from dataclasses import asdict
from pathlib import Path

from benchmarks.browser import skip_reason
from benchmarks.generate import DEFAULT_SEED, generate
from benchmarks.machine import describe_machine
from benchmarks.measure import REPOSITORY, ChildOptions, StageRuns, run_child
from benchmarks.report import ResultsPage, verdict, write_results
from benchmarks.stages import STAGES
from benchmarks.targets import Target, check_targets

logger = logging.getLogger(__name__)

DEFAULT_OUTPUT = REPOSITORY / "benchmarks" / "RESULTS.md"
DEFAULT_WORK = Path(tempfile.gettempdir()) / "ecosystem-benchmarks"
# The order matters: read leaves the pickled model, analyse the network,
# serialise the Turtle file and map-largest the map that later stages reuse.
STAGE_ORDER = ("read", "build-memory", "build-oxigraph", "validate-fast", "validate-pyshacl",
               "analyse", "serialise",
               "maps", "map-largest", "queries-memory", "queries-oxigraph", "pipeline",
               "pipeline-validate", "bulk-load", "browser")
# At the larger scale: the stages that the scaling target and the ratios need.
# The memory store and pySHACL are left out: at Flanders scale pySHACL alone took 2 GB,
# so at ten times the size it would likely pass the default memory limit.
LARGE_STAGES = ("read", "build-oxigraph", "validate-fast", "analyse", "serialise", "maps",
                "queries-oxigraph", "pipeline", "bulk-load")


def measure_scale(stages: tuple[str, ...], options: ChildOptions, scale: float,
                  repeat: int) -> StageRuns:
    """Run every stage ``repeat`` times, each in its own process; return all measurements."""
    runs = StageRuns(scale)
    reason = skip_reason()
    for repetition in range(repeat):
        for stage in stages:
            if stage == "browser" and reason:
                runs.skipped[stage] = reason
                continue
            logger.info("Scale %g, repetition %d of %d: %s", scale, repetition + 1, repeat, stage)
            runs.add(run_child(stage, options))
    return runs


def collect_profiles(targets: list[Target], runs: StageRuns, flanders: ChildOptions,
                     large: ChildOptions | None, profile_limit_s: float) -> dict[str, str]:
    """Profile the stage behind each missed target; return the text under its heading.

    A profiled call is stopped after ``profile_limit_s`` seconds, and its
    profile then covers that much of the call.
    """
    profiles: dict[str, str] = {}
    for target in targets:
        if target.met is not False:
            continue
        options = large if target.large else flanders
        for stage in target.profile:
            result = run_child(stage, options, profile=target.how == "cpu",
                               trace_memory=target.how == "memory",
                               time_limit_s=min(options.timeout_s, profile_limit_s))
            kind = "tracemalloc" if target.how == "memory" else "cProfile"
            where = " at the larger scale" if target.large else ""
            stopped = result["error"].startswith("stopped")
            if result["error"] and not stopped:
                profiles[f"{stage}{where} ({kind})"] = f"the profiled run failed: {result['error']}"
            # The time limit stops the call measured last; the calls before it completed.
            last = list(result["seconds"])[-1] if result["seconds"] else None
            for name, text in result["profiles"].items():
                note = ""
                if stopped and name == last:
                    note = f"The call was stopped after {result['seconds'][name]:.0f} s; this " \
                           "is the profile up to there.\n\n"
                profiles[f"{name}{where} ({kind})"] = note + text
        if "Chromium" in target.text:
            profiles["largest map in Chromium (page timings)"] = _browser_breakdown(runs)
    return profiles


def _browser_breakdown(runs: StageRuns) -> str:
    """Return the page timings and sizes that explain the browser's time."""
    facts = dict(runs.facts.get("map-largest", {}))
    facts.update(runs.facts.get("browser", {}))
    return "\n".join(f"{name}: {value}" for name, value in facts.items())


def _stage_list(text: str | None) -> tuple[str, ...]:
    if not text:
        return STAGE_ORDER
    chosen = [name.strip() for name in text.split(",") if name.strip()]
    unknown = [name for name in chosen if name not in STAGES]
    if unknown:
        raise ValueError(f"unknown stage(s) {', '.join(unknown)}; choose from "
                         f"{', '.join(STAGE_ORDER)}")
    return tuple(name for name in STAGE_ORDER if name in chosen)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3,
                        help="repetitions of each stage at Flanders scale (default: 3)")

    parser.add_argument("--large", action="store_true",
                        help="also run the larger scale once (about 16 minutes and 7 GB on "
                             "a 2-core machine)")
    parser.add_argument("--scale", type=float, default=1.0,
                        help="size of the main run relative to Flanders (default: 1)")
    parser.add_argument("--large-scale", type=float, default=10.0,
                        help="size of the --large run relative to Flanders (default: 10)")
    parser.add_argument("--stages", help="comma-separated stages to run (default: all: "
                                         f"{','.join(STAGE_ORDER)})")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED,
                        help=f"seed of the input generator (default: {DEFAULT_SEED})")

    parser.add_argument("--work", type=Path, default=DEFAULT_WORK,
                        help=f"folder for the input and intermediate files; emptied first "
                             f"(default: {DEFAULT_WORK})")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT,
                        help=f"results page to write (default: {DEFAULT_OUTPUT})")

    parser.add_argument("--timeout", type=float, default=7200,
                        help="seconds after which a stage is stopped; its time then counts "
                             "as a lower bound (default: 7200)")
    parser.add_argument("--memory-limit-gb", type=float, default=16,
                        help="address-space limit of each stage process in GiB, so a stage "
                             "that grows too large fails instead of exhausting the machine "
                             "(default: 16; 0 for none)")
    parser.add_argument("--profile-limit", type=float, default=600,
                        help="seconds after which a profiled call is stopped; its profile then "
                             "covers that part (default: 600)")
    parser.add_argument("--no-profile", action="store_true",
                        help="do not profile the stages behind missed targets")
    return parser


def _prepare(work: Path, name: str, scale: float, options) -> tuple[ChildOptions, dict]:
    """Generate the input of one scale into an emptied folder; return how to run its stages."""
    folder = work / name
    if folder.exists():
        shutil.rmtree(folder)
    generated = generate(folder / "input", scale, options.seed)
    child = ChildOptions(folder / "input", folder / "stages", options.timeout,
                         int(options.memory_limit_gb * 1024))
    return child, generated.counts


def main(argv: list[str] | None = None) -> int:
    """Run the benchmarks and write the results page."""
    arguments = sys.argv[1:] if argv is None else argv
    parser = _parser()
    options = parser.parse_args(arguments)
    if options.repeat < 1:
        parser.error(f"invalid --repeat {options.repeat}: it must be 1 or more")
    try:
        stages = _stage_list(options.stages)
    except ValueError as error:
        parser.error(str(error))
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    started = dt.datetime.now(dt.timezone.utc)

    flanders, counts = _prepare(options.work, "flanders", options.scale, options)
    runs = measure_scale(stages, flanders, options.scale, options.repeat)
    large = large_runs = large_counts = None
    if options.large:
        large, large_counts = _prepare(options.work, "large", options.large_scale, options)
        large_stages = tuple(stage for stage in LARGE_STAGES if stage in stages)
        large_runs = measure_scale(large_stages, large, options.large_scale, 1)

    targets = check_targets(runs, large_runs)
    profiles = {} if options.no_profile else collect_profiles(targets, runs, flanders, large,
                                                             options.profile_limit)
    page = ResultsPage(
        machine=describe_machine(REPOSITORY),
        date=f"{started:%Y-%m-%d %H:%M} UTC",
        command=" ".join(["python -m benchmarks.run", *map(shlex.quote, arguments)]),
        runs=runs, large=large_runs, input_counts=counts, large_counts=large_counts,
        targets=targets, profiles=profiles, repeat=options.repeat,
        duration_min=(dt.datetime.now(dt.timezone.utc) - started).total_seconds() / 60,
    )
    path = write_results(page, options.output)

    raw = options.work / "measurements.json"
    raw.write_text(json.dumps({"flanders": asdict(runs),
                               "large": asdict(large_runs) if large_runs else None},
                              indent=1), encoding="utf-8")
    logger.info("Wrote every measurement to %s", raw)
    for target in targets:
        print(f"{verdict(target):>12}  {target.text}: {target.measured}")
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
