"""Time, profile and trace the measured part of a stage inside its own process."""

from __future__ import annotations

import cProfile
import io
import pstats
import resource
import signal
import time
import tracemalloc
from contextlib import contextmanager
from dataclasses import dataclass, field

PROFILE_LINES = 15


class StageTimeout(Exception):
    """The measured call ran past its time limit and was stopped."""


def _stop(signal_number, frame) -> None:
    raise StageTimeout()


def peak_rss_mb() -> float:
    """Return this process's peak resident set size so far, in MiB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def resident_mb() -> float:
    """Return this process's resident set size now, in MiB, read from /proc (Linux)."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


@dataclass
class Recorder:
    """Collect the timings of one child process, and its profiles when asked for.

    ``time_limit_s`` stops each measured section with :class:`StageTimeout`
    after that many seconds; the section keeps the time it ran, a lower
    bound. ``profile`` wraps every measured section in cProfile.
    ``trace_memory`` expects tracemalloc to run since the process started
    and lists the allocation sites with the most live memory at the end of
    each section. Either slows the section down, so such a run's timings are
    not reported.
    """

    profile: bool = False
    trace_memory: bool = False
    time_limit_s: int = 0
    seconds: dict[str, float] = field(default_factory=dict)
    rise_mb: dict[str, float] = field(default_factory=dict)
    profiles: dict[str, str] = field(default_factory=dict)
    facts: dict[str, object] = field(default_factory=dict)

    @contextmanager
    def measure(self, name: str):
        """Time the ``with`` block as measurement ``name``."""
        before = peak_rss_mb()
        profiler = cProfile.Profile() if self.profile else None
        if self.time_limit_s:
            signal.signal(signal.SIGALRM, _stop)
            signal.alarm(self.time_limit_s)
        start = time.perf_counter()
        if profiler is not None:
            profiler.enable()
        try:
            yield
        finally:
            if profiler is not None:
                profiler.disable()
            signal.alarm(0)
            self.seconds[name] = time.perf_counter() - start
            self.rise_mb[name] = peak_rss_mb() - before
            if profiler is not None:
                self.profiles[name] = top_functions(profiler)
            if self.trace_memory and tracemalloc.is_tracing():
                self.profiles[name] = top_allocations(tracemalloc.take_snapshot())


def top_functions(profiler: cProfile.Profile, count: int = PROFILE_LINES) -> str:
    """Return the ``count`` functions with the highest cumulative time, as pstats prints them."""
    stream = io.StringIO()
    stats = pstats.Stats(profiler, stream=stream)
    stats.sort_stats(pstats.SortKey.CUMULATIVE).print_stats(count)
    lines = stream.getvalue().strip().splitlines()
    # Drop pstats' own header lines down to the column titles.
    start = next((i for i, line in enumerate(lines) if line.lstrip().startswith("ncalls")), 0)
    return "\n".join(lines[start:])


def top_allocations(snapshot: tracemalloc.Snapshot, count: int = PROFILE_LINES) -> str:
    """Return the ``count`` source lines whose allocations are still alive, largest first."""
    statistics = snapshot.statistics("lineno")
    total = sum(stat.size for stat in statistics)
    lines = [f"traced memory alive: {total / 2**20:.1f} MiB"]
    for stat in statistics[:count]:
        frame = stat.traceback[0]
        lines.append(f"{stat.size / 2**20:9.1f} MiB {stat.count:9d} blocks  "
                     f"{frame.filename}:{frame.lineno}")
    return "\n".join(lines)
