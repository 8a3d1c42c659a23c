from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="StatisticsCount")


@_attrs_define
class StatisticsCount:
    """Number of invoices by status.

    Attributes:
        all_ (int): All invoices.
        created (int): Invoices still waiting for payment.
        paid (int): Invoices paid in full.
        overpaid (int): Invoices paid more than due.
        partial (int): Invoices paid in part.
        canceled (int): Invoices canceled or expired.
    """

    all_: int
    created: int
    paid: int
    overpaid: int
    partial: int
    canceled: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        all_ = self.all_

        created = self.created

        paid = self.paid

        overpaid = self.overpaid

        partial = self.partial

        canceled = self.canceled

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "all": all_,
                "created": created,
                "paid": paid,
                "overpaid": overpaid,
                "partial": partial,
                "canceled": canceled,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        all_ = d.pop("all")

        created = d.pop("created")

        paid = d.pop("paid")

        overpaid = d.pop("overpaid")

        partial = d.pop("partial")

        canceled = d.pop("canceled")

        statistics_count = cls(
            all_=all_,
            created=created,
            paid=paid,
            overpaid=overpaid,
            partial=partial,
            canceled=canceled,
        )

        statistics_count.additional_properties = d
        return statistics_count

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
