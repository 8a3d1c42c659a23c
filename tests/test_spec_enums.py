"""The spec's enums equal the API docs exactly: same codes, same order, nothing missing, nothing extra."""

from __future__ import annotations

import pytest
from cryptocloud_client.models import CryptoCurrency, FiatCurrency, InvoiceStatus, Locale
from support.reference import crypto_codes, fiat_codes, invoice_statuses
from support.spec_tools import schemas


def enum_diff(spec_values: list[str], doc_values: list[str]) -> dict[str, list[str]]:
    """What is wrong between the spec's list and the docs' list (empty when they are equal, in order)."""
    problems = {
        "missing from spec": [v for v in doc_values if v not in spec_values],
        "not in docs": [v for v in spec_values if v not in doc_values],
    }
    if len(set(spec_values)) != len(spec_values):
        problems["duplicates"] = sorted({v for v in spec_values if spec_values.count(v) > 1})
    elif not any(problems.values()) and spec_values != doc_values:
        problems["order differs"] = spec_values
    return {k: v for k, v in problems.items() if v}


DOC_ENUMS = [
    ("FiatCurrency", fiat_codes, 25),
    ("CryptoCurrency", crypto_codes, 40),
    ("InvoiceStatus", invoice_statuses, 5),
]


@pytest.mark.parametrize(("schema", "from_docs", "count"), DOC_ENUMS, ids=[e[0] for e in DOC_ENUMS])
def test_spec_enum_equals_docs(schema: str, from_docs: object, count: int) -> None:
    doc_values = from_docs()  # type: ignore[operator]
    assert len(doc_values) == count, "the docs copy changed: recount"
    assert enum_diff(schemas()[schema]["enum"], doc_values) == {}


@pytest.mark.parametrize(
    ("enum_class", "from_docs"),
    [(FiatCurrency, fiat_codes), (CryptoCurrency, crypto_codes), (InvoiceStatus, invoice_statuses)],
)
def test_generated_enum_equals_docs(enum_class: type, from_docs: object) -> None:
    # The generator sorts members by value; the docs' order lives in the spec (tested above).
    values = [member.value for member in enum_class]  # type: ignore[attr-defined]
    assert values == sorted(from_docs())  # type: ignore[operator]


def test_generated_members_are_named_after_codes() -> None:
    assert FiatCurrency.USD == "USD"
    assert CryptoCurrency.USDT_TRC20 == "USDT_TRC20"
    assert CryptoCurrency.ETH_ARB.value == "ETH_ARB"
    assert [m.value for m in Locale] == ["en", "ru"]


@pytest.mark.parametrize("name", sorted(n for n, s in schemas().items() if "enum" in s))
def test_every_enum_value_has_a_description(name: str) -> None:
    schema = schemas()[name]
    descriptions = schema.get("x-enumDescriptions", {})
    assert schema.get("description")
    assert sorted(descriptions) == sorted(schema["enum"])
    assert all(isinstance(text, str) and text.strip() and "\n" not in text.strip() for text in descriptions.values())


def test_enum_diff_catches_each_kind_of_mistake() -> None:
    docs = fiat_codes()
    assert enum_diff([c for c in docs if c != "GBP"], docs) == {"missing from spec": ["GBP"]}
    assert enum_diff([*docs, "XXX"], docs) == {"not in docs": ["XXX"]}
    swapped = [docs[1], docs[0], *docs[2:]]
    assert enum_diff(swapped, docs) == {"order differs": swapped}
    assert enum_diff([*docs, "USD"], docs) == {"duplicates": ["USD"]}
