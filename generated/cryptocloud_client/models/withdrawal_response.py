from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.success_status import SuccessStatus
from ..models.withdrawal import Withdrawal
from ..types import UNSET, Unset

T = TypeVar("T", bound="WithdrawalResponse")


@_attrs_define
class WithdrawalResponse:
    """The answer to a withdrawal: the newer docs put it in `result`, the older ones in `data`. One of the two
    is present. Only the withdrawal's `invoice_id` is required: the docs show four fields, but no recorded
    answer was found, and an answer that cannot be read after money moved costs the user most.

        Attributes:
            status (SuccessStatus): The envelope's status on success.
            result (Withdrawal | Unset): A withdrawal as created; only `invoice_id` is required (no recorded answer was
                found).
            data (Withdrawal | Unset): A withdrawal as created; only `invoice_id` is required (no recorded answer was
                found).
    """

    status: SuccessStatus
    result: Withdrawal | Unset = UNSET
    data: Withdrawal | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        status = self.status.value

        result: dict[str, Any] | Unset = UNSET
        if not isinstance(self.result, Unset):
            result = self.result.to_dict()

        data: dict[str, Any] | Unset = UNSET
        if not isinstance(self.data, Unset):
            data = self.data.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "status": status,
            }
        )
        if result is not UNSET:
            field_dict["result"] = result
        if data is not UNSET:
            field_dict["data"] = data

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:

        d = dict(src_dict)
        status = SuccessStatus(d.pop("status"))

        _result = d.pop("result", UNSET)
        result: Withdrawal | Unset
        if isinstance(_result, Unset):
            result = UNSET
        else:
            result = Withdrawal.from_dict(_result)

        _data = d.pop("data", UNSET)
        data: Withdrawal | Unset
        if isinstance(_data, Unset):
            data = UNSET
        else:
            data = Withdrawal.from_dict(_data)

        withdrawal_response = cls(
            status=status,
            result=result,
            data=data,
        )

        withdrawal_response.additional_properties = d
        return withdrawal_response

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
