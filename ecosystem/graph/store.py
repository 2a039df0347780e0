"""Create rdflib graphs on a chosen store, so the store can be swapped in one place.

On the Flanders-scale benchmark input (1.18 million triples, see
benchmarks/RESULTS.md, a 2-core machine), the Oxigraph store behind rdflib's
API (oxrdflib) built the graph in 16.6 s instead of 24.3 s and answered the
collaborations query in 3.4 s instead of 47 s. Its own Turtle writer took
1.1 s where rdflib's took about 238 s, so Oxigraph is the default store.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from ecosystem.errors import RunError

STORES = ("oxigraph", "memory")
DEFAULT_STORE = "oxigraph"


def new_graph(store: str = DEFAULT_STORE) -> Graph:
    """Return an empty graph on Oxigraph (oxrdflib) or on rdflib's in-memory store."""
    if store == "memory":
        return Graph()
    if store == "oxigraph":
        try:
            from oxrdflib import OxigraphStore
        except ImportError as error:
            raise RunError(f"the Oxigraph store is not available ({error}); "
                           "install it with: pip install oxrdflib") from error
        # The store's default graph, so that native queries see the triples too.
        # Only the core prefixes, because Oxigraph's Turtle writer declares every bound one.
        return Graph(store=OxigraphStore(store=ox.Store()), identifier=DATASET_DEFAULT_GRAPH_ID,
                     bind_namespaces="core")
    raise RunError(f"unknown graph store {store!r}; use one of: {', '.join(STORES)}")


def is_oxigraph(graph: Graph) -> bool:
    """Tell whether a graph lives in an Oxigraph store."""
    return type(graph.store).__name__ == "OxigraphStore"


def native_store(graph: Graph) -> ox.Store | None:
    """Return the pyoxigraph store under an Oxigraph graph, or None for any other store.

    Reading and writing the pyoxigraph store directly skips the conversion
    of every term between rdflib and Oxigraph.
    """
    if not is_oxigraph(graph):
        return None
    # NOTE: oxrdflib keeps the store in a private attribute and offers no accessor.
    return graph.store._inner


def triple_count(graph: Graph) -> int:
    """Return the number of triples in ``graph``, counted by Oxigraph itself where it lives there.

    oxrdflib counts with a SPARQL DISTINCT query, which at a million triples
    takes seconds and hundreds of MB.
    """
    store = native_store(graph)
    return len(graph) if store is None else len(store)


def write_turtle(graph: Graph, path: Path) -> Path:
    """Write ``graph`` as Turtle, with Oxigraph's own writer where the graph lives there."""
    graph.serialize(path, format="ox-turtle" if is_oxigraph(graph) else "turtle",
                    encoding="utf-8")
    return path
