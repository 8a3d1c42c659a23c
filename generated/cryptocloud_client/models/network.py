from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Network")


@_attrs_define
class Network:
    """The blockchain network of a currency.

    Attributes:
        code (str | Unset): Network code (`ERC20`, `TRC20`, ...).
        id (int | Unset): CryptoCloud's id of the network.
        icon (str | Unset): URL of the network's icon.
        fullname (str | Unset): Human name of the network.
    """

    code: str | Unset = UNSET
    id: int | Unset = UNSET
    icon: str | Unset = UNSET
    fullname: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        code = self.code

        id = self.id

        icon = self.icon

        fullname = self.fullname

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if code is not UNSET:
            field_dict["code"] = code
        if id is not UNSET:
            field_dict["id"] = id
        if icon is not UNSET:
            field_dict["icon"] = icon
        if fullname is not UNSET:
            field_dict["fullname"] = fullname

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        code = d.pop("code", UNSET)

        id = d.pop("id", UNSET)

        icon = d.pop("icon", UNSET)

        fullname = d.pop("fullname", UNSET)

        network = cls(
            code=code,
            id=id,
            icon=icon,
            fullname=fullname,
        )

        network.additional_properties = d
        return network

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
