from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.error_result import ErrorResult
from ..models.error_status import ErrorStatus

T = TypeVar("T", bound="ErrorResponse")


@_attrs_define
class ErrorResponse:
    """An error in the API's envelope.

    Attributes:
        status (ErrorStatus): The envelope's status on error.
        result (ErrorResult): Error messages, keyed by the field they are about, or by `validate_error` /
            `authorization`.
    """

    status: ErrorStatus
    result: ErrorResult
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        status = self.status.value

        result = self.result.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "status": status,
                "result": result,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:

        d = dict(src_dict)
        status = ErrorStatus(d.pop("status"))

        result = ErrorResult.from_dict(d.pop("result"))

        error_response = cls(
            status=status,
            result=result,
        )

        error_response.additional_properties = d
        return error_response

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
