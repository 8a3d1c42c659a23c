"""The spec works with the tools non-Python teams use: Redocly, Spectral, Redoc HTML, openapi-typescript + tsc,
and a Prism mock server that our client, the generated package and a raw HTTP call are run against."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from decimal import Decimal
from pathlib import Path

import httpx
import pytest
from cryptocloud import AsyncCryptoCloud, AuthenticationError, CryptoCloud, Invoice, InvoiceStatus
from cryptocloud.testing import FakeCryptoCloud
from support.reference import ROOT, SPEC_PATH, spec
from support.spec_tools import schemas

BIN = ROOT / "node_modules" / ".bin"
ENV = os.environ | {"REDOCLY_TELEMETRY": "off", "REDOCLY_SUPPRESS_UPDATE_NOTICE": "true", "NO_COLOR": "1"}


def tool(name: str, *args: str, check: bool = True, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    path = BIN / name
    if not path.exists():
        pytest.fail(f"{path.relative_to(ROOT)} is missing: run ./test.sh, which installs the pinned npm tools")
    result = subprocess.run([str(path), *args], cwd=ROOT, env=ENV, capture_output=True, text=True, timeout=timeout)
    if check and result.returncode != 0:
        pytest.fail(f"{name} {' '.join(args)} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
    return result


def pinned(package: str) -> str:
    return str(json.loads((ROOT / "package.json").read_text())["devDependencies"][package])


def installed(package: str) -> str:
    return str(json.loads((ROOT / "node_modules" / package / "package.json").read_text())["version"])


@pytest.mark.parametrize(
    "package",
    [
        "@redocly/cli",
        "@stoplight/spectral-cli",
        "@stoplight/prism-cli",
        "openapi-typescript",
        "typescript",
        "playwright-core",
        "pyright",
    ],
)
def test_npm_tools_are_the_pinned_versions(package: str) -> None:
    assert installed(package) == pinned(package)
    assert (
        f'"node_modules/{package}": {{\n      "version": "{pinned(package)}"'
        in (ROOT / "package-lock.json").read_text()
    )


# ------------------------------------------------------------------ lint


def redocly_totals(path: Path) -> dict[str, object]:
    result = tool("redocly", "lint", str(path), "--config", str(ROOT / "redocly.yaml"), "--format=json", check=False)
    report = json.loads(result.stdout)
    return {"totals": report["totals"], "rules": sorted({p["ruleId"] for p in report["problems"]})}


def spectral_problems(path: Path) -> list[dict[str, object]]:
    result = tool("spectral", "lint", str(path), "--ruleset", str(ROOT / ".spectral.yaml"), "-f", "json", check=False)
    # The JSON array may be followed by a human sentence ("No results with a severity of ...").
    problems, _ = json.JSONDecoder().raw_decode(result.stdout[result.stdout.index("[") :])
    return list(problems)


def test_redocly_recommended_has_no_errors_and_no_warnings() -> None:
    assert redocly_totals(SPEC_PATH) == {"totals": {"errors": 0, "warnings": 0, "ignored": 0}, "rules": []}


def test_spectral_oas_has_no_errors_and_no_warnings() -> None:
    assert spectral_problems(SPEC_PATH) == []


def mutate(tmp_path: Path, old: str, new: str) -> Path:
    text = SPEC_PATH.read_text()
    assert old in text
    path = tmp_path / "mutated.yaml"
    path.write_text(text.replace(old, new, 1))
    return path


SPECTRAL_MUTATIONS = [
    ("cc-property-description", "          description: Whole hours.\n", ""),
    ("cc-enum-descriptions", "        GBP: Pound sterling.\n", ""),
    ("cc-money-is-decimal", "      type: number\n      format: decimal\n", "      type: number\n      format: float\n"),
    ("cc-no-rfc3339-datetime", "      format: utc-datetime\n", "      format: date-time\n"),
    ("cc-schema-description", "      description: The shop (project) the invoice belongs to.\n", ""),
    (
        "cc-response-example",
        "              examples:\n                docs:",
        "              x-examples:\n                docs:",
    ),
]


@pytest.mark.parametrize(("rule", "old", "new"), SPECTRAL_MUTATIONS, ids=[m[0] for m in SPECTRAL_MUTATIONS])
def test_our_spectral_rule_catches_its_mistake(tmp_path: Path, rule: str, old: str, new: str) -> None:
    codes = [p["code"] for p in spectral_problems(mutate(tmp_path, old, new))]
    assert rule in codes


def test_our_redocly_rule_catches_a_missing_security(tmp_path: Path) -> None:
    report = redocly_totals(mutate(tmp_path, "      security:\n        - ApiKeyAuth: []\n", ""))
    assert "rule/operation-declares-security" in report["rules"]  # type: ignore[operator]


# ------------------------------------------------------------------ HTML reference


def test_html_reference_names_every_operation_and_schema(tmp_path: Path) -> None:
    page = tmp_path / "index.html"
    tool("redocly", "build-docs", str(SPEC_PATH), "--inlineBundle", "--output", str(page))
    html = page.read_text()
    assert html.lstrip().lower().startswith("<!doctype html>")
    assert not re.search(r"<script[^>]+src=", html), "the page must be self-contained"
    operations = [op for item in spec()["paths"].values() for op in item.values()]
    found_ops = [op["operationId"] for op in operations if op["operationId"] in html and op["summary"] in html]
    found_schemas = [name for name in schemas() if f'"{name}"' in html]
    assert (len(found_ops), len(found_schemas)) == (len(operations), len(schemas()))


# ------------------------------------------------------------------ TypeScript


@pytest.fixture(scope="module")
def typescript_types() -> Path:
    out = ROOT / "build" / "types" / "cryptocloud.d.ts"
    # Defaulted request fields (currency, offset, limit) stay optional; without the flag they become required.
    tool("openapi-typescript", str(SPEC_PATH), "--default-non-nullable", "false", "-o", str(out))
    return out


def test_typescript_usage_compiles_under_strict(typescript_types: Path) -> None:
    assert 'FiatCurrency: "USD" | "UZS"' in typescript_types.read_text()
    tool("tsc", "-p", "typescript/tsconfig.json")


def test_typescript_rejects_a_misspelled_enum_value(typescript_types: Path) -> None:
    result = tool(
        "tsc",
        "--noEmit",
        "--strict",
        "--target",
        "ES2022",
        "--module",
        "ES2022",
        "--moduleResolution",
        "bundler",
        "typescript/negative/misspelled-enum.ts",
        check=False,
    )
    assert result.returncode == 2
    assert "error TS2820" in result.stdout and '"USDT_TRC2O"' in result.stdout


# ------------------------------------------------------------------ mock server contract (Prism and our fake)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def prism_server() -> Iterator[str]:
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    if not (BIN / "prism").exists():
        pytest.fail("node_modules/.bin/prism is missing: run ./test.sh, which installs the pinned npm tools")
    process = subprocess.Popen(
        [str(BIN / "prism"), "mock", str(SPEC_PATH), "-h", "127.0.0.1", "-p", str(port)],
        cwd=ROOT,
        env=ENV,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                httpx.get(base_url, timeout=1)
                break
            except httpx.TransportError:
                if process.poll() is not None:
                    pytest.fail(f"prism exited: {process.stdout.read() if process.stdout else ''}")
                time.sleep(0.2)
        else:
            pytest.fail("prism did not start within 60 s")
        yield base_url
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(scope="module", params=["prism", "fake"])
def mock_server(request: pytest.FixtureRequest) -> Iterator[tuple[str, str, str]]:
    """(base URL, API key, shop id) of a server mocking the API from the spec: Prism, or our fake over HTTP."""
    if request.param == "prism":
        with prism_server() as url:
            yield url, "prism-key", "shop-123"
    else:
        fake = FakeCryptoCloud(api_key="prism-key", shop_id="shop-123")
        with fake.serve() as url:
            yield url, fake.api_key, fake.shop_id


_EXAMPLE = spec()["paths"]["/v2/invoice/create"]["post"]["responses"]["200"]["content"]["application/json"]
_STATED = _EXAMPLE["examples"]["docs"]["value"]["result"]
EXAMPLE_ORDER = {"amount": Decimal(str(_STATED["amount_in_fiat"])), "currency": _STATED["fiat_currency"]}


def test_client_creates_an_invoice(mock_server: tuple[str, str, str]) -> None:
    url, key, shop = mock_server
    # Prism answers with the spec's example whatever was asked: ask for what it states (the client refuses an
    # answer that states another amount or currency as another request's).
    with CryptoCloud(api_key=key, shop_id=shop, base_url=url, max_retries=0) as client:
        invoice = client.invoices.create(**EXAMPLE_ORDER, available_currencies=["BTC"])
    assert isinstance(invoice, Invoice)
    assert invoice.uuid.startswith("INV-") and (invoice.pay_url or "").startswith("https://")
    assert invoice.status is InvoiceStatus.CREATED
    assert isinstance(invoice.fee, Decimal) and isinstance(invoice.amount_usd, Decimal)
    assert invoice.additional_properties == {}


def test_async_client_creates_an_invoice(mock_server: tuple[str, str, str]) -> None:
    import asyncio

    url, key, shop = mock_server

    async def create() -> Invoice:
        async with AsyncCryptoCloud(api_key=key, shop_id=shop, base_url=url) as client:
            return await client.invoices.create(**EXAMPLE_ORDER, order_id="order-1")

    assert isinstance(asyncio.run(create()).amount_usd, Decimal)


def test_server_rejects_what_the_spec_forbids(mock_server: tuple[str, str, str]) -> None:
    # Sent around the client's own checks: the server must refuse it from the spec alone.
    url, key, shop = mock_server
    headers = {"Authorization": f"Token {key}"}
    create = f"{url}/v2/invoice/create"
    bad = httpx.post(create, json={"shop_id": shop, "amount": 100, "currency": "XXX"}, headers=headers)
    assert bad.status_code == 400
    assert "currency" in bad.headers.get("sl-violations", "") + bad.text
    for body in ({"shop_id": shop, "amount": 0}, {"shop_id": shop}, {"shop_id": shop, "amount": 1, "extra": True}):
        assert httpx.post(create, json=body, headers=headers).status_code == 400, body
    assert httpx.post(create, json={"shop_id": shop, "amount": 1}).status_code == 401
    listing = {"start": "2026-01-01", "end": "31.01.2026"}  # not dd.mm.yyyy
    assert httpx.post(f"{url}/v2/invoice/merchant/list", json=listing, headers=headers).status_code == 400


def test_client_maps_an_auth_refusal(mock_server: tuple[str, str, str]) -> None:
    # The client never sends a request without its key: strip the header on the way out to see the mapping.
    url, key, shop = mock_server

    def strip_auth(request: httpx.Request) -> None:
        del request.headers["Authorization"]

    http = httpx.Client(event_hooks={"request": [strip_auth]})
    with (
        pytest.raises(AuthenticationError) as info,
        CryptoCloud(api_key=key, shop_id=shop, base_url=url, http_client=http) as client,
    ):
        client.invoices.create(amount=1)
    assert info.value.status_code == 401 and list(info.value.errors) == ["detail"]
    http.close()


def test_every_operation_through_the_client(mock_server: tuple[str, str, str]) -> None:
    url, key, shop = mock_server
    today = date(2026, 1, 31)
    with CryptoCloud(api_key=key, shop_id=shop, base_url=url, max_retries=0) as client:
        assert all(isinstance(b.balance_usd, Decimal) for b in client.balances.list())
        assert isinstance(client.statistics.get(start=today, end=today).amount.all_, Decimal)
        assert len(client.static_wallets.create(currency="USDT_TRC20", identify="c-1").uuid) == 32
        assert all(i.uuid.startswith("INV-") for i in client.invoices.list(start=today, end=today))


def test_generated_package(mock_server: tuple[str, str, str]) -> None:
    from cryptocloud_client import AuthenticatedClient
    from cryptocloud_client.api.invoices import create_invoice
    from cryptocloud_client.models import CryptoCurrency, InvoiceAddFields, InvoiceCreateRequest, InvoiceCreateResponse

    url, key, shop = mock_server
    client = AuthenticatedClient(base_url=url, token=key, prefix="Token")
    body = InvoiceCreateRequest(
        shop_id=shop, amount=Decimal("1.5"), add_fields=InvoiceAddFields(cryptocurrency=CryptoCurrency.USDT_TRC20)
    )
    with client:
        answer = create_invoice.sync(client=client, body=body)
    assert isinstance(answer, InvoiceCreateResponse)
    assert isinstance(answer.result.amount_usd, Decimal)


def test_without_node_the_scripts_say_what_to_install() -> None:
    result = subprocess.run(
        ["/bin/bash", "-c", "source scripts/npm-tools.sh"],
        cwd=ROOT,
        env={"PATH": "/nonexistent", "HOME": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 1
    assert result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert line.startswith("npm-tools: Node.js 20+ with npm is needed") and "install it" in line
