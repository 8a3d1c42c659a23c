from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .._exact import parse_decimal
from ..models.balance_currency import BalanceCurrency
from ..types import UNSET, Unset

T = TypeVar("T", bound="Balance")


@_attrs_define
class Balance:
    """What the merchant holds in one currency.

    Attributes:
        currency (BalanceCurrency): A currency as balances and static wallets show it. `code` is the full code here
            (`USDT_TRC20`).
        balance_crypto (Decimal): Balance in the currency.
        balance_usd (Decimal): Balance in USD.
        available_balance (Decimal | Unset): What can be withdrawn now, in the currency.
        available_balance_usd (Decimal | Unset): What can be withdrawn now, in USD.
    """

    currency: BalanceCurrency
    balance_crypto: Decimal
    balance_usd: Decimal
    available_balance: Decimal | Unset = UNSET
    available_balance_usd: Decimal | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        currency = self.currency.to_dict()

        balance_crypto = self.balance_crypto

        balance_usd = self.balance_usd

        available_balance = self.available_balance

        available_balance_usd = self.available_balance_usd

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "currency": currency,
                "balance_crypto": balance_crypto,
                "balance_usd": balance_usd,
            }
        )
        if available_balance is not UNSET:
            field_dict["available_balance"] = available_balance
        if available_balance_usd is not UNSET:
            field_dict["available_balance_usd"] = available_balance_usd

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:

        d = dict(src_dict)
        currency = BalanceCurrency.from_dict(d.pop("currency"))

        balance_crypto = parse_decimal(d.pop("balance_crypto"))

        balance_usd = parse_decimal(d.pop("balance_usd"))

        available_balance = parse_decimal(d.pop("available_balance", UNSET))

        available_balance_usd = parse_decimal(d.pop("available_balance_usd", UNSET))

        balance = cls(
            currency=currency,
            balance_crypto=balance_crypto,
            balance_usd=balance_usd,
            available_balance=available_balance,
            available_balance_usd=available_balance_usd,
        )

        balance.additional_properties = d
        return balance

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
