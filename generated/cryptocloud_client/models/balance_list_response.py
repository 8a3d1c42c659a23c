from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.balance import Balance
from ..models.success_status import SuccessStatus

T = TypeVar("T", bound="BalanceListResponse")


@_attrs_define
class BalanceListResponse:
    """The merchant's balances.

    Attributes:
        status (SuccessStatus): The envelope's status on success.
        result (list[Balance]): One entry per currency.
    """

    status: SuccessStatus
    result: list[Balance]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        status = self.status.value

        result = []
        for result_item_data in self.result:
            result_item = result_item_data.to_dict()
            result.append(result_item)

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

        result = []
        _result = d.pop("result")
        for result_item_data in _result:
            result_item = Balance.from_dict(result_item_data)

            result.append(result_item)

        balance_list_response = cls(
            status=status,
            result=result,
        )

        balance_list_response.additional_properties = d
        return balance_list_response

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
