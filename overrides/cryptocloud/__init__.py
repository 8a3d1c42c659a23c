"""CryptoCloud payments API for Python: the hand-written layer over the generated ``cryptocloud_client``.

For now this package re-exports the generated types users need; the safe clients grow here.
"""

from cryptocloud_client.models import (
    CryptoCurrency,
    FiatCurrency,
    Invoice,
    InvoiceStatus,
)

__version__ = "0.1.0"

__all__ = ["CryptoCurrency", "FiatCurrency", "Invoice", "InvoiceStatus", "__version__"]
