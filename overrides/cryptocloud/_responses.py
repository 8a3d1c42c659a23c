"""The one place where an HTTP response becomes a result or an error.

Bodies are decoded with the generated package's exact JSON reader and its strict ``from_dict`` decoders (made by
codegen from the spec, so a new field needs no edit here); anything they refuse becomes an
APIResponseValidationError that keeps the raw body (and the invoice id, when one is visible), never a bare
KeyError/TypeError/ValueError.
"""

from __future__ import annotations

import decimal
import http
import re
from collections.abc import Callable
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any, Generic, TypeVar

import httpx
from cryptocloud_client import exact
from cryptocloud_client.exact import DecodeError
from cryptocloud_client.models import DetailError, ErrorResponse

from . import errors
from ._secrets import Secrets

T = TypeVar("T")

# What decoding a hostile body can raise, inside the generated from_dict or the JSON reader.
DECODE_ERRORS = (KeyError, TypeError, ValueError, AttributeError, RecursionError, decimal.DecimalException)

_STATUS_ERRORS: dict[int, type[errors.APIStatusError]] = {
    400: errors.BadRequestError,
    401: errors.AuthenticationError,
    403: errors.PermissionDeniedError,
    404: errors.NotFoundError,
    429: errors.RateLimitError,
}
# Words of the API's token check ({"detail": "Signature verification failed"}): an authentication failure when
# they come with a 4xx status (a 5xx is a server failure, whatever its words).
_TOKEN_WORDS = re.compile(r"signature|token|header|decod|credential|authenticat|authoriz", re.IGNORECASE)
_STANDARD_CODES = frozenset(s.value for s in http.HTTPStatus)
_UUID_IN_TEXT = re.compile(r'"uuid"\s*:\s*"([A-Za-z0-9_-]{1,64})"')
_MAX_MESSAGE = 200
_TAG = re.compile(r"<(?!hidden>)[^<>]*>")  # an HTML tag, but not the API key's placeholder; linear on "<<<<..."
_SECONDS = re.compile(r"[0-9]{1,9}(?:\.[0-9]{1,6})?")

Redact = Secrets


def body_text(response: httpx.Response) -> str:
    """The body as text, whatever its bytes: undecodable bytes become U+FFFD rather than an exception."""
    return response.content.decode("utf-8", errors="replace")


def one_line(text: str) -> str:
    text = _TAG.sub(" ", text) if "<" in text else text  # an HTML error page: keep its words
    text = " ".join(text.split())
    return text if len(text) <= _MAX_MESSAGE else text[: _MAX_MESSAGE - 3] + "..."


def _load(response: httpx.Response, unique_keys: bool = False) -> Any:
    return exact.loads(response.content, unique_keys=unique_keys)


def server_messages(data: Any) -> dict[str, list[str]]:
    """The server's messages by field, from any of the API's error shapes (empty when there are none)."""
    if not isinstance(data, dict):
        return {}
    if "detail" in data:
        try:
            return {"detail": [str(DetailError.from_dict(data).detail)]}
        except DECODE_ERRORS:
            return {"detail": [str(data["detail"])]}
    if isinstance(data.get("result"), str):
        return {"error": [data["result"]]}
    try:
        result = ErrorResponse.from_dict(data).result
    except DECODE_ERRORS:
        return {}
    named = {"validate_error": result.validate_error, "authorization": result.authorization}
    found = {k: [v] for k, v in named.items() if isinstance(v, str)}
    for key, value in result.additional_properties.items():
        found[key] = [str(v) for v in value] if isinstance(value, list) else [str(value)]
    return found


def status_text(status: int) -> str:
    try:
        return f"{status} {http.HTTPStatus(status).phrase}"
    except ValueError:
        return f"HTTP {status}"


def _error_class(status: int, messages: dict[str, list[str]]) -> type[errors.APIStatusError]:
    if status < 500 and "authorization" in messages:  # the documented auth envelope
        return errors.AuthenticationError
    if 400 <= status < 500 and any(_TOKEN_WORDS.search(m) for m in messages.get("detail", ())):
        return errors.AuthenticationError
    if status in _STATUS_ERRORS:
        return _STATUS_ERRORS[status]
    if 200 <= status < 300:
        return errors.BadRequestError  # an error envelope under a success status: the request was refused
    if status < 200:
        return errors.InternalServerError  # a 1xx as the final answer: nonsense, and no sign of a refusal
    if status >= 500 or status not in _STANDARD_CODES:
        return errors.InternalServerError
    return errors.APIStatusError


def status_error(response: httpx.Response, redact: Redact, data: Any = None) -> errors.APIStatusError:
    """The error for an error answer (or an error envelope inside a success status); ``redact`` hides the API key
    in the body before anything is cut from it."""
    text = redact.body(body_text(response))
    if data is None:
        try:
            data = _load(response)
        except DECODE_ERRORS:
            data = None
    messages = {k: [redact(m) for m in v] for k, v in server_messages(data).items()}
    status = response.status_code
    said = "; ".join(f"{field}: {' '.join(msgs)}" for field, msgs in messages.items())
    if 300 <= status < 400:  # where the API went matters more than what the body says
        detail = _redirect_detail(response) + (f" ({said})" if said else "")
    else:
        detail = said or one_line(text) or "empty body"
    cls = _error_class(status, messages)
    error = cls(f"{status_text(status)}: {one_line(detail)}", response=response, body=text, errors=messages)
    if isinstance(error, errors.RateLimitError):
        error.retry_after = retry_after(response)
    return error


def _redirect_detail(response: httpx.Response) -> str:
    """Redirects are never followed (the API key must not go to another host): say where the API went instead."""
    location = response.headers.get("location")
    if response.status_code not in (301, 302, 307, 308) or not location:
        return f"redirect to {location or '?'} not followed (the API never redirects)"
    try:
        target = response.request.url.join(location)
    except RuntimeError:  # a response built without its request
        target = httpx.URL(location)
    origin = f"{target.scheme}://{target.host}" + (f":{target.port}" if target.port else "")
    return (
        f"redirect to {origin} not followed (the API key is only sent to the configured host): "
        f"if the API moved there, set base_url={origin!r} or CRYPTOCLOUD_BASE_URL"
    )


def retry_after(response: httpx.Response) -> float | None:
    """Seconds to wait from a Retry-After header (plain seconds or a future HTTP date); None when absent or
    unusable ("nan", "-5", "1_0", a past date...), so that the caller backs off instead of retrying at once."""
    value = response.headers.get("retry-after")
    if value is None:
        return None
    value = value.strip()
    if _SECONDS.fullmatch(value):
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if when.tzinfo is None:
        return None
    wait = (when - datetime.now(UTC)).total_seconds()
    return wait if wait > 0 else None


def _find_uuid(data: Any, text: str) -> str | None:
    """The invoice id in a body that could not be decoded: from the parsed result, else from the raw text."""
    result = data.get("result") if isinstance(data, dict) else None
    if isinstance(result, dict) and isinstance(result.get("uuid"), str):
        return str(result["uuid"])
    return uuid_in_text(text)


def uuid_in_text(text: str) -> str | None:
    """The first invoice id written as ``"uuid": "..."`` in ``text`` (a body that could not be read whole)."""
    match = _UUID_IN_TEXT.search(text)
    return match.group(1) if match else None


def _invalid(
    response: httpx.Response, problem: str, redact: Redact, data: Any = None, *, is_json: bool = True
) -> errors.APIResponseValidationError:
    text = redact.body(body_text(response))
    uuid = _find_uuid(data, text)
    where = f" (invoice {uuid} may exist)" if uuid else ""
    error = errors.APIResponseValidationError(
        f"{status_text(response.status_code)} with an unreadable body: {one_line(redact(problem))}{where}",
        response=response,
        body=text,
        invoice_uuid=uuid,
    )
    error.is_json = is_json
    return error


def foreign_answer(response: httpx.Response, problem: str, redact: Redact) -> errors.APIResponseValidationError:
    """A success whose body states other values than the request asked for: it answers another request."""
    text = redact.body(body_text(response))
    try:
        data = _load(response)
    except DECODE_ERRORS:
        data = None
    uuid = _find_uuid(data, text)
    where = f" (it names invoice {uuid})" if uuid else ""
    return errors.APIResponseValidationError(
        f"{status_text(response.status_code)} that does not answer this request: {one_line(redact(problem))}{where}",
        response=response,
        body=text,
        invoice_uuid=uuid,
    )


def _names_an_object(result: Any) -> bool:
    return isinstance(result, dict) and any(isinstance(result.get(key), str) for key in ("uuid", "invoice_id"))


class Missing(Exception):
    """Raised by a decoder when the answer lacks what was asked for (an invoice id, say)."""


def decode_success(
    response: httpx.Response,
    decode: Callable[[dict[str, Any]], T],
    redact: Redact,
    envelope: tuple[str, ...] = ("result",),
    unique_keys: bool = False,
) -> T:
    """Read a success envelope (its answer under one of the ``envelope`` keys) and decode it with ``decode``;
    raise for anything else. ``unique_keys``: a key repeated in one object makes the answer unreadable (an answer
    saying both "success" and "error" is neither a result nor a refusal)."""
    try:
        data = _load(response, unique_keys)
    except DECODE_ERRORS as exc:
        reason = "nesting too deep" if isinstance(exc, RecursionError) else str(exc) or type(exc).__name__
        raise _invalid(response, f"not JSON ({reason})", redact, is_json=False) from None
    if redact.echoed_in(response.content):
        data = redact.scrub(data)  # the server echoed the key: it never reaches a model, its repr or a caller
    if isinstance(data, dict) and (
        data.get("status") == "error" or ("detail" in data and data.get("status") != "success")
    ):
        # "error" beside what reads as a made invoice or withdrawal (under any envelope key: a withdrawal's older
        # answers carry it under "data"): no refusal
        if any(_names_an_object(data.get(key)) for key in envelope):
            raise _invalid(response, "an error status beside a result naming an object", redact, data)
        raise status_error(response, redact, data)  # an error shape, whatever the HTTP status says
    if not isinstance(data, dict) or data.get("status") != "success" or not any(key in data for key in envelope):
        expected = " or ".join(f"{key!r}: ..." for key in envelope)
        raise _invalid(response, f"expected {{'status': 'success', {expected}}}", redact, data)
    try:
        result = decode(data)
    except Missing as exc:
        # The API answers 200 without what was asked for: status_code says 200, the message says what is missing.
        text = redact.body(body_text(response))
        raise errors.NotFoundError(str(exc), response=response, body=text, errors={}) from None
    except DecodeError as exc:  # the generated decoders' own: it names the field
        raise _invalid(response, str(exc), redact, data) from None
    except DECODE_ERRORS as exc:  # a decoder of ours that met something else
        problem = f"missing field {exc}" if isinstance(exc, KeyError) else f"{type(exc).__name__}: {exc}"
        raise _invalid(response, f"result: {problem}", redact, data) from None
    return result


class RawResponse(Generic[T]):
    """The HTTP answer of a successful call, undecoded. ``parse()`` decodes it (and may raise)."""

    def __init__(self, response: httpx.Response, decode: Callable[[httpx.Response], T]) -> None:
        self.http_response = response
        self._decode = decode

    @property
    def status_code(self) -> int:
        return self.http_response.status_code

    @property
    def headers(self) -> httpx.Headers:
        return self.http_response.headers

    @property
    def text(self) -> str:
        return body_text(self.http_response)

    @property
    def content(self) -> bytes:
        return self.http_response.content

    def parse(self) -> T:
        return self._decode(self.http_response)

    def __repr__(self) -> str:
        return f"<RawResponse [{self.status_code}]>"
