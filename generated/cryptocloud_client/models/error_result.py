from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ErrorResult")


@_attrs_define
class ErrorResult:
    """Error messages, keyed by the field they are about, or by `validate_error` / `authorization`.

    Attributes:
        validate_error (str | Unset): A validation message not tied to one field.
        authorization (str | Unset): The API key was refused.
    """

    validate_error: str | Unset = UNSET
    authorization: str | Unset = UNSET
    additional_properties: dict[str, list[str] | str] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        validate_error = self.validate_error

        authorization = self.authorization

        field_dict: dict[str, Any] = {}
        for prop_name, prop in self.additional_properties.items():
            if isinstance(prop, list):
                field_dict[prop_name] = prop

            else:
                field_dict[prop_name] = prop

        field_dict.update({})
        if validate_error is not UNSET:
            field_dict["validate_error"] = validate_error
        if authorization is not UNSET:
            field_dict["authorization"] = authorization

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        validate_error = d.pop("validate_error", UNSET)

        authorization = d.pop("authorization", UNSET)

        error_result = cls(
            validate_error=validate_error,
            authorization=authorization,
        )

        additional_properties = {}
        for prop_name, prop_dict in d.items():

            def _parse_additional_property(data: object) -> list[str] | str:
                try:
                    if not isinstance(data, list):
                        raise TypeError()
                    componentsschemas_error_messages_type_1 = cast("list[str]", data)

                    return componentsschemas_error_messages_type_1
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                return cast("list[str] | str", data)

            additional_property = _parse_additional_property(prop_dict)

            additional_properties[prop_name] = additional_property

        error_result.additional_properties = additional_properties
        return error_result

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> list[str] | str:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: list[str] | str) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
