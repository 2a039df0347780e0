"""Compute deterministic positions for the actors on a network map.

Positions are computed before the page is written, so the browser draws the
map with physics switched off instead of simulating it for minutes.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict

import networkx as nx
import numpy as np

LAYOUT_SEED = 7
LAYOUT_ITERATIONS = 50
# Side of the square that the layout is scaled to, in vis-network pixels. It
# grows with the square root of the node count and is at least MIN_CANVAS_PIXELS.
MIN_CANVAS_PIXELS = 1200
PIXELS_PER_SQRT_NODE = 150
# Rows of the pairwise-distance matrix computed at once, to bound memory.
LAYOUT_BLOCK_ROWS = 1000


def layout_positions(graph: nx.MultiDiGraph) -> dict[object, tuple[float, float]]:
    """Compute a deterministic pixel position for every node of ``graph``, keyed by node.

    Actors with valid ``lat`` and ``lon`` and a false ``outside`` attribute
    are anchored at their place on a local equirectangular projection, which
    is accurate enough at the scale of a drawing. Actors outside the
    municipality are not anchored, because one distant actor would squeeze
    the municipality into a corner. The other actors are placed by a
    Fruchterman-Reingold force layout with a fixed seed. The result spans
    about ``PIXELS_PER_SQRT_NODE * sqrt(n)`` pixels, and at least
    ``MIN_CANVAS_PIXELS``.

    NOTE: networkx's ``spring_layout`` switches to a SciPy sparse solver from
    500 nodes on, and SciPy is not a dependency, so the force layout is
    implemented here with numpy.
    """
    nodes = list(graph.nodes)
    if not nodes:
        return {}
    index = {node: position for position, node in enumerate(nodes)}
    pairs = sorted({tuple(sorted((index[u], index[v]))) for u, v in graph.edges() if u != v})
    edges = np.array(pairs, dtype=int).reshape(-1, 2)

    anchors = _geographic_anchors(graph, nodes)
    positions, fixed = _initial_positions(len(nodes), edges, anchors)
    positions = _force_layout(positions, edges, fixed)
    pixels = _scale_to_pixels(positions)
    return {node: (float(x), float(y)) for node, (x, y) in zip(nodes, pixels)}


def _coordinate(value: object) -> float | None:
    if value is None or isinstance(value, (bool, np.bool_)):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def _geographic_anchors(graph: nx.MultiDiGraph, nodes: list) -> dict[int, tuple[float, float]]:
    """Map the index of each node with valid coordinates to its place in the square [-1, 1]."""
    places = {}
    for position, node in enumerate(nodes):
        attrs = graph.nodes[node]
        if attrs.get("outside"):
            continue
        lat = _coordinate(attrs.get("lat"))
        lon = _coordinate(attrs.get("lon"))
        if lat is not None and lon is not None and abs(lat) <= 90 and abs(lon) <= 180:
            places[position] = (lat, lon)
    if not places:
        return {}

    # Equirectangular projection around the mean latitude. Screen y grows
    # downwards, so the latitude is negated to keep north at the top.
    shrink = math.cos(math.radians(sum(lat for lat, _ in places.values()) / len(places)))
    projected = {position: (lon * shrink, -lat) for position, (lat, lon) in places.items()}
    xs = [x for x, _ in projected.values()]
    ys = [y for _, y in projected.values()]
    span = max(max(xs) - min(xs), max(ys) - min(ys)) or 1.0
    centre_x = (max(xs) + min(xs)) / 2
    centre_y = (max(ys) + min(ys)) / 2
    anchors = {
        position: ((x - centre_x) * 2 / span, (y - centre_y) * 2 / span)
        for position, (x, y) in projected.items()
    }
    return _spread_shared_places(anchors)


def _spread_shared_places(
    anchors: dict[int, tuple[float, float]],
) -> dict[int, tuple[float, float]]:
    """Move actors that share one address onto a small spiral around it, so none is hidden."""
    golden_angle = math.pi * (3 - math.sqrt(5))
    seen: Counter = Counter()
    spread = {}
    for position, (x, y) in anchors.items():
        place = (round(x, 4), round(y, 4))
        rank = seen[place]
        seen[place] += 1
        radius = 0.02 * math.sqrt(rank)
        spread[position] = (
            x + radius * math.cos(rank * golden_angle),
            y + radius * math.sin(rank * golden_angle),
        )
    return spread


def _initial_positions(
    count: int, edges: np.ndarray, anchors: dict
) -> tuple[np.ndarray, np.ndarray]:
    """Return start positions and the mask of anchored nodes, which the layout keeps fixed."""
    generator = np.random.default_rng(LAYOUT_SEED)
    positions = generator.uniform(-1.0, 1.0, size=(count, 2))
    fixed = np.zeros(count, dtype=bool)
    for position, place in anchors.items():
        positions[position] = place
        fixed[position] = True

    # Start each free actor next to the anchored actors it is linked to.
    linked_anchors = defaultdict(list)
    for a, b in edges:
        if fixed[a] and not fixed[b]:
            linked_anchors[b].append(a)
        elif fixed[b] and not fixed[a]:
            linked_anchors[a].append(b)
    for position, linked in linked_anchors.items():
        positions[position] = positions[linked].mean(axis=0) + generator.normal(0.0, 0.05, size=2)
    return positions, fixed


def _force_layout(positions: np.ndarray, edges: np.ndarray, fixed: np.ndarray) -> np.ndarray:
    """Run Fruchterman-Reingold iterations on the free nodes, in the square [-1, 1].

    A weak pull towards the centre keeps actors that are not linked to the
    rest from drifting away, which would shrink everything else on screen.
    """
    count = len(positions)
    free = ~fixed
    if count < 2 or not free.any():
        return positions
    ideal_distance = 2.0 / math.sqrt(count)
    temperature = 0.2
    cooling = temperature / (LAYOUT_ITERATIONS + 1)
    for _ in range(LAYOUT_ITERATIONS):
        displacement = _repulsion(positions, ideal_distance**2)
        displacement += _attraction(positions, edges, ideal_distance)
        displacement -= positions
        length = np.maximum(np.hypot(displacement[:, 0], displacement[:, 1]), 1e-9)
        step = displacement * (np.minimum(length, temperature) / length)[:, None]
        positions[free] += step[free]
        temperature -= cooling
    return positions


def _repulsion(positions: np.ndarray, strength: float) -> np.ndarray:
    force = np.empty_like(positions)
    for start in range(0, len(positions), LAYOUT_BLOCK_ROWS):
        block = positions[start : start + LAYOUT_BLOCK_ROWS]
        dx = block[:, None, 0] - positions[None, :, 0]
        dy = block[:, None, 1] - positions[None, :, 1]
        squared = np.maximum(dx * dx + dy * dy, 1e-9)
        force[start : start + LAYOUT_BLOCK_ROWS, 0] = (dx * strength / squared).sum(axis=1)
        force[start : start + LAYOUT_BLOCK_ROWS, 1] = (dy * strength / squared).sum(axis=1)
    return force


def _attraction(positions: np.ndarray, edges: np.ndarray, ideal_distance: float) -> np.ndarray:
    force = np.zeros_like(positions)
    if not len(edges):
        return force
    delta = positions[edges[:, 0]] - positions[edges[:, 1]]
    distance = np.hypot(delta[:, 0], delta[:, 1])[:, None]
    pull = delta * distance / ideal_distance
    np.subtract.at(force, edges[:, 0], pull)
    np.add.at(force, edges[:, 1], pull)
    return force


def _scale_to_pixels(positions: np.ndarray) -> np.ndarray:
    side = max(MIN_CANVAS_PIXELS, PIXELS_PER_SQRT_NODE * math.sqrt(len(positions)))
    low = positions.min(axis=0)
    high = positions.max(axis=0)
    span = float((high - low).max()) or 1.0
    return np.round((positions - (low + high) / 2) * (side / span), 1)
