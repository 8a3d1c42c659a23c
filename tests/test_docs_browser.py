"""The HTML API reference works offline: headless Chromium (Debian's, installed by scripts/browser.sh) opens
build/docs/index.html from the file system with the network off, and every operation and schema is rendered.
A screenshot is left at build/docs/screenshot.png for people to look at."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

from reference import ROOT, spec
from spec_tools import schemas

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
