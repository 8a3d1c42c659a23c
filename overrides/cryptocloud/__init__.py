"""CryptoCloud payments API for Python: safe, typed clients over the generated ``cryptocloud_client``.

    from decimal import Decimal
    from cryptocloud import CryptoCloud

    with CryptoCloud() as client:  # $CRYPTOCLOUD_API_KEY, $CRYPTOCLOUD_SHOP_ID
        invoice = client.invoices.create(amount=Decimal("100.00"), order_id="order-42")
        print(invoice.pay_url, invoice.amount_usd)

The methods of ``client.invoices``, ``client.balances``... are documented in their modules
(``cryptocloud.invoices.Invoices``...); the answers' models in ``cryptocloud_client.models``.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from ._version import __version__

if TYPE_CHECKING:
    from cryptocloud_client.models import CommissionSide, CryptoCurrency, FiatCurrency, InvoiceStatus, Locale
    from cryptocloud_client.types import UNSET, Unset

    from ._client import AsyncCryptoCloud, CryptoCloud
    from ._core import Unsettled
    from ._lookup import Reconciled
    from ._responses import RawResponse
    from ._stage import Stage
    from .errors import (
        APIConnectionError,
        APIError,
        APIResponseValidationError,
        APIStatusError,
        APITimeoutError,
        AuthenticationError,
        BadRequestError,
        CryptoCloudError,
        InternalServerError,
        InvalidParameterError,
        LedgerError,
        NotFoundError,
        OrderIdConflictError,
        OutcomeUnknownError,
        PermissionDeniedError,
        PostbackVerificationError,
        RateLimitError,
        WithdrawalTooSoonError,
    )
    from .models import Invoice, InvoiceDetails
    from .postbacks import ConfirmedPayment, Postback, verify_postback
    from .withdrawals import Withdrawal

# Each name is imported on first use: importing the pytest plugin (which every pytest run of every project that
# installs the package does) imports ``cryptocloud`` first, and must not pay for httpx and the generated models.
_EXPORTS = {
    "CommissionSide": "cryptocloud_client.models",
    "CryptoCurrency": "cryptocloud_client.models",
    "FiatCurrency": "cryptocloud_client.models",
    "InvoiceStatus": "cryptocloud_client.models",
    "Locale": "cryptocloud_client.models",
    "UNSET": "cryptocloud_client.types",
    "Unset": "cryptocloud_client.types",
    "AsyncCryptoCloud": "._client",
    "CryptoCloud": "._client",
    "RawResponse": "._responses",
    "Unsettled": "._core",
    "Reconciled": "._lookup",
    "Stage": "._stage",
    "ConfirmedPayment": ".postbacks",
    "APIConnectionError": ".errors",
    "APIError": ".errors",
    "APIResponseValidationError": ".errors",
    "APIStatusError": ".errors",
    "APITimeoutError": ".errors",
    "AuthenticationError": ".errors",
    "BadRequestError": ".errors",
    "CryptoCloudError": ".errors",
    "InternalServerError": ".errors",
    "InvalidParameterError": ".errors",
    "LedgerError": ".errors",
    "NotFoundError": ".errors",
    "OrderIdConflictError": ".errors",
    "OutcomeUnknownError": ".errors",
    "PermissionDeniedError": ".errors",
    "PostbackVerificationError": ".errors",
    "RateLimitError": ".errors",
    "WithdrawalTooSoonError": ".errors",
    "Invoice": ".models",
    "InvoiceDetails": ".models",
    "Postback": ".postbacks",
    "verify_postback": ".postbacks",
    "Withdrawal": ".withdrawals",
}

__all__ = [
    "UNSET",
    "APIConnectionError",
    "APIError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AsyncCryptoCloud",
    "AuthenticationError",
    "BadRequestError",
    "CommissionSide",
    "ConfirmedPayment",
    "CryptoCloud",
    "CryptoCloudError",
    "CryptoCurrency",
    "FiatCurrency",
    "InternalServerError",
    "InvalidParameterError",
    "Invoice",
    "InvoiceDetails",
    "InvoiceStatus",
    "LedgerError",
    "Locale",
    "NotFoundError",
    "OrderIdConflictError",
    "OutcomeUnknownError",
    "PermissionDeniedError",
    "Postback",
    "PostbackVerificationError",
    "RateLimitError",
    "RawResponse",
    "Reconciled",
    "Stage",
    "Unset",
    "Unsettled",
    "Withdrawal",
    "WithdrawalTooSoonError",
    "__version__",
    "verify_postback",
]

if not TYPE_CHECKING:  # hidden from type checkers, which then flag a misspelled name

    def __getattr__(name: str) -> Any:
        if name not in _EXPORTS:
            raise AttributeError(f"module 'cryptocloud' has no attribute {name!r}")
        value = getattr(import_module(_EXPORTS[name], __name__), name)
        globals()[name] = value
        return value

    def __dir__() -> list[str]:
        return sorted([*globals(), *_EXPORTS])
