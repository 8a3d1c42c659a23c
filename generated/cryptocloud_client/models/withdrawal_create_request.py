from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any, TypeVar

from attrs import define as _attrs_define

from .._exact import parse_decimal
from ..models.crypto_currency import CryptoCurrency

T = TypeVar("T", bound="WithdrawalCreateRequest")


@_attrs_define
class WithdrawalCreateRequest:
    """A withdrawal to make from the merchant's balance.

    Attributes:
        currency_code (CryptoCurrency): Payment currency with its network (the docs' 40 payment currencies, in their
            order).
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

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        currency_code = CryptoCurrency(d.pop("currency_code"))

        to_address = d.pop("to_address")

        amount = parse_decimal(d.pop("amount"))

        withdrawal_create_request = cls(
            currency_code=currency_code,
            to_address=to_address,
            amount=amount,
        )

        return withdrawal_create_request
