"""Reading an answer's body within bounds: a size cap on the inflated bytes and the attempt's deadline."""

from __future__ import annotations

import time
import zlib
from typing import Any

import attrs
import httpx

from ._pool import set_content
from ._stage import Overrun

DEFAULT_MAX_RESPONSE_BYTES = 10 * 1024 * 1024  # decompressed; far above any real answer (bench/RESULTS.md)
# What we ask for and can inflate within the cap. httpx would add br/zstd when their packages are installed.
ACCEPT_ENCODING = "gzip, deflate"


@attrs.frozen
class Limits:
    max_bytes: int
    deadline: float  # seconds an attempt may take, from sending to the end of the body


def deadline_message(limits: Limits) -> str:
    return f"no complete answer within the {limits.deadline:g} s deadline"


class Body:
    """Collects an answer's bytes, inflating them within the size cap, and enforces the attempt's deadline.

    httpx's own decoders inflate each network chunk whole, through every listed encoding, before anyone can
    count: 64 KB of gzip can become 64 MB. Here each chunk is inflated with ``max_length``, so nothing past the
    cap is ever held; only gzip and deflate, one layer, are accepted (what ``ACCEPT_ENCODING`` asks for).
    """

    __slots__ = ("_chunks", "_consumed", "_deadline", "_inflate", "_limits", "_raw_deflate", "_size")

    def __init__(self, limits: Limits, deadline: float, content_encoding: str = "", consumed: bool = False) -> None:
        self._limits = limits
        self._deadline = deadline
        self._chunks: list[bytes] = []
        self._size = 0
        self._raw_deflate = False
        self._inflate = _inflater(content_encoding)
        self._consumed = consumed

    @classmethod
    def of(cls, response: httpx.Response, limits: Limits, deadline: float) -> Body:
        """A collector for ``response``: inflating as its Content-Encoding says, unless the transport already read
        (and decoded) the whole body, as httpx.MockTransport does."""
        if response.is_stream_consumed:
            return cls(limits, deadline, consumed=True)
        return cls(limits, deadline, response.headers.get("content-encoding", ""))

    @staticmethod
    def unread(response: httpx.Response) -> list[bytes]:
        """The body when the transport read it before the drivers saw it (an httpx.MockTransport answer), else []."""
        return [response.content] if response.is_stream_consumed else []

    def add(self, chunk: bytes) -> None:
        if self._inflate is not None:
            chunk = self._inflated(chunk, self._limits.max_bytes - self._size)
        self._size += len(chunk)
        if self._size > self._limits.max_bytes:
            self._chunks.append(chunk[: len(chunk) - (self._size - self._limits.max_bytes)])  # kept on the error
            raise Overrun(f"answer larger than {self._limits.max_bytes} bytes (max_response_bytes)", timed_out=False)
        self._chunks.append(chunk)
        if time.monotonic() > self._deadline:
            raise Overrun(deadline_message(self._limits), timed_out=True)

    def _inflated(self, chunk: bytes, room: int) -> bytes:
        assert self._inflate is not None
        try:
            # One more byte than there is room for: producing it proves the answer is too large.
            inflated: bytes = self._inflate.decompress(chunk, room + 1)
            return inflated
        except zlib.error:
            if self._size or self._raw_deflate or self._inflate.__class__ is not _ZLIB_TYPE:
                raise Overrun("answer body is not valid gzip/deflate", timed_out=False) from None
            self._raw_deflate = True  # "deflate" sent raw, without the zlib header, as some servers do
            self._inflate = zlib.decompressobj(-zlib.MAX_WBITS)
            return self._inflated(chunk, room)

    def received(self) -> bytes:
        """What arrived of the body so far (inflated, within the cap): kept on the error of an answer cut short."""
        return b"".join(self._chunks)

    def complete(self, response: httpx.Response) -> httpx.Response:
        """``response``, closed, with its (inflated) body in place, as if httpx had read it (``.content`` works)."""
        if not self._consumed:
            set_content(response, self.received())
        # httpx's send() makes the answer and its stream point at each other: a cycle that only the garbage
        # collector frees, holding the connection's parsed buffers until then. Read and closed, it needs no stream.
        response.stream = httpx.ByteStream(response.content)
        return response


_ZLIB_TYPE = type(zlib.decompressobj())


def _inflater(content_encoding: str) -> Any:
    """A zlib decompressor for the answer's Content-Encoding; None for an identity body."""
    if not content_encoding:
        return None
    codings = [c.strip().lower() for c in content_encoding.split(",") if c.strip().lower() not in ("", "identity")]
    if not codings:
        return None
    if len(codings) > 1 or codings[0] not in ("gzip", "x-gzip", "deflate"):
        raise Overrun(f"answer encoded as {content_encoding!r}; only gzip or deflate was asked for", timed_out=False)
    return zlib.decompressobj(16 + zlib.MAX_WBITS if codings[0] != "deflate" else zlib.MAX_WBITS)
