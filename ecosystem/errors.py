"""Domain exceptions. Each message names what was wrong and what to do."""

from __future__ import annotations


class EcosystemError(Exception):
    """Base class of every error the ecosystem package raises on purpose."""


class InvalidCodeError(EcosystemError, ValueError):
    """A code (school number, KBO, REFNIS, postcode) is not in a valid form."""

    def __init__(self, kind: str, value: object, reason: str, action: str) -> None:
        self.kind = kind
        self.value = value
        self.reason = reason
        self.action = action
        super().__init__(f"invalid {kind} {value!r}: {reason}. {action}")


class InputFileError(EcosystemError, OSError):
    """An input file is missing, unreadable or lacks a required column."""

    def __init__(self, path: object, message: str, action: str) -> None:
        self.path = path
        self.action = action
        super().__init__(f"{path}: {message}. {action}")


class RunError(EcosystemError, RuntimeError):
    """The run cannot complete. The message names the input to fix."""


class InvalidValueError(EcosystemError, ValueError):
    """A spreadsheet cell contains a value that its column does not allow."""

    def __init__(self, column: str, value: object, reason: str, action: str) -> None:
        self.column = column
        self.value = value
        self.reason = reason
        self.action = action
        super().__init__(f"invalid {column} {value!r}: {reason}. {action}")


class InvalidCellsError(EcosystemError, ValueError):
    """Error for a spreadsheet row with several cells that their columns do not allow."""

    def __init__(self, errors: list[InvalidValueError]) -> None:
        self.errors = errors
        super().__init__("; ".join(str(error) for error in errors))
