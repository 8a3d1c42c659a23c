from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="InvoiceCancelRequest")


@_attrs_define
class InvoiceCancelRequest:
    """Which invoice to cancel.

    Attributes:
        uuid (str): An invoice id, with or without the `INV-` prefix.
    """

    uuid: str

    def to_dict(self) -> dict[str, Any]:
        uuid = self.uuid

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "uuid": uuid,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        uuid = d.pop("uuid")

        invoice_cancel_request = cls(
            uuid=uuid,
        )

        return invoice_cancel_request
