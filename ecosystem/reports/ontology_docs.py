"""Write HTML documentation of the ontology from its Turtle files.

``write_ontology_docs`` writes ``index.html``, a reference of every class,
property, concept scheme, alignment and SHACL shape, and ``model.html``, an
overview of the model in plain words with a diagram of the classes. Both
pages are UTF-8 with inline CSS and load nothing, so they work offline.
Terms of other vocabularies are ordinary links that the reader may follow.
"""

from __future__ import annotations

import logging
from pathlib import Path

from ecosystem.reports.ontology_model_page import model_page
from ecosystem.reports.ontology_reader import OntologyDocsError, read_ontology
from ecosystem.reports.ontology_reference import index_page
from ecosystem.resources import ontology_dir

__all__ = ["OntologyDocsError", "write_ontology_docs"]

logger = logging.getLogger(__name__)


def write_ontology_docs(folder: Path, ontology_files: list[Path] | None = None) -> list[Path]:
    """Write ``index.html`` and ``model.html`` about the ontology into ``folder``.

    ``ontology_files`` defaults to every ``*.ttl`` of the package's ontology
    folder. A file named ``shapes.ttl`` is read as SHACL shapes, which get a
    section of their own and are not taken for terms of the ontology. The
    folder is created when missing. Returns the paths of the two pages.
    Raises InputFileError for a missing file, and OntologyDocsError when no
    file is given or a file is not valid Turtle.
    """
    if ontology_files is None:
        ontology_files = sorted(ontology_dir().glob("*.ttl"))
    files = [Path(path) for path in ontology_files]
    if not files:
        raise OntologyDocsError("No ontology files to document. Pass at least one Turtle file.")
    ontology = read_ontology(files)

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    index, model = folder / "index.html", folder / "model.html"
    index.write_text(index_page(ontology), encoding="utf-8")
    model.write_text(model_page(ontology), encoding="utf-8")
    logger.info("Wrote the documentation of %d ontology files to %s", len(files), folder)
    return [index, model]
