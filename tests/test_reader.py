"""The fast reader (``cryptocloud._reader``) against the generated ``from_dict`` it stands in for.

Whenever the fast path accepts a value, the generated ``from_dict`` must give an equal object (every field, the
unknown fields in the same order, the same class) that passes the type check; whenever it refuses, the generated
reader decides. Held over the recorded real answers, the spec's examples, the fake's answers, every one-field
mutation of them, and random mutations.
"""

from __future__ import annotations

import copy
import json
import typing
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import attrs
import cryptocloud_client.models as generated
import httpx
import pytest
from cryptocloud import _reader, models
from cryptocloud._responses import type_problems
from cryptocloud.testing import FakeCryptoCloud
from hypothesis import given, settings
from hypothesis import strategies as st
from recorded_tools import recorded, spec_examples

# The classes whose answers are decoded on the hot paths: each must have a compiled reader.
HOT = (
    models.Invoice,
    models.InvoiceDetails,
    generated.Currency,
    generated.Network,
    generated.Project,
    generated.Balance,
    generated.BalanceCurrency,
)
ODD_VALUES: tuple[Any, ...] = ("x", "", 7, Decimal("1.5"), Decimal("1E+99"), True, None, [], {}, ["a"], {"k": 1})


def invoice_bodies() -> Iterator[tuple[str, type, Any]]:
    """(label, class, dict) for every invoice object of the recorded answers, the spec's examples and the fake."""
    for name, answer in recorded().items():
        result = answer["body"].get("result") if isinstance(answer["body"], dict) else None
        if answer["operation"] == "createInvoice" and isinstance(result, dict):
            yield name, models.Invoice, result
        elif answer["operation"] == "getInvoiceInfo" and isinstance(result, list):
            yield from ((f"{name}[{i}]", models.InvoiceDetails, item) for i, item in enumerate(result))
    for name, operation, body in spec_examples():
        result = body.get("result") if isinstance(body, dict) else None
        if operation == "createInvoice" and isinstance(result, dict):
            yield name, models.Invoice, result
        elif operation in ("getInvoiceInfo", "listInvoices") and isinstance(result, list):
            yield from ((f"{name}[{i}]", models.InvoiceDetails, item) for i, item in enumerate(result))
    fake = FakeCryptoCloud(api_key="k", shop_id="s", seed=3, validate=False)
    client = fake.client()
    uuid = client.invoices.create(amount="12.50", order_id="o-1", cryptocurrency="USDT_TRC20").uuid
    asks: list[tuple[str, type, dict[str, Any]]] = [
        ("/v2/invoice/create", models.Invoice, {"shop_id": "s", "amount": 5, "currency": "EUR"}),
        ("/v2/invoice/merchant/info", models.InvoiceDetails, {"uuids": [uuid]}),
    ]
    for path, cls, ask in asks:
        request = httpx.Request("POST", "https://x" + path, json=ask, headers={"Authorization": "Token k"})
        result = json.loads(fake.handle(request).content, parse_float=Decimal)["result"]
        yield f"fake {path}", cls, result if isinstance(result, dict) else result[0]


def same(cls: type, value: Any) -> bool:
    """Check the fast reader against the generated one on ``value``; True when the fast path accepted it."""
    fast = _reader.reader_of(cls)
    assert fast is not None
    try:
        ours: Any = fast(copy.deepcopy(value))
    except Exception:
        return False  # the generated reader decides: nothing to compare
    reference: Any = typing.cast(Any, cls).from_dict(copy.deepcopy(value))
    assert list(ours.additional_properties) == list(reference.additional_properties)
    assert type(ours) is cls
    assert ours == reference
    assert type_problems(reference, "result") == []
    for field in attrs.fields(cls):
        assert type(getattr(ours, field.name)) is type(getattr(reference, field.name)), field.name
    return True


def mutations(value: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """Each key removed, and each key (nested objects too, one level down) set to each odd value; an extra key."""
    for key in value:
        yield {k: v for k, v in value.items() if k != key}
        for odd in ODD_VALUES:
            yield value | {key: odd}
        if isinstance(value[key], dict):
            for inner in mutations(value[key]):
                yield value | {key: inner}
    yield value | {"surprise": 1, "another": [1]}


def test_every_hot_class_has_a_compiled_reader() -> None:
    assert [cls.__name__ for cls in HOT if _reader.reader_of(cls) is None] == []


def test_the_key_of_each_field_is_read_from_the_generated_source() -> None:
    # "type" and "all" are Python words: the generated names are type_ and all_.
    keys = {}
    for name in dir(generated):
        cls = getattr(generated, name)
        if isinstance(cls, type) and attrs.has(cls):
            keys.update({(name, attr): key for attr, key in (_reader._json_keys(cls) or {}).items() if attr != key})
    assert sorted(set(keys.values())) == ["all", "type"]


def test_real_answers_and_examples_take_the_fast_path_and_match() -> None:
    bodies = list(invoice_bodies())
    assert len(bodies) == 10
    refused = [label for label, cls, body in bodies if not same(cls, body)]
    assert refused == []


def test_every_one_field_mutation_matches_or_falls_back() -> None:
    accepted = refused = 0
    for _, cls, body in invoice_bodies():
        for variant in mutations(body):
            if same(cls, variant):
                accepted += 1
            else:
                refused += 1
    # Both paths are exercised in bulk: removals of optional fields and unknown keys are fast, odd types are not.
    assert (accepted, refused) == (1243, 3993)


def test_an_unusual_value_falls_back_to_the_generated_reader_and_its_check() -> None:
    body = next(b for _, cls, b in invoice_bodies() if cls is models.InvoiceDetails)
    for variant, problem in (
        (body | {"amount": "12.50"}, None),  # a string amount: parse_decimal reads it, the fast path does not
        (body | {"uuid": 5}, "result.uuid: expected str, got int"),
        (body | {"currency": {"code": 5}}, "result.currency.code: expected str | Unset, got int"),
    ):
        value, fast = _reader.read(models.InvoiceDetails, variant)
        assert fast is False
        assert value == models.InvoiceDetails.from_dict(variant)
        assert type_problems(value, "result")[:1] == ([problem] if problem else [])
    with pytest.raises(KeyError):
        _reader.read(models.InvoiceDetails, {k: v for k, v in body.items() if k != "uuid"})


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(10**20), 10**20)
    | st.decimals(allow_nan=False, allow_infinity=False)
    | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=6,
)


@settings(max_examples=400, deadline=None)
@given(data=st.data())
def test_random_mutations_match_or_fall_back(data: st.DataObject) -> None:
    bodies = list(invoice_bodies())
    _, cls, body = data.draw(st.sampled_from(bodies))
    variant = copy.deepcopy(body)
    for _ in range(data.draw(st.integers(1, 4))):
        target = variant
        keys = list(target)
        key = data.draw(st.sampled_from(keys))
        if isinstance(target[key], dict) and target[key] and data.draw(st.booleans()):
            target, key = target[key], data.draw(st.sampled_from(list(target[key])))
        action = data.draw(st.sampled_from(["delete", "replace", "enum"]))
        if action == "delete":
            del target[key]
        elif action == "replace":
            target[key] = data.draw(json_values)
        else:
            target[key] = data.draw(st.sampled_from(["paid", "overpaid", "canceled", "USD", "EUR", "client", "new"]))
    same(cls, variant)
