"""Drift: where real answers of the API differ from the spec, found before it breaks anyone.

``cryptocloud drift FILES...`` reads recorded answers (JSON, JSON lines, or a HAR file saved from a browser or
proxy) and reports, per operation, what the spec lacks or contradicts. The client's opt-in recording
(``record_to=``) writes the JSON-lines form, and its ``cryptocloud.drift`` logger uses the same check at run
time. The spec read here is the one the package was generated from (``cryptocloud_client/openapi.json``).

Kinds of finding: an unknown field, a wrong type (or text not matching the spec's pattern), a null where the
spec says not-null, an enum value the spec lacks, a required field missing.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ._model import (
    KINDS,
    MISSING,
    NULL,
    UNKNOWN_ENUM,
    UNKNOWN_FIELD,
    WRONG_TYPE,
    Answer,
    DriftInputError,
    Finding,
    Row,
    sample,
)
from .answers import read_answers
from .spec import Spec, bundled_spec, rows

__all__ = [
    "KINDS",
    "MISSING",
    "NULL",
    "UNKNOWN_ENUM",
    "UNKNOWN_FIELD",
    "WRONG_TYPE",
    "Answer",
    "DriftInputError",
    "Finding",
    "Row",
    "Spec",
    "bundled_spec",
    "read_answers",
    "report",
    "rows",
    "sample",
]


def report(files: Iterable[Path], operation: str | None = None, spec: Spec | None = None) -> tuple[list[Row], int]:
    """(drift rows, number of answers read) for the recorded answers in ``files``."""
    spec = spec or bundled_spec()
    found: list[Finding] = []
    count = 0
    for file in files:
        for answer in read_answers(file, operation):
            count += 1
            found += spec.findings(answer)
    return rows(found), count
