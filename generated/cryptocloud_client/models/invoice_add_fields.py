from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.crypto_currency import CryptoCurrency
from ..models.resend_period import ResendPeriod
from ..models.time_to_pay import TimeToPay
from ..types import UNSET, Unset

T = TypeVar("T", bound="InvoiceAddFields")


@_attrs_define
class InvoiceAddFields:
    """Optional settings of an invoice, passed inside `add_fields`.

    Attributes:
        time_to_pay (TimeToPay | Unset): How long the invoice can be paid, from creation. The project's default when
            absent.
        email_to_send (str | Unset): Where CryptoCloud emails the invoice to the payer.
        available_currencies (list[CryptoCurrency] | Unset): The payment currencies the payer may choose from; all of
            the project's when absent.
        cryptocurrency (CryptoCurrency | Unset): Payment currency with its network (the docs' 40 payment currencies, in
            their order).
        period (ResendPeriod | Unset): How often an unpaid invoice is emailed again (only with
            `add_fields.email_to_send`).
    """

    time_to_pay: TimeToPay | Unset = UNSET
    email_to_send: str | Unset = UNSET
    available_currencies: list[CryptoCurrency] | Unset = UNSET
    cryptocurrency: CryptoCurrency | Unset = UNSET
    period: ResendPeriod | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        time_to_pay: dict[str, Any] | Unset = UNSET
        if not isinstance(self.time_to_pay, Unset):
            time_to_pay = self.time_to_pay.to_dict()

        email_to_send = self.email_to_send

        available_currencies: list[str] | Unset = UNSET
        if not isinstance(self.available_currencies, Unset):
            available_currencies = []
            for available_currencies_item_data in self.available_currencies:
                available_currencies_item = available_currencies_item_data.value
                available_currencies.append(available_currencies_item)

        cryptocurrency: str | Unset = UNSET
        if not isinstance(self.cryptocurrency, Unset):
            cryptocurrency = self.cryptocurrency.value

        period: str | Unset = UNSET
        if not isinstance(self.period, Unset):
            period = self.period.value

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if time_to_pay is not UNSET:
            field_dict["time_to_pay"] = time_to_pay
        if email_to_send is not UNSET:
            field_dict["email_to_send"] = email_to_send
        if available_currencies is not UNSET:
            field_dict["available_currencies"] = available_currencies
        if cryptocurrency is not UNSET:
            field_dict["cryptocurrency"] = cryptocurrency
        if period is not UNSET:
            field_dict["period"] = period

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:

        d = dict(src_dict)
        _time_to_pay = d.pop("time_to_pay", UNSET)
        time_to_pay: TimeToPay | Unset
        if isinstance(_time_to_pay, Unset):
            time_to_pay = UNSET
        else:
            time_to_pay = TimeToPay.from_dict(_time_to_pay)

        email_to_send = d.pop("email_to_send", UNSET)

        _available_currencies = d.pop("available_currencies", UNSET)
        available_currencies: list[CryptoCurrency] | Unset = UNSET
        if _available_currencies is not UNSET:
            available_currencies = []
            for available_currencies_item_data in _available_currencies:
                available_currencies_item = CryptoCurrency(available_currencies_item_data)

                available_currencies.append(available_currencies_item)

        _cryptocurrency = d.pop("cryptocurrency", UNSET)
        cryptocurrency: CryptoCurrency | Unset
        if isinstance(_cryptocurrency, Unset):
            cryptocurrency = UNSET
        else:
            cryptocurrency = CryptoCurrency(_cryptocurrency)

        _period = d.pop("period", UNSET)
        period: ResendPeriod | Unset
        if isinstance(_period, Unset):
            period = UNSET
        else:
            period = ResendPeriod(_period)

        invoice_add_fields = cls(
            time_to_pay=time_to_pay,
            email_to_send=email_to_send,
            available_currencies=available_currencies,
            cryptocurrency=cryptocurrency,
            period=period,
        )

        return invoice_add_fields
