from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

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

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:

        d = dict(src_dict)
        id = d.pop("id", UNSET)

        code = d.pop("code", UNSET)

        short_code = d.pop("short_code", UNSET)

        name = d.pop("name", UNSET)

        is_email_required = d.pop("is_email_required", UNSET)

        stablecoin = d.pop("stablecoin", UNSET)

        icon_base = d.pop("icon_base", UNSET)

        icon_network = d.pop("icon_network", UNSET)

        icon_qr = d.pop("icon_qr", UNSET)

        order = d.pop("order", UNSET)

        _obj_network = d.pop("obj_network", UNSET)
        obj_network: Network | Unset
        if isinstance(_obj_network, Unset):
            obj_network = UNSET
        else:
            obj_network = Network.from_dict(_obj_network)

        enable = d.pop("enable", UNSET)

        enabled = d.pop("enabled", UNSET)

        balance_currency = cls(
            id=id,
            code=code,
            short_code=short_code,
            name=name,
            is_email_required=is_email_required,
            stablecoin=stablecoin,
            icon_base=icon_base,
            icon_network=icon_network,
            icon_qr=icon_qr,
            order=order,
            obj_network=obj_network,
            enable=enable,
            enabled=enabled,
        )

        balance_currency.additional_properties = d
        return balance_currency

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
