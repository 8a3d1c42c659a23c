from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar, TypeVar

from attrs import define as _attrs_define

from ..exact import (
    DecodeError,
)
from ..models.crypto_currency import CryptoCurrency
from ..models.resend_period import ResendPeriod
from ..models.time_to_pay import TimeToPay
from ..types import UNSET, Unset

_members_of_CryptoCurrency = CryptoCurrency._value2member_map_
_members_of_ResendPeriod = ResendPeriod._value2member_map_


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
        cryptocurrency (CryptoCurrency | Unset): Payment currency with its network, as the docs' create page lists them,
            in their order. Closed here so that typed clients catch a misspelled code; the API adds currencies without
            notice (older docs and the withdrawal and static-wallet pages list others), and a client may send a well-formed
            code (`COIN` or `COIN_NETWORK`) this list lacks (the API then decides).
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

    _json_keys: ClassVar[frozenset[str]] = frozenset(
        ["available_currencies", "cryptocurrency", "email_to_send", "period", "time_to_pay"]
    )

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        """Decode the JSON object ``src_dict``; DecodeError (a ValueError) names what is wrong and where."""
        d = src_dict
        if d.__class__ is not dict and not isinstance(d, Mapping):
            raise DecodeError.wrong("", "an object", d)
        get = d.get
        a0: Any = get("time_to_pay", UNSET)
        if a0.__class__ is dict:
            try:
                a0 = TimeToPay.from_dict(a0)
            except DecodeError as exc:
                raise exc.inside("time_to_pay") from None
        elif a0 == "" or a0 == []:
            try:
                a0 = TimeToPay.from_dict({})
            except DecodeError as exc:
                raise exc.inside("time_to_pay") from None
        elif a0 is UNSET:
            pass
        else:
            raise DecodeError.wrong("time_to_pay", "TimeToPay", a0)
        a1: Any = get("email_to_send", UNSET)
        if a1.__class__ is str:
            pass
        elif a1 is UNSET:
            pass
        elif isinstance(a1, str):
            pass
        else:
            raise DecodeError.wrong("email_to_send", "str", a1)
        a2: Any = get("available_currencies", UNSET)
        if a2.__class__ is list:
            for i, x in enumerate(a2):
                if not (isinstance(x, str) and x in _members_of_CryptoCurrency):
                    raise DecodeError.wrong(i, "CryptoCurrency", x).inside("available_currencies")
            a2 = [_members_of_CryptoCurrency[x] for x in a2]
        elif a2 is UNSET:
            pass
        else:
            raise DecodeError.wrong("available_currencies", "list[CryptoCurrency]", a2)
        a3: Any = get("cryptocurrency", UNSET)
        if a3.__class__ is str and a3 in _members_of_CryptoCurrency:
            a3 = _members_of_CryptoCurrency[a3]
        elif a3 is UNSET:
            pass
        elif isinstance(a3, str) and a3 in _members_of_CryptoCurrency:
            a3 = _members_of_CryptoCurrency[a3]
        else:
            raise DecodeError.wrong("cryptocurrency", "CryptoCurrency", a3)
        a4: Any = get("period", UNSET)
        if a4.__class__ is str and a4 in _members_of_ResendPeriod:
            a4 = _members_of_ResendPeriod[a4]
        elif a4 is UNSET:
            pass
        elif isinstance(a4, str) and a4 in _members_of_ResendPeriod:
            a4 = _members_of_ResendPeriod[a4]
        else:
            raise DecodeError.wrong("period", "ResendPeriod", a4)
        obj = cls(a0, a1, a2, a3, a4)
        return obj
