"""Map the ``actor_id`` of several surveys to actor keys, without guessing.

Each survey has its own ids. A link uses the actor that its own survey's
actors table gives for an id and, when that table does not list the id, the
one actor that the other surveys give for it. When other surveys give
different actors for the id, the link is rejected instead of credited to one
of them.
"""

from __future__ import annotations

from dataclasses import dataclass

from ecosystem.model import SourceRow


@dataclass(frozen=True)
class Definition:
    """One loaded actors row: which survey, which row, which actor, with which values."""

    key: str
    survey: int
    where: SourceRow
    values: dict


class UnresolvedId(Exception):
    """An id names no actor, or more than one. The message names what to do."""

    def __init__(self, message: str, action: str) -> None:
        super().__init__(message)
        self.message = message
        self.action = action


class ActorIds:
    """The actor ids of every survey loaded so far."""

    def __init__(self) -> None:
        self._definitions: dict[str, list[Definition]] = {}
        self._rejected: dict[str, SourceRow] = {}

    def add(self, definition: Definition) -> None:
        """Record a loaded actors row."""
        self._definitions.setdefault(definition.values["actor_id"], []).append(definition)

    def reject(self, actor_id: str, where: SourceRow) -> None:
        """Record that the actors row of ``actor_id`` at ``where`` was rejected."""
        self._rejected.setdefault(actor_id, where)

    def local(self, survey: int, actor_id: str) -> Definition | None:
        """Return the first definition of ``actor_id`` in survey ``survey``."""
        for definition in self._definitions.get(actor_id, ()):
            if definition.survey == survey:
                return definition
        return None

    def elsewhere(self, survey: int, actor_id: str) -> list[Definition]:
        """Return the definitions of ``actor_id`` in the other surveys."""
        return [d for d in self._definitions.get(actor_id, ()) if d.survey != survey]

    def resolve(self, survey: int, actor_id: str) -> str | None:
        """Return the key ``actor_id`` names for a row of ``survey``, or ``None`` if unknown.

        Raises :class:`UnresolvedId` when the id names several actors or only
        a rejected actors row.
        """
        local = self.local(survey, actor_id)
        if local is not None:
            return local.key
        others = self.elsewhere(survey, actor_id)
        keys = list(dict.fromkeys(d.key for d in others))
        if len(keys) == 1:
            return keys[0]
        if len(keys) > 1:
            places = "; ".join(f"{d.values['name']} in {d.where.file}, row {d.where.row}"
                               for d in others)
            raise UnresolvedId(f"this actor_id names different actors in other surveys "
                               f"({places})",
                               "List the actor in this survey's actors table, or give the "
                               "actors different ids.")
        if actor_id in self._rejected:
            where = self._rejected[actor_id]
            raise UnresolvedId(f"the actors row of this id was rejected ({where.file}, "
                               f"row {where.row})", "Fix that actors row and run again.")
        return None

    def similar(self, actor_id: str) -> list[str]:
        """Return known ids that equal ``actor_id`` apart from case and surrounding spaces."""
        folded = actor_id.strip().casefold()
        return [known for known in self._definitions if known.casefold() == folded]
