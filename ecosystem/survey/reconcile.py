"""Merge the reports of one collaboration made by both sides, or in several waves.

A school and its partner often each report the same collaboration, and a
collaboration goes on from one survey wave to the next. Reports of the same
pair of actors are merged when they come from different reporters or waves:

* a reporter that gave one row for the pair in a wave is matched with the
  other side's row for that pair; where a reporter gave several rows, rows are
  matched by a shared purpose, and rows with nothing in common stay apart;
* rows that give different start years and share no purpose are different
  collaborations;
* rows from the same reporter in the same wave are never merged: each is its
  own collaboration.

The merged link keeps every report as stated. Flows reported in opposite
directions (a referral one way, feedback the other) make it two-way. Where
reports disagree on direction, formality, intensity or frequency the link
records the disagreement and takes the cautious value: one-way over
two-way, ad hoc over structural, the lower intensity and the lower
frequency, and the earlier start year.
"""

from __future__ import annotations

import logging
from dataclasses import replace

from ecosystem.graph.vocabulary import concept_rank
from ecosystem.load_report import LoadReport
from ecosystem.model import Ecosystem, Link

logger = logging.getLogger(__name__)

DISCUSS = "discuss"
_DISPUTABLE = ("direction", "formality", "intensity", "frequency", "since")


def reporter_of(link: Link, survey: int) -> str:
    """Return who reported a row: the actor on the reporting side, or the survey itself."""
    if link.reported_by == "source":
        return link.source_key
    if link.reported_by == "target":
        return link.target_key
    return f"survey-{survey}-{link.reported_by or 'unknown'}"


def reconcile(ecosystem: Ecosystem, report: LoadReport) -> None:
    """Replace the reports of each collaboration in ``ecosystem.links`` by one merged link."""
    clusters: list[list[Link]] = []
    by_pair: dict[frozenset[str], list[list[Link]]] = {}
    rows_per_reporter: dict[tuple, int] = {}
    for link in ecosystem.links:
        key = (frozenset((link.source_key, link.target_key)), link.reporter, link.wave)
        rows_per_reporter[key] = rows_per_reporter.get(key, 0) + 1
    for link in ecosystem.links:
        pair = frozenset((link.source_key, link.target_key))
        single = rows_per_reporter[(pair, link.reporter, link.wave)] == 1
        cluster = _matching_cluster(by_pair.get(pair, []), link, single)
        if cluster is None:
            cluster = []
            clusters.append(cluster)
            by_pair.setdefault(pair, []).append(cluster)
        cluster.append(link)
    ecosystem.links = [_merged(cluster, report) if len(cluster) > 1 else cluster[0]
                       for cluster in clusters]
    merged = sum(1 for cluster in clusters if len(cluster) > 1)
    logger.info("Merged the reports of %d collaborations", merged)


def _matching_cluster(clusters: list[list[Link]], link: Link, single: bool) -> list[Link] | None:
    """Return the cluster ``link`` belongs to, or ``None`` when it starts its own."""
    candidates = [cluster for cluster in clusters
                  if all((member.reporter, member.wave) != (link.reporter, link.wave)
                         and not _other_collaboration(member, link)
                         for member in cluster)]
    overlapping = [cluster for cluster in candidates
                   if any(set(member.purposes) & set(link.purposes) for member in cluster)]
    if len(overlapping) == 1:
        return overlapping[0]
    if len(candidates) == 1 and single:
        return candidates[0]
    return None


def _other_collaboration(first: Link, second: Link) -> bool:
    """Tell whether two rows describe different collaborations: other start, no shared purpose."""
    other_start = first.since and second.since and first.since != second.since
    return bool(other_start and not set(first.purposes) & set(second.purposes))


def _merged(cluster: list[Link], report: LoadReport) -> Link:
    """Return one link that stands for every report in ``cluster``."""
    first = cluster[0]
    source, target, direction = _merged_flow(cluster)
    disputed = tuple(name for name in _DISPUTABLE if _disagree(cluster, name))
    values = {
        "source_key": source,
        "target_key": target,
        "direction": direction,
        "formality": _agreed_or(cluster, "formality", "ad-hoc"),
        "intensity": _lowest(cluster, "intensity", highest_rank=False),
        "frequency": _lowest(cluster, "frequency", highest_rank=True),
        "initiator": _initiator(cluster, source, target),
        "purposes": _union(cluster, "purposes"),
        "barriers": _union(cluster, "barriers"),
        "facilitators": _union(cluster, "facilitators"),
        "since": min((m.since for m in cluster if m.since), default=""),
        "until": "" if any(not m.until for m in cluster) else max(m.until for m in cluster),
        "mandated": any(m.mandated for m in cluster),
        "waves": tuple(sorted({m.wave for m in cluster if m.wave})),
        "reports": tuple(cluster),
        "disputed": disputed,
        "reported_by": "",
        "reported_on": "",
        "wave": "",
    }
    if disputed:
        _report_disagreement(cluster, disputed, report)
    return replace(first, **values)


def _merged_flow(cluster: list[Link]) -> tuple[str, str, str]:
    """Return source, target and direction of the flows all reports describe together.

    The link is two-way when every report states two-way, or when one-way
    reports describe flows in both directions. When one report states two-way
    and another one-way, the cautious one-way flow is kept.
    """
    first = cluster[0]
    one_way = {(m.source_key, m.target_key) for m in cluster if m.direction == "one-way"}
    if not one_way or len(one_way) > 1:
        return first.source_key, first.target_key, "two-way"
    source, target = next(iter(one_way))
    return source, target, "one-way"


def _disagree(cluster: list[Link], name: str) -> bool:
    """Tell whether the reports give different values for attribute ``name``."""
    if name == "direction":
        # Opposite one-way flows complete each other; one-way against two-way disagrees.
        return len({member.direction for member in cluster}) > 1
    return len({getattr(member, name) for member in cluster if getattr(member, name)}) > 1


def _agreed_or(cluster: list[Link], name: str, cautious: str) -> str:
    """Return the value every report gives, or ``cautious`` when they differ."""
    values = {getattr(member, name) for member in cluster if getattr(member, name)}
    return values.pop() if len(values) == 1 else cautious


def _lowest(cluster: list[Link], name: str, *, highest_rank: bool) -> str:
    """Return the cautious value of an ordered scale: the lowest intensity or frequency.

    Intensity ranks rise with intensity; frequency ranks rise as meetings get
    rarer, so the rarest frequency has the highest rank.
    """
    values = {getattr(member, name) for member in cluster if getattr(member, name)}
    if len(values) <= 1:
        return values.pop() if values else ""
    ranked = sorted(values, key=lambda value: concept_rank(name, value))
    return ranked[-1] if highest_rank else ranked[0]


def _initiator(cluster: list[Link], source: str, target: str) -> str:
    """Return who took the initiative, relative to the merged link's source and target."""
    actors = set()
    for member in cluster:
        if member.initiator == "both":
            return "both"
        if member.initiator == "source":
            actors.add(member.source_key)
        elif member.initiator == "target":
            actors.add(member.target_key)
    if len(actors) != 1:
        return "both" if actors else ""
    return "source" if actors.pop() == source else "target"


def _union(cluster: list[Link], name: str) -> tuple[str, ...]:
    """Return every code the reports give for a list attribute, in first-seen order."""
    return tuple(dict.fromkeys(code for member in cluster for code in getattr(member, name)))


def _report_disagreement(cluster: list[Link], disputed: tuple[str, ...],
                         report: LoadReport) -> None:
    """List a disagreement between reports as a point for discussion, once per report."""
    for name in disputed:
        stated = "; ".join(f"{_where(m)}: {getattr(m, name) or 'not given'}" for m in cluster)
        for member in cluster:
            if member.source is None:
                continue
            report.add(DISCUSS, member.source.file, member.source.row, name,
                       getattr(member, name),
                       f"the reports of this collaboration disagree on {name} ({stated})",
                       "Discuss it with both sides and correct the report that is wrong.")


def _where(link: Link) -> str:
    """Return where a report was read, for a message."""
    return f"{link.source.file} row {link.source.row}" if link.source else "register"
