from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="TimeToPay")


@_attrs_define
class TimeToPay:
    """How long the invoice can be paid, from creation. The project's default when absent.

    Attributes:
        hours (int): Whole hours.
        minutes (int): Minutes on top of `hours`.
    """

    hours: int
    minutes: int

    def to_dict(self) -> dict[str, Any]:
        hours = self.hours

        minutes = self.minutes

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "hours": hours,
                "minutes": minutes,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        hours = d.pop("hours")

        minutes = d.pop("minutes")

        time_to_pay = cls(
            hours=hours,
            minutes=minutes,
        )

        return time_to_pay
