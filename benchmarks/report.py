"""Write the results page, benchmarks/RESULTS.md, from the measurements."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from benchmarks.measure import StageRuns
from benchmarks.stages import MEMORY_BY_STAGE, STAGES, STORES, query_names
from benchmarks.targets import (BROWSER, BULK_LOAD, PIPELINE, PIPELINE_WITH_SHACL, Target,
                                NOT_PRODUCT_STAGES)


@dataclass
class ResultsPage:
    """Everything the results page shows."""

    machine: dict[str, str]
    date: str
    command: str
    runs: StageRuns
    large: StageRuns | None
    input_counts: dict[str, int]
    large_counts: dict[str, int] | None
    targets: list[Target]
    profiles: dict[str, str]
    repeat: int
    duration_min: float


def write_results(page: ResultsPage, path: Path) -> Path:
    """Write the page as Markdown to ``path``."""
    sections = [_header(page), _input(page), _stage_table(page.runs, page.repeat),
                _query_table(page.runs), _ratios(page), _targets(page.targets),
                _memory_by_stage(page.runs)]
    if page.large is not None:
        sections.append(_large_table(page.runs, page.large))
    sections.append(_facts(page.runs))
    sections.append(_profiles(page.profiles))
    path.write_text("\n\n".join(s for s in sections if s) + "\n", encoding="utf-8")
    return path


def _header(page: ResultsPage) -> str:
    lines = ["# Benchmark results", "",
             "Written by `benchmarks/run.py`; `benchmarks/README.md` says what each stage "
             "measures. Every repetition of a stage ran in a fresh Python process.", "",
             f"- date: {page.date}", f"- command: `{page.command}`",
             f"- duration of the whole run, profiles included: {page.duration_min:.0f} min", "",
             "| machine | |", "|---|---|"]
    lines += [f"| {name} | {value} |" for name, value in page.machine.items()]
    return "\n".join(lines)


def _input(page: ResultsPage) -> str:
    lines = ["## Input", "",
             "Synthetic input from `benchmarks/generate.py` (fixed seed).", "",
             "| | Flanders scale |" + (" larger scale |" if page.large_counts else ""),
             "|---|---:|" + ("---:|" if page.large_counts else "")]
    for name, count in page.input_counts.items():
        large = f" {page.large_counts.get(name, 0):,} |" if page.large_counts else ""
        lines.append(f"| {name} | {count:,} |{large}")
    triples = _triples(page.runs)
    if not triples:
        return "\n".join(lines)
    row = f"| triples in the graph | {triples:,} |"
    if page.large_counts and page.large:
        large = _triples(page.large)
        row += f" {large:,} |" if large else " not built |"
    lines.append(row)
    return "\n".join(lines)


def _triples(runs: StageRuns) -> int | None:
    """Return the number of triples a stage of ``runs`` built, from whichever stage ran."""
    for stage in ("build-oxigraph", "build-memory", "pipeline"):
        triples = runs.facts.get(stage, {}).get("triples")
        if triples:
            return triples
    return None


def _seconds(value: float) -> str:
    return f"{value:.3f}" if value < 10 else f"{value:.1f}"


def _stage_table(runs: StageRuns, repeat: int) -> str:
    lines = [f"## Stages at scale {runs.scale:g} ({repeat} repetition"
             f"{'s' if repeat != 1 else ''})", "",
             "Peak MB is the maximum resident memory of the stage's process, which also "
             "holds the input it built untimed; rise MB is how much that peak grew during "
             "the timed call.", "",
             "| stage | median s | spread s (min–max) | peak MB | rise MB | runs |",
             "|---|---:|---:|---:|---:|---:|"]
    for measurement in runs.measurements.values():
        if measurement.name in query_names_all():
            continue
        low, high = measurement.spread
        lines.append(f"| {measurement.name} | {_seconds(measurement.median)} | "
                     f"{_seconds(low)}–{_seconds(high)} | {measurement.peak:.0f} | "
                     f"{max(measurement.rise_mb):.0f} | {len(measurement.seconds)} |")
    for stage, error in runs.errors.items():
        label = error if error.startswith("stopped") else f"failed: {error}"
        lines.append(f"| {stage} | {label} | | | | |")
    for stage, reason in runs.skipped.items():
        lines.append(f"| {stage} | skipped: {reason} | | | | |")
    return "\n".join(lines)


def query_names_all() -> set[str]:
    """Return the measurement names of the queries."""
    return {f"{query} ({store})" for query in query_names() for store in STORES}


def query_total_ms(runs: StageRuns, store: str) -> float | None:
    """Return the sum of the median times of every query on ``store``, or None if any is missing."""
    medians = [runs.median(f"{query} ({store})") for query in query_names()]
    if any(median is None for median in medians):
        return None
    return sum(medians) * 1000


def _query_table(runs: StageRuns) -> str:
    lines = ["## SPARQL queries", "",
             "Each query that `ecosystem/analysis/project.py` runs to project the graph "
             "onto networkx, run once per process on the built graph and read to the last "
             "row as plain strings, in milliseconds (median, with the spread).", "",
             "| query | rows | " + " | ".join(f"{store} ms" for store in STORES) + " |",
             "|---|---:|" + "---:|" * len(STORES)]
    for query in query_names():
        cells = []
        for store in STORES:
            measurement = runs.measurements.get(f"{query} ({store})")
            if measurement is None:
                cells.append("not run")
                continue
            low, high = measurement.spread
            cells.append(f"{measurement.median * 1000:.0f} ({low * 1000:.0f}–{high * 1000:.0f})")
        rows = runs.facts.get("queries-oxigraph", {}).get(f"{query} rows", "")
        lines.append(f"| {query} | {rows} | " + " | ".join(cells) + " |")
    totals = [query_total_ms(runs, store) for store in STORES]
    lines.append(f"| all {len(query_names())} queries | | " + " | ".join(
        "not run" if total is None else f"{total:.0f}" for total in totals) + " |")
    return "\n".join(lines)


def _ratios(page: ResultsPage) -> str:
    lines = ["## Ratios", ""]
    lines += _floor_ratios(page.runs)
    lines += _store_ratios(page.runs)
    lines += _peak_and_browser(page.runs)
    if page.large is not None:
        lines += _scale_ratios(page.runs, page.large)
    return "\n".join(lines)


def _floor_ratios(runs: StageRuns) -> list[str]:
    lines = []
    bulk = runs.median(BULK_LOAD)
    for name in (PIPELINE, PIPELINE_WITH_SHACL):
        seconds = runs.median(name)
        if seconds is not None and bulk:
            lines.append(f"- {name} over Oxigraph's bulk load of the same triples: "
                         f"{seconds / bulk:.1f}× ({seconds:.1f} s / {bulk:.2f} s)")
    return lines


def _store_ratios(runs: StageRuns) -> list[str]:
    lines = []
    memory, oxigraph = runs.median("build (memory)"), runs.median("build (oxigraph)")
    if memory and oxigraph:
        lines.append(f"- build on Oxigraph over build in memory: {oxigraph / memory:.2f}×")
    memory, oxigraph = (query_total_ms(runs, store) for store in ("memory", "oxigraph"))
    if memory and oxigraph:
        lines.append(f"- all projection queries on Oxigraph over the memory store: "
                     f"{oxigraph / memory:.2f}× ({oxigraph:.0f} ms / {memory:.0f} ms)")
    return lines


def _peak_and_browser(runs: StageRuns) -> list[str]:
    lines = []
    peaks = {m.stage: m.peak for m in runs.measurements.values()
             if m.stage not in NOT_PRODUCT_STAGES}
    if peaks:
        worst = max(peaks, key=peaks.get)
        lines.append(f"- peak memory of the product: {peaks[worst]:.0f} MB (stage {worst})")
    browser = runs.median(BROWSER)
    if browser is not None:
        lines.append(f"- time until the largest map is stable in Chromium: {browser:.2f} s")
    return lines


def _scale_ratios(runs: StageRuns, large: StageRuns) -> list[str]:
    lines = []
    for measurement in large.measurements.values():
        small = runs.median(measurement.name)
        if small and measurement.name not in query_names_all():
            lines.append(f"- {measurement.name} at scale {large.scale:g} over scale "
                         f"{runs.scale:g}: {measurement.median / small:.1f}×")
    return lines


def verdict(target: Target) -> str:
    """Return "met", "not met" or "not measured" for a target."""
    if target.met is None:
        return "not measured"
    return "met" if target.met else "not met"


def _targets(targets: list[Target]) -> str:
    lines = ["## Targets", "", "| target | measured | result |", "|---|---|---|"]
    for target in targets:
        lines.append(f"| {target.text} | {target.measured} | **{verdict(target)}** |")
    return "\n".join(lines)


def _memory_by_stage(runs: StageRuns) -> str:
    rows = runs.facts.get("pipeline", {}).get(MEMORY_BY_STAGE)
    if not rows:
        return ""
    lines = ["## Memory of the pipeline, stage by stage", "",
             "The pipeline without SHACL (its last repetition): the resident memory of its "
             "process as each stage ended, and the peak up to then. Python keeps the memory it "
             "frees for its later objects, so resident memory rarely falls. Oxigraph's store "
             "is written in Rust: its memory shows in these figures, not in tracemalloc's.", "",
             "| stage | resident MB at its end | peak MB up to its end | peak rise MB |",
             "|---|---:|---:|---:|"]
    previous = 0
    for row in rows:
        rise = row["peak_mb"] - previous if previous else 0
        lines.append(f"| {row['stage']} | {row['resident_mb']} | {row['peak_mb']} | {rise} |")
        previous = row["peak_mb"]
    return "\n".join(lines)


def _large_table(runs: StageRuns, large: StageRuns) -> str:
    lines = [f"## Larger scale ({large.scale:g}×, one run)", "",
             f"| stage | s | peak MB | scale {runs.scale:g} median s | ratio |",
             "|---|---:|---:|---:|---:|"]
    for measurement in large.measurements.values():
        if measurement.name in query_names_all():
            continue
        small = runs.median(measurement.name)
        ratio = f"{measurement.median / small:.1f}×" if small else ""
        small_text = _seconds(small) if small else ""
        lines.append(f"| {measurement.name} | {_seconds(measurement.median)} | "
                     f"{measurement.peak:.0f} | {small_text} | {ratio} |")
    large_total, small_total = (query_total_ms(scale, "oxigraph") for scale in (large, runs))
    if large_total and small_total:
        lines.append(f"| all projection queries (oxigraph) | {large_total / 1000:.3f} | | "
                     f"{small_total / 1000:.3f} | {large_total / small_total:.1f}× |")
    for stage, error in large.errors.items():
        lines.append(f"| {stage} | failed: {error} | | | |")
    return "\n".join(lines)


def _facts(runs: StageRuns) -> str:
    lines = ["## What the stages reported", "", "| stage | facts |", "|---|---|"]
    for stage in STAGES:
        facts = runs.facts.get(stage)
        if facts:
            text = ", ".join(f"{name}: {value}" for name, value in facts.items()
                             if name != MEMORY_BY_STAGE)
            lines.append(f"| {stage} | {text} |")
    return "\n".join(lines)


def _profiles(profiles: dict[str, str]) -> str:
    if not profiles:
        return ""
    lines = ["## Profiles of the missed targets", "",
             "cProfile lists the 15 functions with the highest cumulative time in the timed "
             "call; tracemalloc lists the 15 source lines whose allocations were still alive "
             "at its end. tracemalloc sees only Python's allocations, not those of "
             "Oxigraph's store, which is written in Rust. Profiled runs are slower and their "
             "times are not in the tables above."]
    for heading, text in profiles.items():
        lines += ["", f"### {heading}", "", "```", text.rstrip(), "```"]
    return "\n".join(lines)
