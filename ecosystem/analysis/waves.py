"""Compare two survey waves: collaborations added and lost, changes, and school statuses.

Two forms of input are supported:

* :func:`compare_waves` takes one network built from several waves. The
  survey merges the reports of one collaboration from both waves into a
  single link that lists both school years in ``waves``, with merged
  attributes, so a link is compared by whether it is in each wave.
* :func:`compare_networks` takes two networks, one per wave (two separate
  runs). Their links are matched by the unordered pair of actors they join,
  so a change of direction, formality or intensity shows with its old and
  new value.
"""

from __future__ import annotations

import logging

import networkx as nx
import pandas as pd

from ecosystem.analysis.profiles import highest_intensity
from ecosystem.analysis.projection import pair_graph
from ecosystem.analysis.status import school_status
from ecosystem.errors import RunError

logger = logging.getLogger(__name__)

LINK_COLUMNS = ["link", "source", "target", "source_label", "target_label", "direction",
                "formality", "intensity", "waves"]
DISPUTED_COLUMNS = ["link", "source", "target", "source_label", "target_label", "disputed",
                    "direction", "formality", "intensity"]
PAIR_COLUMNS = ["actor_a", "actor_b", "label_a", "label_b", "links", "direction", "formality",
                "intensity"]
CHANGE_COLUMNS = ["actor_a", "actor_b", "label_a", "label_b", "property", "before", "after"]
STATUS_COLUMNS = ["school_iri", "school", "refnis", "before", "after"]
PAIR_PROPERTIES = ("links", "direction", "formality", "intensity")


def is_in_wave(network: nx.MultiDiGraph, source: str, target: str, data: dict, wave: str) -> bool:
    """Tell whether a collaboration counts in ``wave``.

    It does when its ``waves`` list the school year, or when it lists no
    wave and is mandated (a CLB link from the register), because the
    mandated tie applies in every wave.
    """
    waves = data.get("waves") or []
    if waves:
        return wave in waves
    return _is_mandated(network, source, target, data)


def _is_mandated(network: nx.MultiDiGraph, source: str, target: str, data: dict) -> bool:
    """Tell whether a collaboration is mandated or joins a CLB, as the status table does."""
    types = (network.nodes[source].get("welfare_type"), network.nodes[target].get("welfare_type"))
    return bool(data.get("mandated")) or "clb" in types


def wave_network(network: nx.MultiDiGraph, wave: str) -> nx.MultiDiGraph:
    """Return a copy of ``network`` that keeps only the collaborations of ``wave``.

    Every actor, membership and post is kept. A collaboration without any
    wave that is not mandated is left out, because it cannot be assigned to a wave.
    """
    restricted = network.copy()
    dropped = [(source, target, key)
               for source, target, key, data in network.edges(keys=True, data=True)
               if data.get("relation") == "collaboration"
               and not is_in_wave(network, source, target, data, wave)]
    restricted.remove_edges_from(dropped)
    return restricted


def survey_waves(network: nx.MultiDiGraph) -> list[str]:
    """Return the school years that any collaboration of ``network`` lists, sorted."""
    return sorted({wave for _source, _target, data in network.edges(data=True)
                   if data.get("relation") == "collaboration" for wave in data.get("waves") or []})


def compare_waves(network: nx.MultiDiGraph, before: str, after: str) -> dict[str, pd.DataFrame]:
    """Compare the collaborations and school statuses of two waves in one network.

    Returns four tables: ``added`` (links in ``after`` but not in
    ``before``), ``lost`` (the reverse), ``changed`` and
    ``status_changes`` (schools whose status differs, computed on each
    wave's links with :func:`wave_network`). A link in both waves carries
    the merged values of its reports, so ``changed`` can only list the
    links in both waves whose reports disagree (``disputed``). Those
    reports may differ between the waves or between the two sides within a
    wave. For old and new values, build one network per wave and use
    :func:`compare_networks` instead. Raises :class:`RunError` when no collaboration
    lists ``before`` or ``after``.
    """
    known = survey_waves(network)
    for wave in (before, after):
        if wave not in known:
            raise RunError(f"no collaboration was reported in wave {wave!r}; the network has "
                           f"the waves {', '.join(known) or '(none)'}. Give one of these "
                           "school years.")
    _log_links_without_wave(network)
    added, lost, changed = [], [], []
    for source, target, key, data in network.edges(keys=True, data=True):
        if data.get("relation") != "collaboration":
            continue
        in_before = is_in_wave(network, source, target, data, before)
        in_after = is_in_wave(network, source, target, data, after)
        if in_after and not in_before:
            added.append(_link_row(network, source, target, key, data))
        elif in_before and not in_after:
            lost.append(_link_row(network, source, target, key, data))
        elif in_before and data.get("disputed"):
            changed.append(_disputed_row(network, source, target, key, data))
    return {
        "added": _sorted_frame(added, LINK_COLUMNS, ["source_label", "target_label", "link"]),
        "lost": _sorted_frame(lost, LINK_COLUMNS, ["source_label", "target_label", "link"]),
        "changed": _sorted_frame(changed, DISPUTED_COLUMNS,
                                 ["source_label", "target_label", "link"]),
        "status_changes": status_changes(wave_network(network, before),
                                         wave_network(network, after)),
    }


def _log_links_without_wave(network: nx.MultiDiGraph) -> None:
    """Log how many collaborations count in no wave because they list none."""
    count = sum(1 for source, target, data in network.edges(data=True)
                if data.get("relation") == "collaboration" and not data.get("waves")
                and not _is_mandated(network, source, target, data))
    if count:
        logger.warning("%d collaboration(s) list no survey wave and are not mandated; "
                       "they are left out of the wave comparison", count)


def _link_row(network: nx.MultiDiGraph, source: str, target: str, key: str, data: dict) -> dict:
    """Return one added or lost link's row."""
    return {
        "link": key,
        "source": source,
        "target": target,
        "source_label": network.nodes[source].get("label", source),
        "target_label": network.nodes[target].get("label", target),
        "direction": data.get("direction", ""),
        "formality": data.get("formality", ""),
        "intensity": data.get("intensity", ""),
        "waves": ";".join(data.get("waves") or []),
    }


def _disputed_row(network: nx.MultiDiGraph, source: str, target: str, key: str,
                  data: dict) -> dict:
    """Return the row of a link whose reports disagree, with its merged values."""
    row = _link_row(network, source, target, key, data)
    row["disputed"] = ";".join(data.get("disputed") or [])
    return {column: row[column] for column in DISPUTED_COLUMNS}


def compare_networks(before_network: nx.MultiDiGraph,
                     after_network: nx.MultiDiGraph) -> dict[str, pd.DataFrame]:
    """Compare two networks, one per wave, pair of actors by pair of actors.

    Actors are matched by IRI and collaborations by the unordered pair of
    actors they join. Each pair is summed up in four values. ``links`` is
    the number of its collaborations. ``direction`` is two-way when a link
    is two-way or flows go both ways, else one-way from the actor that
    gives. ``formality`` is structural when any link is, and ``intensity``
    is the code of the highest rank. Returns ``added`` and ``lost`` pairs, ``changed`` (one row per
    pair and property that differs, with its value before and after) and
    ``status_changes``.
    """
    before_pairs = _pair_summaries(before_network)
    after_pairs = _pair_summaries(after_network)
    labels = _labels(before_network, after_network)
    added = [_pair_row(pair, after_pairs[pair], labels) for pair in after_pairs
             if pair not in before_pairs]
    lost = [_pair_row(pair, before_pairs[pair], labels) for pair in before_pairs
            if pair not in after_pairs]
    changed = []
    for pair in sorted(set(before_pairs) & set(after_pairs)):
        for name in PAIR_PROPERTIES:
            old, new = before_pairs[pair][name], after_pairs[pair][name]
            if old != new:
                changed.append({**_pair_names(pair, labels), "property": name,
                                "before": _shown(old, labels), "after": _shown(new, labels)})
    order = ["label_a", "label_b", "actor_a", "actor_b"]
    return {
        "added": _sorted_frame(added, PAIR_COLUMNS, order),
        "lost": _sorted_frame(lost, PAIR_COLUMNS, order),
        "changed": _sorted_frame(changed, CHANGE_COLUMNS, order),
        "status_changes": status_changes(before_network, after_network),
    }


def _pair_summaries(network: nx.MultiDiGraph) -> dict[tuple[str, str], dict]:
    """Return the summary of the collaborations of each linked pair, keyed by sorted IRIs."""
    summaries = {}
    for first, second, edge in pair_graph(network).edges(data=True):
        pair = tuple(sorted((first, second)))
        links = [data for _key, _source, _target, data in edge["links"]]
        summaries[pair] = {
            "links": len(links),
            "direction": _pair_direction(edge["links"]),
            "formality": "structural" if any(d.get("formality") == "structural" for d in links)
            else "ad-hoc",
            "intensity": highest_intensity(data.get("intensity") for data in links),
        }
    return summaries


def _pair_direction(links: list[tuple]) -> str | tuple[str, str]:
    """Return "two-way", or ``("one-way", giver)`` when every flow goes from one actor."""
    givers = set()
    for _key, source, target, data in links:
        if data.get("direction") == "two-way":
            return "two-way"
        givers.add(source)
    if len(givers) > 1:
        return "two-way"
    return ("one-way", givers.pop())


def _labels(*networks: nx.MultiDiGraph) -> dict[str, str]:
    """Return the label of every actor of the networks; a later network's label wins."""
    labels = {}
    for network in networks:
        labels.update({node: data.get("label", node) for node, data in network.nodes(data=True)})
    return labels


def _shown(value: str | int | tuple[str, str], labels: dict[str, str]) -> str:
    """Return a summary value as text for a table: a one-way direction names its giver."""
    if isinstance(value, tuple):
        return f"one-way from {labels.get(value[1], value[1])}"
    return str(value)


def _pair_names(pair: tuple[str, str], labels: dict[str, str]) -> dict:
    """Return the IRIs and labels of a pair's two actors."""
    return {"actor_a": pair[0], "actor_b": pair[1],
            "label_a": labels.get(pair[0], pair[0]), "label_b": labels.get(pair[1], pair[1])}


def _pair_row(pair: tuple[str, str], summary: dict, labels: dict[str, str]) -> dict:
    """Return an added or lost pair's row."""
    values = {name: _shown(summary[name], labels) for name in PAIR_PROPERTIES}
    values["links"] = summary["links"]
    return {**_pair_names(pair, labels), **values}


def status_changes(before_network: nx.MultiDiGraph,
                   after_network: nx.MultiDiGraph) -> pd.DataFrame:
    """Return the schools whose status differs between two networks.

    Statuses are computed with :func:`ecosystem.analysis.status.school_status`.
    A school that is in one network only has "" as its other status.
    """
    labels = _labels(before_network, after_network)
    schools = {node for network in (before_network, after_network)
               for node, data in network.nodes(data=True) if data.get("kind") == "school"}
    rows = []
    for school in schools:
        old = _status_in(before_network, school)
        new = _status_in(after_network, school)
        if old != new:
            network = after_network if school in after_network else before_network
            rows.append({"school_iri": school, "school": labels[school],
                         "refnis": network.nodes[school].get("refnis", ""),
                         "before": old, "after": new})
    return _sorted_frame(rows, STATUS_COLUMNS, ["refnis", "school", "school_iri"])


def _status_in(network: nx.MultiDiGraph, school: str) -> str:
    """Return the status of ``school`` in ``network``, or "" when it is not there."""
    return school_status(network, school) if school in network else ""


def _sorted_frame(rows: list[dict], columns: list[str], order: list[str]) -> pd.DataFrame:
    """Return the rows as a DataFrame sorted by ``order``."""
    table = pd.DataFrame(rows, columns=columns)
    return table.sort_values(order).reset_index(drop=True)
