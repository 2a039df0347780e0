"""Create rdflib graphs on a chosen store, so the store can be swapped in one place.

On the Flanders-scale benchmark input (1.18 million triples, see
benchmarks/RESULTS.md, a 2-core machine), the graph was built in 5.1 s on
Oxigraph (through oxrdflib) and in 8.3 s in rdflib's memory store, and the
projection's queries took 1.1 s there against 12.8 s. Oxigraph's Turtle
writer took under 1 s where rdflib's took about 238 s, so Oxigraph is the
default store.
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


def read_graph(path: Path, store: str = DEFAULT_STORE) -> Graph:
    """Parse an RDF file into a new graph on ``store``.

    Oxigraph parses a file into its own store directly, which at Flanders
    scale (1.18 million triples) took 3.2 s where rdflib's Turtle parser took
    38 s, and merges a dataset's named graphs into the default graph. Raises
    OSError, SyntaxError or ValueError when the file cannot be read.
    """
    from rdflib.util import guess_format

    path = Path(path)
    graph = new_graph(store)
    native = native_store(graph)
    if native is None:
        # NOTE: rdflib's parser decides what a dataset file adds to the memory store.
        # A resolved path, because rdflib reads a relative one against the parent folder.
        return graph.parse(path.resolve(), format=guess_format(str(path)) or "turtle")
    file_format = ox.RdfFormat.from_extension(path.suffix.lstrip(".").lower()) \
        if path.suffix else None
    file_format = file_format or ox.RdfFormat.TURTLE
    source = {"path": str(path)}
    with path.open("rb") as stream:
        if stream.read(3) == b"\xef\xbb\xbf":
            # Oxigraph reads a UTF-8 byte order mark as part of the first term.
            source = {"input": stream.read()}
    try:
        # Every quad goes into the default graph, which the queries of the project read.
        native.bulk_extend(ox.Quad(quad.subject, quad.predicate, quad.object)
                           for quad in ox.parse(format=file_format, **source))
    except MemoryError as error:
        raise ValueError(f"{error}. A line or value is longer than 16 MB, which Oxigraph's "
                         "parser does not accept. Shorten it.") from error
    return graph


def write_turtle(graph: Graph, path: Path) -> Path:
    """Write ``graph`` as Turtle, with Oxigraph's own writer where the graph lives there."""
    graph.serialize(path, format="ox-turtle" if is_oxigraph(graph) else "turtle",
                    encoding="utf-8")
    return path
