"""The types a user of the client sees: the generated models, plus ``pay_url`` on invoices."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar, cast

import attrs
from cryptocloud_client.exact import DecodeError
from cryptocloud_client.models import Invoice as GeneratedInvoice
from cryptocloud_client.models import InvoiceDetails as GeneratedInvoiceDetails

T = TypeVar("T")


# How some answers render a missing value as text (a server-side str(None)): never a link, nor an order id.
NOT_A_VALUE = frozenset({"", "None", "null"})


def full_url(link: object) -> str | None:
    """A payment link as a full URL, whatever its domain (pay.trybit.com or the legacy pay.cryptocloud.plus): the
    API may return it without a scheme. None for no link: absent, null, or the text "None" some answers carry."""
    if not isinstance(link, str) or link.strip() in NOT_A_VALUE:
        return None
    return link if "://" in link else "https://" + link.lstrip("/")


class Invoice(GeneratedInvoice):
    """An invoice as creation returns it: money as ``Decimal``, times as aware UTC.

    Optional fields the server left out are ``UNSET`` (falsy, like ``Decimal(0)``): test ``is UNSET``, not truth.
    """

    @property
    def pay_url(self) -> str | None:
        """The invoice page as a full URL (the API may return the link without a scheme); None when the answer's
        link is not one (the text "None"): send the payer nowhere, and look the invoice up again."""
        return full_url(self.link)


class InvoiceDetails(GeneratedInvoiceDetails):
    """An invoice as info and list return it: ``uuid`` and ``status`` always, the rest when the API sends it
    (the docs' info example has no ``link`` nor ``created``)."""

    @property
    def pay_url(self) -> str | None:
        """The invoice page as a full URL; None when the answer had no link (or the text "None")."""
        return full_url(self.link)


@attrs.frozen
class InvoicePage:
    """One page of the invoice list."""

    invoices: list[InvoiceDetails]
    all_count: int | None


# Decoders of the success envelope, for ``Call.decode``: the generated ``from_dict`` is strict (DecodeError, a
# ValueError naming the field, for anything its annotations do not allow).


def result_as(cls: type[T]) -> Callable[[dict[str, Any]], T]:
    """Decode the envelope's ``result`` object as a ``cls``."""

    def decode(data: dict[str, Any]) -> T:
        return _from_dict(cls, data["result"], "result")

    return decode


def _from_dict(cls: type[T], value: Any, where: str) -> T:
    try:
        return cast(T, cast(Any, cls).from_dict(value))
    except DecodeError as exc:
        raise exc.inside(where) from None


def _all(cls: type[T], result: Any) -> list[T]:
    """Each item of ``result`` decoded as ``cls``; an error names the item (``result[3].amount``)."""
    if not isinstance(result, list):
        raise DecodeError.wrong("result", "an array", result)
    decoded: list[T] = []
    from_dict = cast(Any, cls).from_dict
    try:
        for item in result:
            decoded.append(from_dict(item))
    except DecodeError as exc:
        raise exc.inside(len(decoded)).inside("result") from None
    return decoded


def results_as(cls: type[T]) -> Callable[[dict[str, Any]], list[T]]:
    """Decode the envelope's ``result`` array, item by item, as ``cls``."""

    def decode(data: dict[str, Any]) -> list[T]:
        return _all(cls, data["result"])

    return decode


def invoice_page(data: dict[str, Any]) -> InvoicePage:
    all_count = data.get("all_count")
    if "all_count" in data and (not isinstance(all_count, int) or isinstance(all_count, bool)):
        raise DecodeError.wrong("all_count", "an integer", all_count)  # the spec: an integer, not null
    return InvoicePage(_all(InvoiceDetails, data["result"]), all_count)
