"""The HTML API reference works offline: headless Chromium (Debian's, installed by scripts/browser.sh) opens
build/docs/index.html from the file system with the network off, and every operation and schema is rendered.
A screenshot is left at build/docs/screenshot.png for people to look at."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from support.reference import ROOT, spec
from support.spec_tools import schemas

DOCS = ROOT / "build" / "docs"
# Redoc's own logo beside "API docs by" is the one thing build-docs does not inline; blocked, the page is whole.
REDOCLY_LOGO = "https://cdn.redoc.ly/redoc/logo-mini-full.svg"


def operations() -> list[dict[str, Any]]:
    document = spec()
    items = [*document["paths"].items(), *document.get("webhooks", {}).items()]
    return [op | {"path": path} for path, item in items for op in item.values()]


def open_in_chromium(page: Path, screenshot: Path, timeout_ms: int = 30_000) -> subprocess.CompletedProcess[str]:
    chromium = shutil.which("chromium")
    assert chromium, "Chromium is missing: run ./test.sh as root or with CI=true, or 'sudo apt-get install chromium'"
    return subprocess.run(
        ["node", str(ROOT / "scripts" / "docs-in-browser.mjs"), str(page), str(screenshot)],
        cwd=ROOT,
        env=os.environ | {"CHROMIUM": chromium, "DOCS_TIMEOUT_MS": str(timeout_ms)},
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_html_reference_renders_every_operation_and_schema_offline() -> None:
    page, screenshot = DOCS / "index.html", DOCS / "screenshot.png"
    subprocess.run([str(ROOT / "scripts" / "build-docs.sh"), str(page)], check=True, capture_output=True, timeout=300)
    html = page.read_text()
    assert "cdn.redocly.com/redoc" not in html and '<script type="module">import' not in html  # inlined
    screenshot.unlink(missing_ok=True)
    result = open_in_chromium(page, screenshot)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert (report["errors"], report["outside"]) == ([], [REDOCLY_LOGO])

    pages: dict[str, str] = report["pages"]
    tags = sorted({op["tags"][0] for op in operations()})
    assert sorted(pages) == sorted(["/", *(f"/{tag}" for tag in tags), "/schemas"])
    missing_ops = [op["summary"] for op in operations() if op["summary"] not in pages[f"/{op['tags'][0]}"].splitlines()]
    paths_shown = [op["path"] for op in operations() if op["path"] in pages[f"/{op['tags'][0]}"]]
    missing_schemas = [name for name in schemas() if name not in pages["/schemas"].splitlines()]
    assert (missing_ops, missing_schemas, len(paths_shown)) == ([], [], len(operations()))
    assert screenshot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and screenshot.stat().st_size > 20_000


def test_the_check_fails_on_a_page_that_needs_the_cdn(tmp_path: Path) -> None:
    """build-docs without --inlineBundle loads Redoc from its CDN: offline, the page never gets past "Loading"."""
    page = tmp_path / "cdn.html"
    subprocess.run(
        [str(ROOT / "node_modules" / ".bin" / "redocly"), "build-docs", "openapi/cryptocloud.yaml", "-o", str(page)],
        cwd=ROOT,
        env=os.environ | {"REDOCLY_TELEMETRY": "off", "REDOCLY_SUPPRESS_UPDATE_NOTICE": "true"},
        check=True,
        capture_output=True,
        timeout=300,
    )
    assert "cdn.redocly.com/redoc" in page.read_text()
    result = open_in_chromium(page, tmp_path / "cdn.png", timeout_ms=5_000)
    assert result.returncode != 0 and "waiting for getByText('Search')" in result.stderr


REFERENCE = ROOT / "build" / "reference"


def test_python_reference_is_built_from_the_code_and_renders_offline() -> None:
    """The package's reference (pdoc) is built afresh from the code, names every public class, method, parameter,
    model field and error with its docstring, and opens in Chromium with the network off."""
    import cryptocloud
    from cryptocloud import errors
    from cryptocloud.invoices import Invoices

    subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build_reference.py"), str(REFERENCE)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    pages = sorted(REFERENCE.rglob("*.html"), key=lambda page: (page.name != "cryptocloud.html", page))  # first
    assert sorted(p.relative_to(REFERENCE).as_posix() for p in pages) == [
        "cryptocloud.html",
        "cryptocloud/balances.html",
        "cryptocloud/errors.html",
        "cryptocloud/invoices.html",
        "cryptocloud/models.html",
        "cryptocloud/postbacks.html",
        "cryptocloud/pytest_plugin.html",
        "cryptocloud/static_wallets.html",
        "cryptocloud/statistics.html",
        "cryptocloud/testing.html",
        "cryptocloud/withdrawals.html",
        "cryptocloud_client.html",
        "cryptocloud_client/models.html",
        "cryptocloud_client/types.html",
        "index.html",
    ]
    screenshot = REFERENCE / "screenshot.png"
    result = subprocess.run(
        ["node", str(ROOT / "scripts" / "reference-in-browser.mjs"), str(screenshot), *map(str, pages)],
        cwd=ROOT,
        env=os.environ | {"CHROMIUM": shutil.which("chromium") or "chromium"},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert (report["errors"], report["outside"]) == ([], [])
    shown = {Path(path).relative_to(REFERENCE).as_posix(): text for path, text in report["pages"].items()}

    top = shown["cryptocloud.html"]
    missing = [name for name in cryptocloud.__all__ if name not in top.split()]
    assert missing == []
    assert _opening(cryptocloud.CryptoCloud.__doc__) in " ".join(top.split())
    methods = shown["cryptocloud/invoices.html"]
    for method in ("create", "retrieve", "retrieve_many", "cancel", "list", "find_by_order_id"):
        assert f"def {method}(" in methods.replace("\n", " "), method
        assert _opening(getattr(Invoices, method).__doc__) in " ".join(methods.split()), method
    # Each method shows its operation's parameters and what it returns, not (*args, **kwargs).
    flat = " ".join(methods.split())
    assert "def retrieve(self, /, uuid: str) -> cryptocloud.InvoiceDetails:" in flat
    for parameter in ("amount: decimal.Decimal | int | str", "order_id: str | None = None", "recover: bool = False"):
        assert parameter in flat, parameter
    assert "**kwargs" not in flat
    failures = shown["cryptocloud/errors.html"]
    assert [e for e in errors.__all__ if e not in failures.split()] == []
    models = " ".join(shown["cryptocloud_client/models.html"].split())
    assert "received (Decimal | None | Unset): Amount received so far, in the payment currency." in models
    assert screenshot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and screenshot.stat().st_size > 20_000


def _opening(docstring: str | None) -> str:
    """A docstring's first words as a page shows them (Markdown's code marks gone)."""
    assert docstring is not None
    return " ".join(docstring.replace("`", "").split()[:8])
