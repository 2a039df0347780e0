"""Tables per school and per municipality, as pandas DataFrames."""

from __future__ import annotations

import networkx as nx
import pandas as pd

from ecosystem.analysis.status import STATUSES, collaborations

SCHOOL_COLUMNS = ["school_number", "name", "refnis", "municipality", "status",
                  "welfare_types", "partners", "collaborations", "two_way", "structural",
                  "networks", "iri"]
MUNICIPALITY_COLUMNS = ["refnis", "municipality", "schools", *STATUSES]


def schools_table(network: nx.MultiDiGraph) -> pd.DataFrame:
    """Return one row per school with its status and the welfare types it reaches.

    ``network`` must carry statuses (see :func:`assign_statuses`).
    """
    rows = [_school_row(network, node, data) for node, data in network.nodes(data=True)
            if data.get("kind") == "school"]
    table = pd.DataFrame(rows, columns=SCHOOL_COLUMNS)
    order = table["school_number"].map(lambda n: int(n) if n else 10**9)
    table = table.assign(_order=order).sort_values(["refnis", "_order", "name"])
    return table.drop(columns="_order").reset_index(drop=True)


def _school_row(network: nx.MultiDiGraph, node: str, data: dict) -> dict:
    """Return the values of one school's row."""
    found = collaborations(network, node)
    types = {network.nodes[c.partner].get("welfare_type") for c in found}
    networks = {target for _, target, edge in network.out_edges(node, data=True)
                if edge.get("relation") == "membership"}
    return {
        "school_number": data.get("school_number", ""),
        "name": data["label"],
        "refnis": data.get("refnis", ""),
        "municipality": data.get("municipality", ""),
        "status": data["status"],
        "welfare_types": ";".join(sorted(t for t in types if t)),
        "partners": len({c.partner for c in found}),
        "collaborations": len(found),
        "two_way": sum(c.direction == "two-way" for c in found),
        "structural": sum(c.formality == "structural" for c in found),
        "networks": len(networks),
        "iri": node,
    }


def municipalities_table(schools: pd.DataFrame) -> pd.DataFrame:
    """Return one row per municipality that has a school, with a count per status."""
    located = schools[schools["refnis"] != ""]
    rows = []
    for (refnis, name), group in located.groupby(["refnis", "municipality"], sort=True):
        counts = group["status"].value_counts()
        row = {"refnis": refnis, "municipality": name, "schools": len(group)}
        row.update({status: int(counts.get(status, 0)) for status in STATUSES})
        rows.append(row)
    return pd.DataFrame(rows, columns=MUNICIPALITY_COLUMNS)
