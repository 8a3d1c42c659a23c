from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .._exact import parse_decimal
from ..types import UNSET, Unset

T = TypeVar("T", bound="Withdrawal")


@_attrs_define
class Withdrawal:
    """A withdrawal as created; only `invoice_id` is required (no recorded answer was found).

    Attributes:
        invoice_id (str): The withdrawal's id.
        status (str | Unset): `created` in the docs (kept as text: no other value is documented).
        currency (str | Unset): Code of the currency sent (`USDT_TRC20`); kept open.
        amount (Decimal | Unset): Amount sent, in `currency`.
    """

    invoice_id: str
    status: str | Unset = UNSET
    currency: str | Unset = UNSET
    amount: Decimal | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        invoice_id = self.invoice_id

        status = self.status

        currency = self.currency

        amount = self.amount

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "invoice_id": invoice_id,
            }
        )
        if status is not UNSET:
            field_dict["status"] = status
        if currency is not UNSET:
            field_dict["currency"] = currency
        if amount is not UNSET:
            field_dict["amount"] = amount

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        invoice_id = d.pop("invoice_id")

        status = d.pop("status", UNSET)

        currency = d.pop("currency", UNSET)

        amount = parse_decimal(d.pop("amount", UNSET))

        withdrawal = cls(
            invoice_id=invoice_id,
            status=status,
            currency=currency,
            amount=amount,
        )

        withdrawal.additional_properties = d
        return withdrawal

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
