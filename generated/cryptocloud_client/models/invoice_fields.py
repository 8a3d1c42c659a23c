from __future__ import annotations

import datetime
from collections.abc import Mapping
from decimal import Decimal
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .._exact import parse_decimal, parse_utc_datetime
from ..models.commission_side import CommissionSide
from ..models.currency import Currency
from ..models.fiat_currency import FiatCurrency
from ..models.invoice_status import InvoiceStatus
from ..models.project import Project
from ..types import UNSET, Unset

T = TypeVar("T", bound="InvoiceFields")


@_attrs_define
class InvoiceFields:
    """The fields an invoice may carry, whichever operation returns it; only `uuid` and `status` are always
    there (see the document's rule on required fields). Unknown fields are kept.

        Attributes:
            uuid (str): Unique invoice identifier with the `INV-` prefix.
            status (InvoiceStatus | str): Invoice status (open; an unknown status is kept as a string). Always `created` on
                creation.
            created (datetime.datetime | Unset): Creation time, UTC.
            address (None | str | Unset): Payment address; filled only when a payment currency was chosen
                (`add_fields.cryptocurrency`), `""` otherwise in real answers.
            expiry_date (datetime.datetime | Unset): When the invoice expires, UTC; an unpaid invoice is canceled then.
            side_commission (CommissionSide | str | Unset): Who pays a fee (open; an unknown value is kept as a string).
            side_commission_cc (CommissionSide | str | Unset): Who pays a fee (open; an unknown value is kept as a string).
            side_commission_service (CommissionSide | str | Unset): Who pays a fee (open; an unknown value is kept as a
                string).
            type_payments (None | str | Unset): How the invoice is paid (`crypto` in every answer seen; kept as text).
            invoice_id (None | str | Unset): A second invoice id of real create answers (`null` in every answer seen).
            amount (Decimal | Unset): Invoice amount in the selected cryptocurrency.
            amount_usd (Decimal | Unset): Invoice amount in USD.
            amount_in_fiat (Decimal | Unset): Invoice amount in the currency it was created in (`fiat_currency`).
            fee (Decimal | Unset): Transfer fee, in the selected cryptocurrency.
            fee_usd (Decimal | Unset): Transfer fee in USD.
            service_fee (Decimal | Unset): Service fee, in the selected cryptocurrency.
            service_fee_usd (Decimal | Unset): Service fee in USD.
            fiat_currency (FiatCurrency | str | Unset): Fiat currency the invoice was created in (open; an unknown code is
                kept as a string).
            is_email_required (bool | Unset): Whether the payer must give an email on the invoice page.
            link (str | Unset): Link to the invoice page, on `pay.trybit.com` or the legacy `pay.cryptocloud.plus`; may come
                without a scheme (`pay.cryptocloud.plus/89UX09KA`).
            currency (Currency | None | Unset): The payment currency; null is accepted in case no currency was chosen yet.
            project (Project | Unset): The shop (project) the invoice belongs to.
            test_mode (bool | Unset): Whether this is a test invoice (the project is in test mode).
    """

    uuid: str
    status: InvoiceStatus | str
    created: datetime.datetime | Unset = UNSET
    address: None | str | Unset = UNSET
    expiry_date: datetime.datetime | Unset = UNSET
    side_commission: CommissionSide | str | Unset = UNSET
    side_commission_cc: CommissionSide | str | Unset = UNSET
    side_commission_service: CommissionSide | str | Unset = UNSET
    type_payments: None | str | Unset = UNSET
    invoice_id: None | str | Unset = UNSET
    amount: Decimal | Unset = UNSET
    amount_usd: Decimal | Unset = UNSET
    amount_in_fiat: Decimal | Unset = UNSET
    fee: Decimal | Unset = UNSET
    fee_usd: Decimal | Unset = UNSET
    service_fee: Decimal | Unset = UNSET
    service_fee_usd: Decimal | Unset = UNSET
    fiat_currency: FiatCurrency | str | Unset = UNSET
    is_email_required: bool | Unset = UNSET
    link: str | Unset = UNSET
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

        address: None | str | Unset
        if isinstance(self.address, Unset):
            address = UNSET
        else:
            address = self.address

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

        amount_usd = self.amount_usd

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

        link = self.link

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
            }
        )
        if created is not UNSET:
            field_dict["created"] = created
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
        if amount_usd is not UNSET:
            field_dict["amount_usd"] = amount_usd
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
        if link is not UNSET:
            field_dict["link"] = link
        if currency is not UNSET:
            field_dict["currency"] = currency
        if project is not UNSET:
            field_dict["project"] = project
        if test_mode is not UNSET:
            field_dict["test_mode"] = test_mode

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:

        d = dict(src_dict)
        uuid = d.pop("uuid")

        def _parse_status(data: object) -> InvoiceStatus | str:
            try:
                if not isinstance(data, str):
                    raise TypeError()
                componentsschemas_open_invoice_status_type_0 = cast(
                    InvoiceStatus, InvoiceStatus._value2member_map_[data]
                )

                return componentsschemas_open_invoice_status_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast("InvoiceStatus | str", data)

        status = _parse_status(d.pop("status"))

        created = parse_utc_datetime(d.pop("created", UNSET))

        def _parse_address(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast("None | str | Unset", data)

        address = _parse_address(d.pop("address", UNSET))

        expiry_date = parse_utc_datetime(d.pop("expiry_date", UNSET))

        def _parse_side_commission(data: object) -> CommissionSide | str | Unset:
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                componentsschemas_open_commission_side_type_0 = cast(
                    CommissionSide, CommissionSide._value2member_map_[data]
                )

                return componentsschemas_open_commission_side_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast("CommissionSide | str | Unset", data)

        side_commission = _parse_side_commission(d.pop("side_commission", UNSET))

        def _parse_side_commission_cc(data: object) -> CommissionSide | str | Unset:
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                componentsschemas_open_commission_side_type_0 = cast(
                    CommissionSide, CommissionSide._value2member_map_[data]
                )

                return componentsschemas_open_commission_side_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast("CommissionSide | str | Unset", data)

        side_commission_cc = _parse_side_commission_cc(d.pop("side_commission_cc", UNSET))

        def _parse_side_commission_service(data: object) -> CommissionSide | str | Unset:
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                componentsschemas_open_commission_side_type_0 = cast(
                    CommissionSide, CommissionSide._value2member_map_[data]
                )

                return componentsschemas_open_commission_side_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast("CommissionSide | str | Unset", data)

        side_commission_service = _parse_side_commission_service(d.pop("side_commission_service", UNSET))

        def _parse_type_payments(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast("None | str | Unset", data)

        type_payments = _parse_type_payments(d.pop("type_payments", UNSET))

        def _parse_invoice_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast("None | str | Unset", data)

        invoice_id = _parse_invoice_id(d.pop("invoice_id", UNSET))

        amount = parse_decimal(d.pop("amount", UNSET))

        amount_usd = parse_decimal(d.pop("amount_usd", UNSET))

        amount_in_fiat = parse_decimal(d.pop("amount_in_fiat", UNSET))

        fee = parse_decimal(d.pop("fee", UNSET))

        fee_usd = parse_decimal(d.pop("fee_usd", UNSET))

        service_fee = parse_decimal(d.pop("service_fee", UNSET))

        service_fee_usd = parse_decimal(d.pop("service_fee_usd", UNSET))

        def _parse_fiat_currency(data: object) -> FiatCurrency | str | Unset:
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                componentsschemas_open_fiat_currency_type_0 = cast(FiatCurrency, FiatCurrency._value2member_map_[data])

                return componentsschemas_open_fiat_currency_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast("FiatCurrency | str | Unset", data)

        fiat_currency = _parse_fiat_currency(d.pop("fiat_currency", UNSET))

        is_email_required = d.pop("is_email_required", UNSET)

        link = d.pop("link", UNSET)

        def _parse_currency(data: object) -> Currency | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                currency_type_0 = Currency.from_dict(data)

                return currency_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast("Currency | None | Unset", data)

        currency = _parse_currency(d.pop("currency", UNSET))

        _project = d.pop("project", UNSET)
        project: Project | Unset
        if isinstance(_project, Unset):
            project = UNSET
        else:
            project = Project.from_dict(_project)

        test_mode = d.pop("test_mode", UNSET)

        invoice_fields = cls(
            uuid=uuid,
            status=status,
            created=created,
            address=address,
            expiry_date=expiry_date,
            side_commission=side_commission,
            side_commission_cc=side_commission_cc,
            side_commission_service=side_commission_service,
            type_payments=type_payments,
            invoice_id=invoice_id,
            amount=amount,
            amount_usd=amount_usd,
            amount_in_fiat=amount_in_fiat,
            fee=fee,
            fee_usd=fee_usd,
            service_fee=service_fee,
            service_fee_usd=service_fee_usd,
            fiat_currency=fiat_currency,
            is_email_required=is_email_required,
            link=link,
            currency=currency,
            project=project,
            test_mode=test_mode,
        )

        invoice_fields.additional_properties = d
        return invoice_fields

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
