"""Facts parsed from the API's own docs (openapi/reference/invoice-create.txt) and the notes beside them
(openapi/reference/cryptocloud-api-notes.md), for the spec tests.

Nothing here is retyped from the docs: enum lists, field names, types, example values and the endpoints are read
from the copy of the docs kept in the repo, so a test fails when the spec and the docs disagree, and a change of
the API is one edit of the docs copy, never of a test.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]  # tests/support/ -> the checkout
SPEC_PATH = ROOT / "openapi" / "cryptocloud.yaml"
DOCS_PATH = ROOT / "openapi" / "reference" / "invoice-create.txt"
NOTES_PATH = ROOT / "openapi" / "reference" / "cryptocloud-api-notes.md"

DOC_TYPES = {"string", "float", "dict", "list[string]", "bool"}


@dataclass(frozen=True)
class DocField:
    name: str
    required: bool
    doc_type: str
    example: str  # the docs' example text; for a dict, the JSON block


@cache
def docs_lines() -> list[str]:
    return DOCS_PATH.read_text(encoding="utf-8").splitlines()


@cache
def spec() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(SPEC_PATH.read_text(encoding="utf-8"))
    return loaded


def _codes_after(marker: str) -> list[str]:
    lines = docs_lines()
    line = lines[lines.index(marker) + 1]
    return [code.strip() for code in line.rstrip(".").split(",")]


def fiat_codes() -> list[str]:
    return _codes_after("Available conversion currencies:")


def crypto_codes() -> list[str]:
    return _codes_after("Available payment currencies:")


def invoice_statuses() -> list[str]:
    """'created' plus the statuses listed as 'Other possible statuses: paid (paid), partial (...), ...'."""
    text = "\n".join(docs_lines())
    created = re.search(r"the status is always (\w+)\.", text)
    others = re.search(r"Other possible statuses: (.*)\.", text)
    assert created and others, "the docs no longer describe invoice statuses where expected"
    return [created.group(1), *re.findall(r"(\w+) \(", others.group(1))]


def _fields(lines: list[str]) -> list[DocField]:
    """A field in the docs is a line `name` or `name*` followed by a line naming its type, then an example."""
    fields = []
    for i, line in enumerate(lines[:-2]):
        match = re.fullmatch(r"([a-z_]+)(\*?)", line.strip())
        if not match or lines[i + 1].strip() not in DOC_TYPES:
            continue
        doc_type = lines[i + 1].strip()
        example = lines[i + 2]
        if doc_type == "dict" and example.lstrip().startswith('"'):
            example = _json_block(lines, i + 2)
        fields.append(DocField(match.group(1), bool(match.group(2)), doc_type, example))
    return fields


def _json_block(lines: list[str], start: int) -> str:
    """The `"name": {...}` block that starts at `start`, up to its balanced closing brace."""
    depth, out = 0, []
    for line in lines[start:]:
        out.append(line)
        depth += line.count("{") - line.count("}")
        if depth == 0:
            break
    text = "\n".join(out).strip()
    text = text[: text.rindex("}") + 1]  # the docs have a stray character after one block ("}v")
    return "{" + text + "}"


def _section(start_marker: str, end_marker: str | None) -> list[str]:
    lines = docs_lines()
    start = lines.index(start_marker)
    end = lines.index(end_marker, start) if end_marker else len(lines)
    return lines[start:end]


REQUEST_SECTION = ("Request Body", "Request examples")
RESPONSE_SECTION = ("Response parameters", None)


def typed_names(start_marker: str, end_marker: str | None) -> list[str]:
    """The line above each line of a docs section that is a type word alone (``string``, ``float``...): every
    field the section lists, whatever its name looks like (a check on the field parser, which is stricter)."""
    section = _section(start_marker, end_marker)
    return [section[i - 1].strip().rstrip("*") for i in range(1, len(section)) if section[i].strip() in DOC_TYPES]


def request_fields() -> dict[str, DocField]:
    """Fields of the request body; `add_fields` members are keyed as `add_fields.name`."""
    section = _section(*REQUEST_SECTION)
    split = section.index("Optional parameters must be passed within the add_fields object.")
    top = {f.name: f for f in _fields(section[:split])}
    nested = {f"add_fields.{f.name}": f for f in _fields(section[split:])}
    return top | nested


def response_fields() -> dict[str, DocField]:
    return {f.name: f for f in _fields(_section(*RESPONSE_SECTION))}


@cache
def notes() -> str:
    return NOTES_PATH.read_text(encoding="utf-8")


def documented_paths() -> dict[str, str]:
    """operation name -> path, from the notes' endpoint table (its rows whose path cell is a /v2/ path)."""
    rows = re.findall(r"^\| ([a-z ]+) \| `(/v2/[^`]+)` \|", notes(), re.MULTILINE)
    return {name: path for name, path in rows}


def endpoint_rows() -> list[str]:
    """Every line of the notes that is a table row naming a /v2/ path (a check on ``documented_paths``)."""
    return [line for line in notes().splitlines() if line.startswith("|") and "`/v2/" in line]


def example_value(field: DocField) -> Any:
    """The docs' example as the JSON value it stands for (numbers exact, nested objects parsed)."""
    from decimal import Decimal

    if field.doc_type == "dict":
        parsed: dict[str, Any] = json.loads(field.example, parse_float=Decimal)
        return parsed[field.name]
    if field.doc_type == "float":
        return Decimal(field.example.strip())
    if field.doc_type == "bool":
        return {"true": True, "false": False}[field.example.strip()]
    return field.example.strip()
