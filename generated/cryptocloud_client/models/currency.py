from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..exact import (
    DecodeError,
)
from ..models.network import Network
from ..types import UNSET, Unset

T = TypeVar("T", bound="Currency")


@_attrs_define
class Currency:
    """The invoice's payment currency. `code` is a short code here (`USDT`), `fullcode` the full one (`USDT_TRC20`).

    Attributes:
        id (int | Unset): CryptoCloud's id of the currency.
        code (str | Unset): Short currency code (`ETH`, `USDT`); not an enum, codes differ between endpoints.
        fullcode (str | Unset): Currency code with network (`USDT_TRC20`); one of CryptoCurrency, kept open.
        network (Network | Unset): The blockchain network of a currency.
        name (str | Unset): Human name of the currency.
        is_email_required (bool | Unset): Whether paying in this currency requires the payer's email.
        stablecoin (bool | Unset): Whether the currency is a stablecoin.
        icon_base (str | Unset): URL of the currency's icon.
        icon_network (str | Unset): URL of the currency's icon with its network.
        icon_qr (str | Unset): URL of the icon drawn inside the payment QR code.
        order (int | Unset): Position of the currency in CryptoCloud's lists.
    """

    id: int | Unset = UNSET
    code: str | Unset = UNSET
    fullcode: str | Unset = UNSET
    network: Network | Unset = UNSET
    name: str | Unset = UNSET
    is_email_required: bool | Unset = UNSET
    stablecoin: bool | Unset = UNSET
    icon_base: str | Unset = UNSET
    icon_network: str | Unset = UNSET
    icon_qr: str | Unset = UNSET
    order: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        code = self.code

        fullcode = self.fullcode

        network: dict[str, Any] | Unset = UNSET
        if not isinstance(self.network, Unset):
            network = self.network.to_dict()

        name = self.name

        is_email_required = self.is_email_required

        stablecoin = self.stablecoin

        icon_base = self.icon_base

        icon_network = self.icon_network

        icon_qr = self.icon_qr

        order = self.order

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if id is not UNSET:
            field_dict["id"] = id
        if code is not UNSET:
            field_dict["code"] = code
        if fullcode is not UNSET:
            field_dict["fullcode"] = fullcode
        if network is not UNSET:
            field_dict["network"] = network
        if name is not UNSET:
            field_dict["name"] = name
        if is_email_required is not UNSET:
            field_dict["is_email_required"] = is_email_required
        if stablecoin is not UNSET:
            field_dict["stablecoin"] = stablecoin
        if icon_base is not UNSET:
            field_dict["icon_base"] = icon_base
        if icon_network is not UNSET:
            field_dict["icon_network"] = icon_network
        if icon_qr is not UNSET:
            field_dict["icon_qr"] = icon_qr
        if order is not UNSET:
            field_dict["order"] = order

        return field_dict

    _json_keys: ClassVar[frozenset[str]] = frozenset(
        [
            "code",
            "fullcode",
            "icon_base",
            "icon_network",
            "icon_qr",
            "id",
            "is_email_required",
            "name",
            "network",
            "order",
            "stablecoin",
        ]
    )

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        """Decode the JSON object ``src_dict``; DecodeError (a ValueError) names what is wrong and where."""
        d = src_dict
        if d.__class__ is not dict and not isinstance(d, Mapping):
            raise DecodeError.wrong("", "an object", d)
        get = d.get
        missing = 0  # fields not in d: then len(d) says whether d has other keys
        a0: Any = get("id", UNSET)
        if a0.__class__ is int:
            pass
        elif a0 is UNSET:
            missing += 1
        else:
            raise DecodeError.wrong("id", "int", a0)
        a1: Any = get("code", UNSET)
        if a1.__class__ is str:
            pass
        elif a1 is UNSET:
            missing += 1
        elif isinstance(a1, str):
            pass
        else:
            raise DecodeError.wrong("code", "str", a1)
        a2: Any = get("fullcode", UNSET)
        if a2.__class__ is str:
            pass
        elif a2 is UNSET:
            missing += 1
        elif isinstance(a2, str):
            pass
        else:
            raise DecodeError.wrong("fullcode", "str", a2)
        a3: Any = get("network", UNSET)
        if a3.__class__ is dict:
            try:
                a3 = Network.from_dict(a3)
            except DecodeError as exc:
                raise exc.inside("network") from None
        elif a3 == "" or a3 == []:
            try:
                a3 = Network.from_dict({})
            except DecodeError as exc:
                raise exc.inside("network") from None
        elif a3 is UNSET:
            missing += 1
        else:
            raise DecodeError.wrong("network", "Network", a3)
        a4: Any = get("name", UNSET)
        if a4.__class__ is str:
            pass
        elif a4 is UNSET:
            missing += 1
        elif isinstance(a4, str):
            pass
        else:
            raise DecodeError.wrong("name", "str", a4)
        a5: Any = get("is_email_required", UNSET)
        if a5 is True or a5 is False:
            pass
        elif a5 is UNSET:
            missing += 1
        else:
            raise DecodeError.wrong("is_email_required", "bool", a5)
        a6: Any = get("stablecoin", UNSET)
        if a6 is True or a6 is False:
            pass
        elif a6 is UNSET:
            missing += 1
        else:
            raise DecodeError.wrong("stablecoin", "bool", a6)
        a7: Any = get("icon_base", UNSET)
        if a7.__class__ is str:
            pass
        elif a7 is UNSET:
            missing += 1
        elif isinstance(a7, str):
            pass
        else:
            raise DecodeError.wrong("icon_base", "str", a7)
        a8: Any = get("icon_network", UNSET)
        if a8.__class__ is str:
            pass
        elif a8 is UNSET:
            missing += 1
        elif isinstance(a8, str):
            pass
        else:
            raise DecodeError.wrong("icon_network", "str", a8)
        a9: Any = get("icon_qr", UNSET)
        if a9.__class__ is str:
            pass
        elif a9 is UNSET:
            missing += 1
        elif isinstance(a9, str):
            pass
        else:
            raise DecodeError.wrong("icon_qr", "str", a9)
        a10: Any = get("order", UNSET)
        if a10.__class__ is int:
            pass
        elif a10 is UNSET:
            missing += 1
        else:
            raise DecodeError.wrong("order", "int", a10)
        obj = cls(a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10)
        if len(d) != 11 - missing:
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
