"""Draw the classes of the ontology and the links between them as an inline SVG diagram.

The diagram has one box per class of the ontology's own namespace. Solid
arrows run from domain to range for each object property whose domain and
range are both such classes, and for each ``owl:allValuesFrom`` or
``owl:someValuesFrom`` restriction that ties one such class to another.
Dashed arrows with a hollow head stand for ``rdfs:subClassOf``: a class sits
indented under its superclass, and a superclass from another vocabulary is a
small grey box above the class.

The layout is deterministic. Each class hierarchy forms one block, and
blocks are placed in columns by their shortest distance from the classes
that nothing points to, so arrows mostly run from left to right. Blocks
within a column are ordered to bring linked blocks level with each other.
"""

from __future__ import annotations

import html
import logging
import math
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

import networkx as nx
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, SKOS

logger = logging.getLogger(__name__)

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
LEGEND_HEIGHT = 56
LEGEND_WIDTH = 860
ARC_BULGE = 34
LABEL_LINE_HEIGHT = 14
# Points along an arrow, as Bezier parameters, tried in turn for its label.
LABEL_POSITIONS = (0.5, 0.4, 0.6, 0.3, 0.7, 0.22, 0.78)
ORDERING_SWEEPS = 4
MAX_EXPRESSION_DEPTH = 5

_STYLE = """
.md-class rect { fill: #e8f0f8; stroke: #2b5d8a; stroke-width: 1.4; }
.md-reused rect { fill: #f2f2f2; stroke: #888888; stroke-width: 1; }
.md-label { font: bold 14px sans-serif; fill: #1a1a1a; }
.md-name, .md-reused text { font: 12px monospace; fill: #444444; }
.md-edge path { fill: none; stroke: #333333; stroke-width: 1.3; }
.md-edge text { font: 12px sans-serif; fill: #1a1a1a; stroke: #ffffff; stroke-width: 4;
  paint-order: stroke; stroke-linejoin: round; }
.md-subclass { fill: none; stroke: #555555; stroke-width: 1.2; stroke-dasharray: 5 4; }
.md-legend text { font: 12px sans-serif; fill: #333333; }
"""


@dataclass(frozen=True)
class Association:
    """A solid arrow of the diagram: a property that links a domain class to a range class."""

    source: URIRef
    target: URIRef
    prop: URIRef
    label: str


@dataclass
class _Box:
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


def local_name(iri: object) -> str:
    """Return the part of an IRI after its last ``#``, or else after its last ``/``."""
    text = str(iri)
    separator = "#" if "#" in text else "/"
    name = text.rpartition(separator)[2]
    return name or text.rstrip("/#").rpartition("/")[2] or text


def prefixed_name(graph: Graph, iri: object) -> str:
    """Return ``prefix:name`` for an IRI whose namespace the graph binds, else the full IRI."""
    try:
        prefix, _, name = graph.namespace_manager.compute_qname(str(iri), generate=False)
    except (KeyError, ValueError):
        return str(iri)
    return f"{prefix}:{name}"


def texts_in(graph: Graph, subject: object, predicates: tuple, language: str) -> list[str]:
    """Return the literals of the first predicate that has any in ``language`` ("" for none)."""
    for predicate in predicates:
        found = sorted(
            str(value)
            for value in graph.objects(subject, predicate)
            if isinstance(value, Literal) and (value.language or "") == language
        )
        if found:
            return found
    return []


def english_label(graph: Graph, iri: URIRef) -> str:
    """Return the English label of a term, or an untagged one, or else its local name."""
    for language in ("en", ""):
        labels = texts_in(graph, iri, (RDFS.label, SKOS.prefLabel), language)
        if labels:
            return labels[0]
    return local_name(iri)


def own_classes(graph: Graph, namespace: str) -> list[URIRef]:
    """Return the classes declared with ``owl:Class`` whose IRI starts with ``namespace``."""
    return sorted(
        {
            node
            for node in graph.subjects(RDF.type, OWL.Class)
            if isinstance(node, URIRef) and str(node).startswith(namespace)
        },
        key=str,
    )


def class_members(graph: Graph, node: object, depth: int = 0) -> list[URIRef]:
    """Return the named classes of a class expression: the class, or the members of a union."""
    if isinstance(node, URIRef):
        return [node]
    if depth > MAX_EXPRESSION_DEPTH:
        return []
    members = []
    for union in graph.objects(node, OWL.unionOf):
        for item in Collection(graph, union):
            members.extend(class_members(graph, item, depth + 1))
    return members


def associations(graph: Graph, classes: list[URIRef], namespace: str) -> list[Association]:
    """Collect the solid arrows: object properties and restrictions between ``classes``."""
    own = set(classes)
    found = set()
    for prop in graph.subjects(RDF.type, OWL.ObjectProperty):
        if not isinstance(prop, URIRef):
            continue
        domains = {m for d in graph.objects(prop, RDFS.domain) for m in class_members(graph, d)}
        ranges = {m for r in graph.objects(prop, RDFS.range) for m in class_members(graph, r)}
        label = _property_label(graph, prop, namespace)
        for domain in domains & own:
            for range_ in ranges & own:
                found.add(Association(domain, range_, prop, label))
    for cls in classes:
        for restriction in graph.objects(cls, RDFS.subClassOf):
            prop = graph.value(restriction, OWL.onProperty)
            if not isinstance(restriction, BNode) or not isinstance(prop, URIRef):
                continue
            label = _property_label(graph, prop, namespace)
            for kind in (OWL.allValuesFrom, OWL.someValuesFrom):
                for filler in graph.objects(restriction, kind):
                    for target in set(class_members(graph, filler)) & own:
                        found.add(Association(cls, target, prop, label))
    return sorted(found, key=lambda edge: (str(edge.source), str(edge.target), edge.label))


def _property_label(graph: Graph, prop: URIRef, namespace: str) -> str:
    if namespace and str(prop).startswith(namespace):
        return local_name(prop)
    return prefixed_name(graph, prop)


def model_diagram_svg(
    graph: Graph, namespace: str, links: Mapping[URIRef, str] | None = None
) -> str:
    """Render the class diagram of ``graph`` as a standalone ``<svg>`` element.

    ``namespace`` selects the classes that get a box. ``links`` maps a class
    IRI to the href its box links to, such as ``index.html#School``.
    """
    links = links or {}
    classes = own_classes(graph, namespace)
    own = set(classes)
    parents = _primary_parents(graph, classes)
    edges = associations(graph, classes, namespace)
    reused = {
        cls: sorted(
            prefixed_name(graph, parent)
            for parent in graph.objects(cls, RDFS.subClassOf)
            if isinstance(parent, URIRef) and parent not in own
        )
        for cls in classes
    }
    labels = {cls: english_label(graph, cls) for cls in classes}
    names = {cls: prefixed_name(graph, cls) for cls in classes}
    boxes, height = _layout(classes, parents, edges, reused, labels, names)
    edge_elements, edges_right = _association_elements(edges, boxes)
    boxes_right = max((_superclass_right(boxes[cls], reused[cls]) for cls in classes), default=0)
    width = max(boxes_right, edges_right, LEGEND_WIDTH) + MARGIN
    logger.debug("Drew %d classes and %d associations", len(classes), len(edges))

    parts = [_svg_open(width, height + LEGEND_HEIGHT)]
    parts.extend(_subclass_paths(graph, classes, parents, boxes, own))
    parts.extend(edge_elements)
    for cls in classes:
        parts.append(_class_box(boxes[cls], labels[cls], names[cls], reused[cls], links.get(cls)))
    parts.append(_legend(height))
    parts.append("</svg>")
    return "\n".join(parts)


def _text_width(text: str, font_size: float) -> float:
    return len(text) * font_size * CHAR_WIDTH


def _primary_parents(graph: Graph, classes: list[URIRef]) -> dict[URIRef, URIRef | None]:
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


def _children(classes: list[URIRef], parents: dict) -> dict[URIRef, list[URIRef]]:
    children = defaultdict(list)
    for cls in classes:
        if parents[cls] is not None:
            children[parents[cls]].append(cls)
    return children


def _blocks(classes: list[URIRef], parents: dict) -> dict[URIRef, list[tuple[URIRef, int]]]:
    """Group the classes by root superclass, each block listed depth-first with its depths."""
    children = _children(classes, parents)
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


def _layout(classes, parents, edges, reused, labels, names) -> tuple[dict[URIRef, _Box], float]:
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
    boxes: dict[URIRef, _Box] = {}
    x = MARGIN
    for number, column in enumerate(columns):
        rows = [row for root in column for row in blocks[root]]
        column_width = max(
            [MIN_BOX_WIDTH]
            + [depth * INDENT + 2 * BOX_PADDING
               + max(_text_width(labels[cls], FONT_SIZE), _text_width(names[cls], SMALL_FONT_SIZE))
               for cls, depth in rows]
        )
        top = (drawing_height - _column_height(column, heights)) / 2
        column_right = x + column_width
        for root in column:
            for cls, depth in blocks[root]:
                indent = depth * INDENT
                box = _Box(cls, number, x + indent, top + offsets[cls], column_width - indent)
                boxes[cls] = box
                column_right = max(column_right, _superclass_right(box, reused[cls]))
            top += heights[root] + BLOCK_GAP
        x = column_right + COLUMN_GAP
    return boxes, drawing_height


def _superclass_boxes(box: _Box, names: list[str]) -> list[tuple[str, float, float, float]]:
    """Return ``(name, x, y, width)`` of the small boxes above ``box``, left to right."""
    placed, x = [], box.x + SUPERCLASS_OFFSET
    y = box.y - SUPERCLASS_GAP - SUPERCLASS_HEIGHT
    for name in names:
        width = _text_width(name, SMALL_FONT_SIZE) + BOX_PADDING
        placed.append((name, x, y, width))
        x += width + 8
    return placed


def _superclass_right(box: _Box, names: list[str]) -> float:
    placed = _superclass_boxes(box, names)
    return max([box.right] + [x + width for _, x, _, width in placed])


def _svg_open(width: float, height: float) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="model-diagram" role="img" '
        f'aria-labelledby="model-diagram-title" viewBox="0 0 {width:.0f} {height:.0f}" '
        f'width="{width:.0f}" height="{height:.0f}">\n'
        '<title id="model-diagram-title">Classes of the ontology and the properties that link them'
        "</title>\n"
        f"<style>{_STYLE}</style>\n"
        "<defs>\n"
        '<marker id="md-arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" '
        'markerHeight="7" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="#333333"/></marker>\n'
        '<marker id="md-hollow" viewBox="0 0 12 12" refX="12" refY="6" markerWidth="11" '
        'markerHeight="11" orient="auto" markerUnits="userSpaceOnUse">'
        '<path d="M0,0 L12,6 L0,12 z" fill="#ffffff" stroke="#555555"/></marker>\n'
        "</defs>"
    )


def _class_box(box: _Box, label: str, name: str, reused: list[str], href: str | None) -> str:
    cx = box.x + box.width / 2
    parts = [f'<g class="md-class" data-iri="{html.escape(str(box.iri))}">']
    if href:
        parts.append(f'<a href="{html.escape(href)}">')
    parts.append(
        f'<rect x="{box.x:.1f}" y="{box.y:.1f}" width="{box.width:.1f}" '
        f'height="{box.height:.1f}" rx="4"/>'
        f'<text class="md-label" x="{cx:.1f}" y="{box.y + 19:.1f}" text-anchor="middle">'
        f"{html.escape(label)}</text>"
        f'<text class="md-name" x="{cx:.1f}" y="{box.y + 36:.1f}" text-anchor="middle">'
        f"{html.escape(name)}</text>"
    )
    if href:
        parts.append("</a>")
    parts.append("</g>")
    for small_name, x, y, width in _superclass_boxes(box, reused):
        arrow_x = min(x + 14, box.right - 8)
        parts.append(
            f'<g class="md-reused" data-name="{html.escape(small_name)}" '
            f'data-subclass="{html.escape(str(box.iri))}">'
            f'<path class="md-subclass" d="M{arrow_x:.1f},{box.y:.1f} '
            f'L{x + 14:.1f},{y + SUPERCLASS_HEIGHT:.1f}" marker-end="url(#md-hollow)"/>'
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{width:.1f}" height="{SUPERCLASS_HEIGHT}" '
            'rx="3"/>'
            f'<text x="{x + width / 2:.1f}" y="{y + 15:.1f}" text-anchor="middle">'
            f"{html.escape(small_name)}</text></g>"
        )
    return "".join(parts)


def _subclass_paths(graph, classes, parents, boxes, own) -> list[str]:
    """Draw each class hierarchy as a dashed tree, and further own superclasses as dashed arrows."""
    paths = []
    for parent, members in sorted(_children(classes, parents).items()):
        box = boxes[parent]
        bus_x = box.x + INDENT / 2
        lowest = max(boxes[child].centre[1] for child in members)
        paths.append(
            f'<path class="md-subclass" data-target="{html.escape(str(parent))}" '
            f'd="M{bus_x:.1f},{lowest:.1f} V{box.bottom:.1f}" marker-end="url(#md-hollow)"/>'
        )
        for child in members:
            child_box = boxes[child]
            paths.append(
                f'<path class="md-subclass" data-source="{html.escape(str(child))}" '
                f'data-target="{html.escape(str(parent))}" '
                f'd="M{child_box.x:.1f},{child_box.centre[1]:.1f} H{bus_x:.1f}"/>'
            )
    for cls in classes:
        for parent in sorted(p for p in graph.objects(cls, RDFS.subClassOf) if p in own):
            if parent in (cls, parents[cls]):
                continue
            start = _clip(boxes[cls], boxes[parent].centre)
            end = _clip(boxes[parent], boxes[cls].centre)
            paths.append(
                f'<path class="md-subclass" data-source="{html.escape(str(cls))}" '
                f'data-target="{html.escape(str(parent))}" '
                f'd="M{start[0]:.1f},{start[1]:.1f} L{end[0]:.1f},{end[1]:.1f}" '
                'marker-end="url(#md-hollow)"/>'
            )
    return paths


def _clip(box: _Box, toward: tuple[float, float]) -> tuple[float, float]:
    """Return where the line from the centre of ``box`` toward a point leaves the box."""
    cx, cy = box.centre
    dx, dy = toward[0] - cx, toward[1] - cy
    if dx == 0 and dy == 0:
        return cx, cy
    scale = min(
        box.width / 2 / abs(dx) if dx else math.inf,
        box.height / 2 / abs(dy) if dy else math.inf,
    )
    return cx + dx * scale, cy + dy * scale


def _ports(edges: list[Association], boxes: dict) -> dict[tuple[int, str], tuple[float, float]]:
    """Spread the ends of the arrows along the left or right side of each box.

    An arrow leaves toward the column of its target and arrives from the
    column of its source. Within a column it leaves and arrives on the right.
    The ends on one side are sorted by the height of the box at the other
    end, so that arrows do not cross next to the box.
    """
    attached = defaultdict(list)
    for index, edge in enumerate(edges):
        source, target = boxes[edge.source], boxes[edge.target]
        if source.column == target.column:
            start_side = end_side = "right"
        else:
            start_side = "right" if target.column > source.column else "left"
            end_side = "left" if start_side == "right" else "right"
        # A loop leaves above the point where it comes back.
        loop = 1 if source is target else 0
        attached[(edge.source, start_side)].append(
            (target.centre[1] - loop, edge.label, index, "start"))
        attached[(edge.target, end_side)].append(
            (source.centre[1] + loop, edge.label, index, "end"))
    ports = {}
    for (cls, side), ends in attached.items():
        box = boxes[cls]
        x = box.right if side == "right" else box.x
        for position, (_, _, index, end) in enumerate(sorted(ends)):
            ports[(index, end)] = (x, box.y + box.height * (position + 1) / (len(ends) + 1))
    return ports


def _association_elements(edges: list[Association], boxes: dict) -> tuple[list[str], float]:
    """Draw the solid arrows and return them with the rightmost x that they or their labels reach.

    An arrow between columns is a curve that leaves and arrives horizontally.
    An arrow within a column is an arc on the right of the column. The
    labels of arrows between the same two classes are stacked.
    """
    ports = _ports(edges, boxes)
    groups = defaultdict(list)
    for index, edge in enumerate(edges):
        groups[frozenset((edge.source, edge.target))].append(index)
    arcs_per_column: dict[int, int] = defaultdict(int)
    occupied = [(box.x, box.y, box.right, box.bottom) for box in boxes.values()]
    elements, right = [], 0.0
    for index, edge in enumerate(edges):
        start, end = ports[(index, "start")], ports[(index, "end")]
        column = boxes[edge.source].column
        if column == boxes[edge.target].column:
            bulge = max(start[0], end[0]) + ARC_BULGE * (1 + arcs_per_column[column] / 2)
            arcs_per_column[column] += 1
            controls = ((bulge, start[1]), (bulge, end[1]))
            anchor = "start"
        else:
            middle = (start[0] + end[0]) / 2
            controls = ((middle, start[1]), (middle, end[1]))
            anchor = "middle"
        group = groups[frozenset((edge.source, edge.target))]
        stacking = (group.index(index) - (len(group) - 1) / 2) * LABEL_LINE_HEIGHT
        label_x, label_y = _label_position(
            (start, *controls, end), edge.label, anchor, stacking, occupied
        )
        label_right = label_x + _text_width(edge.label, SMALL_FONT_SIZE)
        right = max(right, label_right, controls[0][0], controls[1][0])
        path = (f"M{start[0]:.1f},{start[1]:.1f} C{controls[0][0]:.1f},{controls[0][1]:.1f} "
                f"{controls[1][0]:.1f},{controls[1][1]:.1f} {end[0]:.1f},{end[1]:.1f}")
        elements.append(_edge_element(edge, path, label_x, label_y, anchor))
    return elements, right


def _label_position(curve: tuple, label: str, anchor: str, stacking: float,
                    occupied: list) -> tuple:
    """Pick the first point along the curve where the label overlaps no box or earlier label.

    ``occupied`` contains the rectangles ``(left, top, right, bottom)``
    already in use, and the chosen label's rectangle is added to it. When every point
    overlaps, the label goes to the middle of the curve.
    """
    width = _text_width(label, SMALL_FONT_SIZE)
    candidates = []
    for share in LABEL_POSITIONS:
        x, y = _bezier_point(*curve, share)
        x = x + 4 if anchor == "start" else x
        # The baseline sits 4 units below the curve, so the text is centred on it.
        y += stacking + 4
        left = x if anchor == "start" else x - width / 2
        candidates.append(((x, y), (left - 2, y - 11, left + width + 2, y + 3)))
    for point, rectangle in candidates:
        if not any(_overlap(rectangle, other) for other in occupied):
            occupied.append(rectangle)
            return point
    occupied.append(candidates[0][1])
    return candidates[0][0]


def _overlap(first: tuple, second: tuple) -> bool:
    horizontal = first[0] < second[2] and second[0] < first[2]
    return horizontal and first[1] < second[3] and second[1] < first[3]


def _bezier_point(p0, p1, p2, p3, share: float) -> tuple[float, float]:
    """Return the point of a cubic Bezier curve at parameter ``share`` (0 to 1)."""
    rest = 1 - share
    weights = (rest**3, 3 * rest**2 * share, 3 * rest * share**2, share**3)
    points = (p0, p1, p2, p3)
    return (
        sum(w * p[0] for w, p in zip(weights, points)),
        sum(w * p[1] for w, p in zip(weights, points)),
    )


def _edge_element(edge: Association, path: str, label_x: float, label_y: float, anchor: str) -> str:
    return (
        f'<g class="md-edge" data-property="{html.escape(str(edge.prop))}" '
        f'data-source="{html.escape(str(edge.source))}" '
        f'data-target="{html.escape(str(edge.target))}">'
        f'<path d="{path}" marker-end="url(#md-arrow)"/>'
        f'<text x="{label_x:.1f}" y="{label_y:.1f}" text-anchor="{anchor}">'
        f"{html.escape(edge.label)}</text></g>"
    )


def _legend(top: float) -> str:
    y = top + 24
    return (
        '<g class="md-legend">'
        f'<path d="M{MARGIN},{y} h46" fill="none" stroke="#333333" stroke-width="1.3" '
        'marker-end="url(#md-arrow)"/>'
        f'<text x="{MARGIN + 56}" y="{y + 4}">'
        "object property or restriction, from domain to range</text>"
        f'<path class="md-subclass" d="M{MARGIN + 420},{y} h46" marker-end="url(#md-hollow)"/>'
        f'<text x="{MARGIN + 476}" y="{y + 4}">subclass of</text>'
        f'<rect x="{MARGIN + 580}" y="{y - 10}" width="40" height="20" rx="3" '
        'fill="#f2f2f2" stroke="#888888"/>'
        f'<text x="{MARGIN + 630}" y="{y + 4}">class from another vocabulary</text>'
        "</g>"
    )
