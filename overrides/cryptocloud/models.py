"""The types a user of the client sees: the generated models, plus ``pay_url`` on invoices."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar, cast

import attrs
from cryptocloud_client.models import Invoice as GeneratedInvoice
from cryptocloud_client.models import InvoiceDetails as GeneratedInvoiceDetails

from ._reader import read
from ._responses import Checked

T = TypeVar("T")


def full_url(link: str) -> str:
    """A payment link as a full URL, whatever its domain (pay.trybit.com or the legacy pay.cryptocloud.plus):
    the API may return it without a scheme."""
    return link if "://" in link else "https://" + link.lstrip("/")


class Invoice(GeneratedInvoice):
    """An invoice as creation returns it: money as ``Decimal``, times as aware UTC.

    Optional fields the server left out are ``UNSET`` (falsy, like ``Decimal(0)``): test ``is UNSET``, not truth.
    """

    @property
    def pay_url(self) -> str:
        """The invoice page as a full URL (the API may return the link without a scheme)."""
        return full_url(self.link)


class InvoiceDetails(GeneratedInvoiceDetails):
    """An invoice as info and list return it: ``uuid`` and ``status`` always, the rest when the API sends it
    (the docs' info example has no ``link`` nor ``created``)."""

    @property
    def pay_url(self) -> str | None:
        """The invoice page as a full URL; None when the answer had no link."""
        return full_url(self.link) if isinstance(self.link, str) and self.link else None


@attrs.frozen
class InvoicePage:
    """One page of the invoice list."""

    invoices: list[InvoiceDetails]
    all_count: int | None


# Decoders of the success envelope, for ``Call.decode``. Each returns its result wrapped in ``Checked`` when the
# fast reader vouched for every model in it, so that the type check is not run twice; otherwise the plain result,
# which ``decode_success`` checks as it always did.


def result_as(cls: type[T]) -> Callable[[dict[str, Any]], T]:
    """Decode the envelope's ``result`` object as a ``cls``."""

    def decode(data: dict[str, Any]) -> T:
        value, fast = read(cls, data["result"])
        return cast(T, Checked(value)) if fast else value

    return decode


def _read_all(cls: type[T], result: Any) -> tuple[list[T], bool]:
    if not isinstance(result, list):
        raise TypeError(f"result: expected a list, got {type(result).__name__}")
    values, all_fast = [], True
    for item in result:
        value, fast = read(cls, item)
        values.append(value)
        all_fast = all_fast and fast
    return values, all_fast


def results_as(cls: type[T]) -> Callable[[dict[str, Any]], list[T]]:
    """Decode the envelope's ``result`` array, item by item, as ``cls``."""

    def decode(data: dict[str, Any]) -> list[T]:
        values, fast = _read_all(cls, data["result"])
        return cast(list[T], Checked(values)) if fast else values

    return decode


def invoice_page(data: dict[str, Any]) -> InvoicePage:
    all_count = data.get("all_count")
    if "all_count" in data and (not isinstance(all_count, int) or isinstance(all_count, bool)):
        raise TypeError(f"all_count: expected int, got {type(all_count).__name__}")  # the spec: an integer, not null
    invoices, fast = _read_all(InvoiceDetails, data["result"])
    page = InvoicePage(invoices, all_count)
    return cast(InvoicePage, Checked(page)) if fast else page
