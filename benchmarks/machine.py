"""Describe the machine and software a benchmark ran on."""

from __future__ import annotations

import os
import platform
import subprocess
from importlib import metadata
from pathlib import Path

from benchmarks.browser import chromium_path

PACKAGES = ("edu-welfare-ecosystem", "rdflib", "pyshacl", "oxrdflib", "pyoxigraph", "networkx",
            "pandas", "numpy", "pyvis", "pyproj", "playwright")


def cpu_model() -> str:
    """Return the CPU model name from /proc/cpuinfo, or the platform's processor string."""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.is_file():
        for line in cpuinfo.read_text(encoding="utf-8", errors="replace").splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown"


def memory_gib() -> float | None:
    """Return the total memory in GiB from /proc/meminfo, or ``None`` elsewhere."""
    meminfo = Path("/proc/meminfo")
    if not meminfo.is_file():
        return None
    for line in meminfo.read_text(encoding="utf-8").splitlines():
        if line.startswith("MemTotal:"):
            return int(line.split()[1]) / 2**20
    return None


def package_versions() -> dict[str, str]:
    """Return the installed version of each package the stages use."""
    versions = {}
    for name in PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return versions


def chromium_version() -> str:
    """Return ``chromium --version`` of the browser the map stage uses, or why there is none."""
    path = chromium_path()
    if path is None:
        return "not found"
    try:
        completed = subprocess.run([path, "--version"], capture_output=True, text=True,
                                   timeout=30)
    except (OSError, subprocess.TimeoutExpired) as error:
        return f"{path} (version unknown: {error})"
    return completed.stdout.strip() or path


def git_revision(repository: Path) -> str:
    """Return the checked-out commit, marked when the work tree has changes."""
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=repository,
                                capture_output=True, text=True, timeout=30).stdout.strip()
        # The results page of an earlier run is no change to the code being measured.
        changes = subprocess.run(["git", "status", "--porcelain", "--", ".",
                                  ":(exclude)benchmarks/RESULTS.md"], cwd=repository,
                                 capture_output=True, text=True, timeout=30).stdout.strip()
    except (OSError, subprocess.TimeoutExpired):
        return "unknown"
    if not commit:
        return "unknown"
    return f"{commit} with uncommitted changes" if changes else commit


def describe_machine(repository: Path) -> dict[str, str]:
    """Return the facts about this machine that the results page lists."""
    memory = memory_gib()
    facts = {
        "CPU": cpu_model(),
        "cores": str(os.cpu_count()),
        "memory": f"{memory:.1f} GiB" if memory else "unknown",
        "system": platform.platform(),
        "Python": platform.python_version(),
        "Chromium": chromium_version(),
        "commit": git_revision(repository),
    }
    facts.update(package_versions())
    return facts
