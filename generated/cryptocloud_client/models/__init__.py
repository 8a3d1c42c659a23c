"""Contains all the data models used in inputs/outputs"""

from .commission_side import CommissionSide
from .crypto_currency import CryptoCurrency
from .currency import Currency
from .detail_error import DetailError
from .error_response import ErrorResponse
from .error_result import ErrorResult
from .error_status import ErrorStatus
from .fiat_currency import FiatCurrency
from .invoice import Invoice
from .invoice_add_fields import InvoiceAddFields
from .invoice_create_request import InvoiceCreateRequest
from .invoice_create_response import InvoiceCreateResponse
from .invoice_status import InvoiceStatus
from .locale import Locale
from .network import Network
from .project import Project
from .success_status import SuccessStatus
from .time_to_pay import TimeToPay

__all__ = (
    "CommissionSide",
    "CryptoCurrency",
    "Currency",
    "DetailError",
    "ErrorResponse",
    "ErrorResult",
    "ErrorStatus",
    "FiatCurrency",
    "Invoice",
    "InvoiceAddFields",
    "InvoiceCreateRequest",
    "InvoiceCreateResponse",
    "InvoiceStatus",
    "Locale",
    "Network",
    "Project",
    "SuccessStatus",
    "TimeToPay",
)
