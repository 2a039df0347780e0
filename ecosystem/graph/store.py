"""Create rdflib graphs on a chosen store, so the store can be swapped in one place.

On the Flanders-scale benchmark input (1.18 million triples, see
benchmarks/RESULTS.md, a 2-core machine), the Oxigraph store behind rdflib's
API (oxrdflib) built the graph in 16.6 s instead of 24.3 s and answered the
collaborations query in 3.4 s instead of 47 s. Its own Turtle writer took
1.1 s where rdflib's took about 238 s, so Oxigraph is the default store.
"""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph

from ecosystem.errors import RunError

STORES = ("oxigraph", "memory")
DEFAULT_STORE = "oxigraph"


def new_graph(store: str = DEFAULT_STORE) -> Graph:
    """Return an empty graph on Oxigraph (oxrdflib) or on rdflib's in-memory store."""
    if store == "memory":
        return Graph()
    if store == "oxigraph":
        try:
            # Only the core prefixes: Oxigraph's Turtle writer declares every bound prefix.
            return Graph(store="Oxigraph", bind_namespaces="core")
        except Exception as error:  # rdflib raises a plugin error of its own
            raise RunError(f"the Oxigraph store is not available ({error}); "
                           "install it with: pip install oxrdflib") from error
    raise RunError(f"unknown graph store {store!r}; use one of: {', '.join(STORES)}")


def is_oxigraph(graph: Graph) -> bool:
    """Tell whether a graph lives in an Oxigraph store."""
    return type(graph.store).__name__ == "OxigraphStore"


def write_turtle(graph: Graph, path: Path) -> Path:
    """Write ``graph`` as Turtle, with Oxigraph's own writer where the graph lives there."""
    graph.serialize(path, format="ox-turtle" if is_oxigraph(graph) else "turtle",
                    encoding="utf-8")
    return path
