from __future__ import annotations

import datetime
from collections.abc import Mapping
from decimal import Decimal
from typing import Any, ClassVar, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..exact import (
    DecodeError,
    parse_decimal,
    parse_utc_datetime,
    usual_timestamp,
    utc_fromisoformat,
)
from ..models.commission_side import CommissionSide
from ..models.currency import Currency
from ..models.fiat_currency import FiatCurrency
from ..models.invoice_status import InvoiceStatus
from ..models.project import Project
from ..types import UNSET, Unset

_members_of_CommissionSide = CommissionSide._value2member_map_
_members_of_FiatCurrency = FiatCurrency._value2member_map_
_members_of_InvoiceStatus = InvoiceStatus._value2member_map_


T = TypeVar("T", bound="Invoice")


@_attrs_define
class Invoice:
    """An invoice as creation returns it. Unknown fields are kept.

    Attributes:
        uuid (str): Unique invoice identifier with the `INV-` prefix.
        status (InvoiceStatus | str): Invoice status (open; an unknown status is kept as a string). Always `created` on
            creation.
        created (datetime.datetime): Creation time, UTC.
        amount_usd (Decimal): Invoice amount in USD.
        link (str): Link to the invoice page, on `pay.trybit.com` or the legacy `pay.cryptocloud.plus`; may come without
            a scheme (`pay.cryptocloud.plus/89UX09KA`).
        address (None | str | Unset): Payment address; filled only when a payment currency was chosen
            (`add_fields.cryptocurrency`), `""` otherwise in real answers.
        expiry_date (None | datetime.datetime | Unset): When the invoice expires, UTC; an unpaid invoice is canceled then. Null in
            some docs answers.
        side_commission (CommissionSide | str | Unset): Who pays a fee (open; an unknown value is kept as a string).
        side_commission_cc (CommissionSide | str | Unset): Who pays a fee (open; an unknown value is kept as a string).
        side_commission_service (CommissionSide | str | Unset): Who pays a fee (open; an unknown value is kept as a
            string).
        type_payments (None | str | Unset): How the invoice is paid (`crypto` in every answer seen; kept as text).
        invoice_id (None | str | Unset): A second invoice id of real create answers (`null` in every answer seen).
        amount (Decimal | Unset): Invoice amount in the selected cryptocurrency.
        amount_in_fiat (Decimal | Unset): Invoice amount in the currency it was created in (`fiat_currency`).
        fee (Decimal | Unset): Transfer fee, in the selected cryptocurrency.
        fee_usd (Decimal | Unset): Transfer fee in USD.
        service_fee (Decimal | Unset): Service fee, in the selected cryptocurrency.
        service_fee_usd (Decimal | Unset): Service fee in USD.
        fiat_currency (FiatCurrency | str | Unset): Fiat currency the invoice was created in (open; an unknown code is
            kept as a string).
        is_email_required (bool | Unset): Whether the payer must give an email on the invoice page.
        currency (Currency | None | Unset): The payment currency; null is accepted in case no currency was chosen yet.
        project (Project | Unset): The shop (project) the invoice belongs to.
        test_mode (bool | Unset): Whether this is a test invoice (the project is in test mode).
    """

    uuid: str
    status: InvoiceStatus | str
    created: datetime.datetime
    amount_usd: Decimal
    link: str
    address: None | str | Unset = UNSET
    expiry_date: None | datetime.datetime | Unset = UNSET
    side_commission: CommissionSide | str | Unset = UNSET
    side_commission_cc: CommissionSide | str | Unset = UNSET
    side_commission_service: CommissionSide | str | Unset = UNSET
    type_payments: None | str | Unset = UNSET
    invoice_id: None | str | Unset = UNSET
    amount: Decimal | Unset = UNSET
    amount_in_fiat: Decimal | Unset = UNSET
    fee: Decimal | Unset = UNSET
    fee_usd: Decimal | Unset = UNSET
    service_fee: Decimal | Unset = UNSET
    service_fee_usd: Decimal | Unset = UNSET
    fiat_currency: FiatCurrency | str | Unset = UNSET
    is_email_required: bool | Unset = UNSET
    currency: Currency | None | Unset = UNSET
    project: Project | Unset = UNSET
    test_mode: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:

        uuid = self.uuid

        status: str
        if isinstance(self.status, InvoiceStatus):
            status = self.status.value
        else:
            status = self.status

        created = self.created

        amount_usd = self.amount_usd

        link = self.link

        address: None | str | Unset
        if isinstance(self.address, Unset):
            address = UNSET
        else:
            address = self.address

        expiry_date: None | datetime.datetime | Unset
        if isinstance(self.expiry_date, Unset):
            expiry_date = UNSET
        else:
            expiry_date = self.expiry_date

        side_commission: str | Unset
        if isinstance(self.side_commission, Unset):
            side_commission = UNSET
        elif isinstance(self.side_commission, CommissionSide):
            side_commission = self.side_commission.value
        else:
            side_commission = self.side_commission

        side_commission_cc: str | Unset
        if isinstance(self.side_commission_cc, Unset):
            side_commission_cc = UNSET
        elif isinstance(self.side_commission_cc, CommissionSide):
            side_commission_cc = self.side_commission_cc.value
        else:
            side_commission_cc = self.side_commission_cc

        side_commission_service: str | Unset
        if isinstance(self.side_commission_service, Unset):
            side_commission_service = UNSET
        elif isinstance(self.side_commission_service, CommissionSide):
            side_commission_service = self.side_commission_service.value
        else:
            side_commission_service = self.side_commission_service

        type_payments: None | str | Unset
        if isinstance(self.type_payments, Unset):
            type_payments = UNSET
        else:
            type_payments = self.type_payments

        invoice_id: None | str | Unset
        if isinstance(self.invoice_id, Unset):
            invoice_id = UNSET
        else:
            invoice_id = self.invoice_id

        amount = self.amount

        amount_in_fiat = self.amount_in_fiat

        fee = self.fee

        fee_usd = self.fee_usd

        service_fee = self.service_fee

        service_fee_usd = self.service_fee_usd

        fiat_currency: str | Unset
        if isinstance(self.fiat_currency, Unset):
            fiat_currency = UNSET
        elif isinstance(self.fiat_currency, FiatCurrency):
            fiat_currency = self.fiat_currency.value
        else:
            fiat_currency = self.fiat_currency

        is_email_required = self.is_email_required

        currency: dict[str, Any] | None | Unset
        if isinstance(self.currency, Unset):
            currency = UNSET
        elif isinstance(self.currency, Currency):
            currency = self.currency.to_dict()
        else:
            currency = self.currency

        project: dict[str, Any] | Unset = UNSET
        if not isinstance(self.project, Unset):
            project = self.project.to_dict()

        test_mode = self.test_mode

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "uuid": uuid,
                "status": status,
                "created": created,
                "amount_usd": amount_usd,
                "link": link,
            }
        )
        if address is not UNSET:
            field_dict["address"] = address
        if expiry_date is not UNSET:
            field_dict["expiry_date"] = expiry_date
        if side_commission is not UNSET:
            field_dict["side_commission"] = side_commission
        if side_commission_cc is not UNSET:
            field_dict["side_commission_cc"] = side_commission_cc
        if side_commission_service is not UNSET:
            field_dict["side_commission_service"] = side_commission_service
        if type_payments is not UNSET:
            field_dict["type_payments"] = type_payments
        if invoice_id is not UNSET:
            field_dict["invoice_id"] = invoice_id
        if amount is not UNSET:
            field_dict["amount"] = amount
        if amount_in_fiat is not UNSET:
            field_dict["amount_in_fiat"] = amount_in_fiat
        if fee is not UNSET:
            field_dict["fee"] = fee
        if fee_usd is not UNSET:
            field_dict["fee_usd"] = fee_usd
        if service_fee is not UNSET:
            field_dict["service_fee"] = service_fee
        if service_fee_usd is not UNSET:
            field_dict["service_fee_usd"] = service_fee_usd
        if fiat_currency is not UNSET:
            field_dict["fiat_currency"] = fiat_currency
        if is_email_required is not UNSET:
            field_dict["is_email_required"] = is_email_required
        if currency is not UNSET:
            field_dict["currency"] = currency
        if project is not UNSET:
            field_dict["project"] = project
        if test_mode is not UNSET:
            field_dict["test_mode"] = test_mode

        return field_dict

    _json_keys: ClassVar[frozenset[str]] = frozenset(
        [
            "address",
            "amount",
            "amount_in_fiat",
            "amount_usd",
            "created",
            "currency",
            "expiry_date",
            "fee",
            "fee_usd",
            "fiat_currency",
            "invoice_id",
            "is_email_required",
            "link",
            "project",
            "service_fee",
            "service_fee_usd",
            "side_commission",
            "side_commission_cc",
            "side_commission_service",
            "status",
            "test_mode",
            "type_payments",
            "uuid",
        ]
    )

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        """Decode the JSON object ``src_dict``; DecodeError (a ValueError) names what is wrong and where."""
        d = src_dict
        if d.__class__ is not dict and not isinstance(d, Mapping):
            raise DecodeError.wrong("", "an object", d)
        get = d.get
        missing = 0  # fields not in d: then len(d) says whether d has other keys
        a0: Any = get("uuid", UNSET)
        if a0.__class__ is str:
            pass
        elif isinstance(a0, str):
            pass
        else:
            raise DecodeError.wrong("uuid", "str", a0)
        a1: Any = get("status", UNSET)
        if a1.__class__ is str:
            a1 = _members_of_InvoiceStatus.get(a1, a1)
        elif isinstance(a1, str):
            a1 = _members_of_InvoiceStatus.get(a1, a1)
        else:
            raise DecodeError.wrong("status", "InvoiceStatus | str", a1)
        a2: Any = get("created", UNSET)
        if a2.__class__ is str and len(a2) == 26 and usual_timestamp(a2):
            try:
                a2 = utc_fromisoformat(a2 + "+00:00")
            except ValueError:  # not a real date (month 13...): parse_utc_datetime says why
                try:
                    a2 = parse_utc_datetime(a2)
                except (TypeError, ValueError, ArithmeticError) as exc:
                    raise DecodeError("created", str(exc)) from None
        elif a2 is None or a2 is UNSET:
            raise DecodeError.wrong("created", "datetime", a2)
        else:
            try:
                a2 = parse_utc_datetime(a2)
            except (TypeError, ValueError, ArithmeticError) as exc:
                raise DecodeError("created", str(exc)) from None
        a3: Any = get("amount_usd", UNSET)
        if a3.__class__ is Decimal and a3.is_finite() and -40 <= a3.adjusted() <= 40:
            pass
        elif (
            a3.__class__ is int
            and -100000000000000000000000000000000000000000 < a3 < 100000000000000000000000000000000000000000
        ):
            a3 = Decimal(a3)
        elif a3 is None or a3 is UNSET:
            raise DecodeError.wrong("amount_usd", "Decimal", a3)
        else:
            try:
                a3 = parse_decimal(a3)
            except (TypeError, ValueError, ArithmeticError) as exc:
                raise DecodeError("amount_usd", str(exc)) from None
        a4: Any = get("link", UNSET)
        if a4.__class__ is str:
            pass
        elif isinstance(a4, str):
            pass
        else:
            raise DecodeError.wrong("link", "str", a4)
        a5: Any = get("address", UNSET)
        if a5.__class__ is str:
            pass
        elif a5 is UNSET:
            missing += 1
        elif a5 is None:
            pass
        elif isinstance(a5, str):
            pass
        else:
            raise DecodeError.wrong("address", "null | str", a5)
        a6: Any = get("expiry_date", UNSET)
        if a6.__class__ is str and len(a6) == 26 and usual_timestamp(a6):
            try:
                a6 = utc_fromisoformat(a6 + "+00:00")
            except ValueError:  # not a real date (month 13...): parse_utc_datetime says why
                try:
                    a6 = parse_utc_datetime(a6)
                except (TypeError, ValueError, ArithmeticError) as exc:
                    raise DecodeError("expiry_date", str(exc)) from None
        elif a6 is UNSET:
            missing += 1
        elif a6 is None:
            pass
        else:
            try:
                a6 = parse_utc_datetime(a6)
            except (TypeError, ValueError, ArithmeticError) as exc:
                raise DecodeError("expiry_date", str(exc)) from None
        a7: Any = get("side_commission", UNSET)
        if a7.__class__ is str:
            a7 = _members_of_CommissionSide.get(a7, a7)
        elif a7 is UNSET:
            missing += 1
        elif isinstance(a7, str):
            a7 = _members_of_CommissionSide.get(a7, a7)
        else:
            raise DecodeError.wrong("side_commission", "CommissionSide | str", a7)
        a8: Any = get("side_commission_cc", UNSET)
        if a8.__class__ is str:
            a8 = _members_of_CommissionSide.get(a8, a8)
        elif a8 is UNSET:
            missing += 1
        elif isinstance(a8, str):
            a8 = _members_of_CommissionSide.get(a8, a8)
        else:
            raise DecodeError.wrong("side_commission_cc", "CommissionSide | str", a8)
        a9: Any = get("side_commission_service", UNSET)
        if a9.__class__ is str:
            a9 = _members_of_CommissionSide.get(a9, a9)
        elif a9 is UNSET:
            missing += 1
        elif isinstance(a9, str):
            a9 = _members_of_CommissionSide.get(a9, a9)
        else:
            raise DecodeError.wrong("side_commission_service", "CommissionSide | str", a9)
        a10: Any = get("type_payments", UNSET)
        if a10.__class__ is str:
            pass
        elif a10 is UNSET:
            missing += 1
        elif a10 is None:
            pass
        elif isinstance(a10, str):
            pass
        else:
            raise DecodeError.wrong("type_payments", "null | str", a10)
        a11: Any = get("invoice_id", UNSET)
        if a11.__class__ is str:
            pass
        elif a11 is UNSET:
            missing += 1
        elif a11 is None:
            pass
        elif isinstance(a11, str):
            pass
        else:
            raise DecodeError.wrong("invoice_id", "null | str", a11)
        a12: Any = get("amount", UNSET)
        if a12.__class__ is Decimal and a12.is_finite() and -40 <= a12.adjusted() <= 40:
            pass
        elif (
            a12.__class__ is int
            and -100000000000000000000000000000000000000000 < a12 < 100000000000000000000000000000000000000000
        ):
            a12 = Decimal(a12)
        elif a12 is UNSET:
            missing += 1
        elif a12 is None:
            raise DecodeError.wrong("amount", "Decimal", a12)
        else:
            try:
                a12 = parse_decimal(a12)
            except (TypeError, ValueError, ArithmeticError) as exc:
                raise DecodeError("amount", str(exc)) from None
        a13: Any = get("amount_in_fiat", UNSET)
        if a13.__class__ is Decimal and a13.is_finite() and -40 <= a13.adjusted() <= 40:
            pass
        elif (
            a13.__class__ is int
            and -100000000000000000000000000000000000000000 < a13 < 100000000000000000000000000000000000000000
        ):
            a13 = Decimal(a13)
        elif a13 is UNSET:
            missing += 1
        elif a13 is None:
            raise DecodeError.wrong("amount_in_fiat", "Decimal", a13)
        else:
            try:
                a13 = parse_decimal(a13)
            except (TypeError, ValueError, ArithmeticError) as exc:
                raise DecodeError("amount_in_fiat", str(exc)) from None
        a14: Any = get("fee", UNSET)
        if a14.__class__ is Decimal and a14.is_finite() and -40 <= a14.adjusted() <= 40:
            pass
        elif (
            a14.__class__ is int
            and -100000000000000000000000000000000000000000 < a14 < 100000000000000000000000000000000000000000
        ):
            a14 = Decimal(a14)
        elif a14 is UNSET:
            missing += 1
        elif a14 is None:
            raise DecodeError.wrong("fee", "Decimal", a14)
        else:
            try:
                a14 = parse_decimal(a14)
            except (TypeError, ValueError, ArithmeticError) as exc:
                raise DecodeError("fee", str(exc)) from None
        a15: Any = get("fee_usd", UNSET)
        if a15.__class__ is Decimal and a15.is_finite() and -40 <= a15.adjusted() <= 40:
            pass
        elif (
            a15.__class__ is int
            and -100000000000000000000000000000000000000000 < a15 < 100000000000000000000000000000000000000000
        ):
            a15 = Decimal(a15)
        elif a15 is UNSET:
            missing += 1
        elif a15 is None:
            raise DecodeError.wrong("fee_usd", "Decimal", a15)
        else:
            try:
                a15 = parse_decimal(a15)
            except (TypeError, ValueError, ArithmeticError) as exc:
                raise DecodeError("fee_usd", str(exc)) from None
        a16: Any = get("service_fee", UNSET)
        if a16.__class__ is Decimal and a16.is_finite() and -40 <= a16.adjusted() <= 40:
            pass
        elif (
            a16.__class__ is int
            and -100000000000000000000000000000000000000000 < a16 < 100000000000000000000000000000000000000000
        ):
            a16 = Decimal(a16)
        elif a16 is UNSET:
            missing += 1
        elif a16 is None:
            raise DecodeError.wrong("service_fee", "Decimal", a16)
        else:
            try:
                a16 = parse_decimal(a16)
            except (TypeError, ValueError, ArithmeticError) as exc:
                raise DecodeError("service_fee", str(exc)) from None
        a17: Any = get("service_fee_usd", UNSET)
        if a17.__class__ is Decimal and a17.is_finite() and -40 <= a17.adjusted() <= 40:
            pass
        elif (
            a17.__class__ is int
            and -100000000000000000000000000000000000000000 < a17 < 100000000000000000000000000000000000000000
        ):
            a17 = Decimal(a17)
        elif a17 is UNSET:
            missing += 1
        elif a17 is None:
            raise DecodeError.wrong("service_fee_usd", "Decimal", a17)
        else:
            try:
                a17 = parse_decimal(a17)
            except (TypeError, ValueError, ArithmeticError) as exc:
                raise DecodeError("service_fee_usd", str(exc)) from None
        a18: Any = get("fiat_currency", UNSET)
        if a18.__class__ is str:
            a18 = _members_of_FiatCurrency.get(a18, a18)
        elif a18 is UNSET:
            missing += 1
        elif isinstance(a18, str):
            a18 = _members_of_FiatCurrency.get(a18, a18)
        else:
            raise DecodeError.wrong("fiat_currency", "FiatCurrency | str", a18)
        a19: Any = get("is_email_required", UNSET)
        if a19 is True or a19 is False:
            pass
        elif a19 is UNSET:
            missing += 1
        else:
            raise DecodeError.wrong("is_email_required", "bool", a19)
        a20: Any = get("currency", UNSET)
        if a20.__class__ is dict:
            try:
                a20 = Currency.from_dict(a20)
            except DecodeError as exc:
                raise exc.inside("currency") from None
        elif a20 is UNSET:
            missing += 1
        elif a20 is None:
            pass
        else:
            raise DecodeError.wrong("currency", "Currency | null", a20)
        a21: Any = get("project", UNSET)
        if a21.__class__ is dict:
            try:
                a21 = Project.from_dict(a21)
            except DecodeError as exc:
                raise exc.inside("project") from None
        elif a21 == "" or a21 == []:
            try:
                a21 = Project.from_dict({})
            except DecodeError as exc:
                raise exc.inside("project") from None
        elif a21 is UNSET:
            missing += 1
        else:
            raise DecodeError.wrong("project", "Project", a21)
        a22: Any = get("test_mode", UNSET)
        if a22 is True or a22 is False:
            pass
        elif a22 is UNSET:
            missing += 1
        else:
            raise DecodeError.wrong("test_mode", "bool", a22)
        obj = cls(
            a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15, a16, a17, a18, a19, a20, a21, a22
        )
        if len(d) != 23 - missing:
            known = cls._json_keys
            if not d.keys() <= known:
                obj.additional_properties = {k: x for k, x in d.items() if k not in known}
        return obj

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
