"""codegen's public-surface diff: each kind of change found, and the breaking ones marked as such."""

from __future__ import annotations

import copy
import importlib.util
from pathlib import Path
from typing import Any

import pytest
import yaml
from reference import ROOT, spec

_loader = importlib.util.spec_from_file_location("surface_diff", ROOT / "openapi" / "codegen" / "surface_diff.py")
assert _loader is not None and _loader.loader is not None
surface_diff = importlib.util.module_from_spec(_loader)
_loader.loader.exec_module(surface_diff)
Change, Surface, bump, compare, render = (
    surface_diff.Change,
    surface_diff.Surface,
    surface_diff.bump,
    surface_diff.compare,
    surface_diff.render,
)

BEFORE = yaml.safe_load((Path(__file__).parent / "recorded" / "spec-2.0.0.yaml").read_text())


def diff(edit: Any) -> list[tuple[str, str, str, bool]]:
    new = copy.deepcopy(spec())
    edit(new)
    return [tuple(c) for c in compare(Surface(spec()), Surface(new))]


def schemas(document: dict[str, Any]) -> dict[str, Any]:
    result: dict[str, Any] = document["components"]["schemas"]
    return result


def test_no_change_no_diff() -> None:
    assert diff(lambda d: None) == []


def test_this_change_against_the_spec_before_it() -> None:
    changes = compare(Surface(BEFORE), Surface(spec()))
    breaking = sorted(c.subject for c in changes if c.breaking)
    assert breaking == [
        "Invoice.expiry_date",  # now nullable (issue 22): its type line and its nullability
        "Invoice.expiry_date",
        "InvoiceDetails.amount_usd",
        "InvoiceDetails.created",
        "InvoiceDetails.expiry_date",
        "InvoiceDetails.expiry_date",
        "InvoiceDetails.link",
        "Postback.invoice_info",
        "Project.logo",
    ]
    assert len(changes) == 24
    assert Change("operation", "createWithdrawal", "added (POST /v2/invoice/api/out/create)", False) in changes
    assert Change("field", "createInvoice().locale", "type Locale -> Locale | string (request)", False) in changes
    assert bump("0.1.0", changes) == "0.2.0"


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (
            lambda d: schemas(d)["Project"]["properties"].pop("logo"),
            ("field", "Project.logo", "removed (response)", True),
        ),
        (
            lambda d: schemas(d)["Project"]["properties"].update(slug={"type": "string", "description": "x"}),
            ("field", "Project.slug", "added: string, optional (response)", False),
        ),
        (
            lambda d: schemas(d)["InvoiceCreateRequest"]["required"].append("order_id"),
            ("field", "InvoiceCreateRequest.order_id", "optional -> required (request)", True),
        ),
        (
            lambda d: schemas(d)["InvoiceCreateRequest"]["required"].remove("shop_id"),
            ("field", "InvoiceCreateRequest.shop_id", "required -> optional (request)", False),
        ),
        (
            lambda d: schemas(d)["StaticWallet"]["properties"]["uuid"].update(type="integer"),
            ("field", "StaticWallet.uuid", "type string -> integer (response)", True),
        ),
        (
            lambda d: schemas(d)["InvoiceStatus"]["enum"].append("refunded"),
            ("enum value", "InvoiceStatus.refunded", "added", False),
        ),
        (
            lambda d: schemas(d)["CryptoCurrency"]["enum"].remove("TRUMP_SOL"),
            ("enum value", "CryptoCurrency.TRUMP_SOL", "removed", True),
        ),
        (
            lambda d: d["paths"].pop("/v2/invoice/static/create"),
            ("operation", "createStaticWallet", "removed (POST /v2/invoice/static/create)", True),
        ),
    ],
    ids=[
        "field removed",
        "field added",
        "request field required",
        "request field optional",
        "type changed",
        "enum value added",
        "enum value removed",
        "operation removed",
    ],
)
def test_each_kind_of_change(edit: Any, expected: tuple[str, str, str, bool]) -> None:
    assert expected in diff(edit)


def test_semver_and_rendering() -> None:
    ok = Change("field", "A.b", "added", False)
    broken = Change("field", "A.c", "removed", True)
    assert (bump("0.1.0", []), bump("0.1.0", [ok]), bump("0.1.0", [ok, broken])) == ("0.1.0", "0.1.1", "0.2.0")
    assert (bump("1.4.2", [ok]), bump("1.4.2", [broken])) == ("1.5.0", "2.0.0")
    assert render([ok, broken]).splitlines()[0] == "public surface: 2 change(s), 1 breaking"
    assert render([broken], markdown=True) == "- **BREAKING** field `A.c`: removed\n"


def test_changelog_leads_with_the_package_version() -> None:
    from cryptocloud import __version__

    changelog = (ROOT / "CHANGELOG.md").read_text()
    first = next(line for line in changelog.splitlines() if line.startswith("## "))
    assert first == f"## {__version__}"
    entry = changelog.split(first, 1)[1].split("\n## ", 1)[0]
    assert "**BREAKING** field `Postback.invoice_info`: type InvoiceDetails -> PostbackInvoice (response)" in entry
