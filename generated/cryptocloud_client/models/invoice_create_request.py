from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any, TypeVar

from attrs import define as _attrs_define

from .._exact import parse_decimal
from ..models.fiat_currency import FiatCurrency
from ..models.invoice_add_fields import InvoiceAddFields
from ..types import UNSET, Unset

T = TypeVar("T", bound="InvoiceCreateRequest")


@_attrs_define
class InvoiceCreateRequest:
    """What a shop sends to create an invoice.

    Attributes:
        shop_id (str): Unique identifier of the shop (project) from the merchant dashboard.
        amount (Decimal): Payment amount, in `currency`.
        currency (FiatCurrency | Unset): Currency in which an invoice amount is given (the docs' 25 conversion
            currencies, in their order). Default: FiatCurrency.USD.
        order_id (str | Unset): The shop's own order number, kept on the invoice and sent back in postbacks.
        email (str | Unset): The payer's email, shown on the invoice page.
        add_fields (InvoiceAddFields | Unset): Optional settings of an invoice, passed inside `add_fields`.
    """

    shop_id: str
    amount: Decimal
    currency: FiatCurrency | Unset = FiatCurrency.USD
    order_id: str | Unset = UNSET
    email: str | Unset = UNSET
    add_fields: InvoiceAddFields | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        shop_id = self.shop_id

        amount = self.amount

        currency: str | Unset = UNSET
        if not isinstance(self.currency, Unset):
            currency = self.currency.value

        order_id = self.order_id

        email = self.email

        add_fields: dict[str, Any] | Unset = UNSET
        if not isinstance(self.add_fields, Unset):
            add_fields = self.add_fields.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "shop_id": shop_id,
                "amount": amount,
            }
        )
        if currency is not UNSET:
            field_dict["currency"] = currency
        if order_id is not UNSET:
            field_dict["order_id"] = order_id
        if email is not UNSET:
            field_dict["email"] = email
        if add_fields is not UNSET:
            field_dict["add_fields"] = add_fields

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:

        d = dict(src_dict)
        shop_id = d.pop("shop_id")

        amount = parse_decimal(d.pop("amount"))

        _currency = d.pop("currency", UNSET)
        currency: FiatCurrency | Unset
        if isinstance(_currency, Unset):
            currency = UNSET
        else:
            currency = FiatCurrency(_currency)

        order_id = d.pop("order_id", UNSET)

        email = d.pop("email", UNSET)

        _add_fields = d.pop("add_fields", UNSET)
        add_fields: InvoiceAddFields | Unset
        if isinstance(_add_fields, Unset):
            add_fields = UNSET
        else:
            add_fields = InvoiceAddFields.from_dict(_add_fields)

        invoice_create_request = cls(
            shop_id=shop_id,
            amount=amount,
            currency=currency,
            order_id=order_id,
            email=email,
            add_fields=add_fields,
        )

        return invoice_create_request
