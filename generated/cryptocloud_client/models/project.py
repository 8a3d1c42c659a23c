from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Project")


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

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id", UNSET)

        name = d.pop("name", UNSET)

        fail = d.pop("fail", UNSET)

        success = d.pop("success", UNSET)

        def _parse_logo(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast("None | str | Unset", data)

        logo = _parse_logo(d.pop("logo", UNSET))

        project = cls(
            id=id,
            name=name,
            fail=fail,
            success=success,
            logo=logo,
        )

        project.additional_properties = d
        return project

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
