"""Select one municipality's part of the ecosystem graph and draw it as an offline HTML map.

The input is the networkx ``MultiDiGraph`` of the analysis layer: nodes are
actor IRIs with ``label``, ``kind``, ``refnis``, ``status``, ``lat``/``lon``
and related attributes, and every edge is keyed by its link IRI and carries a
``relation`` of ``collaboration`` or ``membership``.

pyvis assembles the vis-network node, edge and option records. The page itself
comes from ``map_template.html`` with vis-network's JavaScript and CSS inlined
from the installed pyvis package, so a map opens without network access.
"""

from __future__ import annotations

import functools
import html
import importlib.resources
import json
import logging
import math
import re
import string
from collections import Counter
from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd
import pyvis
from pyvis.network import Network

from ecosystem.errors import EcosystemError
from ecosystem.maps import style
from ecosystem.maps.layout import layout_positions

logger = logging.getLogger(__name__)

VIS_NETWORK_DIR = Path(pyvis.__file__).resolve().parent / "lib" / "vis-9.1.2"
TEMPLATE_FILE = "map_template.html"

RELATIONS = ("collaboration", "membership", "post")
DIRECTIONS = ("one-way", "two-way")
FORMALITIES = ("structural", "ad-hoc")

# Roundness step between parallel edges drawn between one pair of actors.
PARALLEL_ROUNDNESS_STEP = 0.15
# Above this many edges, edges are hidden while the user drags or zooms.
LARGE_MAP_EDGES = 500
# Longer names are cut on the map so one long name cannot blow up the layout.
MAX_LABEL_CHARACTERS = 60

_REFNIS = re.compile(r"\d{5}")
_JSON_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}


class MapInputError(EcosystemError, ValueError):
    """A REFNIS code, graph or attribute value that cannot be drawn on a map."""


class VisLibraryNotFoundError(EcosystemError, FileNotFoundError):
    """The vis-network files that pyvis ships are missing from the installation."""


def schools_by_refnis(graph: nx.MultiDiGraph) -> dict[str, list]:
    """Return the school nodes of ``graph`` grouped by their REFNIS code.

    Drawing every map of a region looks each municipality's schools up here,
    instead of scanning every node once per map.
    """
    found: dict[str, list] = {}
    for node, attrs in graph.nodes(data=True):
        if attrs.get("kind") == "school":
            found.setdefault(_node_refnis(node, attrs), []).append(node)
    return found


def select_municipality(graph: nx.MultiDiGraph, refnis: str,
                        schools: dict[str, list] | None = None) -> nx.MultiDiGraph:
    """Return a copy of the part of ``graph`` drawn on the map of municipality ``refnis``.

    The part contains every school whose ``refnis`` equals ``refnis``, every
    actor linked to one of those schools by a collaboration or membership edge,
    and every member of the networks those schools are members of, with all
    edges between these actors. Each node of the copy gets a boolean
    ``outside`` attribute: true when its ``refnis`` is set and differs.
    ``schools`` is the index from :func:`schools_by_refnis`, made here when
    not given. The input graph is not changed.
    """
    code = _normalise_refnis(refnis)
    index = schools if schools is not None else schools_by_refnis(graph)
    inside = index.get(code, [])

    selected = set(inside)
    for school in inside:
        selected.update(graph.successors(school))
        selected.update(graph.predecessors(school))
        selected.update(_fellow_members(graph, school))

    subgraph = _ordered_copy(graph, selected)
    for node, attrs in subgraph.nodes(data=True):
        node_code = _node_refnis(node, attrs)
        attrs["outside"] = bool(node_code) and node_code != code
    logger.debug(
        "Selected %d actors and %d links for REFNIS %s (%d schools)",
        subgraph.number_of_nodes(),
        subgraph.number_of_edges(),
        code,
        len(inside),
    )
    return subgraph


def _ordered_copy(graph: nx.MultiDiGraph, selected: set) -> nx.MultiDiGraph:
    """Copy the part of ``graph`` on ``selected``, nodes and edges in sorted order.

    networkx's subgraph follows the iteration order of a set, which changes
    with Python's string hashing from run to run, and the layout and the page
    follow the node order. Sorting makes the same input give the same map.
    """
    part = nx.MultiDiGraph()
    part.graph.update(graph.graph)
    ordered = sorted(selected, key=str)
    part.add_nodes_from((node, dict(graph.nodes[node])) for node in ordered)
    for node in ordered:
        edges = [(target, key, data) for _, target, key, data
                 in graph.out_edges(node, keys=True, data=True) if target in selected]
        for target, key, data in sorted(edges, key=lambda edge: (str(edge[0]), str(edge[1]))):
            part.add_edge(node, target, key=key, **data)
    return part


def draw_municipality_map(
    graph: nx.MultiDiGraph, refnis: str, municipality_name: str, path: str | Path,
    schools: dict[str, list] | None = None,
) -> Path:
    """Write the self-contained HTML map of municipality ``refnis`` to ``path``.

    The map shows the actors chosen by :func:`select_municipality` at
    positions computed beforehand by :func:`layout_positions`. Physics is
    switched off, so the browser draws the map at once instead of simulating
    a layout. The file is UTF-8 and loads nothing from the network. Missing
    parent folders are created. ``schools`` is passed on to
    :func:`select_municipality`.

    Raises MapInputError when ``refnis`` is not a five-digit code, when no
    school has that code, or when an edge carries an unknown relation,
    direction or formality. Raises VisLibraryNotFoundError when the installed
    pyvis lacks its vis-network files.
    """
    code = _normalise_refnis(refnis)
    name = str(municipality_name).strip() or code
    subgraph = select_municipality(graph, code, schools)
    schools = _schools_inside(subgraph)
    if not schools:
        raise MapInputError(
            f"No school in the graph has REFNIS code {code} ({name}). "
            "Check the code against the municipality register, "
            "or leave this municipality without a map."
        )

    positions = layout_positions(subgraph)
    network = _build_network(subgraph, positions, name)
    page = _render_page(network, code, name, _status_summary(schools, name))

    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(page, encoding="utf-8")
    logger.info(
        "Wrote the map of %s (%s): %d actors, %d links, to %s",
        name,
        code,
        network.num_nodes(),
        network.num_edges(),
        target,
    )
    return target


def _normalise_refnis(value: object) -> str:
    plain = _plain(value)
    code = None
    if isinstance(plain, int) and not isinstance(plain, bool):
        code = f"{plain:05d}"
    elif isinstance(plain, str):
        code = plain.strip()
    if code is None or not _REFNIS.fullmatch(code):
        raise MapInputError(
            f"Invalid REFNIS code {value!r}. Expected five digits such as '44021'. "
            "Pass codes as strings so that leading zeros survive."
        )
    return code


def _node_refnis(node: object, attrs: dict) -> str:
    value = _plain(attrs.get("refnis"))
    if value is None or (isinstance(value, str) and not value.strip()):
        return ""
    try:
        return _normalise_refnis(value)
    except MapInputError as error:
        raise MapInputError(f"Actor {node}: {error}") from None


def _plain(value: object) -> object:
    """Return ``value`` as a built-in Python type, with NaN and missing values as None."""
    if value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def _text(value: object) -> str:
    plain = _plain(value)
    return "" if plain is None else str(plain).strip()


def _flag(value: object) -> bool:
    plain = _plain(value)
    if isinstance(plain, str):
        return plain.strip().lower() in ("true", "1", "yes")
    return bool(plain)


def _node_id(node: object) -> str:
    return str(_plain(node))


def _fellow_members(graph: nx.MultiDiGraph, school: object):
    for _, network, data in graph.out_edges(school, data=True):
        if data.get("relation") != "membership":
            continue
        for member, _, member_data in graph.in_edges(network, data=True):
            if member_data.get("relation") == "membership":
                yield member


def _schools_inside(graph: nx.MultiDiGraph) -> list[dict]:
    return [
        attrs
        for _, attrs in graph.nodes(data=True)
        if attrs.get("kind") == "school" and not attrs.get("outside")
    ]


def _build_network(graph: nx.MultiDiGraph, positions: dict, municipality_name: str) -> Network:
    """Assemble the pyvis network of ``graph`` with its vis-network options."""
    network = Network(directed=True)
    labels = {}
    for node, attrs in graph.nodes(data=True):
        node_id = _node_id(node)
        labels[node_id] = _text(attrs.get("label")) or node_id.rstrip("/").rsplit("/", 1)[-1]
        record = _node_record(node_id, attrs, labels[node_id], municipality_name)
        x, y = positions[node]
        network.add_node(node_id, x=x, y=y, **record)
    _add_edges(network, graph, labels)
    network.options = _vis_options(network.num_edges())
    return network


def _node_record(node_id: str, attrs: dict, name: str, municipality_name: str) -> dict:
    kind = _text(attrs.get("kind"))
    welfare_type = _text(attrs.get("welfare_type"))
    status = _text(attrs.get("status"))
    outside = _flag(attrs.get("outside"))
    label = _shorten(name)
    if kind == "school":
        details = [part for part in (_text(attrs.get("school_number")), status) if part]
        label = "\n".join([label, " \u00b7 ".join(details)]) if details else label
    record = {
        "label": label,
        "title": _node_tooltip(node_id, attrs, name, municipality_name),
        "kind": kind or "unknown",
        "status": status,
        "outside": outside,
    }
    record.update(style.node_visuals(kind, welfare_type, status, outside))
    return record


def _shorten(name: str) -> str:
    """Return a name cut to ``MAX_LABEL_CHARACTERS`` for the label; the tooltip keeps it whole."""
    if len(name) <= MAX_LABEL_CHARACTERS:
        return name
    return name[: MAX_LABEL_CHARACTERS - 1].rstrip() + "\u2026"


def _node_tooltip(node_id: str, attrs: dict, name: str, municipality_name: str) -> str:
    """Return the plain-text tooltip of an actor: name, kind, school details, place, IRI."""
    kind = _text(attrs.get("kind"))
    lines = [
        name,
        _actor_description(
            kind, _text(attrs.get("welfare_type")), _text(attrs.get("network_type"))
        ),
    ]
    if kind == "school":
        number = _text(attrs.get("school_number"))
        if number:
            lines.append(f"School number: {number}")
        status = style.status_style(_text(attrs.get("status")))
        lines.append(f"Status: {status.name} ({status.meaning})")

    place_name = _text(attrs.get("municipality"))
    place_code = _text(attrs.get("refnis"))
    place = (
        f"{place_name} ({place_code})" if place_name and place_code else place_name or place_code
    )
    if _flag(attrs.get("outside")):
        lines.append(f"Outside {municipality_name}: located in {place}")
    elif place:
        lines.append(f"Municipality: {place}")
    lines.append(node_id)
    return "\n".join(lines)


def _actor_description(kind: str, welfare_type: str, network_type: str) -> str:
    if kind not in style.KIND_STYLES:
        return f"Other actor (kind: {kind or 'missing'})"
    if kind == "welfare" and welfare_type in style.WELFARE_TYPE_STYLES:
        return f"Welfare organisation: {style.WELFARE_TYPE_STYLES[welfare_type].name}"
    if kind == "welfare":
        return (
            f"Welfare organisation (type: {welfare_type})"
            if welfare_type
            else "Welfare organisation"
        )
    description = style.KIND_STYLES[kind].name
    return (
        f"{description} (type: {network_type})"
        if kind == "network" and network_type
        else description
    )


def _add_edges(network: Network, graph: nx.MultiDiGraph, labels: dict[str, str]) -> None:
    """Add every edge of ``graph``, curving parallel edges apart so each stays visible."""
    links = [
        (_node_id(u), _node_id(v), key, data)
        for u, v, key, data in graph.edges(keys=True, data=True)
    ]
    pair_sizes = Counter(frozenset((source, target)) for source, target, _, _ in links)
    pair_ranks: Counter = Counter()
    used_ids: set[str] = set()
    for source, target, key, data in links:
        pair = frozenset((source, target))
        edge_id = _text(key)
        if not edge_id or edge_id in used_ids:
            edge_id = f"{source} -> {target} #{len(used_ids)}"
        used_ids.add(edge_id)

        record = _edge_record(edge_id, source, target, data, labels)
        if pair_sizes[pair] > 1 and source != target:
            record["smooth"] = _parallel_curve(pair_ranks[pair], source < target)
        pair_ranks[pair] += 1
        network.add_edge(source, target, id=edge_id, **record)


def _parallel_curve(rank: int, canonical_direction: bool) -> dict:
    """Return the curve of the ``rank``-th edge between one pair of actors.

    Edges alternate between the two sides of the straight line, further out
    with every second rank. vis-network measures clockwise along the edge's
    own direction, so an edge drawn against the pair's canonical order flips
    its curve type to stay on its side.
    """
    on_first_side = (rank % 2 == 0) == canonical_direction
    return {
        "enabled": True,
        "type": "curvedCW" if on_first_side else "curvedCCW",
        "roundness": round(PARALLEL_ROUNDNESS_STEP * (rank // 2 + 1), 3),
    }


def _edge_record(
    edge_id: str, source: str, target: str, data: dict, labels: dict[str, str]
) -> dict:
    relation = _checked_value(data, "relation", RELATIONS, edge_id)
    if relation == "membership":
        role = _text(data.get("role"))
        since = _text(data.get("since"))
        lines = [f"{labels[source]} is a member of {labels[target]}"]
        if role:
            lines.append(f"Role: {role}")
        if since:
            lines.append(f"Since: {since}")
        lines.append(edge_id)
        record = {"relation": relation, "formality": "", "title": "\n".join(lines)}
        record.update(style.membership_visuals())
        return record

    if relation == "post":
        role = _text(data.get("role")).replace("-", " ") or "post"
        lines = [f"{labels[source]} has a {role} who works for {labels[target]}"]
        employer = _text(data.get("employer_type"))
        if employer:
            lines.append(f"Employed by: {employer.replace('-', ' ')}")
        lines.append(_text(data.get("post")) or edge_id)
        record = {"relation": relation, "formality": "", "title": "\n".join(lines)}
        record.update(style.post_visuals())
        return record

    direction = _checked_value(data, "direction", DIRECTIONS, edge_id)
    formality = _checked_value(data, "formality", FORMALITIES, edge_id)
    mandated = _flag(data.get("mandated"))
    arrow = "\u2194" if direction == "two-way" else "\u2192"
    lines = [
        f"{labels[source]} {arrow} {labels[target]}",
        f"Collaboration: {direction}, {formality}",
    ]
    if mandated:
        lines.append("Mandated link between the school and its CLB")
    purposes = _purposes(data.get("purposes"))
    if purposes:
        lines.append("Purposes: " + ", ".join(purposes))
    for name, text in (("intensity", "Intensity"), ("frequency", "Frequency")):
        if _text(data.get(name)):
            lines.append(f"{text}: {_text(data.get(name)).replace('-', ' ')}")
    since = _text(data.get("since"))
    if since:
        lines.append(f"Since: {since}")
    waves = _purposes(data.get("waves"))
    if waves:
        lines.append("Reported in: " + ", ".join(waves))
    disputed = _purposes(data.get("disputed"))
    if disputed:
        lines.append("The reports disagree on: " + ", ".join(disputed))
    lines.append(edge_id)
    record = {
        "relation": relation,
        "formality": formality,
        "mandated": mandated,
        "title": "\n".join(lines),
    }
    record.update(
        style.collaboration_visuals(direction == "two-way", formality == "ad-hoc", mandated)
    )
    return record


def _checked_value(data: dict, name: str, allowed: tuple[str, ...], edge_id: str) -> str:
    value = _text(data.get(name))
    if value not in allowed:
        raise MapInputError(
            f"Link {edge_id} has invalid {name} {value!r}. Expected one of {', '.join(allowed)}. "
            "Correct the link in the input data."
        )
    return value


def _purposes(value: object) -> list[str]:
    plain = _plain(value)
    if plain is None:
        return []
    if isinstance(plain, str):
        return [part.strip() for part in plain.split(",") if part.strip()]
    codes = [_text(item) for item in plain]
    if isinstance(plain, (set, frozenset)):
        codes.sort()
    return [code for code in codes if code]


def _vis_options(edge_count: int) -> dict:
    large = edge_count > LARGE_MAP_EDGES
    return {
        "autoResize": True,
        "physics": {"enabled": False},
        "layout": {"improvedLayout": False},
        "nodes": {"font": {"size": 14, "face": "sans-serif"}},
        "edges": {"smooth": False, "arrowStrikethrough": False, "selectionWidth": 2},
        "interaction": {
            "hover": True,
            "tooltipDelay": 150,
            "multiselect": True,
            "hideEdgesOnDrag": large,
            "hideEdgesOnZoom": large,
        },
    }


def _status_summary(schools: list[dict], municipality_name: str) -> str:
    counts = Counter(_text(attrs.get("status")) for attrs in schools)
    parts = [f"{counts.pop(status, 0)} {status}" for status in style.STATUS_STYLES]
    parts.extend(
        f"{count} {status or 'without status'}" for status, count in sorted(counts.items())
    )
    noun = "school" if len(schools) == 1 else "schools"
    return f"{len(schools)} {noun} in {municipality_name}: " + ", ".join(parts) + "."


def _render_page(network: Network, code: str, name: str, summary: str) -> str:
    nodes, edges, _, _, _, options = network.get_network_data()
    data = {"nodes": nodes, "edges": edges, "options": json.loads(options)}
    script, stylesheet = _vis_library()
    heading = f"Schools and welfare organisations working together in {name} ({code})"
    return string.Template(_template_text()).substitute(
        title=html.escape(heading),
        heading=html.escape(heading),
        summary=html.escape(summary),
        filters=_render_filters(nodes, edges),
        legend=style.render_legend(),
        vis_css=stylesheet,
        vis_js=script,
        map_data=_script_json(data),
    )


def _render_filters(nodes: list[dict], edges: list[dict]) -> str:
    """Return the checkboxes that show or hide actor kinds, outside actors and link types."""
    kinds = sorted({node["kind"] for node in nodes}, key=_kind_order)
    boxes = [
        ("kind", kind, style.KIND_FILTER_NAMES.get(kind, f"Other actors ({kind})"))
        for kind in kinds
    ]
    if any(node["outside"] for node in nodes):
        boxes.append(("outside", "outside", "Actors outside the municipality"))
    if any(edge.get("formality") == "ad-hoc" for edge in edges):
        boxes.append(("link", "ad-hoc", "Ad-hoc links"))
    if any(edge.get("relation") == "membership" for edge in edges):
        boxes.append(("link", "membership", "Memberships"))
    if any(edge.get("relation") == "post" for edge in edges):
        boxes.append(("link", "post", "Posts"))
    return "\n".join(
        f'<label><input type="checkbox" data-filter="{group}" '
        f'value="{html.escape(value)}" checked> '
        f"{html.escape(text)}</label>"
        for group, value, text in boxes
    )


def _kind_order(kind: str) -> tuple[int, str]:
    known = list(style.KIND_STYLES)
    return (known.index(kind), "") if kind in known else (len(known), kind)


def _script_json(data: dict) -> str:
    """Serialise ``data`` as JSON that cannot end the script element it sits in."""
    text = json.dumps(data, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    # str.translate took 2.7 s for 300 Flanders-scale maps under cProfile, so each
    # character is replaced by a str.replace call instead.
    for char, escape in _JSON_ESCAPES.items():
        text = text.replace(char, escape)
    return text


@functools.lru_cache(maxsize=1)
def _vis_library() -> tuple[str, str]:
    """Return the JavaScript and CSS of vis-network 9.1.2, ready to inline."""
    script_path = VIS_NETWORK_DIR / "vis-network.min.js"
    stylesheet_path = VIS_NETWORK_DIR / "vis-network.css"
    for required in (script_path, stylesheet_path):
        if not required.is_file():
            raise VisLibraryNotFoundError(
                f"{required} is missing. Reinstall pyvis 0.3.2 "
                "(pip install --force-reinstall pyvis==0.3.2), "
                "which ships vis-network 9.1.2."
            )
    script = script_path.read_text(encoding="utf-8")
    stylesheet = stylesheet_path.read_text(encoding="utf-8")
    # An end tag inside inlined code would close its element early.
    script = re.sub(r"</(script)", r"<\\/\1", script, flags=re.IGNORECASE)
    stylesheet = re.sub(r"</(style)", r"<\\/\1", stylesheet, flags=re.IGNORECASE)
    return script, stylesheet


@functools.lru_cache(maxsize=1)
def _template_text() -> str:
    return (
        importlib.resources.files(__package__).joinpath(TEMPLATE_FILE).read_text(encoding="utf-8")
    )
