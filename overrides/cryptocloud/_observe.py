"""What the clients do with every answer besides decoding it: record it (opt-in) and watch it for drift.

- ``record_to=PATH`` on either client appends each answer of the API to PATH as one JSON line
  (``{"recorded", "operation", "method", "path", "status", "body"}``), the input ``cryptocloud drift`` reads.
  Only the answer is written, never the request's headers: the API key stays out, and the text is redacted too.
  Answers hold customers' personal data (emails, addresses): the file is created readable by its owner only
  (0600), and past ``RECORD_MAX_BYTES`` it is moved to PATH.1 (replacing an older one) and started anew.
- The ``cryptocloud.drift`` logger gets one WARNING per process for each field or enum value of an answer that
  the spec does not know. The call itself goes on as if nothing was seen: drift is news, not an error.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
from cryptocloud_client import exact

from . import drift

logger = logging.getLogger("cryptocloud.drift")
logger.addHandler(logging.NullHandler())  # a library never prints by itself; applications choose handlers

_seen: set[tuple[str, str, str, Any]] = set()  # what was logged already, process-wide
_seen_lock = threading.Lock()
# The run-time check re-reads an answer and walks it against the spec (costly for a page of 100 invoices): it
# looks at one answer per operation per interval, so that it costs nothing per request in steady state. Recorded
# answers (record_to=) are all kept, and `cryptocloud drift` checks every one of them.
DRIFT_CHECK_INTERVAL = 60.0
_last_checked: dict[str, float] = {}  # operation -> when an answer of it was last checked, process-wide
RECORD_MAX_BYTES = 100 * 1024 * 1024  # a recording, then its one older part, each at most this big


class Observer:
    def __init__(self, record_to: str | os.PathLike[str] | None) -> None:
        self._path = Path(record_to) if record_to is not None else None
        self._lock = threading.Lock()

    def seen(self, response: httpx.Response, redact: Callable[[str], str]) -> None:
        """Record and check one answer; never raises (a full disk or an odd body must not fail the call)."""
        try:
            self._observe(response, redact)
        except Exception:
            logger.debug("could not observe an answer", exc_info=True)

    def _observe(self, response: httpx.Response, redact: Callable[[str], str]) -> None:
        path = response.request.url.path
        spec = drift.bundled_spec()
        operation = spec.operation_for(path)
        ok = 200 <= response.status_code < 300
        check = ok and operation is not None and logger.isEnabledFor(logging.WARNING) and _due(operation)
        if self._path is None and not check:
            return
        try:
            body: Any = exact.loads(response.content)
        except ValueError:
            body = None
        if self._path is not None:
            self._record(response, operation, path, body, redact)
        if check and operation is not None and body is not None:
            self._log_drift(spec, operation, response.status_code, body)

    def _record(
        self, response: httpx.Response, operation: str | None, path: str, body: Any, redact: Callable[[str], str]
    ) -> None:
        entry: dict[str, Any] = {
            "recorded": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
            "operation": operation,
            "method": response.request.method,
            "path": path,
            "status": response.status_code,
            "body": body,
        }
        if body is None:
            entry["text"] = response.content.decode("utf-8", errors="replace")
        line = (redact(exact.dumps(entry).decode()) + "\n").encode()
        assert self._path is not None
        with self._lock:
            self._append(self._path, line)

    @staticmethod
    def _append(path: Path, line: bytes) -> None:
        size = path.stat().st_size if path.exists() else 0
        if size and size + len(line) > RECORD_MAX_BYTES:
            os.replace(path, f"{path}.1")
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)  # personal data: the owner's only
        try:
            os.write(fd, line)
        finally:
            os.close(fd)

    def _log_drift(self, spec: drift.Spec, operation: str, status: int, body: Any) -> None:
        # Only unknown fields and enum values: anything else makes decoding fail, with its own error.
        for kind, field, value in spec.unknowns(operation, status, body):
            key = (operation, kind, field, value if kind == drift.UNKNOWN_ENUM else "")  # each new enum value counts
            with _seen_lock:
                if key in _seen:
                    continue
                _seen.add(key)
            logger.warning(
                "%s: %s %s (sample %s); the spec does not know it: run `cryptocloud drift` on recorded answers",
                operation,
                kind,
                field or "(body)",
                drift.sample(value),
            )


def _due(operation: str) -> bool:
    """Whether an answer of ``operation`` should be checked now (and mark it checked)."""
    now = time.monotonic()
    if now - _last_checked.get(operation, -DRIFT_CHECK_INTERVAL) < DRIFT_CHECK_INTERVAL:
        return False  # the usual answer: checked recently, decided without taking the lock
    with _seen_lock:
        if now - _last_checked.get(operation, -DRIFT_CHECK_INTERVAL) < DRIFT_CHECK_INTERVAL:
            return False
        _last_checked[operation] = now
        return True
