"""Contains all the data models used in inputs/outputs"""

from .balance import Balance
from .balance_currency import BalanceCurrency
from .balance_list_response import BalanceListResponse
from .commission_side import CommissionSide
from .crypto_currency import CryptoCurrency
from .currency import Currency
from .detail_error import DetailError
from .empty_request import EmptyRequest
from .error_response import ErrorResponse
from .error_result import ErrorResult
from .error_status import ErrorStatus
from .fiat_currency import FiatCurrency
from .invoice import Invoice
from .invoice_add_fields import InvoiceAddFields
from .invoice_cancel_request import InvoiceCancelRequest
from .invoice_cancel_response import InvoiceCancelResponse
from .invoice_create_request import InvoiceCreateRequest
from .invoice_create_response import InvoiceCreateResponse
from .invoice_details import InvoiceDetails
from .invoice_fields import InvoiceFields
from .invoice_info_request import InvoiceInfoRequest
from .invoice_list_request import InvoiceListRequest
from .invoice_list_response import InvoiceListResponse
from .invoice_status import InvoiceStatus
from .locale import Locale
from .network import Network
from .period_request import PeriodRequest
from .postback import Postback
from .postback_invoice import PostbackInvoice
from .project import Project
from .resend_period import ResendPeriod
from .static_wallet import StaticWallet
from .static_wallet_create_request import StaticWalletCreateRequest
from .static_wallet_response import StaticWalletResponse
from .statistics import Statistics
from .statistics_amount import StatisticsAmount
from .statistics_count import StatisticsCount
from .statistics_response import StatisticsResponse
from .success_status import SuccessStatus
from .time_to_pay import TimeToPay
from .withdrawal import Withdrawal
from .withdrawal_create_request import WithdrawalCreateRequest
from .withdrawal_response import WithdrawalResponse

__all__ = (
    "Balance",
    "BalanceCurrency",
    "BalanceListResponse",
    "CommissionSide",
    "CryptoCurrency",
    "Currency",
    "DetailError",
    "EmptyRequest",
    "ErrorResponse",
    "ErrorResult",
    "ErrorStatus",
    "FiatCurrency",
    "Invoice",
    "InvoiceAddFields",
    "InvoiceCancelRequest",
    "InvoiceCancelResponse",
    "InvoiceCreateRequest",
    "InvoiceCreateResponse",
    "InvoiceDetails",
    "InvoiceFields",
    "InvoiceInfoRequest",
    "InvoiceListRequest",
    "InvoiceListResponse",
    "InvoiceStatus",
    "Locale",
    "Network",
    "PeriodRequest",
    "Postback",
    "PostbackInvoice",
    "Project",
    "ResendPeriod",
    "StaticWallet",
    "StaticWalletCreateRequest",
    "StaticWalletResponse",
    "Statistics",
    "StatisticsAmount",
    "StatisticsCount",
    "StatisticsResponse",
    "SuccessStatus",
    "TimeToPay",
    "Withdrawal",
    "WithdrawalCreateRequest",
    "WithdrawalResponse",
)
