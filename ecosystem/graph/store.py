"""Create rdflib graphs on a chosen store, so the store can be swapped in one place."""

from __future__ import annotations

from rdflib import Graph

from ecosystem.errors import RunError

STORES = ("memory", "oxigraph")


def new_graph(store: str = "memory") -> Graph:
    """Return an empty graph on rdflib's in-memory store or on Oxigraph (oxrdflib)."""
    if store == "memory":
        return Graph()
    if store == "oxigraph":
        try:
            return Graph(store="Oxigraph")
        except Exception as error:  # rdflib raises a plugin error of its own
            raise RunError(f"the Oxigraph store is not available ({error}); "
                           "install it with: pip install oxrdflib") from error
    raise RunError(f"unknown graph store {store!r}; use one of: {', '.join(STORES)}")
