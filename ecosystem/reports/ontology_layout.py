"""Place the boxes of the class diagram of the ontology.

The layout is deterministic. Each class hierarchy forms one block, and
blocks are placed in columns by their shortest distance from the classes
that nothing points to, so arrows mostly run from left to right. Blocks
within a column are ordered to bring linked blocks level with each other.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import networkx as nx
from rdflib import Graph, URIRef
from rdflib.namespace import RDFS

from ecosystem.reports.ontology_classes import Association

# Sizes are SVG user units. The canvas is scaled to the page width, so a
# drawing about 1200 units wide prints its 14-unit labels at about 9 pt on
# A4 landscape.
FONT_SIZE = 14
SMALL_FONT_SIZE = 12
# Estimated width of one character as a fraction of the font size, because
# the real width is known only to the browser that renders the text.
CHAR_WIDTH = 0.62
BOX_HEIGHT = 44
BOX_PADDING = 12
MIN_BOX_WIDTH = 150
INDENT = 32
SUPERCLASS_HEIGHT = 22
SUPERCLASS_GAP = 14
SUPERCLASS_OFFSET = 26
ROW_GAP = 16
BLOCK_GAP = 44
COLUMN_GAP = 190
MARGIN = 24
ORDERING_SWEEPS = 4


@dataclass
class Box:
    """A class box of the diagram: its column, and its position and size in SVG user units."""

    iri: URIRef
    column: int
    x: float
    y: float
    width: float
    height: float = BOX_HEIGHT

    @property
    def right(self) -> float:
        return self.x + self.width

    @property
    def bottom(self) -> float:
        return self.y + self.height

    @property
    def centre(self) -> tuple[float, float]:
        return self.x + self.width / 2, self.y + self.height / 2


def text_width(text: str, font_size: float) -> float:
    """Estimate the width of ``text`` at ``font_size`` from its number of characters."""
    return len(text) * font_size * CHAR_WIDTH


def primary_parents(graph: Graph, classes: list[URIRef]) -> dict[URIRef, URIRef | None]:
    """Pick for each class its first own superclass, dropping links that would close a cycle."""
    own = set(classes)
    parents: dict[URIRef, URIRef | None] = {}
    for cls in classes:
        candidates = sorted(p for p in graph.objects(cls, RDFS.subClassOf) if p in own and p != cls)
        parents[cls] = candidates[0] if candidates else None
    for cls in classes:
        seen = {cls}
        node = cls
        while parents[node] is not None:
            if parents[node] in seen:
                parents[node] = None
                break
            node = parents[node]
            seen.add(node)
    return parents


def child_classes(classes: list[URIRef], parents: dict) -> dict[URIRef, list[URIRef]]:
    """Map each class to the classes whose primary parent it is."""
    children = defaultdict(list)
    for cls in classes:
        if parents[cls] is not None:
            children[parents[cls]].append(cls)
    return children


def _blocks(classes: list[URIRef], parents: dict) -> dict[URIRef, list[tuple[URIRef, int]]]:
    """Group the classes by root superclass, each block listed depth-first with its depths."""
    children = child_classes(classes, parents)
    blocks = {}
    for root in (cls for cls in classes if parents[cls] is None):
        rows, stack = [], [(root, 0)]
        while stack:
            cls, depth = stack.pop()
            rows.append((cls, depth))
            stack.extend((child, depth + 1) for child in sorted(children[cls], reverse=True))
        blocks[root] = rows
    return blocks


def _block_geometry(blocks: dict, reused: dict) -> tuple[dict[URIRef, float], dict[URIRef, float]]:
    """Return the top of each class box within its block, and the height of each block."""
    offsets, heights = {}, {}
    for root, rows in blocks.items():
        height = 0.0
        for cls, _ in rows:
            if reused[cls]:
                height += SUPERCLASS_HEIGHT + SUPERCLASS_GAP
            offsets[cls] = height
            height += BOX_HEIGHT + ROW_GAP
        heights[root] = height - ROW_GAP
    return offsets, heights


def _columns(blocks: dict, heights: dict, root_of: dict, edges: list[Association]) -> list[list]:
    """Put each block in the column of its shortest distance from a block that nothing points to."""
    block_graph = nx.DiGraph()
    block_graph.add_nodes_from(blocks)
    for edge in edges:
        if root_of[edge.source] != root_of[edge.target]:
            block_graph.add_edge(root_of[edge.source], root_of[edge.target])
    linked = [root for root in blocks if block_graph.degree(root) > 0]
    layer = {}
    if linked:
        condensed = nx.condensation(block_graph.subgraph(linked))
        sources = [node for node in condensed if condensed.in_degree(node) == 0]
        distance = nx.multi_source_dijkstra_path_length(condensed, sources)
        layer = {root: distance[condensed.graph["mapping"][root]] for root in linked}
    columns: list[list[URIRef]] = [[] for _ in range(max(layer.values(), default=0) + 1)]
    for root in linked:
        columns[layer[root]].append(root)
    # A block without links goes to the shortest column, where it takes the least room.
    for root in blocks:
        if root not in layer:
            min(columns, key=lambda column: _column_height(column, heights)).append(root)
    return columns


def _column_height(column: list, heights: dict) -> float:
    return sum(heights[root] for root in column) + BLOCK_GAP * max(len(column) - 1, 0)


def _block_tops(columns: list[list], heights: dict) -> dict[URIRef, float]:
    """Return the top of each block when every column is centred on 0."""
    tops = {}
    for column in columns:
        top = -_column_height(column, heights) / 2
        for root in column:
            tops[root] = top
            top += heights[root] + BLOCK_GAP
    return tops


def _order_columns(columns, heights, offsets, root_of, edges) -> list[list]:
    """Order the blocks of each column so that linked classes in other columns are level.

    Each sweep sorts one column by the top each block would need to bring
    its linked classes level with their partners, on average.
    """
    columns = [sorted(column) for column in columns]
    column_of = {root: index for index, column in enumerate(columns) for root in column}
    ends = [(e.source, e.target) for e in edges] + [(e.target, e.source) for e in edges]
    for sweep in range(ORDERING_SWEEPS):
        order = range(len(columns)) if sweep % 2 == 0 else reversed(range(len(columns)))
        for index in order:
            tops = _block_tops(columns, heights)

            def preferred_top(root: URIRef, index: int = index, tops: dict = tops) -> tuple:
                wishes = [
                    tops[root_of[other]] + offsets[other] - offsets[own]
                    for own, other in ends
                    if root_of[own] == root and column_of[root_of[other]] != index
                ]
                return (sum(wishes) / len(wishes) if wishes else tops[root], str(root))

            columns[index] = sorted(columns[index], key=preferred_top)
    return columns


def place_boxes(classes, parents, edges, reused, labels, names) -> tuple[dict[URIRef, Box], float]:
    """Place one box per class and return the boxes with the height of the drawing.

    The boxes of one column end at the same right edge, so a subclass is
    narrower than its superclass by its indent. Arrows that leave a box from
    its right side therefore cross no other box of that column.
    """
    blocks = _blocks(classes, parents)
    offsets, heights = _block_geometry(blocks, reused)
    root_of = {cls: root for root, rows in blocks.items() for cls, _ in rows}
    columns = _columns(blocks, heights, root_of, edges)
    columns = _order_columns(columns, heights, offsets, root_of, edges)
    drawing_height = max((_column_height(c, heights) for c in columns), default=0) + 2 * MARGIN
    boxes: dict[URIRef, Box] = {}
    x = MARGIN
    for number, column in enumerate(columns):
        rows = [row for root in column for row in blocks[root]]
        column_width = max(
            [MIN_BOX_WIDTH]
            + [depth * INDENT + 2 * BOX_PADDING
               + max(text_width(labels[cls], FONT_SIZE), text_width(names[cls], SMALL_FONT_SIZE))
               for cls, depth in rows]
        )
        top = (drawing_height - _column_height(column, heights)) / 2
        column_right = x + column_width
        for root in column:
            for cls, depth in blocks[root]:
                indent = depth * INDENT
                box = Box(cls, number, x + indent, top + offsets[cls], column_width - indent)
                boxes[cls] = box
                column_right = max(column_right, superclass_right(box, reused[cls]))
            top += heights[root] + BLOCK_GAP
        x = column_right + COLUMN_GAP
    return boxes, drawing_height


def superclass_boxes(box: Box, names: list[str]) -> list[tuple[str, float, float, float]]:
    """Return ``(name, x, y, width)`` of the small boxes above ``box``, left to right."""
    placed, x = [], box.x + SUPERCLASS_OFFSET
    y = box.y - SUPERCLASS_GAP - SUPERCLASS_HEIGHT
    for name in names:
        width = text_width(name, SMALL_FONT_SIZE) + BOX_PADDING
        placed.append((name, x, y, width))
        x += width + 8
    return placed


def superclass_right(box: Box, names: list[str]) -> float:
    """Return the rightmost x of ``box`` and of the superclass boxes above it."""
    placed = superclass_boxes(box, names)
    return max([box.right] + [x + width for _, x, _, width in placed])
