"""Verify CryptoCloud's payment notifications (postbacks) before trusting them.

    postback = verify_postback(request_body, request_content_type, secret=os.environ["CRYPTOCLOUD_SECRET"])
    mark_paid(postback.order_id, postback.invoice_uuid, postback.amount_crypto)

The ``token`` field is a JWT signed HS256 with the project's SECRET KEY (not the API key): it is the only
authenticity check the API offers, so nothing in the body is read before it verifies. Uncertain points of the
format, and what this module assumes:

- the docs say the token carries the invoice's id, but their sample token's payload is ``{"id": 13, ...}``: a
  string id in the token must match the body's ``invoice_id``; an integer one cannot be compared and is allowed;
- ``invoice_info`` (newer docs) is the invoice with postback-only fields (``PostbackInvoice``: ``uuid`` and
  ``status`` always, ``amount_paid``, ``amount_to_pay_usd``, ``aml_*``... when sent), JSON text in a form body;
  when it cannot be read it is left in ``additional_properties["invoice_info"]`` rather than failing a genuine
  payment;
- ``amount_crypto`` may be a number or numeric text; it is read as an exact Decimal either way.
"""

from __future__ import annotations

import contextlib
import warnings
from datetime import timedelta
from typing import Any
from urllib.parse import parse_qs

import attrs
import jwt
from cryptocloud_client import _exact
from cryptocloud_client.models import Postback as GeneratedPostback
from cryptocloud_client.models import PostbackInvoice

from ._responses import DECODE_ERRORS, type_problems
from .errors import InvalidParameterError, PostbackVerificationError

__all__ = ["Postback", "PostbackInvoice", "PostbackVerificationError", "verify_postback"]

ALGORITHM = "HS256"
# Claims that may name the invoice: when one is a string it must match the body.
_ID_CLAIMS = ("id", "invoice_id", "uuid", "invoice_uuid")


@attrs.define
class Postback(GeneratedPostback):
    """A verified payment notification: ``amount_crypto`` is a Decimal, ``token_payload`` the decoded JWT."""

    token_payload: dict[str, Any] = attrs.field(factory=dict, kw_only=True)

    @property
    def invoice_uuid(self) -> str:
        """The invoice's id with its ``INV-`` prefix (the postback sends it without)."""
        return "INV-" + self.invoice_id.removeprefix("INV-")


def _fields(body: bytes, content_type: str | None) -> dict[str, Any]:
    media = (content_type or "").split(";")[0].strip().lower()
    if not media:
        media = "application/json" if body.lstrip()[:1] == b"{" else "application/x-www-form-urlencoded"
    if media == "application/json" or media.endswith("+json"):
        try:
            data = _exact.loads(body)
        except DECODE_ERRORS:
            raise PostbackVerificationError("body is not valid JSON") from None
        if not isinstance(data, dict):
            raise PostbackVerificationError("body is not a JSON object")
        return data
    if media == "application/x-www-form-urlencoded":
        try:
            form = parse_qs(body.decode("utf-8"), keep_blank_values=True, strict_parsing=True)
        except (UnicodeDecodeError, ValueError):
            raise PostbackVerificationError("body is neither JSON nor a URL-encoded form") from None
        repeated = sorted(k for k, v in form.items() if len(v) > 1)
        if repeated:
            raise PostbackVerificationError(f"form repeats {', '.join(repeated)}")
        fields: dict[str, Any] = {k: v[0] for k, v in form.items()}
        if isinstance(fields.get("invoice_info"), str):
            with contextlib.suppress(*DECODE_ERRORS):  # unreadable: kept as text, see the module's notes
                fields["invoice_info"] = _exact.loads(fields["invoice_info"])
        return fields
    raise PostbackVerificationError(f"unsupported content type {media!r} (expected JSON or a form)")


def _claims(token: object, secret: str, leeway: float | timedelta) -> dict[str, Any]:
    if not isinstance(token, str) or not token:
        raise PostbackVerificationError("no token")
    try:
        header = jwt.get_unverified_header(token)
    except jwt.DecodeError:
        raise PostbackVerificationError("malformed token") from None
    if header.get("alg") != ALGORITHM:
        raise PostbackVerificationError(f"token algorithm {header.get('alg')!r} is not {ALGORITHM}")
    try:
        with warnings.catch_warnings():
            # The secret's length is CryptoCloud's choice, not the caller's: PyJWT's advice does not apply.
            warnings.simplefilter("ignore", jwt.warnings.InsecureKeyLengthWarning)
            claims: dict[str, Any] = jwt.decode(
                token, secret, algorithms=[ALGORITHM], options={"require": ["exp"]}, leeway=leeway
            )
    except jwt.ExpiredSignatureError:
        raise PostbackVerificationError("token expired") from None
    except jwt.ImmatureSignatureError:
        raise PostbackVerificationError("token not yet valid") from None
    except jwt.MissingRequiredClaimError as exc:
        raise PostbackVerificationError(f"token has no {exc.claim!r} claim") from None
    except jwt.InvalidSignatureError:
        raise PostbackVerificationError("token signature does not match (wrong secret key?)") from None
    except jwt.InvalidTokenError as exc:
        raise PostbackVerificationError(f"invalid token ({type(exc).__name__})") from None
    return claims


def verify_postback(
    body: bytes | str, content_type: str | None, secret: str, *, leeway: float | timedelta = 0
) -> Postback:
    """Verify a postback's token and return its fields, typed; raise PostbackVerificationError otherwise.

    ``body`` is the raw request body (JSON or ``application/x-www-form-urlencoded``), ``content_type`` the
    request's Content-Type (sniffed when None), ``secret`` the project's secret key. ``leeway`` is the clock
    skew allowed on ``exp``/``nbf``/``iat``, in seconds.
    """
    if not isinstance(secret, str) or not secret.strip():
        raise InvalidParameterError("secret", "<hidden>", "missing: pass the project's secret key")
    raw = body.encode() if isinstance(body, str) else body
    if not isinstance(raw, bytes) or not raw.strip():
        raise PostbackVerificationError("empty body")
    fields = _fields(raw, content_type)
    claims = _claims(fields.get("token"), secret, leeway)

    invoice_id = fields.get("invoice_id")
    if not isinstance(invoice_id, str) or not invoice_id:
        raise PostbackVerificationError("missing field invoice_id")
    for claim in _ID_CLAIMS:
        named = claims.get(claim)
        if isinstance(named, str) and named.removeprefix("INV-") != invoice_id.removeprefix("INV-"):
            raise PostbackVerificationError(f"token is for invoice {named!r}, body is for {invoice_id!r}")

    info = fields.pop("invoice_info", None)
    try:
        postback = Postback.from_dict(fields)
    except DECODE_ERRORS as exc:
        problem = f"missing field {exc}" if isinstance(exc, KeyError) else str(exc)
        raise PostbackVerificationError(problem) from None
    problems = type_problems(postback, "postback")
    if problems:
        raise PostbackVerificationError("; ".join(problems[:3]))
    postback.token_payload = claims
    if isinstance(info, dict):
        try:
            details = PostbackInvoice.from_dict(info)
        except DECODE_ERRORS:
            details = None
        if details is not None and not type_problems(details, "invoice_info"):
            postback.invoice_info = details
        else:
            postback.additional_properties["invoice_info"] = info
    elif info is not None:
        postback.additional_properties["invoice_info"] = info
    return postback
