"""Draw the classes of the ontology and the links between them as an inline SVG diagram.

The diagram has one box per class of the ontology's own namespace. Solid
arrows run from domain to range for each object property whose domain and
range are both such classes, and for each ``owl:allValuesFrom`` or
``owl:someValuesFrom`` restriction that ties one such class to another.
Dashed arrows with a hollow head stand for ``rdfs:subClassOf``: a class sits
indented under its superclass, and a superclass from another vocabulary is a
small grey box above the class.

``ecosystem.reports.ontology_layout`` places the boxes. This module draws
them, routes the arrows between them and places the arrows' labels.
"""

from __future__ import annotations

import html
import logging
import math
from collections import defaultdict
from collections.abc import Mapping

from rdflib import Graph, URIRef
from rdflib.namespace import RDFS

from ecosystem.reports.ontology_classes import (Association, associations, class_members,
                                                own_classes)
from ecosystem.reports.ontology_layout import (INDENT, MARGIN, SMALL_FONT_SIZE, SUPERCLASS_HEIGHT,
                                               Box, child_classes, place_boxes, primary_parents,
                                               superclass_boxes, superclass_right, text_width)
from ecosystem.reports.ontology_reader import english_label, local_name, prefixed_name, texts_in

# The class and term helpers are re-exported, so callers may import them from here.
__all__ = [
    "Association", "associations", "class_members", "english_label", "local_name",
    "model_diagram_svg", "own_classes", "prefixed_name", "texts_in",
]

logger = logging.getLogger(__name__)

# Sizes are SVG user units, as in ecosystem.reports.ontology_layout.
LEGEND_HEIGHT = 56
LEGEND_WIDTH = 860
ARC_BULGE = 34
LABEL_LINE_HEIGHT = 14
# Points along an arrow, as Bezier parameters, tried in turn for its label.
LABEL_POSITIONS = (0.5, 0.4, 0.6, 0.3, 0.7, 0.22, 0.78)

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
    parents = primary_parents(graph, classes)
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
    boxes, height = place_boxes(classes, parents, edges, reused, labels, names)
    edge_elements, edges_right = _association_elements(edges, boxes)
    boxes_right = max((superclass_right(boxes[cls], reused[cls]) for cls in classes), default=0)
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


def _class_box(box: Box, label: str, name: str, reused: list[str], href: str | None) -> str:
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
    for small_name, x, y, width in superclass_boxes(box, reused):
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
    for parent, members in sorted(child_classes(classes, parents).items()):
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


def _clip(box: Box, toward: tuple[float, float]) -> tuple[float, float]:
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
        label_right = label_x + text_width(edge.label, SMALL_FONT_SIZE)
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
    width = text_width(label, SMALL_FONT_SIZE)
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
