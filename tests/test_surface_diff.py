"""codegen's two diffs: the spec's (operations, models, fields, enum values) and the Python package's public
surface (methods and their parameters, model attributes, enums, errors, CLI commands and options), each kind of
change found, the breaking ones marked, internal base schemas left out, and the versions they call for."""

from __future__ import annotations

import copy
import importlib
import inspect
import json
import sys
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml
from support.reference import ROOT, spec

sys.path.insert(0, str(ROOT / "openapi" / "codegen"))
surface_diff: Any = importlib.import_module("surface_diff")
public_surface: Any = importlib.import_module("public_surface")
changes_py: Any = importlib.import_module("changes")
Change, bump, render, group = surface_diff.Change, surface_diff.bump, surface_diff.render, surface_diff.group

BEFORE = yaml.safe_load((Path(__file__).parent / "recorded" / "spec-2.0.0.yaml").read_text())
SNAPSHOT_0_2_0 = json.loads((ROOT / "openapi" / "surface" / "0.2.0.json").read_text())


def diff(edit: Any) -> list[tuple[str, str, str, str, bool]]:
    new = copy.deepcopy(spec())
    edit(new)
    found = surface_diff.compare(surface_diff.summarize(spec()), surface_diff.summarize(new))
    return [tuple(c) for c in group(found)]


def schemas(document: dict[str, Any]) -> dict[str, Any]:
    result: dict[str, Any] = document["components"]["schemas"]
    return result


def test_no_change_no_diff() -> None:
    assert diff(lambda d: None) == []


def test_release_0_2_0_against_the_spec_before_it() -> None:
    """Spec 2.0.0 (package 0.1.0) against the spec of release 0.2.0 as its snapshot keeps it: both fixed files."""
    ungrouped = surface_diff.compare(surface_diff.summarize(BEFORE), SNAPSHOT_0_2_0["spec"]["surface"])
    changes = group(ungrouped)
    breaking = sorted(c.subject for c in changes if c.breaking)
    assert breaking == [
        "InvoiceDetails.amount_usd",
        "InvoiceDetails.created",
        "InvoiceDetails.link",
        "Postback.invoice_info",
        "Project.logo",
    ]
    # alike changes are one line each, and every change found is on one of them
    assert len({(c.what, c.member, c.detail) for c in changes}) == len(changes) < len(ungrouped)
    assert {(c.what, c.member, c.detail) for c in ungrouped} == {(c.what, c.member, c.detail) for c in changes}
    assert Change("operation", "", "createWithdrawal", "added (POST /v2/invoice/api/out/create)", False) in changes
    assert Change("field", "createInvoice()", "locale", "type Locale -> Locale | string (request)", False) in changes
    grouped = Change(
        "field", "{Invoice,InvoiceDetails}", "invoice_id", "added: string | null, optional (response)", False
    )
    assert grouped in changes
    assert not [c for c in changes if "InvoiceFields" in c.subject]
    assert bump("0.1.0", changes) == "0.2.0"


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (
            lambda d: schemas(d)["Project"]["properties"].pop("logo"),
            ("field", "Project", "logo", "removed (response)", True),
        ),
        (
            lambda d: schemas(d)["Project"]["properties"].update(slug={"type": "string", "description": "x"}),
            ("field", "Project", "slug", "added: string, optional (response)", False),
        ),
        (
            lambda d: schemas(d)["InvoiceCreateRequest"]["required"].append("order_id"),
            ("field", "InvoiceCreateRequest", "order_id", "optional -> required (request)", True),
        ),
        (
            lambda d: schemas(d)["InvoiceCreateRequest"]["required"].remove("shop_id"),
            ("field", "InvoiceCreateRequest", "shop_id", "required -> optional (request)", False),
        ),
        (
            lambda d: schemas(d)["StaticWallet"]["properties"]["uuid"].update(type="integer"),
            ("field", "StaticWallet", "uuid", "type string -> integer (response)", True),
        ),
        (
            lambda d: schemas(d)["InvoiceStatus"]["enum"].append("refunded"),
            ("enum value", "InvoiceStatus", "refunded", "added", False),
        ),
        (
            lambda d: schemas(d)["CryptoCurrency"]["enum"].remove("TRUMP_SOL"),
            ("enum value", "CryptoCurrency", "TRUMP_SOL", "removed", True),
        ),
        (
            lambda d: d["paths"].pop("/v2/invoice/static/create"),
            ("operation", "", "createStaticWallet", "removed (POST /v2/invoice/static/create)", True),
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
def test_each_kind_of_change(edit: Any, expected: tuple[str, str, str, str, bool]) -> None:
    assert expected in diff(edit)


def test_a_field_of_an_internal_base_is_one_line_for_the_models_that_merge_it() -> None:
    """InvoiceFields is merged by allOf into Invoice and InvoiceDetails (and so PostbackInvoice): never listed."""
    internal = surface_diff.Surface(spec()).internal_bases()
    assert "InvoiceFields" in internal
    assert not internal & {"Invoice", "InvoiceDetails", "Currency"}  # used by operations or as properties
    money = {"allOf": [{"$ref": "#/components/schemas/Money"}], "description": "x"}
    found = diff(lambda d: schemas(d)["InvoiceFields"]["properties"].update(tip=money))
    mergers = sorted(
        name
        for name, model in surface_diff.summarize(spec())["models"].items()
        if set(model["fields"]) >= set(schemas(spec())["InvoiceFields"]["properties"])
    )
    owners = "{" + ",".join(mergers) + "}"
    assert found == [("field", owners, "tip", "added: Money, optional (response)", False)]
    assert owners == "{Invoice,InvoiceDetails,PostbackInvoice}"


def test_the_spec_version_rule() -> None:
    document = spec()
    released = surface_diff.fingerprint(document)
    rule = surface_diff.spec_version
    assert rule("2.0.0", released, document, []) == ("2.0.0", "unchanged")
    text = copy.deepcopy(document)
    schemas(text)["Project"]["description"] = "Another text."
    assert rule("2.0.0", released, text, []) == ("2.0.1", "only its text changed (descriptions, examples)")
    one = [Change("field", "A", "b", "removed", True)]
    assert rule("2.0.3", released, text, one) == ("2.1.0", "what it describes changed (1 change(s), 1 breaking)")
    moved = copy.deepcopy(document)
    moved["paths"] = {path.replace("/v2/", "/v3/"): item for path, item in document["paths"].items()}
    assert rule("2.4.1", released, moved, one) == ("3.0.0", "the API's paths are now /v3/")
    versioned = copy.deepcopy(document)
    versioned["info"]["version"] = "9.9.9"  # its own version is no part of its fingerprint
    assert surface_diff.fingerprint(versioned) == released


def test_semver_and_rendering() -> None:
    ok = Change("field", "A", "b", "added", False)
    broken = Change("field", "A", "c", "removed", True)
    assert (bump("0.1.0", []), bump("0.1.0", [ok]), bump("0.1.0", [ok, broken])) == ("0.1.0", "0.1.1", "0.2.0")
    assert (bump("1.4.2", [ok]), bump("1.4.2", [broken])) == ("1.5.0", "2.0.0")
    assert render([ok, broken]).splitlines()[0] == "public surface: 2 change(s), 1 breaking"
    assert render([broken], markdown=True) == "- **BREAKING** field `A.c`: removed\n"
    alike = [Change("field", "B", "x", "added", False), Change("field", "A", "x", "added", False), ok]
    assert group(alike) == [Change("field", "{B,A}", "x", "added", False), ok]


# ------------------------------------------------------------------ the Python package's surface


@cache
def surface() -> dict[str, Any]:
    found: dict[str, Any] = public_surface.collect()
    return found


def python_diff(edit: Callable[[dict[str, Any]], Any]) -> list[tuple[str, str, str, str, bool]]:
    new = copy.deepcopy(surface())
    edit(new)
    return [tuple(c) for c in group(public_surface.compare(surface(), new))]


def test_every_method_is_listed_with_its_run_time_signature() -> None:
    from cryptocloud import AsyncCryptoCloud, CryptoCloud

    calls = surface()["calls"]
    for cls in (CryptoCloud, AsyncCryptoCloud):
        client = cls(api_key="k", shop_id="s")
        listed = calls[cls.__name__]
        for resource in ("invoices", "balances", "statistics", "static_wallets", "postbacks", "withdrawals"):
            methods = [m for m in vars(type(getattr(client, resource))) if not m.startswith("_")]
            for name in methods:
                if name == "with_raw_response":
                    continue
                entry = listed[f"{resource}.{name}"]
                live = inspect.signature(getattr(getattr(client, resource), name))
                assert [p[0] for p in entry["params"]] == list(live.parameters), (cls.__name__, resource, name)
        raw = [m for m in listed if ".with_raw_response." in m]
        assert raw and all(listed[m]["params"] == "as " + m.replace(".with_raw_response", "") for m in raw)
        assert listed["invoices.with_raw_response.create"]["returns"] == "RawResponse[Invoice]"
    assert calls["CryptoCloud"]["invoices.create"] == calls["AsyncCryptoCloud"]["invoices.create"]


def test_models_users_read_generated_and_hand_written_but_no_internal_base() -> None:
    models = surface()["models"]
    for internal in surface_diff.Surface(spec()).internal_bases():
        assert internal not in models
    assert models["cryptocloud.Invoice"] == {
        "attributes": {"pay_url": {"required": False, "type": "None | str"}},  # "None" text is no link (issue 22)
        "extends": "Invoice",
        "side": "response",
    }
    assert models["cryptocloud.InvoiceDetails"]["attributes"]["pay_url"] == {"required": False, "type": "None | str"}
    confirmed = models["cryptocloud.ConfirmedPayment"]["attributes"]
    assert confirmed["received"] == {"required": True, "type": "Decimal | None | Unset"}
    assert models["InvoiceCreateRequest"]["side"] == "request"
    assert sorted(surface()["enums"]["CryptoCurrency"]) == sorted(schemas(spec())["CryptoCurrency"]["enum"])
    assert surface()["errors"]["InvalidParameterError"]["bases"] == ["CryptoCloudError", "ValueError", "Exception"]
    assert {"field", "value", "reason"} <= set(surface()["errors"]["InvalidParameterError"]["attributes"])
    assert surface()["commands"]["cryptocloud invoice create"]["--amount"]["required"] is True


def _drop_param(name: str) -> Callable[[dict[str, Any]], None]:
    def edit(new: dict[str, Any]) -> None:
        for client in ("CryptoCloud", "AsyncCryptoCloud"):
            params = new["calls"][client]["invoices.create"]["params"]
            params[:] = [p for p in params if p[0] != name]

    return edit


def _add_param(param: list[Any]) -> Callable[[dict[str, Any]], None]:
    def edit(new: dict[str, Any]) -> None:
        new["calls"]["CryptoCloud"]["invoices.create"]["params"].append(param)

    return edit


def _retype(model: str, name: str, kind: str) -> Callable[[dict[str, Any]], None]:
    def edit(new: dict[str, Any]) -> None:
        new["models"][model]["attributes"][name]["type"] = kind

    return edit


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (
            _drop_param("email"),
            ("parameter", "{AsyncCryptoCloud,CryptoCloud}", "invoices.create(email)", "removed", True),
        ),
        (
            _add_param(["tip", "keyword", "Decimal | None", "None"]),
            ("parameter", "CryptoCloud", "invoices.create(tip)", "added: Decimal | None = None", False),
        ),
        (
            _add_param(["tip", "keyword", "Decimal", None]),
            ("parameter", "CryptoCloud", "invoices.create(tip)", "added: Decimal, required", True),
        ),
        (
            _retype("Invoice", "uuid", "None | str"),
            ("attribute", "Invoice", "uuid", "type str -> None | str", True),  # read: may now be None
        ),
        (
            _retype("InvoiceCreateRequest", "order_id", "int | str | Unset"),
            ("attribute", "InvoiceCreateRequest", "order_id", "type str | Unset -> int | str | Unset", False),
        ),
        (
            lambda new: new["commands"]["cryptocloud invoice create"].pop("--email"),
            ("option", "", "cryptocloud invoice create --email", "removed", True),
        ),
        (
            lambda new: new["commands"]["cryptocloud invoice create"]["--order-id"].update(required=True),
            ("option", "", "cryptocloud invoice create --order-id", "required False -> True", True),
        ),
        (
            lambda new: new["errors"]["NotFoundError"]["bases"].remove("APIStatusError"),
            ("error", "", "NotFoundError", "no longer a APIStatusError", True),
        ),
        (
            lambda new: new["enums"]["CryptoCurrency"].append("NOT_A_COIN"),  # a value no release will have
            ("enum value", "CryptoCurrency", "NOT_A_COIN", "added", False),
        ),
        (
            lambda new: new["names"].remove("verify_postback"),
            ("name", "cryptocloud", "verify_postback", "no longer exported", True),
        ),
    ],
    ids=[
        "parameter removed, sync and async: one line",
        "optional parameter added",
        "required parameter added",
        "response attribute widened",
        "request attribute widened",
        "CLI option removed",
        "CLI option now required",
        "error base removed",
        "enum value added",
        "export removed",
    ],
)
def test_each_kind_of_python_change(edit: Any, expected: tuple[str, str, str, str, bool]) -> None:
    found = python_diff(edit)
    assert found == [expected]


def test_the_release_snapshot_is_of_the_package_version() -> None:
    from cryptocloud import __version__

    newest = max((ROOT / "openapi" / "surface").glob("*.json"), key=lambda p: surface_diff.parse_version(p.stem))
    assert json.loads(newest.read_text())["package"] == newest.stem == __version__
    assert json.loads(changes_py.dumps(surface())) == surface()
