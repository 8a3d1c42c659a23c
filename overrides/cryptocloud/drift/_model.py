"""What drift is made of: the kinds of finding, one recorded answer, a finding, a report row."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import attrs
from cryptocloud_client import exact

UNKNOWN_FIELD = "unknown field"
WRONG_TYPE = "wrong type"
NULL = "null not allowed"
UNKNOWN_ENUM = "unknown enum value"
MISSING = "missing required"
KINDS = (UNKNOWN_FIELD, WRONG_TYPE, NULL, UNKNOWN_ENUM, MISSING)

_SAMPLE = 40  # characters of a value shown in a report
_ABSENT = object()  # the "value" of a missing field


class DriftInputError(ValueError):
    """A file that cannot be read as recorded answers (the message names the file and line)."""


@attrs.frozen
class Answer:
    """One recorded answer: its body, and what it answered (an operationId, or a path to look it up by)."""

    body: Any
    where: str
    operation: str | None = None
    path: str | None = None
    status: int = 200


@attrs.frozen
class Finding:
    operation: str
    kind: str
    field: str  # a JSON path; list items are written []
    expected: str  # what the spec says
    sample: str  # the value seen, shortened
    seen_in: str


@attrs.frozen
class Row:
    """Findings of one kind at one field of one operation, merged across answers."""

    operation: str
    kind: str
    field: str
    expected: str
    sample: str
    seen_in: str
    count: int

    def as_dict(self) -> dict[str, Any]:
        return attrs.asdict(self)


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, (float, Decimal)):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object" if isinstance(value, dict) else type(value).__name__


def sample(value: Any) -> str:
    """A value as it appeared, shortened for a report."""
    if value is _ABSENT:
        return "(absent)"
    text = exact.dumps(value).decode("utf-8", errors="replace")  # Decimal as the number it was
    return text if len(text) <= _SAMPLE else text[: _SAMPLE - 3] + "..."


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key
