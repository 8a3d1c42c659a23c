"""Check a postback's token: a compact JWT signed HS256 with the project's secret key.

PyJWT checks what it is trusted for: the HMAC-SHA256 signature (constant-time compare) and the registered
time claims (``exp`` required, ``nbf``, ``iat``, with the caller's leeway). Before it sees a token, this module
adds only the checks PyJWT lacks, so that every failure is a ``PostbackVerificationError`` with a fixed reason:

- a size limit, and ASCII text in three canonical base64url parts (PyJWT encodes str tokens to UTF-8 itself,
  so a lone surrogate would escape from it as ``UnicodeEncodeError``; it also accepts ``=`` padding);
- ``alg`` must be exactly HS256, named in the reason (PyJWT says only "not allowed");
- a ``crit`` header is refused (PyJWT understands ``b64``, the unencoded payloads of RFC 7797; we want none);
- strict JSON in header and payload: a repeated key or NaN/Infinity is refused (PyJWT's ``json.loads`` keeps
  the last of a repeated ``exp`` and accepts ``NaN``);
- the time claims must be JSON numbers within 1970..9999 (PyJWT calls ``int()`` on them, so it accepts
  ``"1700000000"`` or ``true``, and a huge ``exp`` would later overflow a datetime).

Any other PyJWT refusal (a non-string ``kid``, ``b64`` false without ``crit``) ends as "token refused by PyJWT:
<its message>"; its messages never carry the key. PyJWT warns when an HMAC key is shorter than 32 bytes: the
length is CryptoCloud's choice, not the merchant's, so our HS256 skips that check. A secret that PyJWT refuses
as an HMAC key (it looks like an SSH/PEM/DER public key, a certificate or a JWK) is the caller's mistake: an
``InvalidParameterError`` from ``secret_key`` up front, never a refused postback.
"""

from __future__ import annotations

import base64
import json
import math
import re
from datetime import UTC, datetime, timedelta
from typing import Any

import jwt
from jwt.algorithms import HMACAlgorithm

from .errors import InvalidParameterError, PostbackVerificationError

ALGORITHM = "HS256"
# A genuine token is about 150 characters; anything much longer is not one, and is refused before decoding.
MAX_TOKEN_CHARS = 4096
# Times outside 1970..9999 cannot be a real expiry: refused rather than overflowing a datetime.
_LATEST = 253402300799
_SEGMENT = re.compile(r"[A-Za-z0-9_-]*")
_TIMES = ("exp", "nbf", "iat")


class _HS256(HMACAlgorithm):
    """PyJWT's HS256 without its short-key warning (CryptoCloud chooses the secret's length)."""

    def __init__(self) -> None:
        super().__init__(HMACAlgorithm.SHA256)

    def check_key_length(self, key: bytes) -> str | None:
        return None


_HMAC = _HS256()
# Our own PyJWS knows HS256 only; the process-wide PyJWT stays as its owner configured it.
_JWS = jwt.PyJWS(algorithms=[])
_JWS.register_algorithm(ALGORITHM, _HMAC)


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
    try:
        _HMAC.prepare_key(key)
    except jwt.PyJWTError:
        raise InvalidParameterError(
            "secret", "<hidden>", "looks like a public key, certificate or JWK, which PyJWT refuses as an HMAC secret"
        ) from None
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
    """A base64url part as RFC 7515 writes it: no padding, and the one encoding of its bytes."""
    if _SEGMENT.fullmatch(segment) and len(segment) % 4 != 1:
        raw = base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4))
        if base64.urlsafe_b64encode(raw).rstrip(b"=") == segment.encode("ascii"):
            return raw
    raise PostbackVerificationError(f"malformed token ({what} is not base64url)")


def _decoded(raw: bytes, what: str) -> dict[str, Any]:
    try:
        return json_object(raw)
    except (ValueError, TypeError, RecursionError):
        raise PostbackVerificationError(f"malformed token ({what} is not a JSON object)") from None


def _check_time(claims: dict[str, Any], name: str) -> None:
    if name not in claims:
        return  # a missing exp is PyJWT's to refuse
    value = claims[name]
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise PostbackVerificationError(f"token claim {name!r} is not a number")
    if not 0 <= value <= _LATEST:
        raise PostbackVerificationError(f"token claim {name!r} is not a plausible time")


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
    _part(payload_b64, "payload")
    _part(signature_b64, "signature")
    try:
        claims = _decoded(_JWS.decode(token, key, algorithms=[ALGORITHM]), "payload")
        for name in _TIMES:
            _check_time(claims, name)
        # The signature was checked just above by our PyJWS; this call checks the time claims only.
        jwt.decode(
            token,
            options={
                "verify_signature": False,
                "verify_exp": True,
                "verify_nbf": True,
                "verify_iat": True,
                "require": ["exp"],
            },
            leeway=leeway,
        )
    except jwt.InvalidSignatureError:
        hint = "; the one given has leading or trailing whitespace" if key != key.strip() else ""
        raise PostbackVerificationError(f"token signature does not match (wrong secret key?{hint})") from None
    except jwt.MissingRequiredClaimError as error:
        raise PostbackVerificationError(f"token has no {error.claim!r} claim") from None
    except jwt.ExpiredSignatureError:
        raise PostbackVerificationError("token expired") from None
    except jwt.ImmatureSignatureError:
        raise PostbackVerificationError("token not yet valid") from None
    except jwt.PyJWTError as error:
        raise PostbackVerificationError(f"token refused by PyJWT: {cut(str(error), 100)}") from None
    return claims


def expiry(claims: dict[str, Any]) -> datetime:
    """When a verified token stops being accepted (its ``exp``), aware UTC."""
    return datetime.fromtimestamp(claims["exp"], UTC)
