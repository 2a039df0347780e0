"""Progress reporting that the library calls and the command line shows.

The library never prints. It reports to a :class:`Progress` which stage
starts, and walks long loops through it. The default reports nothing; the command line
passes a :class:`BarProgress` that draws tqdm progress bars on standard error.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TypeVar

Item = TypeVar("Item")


class Progress:
    """Report nothing; the base of every progress reporter."""

    def stage(self, name: str) -> None:
        """Announce that the stage ``name`` starts."""

    def items(self, iterable: Iterable[Item], total: int, description: str) -> Iterator[Item]:
        """Yield the items of a long loop, reporting how far it got."""
        yield from iterable

    def close(self) -> None:
        """Finish the report."""


class BarProgress(Progress):
    """Draw one bar over the stages of a run and one per long loop, with tqdm.

    The bars are drawn only on a terminal. Written to a file or a pipe, they
    would leave carriage returns behind, and the next message would be glued
    to the last bar.
    """

    def __init__(self, stages: tuple[str, ...]) -> None:
        from tqdm import tqdm

        self._tqdm = tqdm
        # disable=None turns a bar off when standard error is not a terminal.
        self._bar = tqdm(total=len(stages), unit="stage", leave=False, dynamic_ncols=True,
                         disable=None)
        self._started = False

    def stage(self, name: str) -> None:
        if self._started:
            self._bar.update(1)
        self._started = True
        self._bar.set_description(name)

    def items(self, iterable: Iterable[Item], total: int, description: str) -> Iterator[Item]:
        yield from self._tqdm(iterable, total=total, desc=description, leave=False,
                              dynamic_ncols=True, disable=None)

    def close(self) -> None:
        self._bar.close()
