from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Network")
from typing import ClassVar

from ..exact import (
    DecodeError,
)


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

    _json_keys: ClassVar[frozenset[str]] = frozenset(["code", "fullname", "icon", "id"])

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        """Decode the JSON object ``src_dict``; DecodeError (a ValueError) names what is wrong and where."""
        d = src_dict
        if d.__class__ is not dict and not isinstance(d, Mapping):
            raise DecodeError.wrong("", "an object", d)
        get = d.get
        missing = 0  # fields not in d: then len(d) says whether d has other keys
        a0: Any = get("code", UNSET)
        if a0.__class__ is str:
            pass
        elif a0 is UNSET:
            missing += 1
        elif isinstance(a0, str):
            pass
        else:
            raise DecodeError.wrong("code", "str", a0)
        a1: Any = get("id", UNSET)
        if a1.__class__ is int:
            pass
        elif a1 is UNSET:
            missing += 1
        else:
            raise DecodeError.wrong("id", "int", a1)
        a2: Any = get("icon", UNSET)
        if a2.__class__ is str:
            pass
        elif a2 is UNSET:
            missing += 1
        elif isinstance(a2, str):
            pass
        else:
            raise DecodeError.wrong("icon", "str", a2)
        a3: Any = get("fullname", UNSET)
        if a3.__class__ is str:
            pass
        elif a3 is UNSET:
            missing += 1
        elif isinstance(a3, str):
            pass
        else:
            raise DecodeError.wrong("fullname", "str", a3)
        obj = cls(a0, a1, a2, a3)
        if len(d) != 4 - missing:
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
