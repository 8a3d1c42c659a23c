"""Check a postback's token: a compact JWT signed HS256 with the project's secret key.

Written on the standard library rather than PyJWT because the one algorithm needed is a single HMAC, and
PyJWT's wider surface is what let hostile tokens escape as other exceptions: it refuses HMAC keys that look
like SSH or PEM keys (``InvalidKeyError``), validates ``kid`` and ``crit`` with errors outside the ones
caught, supports unencoded payloads (RFC 7797) and raises ``UnicodeEncodeError`` on non-ASCII text. Here
every failure is a ``PostbackVerificationError`` with a fixed reason; the secret never appears in one.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import math
import re
import time
from datetime import UTC, datetime, timedelta
from typing import Any

from .errors import InvalidParameterError, PostbackVerificationError

ALGORITHM = "HS256"
# A genuine token is about 150 characters; anything much longer is not one, and is refused before decoding.
MAX_TOKEN_CHARS = 4096
# Times outside 1970..9999 cannot be a real expiry: refused rather than overflowing a datetime.
_LATEST = 253402300799
_SEGMENT = re.compile(r"[A-Za-z0-9_-]*")


def secret_key(secret: object) -> bytes:
    """The secret as the bytes HMAC is keyed with: str (UTF-8) or bytes; anything else is a caller's mistake."""
    if isinstance(secret, (bytes, bytearray)):
        key = bytes(secret)
    elif isinstance(secret, str):
        try:
            key = secret.encode("utf-8")
        except UnicodeEncodeError:
            raise InvalidParameterError("secret", "<hidden>", "is not valid text (an unpaired surrogate)") from None
    elif secret is None:
        key = b""
    else:
        raise InvalidParameterError("secret", "<hidden>", f"must be str or bytes, got {type(secret).__name__}")
    if not key.strip():
        raise InvalidParameterError("secret", "<hidden>", "missing: pass the project's secret key")
    return key


def seconds(leeway: object) -> float:
    """The allowed clock skew, in seconds."""
    value = leeway.total_seconds() if isinstance(leeway, timedelta) else leeway
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 3600:
        raise InvalidParameterError("leeway", leeway, "must be 0 to 3600 seconds (a number or a timedelta)")
    return float(value)


def _unique(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    seen: dict[str, Any] = {}
    for key, value in pairs:
        if key in seen:
            raise ValueError(f"repeats {key!r}")
        seen[key] = value
    return seen


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def json_object(raw: bytes | str, **options: Any) -> dict[str, Any]:
    """Strict JSON: a repeated key or NaN/Infinity is an error (raised as ValueError), like malformed text."""
    value = json.loads(raw, object_pairs_hook=_unique, parse_constant=_no_constant, **options)
    if not isinstance(value, dict):
        raise TypeError("not a JSON object")
    return value


def _part(segment: str, what: str) -> bytes:
    if not _SEGMENT.fullmatch(segment) or len(segment) % 4 == 1:
        raise PostbackVerificationError(f"malformed token ({what} is not base64url)")
    try:
        return base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4))
    except (binascii.Error, ValueError):
        raise PostbackVerificationError(f"malformed token ({what} is not base64url)") from None


def _decoded(raw: bytes, what: str) -> dict[str, Any]:
    try:
        return json_object(raw)
    except (ValueError, TypeError, RecursionError):
        raise PostbackVerificationError(f"malformed token ({what} is not a JSON object)") from None


def _time(claims: dict[str, Any], name: str) -> float | None:
    value = claims.get(name)
    if value is None and name not in claims:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise PostbackVerificationError(f"token claim {name!r} is not a number")
    if not 0 <= value <= _LATEST:
        raise PostbackVerificationError(f"token claim {name!r} is not a plausible time")
    return float(value)


def cut(text: str, limit: int) -> str:
    """Reasons quote hostile input, never at length."""
    return text if len(text) <= limit else text[: limit - 3] + "..."


def short(value: object, limit: int = 40) -> str:
    return cut(repr(value), limit)


def verify(token: object, key: bytes, leeway: float) -> dict[str, Any]:
    """The token's claims, once its header, signature and times check out."""
    if not isinstance(token, str) or not token:
        raise PostbackVerificationError("no token")
    if len(token) > MAX_TOKEN_CHARS:
        raise PostbackVerificationError(f"token too long ({len(token)} characters; at most {MAX_TOKEN_CHARS})")
    if not token.isascii() or token.count(".") != 2:
        raise PostbackVerificationError("malformed token (not three base64url parts)")
    header_b64, payload_b64, signature_b64 = token.split(".")
    header = _decoded(_part(header_b64, "header"), "header")
    if header.get("alg") != ALGORITHM:
        raise PostbackVerificationError(f"token algorithm {short(header.get('alg'))} is not {ALGORITHM}")
    if "crit" in header:  # RFC 7515: extensions listed there must be understood, and none are
        raise PostbackVerificationError("token header has 'crit' (no extension is supported)")
    expected = hmac.new(key, f"{header_b64}.{payload_b64}".encode("ascii"), hashlib.sha256).digest()
    if not hmac.compare_digest(expected, _part(signature_b64, "signature")):
        hint = "; the one given has leading or trailing whitespace" if key != key.strip() else ""
        raise PostbackVerificationError(f"token signature does not match (wrong secret key?{hint})")
    claims = _decoded(_part(payload_b64, "payload"), "payload")
    now = time.time()
    expires = _time(claims, "exp")
    if expires is None:
        raise PostbackVerificationError("token has no 'exp' claim")
    not_before, issued = _time(claims, "nbf"), _time(claims, "iat")
    if now > expires + leeway:
        raise PostbackVerificationError("token expired")
    if (not_before is not None and not_before > now + leeway) or (issued is not None and issued > now + leeway):
        raise PostbackVerificationError("token not yet valid")
    return claims


def expiry(claims: dict[str, Any]) -> datetime:
    """When a verified token stops being accepted (its ``exp``), aware UTC."""
    return datetime.fromtimestamp(claims["exp"], UTC)
