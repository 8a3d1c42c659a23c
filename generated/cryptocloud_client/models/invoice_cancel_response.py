from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.success_status import SuccessStatus

T = TypeVar("T", bound="InvoiceCancelResponse")


@_attrs_define
class InvoiceCancelResponse:
    """The answer to a cancel; `result` is `["ok"]` (one docs table says `"ok"`).

    Attributes:
        status (SuccessStatus): The envelope's status on success.
        result (list[str] | str): Confirmation.
    """

    status: SuccessStatus
    result: list[str] | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        status = self.status.value

        result: list[str] | str
        if isinstance(self.result, list):
            result = self.result

        else:
            result = self.result

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
        status = SuccessStatus(d.pop("status"))

        def _parse_result(data: object) -> list[str] | str:
            try:
                if not isinstance(data, list):
                    raise TypeError()
                result_type_0 = cast("list[str]", data)

                return result_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast("list[str] | str", data)

        result = _parse_result(d.pop("result"))

        invoice_cancel_response = cls(
            status=status,
            result=result,
        )

        invoice_cancel_response.additional_properties = d
        return invoice_cancel_response

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
