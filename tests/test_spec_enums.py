"""The spec's enums equal the API docs exactly: same codes, same order, nothing missing, nothing extra; and what the
spec says of them (how many the docs list) is what the docs copy lists."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from cryptocloud_client.models import CryptoCurrency, FiatCurrency, InvoiceStatus, Locale
from support.reference import DOCS_PATH, SPEC_PATH, crypto_codes, fiat_codes, invoice_statuses
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


# schema -> (what the docs copy lists, the form of one value, what the spec calls them when it counts them)
DOC_ENUMS: dict[str, tuple[Callable[[], list[str]], str, str]] = {
    "FiatCurrency": (fiat_codes, r"[A-Z]{3}", "conversion currencies"),
    "CryptoCurrency": (crypto_codes, r"[A-Z][A-Z0-9]*(_[A-Z0-9]+)?", "payment currencies"),
    "InvoiceStatus": (invoice_statuses, r"[a-z]+", "statuses"),
}


@pytest.mark.parametrize("schema", sorted(DOC_ENUMS))
def test_the_docs_values_are_read_whole(schema: str) -> None:
    # A check on the parser: every value read has the form of one value, none twice (a docs copy laid out anew
    # would give one long value, or none).
    values, form, _ = DOC_ENUMS[schema]
    found = values()
    assert found and [v for v in found if not re.fullmatch(form, v)] == [], f"read from {DOCS_PATH}: {found}"
    assert len(set(found)) == len(found), f"read from {DOCS_PATH}: {found}"


@pytest.mark.parametrize("schema", sorted(DOC_ENUMS))
def test_spec_enum_equals_docs(schema: str) -> None:
    assert enum_diff(schemas()[schema]["enum"], DOC_ENUMS[schema][0]()) == {}


def test_every_count_the_spec_states_is_the_docs_count() -> None:
    # Descriptions say "the docs' 40 payment currencies": a value added to the docs copy makes them stale.
    text = SPEC_PATH.read_text(encoding="utf-8")
    for values, _, noun in DOC_ENUMS.values():
        for stated in re.findall(rf"the docs' (\d+) {noun}", text):
            assert int(stated) == len(values()), (
                f"{SPEC_PATH.name} says the docs list {stated} {noun}; {DOCS_PATH.name} lists {len(values())}: "
                f"update the description in {SPEC_PATH}"
            )


@pytest.mark.parametrize(
    ("enum_class", "from_docs"),
    [(FiatCurrency, fiat_codes), (CryptoCurrency, crypto_codes), (InvoiceStatus, invoice_statuses)],
)
def test_generated_enum_equals_docs(enum_class: type, from_docs: Callable[[], list[str]]) -> None:
    # The generator sorts members by value; the docs' order lives in the spec (tested above).
    values = [member.value for member in enum_class]  # type: ignore[attr-defined]
    assert values == sorted(from_docs())


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
