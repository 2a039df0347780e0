"""Measure how long a map takes to draw in headless Chromium, offline.

The map page sets ``window.mapReady`` when vis-network has drawn the network
for the first time. Physics is off on the maps, so that first drawing is
the final layout. The measurement also checks that no node moves during the
second after it.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
VIEWPORT = {"width": 1400, "height": 900}
READY_TIMEOUT_MS = 120_000
STABILITY_WAIT_MS = 1_000

_POSITIONS = "() => JSON.stringify(window.network.getPositions())"
_NAVIGATION = """() => {
  const entry = performance.getEntriesByType("navigation")[0];
  return {dom: entry.domContentLoadedEventEnd, load: entry.loadEventEnd};
}"""


def chromium_path() -> str | None:
    """Return Debian's Chromium, or a ``chromium`` on PATH, or ``None``."""
    if Path("/usr/bin/chromium").is_file():
        return "/usr/bin/chromium"
    return shutil.which("chromium")


def skip_reason() -> str:
    """Return why the browser measurement cannot run here, or "" when it can."""
    if chromium_path() is None:
        return "Chromium was not found at /usr/bin/chromium or on PATH (apt-get install chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the Python package playwright is not installed (pip install playwright)"
    return ""


def time_map_ready(path: Path) -> tuple[float, dict]:
    """Return the seconds from navigation until ``window.mapReady``, and page facts.

    Every request other than ``file://`` is aborted and counted, so the
    measurement never leaves the machine. Raises RuntimeError when Chromium
    or Playwright is missing.
    """
    reason = skip_reason()
    if reason:
        raise RuntimeError(reason)
    from playwright.sync_api import sync_playwright

    blocked: list[str] = []

    def only_local_files(route) -> None:
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport=VIEWPORT)
            page.route("**/*", only_local_files)
            start = time.perf_counter()
            page.goto(path.resolve().as_uri(), wait_until="commit")
            page.wait_for_function("window.mapReady === true", timeout=READY_TIMEOUT_MS,
                                   polling="raf")
            seconds = time.perf_counter() - start
            before = page.evaluate(_POSITIONS)
            page.wait_for_timeout(STABILITY_WAIT_MS)
            stable = page.evaluate(_POSITIONS) == before
            navigation = page.evaluate(_NAVIGATION)
            version = browser.version
        finally:
            browser.close()
    return seconds, {
        "DOMContentLoaded s": round(navigation["dom"] / 1000, 3),
        "load event s": round(navigation["load"] / 1000, 3),
        "positions unchanged 1 s later": stable,
        "blocked requests": len(blocked),
        "chromium": version,
        "megabytes": round(path.stat().st_size / 2**20, 2),
    }
