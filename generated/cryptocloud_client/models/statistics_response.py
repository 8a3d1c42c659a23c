from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.statistics import Statistics
from ..models.success_status import SuccessStatus

T = TypeVar("T", bound="StatisticsResponse")


@_attrs_define
class StatisticsResponse:
    """The answer to statistics.

    Attributes:
        status (SuccessStatus): The envelope's status on success.
        result (Statistics): Invoice counts and sums over a period.
    """

    status: SuccessStatus
    result: Statistics
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
        status = SuccessStatus(d.pop("status"))

        result = Statistics.from_dict(d.pop("result"))

        statistics_response = cls(
            status=status,
            result=result,
        )

        statistics_response.additional_properties = d
        return statistics_response

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
