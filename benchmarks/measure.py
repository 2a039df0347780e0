"""Run stages in child processes and summarise their repetitions."""

from __future__ import annotations

import json
import logging
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

logger = logging.getLogger(__name__)

REPOSITORY = Path(__file__).resolve().parent.parent
# Untimed setups are not limited, so the child may run this much longer than
# its time limit before the parent stops it.
CHILD_GRACE_S = 3600


@dataclass
class Measurement:
    """Every repetition of one timed section, with the peak memory of its processes."""

    name: str
    stage: str
    seconds: list[float] = field(default_factory=list)
    peak_mb: list[float] = field(default_factory=list)
    rise_mb: list[float] = field(default_factory=list)

    @property
    def median(self) -> float:
        """Median seconds over the repetitions."""
        return statistics.median(self.seconds)

    @property
    def spread(self) -> tuple[float, float]:
        """Fastest and slowest repetition, in seconds."""
        return min(self.seconds), max(self.seconds)

    @property
    def peak(self) -> float:
        """Largest peak resident memory of the stage's processes, in MiB."""
        return max(self.peak_mb)


@dataclass
class StageRuns:
    """All measurements of all stages at one scale, and what the stages reported."""

    scale: float
    measurements: dict[str, Measurement] = field(default_factory=dict)
    facts: dict[str, dict] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)
    profiles: dict[str, str] = field(default_factory=dict)
    skipped: dict[str, str] = field(default_factory=dict)

    def add(self, result: dict) -> None:
        """Record one child's result."""
        stage = result["stage"]
        if result["error"]:
            self.errors[stage] = result["error"]
        self.facts.setdefault(stage, {}).update(result["facts"])
        for name, seconds in result["seconds"].items():
            measurement = self.measurements.setdefault(name, Measurement(name, stage))
            measurement.seconds.append(seconds)
            measurement.peak_mb.append(result["peak_mb"])
            measurement.rise_mb.append(result["rise_mb"].get(name, 0.0))

    def median(self, name: str) -> float | None:
        """Return the median seconds of measurement ``name``, or ``None`` when it never ran."""
        measurement = self.measurements.get(name)
        return measurement.median if measurement and measurement.seconds else None


@dataclass(frozen=True)
class ChildOptions:
    """How to start a stage's child process."""

    input: Path
    work: Path
    timeout_s: float
    memory_limit_mb: int = 0


def run_child(stage: str, options: ChildOptions, *, profile: bool = False,
              trace_memory: bool = False, time_limit_s: float | None = None) -> dict:
    """Run ``stage`` in a fresh Python process and return its result.

    A child that crashes, is killed or runs past the timeout gives a result
    with ``error`` set and no timings.
    """
    with tempfile.TemporaryDirectory(prefix="bench-result-") as folder:
        result_file = Path(folder) / "result.json"
        command = [sys.executable, "-m", "benchmarks.stages", stage, "--input", str(options.input),
                   "--work", str(options.work), "--result", str(result_file),
                   "--memory-limit-mb", str(options.memory_limit_mb),
                   "--time-limit-s", str(int(time_limit_s or options.timeout_s))]
        if profile:
            command.append("--profile")
        if trace_memory:
            command.append("--trace-memory")
        environment = dict(os.environ)
        environment["PYTHONPATH"] = os.pathsep.join(
            filter(None, (str(REPOSITORY), environment.get("PYTHONPATH"))))
        started = time.perf_counter()
        logger.info("Running stage %s%s", stage, " (profiled)" if profile or trace_memory else "")
        try:
            completed = subprocess.run(command, cwd=REPOSITORY, env=environment,
                                       capture_output=True, text=True,
                                       timeout=options.timeout_s + CHILD_GRACE_S)
        except subprocess.TimeoutExpired:
            return _failed(stage, f"timed out: the process ran {CHILD_GRACE_S} s past the "
                                  f"time limit of {options.timeout_s:.0f} s (--timeout)")
        logger.info("Stage %s took %.1f s in total", stage, time.perf_counter() - started)
        if result_file.is_file():
            return json.loads(result_file.read_text(encoding="utf-8"))
        tail = (completed.stderr or completed.stdout).strip().splitlines()[-3:]
        return _failed(stage, f"exited with code {completed.returncode}: {' | '.join(tail)}")


def _failed(stage: str, error: str) -> dict:
    logger.warning("Stage %s failed: %s", stage, error)
    return {"stage": stage, "seconds": {}, "rise_mb": {}, "peak_mb": 0.0, "facts": {},
            "profiles": {}, "error": error}
