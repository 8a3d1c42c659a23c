from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.statistics_amount import StatisticsAmount
from ..models.statistics_count import StatisticsCount

T = TypeVar("T", bound="Statistics")


@_attrs_define
class Statistics:
    """Invoice counts and sums over a period.

    Attributes:
        count (StatisticsCount): Number of invoices by status.
        amount (StatisticsAmount): Sum of invoice amounts by status, in USD (a zero may come as an integer).
    """

    count: StatisticsCount
    amount: StatisticsAmount
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        count = self.count.to_dict()

        amount = self.amount.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "count": count,
                "amount": amount,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:

        d = dict(src_dict)
        count = StatisticsCount.from_dict(d.pop("count"))

        amount = StatisticsAmount.from_dict(d.pop("amount"))

        statistics = cls(
            count=count,
            amount=amount,
        )

        statistics.additional_properties = d
        return statistics

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
