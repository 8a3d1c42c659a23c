"""The exact JSON module (``cryptocloud_client.exact``): money read and written with its digits, times as aware UTC,
and every shortcut it takes for the API's usual forms giving what the standard library gives: same values, same
errors."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import pytest
from cryptocloud_client import exact
from cryptocloud_client.models import FiatCurrency
from cryptocloud_client.types import UNSET

USUAL = datetime(2026, 11, 27, 17, 5, 47, 711677, tzinfo=UTC)


@pytest.mark.parametrize(
    "text",
    [
        "2026-11-27 17:05:47.711677",  # the API's form: the fast path
        "2026-11-27T17:05:47.711677",
        " 2026-11-27 17:05:47.711677 ",
        "\u0662\u0660\u0662\u0666-11-27 17:05:47.711677",  # non-ASCII digits: the general path, as before
    ],
)
def test_timestamps_parse_to_the_same_aware_utc_time(text: str) -> None:
    parsed = exact.parse_utc_datetime(text)
    assert parsed == USUAL
    assert parsed.tzinfo is UTC


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2026-13-27 17:05:47.711677", "month must be in 1..12"),
        ("2026-02-30 17:05:47.711677", "day is out of range for month"),
        ("2026-11-27 24:05:47.711677", "hour must be in 0..23"),
    ],
)
def test_impossible_timestamps_in_the_usual_form_raise_the_general_error(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        exact.parse_utc_datetime(text)


@pytest.mark.parametrize(
    "value",
    [
        {"order_id": 'quote " back \\ newline \n sep \u2028 ünï', "n": 5, "b": True, "z": None},
        {"deep": {"deeper": {"x": -7, "y": False}}, "empty": {}, "list": [], 3: "int key"},
    ],
)
def test_dumps_writes_what_the_standard_encoder_writes_for_plain_values(value: dict[Any, Any]) -> None:
    assert exact.dumps(value) == json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()


def test_dumps_writes_money_digits_and_enum_values() -> None:
    value = {"amount": Decimal("100.00"), "currency": FiatCurrency.USD, "l": [1, "a", Decimal("1E+2")]}
    assert exact.dumps(value) == b'{"amount":100.00,"currency":"USD","l":[1,"a",100]}'


def test_loads_behaves_like_json_loads() -> None:
    assert exact.loads(b'{"a": 1.10, "b": [1, 2.5e3]}') == {"a": Decimal("1.10"), "b": [1, Decimal("2.5E+3")]}
    assert exact.loads('{"a": 1}') == {"a": 1}
    assert exact.loads("[1]".encode("utf-16")) == [1]
    assert exact.loads(b'\xef\xbb\xbf{"a": 1}') == {"a": 1}  # json.loads accepts a UTF-8 BOM in bytes
    with pytest.raises(json.JSONDecodeError, match="Unexpected UTF-8 BOM"):
        exact.loads('\ufeff{"a": 1}')
    with pytest.raises(ValueError, match="NaN is not a valid JSON number"):
        exact.loads(b'{"a": NaN}')
    with pytest.raises(TypeError, match="not int"):
        exact.loads(5)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("given", "expected"),
    [(Decimal("0.1"), Decimal("0.1")), (100, Decimal(100)), ("1.5", Decimal("1.5")), (None, None), (UNSET, UNSET)],
)
def test_parse_decimal_fast_paths(given: Any, expected: Any) -> None:
    assert exact.parse_decimal(given) == expected


def test_parse_decimal_still_refuses_booleans_and_huge_exponents() -> None:
    with pytest.raises(TypeError, match="boolean"):
        exact.parse_decimal(True)
    with pytest.raises(ValueError, match="plausible"):
        exact.parse_decimal(Decimal("1E+41"))
