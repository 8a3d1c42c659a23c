from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="PeriodRequest")


@_attrs_define
class PeriodRequest:
    """A period of days, both ends included.

    Attributes:
        start (str): A calendar day as `dd.mm.yyyy`, years 1000 to 9999; the pattern admits only days the calendar has.
        end (str): A calendar day as `dd.mm.yyyy`, years 1000 to 9999; the pattern admits only days the calendar has.
    """

    start: str
    end: str

    def to_dict(self) -> dict[str, Any]:
        start = self.start

        end = self.end

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "start": start,
                "end": end,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        start = d.pop("start")

        end = d.pop("end")

        period_request = cls(
            start=start,
            end=end,
        )

        return period_request
