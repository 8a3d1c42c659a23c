"""The fake's answers and how it reads request bodies, in the shapes the real API (Django REST framework) uses."""

from __future__ import annotations

import json
from collections.abc import Callable
from decimal import Decimal
from json.encoder import encode_basestring  # what json.dumps(str, ensure_ascii=False) runs, in C
from typing import Any, NoReturn
from urllib.parse import parse_qs

import httpx
from cryptocloud_client import exact


class BadBody(ValueError):
    """A request body the API could not parse; the message is what the API says about it."""


def json_response(status: int, body: Any, headers: dict[str, str] | None = None) -> httpx.Response:
    return httpx.Response(status, content=dumps(body), headers={"content-type": "application/json", **(headers or {})})


def dumps(value: Any) -> bytes:
    """JSON as ``exact.dumps`` writes it (Decimal with exactly its digits), for the fake's own answers: one
    lookup by exact type per value instead of a chain of checks, and no json.dumps call for null, booleans and
    empty lists, which made encoding a list page of 100 invoices most of the fake's time. Anything else (a
    datetime, a str enum...) goes to ``exact.dumps``."""
    return _encode(value).encode()


def _encode(value: Any) -> str:
    return _BY_TYPE.get(type(value), _other)(value)


def _other(value: Any) -> str:
    return exact.dumps(value).decode()


def _object(value: dict[Any, Any]) -> str:
    by_type = _BY_TYPE
    try:  # keys are text; encode_basestring refuses anything else
        return (
            "{"
            + ",".join([f"{encode_basestring(k)}:{by_type.get(type(v), _other)(v)}" for k, v in value.items()])
            + "}"
        )
    except TypeError:
        return _other(value)  # a key of another type: exact.dumps writes it, or says why not


def _array(value: list[Any] | tuple[Any, ...]) -> str:
    by_type = _BY_TYPE
    return "[" + ",".join([by_type.get(type(item), _other)(item) for item in value]) + "]"


_BY_TYPE: dict[type, Callable[[Any], str]] = {
    str: encode_basestring,
    Decimal: exact.format_decimal,
    int: int.__repr__,
    bool: lambda value: "true" if value else "false",
    type(None): lambda value: "null",
    dict: _object,
    list: _array,
    tuple: _array,
}


def error(status: int, result: dict[str, Any] | str) -> httpx.Response:
    return json_response(status, {"status": "error", "result": result})


def not_found() -> httpx.Response:
    return httpx.Response(404, text="Not Found", headers={"content-type": "text/plain"})


def _no_constants(name: str) -> NoReturn:  # the API's own words (Django REST framework's), not exact.loads's
    raise ValueError(f"Out of range float values are not JSON compliant: {name!r}")


def read_body(request: httpx.Request) -> dict[str, Any]:
    """A request body as data, numbers as Decimal. A form is read too: some clients send one (the spec, and
    validation, say JSON). Raises BadBody for what the API would answer "JSON parse error" to."""
    try:
        text = request.content.decode("utf-8")
        if request.headers.get("content-type", "").startswith("application/x-www-form-urlencoded"):
            return {k: v[0] for k, v in parse_qs(text, strict_parsing=False).items()}
        loaded = json.loads(text or "{}", parse_float=Decimal, parse_constant=_no_constants)
    except ValueError as exc:  # UnicodeDecodeError and JSONDecodeError are ValueErrors
        raise BadBody(f"JSON parse error - {exc}") from None
    if not isinstance(loaded, dict):
        raise BadBody(f"Invalid data. Expected a dictionary, but got {type(loaded).__name__}.")
    return loaded


def as_decimal(value: Any) -> Decimal | None:
    """A JSON number (or numeric text, from a form) as a finite Decimal; None for anything else."""
    if isinstance(value, bool) or not isinstance(value, (Decimal, int, str)):
        return None
    try:
        number = Decimal(value)
    except ArithmeticError:
        return None
    return number if number.is_finite() else None
