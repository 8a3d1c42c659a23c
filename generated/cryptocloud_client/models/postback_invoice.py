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

T = TypeVar("T", bound="PostbackInvoice")


@_attrs_define
class PostbackInvoice:
    """The invoice inside a postback (`invoice_info`): the fields of an invoice read back by info, and more.
    Only `uuid` and `status` are always there. Unknown fields are kept.

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
            order_id (None | str | Unset): The shop's order number given at creation.
            received (Decimal | None | Unset): Amount received so far, in the payment currency.
            received_usd (Decimal | None | Unset): Amount received so far, in USD.
            to_surcharge (Decimal | None | Unset): Amount still due after a partial payment, in the payment currency.
            to_surcharge_usd (Decimal | None | Unset): Amount still due after a partial payment, in USD.
            date_finished (None | datetime.datetime | Unset): When the invoice was paid or canceled, UTC.
            invoice_status (None | str | Unset): A second status field of listed invoices (values not documented; kept as
                text; `success` even when `status` is `overpaid`).
            tx_list (list[Any] | Unset): Transactions of the payment (shape not documented; kept as sent).
            amount_ (Decimal | None | Unset): The invoice amount again (undocumented; seen in postbacks).
            amount_in_crypto (Decimal | None | Unset): Amount in the payment currency (`null` in the postbacks seen).
            amount_to_pay (Decimal | None | Unset): Amount the payer had to pay, fees included, in the payment currency.
            amount_to_pay_usd (Decimal | None | Unset): Amount the payer had to pay, fees included, in USD.
            amount_paid (Decimal | None | Unset): Amount paid, in the payment currency.
            amount_paid_usd (Decimal | None | Unset): Amount paid, in USD.
            total_rub (Decimal | None | Unset): Amount in rubles (0 in the postbacks seen).
            step (int | None | Unset): Stage of the payment page the payer reached (3 in the postbacks seen).
            type_ (None | str | Unset): Kind of invoice (`up` in the postbacks seen; kept as text).
            aml_enabled (bool | None | Unset): Whether an AML check applies to the payment.
            aml_side (None | str | Unset): Who pays the AML check (`merchant` in the postbacks seen; kept as text).
            aml_checks (list[Any] | Unset): AML checks made (shape not documented; kept as sent).
            links_invoice (Any | Unset): Related invoices (`null` in the postbacks seen; shape not documented, kept as
                sent).
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
    order_id: None | str | Unset = UNSET
    received: Decimal | None | Unset = UNSET
    received_usd: Decimal | None | Unset = UNSET
    to_surcharge: Decimal | None | Unset = UNSET
    to_surcharge_usd: Decimal | None | Unset = UNSET
    date_finished: None | datetime.datetime | Unset = UNSET
    invoice_status: None | str | Unset = UNSET
    tx_list: list[Any] | Unset = UNSET
    amount_: Decimal | None | Unset = UNSET
    amount_in_crypto: Decimal | None | Unset = UNSET
    amount_to_pay: Decimal | None | Unset = UNSET
    amount_to_pay_usd: Decimal | None | Unset = UNSET
    amount_paid: Decimal | None | Unset = UNSET
    amount_paid_usd: Decimal | None | Unset = UNSET
    total_rub: Decimal | None | Unset = UNSET
    step: int | None | Unset = UNSET
    type_: None | str | Unset = UNSET
    aml_enabled: bool | None | Unset = UNSET
    aml_side: None | str | Unset = UNSET
    aml_checks: list[Any] | Unset = UNSET
    links_invoice: Any | Unset = UNSET
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

        order_id: None | str | Unset
        if isinstance(self.order_id, Unset):
            order_id = UNSET
        else:
            order_id = self.order_id

        received: Decimal | None | Unset
        if isinstance(self.received, Unset):
            received = UNSET
        else:
            received = self.received

        received_usd: Decimal | None | Unset
        if isinstance(self.received_usd, Unset):
            received_usd = UNSET
        else:
            received_usd = self.received_usd

        to_surcharge: Decimal | None | Unset
        if isinstance(self.to_surcharge, Unset):
            to_surcharge = UNSET
        else:
            to_surcharge = self.to_surcharge

        to_surcharge_usd: Decimal | None | Unset
        if isinstance(self.to_surcharge_usd, Unset):
            to_surcharge_usd = UNSET
        else:
            to_surcharge_usd = self.to_surcharge_usd

        date_finished: None | datetime.datetime | Unset
        if isinstance(self.date_finished, Unset):
            date_finished = UNSET
        else:
            date_finished = self.date_finished

        invoice_status: None | str | Unset
        if isinstance(self.invoice_status, Unset):
            invoice_status = UNSET
        else:
            invoice_status = self.invoice_status

        tx_list: list[Any] | Unset = UNSET
        if not isinstance(self.tx_list, Unset):
            tx_list = self.tx_list

        amount_: Decimal | None | Unset
        if isinstance(self.amount_, Unset):
            amount_ = UNSET
        else:
            amount_ = self.amount_

        amount_in_crypto: Decimal | None | Unset
        if isinstance(self.amount_in_crypto, Unset):
            amount_in_crypto = UNSET
        else:
            amount_in_crypto = self.amount_in_crypto

        amount_to_pay: Decimal | None | Unset
        if isinstance(self.amount_to_pay, Unset):
            amount_to_pay = UNSET
        else:
            amount_to_pay = self.amount_to_pay

        amount_to_pay_usd: Decimal | None | Unset
        if isinstance(self.amount_to_pay_usd, Unset):
            amount_to_pay_usd = UNSET
        else:
            amount_to_pay_usd = self.amount_to_pay_usd

        amount_paid: Decimal | None | Unset
        if isinstance(self.amount_paid, Unset):
            amount_paid = UNSET
        else:
            amount_paid = self.amount_paid

        amount_paid_usd: Decimal | None | Unset
        if isinstance(self.amount_paid_usd, Unset):
            amount_paid_usd = UNSET
        else:
            amount_paid_usd = self.amount_paid_usd

        total_rub: Decimal | None | Unset
        if isinstance(self.total_rub, Unset):
            total_rub = UNSET
        else:
            total_rub = self.total_rub

        step: int | None | Unset
        if isinstance(self.step, Unset):
            step = UNSET
        else:
            step = self.step

        type_: None | str | Unset
        if isinstance(self.type_, Unset):
            type_ = UNSET
        else:
            type_ = self.type_

        aml_enabled: bool | None | Unset
        if isinstance(self.aml_enabled, Unset):
            aml_enabled = UNSET
        else:
            aml_enabled = self.aml_enabled

        aml_side: None | str | Unset
        if isinstance(self.aml_side, Unset):
            aml_side = UNSET
        else:
            aml_side = self.aml_side

        aml_checks: list[Any] | Unset = UNSET
        if not isinstance(self.aml_checks, Unset):
            aml_checks = self.aml_checks

        links_invoice = self.links_invoice

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
        if order_id is not UNSET:
            field_dict["order_id"] = order_id
        if received is not UNSET:
            field_dict["received"] = received
        if received_usd is not UNSET:
            field_dict["received_usd"] = received_usd
        if to_surcharge is not UNSET:
            field_dict["to_surcharge"] = to_surcharge
        if to_surcharge_usd is not UNSET:
            field_dict["to_surcharge_usd"] = to_surcharge_usd
        if date_finished is not UNSET:
            field_dict["date_finished"] = date_finished
        if invoice_status is not UNSET:
            field_dict["invoice_status"] = invoice_status
        if tx_list is not UNSET:
            field_dict["tx_list"] = tx_list
        if amount_ is not UNSET:
            field_dict["amount_"] = amount_
        if amount_in_crypto is not UNSET:
            field_dict["amount_in_crypto"] = amount_in_crypto
        if amount_to_pay is not UNSET:
            field_dict["amount_to_pay"] = amount_to_pay
        if amount_to_pay_usd is not UNSET:
            field_dict["amount_to_pay_usd"] = amount_to_pay_usd
        if amount_paid is not UNSET:
            field_dict["amount_paid"] = amount_paid
        if amount_paid_usd is not UNSET:
            field_dict["amount_paid_usd"] = amount_paid_usd
        if total_rub is not UNSET:
            field_dict["total_rub"] = total_rub
        if step is not UNSET:
            field_dict["step"] = step
        if type_ is not UNSET:
            field_dict["type"] = type_
        if aml_enabled is not UNSET:
            field_dict["aml_enabled"] = aml_enabled
        if aml_side is not UNSET:
            field_dict["aml_side"] = aml_side
        if aml_checks is not UNSET:
            field_dict["aml_checks"] = aml_checks
        if links_invoice is not UNSET:
            field_dict["links_invoice"] = links_invoice

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

        def _parse_order_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast("None | str | Unset", data)

        order_id = _parse_order_id(d.pop("order_id", UNSET))

        def _parse_received(data: object) -> Decimal | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast("Decimal | None | Unset", data)

        received = parse_decimal(_parse_received(d.pop("received", UNSET)))

        def _parse_received_usd(data: object) -> Decimal | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast("Decimal | None | Unset", data)

        received_usd = parse_decimal(_parse_received_usd(d.pop("received_usd", UNSET)))

        def _parse_to_surcharge(data: object) -> Decimal | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast("Decimal | None | Unset", data)

        to_surcharge = parse_decimal(_parse_to_surcharge(d.pop("to_surcharge", UNSET)))

        def _parse_to_surcharge_usd(data: object) -> Decimal | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast("Decimal | None | Unset", data)

        to_surcharge_usd = parse_decimal(_parse_to_surcharge_usd(d.pop("to_surcharge_usd", UNSET)))

        def _parse_date_finished(data: object) -> None | datetime.datetime | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast("None | datetime.datetime | Unset", data)

        date_finished = parse_utc_datetime(_parse_date_finished(d.pop("date_finished", UNSET)))

        def _parse_invoice_status(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast("None | str | Unset", data)

        invoice_status = _parse_invoice_status(d.pop("invoice_status", UNSET))

        tx_list = cast("list[Any]", d.pop("tx_list", UNSET))

        def _parse_amount_(data: object) -> Decimal | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast("Decimal | None | Unset", data)

        amount_ = parse_decimal(_parse_amount_(d.pop("amount_", UNSET)))

        def _parse_amount_in_crypto(data: object) -> Decimal | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast("Decimal | None | Unset", data)

        amount_in_crypto = parse_decimal(_parse_amount_in_crypto(d.pop("amount_in_crypto", UNSET)))

        def _parse_amount_to_pay(data: object) -> Decimal | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast("Decimal | None | Unset", data)

        amount_to_pay = parse_decimal(_parse_amount_to_pay(d.pop("amount_to_pay", UNSET)))

        def _parse_amount_to_pay_usd(data: object) -> Decimal | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast("Decimal | None | Unset", data)

        amount_to_pay_usd = parse_decimal(_parse_amount_to_pay_usd(d.pop("amount_to_pay_usd", UNSET)))

        def _parse_amount_paid(data: object) -> Decimal | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast("Decimal | None | Unset", data)

        amount_paid = parse_decimal(_parse_amount_paid(d.pop("amount_paid", UNSET)))

        def _parse_amount_paid_usd(data: object) -> Decimal | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast("Decimal | None | Unset", data)

        amount_paid_usd = parse_decimal(_parse_amount_paid_usd(d.pop("amount_paid_usd", UNSET)))

        def _parse_total_rub(data: object) -> Decimal | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast("Decimal | None | Unset", data)

        total_rub = parse_decimal(_parse_total_rub(d.pop("total_rub", UNSET)))

        def _parse_step(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast("int | None | Unset", data)

        step = _parse_step(d.pop("step", UNSET))

        def _parse_type_(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast("None | str | Unset", data)

        type_ = _parse_type_(d.pop("type", UNSET))

        def _parse_aml_enabled(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast("bool | None | Unset", data)

        aml_enabled = _parse_aml_enabled(d.pop("aml_enabled", UNSET))

        def _parse_aml_side(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast("None | str | Unset", data)

        aml_side = _parse_aml_side(d.pop("aml_side", UNSET))

        aml_checks = cast("list[Any]", d.pop("aml_checks", UNSET))

        links_invoice = d.pop("links_invoice", UNSET)

        postback_invoice = cls(
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
            order_id=order_id,
            received=received,
            received_usd=received_usd,
            to_surcharge=to_surcharge,
            to_surcharge_usd=to_surcharge_usd,
            date_finished=date_finished,
            invoice_status=invoice_status,
            tx_list=tx_list,
            amount_=amount_,
            amount_in_crypto=amount_in_crypto,
            amount_to_pay=amount_to_pay,
            amount_to_pay_usd=amount_to_pay_usd,
            amount_paid=amount_paid,
            amount_paid_usd=amount_paid_usd,
            total_rub=total_rub,
            step=step,
            type_=type_,
            aml_enabled=aml_enabled,
            aml_side=aml_side,
            aml_checks=aml_checks,
            links_invoice=links_invoice,
        )

        postback_invoice.additional_properties = d
        return postback_invoice

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
