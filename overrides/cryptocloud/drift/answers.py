"""Recorded answers from files: JSON, JSON lines (as ``record_to=`` writes them) or a HAR from a browser or proxy."""

from __future__ import annotations

import base64
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from cryptocloud_client import exact

from ._model import Answer, DriftInputError
from .spec import bundled_spec


def _loads(text: str) -> Any:
    return exact.loads(text)  # money stays exact; NaN and Infinity are refused


def _record(data: Any, where: str, operation: str | None) -> Answer:
    """One record ({"operation" or "path", "status", "body"}), or a bare body when ``operation`` is given."""
    if isinstance(data, dict) and ("body" in data or "response" in data):
        path = data.get("path") or (urlsplit(data["url"]).path if isinstance(data.get("url"), str) else None)
        status = data.get("status", 200)
        if not isinstance(status, int):
            raise DriftInputError(f"{where}: status must be a number, got {status!r}")
        body = data["body"] if "body" in data else data["response"]
        return Answer(body, where, operation or data.get("operation"), path, status)
    if operation is None:
        raise DriftInputError(f"{where}: a bare answer: give --operation, or record {{'operation', 'body'}} objects")
    return Answer(data, where, operation)


def _har(data: dict[str, Any], name: str) -> Iterator[Answer]:
    for i, entry in enumerate(data["log"].get("entries", [])):
        request, response = entry.get("request", {}), entry.get("response", {})
        content = response.get("content", {})
        text = content.get("text")
        if not isinstance(text, str) or "json" not in str(content.get("mimeType", "json")):
            continue
        if content.get("encoding") == "base64":
            text = base64.b64decode(text).decode("utf-8", errors="replace")
        try:
            body = _loads(text)
        except ValueError:
            continue
        path = urlsplit(str(request.get("url", ""))).path
        if bundled_spec().operation_for(path) is None:
            continue  # another site's traffic in the same capture
        yield Answer(body, f"{name}#entry{i}", None, path, int(response.get("status", 200)))


def read_answers(file: Path, operation: str | None = None) -> Iterator[Answer]:
    """The answers in a JSON file (one record, a list of records, or a HAR capture) or a JSON-lines file."""
    name = str(file)
    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise DriftInputError(f"{name}: cannot read: {exc}") from None
    try:
        data = _loads(text)
    except ValueError:
        data = None
        lines = True
    else:
        lines = False
    if not lines:
        if isinstance(data, dict) and isinstance(data.get("log"), dict):
            yield from _har(data, name)
        elif isinstance(data, list) and (operation is None or all(isinstance(d, dict) and "body" in d for d in data)):
            for i, item in enumerate(data):
                yield _record(item, f"{name}[{i}]", operation)
        else:
            yield _record(data, name, operation)
        return
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            item = _loads(line)
        except ValueError as exc:
            raise DriftInputError(f"{name}:{number}: not JSON ({exc})") from None
        yield _record(item, f"{name}:{number}", operation)
