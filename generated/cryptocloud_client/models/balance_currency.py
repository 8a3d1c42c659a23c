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

T = TypeVar("T", bound="BalanceCurrency")


@_attrs_define
class BalanceCurrency:
    """A currency as balances and static wallets show it. `code` is the full code here (`USDT_TRC20`).

    Attributes:
        id (int | Unset): CryptoCloud's id of the currency.
        code (str | Unset): Currency code with network (`USDT_TRC20`); not an enum, codes differ between endpoints.
        short_code (str | Unset): Short currency code (`USDT`).
        name (str | Unset): Human name of the currency.
        is_email_required (bool | Unset): Whether paying in this currency requires the payer's email.
        stablecoin (bool | Unset): Whether the currency is a stablecoin.
        icon_base (str | Unset): URL of the currency's icon.
        icon_network (str | Unset): URL of the currency's icon with its network (one example has the text "None").
        icon_qr (str | Unset): URL of the icon drawn inside the payment QR code.
        order (int | Unset): Position of the currency in CryptoCloud's lists.
        obj_network (Network | Unset): The blockchain network of a currency.
        enable (bool | Unset): Whether the currency is enabled for the project (one SDK reads `enable`, another
            `enabled`; either may come).
        enabled (bool | Unset): Whether the currency is enabled for the project (the spelling another SDK reads).
    """

    id: int | Unset = UNSET
    code: str | Unset = UNSET
    short_code: str | Unset = UNSET
    name: str | Unset = UNSET
    is_email_required: bool | Unset = UNSET
    stablecoin: bool | Unset = UNSET
    icon_base: str | Unset = UNSET
    icon_network: str | Unset = UNSET
    icon_qr: str | Unset = UNSET
    order: int | Unset = UNSET
    obj_network: Network | Unset = UNSET
    enable: bool | Unset = UNSET
    enabled: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        code = self.code

        short_code = self.short_code

        name = self.name

        is_email_required = self.is_email_required

        stablecoin = self.stablecoin

        icon_base = self.icon_base

        icon_network = self.icon_network

        icon_qr = self.icon_qr

        order = self.order

        obj_network: dict[str, Any] | Unset = UNSET
        if not isinstance(self.obj_network, Unset):
            obj_network = self.obj_network.to_dict()

        enable = self.enable

        enabled = self.enabled

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if id is not UNSET:
            field_dict["id"] = id
        if code is not UNSET:
            field_dict["code"] = code
        if short_code is not UNSET:
            field_dict["short_code"] = short_code
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
        if obj_network is not UNSET:
            field_dict["obj_network"] = obj_network
        if enable is not UNSET:
            field_dict["enable"] = enable
        if enabled is not UNSET:
            field_dict["enabled"] = enabled

        return field_dict

    _json_keys: ClassVar[frozenset[str]] = frozenset(
        [
            "code",
            "enable",
            "enabled",
            "icon_base",
            "icon_network",
            "icon_qr",
            "id",
            "is_email_required",
            "name",
            "obj_network",
            "order",
            "short_code",
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
        a2: Any = get("short_code", UNSET)
        if a2.__class__ is str:
            pass
        elif a2 is UNSET:
            missing += 1
        elif isinstance(a2, str):
            pass
        else:
            raise DecodeError.wrong("short_code", "str", a2)
        a3: Any = get("name", UNSET)
        if a3.__class__ is str:
            pass
        elif a3 is UNSET:
            missing += 1
        elif isinstance(a3, str):
            pass
        else:
            raise DecodeError.wrong("name", "str", a3)
        a4: Any = get("is_email_required", UNSET)
        if a4 is True or a4 is False:
            pass
        elif a4 is UNSET:
            missing += 1
        else:
            raise DecodeError.wrong("is_email_required", "bool", a4)
        a5: Any = get("stablecoin", UNSET)
        if a5 is True or a5 is False:
            pass
        elif a5 is UNSET:
            missing += 1
        else:
            raise DecodeError.wrong("stablecoin", "bool", a5)
        a6: Any = get("icon_base", UNSET)
        if a6.__class__ is str:
            pass
        elif a6 is UNSET:
            missing += 1
        elif isinstance(a6, str):
            pass
        else:
            raise DecodeError.wrong("icon_base", "str", a6)
        a7: Any = get("icon_network", UNSET)
        if a7.__class__ is str:
            pass
        elif a7 is UNSET:
            missing += 1
        elif isinstance(a7, str):
            pass
        else:
            raise DecodeError.wrong("icon_network", "str", a7)
        a8: Any = get("icon_qr", UNSET)
        if a8.__class__ is str:
            pass
        elif a8 is UNSET:
            missing += 1
        elif isinstance(a8, str):
            pass
        else:
            raise DecodeError.wrong("icon_qr", "str", a8)
        a9: Any = get("order", UNSET)
        if a9.__class__ is int:
            pass
        elif a9 is UNSET:
            missing += 1
        else:
            raise DecodeError.wrong("order", "int", a9)
        a10: Any = get("obj_network", UNSET)
        if a10.__class__ is dict:
            try:
                a10 = Network.from_dict(a10)
            except DecodeError as exc:
                raise exc.inside("obj_network") from None
        elif a10 == "" or a10 == []:
            try:
                a10 = Network.from_dict({})
            except DecodeError as exc:
                raise exc.inside("obj_network") from None
        elif a10 is UNSET:
            missing += 1
        else:
            raise DecodeError.wrong("obj_network", "Network", a10)
        a11: Any = get("enable", UNSET)
        if a11 is True or a11 is False:
            pass
        elif a11 is UNSET:
            missing += 1
        else:
            raise DecodeError.wrong("enable", "bool", a11)
        a12: Any = get("enabled", UNSET)
        if a12 is True or a12 is False:
            pass
        elif a12 is UNSET:
            missing += 1
        else:
            raise DecodeError.wrong("enabled", "bool", a12)
        obj = cls(a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12)
        if len(d) != 13 - missing:
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
