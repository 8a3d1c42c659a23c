"""Real answers of the API (tests/recorded/, each naming where it came from) against the spec and the client.

Each fact the spec took from them is pinned here to its source: the field exists in the spec with the type and
nullability the source shows, and the client decodes the source's value.
"""

from __future__ import annotations

import json
import logging
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx
import pytest
from click.testing import CliRunner
from cryptocloud import InvalidParameterError
from cryptocloud.cli import main
from cryptocloud.drift import Spec, bundled_spec, report
from cryptocloud.postbacks import PostbackInvoice
from cryptocloud_client import exact
from cryptocloud_client.types import UNSET
from support.harness import API_KEY, Harness, docs_response
from support.recorded_tools import RECORDED, answer, decode, recorded
from support.spec_tools import json_types, property_schema, schemas

ALL = recorded()


def test_every_recorded_answer_names_its_source() -> None:
    assert ALL, f"no recorded answer in {RECORDED}"
    for name, record in ALL.items():
        assert record["source"]["repository"] and record["source"]["note"], f"{RECORDED / name}: say where it came from"
        assert record["operation"] in bundled_spec().operations, f"{RECORDED / name}: no such operation in the spec"


# (schema, field, JSON types the spec allows besides null, nullable, recorded file, where in its body, value)
PINS: list[tuple[str, str, set[str], bool, str, tuple[str | int, ...], Any]] = [
    ("InvoiceFields", "side_commission_service", {"string"}, False, "create_goproxy.json", ("result",), "merchant"),
    ("InvoiceFields", "type_payments", {"string"}, True, "create_goproxy.json", ("result",), "crypto"),
    ("InvoiceFields", "invoice_id", {"string"}, True, "create_goproxy.json", ("result",), None),
    ("InvoiceFields", "address", {"string"}, True, "create_goproxy_blank.json", ("result",), ""),
    ("Project", "logo", {"string"}, True, "create_goproxy_blank.json", ("result", "project"), ""),
    ("Project", "logo", {"string"}, True, "create_docs_older.json", ("result", "project"), "None"),
    ("Project", "logo", {"string"}, True, "info_docs.json", ("result", 0, "project"), None),
    ("InvoiceDetails", "invoice_status", {"string"}, True, "postback_goproxy.json", ("invoice_info",), "success"),
    ("PostbackInvoice", "amount_", {"number"}, True, "postback_goproxy.json", ("invoice_info",), 100),
    ("PostbackInvoice", "amount_in_crypto", {"number"}, True, "postback_goproxy.json", ("invoice_info",), None),
    (
        "PostbackInvoice",
        "amount_to_pay",
        {"number"},
        True,
        "postback_goproxy.json",
        ("invoice_info",),
        Decimal("102.0"),
    ),
    (
        "PostbackInvoice",
        "amount_to_pay_usd",
        {"number"},
        True,
        "postback_goproxy.json",
        ("invoice_info",),
        Decimal("102.0"),
    ),
    ("PostbackInvoice", "amount_paid", {"number"}, True, "postback_goproxy.json", ("invoice_info",), Decimal("102.0")),
    (
        "PostbackInvoice",
        "amount_paid_usd",
        {"number"},
        True,
        "postback_goproxy.json",
        ("invoice_info",),
        Decimal("102.0"),
    ),
    ("PostbackInvoice", "total_rub", {"number"}, True, "postback_goproxy.json", ("invoice_info",), 0),
    ("PostbackInvoice", "step", {"integer"}, True, "postback_goproxy.json", ("invoice_info",), 3),
    ("PostbackInvoice", "type", {"string"}, True, "postback_goproxy.json", ("invoice_info",), "up"),
    ("PostbackInvoice", "aml_enabled", {"boolean"}, True, "postback_goproxy.json", ("invoice_info",), True),
    ("PostbackInvoice", "aml_side", {"string"}, True, "postback_goproxy.json", ("invoice_info",), "merchant"),
    ("PostbackInvoice", "aml_checks", {"array"}, False, "postback_goproxy.json", ("invoice_info",), ["one", "two"]),
    ("PostbackInvoice", "links_invoice", set(), True, "postback_goproxy.json", ("invoice_info",), None),
]


def _own_property(schema: str, field: str) -> dict[str, Any]:
    found = schemas()[schema].get("properties", {})
    for member in schemas()[schema].get("allOf", ()):
        found = found | member.get("properties", {})
    prop: dict[str, Any] = found[field]
    return prop


@pytest.mark.parametrize("pin", PINS, ids=[f"{p[0]}.{p[1]}<-{p[4]}" for p in PINS])
def test_spec_field_pinned_to_its_source(pin: tuple[Any, ...]) -> None:
    schema, field, types, nullable, file, where, value = pin
    body: Any = ALL[file]["body"]
    for step in where:
        body = body[step]
    assert body[field] == value  # the source shows it
    prop = _own_property(schema, field)
    declared = json_types(prop)
    assert declared - {"null"} == types
    assert ("null" in declared or not declared) == (nullable or not types)
    if types & {"number"}:
        assert prop.get("format") == "decimal"  # money stays exact


def test_required_fields_follow_the_rule() -> None:
    spec = bundled_spec()
    flat = {name: spec.flatten(schemas()[name]) for name in ("Invoice", "InvoiceDetails", "PostbackInvoice")}
    assert sorted(flat["Invoice"]["required"]) == ["amount_usd", "created", "link", "status", "uuid"]
    assert sorted(flat["InvoiceDetails"]["required"]) == ["status", "uuid"]
    assert sorted(flat["PostbackInvoice"]["required"]) == ["status", "uuid"]
    postback = schemas()["Postback"]["properties"]["invoice_info"]["anyOf"]
    assert postback == [{"$ref": "#/components/schemas/PostbackInvoice"}, {"type": "null"}]


def test_servers_name_trybit_first_and_the_legacy_host() -> None:
    from support.reference import spec

    assert [s["url"] for s in spec()["servers"]] == ["https://api.trybit.com", "https://api.cryptocloud.plus"]
    assert "Legacy" in spec()["servers"][1]["description"]


# Facts that come from other clients and older docs rather than from recorded answers:
# - locale: crypto-cloud-py (PyPI crypto-cloud-py, github.com/jpleorx/crypto-cloud-py), CryptoCloudApi.__init__:
#   locales = ['en', 'ru', 'de', 'fr', 'it', 'es', 'ch']; the docs document en and ru only.
# - add_fields.period: docs.cryptocloud.plus/en/api-reference-v2/create-invoice (an older version): "period, String,
#   month, week, day: Period for invoice resubmission (only if email for automatic invoice sending is filled in)";
#   also sent by a public pydantic client (period: Literal["month", "week", "day"]).
# - BalanceCurrency.enable: a public TypeScript client's IBalanceCurrency; enabled: another SDK (issue 11).
def test_locale_is_open_and_period_is_documented() -> None:
    locale = schemas()["OpenLocale"]
    assert locale["anyOf"][0] == {"$ref": "#/components/schemas/Locale"} and locale["anyOf"][1]["type"] == "string"
    assert schemas()["Locale"]["enum"] == ["en", "ru"]
    assert schemas()["ResendPeriod"]["enum"] == ["month", "week", "day"]
    assert "resubmission" in property_schema("InvoiceCreateRequest", "add_fields.period")["description"]
    assert sorted({"enable", "enabled"} & set(schemas()["BalanceCurrency"]["properties"])) == ["enable", "enabled"]


# ------------------------------------------------------------------ the client reads every recorded answer


@pytest.mark.parametrize("mode", ["sync", "async"])
def test_real_create_answers_decode(mode: str) -> None:
    goproxy = decode("createInvoice", ALL["create_goproxy.json"]["body"], mode)
    assert (goproxy.side_commission_service, goproxy.type_payments, goproxy.invoice_id) == ("merchant", "crypto", None)
    assert goproxy.side_commission_cc is UNSET  # real answers may lack it
    blank = decode("createInvoice", ALL["create_goproxy_blank.json"]["body"], mode)
    assert (blank.address, blank.project.logo) == ("", "")
    older = decode("createInvoice", ALL["create_docs_older.json"]["body"], mode)
    assert older.project.logo == "None"
    trybit = decode("createInvoice", ALL["create_trybit.json"]["body"], mode)
    assert trybit.pay_url == "https://pay.trybit.com/89UX09KA"
    assert trybit.fee == Decimal("0.000001499999996212864")


@pytest.mark.parametrize("mode", ["sync", "async"])
def test_docs_info_item_without_link_and_created_decodes(mode: str) -> None:
    [invoice] = decode("getInvoiceInfo", ALL["info_docs.json"]["body"], mode)
    assert (invoice.uuid, invoice.status, invoice.order_id) == ("INV-XXXXXXXX", "overpaid", "1111")
    assert invoice.link is UNSET and invoice.created is UNSET and invoice.pay_url is None
    assert invoice.project.logo is None
    assert invoice.received == Decimal("100.2")


def test_postback_invoice_info_is_typed() -> None:
    postback = decode("paymentPostback", ALL["postback_goproxy.json"]["body"])
    info = postback.invoice_info
    assert isinstance(info, PostbackInvoice)
    assert (info.status, info.invoice_status, info.type_, info.step) == ("overpaid", "success", "up", 3)
    assert (info.amount_to_pay_usd, info.amount_paid, info.amount_) == (
        Decimal("102.0"),
        Decimal("102.0"),
        Decimal(100),
    )
    assert (info.amount_in_crypto, info.links_invoice, info.link) == (None, None, UNSET)
    assert (info.aml_enabled, info.aml_side, info.aml_checks) == (True, "merchant", ["one", "two"])


@pytest.mark.parametrize("field", ["enable", "enabled"])
def test_balance_reads_either_spelling(mode: str, field: str) -> None:
    body = {
        "status": "success",
        "result": [{"currency": {"code": "USDT_TRC20", field: True}, "balance_crypto": 1, "balance_usd": 1}],
    }
    harness = Harness(mode, lambda r: answer(body))
    [balance] = harness.call(harness.client.balances.list)
    assert getattr(balance.currency, field) is True


# ------------------------------------------------------------------ Trybit: host, links, redirects


def test_default_host_is_trybit_and_legacy_is_one_argument_away(
    mock_mode: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CRYPTOCLOUD_BASE_URL", raising=False)
    default = Harness(mock_mode, lambda r: answer(docs_response()))
    default.create()
    legacy = Harness(mock_mode, lambda r: answer(docs_response()), base_url="https://api.cryptocloud.plus")
    legacy.create()
    monkeypatch.setenv("CRYPTOCLOUD_BASE_URL", "https://api.cryptocloud.plus")
    from_env = Harness(mock_mode, lambda r: answer(docs_response()))
    from_env.create()
    hosts = [h.requests[0].url.host for h in (default, legacy, from_env)]
    assert hosts == ["api.trybit.com", "api.cryptocloud.plus", "api.cryptocloud.plus"]


@pytest.mark.parametrize(
    ("link", "url"),
    [
        ("pay.trybit.com/89UX09KA", "https://pay.trybit.com/89UX09KA"),
        ("https://pay.trybit.com/89UX09KA", "https://pay.trybit.com/89UX09KA"),
        ("pay.cryptocloud.plus/89UX09KA", "https://pay.cryptocloud.plus/89UX09KA"),
        ("https://pay.cryptocloud.plus/89UX09KA", "https://pay.cryptocloud.plus/89UX09KA"),
    ],
)
def test_pay_url_on_either_domain(mode: str, link: str, url: str) -> None:
    body = docs_response()
    body["result"]["link"] = link
    assert Harness(mode, lambda r: answer(body)).create().pay_url == url


@pytest.mark.parametrize("status", [301, 302, 307, 308])
def test_a_moved_api_names_the_new_host(mode: str, status: int) -> None:
    from cryptocloud import APIStatusError

    moved = Harness(
        mode, lambda r: httpx.Response(status, headers={"Location": "https://api.trybit.com/v2/invoice/create"})
    )
    with pytest.raises(APIStatusError) as info:
        moved.create()
    message = str(info.value)
    assert "redirect to https://api.trybit.com not followed" in message
    assert "set base_url='https://api.trybit.com' or CRYPTOCLOUD_BASE_URL" in message
    assert len(moved.requests) == 1 and API_KEY not in message


# ------------------------------------------------------------------ locale and period on create


def test_locale_is_open_and_checked_for_shape(mode: str) -> None:
    harness = Harness(mode, lambda r: answer(docs_response()))
    harness.create(locale="de")
    harness.create(locale="ru")
    assert [r.url.params["locale"] for r in harness.requests] == ["de", "ru"]
    with pytest.raises(InvalidParameterError) as info:
        harness.create(locale="Deutsch")
    assert (info.value.field, info.value.value, len(harness.requests)) == ("locale", "Deutsch", 2)


def test_period_needs_an_email_to_send(mode: str) -> None:
    harness = Harness(mode, lambda r: answer(docs_response()))
    harness.create(period="week", email_to_send="payer@example.com")
    assert json.loads(harness.requests[0].content)["add_fields"] == {
        "email_to_send": "payer@example.com",
        "period": "week",
    }
    with pytest.raises(InvalidParameterError) as info:
        harness.create(period="week")
    assert (info.value.field, info.value.value) == ("period", "week")
    with pytest.raises(InvalidParameterError) as bad:
        harness.create(period="year", email_to_send="payer@example.com")
    assert bad.value.field == "period" and len(harness.requests) == 1


# ------------------------------------------------------------------ drift


def test_recorded_answers_show_no_drift() -> None:
    rows, count = report(sorted(RECORDED.glob("*.json")))
    assert rows == []
    assert count == len(ALL)  # each recorded file read (one answer each)


def _properties_at(spec: Spec, operation: str, where: tuple[str | int, ...]) -> dict[str, Any]:
    """The properties ``spec`` gives the object at ``where`` in the answer to ``operation``."""
    schema = spec.flatten(spec.body_schema(operation, 200) or {})
    for step in where:
        schema = spec.flatten(schema.get("items", {}) if isinstance(step, int) else schema["properties"][step])
        branches = [branch for branch in schema.get("anyOf", ()) if branch != {"type": "null"}]
        if len(branches) == 1:  # a nullable object
            schema = spec.flatten(branches[0])
    properties: dict[str, Any] = schema.get("properties", {})
    return properties


def test_the_spec_before_this_change_drifted_from_them() -> None:
    # Against the spec as it was (2.0.0, kept beside the answers), the drift report shows each fact pinned above
    # that the spec has taken from them since: a field it lacked is an unknown field, a null it refused is refused.
    import yaml

    old = Spec(yaml.safe_load((RECORDED / "spec-2.0.0.yaml").read_text()))
    # Answers to operations spec 2.0.0 already had (the withdrawal came later).
    answered = [path for path in sorted(RECORDED.glob("*.json")) if ALL[path.name]["operation"] in old.operations]
    rows, _ = report(answered, spec=old)
    found = {(r.operation, r.kind, r.field.rsplit(".", 1)[-1]) for r in rows}
    for schema, field, _, _, file, where, value in PINS:
        operation = ALL[file]["operation"]
        if operation not in old.operations:
            continue
        known = _properties_at(old, operation, where)
        if field not in known:
            assert (operation, "unknown field", field) in found, (schema, field, file)
        elif value is None and old.check(known[field], None):  # the old spec refused a null here
            assert (operation, "null not allowed", field) in found, (schema, field, file)
    assert {kind for _, kind, _ in found} == {"unknown field", "null not allowed", "missing required"}


def _drifted(tmp_path: Path) -> Path:
    record = json.loads((RECORDED / "create_goproxy.json").read_text())
    record["body"]["result"] |= {"brand_new": {"x": 1}, "amount_usd": "100.0", "status": "refunded"}
    path = tmp_path / "drifted.json"
    path.write_text(json.dumps(record))
    return path


def test_injected_drift_gives_exactly_those_rows(tmp_path: Path) -> None:
    rows, _ = report([_drifted(tmp_path)])
    assert [(r.kind, r.field, r.sample) for r in rows] == [
        ("unknown field", "result.brand_new", '{"x":1}'),
        ("wrong type", "result.amount_usd", '"100.0"'),
        ("unknown enum value", "result.status", '"refunded"'),
    ]
    assert rows[2].expected == "one of created, paid, partial, overpaid, canceled"


def test_drift_command(tmp_path: Path) -> None:
    runner = CliRunner()
    clean = runner.invoke(main, ["drift", *map(str, sorted(RECORDED.glob("*.json")))])
    answers = len(list(RECORDED.glob("*.json")))
    assert (clean.exit_code, clean.stdout, clean.stderr) == (0, "", f"{answers} answers read, 0 drift rows\n")
    drifted = runner.invoke(main, ["drift", "--json", str(_drifted(tmp_path))])
    assert drifted.exit_code == 1
    rows = [json.loads(line) for line in drifted.stdout.splitlines()]
    assert [(r["operation"], r["kind"], r["field"], r["count"]) for r in rows] == [
        ("createInvoice", "unknown field", "result.brand_new", 1),
        ("createInvoice", "wrong type", "result.amount_usd", 1),
        ("createInvoice", "unknown enum value", "result.status", 1),
    ]
    table = runner.invoke(main, ["drift", str(_drifted(tmp_path))], env={"COLUMNS": "200"})
    assert table.exit_code == 1 and "│ result.brand_new " in table.stdout and "unknown enum value" in table.stdout
    # At 80 columns the table would break field paths mid-word: a block per row, each value whole on its line.
    narrow = runner.invoke(main, ["drift", str(_drifted(tmp_path))], env={"COLUMNS": "80"})
    lines = [line.rstrip() for line in narrow.stdout.splitlines()]
    assert lines[:10] == [
        "Drift: answers against the spec: 3",
        "",
        "1.",
        "operation  createInvoice",
        "kind       unknown field",
        "field      result.brand_new",
        "expected   not in the spec",
        'sample     {"x":1}',
        f"seen_in    {_drifted(tmp_path)}",
        "count      1",
    ]
    assert "field      result.amount_usd" in lines and "field      result.status" in lines


def test_drift_reads_json_lines_and_har(tmp_path: Path) -> None:
    body = ALL["create_goproxy.json"]["body"]
    lines = tmp_path / "answers.jsonl"
    lines.write_text(exact.dumps({"path": "/v2/invoice/create", "status": 200, "body": body}).decode() + "\n\n")
    har_body = dict(body, result=dict(body["result"], new_field=1))
    entries = [
        {
            "request": {"method": "POST", "url": "https://api.trybit.com/v2/invoice/create"},
            "response": {
                "status": 200,
                "content": {"mimeType": "application/json", "text": exact.dumps(har_body).decode()},
            },
        },
        {
            "request": {"method": "GET", "url": "https://example.com/"},
            "response": {"status": 200, "content": {"mimeType": "text/html", "text": "<html>"}},
        },
    ]
    har = tmp_path / "capture.har"
    har.write_text(json.dumps({"log": {"version": "1.2", "entries": entries}}))
    rows, count = report([lines, har])
    assert count == 2
    assert [(r.kind, r.field, r.seen_in) for r in rows] == [("unknown field", "result.new_field", f"{har}#entry0")]


def test_drift_refuses_what_it_cannot_read(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"path": "/v2/invoice/create", "body": {}}\nnot json\n')
    result = CliRunner().invoke(main, ["drift", str(bad)])
    assert result.exit_code == 2 and f"{bad}:2: not JSON" in result.stderr
    bare = tmp_path / "bare.json"
    bare.write_text(json.dumps({"status": "success", "result": []}))
    assert CliRunner().invoke(main, ["drift", str(bare)]).exit_code == 2
    assert CliRunner().invoke(main, ["drift", "--operation", "getInvoiceInfo", str(bare)]).exit_code == 0


# ------------------------------------------------------------------ recording and the drift logger


def test_record_to_writes_json_lines_without_secrets(mode: str, tmp_path: Path) -> None:
    path = tmp_path / "answers.jsonl"
    body = docs_response()
    harness = Harness(mode, lambda r: answer(body), record_to=path)
    harness.create()
    text = path.read_text()
    assert API_KEY not in text and "Token" not in text
    [line] = [json.loads(line) for line in text.splitlines()]
    assert (line["operation"], line["method"], line["path"], line["status"]) == (
        "createInvoice",
        "POST",
        "/v2/invoice/create",
        200,
    )
    assert line["body"]["result"]["uuid"] == "INV-89UX09KA"
    assert report([path]) == ([], 1)  # what the client records is what drift reads


def test_a_recording_is_private_to_its_owner_and_bounded_in_size(
    mode: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cryptocloud import _observe

    path = tmp_path / "answers.jsonl"
    harness = Harness(mode, lambda r: answer(docs_response()), record_to=path)
    harness.create()
    assert path.stat().st_mode & 0o777 == 0o600  # answers hold customers' emails and addresses
    size = path.stat().st_size  # every line is as long (the same answer, a time of fixed width)
    monkeypatch.setattr(_observe, "RECORD_MAX_BYTES", 2 * size + 1)
    harness.create()  # fits: two lines
    harness.create()  # would pass the cap: the two lines move to .1, this one starts the file anew
    older = tmp_path / "answers.jsonl.1"
    assert (len(older.read_text().splitlines()), len(path.read_text().splitlines())) == (2, 1)
    assert (older.stat().st_size, path.stat().st_size) == (2 * size, size)
    assert (older.stat().st_mode & 0o777, path.stat().st_mode & 0o777) == (0o600, 0o600)


def test_drift_logger_reports_each_unknown_once_and_the_call_succeeds(
    mode: str, caplog: pytest.LogCaptureFixture
) -> None:
    from cryptocloud import _observe

    _observe._seen.clear()
    _observe._last_checked.clear()  # the check samples one answer per operation per minute
    body = docs_response()
    body["result"] |= {"surprise_field": 1, "fiat_currency": "XYZ"}
    harness = Harness(mode, lambda r: answer(body))
    with caplog.at_level(logging.WARNING, logger="cryptocloud.drift"):
        first = harness.create()
        harness.create()
    assert first.additional_properties == {"surprise_field": 1} and first.fiat_currency == "XYZ"
    messages = [r.getMessage() for r in caplog.records if r.name == "cryptocloud.drift"]
    assert sorted(messages) == [
        'createInvoice: unknown enum value result.fiat_currency (sample "XYZ"); the spec does not know it: '
        "run `cryptocloud drift` on recorded answers",
        "createInvoice: unknown field result.surprise_field (sample 1); the spec does not know it: "
        "run `cryptocloud drift` on recorded answers",
    ]


def test_a_non_json_answer_is_recorded_as_text_and_is_not_drift(mode: str, tmp_path: Path) -> None:
    from cryptocloud import InternalServerError

    path = tmp_path / "answers.jsonl"
    harness = Harness(
        mode, lambda r: httpx.Response(502, text="<html>Bad gateway</html>"), record_to=path, max_retries=0
    )
    with pytest.raises(InternalServerError):
        harness.create()
    [line] = [json.loads(line) for line in path.read_text().splitlines()]
    assert (line["status"], line["body"], line["text"]) == (502, None, "<html>Bad gateway</html>")
    assert report([path]) == ([], 1)


def test_recovery_never_resends_when_the_listed_invoice_lacks_its_link(mock_mode: str, sleeps: list[float]) -> None:
    from datetime import UTC, datetime

    from cryptocloud import APITimeoutError, OrderIdConflictError

    listed = ALL["info_docs.json"]["body"]["result"][0] | {
        "order_id": "order-9",
        "created": datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S.%f"),
    }

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/create"):
            raise httpx.ReadTimeout("lost", request=request)
        return answer({"status": "success", "result": [listed]})

    harness = Harness(mock_mode, handler)
    # An invoice with this order_id exists, but the listing cannot show it is this call's (no amount, no
    # currency, no link): a conflict to decide by hand, never a resend. (The list repeats its one page whatever
    # the offset: what it showed is enough to know something exists.)
    with pytest.raises(OrderIdConflictError) as info:
        harness.create(order_id="order-9", recover=True)
    assert info.value.may_have_been_created and isinstance(info.value.cause, APITimeoutError)
    paths = [r.url.path for r in harness.requests]
    assert paths == ["/v2/invoice/create", "/v2/invoice/merchant/list", "/v2/invoice/merchant/list"]
