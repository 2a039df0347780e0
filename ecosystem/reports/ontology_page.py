"""Wrap an ontology page in an HTML document with the stylesheet that the pages share."""

from __future__ import annotations

import html

CSS = """
body { font-family: sans-serif; line-height: 1.45; color: #222222; max-width: 72rem;
  margin: 0 auto; padding: 1rem; }
code { font-family: monospace; font-size: 0.95em; overflow-wrap: break-word; }
a { color: #1d5a96; }
h2 { border-bottom: 2px solid #2b5d8a; padding-bottom: 0.2rem; margin-top: 2.5rem; }
section.term, section.scheme, section.shape { border-top: 1px solid #cccccc; margin-top: 1.5rem; }
dl.fields { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; }
dl.fields dt { font-weight: bold; }
dl.fields dd { margin: 0; }
.kind { font-size: 0.8rem; font-weight: normal; color: #555555; border: 1px solid #aaaaaa;
  border-radius: 3px; padding: 0 0.3rem; margin-left: 0.5rem; }
.missing { color: #a33333; font-style: italic; }
.multiline { white-space: pre-wrap; }
table { border-collapse: collapse; width: 100%; margin: 0.5rem 0; }
th, td { border: 1px solid #cccccc; padding: 0.25rem 0.4rem; text-align: left;
  vertical-align: top; }
thead th { background: #eef2f6; }
nav ul { columns: 3 14rem; }
svg.model-diagram { width: 100%; height: auto; }
@media print {
  a { color: inherit; text-decoration: none; }
  section.term, section.shape { break-inside: avoid; }
}
"""


def html_page(title: str, body: str, extra_css: str = "") -> str:
    """Wrap ``body`` in a UTF-8 HTML document with the shared stylesheet and ``extra_css``."""
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(title)}</title>\n<style>{CSS}{extra_css}</style>\n</head>\n"
        f"<body>\n{body}\n</body>\n</html>\n"
    )
