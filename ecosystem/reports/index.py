"""Write the index page that links every municipality's map and the exported data files.

The page is a single UTF-8 HTML file with inline CSS and JavaScript, so it
works offline from a folder or a USB stick. Its links are relative: map
paths as given in the rows, and the data files that sit beside it.
"""

from __future__ import annotations

import html
import logging
import string
import urllib.parse
from collections.abc import Iterable, Mapping
from pathlib import Path

import numpy as np

from ecosystem.errors import EcosystemError

logger = logging.getLogger(__name__)

STATUS_COLUMNS = ("isolated", "mandated-only", "one-way-only", "ad-hoc-only", "connected")
COUNT_COLUMNS = ("schools", *STATUS_COLUMNS)
REQUIRED_KEYS = ("refnis", "municipality", *COUNT_COLUMNS, "map")

# Data files written beside index.html, with the description shown on the page.
DATA_FILES = (
    ("schools.csv", "Every school with its municipality and status"),
    ("municipalities.csv", "Number of schools per status in each municipality"),
    ("load-report.csv", "How each input row was used or why it was rejected"),
    ("validation-report.csv", "Every rule of the SHACL shapes that the graph breaks"),
    ("graph.ttl", "The whole knowledge graph in RDF Turtle"),
    ("ontology/index.html", "Reference of the vocabulary: every class, property and code list"),
    ("ontology/model.html", "The model explained, with a diagram"),
)

DEFAULT_TITLE = "Schools and welfare organisations: collaboration maps per municipality"


class IndexInputError(EcosystemError, ValueError):
    """A row of the index that lacks a key or contains a value that cannot be shown."""


def write_index(rows: Iterable[Mapping], path: str | Path, title: str = DEFAULT_TITLE) -> Path:
    """Write the index page to ``path``: one table row per municipality, plus the data files.

    Each row needs the keys ``refnis``, ``municipality``, ``schools``, the
    five status counts (``isolated``, ``mandated-only``, ``one-way-only``,
    ``ad-hoc-only``, ``connected``) and ``map``: the map's path relative to
    the index, such as ``maps/11005.html``, or "" when the municipality has
    no map. Rows are shown sorted by municipality name, and the reader can
    sort by any column. Missing parent folders are created.

    Raises IndexInputError for a missing key, a count that is not a
    non-negative whole number, or a map that is not a relative path.
    """
    entries = [_validated_row(number, row) for number, row in enumerate(rows, start=1)]
    entries.sort(key=lambda entry: (entry["municipality"].casefold(), entry["refnis"]))
    page = _render_page(entries, title)

    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(page, encoding="utf-8")
    logger.info("Wrote the index of %d municipalities to %s", len(entries), target)
    return target


def _validated_row(number: int, row: Mapping) -> dict:
    missing = [key for key in REQUIRED_KEYS if key not in row]
    if missing:
        raise IndexInputError(
            f"Row {number} of the index lacks {', '.join(missing)}. "
            f"Every row needs {', '.join(REQUIRED_KEYS)}."
        )
    entry = {
        "refnis": _text(row["refnis"]),
        "municipality": _text(row["municipality"]),
        "map": _map_link(number, _text(row["map"])),
    }
    for column in COUNT_COLUMNS:
        entry[column] = _count(number, column, row[column])
    return entry


def _text(value: object) -> str:
    if isinstance(value, np.generic):
        value = value.item()
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return str(value).strip()


def _count(number: int, column: str, value: object) -> int:
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise IndexInputError(
            f"Row {number} of the index has an invalid {column} count {value!r}. "
            "Expected a whole number of schools (0 or more)."
        )
    return value


def _map_link(number: int, link: str) -> str:
    link = link.replace("\\", "/")
    parts = urllib.parse.urlsplit(link)
    if parts.scheme or parts.netloc or link.startswith("/"):
        raise IndexInputError(
            f"Row {number} of the index has map {link!r}, which is not a relative path. "
            "Give the path relative to the index, such as maps/11005.html, "
            "so that the page also works offline."
        )
    return link


_COLUMN_HEADINGS = (
    ("Municipality", "text"),
    ("REFNIS", "text"),
    ("Schools", "number"),
    ("Isolated", "number"),
    ("Mandated link only", "number"),
    ("One-way only", "number"),
    ("Ad hoc only", "number"),
    ("Connected", "number"),
    ("Map", "text"),
)


def _render_page(entries: list[dict], title: str) -> str:
    headings = "\n".join(
        _render_heading(name, kind, first=position == 0)
        for position, (name, kind) in enumerate(_COLUMN_HEADINGS)
    )
    return string.Template(_PAGE).substitute(
        title=html.escape(title),
        headings=headings,
        rows="\n".join(_render_row(entry) for entry in entries),
        totals=_render_totals(entries),
        data_files=_render_data_files(),
        count=len(entries),
    )


def _render_heading(name: str, kind: str, first: bool) -> str:
    # The rows start sorted by municipality name, which is the first column.
    sort_state = ' aria-sort="ascending"' if first else ""
    return (
        f'<th scope="col" data-type="{kind}"{sort_state}>'
        f'<button type="button">{html.escape(name)}</button></th>'
    )


def _render_row(entry: dict) -> str:
    cells = [
        f'<th scope="row">{html.escape(entry["municipality"])}</th>',
        f"<td>{html.escape(entry['refnis'])}</td>",
    ]
    cells.extend(f'<td class="number">{entry[column]}</td>' for column in COUNT_COLUMNS)
    if entry["map"]:
        href = html.escape(urllib.parse.quote(entry["map"], safe="/"), quote=True)
        label = html.escape(f"Map of {entry['municipality'] or entry['refnis']}")
        cells.append(f'<td><a href="{href}">{label}</a></td>')
    else:
        cells.append('<td class="missing">no map</td>')
    return "<tr>" + "".join(cells) + "</tr>"


def _render_totals(entries: list[dict]) -> str:
    cells = ['<th scope="row">All municipalities</th>', "<td></td>"]
    cells.extend(
        f'<td class="number">{sum(entry[column] for entry in entries)}</td>'
        for column in COUNT_COLUMNS
    )
    cells.append("<td></td>")
    return "<tr>" + "".join(cells) + "</tr>"


def _render_data_files() -> str:
    return "\n".join(
        f'<li><a href="{html.escape(name, quote=True)}">{html.escape(name)}</a>: '
        f"{html.escape(description)}</li>"
        for name, description in DATA_FILES
    )


_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>
body { font-family: sans-serif; margin: 1rem; color: #222222; }
h1 { font-size: 1.4rem; }
table { border-collapse: collapse; }
th, td { border-bottom: 1px solid #dddddd; padding: 0.25rem 0.6rem; text-align: left; }
td.number { text-align: right; font-variant-numeric: tabular-nums; }
td.missing { color: #777777; }
thead th button {
  font: inherit; font-weight: bold; border: none; background: none; cursor: pointer; padding: 0;
}
thead th[aria-sort="ascending"] button::after { content: " \\25B2"; }
thead th[aria-sort="descending"] button::after { content: " \\25BC"; }
tfoot th, tfoot td { font-weight: bold; border-top: 2px solid #999999; }
@media print {
  thead th button { cursor: auto; }
}
</style>
</head>
<body>
<h1>${title}</h1>
<p>${count} municipalities. Columns count the schools of each municipality by status:
isolated (no collaboration with any partner), mandated link only (collaborates only with a CLB,
the legally mandated tie), one-way only (no two-way collaboration apart from the CLB), ad hoc only
(two-way collaboration, but none of it structural) and connected (at least one structural two-way
collaboration). Click a column heading to sort.</p>
<table id="municipalities">
<thead>
<tr>
${headings}
</tr>
</thead>
<tbody>
${rows}
</tbody>
<tfoot>
${totals}
</tfoot>
</table>
<h2>Data files</h2>
<ul id="data-files">
${data_files}
</ul>
<script>
(function () {
  "use strict";
  var table = document.getElementById("municipalities");
  var headings = table.tHead.rows[0].cells;

  function cellValue(row, column, numeric) {
    var text = row.cells[column].textContent.trim();
    return numeric ? Number(text) : text.toLocaleLowerCase();
  }

  function sortBy(column) {
    var heading = headings[column];
    var numeric = heading.getAttribute("data-type") === "number";
    var ascending = heading.getAttribute("aria-sort") !== "ascending";
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var left = cellValue(a, column, numeric);
      var right = cellValue(b, column, numeric);
      var order = numeric ? left - right : left.localeCompare(right);
      return ascending ? order : -order;
    });
    rows.forEach(function (row) { body.appendChild(row); });
    for (var i = 0; i < headings.length; i += 1) {
      headings[i].removeAttribute("aria-sort");
    }
    heading.setAttribute("aria-sort", ascending ? "ascending" : "descending");
  }

  Array.prototype.forEach.call(headings, function (heading, column) {
    heading.querySelector("button").addEventListener("click", function () {
      sortBy(column);
    });
  });
})();
</script>
</body>
</html>
"""
