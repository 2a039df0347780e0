"""Colours, shapes and line styles of the network maps, and the legend that explains them.

Fill colours follow the Okabe-Ito palette where possible, so that the actor
kinds stay distinguishable for readers with a colour-vision deficiency. The
school status is drawn as a thick border and repeated in the label, so it
does not depend on colour alone.
"""

from __future__ import annotations

import html
from dataclasses import dataclass


@dataclass(frozen=True)
class ActorStyle:
    """Legend name, fill colour, vis-network shape and size of one kind of actor."""

    name: str
    colour: str
    shape: str
    size: int


@dataclass(frozen=True)
class StatusStyle:
    """Legend name, border colour and meaning of one school status."""

    name: str
    colour: str
    meaning: str


KIND_STYLES: dict[str, ActorStyle] = {
    "school": ActorStyle("School", "#8EC3EB", "dot", 16),
    "welfare": ActorStyle("Welfare organisation (other type)", "#F0B86E", "diamond", 14),
    "local-government": ActorStyle("Local government", "#009E73", "square", 14),
    "network": ActorStyle("Local network", "#7B6FD0", "hexagon", 18),
    "bridge-organisation": ActorStyle("Bridge organisation", "#17BECF", "triangle", 14),
}

# Checkbox labels of the filters that show or hide each kind of actor.
KIND_FILTER_NAMES: dict[str, str] = {
    "school": "Schools",
    "welfare": "Welfare organisations",
    "local-government": "Local governments",
    "network": "Local networks",
    "bridge-organisation": "Bridge organisations",
}

# Drawn for a `kind` value that none of the styles above covers.
UNKNOWN_KIND_STYLE = ActorStyle("Other actor", "#C7C7C7", "dot", 12)

# Welfare organisations of these types get their own fill colour; every
# other welfare type keeps the "welfare" fill from KIND_STYLES.
WELFARE_TYPE_STYLES: dict[str, ActorStyle] = {
    "caw": ActorStyle("CAW (general welfare centre)", "#E69F00", "diamond", 14),
    "clb": ActorStyle("CLB (pupil guidance centre)", "#CC79A7", "diamond", 14),
    "ocmw": ActorStyle("OCMW (public social welfare centre)", "#A67C2E", "diamond", 14),
    "huis-van-het-kind": ActorStyle("Huis van het Kind", "#F0E442", "diamond", 14),
}

# The meanings restate the decision table in ecosystem.analysis.status, where
# a collaboration is a link with an actor that is not a school.
STATUS_STYLES: dict[str, StatusStyle] = {
    "isolated": StatusStyle("isolated", "#D62728", "no collaboration with any partner"),
    "mandated-only": StatusStyle(
        "mandated-only", "#FF7F0E", "collaborates only with a CLB, the legally mandated tie"
    ),
    "one-way-only": StatusStyle(
        "one-way-only", "#B5B000", "no two-way collaboration apart from the CLB"
    ),
    "ad-hoc-only": StatusStyle(
        "ad-hoc-only", "#9467BD", "two-way collaboration, but none of it structural"
    ),
    "connected": StatusStyle(
        "connected", "#2CA02C", "at least one structural two-way collaboration"
    ),
}

# Border of a school whose status is missing or not one of STATUS_STYLES.
UNKNOWN_STATUS_STYLE = StatusStyle("unknown", "#7F7F7F", "status not computed")

COLLABORATION_COLOUR = "#404040"
MANDATED_COLOUR = "#A0527F"
MEMBERSHIP_COLOUR = "#A6A6A6"
POST_COLOUR = "#2E8B57"
POST_DASHES = [6, 3, 1, 3]
HIGHLIGHT_COLOUR = "#000000"
OUTSIDE_FONT_COLOUR = "#777777"

STRUCTURAL_WIDTH = 2.5
AD_HOC_WIDTH = 1.5
MEMBERSHIP_WIDTH = 1.0
# vis-network dash patterns: [dash length, gap length] in pixels.
AD_HOC_DASHES = [8, 6]
MEMBERSHIP_DASHES = [2, 5]
OUTSIDE_BORDER_DASHES = [4, 4]
# Share of white mixed into the colours of actors outside the municipality.
OUTSIDE_LIGHTENING = 0.6


def actor_style(kind: str, welfare_type: str) -> ActorStyle:
    """Return the style of an actor of ``kind`` and, for welfare, ``welfare_type``."""
    if kind == "welfare" and welfare_type in WELFARE_TYPE_STYLES:
        return WELFARE_TYPE_STYLES[welfare_type]
    return KIND_STYLES.get(kind, UNKNOWN_KIND_STYLE)


def status_style(status: str) -> StatusStyle:
    """Return the border style of a school with ``status``."""
    return STATUS_STYLES.get(status, UNKNOWN_STATUS_STYLE)


def lighten(colour: str, share: float) -> str:
    """Mix ``share`` (0 to 1) of white into the ``#RRGGBB`` colour."""
    channels = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    mixed = [round(value + (255 - value) * share) for value in channels]
    return "#" + "".join(f"{value:02X}" for value in mixed)


def darken(colour: str, share: float) -> str:
    """Mix ``share`` (0 to 1) of black into the ``#RRGGBB`` colour."""
    channels = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    mixed = [round(value * (1 - share)) for value in channels]
    return "#" + "".join(f"{value:02X}" for value in mixed)


def node_visuals(kind: str, welfare_type: str, status: str, outside: bool) -> dict:
    """Return the vis-network shape, size, colours and border options of one actor."""
    style = actor_style(kind, welfare_type)
    fill = style.colour
    if kind == "school":
        border = status_style(status).colour
        border_width = 4
    else:
        border = darken(style.colour, 0.35)
        border_width = 1.5
    font = {"color": "#222222"}
    shape_properties = {"borderDashes": False}
    if outside:
        fill = lighten(fill, OUTSIDE_LIGHTENING)
        border = lighten(border, OUTSIDE_LIGHTENING / 2)
        font = {"color": OUTSIDE_FONT_COLOUR}
        shape_properties = {"borderDashes": OUTSIDE_BORDER_DASHES}
    return {
        "shape": style.shape,
        "size": style.size,
        "borderWidth": border_width,
        "borderWidthSelected": border_width + 2,
        "shapeProperties": shape_properties,
        "font": font,
        "color": {
            "background": fill,
            "border": border,
            "highlight": {"background": fill, "border": HIGHLIGHT_COLOUR},
            "hover": {"background": fill, "border": HIGHLIGHT_COLOUR},
        },
    }


def collaboration_visuals(two_way: bool, ad_hoc: bool, mandated: bool) -> dict:
    """Return the vis-network arrows, dashes, colour and width of a collaboration link.

    A one-way link has an arrow at its target only, a two-way link at both
    ends. Ad-hoc links are dashed and thinner, structural links solid.
    """
    colour = MANDATED_COLOUR if mandated else COLLABORATION_COLOUR
    return {
        "arrows": {
            "to": {"enabled": True, "scaleFactor": 0.6},
            "from": {"enabled": two_way, "scaleFactor": 0.6},
        },
        "dashes": list(AD_HOC_DASHES) if ad_hoc else False,
        "width": AD_HOC_WIDTH if ad_hoc else STRUCTURAL_WIDTH,
        "color": _edge_colour(colour),
    }


def membership_visuals() -> dict:
    """Return the vis-network style of a membership link: thin, grey, dotted, no arrow."""
    return {
        "arrows": {"to": {"enabled": False}, "from": {"enabled": False}},
        "dashes": list(MEMBERSHIP_DASHES),
        "width": MEMBERSHIP_WIDTH,
        "color": _edge_colour(MEMBERSHIP_COLOUR),
    }


def post_visuals() -> dict:
    """Return the vis-network style of a post link: an organisation's post serving a school."""
    return {
        "arrows": {"to": {"enabled": True, "scaleFactor": 0.6}, "from": {"enabled": False}},
        "dashes": list(POST_DASHES),
        "width": MEMBERSHIP_WIDTH,
        "color": _edge_colour(POST_COLOUR),
    }


def _edge_colour(colour: str) -> dict:
    return {"color": colour, "highlight": HIGHLIGHT_COLOUR, "hover": colour, "inherit": False}


def render_legend() -> str:
    """Return the HTML of the legend: actor colours and shapes, school status, link styles."""
    sections = [
        ("Actors", _actor_items()),
        ("School status (border colour)", _status_items()),
        ("Links", _link_items()),
    ]
    parts = ['<div class="legend" id="legend">']
    for heading, items in sections:
        parts.append(f"<h2>{html.escape(heading)}</h2>")
        parts.append("<ul>")
        parts.extend(f"<li>{icon}<span>{html.escape(text)}</span></li>" for icon, text in items)
        parts.append("</ul>")
    parts.append("</div>")
    return "\n".join(parts)


def _actor_items() -> list[tuple[str, str]]:
    items = []
    for kind, style in KIND_STYLES.items():
        items.append(
            (_shape_icon(style.shape, style.colour, darken(style.colour, 0.35)), style.name)
        )
        if kind == "welfare":
            for welfare in WELFARE_TYPE_STYLES.values():
                icon = _shape_icon(welfare.shape, welfare.colour, darken(welfare.colour, 0.35))
                items.append((icon, f"Welfare organisation: {welfare.name}"))
    school = KIND_STYLES["school"]
    outside_icon = _shape_icon(
        school.shape,
        lighten(school.colour, OUTSIDE_LIGHTENING),
        lighten(STATUS_STYLES["connected"].colour, OUTSIDE_LIGHTENING / 2),
        dashed=True,
    )
    items.append(
        (
            outside_icon,
            "Pale with a dashed border: actor outside this municipality (see its tooltip)",
        )
    )
    return items


def _status_items() -> list[tuple[str, str]]:
    school_fill = KIND_STYLES["school"].colour
    return [
        (
            _shape_icon("dot", school_fill, style.colour, border_width=3),
            f"{style.name}: {style.meaning}",
        )
        for style in STATUS_STYLES.values()
    ]


def _link_items() -> list[tuple[str, str]]:
    return [
        (
            _line_icon(COLLABORATION_COLOUR, STRUCTURAL_WIDTH, None, False, True),
            "One-way: arrow at the receiving end",
        ),
        (
            _line_icon(COLLABORATION_COLOUR, STRUCTURAL_WIDTH, None, True, True),
            "Two-way: arrows at both ends",
        ),
        (
            _line_icon(COLLABORATION_COLOUR, STRUCTURAL_WIDTH, None, False, False),
            "Structural: solid line",
        ),
        (
            _line_icon(COLLABORATION_COLOUR, AD_HOC_WIDTH, AD_HOC_DASHES, False, False),
            "Ad hoc: dashed line",
        ),
        (
            _line_icon(MANDATED_COLOUR, STRUCTURAL_WIDTH, None, False, True),
            "Mandated link between a school and its CLB",
        ),
        (
            _line_icon(MEMBERSHIP_COLOUR, MEMBERSHIP_WIDTH, MEMBERSHIP_DASHES, False, False),
            "Membership of a local network: grey dotted line",
        ),
        (
            _line_icon(POST_COLOUR, MEMBERSHIP_WIDTH, POST_DASHES, False, True),
            "A post of the organisation (such as a bridge figure) works for the school",
        ),
    ]


_SHAPE_ELEMENTS = {
    "dot": '<circle cx="9" cy="9" r="7"',
    "diamond": '<polygon points="9,1 17,9 9,17 1,9"',
    "square": '<rect x="2" y="2" width="14" height="14"',
    "hexagon": '<polygon points="5,2 13,2 17,9 13,16 5,16 1,9"',
    "triangle": '<polygon points="9,1 17,16 1,16"',
}


def _shape_icon(
    shape: str, fill: str, border: str, border_width: float = 1.5, dashed: bool = False
) -> str:
    element = _SHAPE_ELEMENTS.get(shape, _SHAPE_ELEMENTS["dot"])
    dashes = ' stroke-dasharray="3,2"' if dashed else ""
    return (
        '<svg class="icon" width="18" height="18" viewBox="0 0 18 18" aria-hidden="true">'
        f'{element} fill="{fill}" stroke="{border}" stroke-width="{border_width}"{dashes}/></svg>'
    )


def _line_icon(
    colour: str, width: float, dashes: list[int] | None, arrow_at_start: bool, arrow_at_end: bool
) -> str:
    dash_attribute = f' stroke-dasharray="{dashes[0]},{dashes[1]}"' if dashes else ""
    parts = [
        '<svg class="icon" width="56" height="14" viewBox="0 0 56 14" aria-hidden="true">',
        f'<line x1="6" y1="7" x2="50" y2="7" stroke="{colour}" '
        f'stroke-width="{width}"{dash_attribute}/>',
    ]
    if arrow_at_end:
        parts.append(f'<polygon points="55,7 46,2 46,12" fill="{colour}"/>')
    if arrow_at_start:
        parts.append(f'<polygon points="1,7 10,2 10,12" fill="{colour}"/>')
    parts.append("</svg>")
    return "".join(parts)
