"""Verify CryptoCloud's payment notifications (postbacks) before trusting them.

    payment = client.postbacks.confirm(request_body, request_content_type)   # the safe path: see confirm.py
    postback = verify_postback(request_body, request_content_type, secret=os.environ["CRYPTOCLOUD_SECRET"])

The ``token`` field is a JWT signed HS256 with the project's SECRET KEY (not the API key): it is the only
authenticity check the API offers, so nothing in the body is read before it verifies. What it proves is
narrow: the token carries only ``{"id", "exp"}``, so a valid token proves that CryptoCloud sent *a*
notification that has not expired, and, when its ``id`` is a string equal to the body's ``invoice_id``, for
which invoice. ``status``, ``order_id``, ``amount_crypto``, ``currency`` and ``invoice_info`` are NOT signed:
whoever holds a genuine token (within its 5 minutes) can rewrite them, and a partial payment arrives with
``status == "success"``. Never act on them: confirm through the API (``client.postbacks.confirm``).

Uncertain points of the format, and what this module assumes:

- the docs say the token carries the invoice's id, but their sample token's payload is ``{"id": 13, ...}``: a
  string id in the token must match the body's ``invoice_id``; an integer one cannot be compared and is allowed
  (``Postback.invoice_id_authenticated`` is then False);
- ``invoice_info`` (newer docs) is the invoice with postback-only fields (``PostbackInvoice``: ``uuid`` and
  ``status`` always, ``amount_paid``, ``amount_to_pay_usd``, ``aml_*``... when sent), JSON text in a form body;
  when it cannot be read it is left in ``additional_properties["invoice_info"]`` rather than failing a genuine
  payment;
- ``amount_crypto`` may be a number or numeric text; it is read as an exact Decimal either way.

Limits on hostile input: bodies over ``MAX_BODY_BYTES`` and tokens over ``MAX_TOKEN_CHARS`` are refused
unread; a key repeated in a JSON object or a form, NaN/Infinity, text with an unpaired surrogate, and any
token header ``crit`` are refused. Other header fields (``kid``, ``jku``, ``x5u``, ``typ``) are ignored: there
is one key, and nothing is ever fetched. Every refusal is a ``PostbackVerificationError``; a wrong ``secret`` or
``leeway`` (the caller's own values) is an ``InvalidParameterError``.
"""

from __future__ import annotations

import contextlib
import json
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any
from urllib.parse import parse_qs

import attrs
from cryptocloud_client.models import Postback as GeneratedPostback
from cryptocloud_client.models import PostbackInvoice
from cryptocloud_client.types import Unset  # noqa: F401  (the inherited fields' annotations name it: resolved here)

from .. import _params, _token
from .._responses import DECODE_ERRORS
from .._token import MAX_TOKEN_CHARS
from ..errors import InvalidParameterError, PostbackVerificationError

__all__ = [
    "MAX_BODY_BYTES",
    "MAX_TOKEN_CHARS",
    "Postback",
    "PostbackInvoice",
    "PostbackVerificationError",
    "verify_postback",
]

# A genuine postback, invoice_info included, is a few kilobytes: a larger body is refused before parsing.
MAX_BODY_BYTES = 256 * 1024
# Claims that may name the invoice: when one is a string it must match the body.
_ID_CLAIMS = ("id", "invoice_id", "uuid", "invoice_uuid")


@attrs.define
class Postback(GeneratedPostback):
    """A payment notification whose token verified. ``amount_crypto`` is a Decimal, ``token_payload`` the
    decoded JWT.

    Only the token is signed. ``authenticated_fields`` names what it covers: ``("invoice_id",)`` when the token
    names this invoice by a string id, else nothing. Every other field (``unauthenticated_fields``: status,
    order_id, amount_crypto, currency, invoice_info, ...) is as the sender wrote it: read them from the API
    (``client.postbacks.confirm``), never from here, before marking anything paid.
    """

    token_payload: dict[str, Any] = attrs.field(factory=dict, kw_only=True)
    invoice_id_authenticated: bool = attrs.field(default=False, kw_only=True)

    @property
    def invoice_uuid(self) -> str:
        """The invoice's id with its ``INV-`` prefix (the postback sends it without)."""
        return _params.INVOICE_PREFIX + _params.bare_id(self.invoice_id)

    @property
    def token_expires_at(self) -> datetime:
        """When the token stops being accepted (aware UTC): until then the same postback can be replayed."""
        return _token.expiry(self.token_payload)

    @property
    def authenticated_fields(self) -> tuple[str, ...]:
        return ("invoice_id",) if self.invoice_id_authenticated else ()

    @property
    def unauthenticated_fields(self) -> tuple[str, ...]:
        """The body's fields that the token does not cover (the token itself left out)."""
        present = [k for k in self.to_dict() if k not in ("token", *self.authenticated_fields)]
        return tuple(present)


def _json(text: bytes | str, where: str) -> dict[str, Any]:
    try:
        return _token.json_object(text, parse_float=Decimal)
    except RecursionError:
        raise PostbackVerificationError(f"{where} is nested too deeply") from None
    except TypeError:
        raise PostbackVerificationError(f"{where} is not a JSON object") from None
    except ValueError as exc:  # UnicodeDecodeError and a repeated key included
        detail = str(exc) if str(exc).startswith("repeats ") else "is not valid JSON"
        raise PostbackVerificationError(f"{where} {detail}") from None


def _media(content_type: object, body: bytes) -> str:
    if isinstance(content_type, bytes):
        content_type = content_type.decode("latin-1")  # header bytes, as a WSGI server would read them
    if content_type is not None and not isinstance(content_type, str):
        raise InvalidParameterError("content_type", content_type, "must be the request's Content-Type (str) or None")
    media = (content_type or "").split(";")[0].strip().lower()
    if media:
        return media
    return "application/json" if body.lstrip()[:1] == b"{" else "application/x-www-form-urlencoded"


def _fields(body: bytes, content_type: object) -> dict[str, Any]:
    media = _media(content_type, body)
    if media == "application/json" or media.endswith("+json"):
        fields = _json(body, "body")
    elif media == "application/x-www-form-urlencoded":
        try:
            form = parse_qs(body.decode("utf-8"), keep_blank_values=True, strict_parsing=True)
        except (UnicodeDecodeError, ValueError):
            raise PostbackVerificationError("body is neither JSON nor a URL-encoded form") from None
        repeated = sorted(k for k, v in form.items() if len(v) > 1)
        if repeated:
            raise PostbackVerificationError(f"form repeats {_token.cut(', '.join(repeated), 80)}")
        fields = {k: v[0] for k, v in form.items()}
        if isinstance(fields.get("invoice_info"), str):
            with contextlib.suppress(PostbackVerificationError):  # unreadable: kept as text, see the module's notes
                fields["invoice_info"] = _json(fields["invoice_info"], "invoice_info")
    else:
        raise PostbackVerificationError(f"unsupported content type {_token.short(media)} (expected JSON or a form)")
    try:  # JSON's \ud800 escapes decode to unpaired surrogates, which no later step could encode
        json.dumps(fields, ensure_ascii=False, default=str).encode("utf-8")
    except (UnicodeEncodeError, ValueError, RecursionError):
        raise PostbackVerificationError("body has text that is not valid Unicode (an unpaired surrogate)") from None
    return fields


def _raw_body(body: object) -> bytes:
    if isinstance(body, (bytes, bytearray, memoryview)):
        raw = bytes(body)
    elif isinstance(body, str):
        try:
            raw = body.encode("utf-8")
        except UnicodeEncodeError:
            raise PostbackVerificationError("body is not valid text (an unpaired surrogate)") from None
    elif body is None:
        raw = b""
    else:
        raise InvalidParameterError("body", type(body).__name__, "must be the raw request body (bytes or str)")
    if len(raw) > MAX_BODY_BYTES:
        raise PostbackVerificationError(f"body too large ({len(raw)} bytes; at most {MAX_BODY_BYTES})")
    if not raw.strip():
        raise PostbackVerificationError("empty body")
    return raw


def verify_postback(
    body: bytes | str, content_type: str | None, secret: str | bytes, *, leeway: float | timedelta = 0
) -> Postback:
    """Verify a postback's token and return its fields, typed; raise PostbackVerificationError otherwise.

    ``body`` is the raw request body (JSON or ``application/x-www-form-urlencoded``), ``content_type`` the
    request's Content-Type (sniffed when None), ``secret`` the project's secret key (str or bytes).
    ``leeway`` is the clock skew allowed on ``exp``/``nbf``/``iat``, in seconds.

    A returned Postback proves only that CryptoCloud signed a token that has not expired (and, when
    ``authenticated_fields`` says so, for this invoice): its status, order_id and amounts are unsigned. Use
    ``client.postbacks.confirm`` to read them from the API before acting.
    """
    key = _token.secret_key(secret)
    allowed_skew = _token.seconds(leeway)
    fields = _fields(_raw_body(body), content_type)
    claims = _token.verify(fields.get("token"), key, allowed_skew)

    invoice_id = fields.get("invoice_id")
    if not isinstance(invoice_id, str) or not invoice_id:
        raise PostbackVerificationError("missing field invoice_id")
    named_here = False
    for claim in _ID_CLAIMS:
        named = claims.get(claim)
        if isinstance(named, str):
            if _params.bare_id(named) != _params.bare_id(invoice_id):
                shown = f"{_token.short(named)}, body is for {_token.short(invoice_id)}"
                raise PostbackVerificationError(f"token is for invoice {shown}")
            named_here = True

    info = fields.pop("invoice_info", None)
    try:
        postback = Postback.from_dict(fields)
    except DECODE_ERRORS as exc:
        raise PostbackVerificationError(_token.cut(f"postback.{exc}", 200)) from None
    postback.token_payload = claims
    postback.invoice_id_authenticated = named_here
    if isinstance(info, dict):
        try:
            postback.invoice_info = PostbackInvoice.from_dict(info)
        except DECODE_ERRORS:  # not an invoice as the spec has it: kept as sent
            postback.additional_properties["invoice_info"] = info
    elif info is not None:
        postback.additional_properties["invoice_info"] = info
    return postback
