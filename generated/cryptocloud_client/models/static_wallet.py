from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..exact import (
    DecodeError,
)
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

    _json_keys: ClassVar[frozenset[str]] = frozenset(["address", "currency", "uuid"])

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        """Decode the JSON object ``src_dict``; DecodeError (a ValueError) names what is wrong and where."""
        d = src_dict
        if d.__class__ is not dict and not isinstance(d, Mapping):
            raise DecodeError.wrong("", "an object", d)
        get = d.get
        missing = 0  # fields not in d: then len(d) says whether d has other keys
        a0: Any = get("address", UNSET)
        if a0.__class__ is str:
            pass
        elif isinstance(a0, str):
            pass
        else:
            raise DecodeError.wrong("address", "str", a0)
        a1: Any = get("uuid", UNSET)
        if a1.__class__ is str:
            pass
        elif isinstance(a1, str):
            pass
        else:
            raise DecodeError.wrong("uuid", "str", a1)
        a2: Any = get("currency", UNSET)
        if a2.__class__ is dict:
            try:
                a2 = BalanceCurrency.from_dict(a2)
            except DecodeError as exc:
                raise exc.inside("currency") from None
        elif a2 == "" or a2 == []:
            try:
                a2 = BalanceCurrency.from_dict({})
            except DecodeError as exc:
                raise exc.inside("currency") from None
        elif a2 is UNSET:
            missing += 1
        else:
            raise DecodeError.wrong("currency", "BalanceCurrency", a2)
        obj = cls(a0, a1, a2)
        if len(d) != 3 - missing:
            known = cls._json_keys
            if not d.keys() <= known:
                obj.additional_properties = {k: x for k, x in d.items() if k not in known}
        return obj

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
