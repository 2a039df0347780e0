"""Write synthetic registers and surveys of the size of Flanders, or a multiple of it.

The output is the product's own input formats, in the dialects of the real
sources, for fictional municipalities (REFNIS codes 99001 and on) with
invented names and numbers:

    OUT/reference/   municipalities-2025.csv, municipal-mergers-2025.csv,
                     local-governments-2022.csv, primary-schools-bench.csv
    OUT/surveys/schools/   the schools' survey (actors, links, memberships,
                           roles, waves as CSV)
    OUT/surveys/partners/  the welfare partners' survey, same tables

The same seed and scale give the same bytes.

Usage: python -m benchmarks.generate OUT [--scale 1] [--seed 2025]
"""

from __future__ import annotations

import argparse
import logging
import random
import sys
from dataclasses import dataclass
from pathlib import Path

from benchmarks.register_files import write_registers
from benchmarks.relations import add_relations
from benchmarks.survey_files import write_surveys
from benchmarks.world import World, build_world

logger = logging.getLogger(__name__)

DEFAULT_SEED = 2025


@dataclass(frozen=True)
class GeneratedInput:
    """Paths of the generated registers and surveys, and the number of records of each kind."""

    reference: Path
    surveys: tuple[Path, ...]
    counts: dict[str, int]


def generate(out: Path, scale: float = 1.0, seed: int = DEFAULT_SEED) -> GeneratedInput:
    """Write the registers and both surveys under ``out``; return their paths and counts.

    Raises ValueError when ``scale`` is not positive or too large for the
    invented names.
    """
    if scale <= 0:
        raise ValueError(f"invalid scale {scale}: it must be greater than 0, for example 1 or 10")
    rng = random.Random(seed)
    world = build_world(scale, rng)
    add_relations(world, rng)
    out = Path(out)
    write_registers(world, out / "reference")
    surveys = write_surveys(world, out / "surveys")
    counts = world_counts(world)
    logger.info("Wrote synthetic input at scale %s to %s: %s", scale, out, counts)
    return GeneratedInput(out / "reference", tuple(surveys), counts)


def world_counts(world: World) -> dict[str, int]:
    """Return how many municipalities, actors, collaborations and memberships were invented."""
    actors_per_place = [0] * len(world.places)
    for actor in world.schools + world.organisations + world.networks:
        actors_per_place[actor.place] += 1
    return {
        "municipalities": len(world.places),
        "former municipalities": sum(1 for place in world.places if place.former_refnis),
        "schools": len(world.schools),
        "register schools": sum(1 for school in world.schools if school.number),
        "CLBs": len(world.clbs),
        "welfare organisations": len(world.organisations),
        "networks": len(world.networks),
        "collaborations": len(world.collaborations),
        "collaborations reported by both sides": sum(
            1 for c in world.collaborations if c.surveys == "both"),
        "memberships": len(world.memberships),
        "posts": len(world.posts),
        "actors in the largest municipality": max(actors_per_place),
    }


def main(argv: list[str] | None = None) -> int:
    """Write the synthetic input and print what was written."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="folder to write reference/ and surveys/ into")
    parser.add_argument("--scale", type=float, default=1.0,
                        help="size relative to Flanders: 1 is about 300 municipalities and "
                             "40,000 collaborations, 10 is ten times that (default: 1)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED,
                        help=f"seed of the random generator (default: {DEFAULT_SEED})")
    options = parser.parse_args(argv)
    try:
        generated = generate(options.out, options.scale, options.seed)
    except ValueError as error:
        parser.error(str(error))
    print(f"registers: {generated.reference}")
    for survey in generated.surveys:
        print(f"survey:    {survey}")
    for name, count in generated.counts.items():
        print(f"  {name}: {count:,}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
