"""Checks on user input. Each raises InvalidParameterError naming the field, before anything is sent.

The allowed codes come from the generated enums, so the spec stays the only list of them.
"""

from __future__ import annotations

import logging
import math
import re
import unicodedata
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from decimal import Decimal
from enum import Enum
from typing import TypeVar, cast

import httpx
from cryptocloud_client.exact import parse_decimal
from cryptocloud_client.models import CryptoCurrency, FiatCurrency, Locale

from .errors import InvalidParameterError

E = TypeVar("E", bound=Enum)

# Deliberately loose: one @, something on each side, a dot in the domain, no spaces. The server decides the rest.
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s.]+")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
# Unicode's control, format (U+202E, U+200B...), separator (U+2028, U+2029) and surrogate categories.
_INVISIBLE = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs"})
# What an amount given as text may look like: ASCII digits with an optional fraction, nothing else ("1_000",
# Arabic-Indic digits, "10\n" and "1e3" are refused rather than guessed at).
_AMOUNT_TEXT = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")  # a sign only to say "must be greater than 0"


def amount(value: object, field: str = "amount") -> Decimal:
    """A positive, finite amount as an exact Decimal, read by the generated package's own money reader.

    A float is refused: most decimal amounts have no exact float (``0.1 + 0.2`` is 0.30000000000000004), and
    sending its digits would charge an amount nobody wrote. Text must be plain ASCII digits with an optional
    fraction. The amount is sent in plain digits, never in exponent form."""
    if isinstance(value, float):
        raise InvalidParameterError(
            field, value, f"must be a Decimal, int or numeric string, not a float ({value!r} is not exact money)"
        )
    if value is None or isinstance(value, bool):
        raise InvalidParameterError(field, value, f"must be a Decimal, int or numeric string, got {value!r}")
    if isinstance(value, str) and not _AMOUNT_TEXT.fullmatch(value):
        raise InvalidParameterError(field, value, f"must be plain digits like '100.00', got {value!r}")
    try:
        result: Decimal = parse_decimal(value)
    except (TypeError, ValueError) as exc:
        raise InvalidParameterError(field, value, f"must be a finite number: {exc}") from None
    if result <= 0:
        raise InvalidParameterError(field, value, f"must be greater than 0, got {value!r}")
    return result


# The shapes of codes the API may add: a crypto code is upper-case letters and digits, with "_" before its network
# ("USDC_TRC20"); a fiat code is ISO 4217's three letters.
_CODE_SHAPES = {"crypto": re.compile(r"[A-Z0-9]{2,16}(?:_[A-Z0-9]{2,16})?"), "fiat": re.compile(r"[A-Z]{3}")}
_drift = logging.getLogger("cryptocloud.drift")
_warned: set[tuple[str, str]] = set()


class UnlistedCode(str):
    """A code the spec does not list yet, sent as given: the API adds currencies without notice, and a user must
    not wait for a release to use one. It reads like a generated enum member (``.value``) where one is expected."""

    __slots__ = ()

    @property
    def value(self) -> str:
        return str(self)


def code(value: object, enum: type[E], field: str, shape: str | None = None) -> E:
    """A member of a generated enum, given as the member or its exact code. With ``shape`` ("crypto", "fiat"), a
    well-formed code the spec does not list is sent too (logged once on the ``cryptocloud.drift`` logger); the
    server's refusal of it is then a BadRequestError naming the field."""
    if isinstance(value, enum):
        return value
    if isinstance(value, str):
        member = enum._value2member_map_.get(value)
        if member is not None:
            return cast(E, member)
        if shape is not None and _CODE_SHAPES[shape].fullmatch(value):
            if (enum.__name__, value) not in _warned:
                _warned.add((enum.__name__, value))
                _drift.warning("%s: %r is not a %s the spec lists; sent as given", field, value, enum.__name__)
            return cast(E, UnlistedCode(value))
        hint = f" (did you mean {value.upper()!r}?)" if value.upper() in enum._value2member_map_ else ""
        raise InvalidParameterError(field, value, f"unknown code {value!r}{hint}")
    raise InvalidParameterError(field, value, f"must be a code string, got {type(value).__name__}")


def fiat(value: object) -> FiatCurrency:
    return code(value, FiatCurrency, "currency", "fiat")


def crypto(value: object, field: str = "cryptocurrency") -> CryptoCurrency:
    return code(value, CryptoCurrency, field, "crypto")


def _items(value: object, field: str, what: str) -> list[object]:
    """The items of a list argument. A bare string is refused: it would be read letter by letter."""
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise InvalidParameterError(field, value, f"must be a list of {what}, got {type(value).__name__}")
    return list(value)


def crypto_list(value: object, field: str = "available_currencies") -> list[CryptoCurrency]:
    """A non-empty list of distinct crypto codes."""
    items = _items(value, field, "codes")
    if not items:
        raise InvalidParameterError(field, value, "must name at least one currency")
    codes = [crypto(item, f"{field}[{i}]") for i, item in enumerate(items)]
    if len(set(codes)) != len(codes):
        raise InvalidParameterError(field, value, "names a currency twice")
    return codes


def time_to_pay(value: object) -> tuple[int, int]:
    """(hours, minutes) of a positive timedelta made of whole minutes."""
    if not isinstance(value, timedelta):
        raise InvalidParameterError("time_to_pay", value, f"must be a datetime.timedelta, got {type(value).__name__}")
    if value <= timedelta(0):
        raise InvalidParameterError("time_to_pay", value, f"must be positive, got {value}")
    minutes, rest = divmod(value, timedelta(minutes=1))
    if rest:
        raise InvalidParameterError("time_to_pay", value, f"must be whole minutes, got {value}")
    hours, minutes = divmod(minutes, 60)
    return hours, minutes


def email(value: object, field: str = "email") -> str:
    checked = text(value, field)
    if len(checked) > 254 or not _EMAIL.fullmatch(checked):
        raise InvalidParameterError(field, value, f"is not an email address: {value!r}")
    return checked


def text(value: object, field: str) -> str:
    """A non-empty string without control, format or separator characters, nor leading or trailing whitespace,
    that UTF-8 can encode: every text sent (order_id, email, shop_id...) follows this one rule, so that what the
    server stores is what the merchant sees and searches for (a server that trims " order-42 " would store an
    order_id that a lookup for " order-42 " never finds)."""
    if not isinstance(value, str):
        raise InvalidParameterError(field, value, f"must be a string, got {type(value).__name__}")
    if not value.strip():
        raise InvalidParameterError(field, value, "must not be empty")
    bad = _CONTROL.search(value) if value.isascii() else _first_invisible(value)
    if bad:
        raise InvalidParameterError(field, value, "must not contain control, format or separator characters")
    if value != value.strip():
        raise InvalidParameterError(field, value, "must not start or end with whitespace (the API may trim it)")
    return value


def _first_invisible(value: str) -> bool:
    return any(unicodedata.category(char) in _INVISIBLE for char in value)


_LOCALE = re.compile(r"[a-z]{2}")


def locale(value: object) -> Locale | str:
    """A documented locale, or another two-letter code: the API may accept more than its docs list (other clients
    send de, fr, it, es, ch), so only the shape is checked."""
    if isinstance(value, Locale):
        return value
    if not isinstance(value, str) or not _LOCALE.fullmatch(value):
        raise InvalidParameterError("locale", value, "must be a two-letter lowercase code such as 'en' or 'ru'")
    return Locale(value) if value in {m.value for m in Locale} else value


def api_key(value: str | None, env_var: str, field: str = "api_key") -> str:
    """The key itself is never put in the error: ``value`` is a placeholder."""
    if value is None or (isinstance(value, str) and not value.strip()):
        raise InvalidParameterError(field, None, f"missing: pass {field}= or set {env_var}")
    if not isinstance(value, str):
        raise InvalidParameterError(field, "<hidden>", f"must be a string, got {type(value).__name__}")
    if _CONTROL.search(value) or not value.isascii() or " " in value.strip():
        raise InvalidParameterError(field, "<hidden>", "contains control characters, spaces or non-ASCII")
    return value.strip()


def base_url(value: str) -> httpx.URL:
    try:
        url = httpx.URL(value)
    except (httpx.InvalidURL, TypeError):
        raise InvalidParameterError("base_url", value, f"is not a URL: {value!r}") from None
    if url.scheme not in ("http", "https") or not url.host:
        raise InvalidParameterError("base_url", value, f"must be an http(s) URL, got {value!r}")
    if url.userinfo:  # httpx would send it as Basic auth in place of the API key's header; never shown
        raise InvalidParameterError("base_url", "<hidden>", "must not carry user:password (the API takes its key)")
    if url.query or url.fragment or "?" in value or "#" in value:
        # Paths are joined to it as text: "https://h/?x" + "/v2/..." would send every request to "/"
        raise InvalidParameterError("base_url", value, f"must have no query or fragment, got {value!r}")
    return url


def timeout(value: object) -> httpx.Timeout:
    if isinstance(value, httpx.Timeout):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value) and value > 0:
        return httpx.Timeout(float(value))
    raise InvalidParameterError(
        "timeout", value, f"must be a positive number of seconds or httpx.Timeout, got {value!r}"
    )


def seconds(value: object, field: str, *, allow_zero: bool = False) -> float:
    ok = isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)
    if not ok or value < 0 or (value == 0 and not allow_zero):  # type: ignore[operator]
        least = "0 or more" if allow_zero else "greater than 0"
        raise InvalidParameterError(field, value, f"must be a number of seconds {least}, got {value!r}")
    return float(value)  # type: ignore[arg-type]


def max_response_bytes(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1024:
        raise InvalidParameterError("max_response_bytes", value, f"must be an int >= 1024, got {value!r}")
    return value


def max_retries(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise InvalidParameterError("max_retries", value, f"must be an int >= 0, got {value!r}")
    return value


INVOICE_PREFIX = "INV-"
_INVOICE_ID = re.compile(r"(?:INV-)?([A-Za-z0-9]{1,64})")


def invoice_id(value: object, field: str = "uuid") -> str:
    """An invoice id with its ``INV-`` prefix, given with or without it."""
    match = _INVOICE_ID.fullmatch(value.strip()) if isinstance(value, str) else None
    if match is None:
        raise InvalidParameterError(field, value, f"is not an invoice id like 'INV-89UX09KA' or '89UX09KA': {value!r}")
    return INVOICE_PREFIX + match.group(1)


def bare_id(uuid: str) -> str:
    """An invoice id without its ``INV-`` prefix (the form postbacks and pay links use): ids compare this way."""
    return uuid.removeprefix(INVOICE_PREFIX)


def invoice_ids(value: object, field: str = "uuids") -> list[str]:
    """Distinct invoice ids, in the order given."""
    items = _items(value, field, "invoice ids")
    return list(dict.fromkeys(invoice_id(item, f"{field}[{i}]") for i, item in enumerate(items)))


def day(value: object, field: str) -> date:
    if isinstance(value, datetime) or not isinstance(value, date):
        raise InvalidParameterError(field, value, f"must be a datetime.date, got {type(value).__name__}")
    return value


def period(start: object, end: object) -> tuple[str, str]:
    """(start, end) as the API's ``dd.mm.yyyy``; end may not be before start."""
    first, last = day(start, "start"), day(end, "end")
    if last < first:
        raise InvalidParameterError("end", end, f"is before start ({first.isoformat()})")
    return first.strftime("%d.%m.%Y"), last.strftime("%d.%m.%Y")


def page_size(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 100:
        raise InvalidParameterError("page_size", value, f"must be an int from 1 to 100, got {value!r}")
    return value
