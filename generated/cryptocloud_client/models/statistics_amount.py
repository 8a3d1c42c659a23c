from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .._exact import parse_decimal

T = TypeVar("T", bound="StatisticsAmount")


@_attrs_define
class StatisticsAmount:
    """Sum of invoice amounts by status, in USD (a zero may come as an integer).

    Attributes:
        all_ (Decimal): All invoices.
        created (Decimal): Invoices still waiting for payment.
        paid (Decimal): Invoices paid in full.
        overpaid (Decimal): Invoices paid more than due.
        partial (Decimal): Invoices paid in part.
        canceled (Decimal): Invoices canceled or expired.
    """

    all_: Decimal
    created: Decimal
    paid: Decimal
    overpaid: Decimal
    partial: Decimal
    canceled: Decimal
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
        all_ = parse_decimal(d.pop("all"))

        created = parse_decimal(d.pop("created"))

        paid = parse_decimal(d.pop("paid"))

        overpaid = parse_decimal(d.pop("overpaid"))

        partial = parse_decimal(d.pop("partial"))

        canceled = parse_decimal(d.pop("canceled"))

        statistics_amount = cls(
            all_=all_,
            created=created,
            paid=paid,
            overpaid=overpaid,
            partial=partial,
            canceled=canceled,
        )

        statistics_amount.additional_properties = d
        return statistics_amount

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
