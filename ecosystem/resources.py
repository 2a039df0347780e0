"""Locate the files installed with the package: the ontology and the bundled example."""

from __future__ import annotations

import importlib.resources
from pathlib import Path

_CHECKOUT_ROOT = Path(__file__).resolve().parent.parent


def _resource_dir(package: str, checkout_folder: str) -> Path:
    """Return the folder of ``package``, preferring the source checkout.

    A wheel installs the top-level folders as ``ecosystem.ontology`` and
    ``ecosystem.example``; an editable install or a plain checkout keeps them
    at the top of the repository.
    """
    in_checkout = _CHECKOUT_ROOT / checkout_folder
    if (_CHECKOUT_ROOT / "pyproject.toml").is_file() and in_checkout.is_dir():
        return in_checkout
    return Path(str(importlib.resources.files(package)))


def ontology_dir() -> Path:
    """Return the folder that contains the ontology's Turtle files."""
    return _resource_dir("ecosystem.ontology", "ontology")


def example_dir() -> Path:
    """Return the folder of the bundled example (register and survey)."""
    return _resource_dir("ecosystem.example", "data/example")
