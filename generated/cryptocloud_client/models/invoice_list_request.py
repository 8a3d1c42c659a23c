from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="InvoiceListRequest")


@_attrs_define
class InvoiceListRequest:
    """A period of days and a page of the invoices created in it.

    Attributes:
        start (str): A calendar day as `dd.mm.yyyy`, years 1000 to 9999; the pattern admits only days the calendar has.
        end (str): A calendar day as `dd.mm.yyyy`, years 1000 to 9999; the pattern admits only days the calendar has.
        offset (int | Unset): Index of the first invoice to return (0-based). Default: 0.
        limit (int | Unset): How many invoices to return (the docs' wording may also mean an inclusive end index).
            Default: 10.
    """

    start: str
    end: str
    offset: int | Unset = 0
    limit: int | Unset = 10

    def to_dict(self) -> dict[str, Any]:
        start = self.start

        end = self.end

        offset = self.offset

        limit = self.limit

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "start": start,
                "end": end,
            }
        )
        if offset is not UNSET:
            field_dict["offset"] = offset
        if limit is not UNSET:
            field_dict["limit"] = limit

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        start = d.pop("start")

        end = d.pop("end")

        offset = d.pop("offset", UNSET)

        limit = d.pop("limit", UNSET)

        invoice_list_request = cls(
            start=start,
            end=end,
            offset=offset,
            limit=limit,
        )

        return invoice_list_request
