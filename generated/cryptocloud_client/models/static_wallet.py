from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.balance_currency import BalanceCurrency
from ..types import UNSET, Unset

T = TypeVar("T", bound="StaticWallet")


@_attrs_define
class StaticWallet:
    """A permanent deposit address.

    Attributes:
        address (str): The deposit address.
        uuid (str): The wallet's id (32 letters and digits, not an RFC 4122 UUID).
        currency (BalanceCurrency | Unset): A currency as balances and static wallets show it. `code` is the full code
            here (`USDT_TRC20`).
    """

    address: str
    uuid: str
    currency: BalanceCurrency | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        address = self.address

        uuid = self.uuid

        currency: dict[str, Any] | Unset = UNSET
        if not isinstance(self.currency, Unset):
            currency = self.currency.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "address": address,
                "uuid": uuid,
            }
        )
        if currency is not UNSET:
            field_dict["currency"] = currency

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:

        d = dict(src_dict)
        address = d.pop("address")

        uuid = d.pop("uuid")

        _currency = d.pop("currency", UNSET)
        currency: BalanceCurrency | Unset
        if isinstance(_currency, Unset):
            currency = UNSET
        else:
            currency = BalanceCurrency.from_dict(_currency)

        static_wallet = cls(
            address=address,
            uuid=uuid,
            currency=currency,
        )

        static_wallet.additional_properties = d
        return static_wallet

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
