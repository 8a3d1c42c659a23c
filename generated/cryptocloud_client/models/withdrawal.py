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
from ..models.currency import Currency
from ..types import UNSET, Unset

T = TypeVar("T", bound="Withdrawal")


@_attrs_define
class Withdrawal:
    """A withdrawal as created, in either docs version's shape (see the operation); unknown fields are kept.

    Attributes:
        invoice_id (str | Unset): The withdrawal's `INV-` id, in the older docs' answer.
        uuid (str | Unset): The withdrawal's `INV-` id, in the 2026 docs' answer.
        status (str | Unset): `created` in the docs (kept as text: no other value is documented).
        currency (Currency | str | Unset): The currency sent, as its full code (`USDT_TRC20`, older docs) or as a
            currency object (2026 docs).
        amount (Decimal | Unset): Amount sent, in `currency`.
        type_ (None | str | Unset): `dw` (a withdrawal) in the 2026 docs' answer.
        invoice_status (None | str | Unset): `start` in the 2026 docs' answer (kept as text).
        created (None | datetime.datetime | Unset): When the withdrawal was made, UTC.
        expiry_date (None | datetime.datetime | Unset): `null` in the 2026 docs' answer.
        date_finished (None | datetime.datetime | Unset): When the withdrawal was completed, UTC; `null` while it is not.
        address (None | str | Unset): The address sent to.
        side_commission (None | str | Unset): Who pays the transfer fee (kept as text).
        side_commission_cc (None | str | Unset): Who pays the service fee (kept as text).
        type_payments (None | str | Unset): `crypto` in the 2026 docs' answer (kept as text).
        order_id (None | str | Unset): `"None"` as text in the 2026 docs' answer: not a merchant's order.
        pay_url (None | str | Unset): `"None"` as text in the 2026 docs' answer: never a link.
        user_email (None | str | Unset): Empty in the 2026 docs' answer.
        phone (None | str | Unset): Empty in the 2026 docs' answer.
        aml_side (None | str | Unset): Who pays the AML check (kept as text).
        is_email_required (bool | None | Unset): As on an invoice; `false` in the 2026 docs' answer.
        test_mode (bool | None | Unset): Whether the project is in test mode.
        aml_enabled (bool | None | Unset): Whether an AML check applies.
        step (int | None | Unset): `1` in the 2026 docs' answer (not documented).
        amount_usd (Decimal | None | Unset): Amount sent, in USD.
        amount_in_fiat (Decimal | None | Unset): `0` in the 2026 docs' answer.
        amount_in_crypto (Decimal | None | Unset): `null` in the 2026 docs' answer.
        amount_to_pay (Decimal | None | Unset): Amount to send, in `currency`.
        amount_to_pay_usd (Decimal | None | Unset): Amount to send, in USD.
        amount_paid (Decimal | None | Unset): Amount sent so far, in `currency`.
        amount_paid_usd (Decimal | None | Unset): Amount sent so far, in USD.
        fee (Decimal | None | Unset): Transfer fee, in `currency`.
        fee_usd (Decimal | None | Unset): Transfer fee, in USD.
        service_fee (Decimal | None | Unset): Service fee, in `currency`.
        service_fee_usd (Decimal | None | Unset): Service fee, in USD.
        received (Decimal | None | Unset): As on an invoice (`0` in the 2026 docs' answer).
        received_usd (Decimal | None | Unset): As on an invoice, in USD.
        to_surcharge (Decimal | None | Unset): As on an invoice (the amount to send, in the 2026 docs' answer).
        to_surcharge_usd (Decimal | None | Unset): As on an invoice, in USD.
        total_rub (Decimal | None | Unset): Amount in rubles (`0` in the 2026 docs' answer).
        aml_cost (Decimal | None | Unset): Cost of the AML check, in `currency`.
        aml_cost_usd (Decimal | None | Unset): Cost of the AML check, in USD.
        project (Any | Unset): The project (shape as on an invoice; kept as sent).
        tx_list (Any | Unset): Transactions (shape not documented; kept as sent).
        currency_list (Any | Unset): Currencies of the project; each `network` is an array here (kept as sent).
        aml_checks (Any | Unset): AML checks made (shape not documented; kept as sent).
        links (Any | Unset): Related links (empty in the 2026 docs' answer; kept as sent).
    """

    invoice_id: str | Unset = UNSET
    uuid: str | Unset = UNSET
    status: str | Unset = UNSET
    currency: Currency | str | Unset = UNSET
    amount: Decimal | Unset = UNSET
    type_: None | str | Unset = UNSET
    invoice_status: None | str | Unset = UNSET
    created: None | datetime.datetime | Unset = UNSET
    expiry_date: None | datetime.datetime | Unset = UNSET
    date_finished: None | datetime.datetime | Unset = UNSET
    address: None | str | Unset = UNSET
    side_commission: None | str | Unset = UNSET
    side_commission_cc: None | str | Unset = UNSET
    type_payments: None | str | Unset = UNSET
    order_id: None | str | Unset = UNSET
    pay_url: None | str | Unset = UNSET
    user_email: None | str | Unset = UNSET
    phone: None | str | Unset = UNSET
    aml_side: None | str | Unset = UNSET
    is_email_required: bool | None | Unset = UNSET
    test_mode: bool | None | Unset = UNSET
    aml_enabled: bool | None | Unset = UNSET
    step: int | None | Unset = UNSET
    amount_usd: Decimal | None | Unset = UNSET
    amount_in_fiat: Decimal | None | Unset = UNSET
    amount_in_crypto: Decimal | None | Unset = UNSET
    amount_to_pay: Decimal | None | Unset = UNSET
    amount_to_pay_usd: Decimal | None | Unset = UNSET
    amount_paid: Decimal | None | Unset = UNSET
    amount_paid_usd: Decimal | None | Unset = UNSET
    fee: Decimal | None | Unset = UNSET
    fee_usd: Decimal | None | Unset = UNSET
    service_fee: Decimal | None | Unset = UNSET
    service_fee_usd: Decimal | None | Unset = UNSET
    received: Decimal | None | Unset = UNSET
    received_usd: Decimal | None | Unset = UNSET
    to_surcharge: Decimal | None | Unset = UNSET
    to_surcharge_usd: Decimal | None | Unset = UNSET
    total_rub: Decimal | None | Unset = UNSET
    aml_cost: Decimal | None | Unset = UNSET
    aml_cost_usd: Decimal | None | Unset = UNSET
    project: Any | Unset = UNSET
    tx_list: Any | Unset = UNSET
    currency_list: Any | Unset = UNSET
    aml_checks: Any | Unset = UNSET
    links: Any | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:

        invoice_id = self.invoice_id

        uuid = self.uuid

        status = self.status

        currency: dict[str, Any] | str | Unset
        if isinstance(self.currency, Unset):
            currency = UNSET
        elif isinstance(self.currency, Currency):
            currency = self.currency.to_dict()
        else:
            currency = self.currency

        amount = self.amount

        type_: None | str | Unset
        if isinstance(self.type_, Unset):
            type_ = UNSET
        else:
            type_ = self.type_

        invoice_status: None | str | Unset
        if isinstance(self.invoice_status, Unset):
            invoice_status = UNSET
        else:
            invoice_status = self.invoice_status

        created: None | datetime.datetime | Unset
        if isinstance(self.created, Unset):
            created = UNSET
        else:
            created = self.created

        expiry_date: None | datetime.datetime | Unset
        if isinstance(self.expiry_date, Unset):
            expiry_date = UNSET
        else:
            expiry_date = self.expiry_date

        date_finished: None | datetime.datetime | Unset
        if isinstance(self.date_finished, Unset):
            date_finished = UNSET
        else:
            date_finished = self.date_finished

        address: None | str | Unset
        if isinstance(self.address, Unset):
            address = UNSET
        else:
            address = self.address

        side_commission: None | str | Unset
        if isinstance(self.side_commission, Unset):
            side_commission = UNSET
        else:
            side_commission = self.side_commission

        side_commission_cc: None | str | Unset
        if isinstance(self.side_commission_cc, Unset):
            side_commission_cc = UNSET
        else:
            side_commission_cc = self.side_commission_cc

        type_payments: None | str | Unset
        if isinstance(self.type_payments, Unset):
            type_payments = UNSET
        else:
            type_payments = self.type_payments

        order_id: None | str | Unset
        if isinstance(self.order_id, Unset):
            order_id = UNSET
        else:
            order_id = self.order_id

        pay_url: None | str | Unset
        if isinstance(self.pay_url, Unset):
            pay_url = UNSET
        else:
            pay_url = self.pay_url

        user_email: None | str | Unset
        if isinstance(self.user_email, Unset):
            user_email = UNSET
        else:
            user_email = self.user_email

        phone: None | str | Unset
        if isinstance(self.phone, Unset):
            phone = UNSET
        else:
            phone = self.phone

        aml_side: None | str | Unset
        if isinstance(self.aml_side, Unset):
            aml_side = UNSET
        else:
            aml_side = self.aml_side

        is_email_required: bool | None | Unset
        if isinstance(self.is_email_required, Unset):
            is_email_required = UNSET
        else:
            is_email_required = self.is_email_required

        test_mode: bool | None | Unset
        if isinstance(self.test_mode, Unset):
            test_mode = UNSET
        else:
            test_mode = self.test_mode

        aml_enabled: bool | None | Unset
        if isinstance(self.aml_enabled, Unset):
            aml_enabled = UNSET
        else:
            aml_enabled = self.aml_enabled

        step: int | None | Unset
        if isinstance(self.step, Unset):
            step = UNSET
        else:
            step = self.step

        amount_usd: Decimal | None | Unset
        if isinstance(self.amount_usd, Unset):
            amount_usd = UNSET
        else:
            amount_usd = self.amount_usd

        amount_in_fiat: Decimal | None | Unset
        if isinstance(self.amount_in_fiat, Unset):
            amount_in_fiat = UNSET
        else:
            amount_in_fiat = self.amount_in_fiat

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

        fee: Decimal | None | Unset
        if isinstance(self.fee, Unset):
            fee = UNSET
        else:
            fee = self.fee

        fee_usd: Decimal | None | Unset
        if isinstance(self.fee_usd, Unset):
            fee_usd = UNSET
        else:
            fee_usd = self.fee_usd

        service_fee: Decimal | None | Unset
        if isinstance(self.service_fee, Unset):
            service_fee = UNSET
        else:
            service_fee = self.service_fee

        service_fee_usd: Decimal | None | Unset
        if isinstance(self.service_fee_usd, Unset):
            service_fee_usd = UNSET
        else:
            service_fee_usd = self.service_fee_usd

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

        total_rub: Decimal | None | Unset
        if isinstance(self.total_rub, Unset):
            total_rub = UNSET
        else:
            total_rub = self.total_rub

        aml_cost: Decimal | None | Unset
        if isinstance(self.aml_cost, Unset):
            aml_cost = UNSET
        else:
            aml_cost = self.aml_cost

        aml_cost_usd: Decimal | None | Unset
        if isinstance(self.aml_cost_usd, Unset):
            aml_cost_usd = UNSET
        else:
            aml_cost_usd = self.aml_cost_usd

        project = self.project

        tx_list = self.tx_list

        currency_list = self.currency_list

        aml_checks = self.aml_checks

        links = self.links

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if invoice_id is not UNSET:
            field_dict["invoice_id"] = invoice_id
        if uuid is not UNSET:
            field_dict["uuid"] = uuid
        if status is not UNSET:
            field_dict["status"] = status
        if currency is not UNSET:
            field_dict["currency"] = currency
        if amount is not UNSET:
            field_dict["amount"] = amount
        if type_ is not UNSET:
            field_dict["type"] = type_
        if invoice_status is not UNSET:
            field_dict["invoice_status"] = invoice_status
        if created is not UNSET:
            field_dict["created"] = created
        if expiry_date is not UNSET:
            field_dict["expiry_date"] = expiry_date
        if date_finished is not UNSET:
            field_dict["date_finished"] = date_finished
        if address is not UNSET:
            field_dict["address"] = address
        if side_commission is not UNSET:
            field_dict["side_commission"] = side_commission
        if side_commission_cc is not UNSET:
            field_dict["side_commission_cc"] = side_commission_cc
        if type_payments is not UNSET:
            field_dict["type_payments"] = type_payments
        if order_id is not UNSET:
            field_dict["order_id"] = order_id
        if pay_url is not UNSET:
            field_dict["pay_url"] = pay_url
        if user_email is not UNSET:
            field_dict["user_email"] = user_email
        if phone is not UNSET:
            field_dict["phone"] = phone
        if aml_side is not UNSET:
            field_dict["aml_side"] = aml_side
        if is_email_required is not UNSET:
            field_dict["is_email_required"] = is_email_required
        if test_mode is not UNSET:
            field_dict["test_mode"] = test_mode
        if aml_enabled is not UNSET:
            field_dict["aml_enabled"] = aml_enabled
        if step is not UNSET:
            field_dict["step"] = step
        if amount_usd is not UNSET:
            field_dict["amount_usd"] = amount_usd
        if amount_in_fiat is not UNSET:
            field_dict["amount_in_fiat"] = amount_in_fiat
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
        if fee is not UNSET:
            field_dict["fee"] = fee
        if fee_usd is not UNSET:
            field_dict["fee_usd"] = fee_usd
        if service_fee is not UNSET:
            field_dict["service_fee"] = service_fee
        if service_fee_usd is not UNSET:
            field_dict["service_fee_usd"] = service_fee_usd
        if received is not UNSET:
            field_dict["received"] = received
        if received_usd is not UNSET:
            field_dict["received_usd"] = received_usd
        if to_surcharge is not UNSET:
            field_dict["to_surcharge"] = to_surcharge
        if to_surcharge_usd is not UNSET:
            field_dict["to_surcharge_usd"] = to_surcharge_usd
        if total_rub is not UNSET:
            field_dict["total_rub"] = total_rub
        if aml_cost is not UNSET:
            field_dict["aml_cost"] = aml_cost
        if aml_cost_usd is not UNSET:
            field_dict["aml_cost_usd"] = aml_cost_usd
        if project is not UNSET:
            field_dict["project"] = project
        if tx_list is not UNSET:
            field_dict["tx_list"] = tx_list
        if currency_list is not UNSET:
            field_dict["currency_list"] = currency_list
        if aml_checks is not UNSET:
            field_dict["aml_checks"] = aml_checks
        if links is not UNSET:
            field_dict["links"] = links

        return field_dict

    _json_keys: ClassVar[frozenset[str]] = frozenset(
        [
            "address",
            "aml_checks",
            "aml_cost",
            "aml_cost_usd",
            "aml_enabled",
            "aml_side",
            "amount",
            "amount_in_crypto",
            "amount_in_fiat",
            "amount_paid",
            "amount_paid_usd",
            "amount_to_pay",
            "amount_to_pay_usd",
            "amount_usd",
            "created",
            "currency",
            "currency_list",
            "date_finished",
            "expiry_date",
            "fee",
            "fee_usd",
            "invoice_id",
            "invoice_status",
            "is_email_required",
            "links",
            "order_id",
            "pay_url",
            "phone",
            "project",
            "received",
            "received_usd",
            "service_fee",
            "service_fee_usd",
            "side_commission",
            "side_commission_cc",
            "status",
            "step",
            "test_mode",
            "to_surcharge",
            "to_surcharge_usd",
            "total_rub",
            "tx_list",
            "type",
            "type_payments",
            "user_email",
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
        a0: Any = get("invoice_id", UNSET)
        if a0.__class__ is str:
            pass
        elif a0 is UNSET:
            missing += 1
        elif isinstance(a0, str):
            pass
        else:
            raise DecodeError.wrong("invoice_id", "str", a0)
        a1: Any = get("uuid", UNSET)
        if a1.__class__ is str:
            pass
        elif a1 is UNSET:
            missing += 1
        elif isinstance(a1, str):
            pass
        else:
            raise DecodeError.wrong("uuid", "str", a1)
        a2: Any = get("status", UNSET)
        if a2.__class__ is str:
            pass
        elif a2 is UNSET:
            missing += 1
        elif isinstance(a2, str):
            pass
        else:
            raise DecodeError.wrong("status", "str", a2)
        a3: Any = get("currency", UNSET)
        if a3.__class__ is dict:
            try:
                a3 = Currency.from_dict(a3)
            except DecodeError as exc:
                raise exc.inside("currency") from None
        elif a3.__class__ is str:
            pass
        elif a3 is UNSET:
            missing += 1
        elif isinstance(a3, str):
            pass
        else:
            raise DecodeError.wrong("currency", "Currency | str", a3)
        a4: Any = get("amount", UNSET)
        if a4.__class__ is Decimal and a4.is_finite() and -40 <= a4.adjusted() <= 40:
            pass
        elif (
            a4.__class__ is int
            and -100000000000000000000000000000000000000000 < a4 < 100000000000000000000000000000000000000000
        ):
            a4 = Decimal(a4)
        elif a4 is UNSET:
            missing += 1
        elif a4 is None:
            raise DecodeError.wrong("amount", "Decimal", a4)
        else:
            try:
                a4 = parse_decimal(a4)
            except (TypeError, ValueError, ArithmeticError) as exc:
                raise DecodeError("amount", str(exc)) from None
        a5: Any = get("type", UNSET)
        if a5.__class__ is str:
            pass
        elif a5 is UNSET:
            missing += 1
        elif a5 is None:
            pass
        elif isinstance(a5, str):
            pass
        else:
            raise DecodeError.wrong("type", "null | str", a5)
        a6: Any = get("invoice_status", UNSET)
        if a6.__class__ is str:
            pass
        elif a6 is UNSET:
            missing += 1
        elif a6 is None:
            pass
        elif isinstance(a6, str):
            pass
        else:
            raise DecodeError.wrong("invoice_status", "null | str", a6)
        a7: Any = get("created", UNSET)
        if a7.__class__ is str and len(a7) == 26 and usual_timestamp(a7):
            try:
                a7 = utc_fromisoformat(a7 + "+00:00")
            except ValueError:  # not a real date (month 13...): parse_utc_datetime says why
                try:
                    a7 = parse_utc_datetime(a7)
                except (TypeError, ValueError, ArithmeticError) as exc:
                    raise DecodeError("created", str(exc)) from None
        elif a7 is UNSET:
            missing += 1
        elif a7 is None:
            pass
        else:
            try:
                a7 = parse_utc_datetime(a7)
            except (TypeError, ValueError, ArithmeticError) as exc:
                raise DecodeError("created", str(exc)) from None
        a8: Any = get("expiry_date", UNSET)
        if a8.__class__ is str and len(a8) == 26 and usual_timestamp(a8):
            try:
                a8 = utc_fromisoformat(a8 + "+00:00")
            except ValueError:  # not a real date (month 13...): parse_utc_datetime says why
                try:
                    a8 = parse_utc_datetime(a8)
                except (TypeError, ValueError, ArithmeticError) as exc:
                    raise DecodeError("expiry_date", str(exc)) from None
        elif a8 is UNSET:
            missing += 1
        elif a8 is None:
            pass
        else:
            try:
                a8 = parse_utc_datetime(a8)
            except (TypeError, ValueError, ArithmeticError) as exc:
                raise DecodeError("expiry_date", str(exc)) from None
        a9: Any = get("date_finished", UNSET)
        if a9.__class__ is str and len(a9) == 26 and usual_timestamp(a9):
            try:
                a9 = utc_fromisoformat(a9 + "+00:00")
            except ValueError:  # not a real date (month 13...): parse_utc_datetime says why
                try:
                    a9 = parse_utc_datetime(a9)
                except (TypeError, ValueError, ArithmeticError) as exc:
                    raise DecodeError("date_finished", str(exc)) from None
        elif a9 is UNSET:
            missing += 1
        elif a9 is None:
            pass
        else:
            try:
                a9 = parse_utc_datetime(a9)
            except (TypeError, ValueError, ArithmeticError) as exc:
                raise DecodeError("date_finished", str(exc)) from None
        a10: Any = get("address", UNSET)
        if a10.__class__ is str:
            pass
        elif a10 is UNSET:
            missing += 1
        elif a10 is None:
            pass
        elif isinstance(a10, str):
            pass
        else:
            raise DecodeError.wrong("address", "null | str", a10)
        a11: Any = get("side_commission", UNSET)
        if a11.__class__ is str:
            pass
        elif a11 is UNSET:
            missing += 1
        elif a11 is None:
            pass
        elif isinstance(a11, str):
            pass
        else:
            raise DecodeError.wrong("side_commission", "null | str", a11)
        a12: Any = get("side_commission_cc", UNSET)
        if a12.__class__ is str:
            pass
        elif a12 is UNSET:
            missing += 1
        elif a12 is None:
            pass
        elif isinstance(a12, str):
            pass
        else:
            raise DecodeError.wrong("side_commission_cc", "null | str", a12)
        a13: Any = get("type_payments", UNSET)
        if a13.__class__ is str:
            pass
        elif a13 is UNSET:
            missing += 1
        elif a13 is None:
            pass
        elif isinstance(a13, str):
            pass
        else:
            raise DecodeError.wrong("type_payments", "null | str", a13)
        a14: Any = get("order_id", UNSET)
        if a14.__class__ is str:
            pass
        elif a14 is UNSET:
            missing += 1
        elif a14 is None:
            pass
        elif isinstance(a14, str):
            pass
        else:
            raise DecodeError.wrong("order_id", "null | str", a14)
        a15: Any = get("pay_url", UNSET)
        if a15.__class__ is str:
            pass
        elif a15 is UNSET:
            missing += 1
        elif a15 is None:
            pass
        elif isinstance(a15, str):
            pass
        else:
            raise DecodeError.wrong("pay_url", "null | str", a15)
        a16: Any = get("user_email", UNSET)
        if a16.__class__ is str:
            pass
        elif a16 is UNSET:
            missing += 1
        elif a16 is None:
            pass
        elif isinstance(a16, str):
            pass
        else:
            raise DecodeError.wrong("user_email", "null | str", a16)
        a17: Any = get("phone", UNSET)
        if a17.__class__ is str:
            pass
        elif a17 is UNSET:
            missing += 1
        elif a17 is None:
            pass
        elif isinstance(a17, str):
            pass
        else:
            raise DecodeError.wrong("phone", "null | str", a17)
        a18: Any = get("aml_side", UNSET)
        if a18.__class__ is str:
            pass
        elif a18 is UNSET:
            missing += 1
        elif a18 is None:
            pass
        elif isinstance(a18, str):
            pass
        else:
            raise DecodeError.wrong("aml_side", "null | str", a18)
        a19: Any = get("is_email_required", UNSET)
        if a19 is True or a19 is False:
            pass
        elif a19 is UNSET:
            missing += 1
        elif a19 is None:
            pass
        else:
            raise DecodeError.wrong("is_email_required", "bool | null", a19)
        a20: Any = get("test_mode", UNSET)
        if a20 is True or a20 is False:
            pass
        elif a20 is UNSET:
            missing += 1
        elif a20 is None:
            pass
        else:
            raise DecodeError.wrong("test_mode", "bool | null", a20)
        a21: Any = get("aml_enabled", UNSET)
        if a21 is True or a21 is False:
            pass
        elif a21 is UNSET:
            missing += 1
        elif a21 is None:
            pass
        else:
            raise DecodeError.wrong("aml_enabled", "bool | null", a21)
        a22: Any = get("step", UNSET)
        if a22.__class__ is int:
            pass
        elif a22 is UNSET:
            missing += 1
        elif a22 is None:
            pass
        else:
            raise DecodeError.wrong("step", "int | null", a22)
        a23: Any = get("amount_usd", UNSET)
        if a23.__class__ is Decimal and a23.is_finite() and -40 <= a23.adjusted() <= 40:
            pass
        elif (
            a23.__class__ is int
            and -100000000000000000000000000000000000000000 < a23 < 100000000000000000000000000000000000000000
        ):
            a23 = Decimal(a23)
        elif a23 is UNSET:
            missing += 1
        elif a23 is None:
            pass
        else:
            try:
                a23 = parse_decimal(a23)
            except (TypeError, ValueError, ArithmeticError) as exc:
                raise DecodeError("amount_usd", str(exc)) from None
        a24: Any = get("amount_in_fiat", UNSET)
        if a24.__class__ is Decimal and a24.is_finite() and -40 <= a24.adjusted() <= 40:
            pass
        elif (
            a24.__class__ is int
            and -100000000000000000000000000000000000000000 < a24 < 100000000000000000000000000000000000000000
        ):
            a24 = Decimal(a24)
        elif a24 is UNSET:
            missing += 1
        elif a24 is None:
            pass
        else:
            try:
                a24 = parse_decimal(a24)
            except (TypeError, ValueError, ArithmeticError) as exc:
                raise DecodeError("amount_in_fiat", str(exc)) from None
        a25: Any = get("amount_in_crypto", UNSET)
        if a25.__class__ is Decimal and a25.is_finite() and -40 <= a25.adjusted() <= 40:
            pass
        elif (
            a25.__class__ is int
            and -100000000000000000000000000000000000000000 < a25 < 100000000000000000000000000000000000000000
        ):
            a25 = Decimal(a25)
        elif a25 is UNSET:
            missing += 1
        elif a25 is None:
            pass
        else:
            try:
                a25 = parse_decimal(a25)
            except (TypeError, ValueError, ArithmeticError) as exc:
                raise DecodeError("amount_in_crypto", str(exc)) from None
        a26: Any = get("amount_to_pay", UNSET)
        if a26.__class__ is Decimal and a26.is_finite() and -40 <= a26.adjusted() <= 40:
            pass
        elif (
            a26.__class__ is int
            and -100000000000000000000000000000000000000000 < a26 < 100000000000000000000000000000000000000000
        ):
            a26 = Decimal(a26)
        elif a26 is UNSET:
            missing += 1
        elif a26 is None:
            pass
        else:
            try:
                a26 = parse_decimal(a26)
            except (TypeError, ValueError, ArithmeticError) as exc:
                raise DecodeError("amount_to_pay", str(exc)) from None
        a27: Any = get("amount_to_pay_usd", UNSET)
        if a27.__class__ is Decimal and a27.is_finite() and -40 <= a27.adjusted() <= 40:
            pass
        elif (
            a27.__class__ is int
            and -100000000000000000000000000000000000000000 < a27 < 100000000000000000000000000000000000000000
        ):
            a27 = Decimal(a27)
        elif a27 is UNSET:
            missing += 1
        elif a27 is None:
            pass
        else:
            try:
                a27 = parse_decimal(a27)
            except (TypeError, ValueError, ArithmeticError) as exc:
                raise DecodeError("amount_to_pay_usd", str(exc)) from None
        a28: Any = get("amount_paid", UNSET)
        if a28.__class__ is Decimal and a28.is_finite() and -40 <= a28.adjusted() <= 40:
            pass
        elif (
            a28.__class__ is int
            and -100000000000000000000000000000000000000000 < a28 < 100000000000000000000000000000000000000000
        ):
            a28 = Decimal(a28)
        elif a28 is UNSET:
            missing += 1
        elif a28 is None:
            pass
        else:
            try:
                a28 = parse_decimal(a28)
            except (TypeError, ValueError, ArithmeticError) as exc:
                raise DecodeError("amount_paid", str(exc)) from None
        a29: Any = get("amount_paid_usd", UNSET)
        if a29.__class__ is Decimal and a29.is_finite() and -40 <= a29.adjusted() <= 40:
            pass
        elif (
            a29.__class__ is int
            and -100000000000000000000000000000000000000000 < a29 < 100000000000000000000000000000000000000000
        ):
            a29 = Decimal(a29)
        elif a29 is UNSET:
            missing += 1
        elif a29 is None:
            pass
        else:
            try:
                a29 = parse_decimal(a29)
            except (TypeError, ValueError, ArithmeticError) as exc:
                raise DecodeError("amount_paid_usd", str(exc)) from None
        a30: Any = get("fee", UNSET)
        if a30.__class__ is Decimal and a30.is_finite() and -40 <= a30.adjusted() <= 40:
            pass
        elif (
            a30.__class__ is int
            and -100000000000000000000000000000000000000000 < a30 < 100000000000000000000000000000000000000000
        ):
            a30 = Decimal(a30)
        elif a30 is UNSET:
            missing += 1
        elif a30 is None:
            pass
        else:
            try:
                a30 = parse_decimal(a30)
            except (TypeError, ValueError, ArithmeticError) as exc:
                raise DecodeError("fee", str(exc)) from None
        a31: Any = get("fee_usd", UNSET)
        if a31.__class__ is Decimal and a31.is_finite() and -40 <= a31.adjusted() <= 40:
            pass
        elif (
            a31.__class__ is int
            and -100000000000000000000000000000000000000000 < a31 < 100000000000000000000000000000000000000000
        ):
            a31 = Decimal(a31)
        elif a31 is UNSET:
            missing += 1
        elif a31 is None:
            pass
        else:
            try:
                a31 = parse_decimal(a31)
            except (TypeError, ValueError, ArithmeticError) as exc:
                raise DecodeError("fee_usd", str(exc)) from None
        a32: Any = get("service_fee", UNSET)
        if a32.__class__ is Decimal and a32.is_finite() and -40 <= a32.adjusted() <= 40:
            pass
        elif (
            a32.__class__ is int
            and -100000000000000000000000000000000000000000 < a32 < 100000000000000000000000000000000000000000
        ):
            a32 = Decimal(a32)
        elif a32 is UNSET:
            missing += 1
        elif a32 is None:
            pass
        else:
            try:
                a32 = parse_decimal(a32)
            except (TypeError, ValueError, ArithmeticError) as exc:
                raise DecodeError("service_fee", str(exc)) from None
        a33: Any = get("service_fee_usd", UNSET)
        if a33.__class__ is Decimal and a33.is_finite() and -40 <= a33.adjusted() <= 40:
            pass
        elif (
            a33.__class__ is int
            and -100000000000000000000000000000000000000000 < a33 < 100000000000000000000000000000000000000000
        ):
            a33 = Decimal(a33)
        elif a33 is UNSET:
            missing += 1
        elif a33 is None:
            pass
        else:
            try:
                a33 = parse_decimal(a33)
            except (TypeError, ValueError, ArithmeticError) as exc:
                raise DecodeError("service_fee_usd", str(exc)) from None
        a34: Any = get("received", UNSET)
        if a34.__class__ is Decimal and a34.is_finite() and -40 <= a34.adjusted() <= 40:
            pass
        elif (
            a34.__class__ is int
            and -100000000000000000000000000000000000000000 < a34 < 100000000000000000000000000000000000000000
        ):
            a34 = Decimal(a34)
        elif a34 is UNSET:
            missing += 1
        elif a34 is None:
            pass
        else:
            try:
                a34 = parse_decimal(a34)
            except (TypeError, ValueError, ArithmeticError) as exc:
                raise DecodeError("received", str(exc)) from None
        a35: Any = get("received_usd", UNSET)
        if a35.__class__ is Decimal and a35.is_finite() and -40 <= a35.adjusted() <= 40:
            pass
        elif (
            a35.__class__ is int
            and -100000000000000000000000000000000000000000 < a35 < 100000000000000000000000000000000000000000
        ):
            a35 = Decimal(a35)
        elif a35 is UNSET:
            missing += 1
        elif a35 is None:
            pass
        else:
            try:
                a35 = parse_decimal(a35)
            except (TypeError, ValueError, ArithmeticError) as exc:
                raise DecodeError("received_usd", str(exc)) from None
        a36: Any = get("to_surcharge", UNSET)
        if a36.__class__ is Decimal and a36.is_finite() and -40 <= a36.adjusted() <= 40:
            pass
        elif (
            a36.__class__ is int
            and -100000000000000000000000000000000000000000 < a36 < 100000000000000000000000000000000000000000
        ):
            a36 = Decimal(a36)
        elif a36 is UNSET:
            missing += 1
        elif a36 is None:
            pass
        else:
            try:
                a36 = parse_decimal(a36)
            except (TypeError, ValueError, ArithmeticError) as exc:
                raise DecodeError("to_surcharge", str(exc)) from None
        a37: Any = get("to_surcharge_usd", UNSET)
        if a37.__class__ is Decimal and a37.is_finite() and -40 <= a37.adjusted() <= 40:
            pass
        elif (
            a37.__class__ is int
            and -100000000000000000000000000000000000000000 < a37 < 100000000000000000000000000000000000000000
        ):
            a37 = Decimal(a37)
        elif a37 is UNSET:
            missing += 1
        elif a37 is None:
            pass
        else:
            try:
                a37 = parse_decimal(a37)
            except (TypeError, ValueError, ArithmeticError) as exc:
                raise DecodeError("to_surcharge_usd", str(exc)) from None
        a38: Any = get("total_rub", UNSET)
        if a38.__class__ is Decimal and a38.is_finite() and -40 <= a38.adjusted() <= 40:
            pass
        elif (
            a38.__class__ is int
            and -100000000000000000000000000000000000000000 < a38 < 100000000000000000000000000000000000000000
        ):
            a38 = Decimal(a38)
        elif a38 is UNSET:
            missing += 1
        elif a38 is None:
            pass
        else:
            try:
                a38 = parse_decimal(a38)
            except (TypeError, ValueError, ArithmeticError) as exc:
                raise DecodeError("total_rub", str(exc)) from None
        a39: Any = get("aml_cost", UNSET)
        if a39.__class__ is Decimal and a39.is_finite() and -40 <= a39.adjusted() <= 40:
            pass
        elif (
            a39.__class__ is int
            and -100000000000000000000000000000000000000000 < a39 < 100000000000000000000000000000000000000000
        ):
            a39 = Decimal(a39)
        elif a39 is UNSET:
            missing += 1
        elif a39 is None:
            pass
        else:
            try:
                a39 = parse_decimal(a39)
            except (TypeError, ValueError, ArithmeticError) as exc:
                raise DecodeError("aml_cost", str(exc)) from None
        a40: Any = get("aml_cost_usd", UNSET)
        if a40.__class__ is Decimal and a40.is_finite() and -40 <= a40.adjusted() <= 40:
            pass
        elif (
            a40.__class__ is int
            and -100000000000000000000000000000000000000000 < a40 < 100000000000000000000000000000000000000000
        ):
            a40 = Decimal(a40)
        elif a40 is UNSET:
            missing += 1
        elif a40 is None:
            pass
        else:
            try:
                a40 = parse_decimal(a40)
            except (TypeError, ValueError, ArithmeticError) as exc:
                raise DecodeError("aml_cost_usd", str(exc)) from None
        a41: Any = get("project", UNSET)
        a42: Any = get("tx_list", UNSET)
        a43: Any = get("currency_list", UNSET)
        a44: Any = get("aml_checks", UNSET)
        a45: Any = get("links", UNSET)
        obj = cls(
            a0,
            a1,
            a2,
            a3,
            a4,
            a5,
            a6,
            a7,
            a8,
            a9,
            a10,
            a11,
            a12,
            a13,
            a14,
            a15,
            a16,
            a17,
            a18,
            a19,
            a20,
            a21,
            a22,
            a23,
            a24,
            a25,
            a26,
            a27,
            a28,
            a29,
            a30,
            a31,
            a32,
            a33,
            a34,
            a35,
            a36,
            a37,
            a38,
            a39,
            a40,
            a41,
            a42,
            a43,
            a44,
            a45,
        )
        if len(d) != 46 - missing:
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
