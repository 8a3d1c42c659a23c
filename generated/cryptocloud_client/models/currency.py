from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

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

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:

        d = dict(src_dict)
        id = d.pop("id", UNSET)

        code = d.pop("code", UNSET)

        fullcode = d.pop("fullcode", UNSET)

        _network = d.pop("network", UNSET)
        network: Network | Unset
        if isinstance(_network, Unset):
            network = UNSET
        else:
            network = Network.from_dict(_network)

        name = d.pop("name", UNSET)

        is_email_required = d.pop("is_email_required", UNSET)

        stablecoin = d.pop("stablecoin", UNSET)

        icon_base = d.pop("icon_base", UNSET)

        icon_network = d.pop("icon_network", UNSET)

        icon_qr = d.pop("icon_qr", UNSET)

        order = d.pop("order", UNSET)

        currency = cls(
            id=id,
            code=code,
            fullcode=fullcode,
            network=network,
            name=name,
            is_email_required=is_email_required,
            stablecoin=stablecoin,
            icon_base=icon_base,
            icon_network=icon_network,
            icon_qr=icon_qr,
            order=order,
        )

        currency.additional_properties = d
        return currency

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
