from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Project")
from typing import ClassVar

from ..exact import (
    DecodeError,
)


@_attrs_define
class Project:
    """The shop (project) the invoice belongs to.

    Attributes:
        id (int | Unset): CryptoCloud's id of the project.
        name (str | Unset): Name of the project.
        fail (str | Unset): Where the payer is sent after a failed payment.
        success (str | Unset): Where the payer is sent after a successful payment.
        logo (None | str | Unset): URL of the project's logo; `""` in real answers, `"None"` in older docs and `null` in
            the docs' info example when there is none.
    """

    id: int | Unset = UNSET
    name: str | Unset = UNSET
    fail: str | Unset = UNSET
    success: str | Unset = UNSET
    logo: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        name = self.name

        fail = self.fail

        success = self.success

        logo: None | str | Unset
        if isinstance(self.logo, Unset):
            logo = UNSET
        else:
            logo = self.logo

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if id is not UNSET:
            field_dict["id"] = id
        if name is not UNSET:
            field_dict["name"] = name
        if fail is not UNSET:
            field_dict["fail"] = fail
        if success is not UNSET:
            field_dict["success"] = success
        if logo is not UNSET:
            field_dict["logo"] = logo

        return field_dict

    _json_keys: ClassVar[frozenset[str]] = frozenset(["fail", "id", "logo", "name", "success"])

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
        a1: Any = get("name", UNSET)
        if a1.__class__ is str:
            pass
        elif a1 is UNSET:
            missing += 1
        elif isinstance(a1, str):
            pass
        else:
            raise DecodeError.wrong("name", "str", a1)
        a2: Any = get("fail", UNSET)
        if a2.__class__ is str:
            pass
        elif a2 is UNSET:
            missing += 1
        elif isinstance(a2, str):
            pass
        else:
            raise DecodeError.wrong("fail", "str", a2)
        a3: Any = get("success", UNSET)
        if a3.__class__ is str:
            pass
        elif a3 is UNSET:
            missing += 1
        elif isinstance(a3, str):
            pass
        else:
            raise DecodeError.wrong("success", "str", a3)
        a4: Any = get("logo", UNSET)
        if a4.__class__ is str:
            pass
        elif a4 is UNSET:
            missing += 1
        elif a4 is None:
            pass
        elif isinstance(a4, str):
            pass
        else:
            raise DecodeError.wrong("logo", "null | str", a4)
        obj = cls(a0, a1, a2, a3, a4)
        if len(d) != 5 - missing:
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
