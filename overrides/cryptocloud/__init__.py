"""CryptoCloud payments API for Python: safe, typed clients over the generated ``cryptocloud_client``.

from decimal import Decimal
from cryptocloud import CryptoCloud

with CryptoCloud() as client:  # $CRYPTOCLOUD_API_KEY, $CRYPTOCLOUD_SHOP_ID
    invoice = client.invoices.create(amount=Decimal("100.00"), order_id="order-42")
    print(invoice.pay_url, invoice.amount_usd)
"""

from cryptocloud_client.models import CommissionSide, CryptoCurrency, FiatCurrency, InvoiceStatus, Locale
from cryptocloud_client.types import UNSET, Unset

from ._client import AsyncCryptoCloud, CryptoCloud
from ._core import RawResponse, Unsettled
from ._transport import Stage
from ._version import __version__
from .confirmations import ConfirmedPayment
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
    NotFoundError,
    OrderIdConflictError,
    PermissionDeniedError,
    PostbackVerificationError,
    RateLimitError,
    WithdrawalTooSoonError,
)
from .models import Invoice, InvoiceDetails
from .postbacks import Postback, verify_postback
from .withdrawals import Withdrawal

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
    "Locale",
    "NotFoundError",
    "OrderIdConflictError",
    "PermissionDeniedError",
    "Postback",
    "PostbackVerificationError",
    "RateLimitError",
    "RawResponse",
    "Stage",
    "Unset",
    "Unsettled",
    "Withdrawal",
    "WithdrawalTooSoonError",
    "__version__",
    "verify_postback",
]
