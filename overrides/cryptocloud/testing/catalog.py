"""What the fake's invoices are made of: fixed exchange rates, currencies, networks, addresses, money rounding."""

from __future__ import annotations

from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from random import Random
from typing import Any

from cryptocloud_client import exact

# Fixed, round rates: enough to make amounts look real and stay reproducible.
USD_PER_FIAT = {
    "USD": "1",
    "UZS": "0.00008",
    "KGS": "0.0115",
    "KZT": "0.002",
    "AMD": "0.0026",
    "AZN": "0.59",
    "BYN": "0.31",
    "AUD": "0.66",
    "TRY": "0.029",
    "AED": "0.27",
    "CAD": "0.73",
    "CNY": "0.14",
    "HKD": "0.13",
    "IDR": "0.00006",
    "INR": "0.012",
    "JPY": "0.0067",
    "PHP": "0.017",
    "SGD": "0.75",
    "THB": "0.029",
    "VND": "0.00004",
    "MYR": "0.22",
    "RUB": "0.011",
    "UAH": "0.024",
    "EUR": "1.08",
    "GBP": "1.27",
}
USD_PER_COIN = {
    "BTC": "100000",
    "LTC": "90",
    "TRX": "0.25",
    "SOL": "150",
    "TON": "5",
    "BNB": "600",
    "ETH": "3000",
    "ARB": "0.8",
    "OP": "1.6",
    "PEPE": "0.00001",
    "SHIB": "0.00002",
    "TRUMP": "10",
    "XAUT": "2600",
}
NETWORKS = {
    "ARB": "Arbitrum",
    "BASE": "Base",
    "OPT": "Optimism",
    "BSC": "BNB Smart Chain",
    "ERC20": "Ethereum",
    "SOL": "Solana",
    "TON": "TON",
    "TRC20": "Tron",
}
# The chain of a code without one (``BTC``); a coin not listed here (one the spec added since) is its own chain.
DEFAULT_CHAIN = {"BTC": "BTC", "LTC": "LTC", "TRX": "TRC20", "SOL": "SOL", "TON": "TON", "BNB": "BSC", "ETH": "ERC20"}
STABLECOINS = ("USDT", "USDC", "DAI", "USDD", "PYUSD")


def money(value: Decimal, places: str = "0.000001") -> Decimal:
    """Rounded to ``places``, trailing zeros dropped, never in exponent form (10, not 1E+1)."""
    rounded = value.quantize(Decimal(places), rounding=ROUND_HALF_UP)
    return Decimal(format(rounded.normalize(), "f")) if rounded else Decimal(0)


def stamp(moment: datetime) -> str:
    return exact.format_utc_datetime(moment)


def usd_per_fiat(code: str) -> Decimal:
    return Decimal(USD_PER_FIAT.get(code, "1"))  # a fiat currency new to the spec: priced like the dollar


def usd_per(code: str) -> Decimal:
    coin = code.split("_")[0]
    return Decimal(USD_PER_COIN.get(coin, "1"))  # the rest are dollar stablecoins, or coins new to the spec


def network(code: str) -> dict[str, Any]:
    coin, _, chain = code.partition("_")
    chain = chain or DEFAULT_CHAIN.get(coin, coin)
    return {
        "code": chain,
        "id": sorted(NETWORKS).index(chain) + 1 if chain in NETWORKS else 0,
        "icon": f"https://cdn.cryptocloud.plus/img/network/{chain}.svg",
        "fullname": NETWORKS.get(chain, coin),
    }


def currency(code: str) -> dict[str, Any]:
    """A payment currency as an invoice shows it."""
    coin = code.split("_")[0]
    return {
        "id": len(code),
        "code": coin,
        "fullcode": code,
        "network": network(code),
        "name": coin,
        "is_email_required": False,
        "stablecoin": coin in STABLECOINS,
        "icon_base": f"https://cdn.cryptocloud.plus/img/currency/{coin}.svg",
        "icon_network": f"https://cdn.cryptocloud.plus/img/currency/{code}.svg",
        "icon_qr": f"https://cdn.cryptocloud.plus/img/stroke/{coin}_STROKE.svg",
        "order": 1,
    }


def balance_currency(code: str) -> dict[str, Any]:
    """A currency as balances and static wallets show it (another shape than in invoices)."""
    shown = currency(code)
    return {
        "id": shown["id"],
        "code": code,
        "short_code": shown["code"],
        "name": shown["name"],
        "is_email_required": False,
        "stablecoin": shown["stablecoin"],
        "icon_base": shown["icon_base"],
        "icon_network": shown["icon_network"],
        "icon_qr": shown["icon_qr"],
        "order": 1,
        "obj_network": network(code),
        "enable": True,
    }


def address(random: Random, code: str) -> str:
    alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
    return ("T" if code.endswith("TRC20") else "0x") + "".join(random.choices(alphabet, k=33))
