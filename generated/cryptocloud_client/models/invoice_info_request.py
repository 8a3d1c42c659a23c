from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="InvoiceInfoRequest")


@_attrs_define
class InvoiceInfoRequest:
    """Which invoices to read.

    Attributes:
        uuids (list[str]): 1 to 100 invoice ids.
    """

    uuids: list[str]

    def to_dict(self) -> dict[str, Any]:
        uuids = self.uuids

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "uuids": uuids,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        uuids = cast("list[str]", d.pop("uuids"))

        invoice_info_request = cls(
            uuids=uuids,
        )

        return invoice_info_request
