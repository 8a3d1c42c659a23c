from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.crypto_currency import CryptoCurrency

T = TypeVar("T", bound="WithdrawalCreateRequest")
from typing import ClassVar

from ..exact import (
    DecodeError,
    parse_decimal,
)
from ..types import UNSET

_members_of_CryptoCurrency = CryptoCurrency._value2member_map_


@_attrs_define
class WithdrawalCreateRequest:
    """A withdrawal to make from the merchant's balance.

    Attributes:
        currency_code (CryptoCurrency): Payment currency with its network, as the docs' create page lists them, in their
            order. Closed here so that typed clients catch a misspelled code; the API adds currencies without notice (older
            docs and the withdrawal and static-wallet pages list others), and a client may send a well-formed code (`COIN`
            or `COIN_NETWORK`) this list lacks (the API then decides).
        to_address (str): The address to send to, on the network of `currency_code`.
        amount (Decimal): An amount of money greater than zero, sent with the exact digits given.
    """

    currency_code: CryptoCurrency
    to_address: str
    amount: Decimal

    def to_dict(self) -> dict[str, Any]:
        currency_code = self.currency_code.value

        to_address = self.to_address

        amount = self.amount

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "currency_code": currency_code,
                "to_address": to_address,
                "amount": amount,
            }
        )

        return field_dict

    _json_keys: ClassVar[frozenset[str]] = frozenset(["amount", "currency_code", "to_address"])

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        """Decode the JSON object ``src_dict``; DecodeError (a ValueError) names what is wrong and where."""
        d = src_dict
        if d.__class__ is not dict and not isinstance(d, Mapping):
            raise DecodeError.wrong("", "an object", d)
        get = d.get
        a0: Any = get("currency_code", UNSET)
        if a0.__class__ is str and a0 in _members_of_CryptoCurrency:
            a0 = _members_of_CryptoCurrency[a0]
        elif isinstance(a0, str) and a0 in _members_of_CryptoCurrency:
            a0 = _members_of_CryptoCurrency[a0]
        else:
            raise DecodeError.wrong("currency_code", "CryptoCurrency", a0)
        a1: Any = get("to_address", UNSET)
        if a1.__class__ is str:
            pass
        elif isinstance(a1, str):
            pass
        else:
            raise DecodeError.wrong("to_address", "str", a1)
        a2: Any = get("amount", UNSET)
        if a2.__class__ is Decimal and a2.is_finite() and -40 <= a2.adjusted() <= 40:
            pass
        elif (
            a2.__class__ is int
            and -100000000000000000000000000000000000000000 < a2 < 100000000000000000000000000000000000000000
        ):
            a2 = Decimal(a2)
        elif a2 is None or a2 is UNSET:
            raise DecodeError.wrong("amount", "Decimal", a2)
        else:
            try:
                a2 = parse_decimal(a2)
            except (TypeError, ValueError, ArithmeticError) as exc:
                raise DecodeError("amount", str(exc)) from None
        obj = cls(a0, a1, a2)
        return obj
