"""Keeping the API key (and the withdrawal key) out of everything this package writes or hands back.

A ``Secrets`` removes its keys, and any piece of one 8 characters or longer, from a text: error messages, error
bodies (also where the server JSON-escaped the key), recordings, and every log record of the loggers our clients
cause to write, ours and the HTTP libraries' (a server may echo the key in a reason phrase or a header, which
httpcore logs at DEBUG and httpx at INFO). The log filter knows the keys of every client alive in the process.
"""

from __future__ import annotations

import hashlib
import logging
import re
import threading
import weakref
from typing import Any

_PIECE = 8  # the shortest piece of a key that is removed
# A JSON string escape of an ASCII character (a key is ASCII): ``\u0041`` or ``\/``.
_ASCII_ESCAPE = re.compile(r"\\u00([0-7][0-9a-fA-F])|\\/")


class Secrets:
    """The keys of one client; ``secrets(text)`` is ``text`` without them."""

    __slots__ = ("__weakref__", "_keys", "_long_pieces", "_pieces")

    def __init__(self, *keys: str) -> None:
        # A key shorter than a piece is hidden whole from this client's own texts, but not looked for in answers
        # nor in every log record of the process: it would be found in ordinary words.
        self._keys = tuple(key.encode() for key in keys if len(key) >= _PIECE)
        self._long_pieces = frozenset(
            key[i : i + _PIECE] for key in keys if len(key) >= _PIECE for i in range(len(key) - _PIECE + 1)
        )
        self._pieces = self._long_pieces | {key for key in keys if 0 < len(key) < _PIECE}
        self.register()

    def register(self) -> None:
        """Keep these keys out of every log record of the process while this object lives (idempotent)."""
        _register(self)

    def __repr__(self) -> str:
        return "<Secrets: hidden>"

    def __call__(self, text: str) -> str:
        """``text`` without the keys, nor any piece of one of 8 characters or more (a cut message keeps none)."""
        return _hide(text, self._pieces)

    def in_log(self, text: str) -> str:
        """``text`` without any piece of 8 characters or more of the keys (for records of any logger)."""
        return _hide(text, self._long_pieces)

    def body(self, text: str) -> str:
        """A body's text without the keys, also where it writes them JSON-escaped (``\\u0041...``): then the text
        is given with those escapes written out, so that no JSON reading of it gives a key back."""
        hidden = self(text)
        if "\\" in hidden:
            plain = _ASCII_ESCAPE.sub(lambda m: chr(int(m[1], 16)) if m[1] else "/", hidden)
            if self(plain) != plain:
                return self(plain)
        return hidden

    def echoed_in(self, content: bytes) -> bool:
        """Whether a whole key is in ``content``, as is or JSON-escaped (a cheap check for every answer)."""
        for key in self._keys:
            if key in content:
                return True
        if b"\\" not in content:
            return False
        plain = _ASCII_ESCAPE.sub(lambda m: chr(int(m[1], 16)) if m[1] else "/", content.decode("utf-8", "replace"))
        return any(key.decode() in plain for key in self._keys)

    def scrub(self, value: Any) -> Any:
        """A decoded JSON value with every string in it (keys of objects too) without the keys."""
        if isinstance(value, str):
            return self(value)
        if isinstance(value, list):
            return [self.scrub(item) for item in value]
        if isinstance(value, dict):
            return {self(k) if isinstance(k, str) else k: self.scrub(v) for k, v in value.items()}
        return value


def _hide(text: str, pieces: frozenset[str]) -> str:
    spans: list[tuple[int, int]] = []
    for piece in pieces:  # str.find runs in C: milliseconds for a 10 MiB error page
        start = text.find(piece)
        while start != -1:
            spans.append((start, start + len(piece)))
            start = text.find(piece, start + 1)
    if not spans:
        return text
    out: list[str] = []
    kept = 0  # text before this index is written out or hidden
    for start, end in sorted(spans):
        if start > kept or not out:  # a new hidden run (overlapping pieces join the current one)
            out += [text[kept:start], "<hidden>"]
        kept = max(kept, end)
    out.append(text[kept:])
    return "".join(out)


class WithdrawalKey:
    """The withdrawal key as the client holds it: its repr (and so the client's vars) shows "<hidden>"."""

    __slots__ = ("digest", "value")

    def __init__(self, key: str) -> None:
        self.value = key
        self.digest = hashlib.sha256(key.encode()).digest()  # what the 12 s spacing is kept by: never the key

    def __repr__(self) -> str:
        return "<hidden>"


class SecretKey:
    """The project's secret key (postbacks) as the client holds it: its repr shows "<hidden>"."""

    __slots__ = ("key",)

    def __init__(self, secret: object) -> None:
        from ._token import secret_key  # PyJWT is imported only where postbacks are verified

        self.key = secret_key(secret)

    def __repr__(self) -> str:
        return "<hidden>"


# ------------------------------------------------------------------ log records

# The loggers an exchange of our clients writes to: ours, httpx's INFO line, httpcore's DEBUG trace, aiohttp's.
LOGGERS = (
    "cryptocloud",
    "cryptocloud.drift",
    "httpx",
    "httpcore.connection",
    "httpcore.http11",
    "httpcore.http2",
    "httpcore.proxy",
    "httpcore.socks",
    "aiohttp.client",
    "aiohttp.internal",
)
_live: weakref.WeakSet[Secrets] = weakref.WeakSet()
_lock = threading.Lock()


class _HideKeys(logging.Filter):
    """Rewrites a record whose message holds a key of a live client (it runs only for records being written)."""

    def filter(self, record: logging.LogRecord) -> bool:
        with _lock:
            everyone = list(_live)
        if not everyone:
            return True
        message = record.getMessage()
        hidden = message
        for secrets in everyone:
            hidden = secrets.in_log(hidden)
        if hidden != message:
            record.msg, record.args = hidden, None
        return True


_FILTER = _HideKeys()


def _register(secrets: Secrets) -> None:
    with _lock:
        if not _live:  # the first client: the filter goes on (once; a logger keeps a filter it already has)
            for name in LOGGERS:
                logging.getLogger(name).addFilter(_FILTER)
        _live.add(secrets)
