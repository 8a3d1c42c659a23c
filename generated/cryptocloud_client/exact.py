"""Exact JSON for money and CryptoCloud's UTC timestamps.

codegen.sh copies this file into the generated package as ``exact.py`` (public: the models' decoders, the endpoints
and the hand-written layer all read and write JSON with it) and rewires the generated models and endpoints through
it (see postprocess.py): fields the spec marks ``format: decimal`` become ``Decimal`` and
fields marked ``format: utc-datetime`` become aware UTC ``datetime`` objects. Bodies are parsed and written
here so that money never passes through a binary float.
"""

from __future__ import annotations

import datetime
import json
import re
from decimal import Decimal, InvalidOperation
from json.encoder import (
    encode_basestring,  # what json.dumps(str, ensure_ascii=False) runs, without its setup
)
from typing import Any

from .types import UNSET, Unset


class DecodeError(ValueError):
    """A JSON value that is not what the spec says. ``path`` names where (``result.currency.code``,
    ``result[3].amount``); ``problem`` says what is wrong."""

    def __init__(self, step: str | int, problem: str) -> None:
        self.path = _joined(step, "")
        self.problem = problem
        super().__init__(f"{self.path}: {problem}" if self.path else problem)

    def inside(self, step: str | int) -> DecodeError:
        """The same error, seen from the object that holds this value at ``step`` (a key or an index)."""
        outer = DecodeError("", self.problem)
        outer.path = _joined(step, self.path)
        outer.args = (f"{outer.path}: {self.problem}",)
        return outer

    @classmethod
    def wrong(cls, step: str | int, expected: str, value: Any) -> DecodeError:
        """A value of the wrong type at ``step`` (``UNSET``: a required key that is missing)."""
        if value is UNSET:
            return cls(step, "missing")
        return cls(step, f"expected {expected}, got {_kind(value)}")


def _joined(step: str | int, path: str) -> str:
    head = f"[{step}]" if isinstance(step, int) else step
    if not path:
        return head
    return head + path if path.startswith("[") or not head else f"{head}.{path}"


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (str, int, float, Decimal)):
        return f"{type(value).__name__} {value!r}"[:60]
    if isinstance(value, dict):
        return "an object"
    return "an array" if isinstance(value, list) else type(value).__name__


# Larger exponents are not money and would overflow Decimal's default context in arithmetic.
MAX_ADJUSTED_EXPONENT = 40
MAX_INTEGRAL_AMOUNT = 10 ** (MAX_ADJUSTED_EXPONENT + 1)  # an int amount is plausible strictly within +-this
_TIMESTAMP = re.compile(r"(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?")
# The form the API always sends, which datetime.fromisoformat reads in C: the fast path of parse_utc_datetime.
_USUAL_TIMESTAMP = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{6}")
# That fast path, for the generated decoders to run in line: a match of the usual form (26 characters), then
# its reading with the UTC offset appended (a real date, or ValueError: parse_utc_datetime then says why).
usual_timestamp = _USUAL_TIMESTAMP.fullmatch
utc_fromisoformat = datetime.datetime.fromisoformat


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a valid JSON number")


def _unique(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    found = dict(pairs)
    if len(found) != len(pairs):
        keys = [key for key, _ in pairs]
        repeated = next(key for key in keys if keys.count(key) > 1)
        raise ValueError(f"the key {repeated!r} appears twice in one object")
    return found


_DECODER = json.JSONDecoder(parse_float=Decimal, parse_constant=_reject_constant)  # made once, not per call
_UNIQUE_DECODER = json.JSONDecoder(parse_float=Decimal, parse_constant=_reject_constant, object_pairs_hook=_unique)


def loads(content: bytes | str, *, unique_keys: bool = False) -> Any:
    """Parse JSON, keeping every non-integer number as the exact ``Decimal`` of its text.

    What ``json.loads(content, parse_float=Decimal, ...)`` does, with its decoder made once. With ``unique_keys``
    a key repeated in one object is an error (ValueError) instead of the last one winning: for answers whose
    meaning must not depend on which of two values a reader keeps."""
    if isinstance(content, str):
        if content.startswith("\ufeff"):
            raise json.JSONDecodeError("Unexpected UTF-8 BOM (decode using utf-8-sig)", content, 0)
    elif isinstance(content, (bytes, bytearray)):
        content = content.decode(json.detect_encoding(content), "surrogatepass")
    else:
        raise TypeError(f"the JSON object must be str, bytes or bytearray, not {type(content).__name__}")
    return (_UNIQUE_DECODER if unique_keys else _DECODER).decode(content)


def _encode(value: Any) -> str:
    # Exact types first (a request body is made of these); subclasses (str enums...) take the general path.
    kind = type(value)
    if kind is str:
        return encode_basestring(value)
    if kind is Decimal:
        return format_decimal(value)
    if kind is dict:
        return "{" + ",".join([f"{encode_basestring(str(k))}:{_encode(v)}" for k, v in value.items()]) + "}"
    if kind is int:
        return int.__repr__(value)
    if isinstance(value, bool) or value is None or isinstance(value, (str, int)):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, Decimal):
        return format_decimal(value)
    if isinstance(value, float):
        return format_decimal(parse_decimal(value))
    if isinstance(value, datetime.datetime):
        return json.dumps(format_utc_datetime(value))
    if isinstance(value, dict):
        return "{" + ",".join(f"{json.dumps(str(k), ensure_ascii=False)}:{_encode(v)}" for k, v in value.items()) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ",".join(_encode(v) for v in value) + "]"
    raise TypeError(f"cannot encode {type(value).__name__} as JSON")


def dumps(value: Any) -> bytes:
    """Write JSON with ``Decimal`` as a number with exactly its digits and datetimes in the API's form."""
    return _encode(value).encode()


def format_decimal(value: Decimal) -> str:
    if not value.is_finite():
        raise ValueError(f"{value} is not a finite amount")
    # Plain digits, as the API's docs show them: every digit given is kept ("100.00" stays "100.00"), and an
    # exponent form is written out ("1E+2" is "100", "1E-7" is "0.0000001").
    return format(value, "f")


def parse_decimal(value: Any) -> Any:
    """A JSON money value as ``Decimal``. ``None`` and ``UNSET`` pass through; bad values raise."""
    if type(value) is Decimal:  # what loads() gives: the usual cases, first
        result = value
    elif type(value) is int:
        result = Decimal(value)
    elif value is None or isinstance(value, Unset):
        return value
    elif isinstance(value, bool):
        raise TypeError("expected a number, got a boolean")
    elif isinstance(value, Decimal):
        result = value
    elif isinstance(value, int):
        result = Decimal(value)
    elif isinstance(value, float):
        # repr() is the shortest text that round-trips, so a float decoded from JSON gives back its text.
        result = Decimal(repr(value))
    elif isinstance(value, str):
        try:
            result = Decimal(value.strip())
        except InvalidOperation:
            raise ValueError(f"{value!r} is not a number") from None
    else:
        raise TypeError(f"expected a number, got {type(value).__name__}")
    if not result.is_finite() or abs(result.adjusted()) > MAX_ADJUSTED_EXPONENT:
        raise ValueError(f"{value!r} is not a plausible amount")
    return result


def parse_utc_datetime(value: Any) -> Any:
    """``"2026-01-01 12:00:00.000000"`` (UTC, fraction optional) as an aware UTC datetime.

    ``None`` and ``UNSET`` pass through; an aware ``datetime`` is converted to UTC; anything else raises.
    """
    if type(value) is str and len(value) == 26 and _USUAL_TIMESTAMP.fullmatch(value):
        try:
            return datetime.datetime.fromisoformat(value + "+00:00")  # tzinfo is datetime.UTC itself
        except ValueError:
            pass  # not a real date (month 13...): the general path says why
    if value is None or isinstance(value, Unset):
        return value
    if isinstance(value, datetime.datetime):
        if value.tzinfo is None:
            raise ValueError("naive datetime: give a timezone")
        return value.astimezone(datetime.UTC)
    if not isinstance(value, str):
        raise TypeError(f"expected a timestamp string, got {type(value).__name__}")
    match = _TIMESTAMP.fullmatch(value.strip())
    if match is None:
        raise ValueError(f"{value!r} is not a 'YYYY-MM-DD HH:MM:SS.FFFFFF' timestamp")
    year, month, day, hour, minute, second, fraction = match.groups()
    return datetime.datetime(
        int(year),
        int(month),
        int(day),
        int(hour),
        int(minute),
        int(second),
        int((fraction or "0").ljust(6, "0")),
        tzinfo=datetime.UTC,
    )


def format_utc_datetime(value: datetime.datetime) -> str:
    """The API's own text form of a time, in UTC."""
    if value.tzinfo is None:
        raise ValueError("naive datetime: give a timezone")
    return value.astimezone(datetime.UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
