"""The generated ``from_dict`` decoders (written by codegen, ``openapi/codegen/decoders.py``): strict, one pass,
and the path of what is wrong in every refusal. The package alone decodes this way, the client relies on it."""

from __future__ import annotations

import copy
import typing
from collections.abc import Iterator
from datetime import UTC, datetime
from decimal import Decimal
from types import MappingProxyType
from typing import Any

import attrs
import cryptocloud_client.models as generated
import pytest
from cryptocloud.models import Invoice
from cryptocloud_client.exact import DecodeError, parse_decimal, parse_utc_datetime
from cryptocloud_client.models import CommissionSide, FiatCurrency, InvoiceStatus
from cryptocloud_client.types import UNSET
from support.recorded_tools import recorded, spec_examples

# Values that break one assumption or another: types, bounds of money, forms of time, empty containers.
EDGE_VALUES: list[Any] = [
    True,
    0,
    2**70,
    10**41,
    Decimal("1E+41"),
    Decimal("-0.0"),
    "12.50",
    "",
    "refunded",
    "2026-01-02T10:11:12.123456",
    "2026-13-02 10:11:12.123456",
    "\uff12\uff10\uff12\uff16-01-02 10:11:12.123456",
    None,
    [],
    ["a"],
    {},
    {"code": 5},
]


def model_bodies() -> Iterator[tuple[str, type, dict[str, Any]]]:
    """(label, generated class, body) for each object of the recorded answers and spec examples, by the envelope
    model of its operation (derived from the spec's examples: a new operation's example is covered too)."""
    by_operation = {
        "createInvoice": generated.InvoiceCreateResponse,
        "getInvoiceInfo": generated.InvoiceListResponse,
        "listInvoices": generated.InvoiceListResponse,
        "cancelInvoice": generated.InvoiceCancelResponse,
        "getBalances": generated.BalanceListResponse,
        "getStatistics": generated.StatisticsResponse,
        "createStaticWallet": generated.StaticWalletResponse,
        "createWithdrawal": generated.WithdrawalResponse,
    }
    sources = [(name, answer["operation"], answer["body"]) for name, answer in sorted(recorded().items())]
    for name, operation, body in [*sources, *spec_examples()]:
        cls = by_operation.get(operation)
        if cls is not None and isinstance(body, dict) and body.get("status") == "success" and "result" in body:
            yield name, cls, body


def test_every_recorded_answer_and_example_decodes() -> None:
    bodies = list(model_bodies())
    assert bodies, "no recorded answers or examples found (tests/recorded/, the spec's examples)"
    for label, cls, body in bodies:
        decoded = typing.cast(Any, cls).from_dict(copy.deepcopy(body))
        assert decoded.additional_properties == {}, label  # every field of the evidence is in the spec


def _fields(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls, localns=vars(generated))


def edge_cases() -> Iterator[tuple[str, type, dict[str, Any], str]]:
    """Each field of each recorded invoice (nested objects one level down) set to each edge value: (label, class,
    body, the field's path)."""
    for label, cls, body in model_bodies():
        hint = _fields(cls)["result"]
        if attrs.has(hint):
            objects = [(hint, body["result"])]
        elif typing.get_origin(hint) is list and attrs.has(typing.get_args(hint)[0]):
            objects = [(typing.get_args(hint)[0], item) for item in body["result"]]
        else:
            continue
        for item_cls, result in objects:
            yield from _edges(label, item_cls, result)


def _edges(label: str, item_cls: type, result: dict[str, Any]) -> Iterator[tuple[str, type, dict[str, Any], str]]:
    for key, value in result.items():
        for edge in EDGE_VALUES:
            yield f"{label}:{key}={edge!r}", item_cls, result | {key: edge}, key
        if isinstance(value, dict):
            for inner in value:
                for edge in EDGE_VALUES:
                    yield f"{label}:{key}.{inner}={edge!r}", item_cls, result | {key: value | {inner: edge}}, key


def test_an_edge_value_anywhere_decodes_or_is_refused_naming_its_field() -> None:
    cases = list(edge_cases())
    assert len(cases) > len(EDGE_VALUES)
    refused = 0
    for label, cls, body, key in cases:
        try:
            typing.cast(Any, cls).from_dict(body)
        except DecodeError as exc:  # nothing else may escape: no KeyError, TypeError, InvalidOperation
            refused += 1
            assert exc.path == key or exc.path.startswith((f"{key}.", f"{key}[")), (label, exc.path)
            assert str(exc) == f"{exc.path}: {exc.problem}"
    assert 0 < refused < len(cases)  # both outcomes, in bulk


def test_paths_reach_into_lists_and_nested_objects() -> None:
    body = next(b for _, cls, b in model_bodies() if cls is generated.InvoiceCreateResponse)
    invoice = body["result"]
    page = {"status": "success", "result": [invoice, invoice | {"currency": invoice["currency"] | {"code": 5}}]}
    with pytest.raises(DecodeError) as info:
        generated.InvoiceListResponse.from_dict(page)
    assert (info.value.path, info.value.problem) == ("result[1].currency.code", "expected str, got int 5")
    with pytest.raises(DecodeError) as info:
        generated.InvoiceListResponse.from_dict({"status": "success", "result": [invoice, 7]})
    assert (info.value.path, info.value.problem) == ("result[1]", "expected InvoiceDetails, got int 7")
    with pytest.raises(DecodeError) as info:
        generated.Invoice.from_dict({k: v for k, v in invoice.items() if k != "uuid"})
    assert (info.value.path, info.value.problem) == ("uuid", "missing")


def test_values_are_converted_as_the_spec_says_and_unknown_keys_kept_in_order() -> None:
    _, _, body = next(b for b in model_bodies() if b[1] is generated.InvoiceCreateResponse)
    invoice = generated.Invoice.from_dict(body["result"] | {"amount_usd": "100.10", "zeta": 1, "alpha": [2]})
    assert invoice.amount_usd == Decimal("100.10") and type(invoice.amount_usd) is Decimal  # a string amount
    assert invoice.created.tzinfo is not None and invoice.created.utcoffset() is not None
    assert list(invoice.additional_properties) == ["zeta", "alpha"]
    # An empty text or array where an optional object belongs reads as an object with no fields (PHP writes {}
    # as []), as the generator's own from_dict read it.
    empty = generated.Invoice.from_dict(body["result"] | {"project": []})
    assert isinstance(empty.project, generated.Project) and empty.project.id is UNSET


def test_each_model_of_the_package_has_its_decoder_and_known_keys() -> None:
    for name in generated.__all__:
        cls: Any = getattr(generated, name)
        if attrs.has(cls):
            keys = typing.cast(Any, cls)._json_keys
            assert isinstance(keys, frozenset) and keys == {k for k in keys if isinstance(k, str)}, name
            assert "Decode the JSON object" in (typing.cast(Any, cls).from_dict.__doc__ or ""), name


def _invoice(**fields: Any) -> dict[str, Any]:
    return {
        "uuid": "INV-1",
        "created": "2026-11-27 17:05:47.711677",
        "amount_usd": 100,
        "status": "created",
        "link": "pay.cryptocloud.plus/1",
    } | fields


def test_open_enums_decode_known_values_to_members_and_keep_unknown_ones() -> None:
    known = Invoice.from_dict(_invoice(side_commission="client", fiat_currency="USD"))
    assert known.status is InvoiceStatus.CREATED
    assert known.side_commission is CommissionSide.CLIENT
    assert known.fiat_currency is FiatCurrency.USD
    unknown = Invoice.from_dict(_invoice(status="frozen", side_commission="nobody", fiat_currency="XTS"))
    assert (unknown.status, unknown.side_commission, unknown.fiat_currency) == ("frozen", "nobody", "XTS")
    assert type(unknown.status) is str
    with pytest.raises(DecodeError) as info:  # not a string: refused, naming the field
        Invoice.from_dict(_invoice(status=7))
    assert (info.value.path, info.value.problem) == ("status", "expected InvoiceStatus | str, got int 7")


class _Text(str):
    pass


def test_the_fast_paths_decide_as_the_general_ones() -> None:
    # The decoders test exact classes first (all a JSON body holds) and count missing fields to skip looking for
    # unknown keys; what else a Mapping may hold must still be read as before.
    invoice = generated.InvoiceDetails.from_dict(
        {
            "uuid": _Text("INV-1"),
            "status": _Text("paid"),
            "order_id": _Text("o"),
            "created": _Text(_invoice()["created"]),
        }
    )
    assert invoice.status is InvoiceStatus.PAID and invoice.uuid == "INV-1" and invoice.order_id == "o"
    assert invoice.created == datetime(2026, 11, 27, 17, 5, 47, 711677, tzinfo=UTC)
    # As many keys as fields found, yet one unknown: a known key holding UNSET is no field found.
    odd = generated.InvoiceDetails.from_dict({"uuid": "INV-1", "status": "paid", "created": UNSET, "zeta": 1})
    assert odd.created is UNSET and odd.additional_properties == {"zeta": 1}
    mapping = generated.Network.from_dict(MappingProxyType({"code": "TRC20", "id": 8, "extra": None}))
    assert (mapping.code, mapping.id, mapping.additional_properties) == ("TRC20", 8, {"extra": None})
    # The usual form of a timestamp that is no real date: the general path's reason.
    with pytest.raises(DecodeError) as info:
        generated.InvoiceDetails.from_dict(_invoice(created="2026-13-27 17:05:47.711677"))
    with pytest.raises(ValueError) as general:
        parse_utc_datetime("2026-13-27 17:05:47.711677")
    assert (info.value.path, info.value.problem) == ("created", str(general.value))
    # A Decimal that is no amount (NaN, Infinity: their adjusted() is 0, inside the bounds) is refused as
    # parse_decimal refuses it; the fast path took them.
    for no_amount in (Decimal("NaN"), Decimal("-Infinity"), Decimal("sNaN")):
        with pytest.raises(DecodeError) as info:
            generated.InvoiceDetails.from_dict(_invoice(amount_usd=no_amount))
        with pytest.raises(ValueError) as general:
            parse_decimal(no_amount)
        assert (info.value.path, info.value.problem) == ("amount_usd", str(general.value))
