"""The types a user of the client sees. Only ``Invoice`` adds anything to the generated models."""

from __future__ import annotations

from cryptocloud_client.models import Invoice as GeneratedInvoice


class Invoice(GeneratedInvoice):
    """An invoice: every field of the generated model, with money as ``Decimal`` and times as aware UTC.

    Optional fields the server left out are ``UNSET`` (falsy, like ``Decimal(0)``): test ``is UNSET``, not truth.
    """

    @property
    def pay_url(self) -> str:
        """The invoice page as a full URL (the API may return the link without a scheme)."""
        return self.link if "://" in self.link else "https://" + self.link.lstrip("/")
