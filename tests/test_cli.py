"""The cryptocloud command line, against the embedded fake (and a served one for real-API errors)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx
import pytest
from click.testing import CliRunner
from cryptocloud import errors
from cryptocloud.cli import EXIT_CODES, exit_code, main
from cryptocloud.testing import FakeCryptoCloud
from support.harness import API_KEY


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def test_invoice_create_prints_the_invoice(runner: CliRunner) -> None:
    result = runner.invoke(
        main,
        [
            "invoice",
            "create",
            "--fake",
            "--json",
            "--amount",
            "100.10",
            "--order-id",
            "o-1",
            "--accept",
            "BTC",
            "--accept",
            "USDT_TRC20",
            "--ttl",
            "90",
        ],
    )
    assert result.exit_code == 0, result.output
    invoice = json.loads(result.stdout, parse_float=Decimal)
    assert invoice["amount_in_fiat"] == Decimal("100.10")
    assert invoice["uuid"].startswith("INV-") and invoice["pay_url"].startswith("https://pay.trybit.com/")
    assert invoice["currency"]["fullcode"] == "BTC"


def test_table_output(runner: CliRunner) -> None:
    result = runner.invoke(main, ["invoice", "create", "--fake", "--amount", "5"])
    assert result.exit_code == 0
    assert "Invoice created" in result.stdout and "INV-" in result.stdout


@pytest.mark.parametrize(
    ("args", "code", "line"),
    [
        (
            ["invoice", "create", "--fake", "--amount", "-1"],
            2,
            "error: InvalidParameterError: --amount: must be greater than 0, got '-1'",
        ),
        (
            ["invoice", "create", "--fake", "--amount", "1", "--currency", "xxx"],
            2,
            "error: InvalidParameterError: --currency: unknown code 'xxx'",
        ),
        (
            ["invoice", "cancel", "--fake", "INV-NOPE1234"],
            4,
            "error: BadRequestError: 400 Bad Request: validate_error: Invoice is not created (there is no invoice "
            "INV-NOPE1234; only an invoice still waiting for payment, in status created, can be canceled)",
        ),
        (
            ["invoice", "create", "--fake", "--amount", "1", "--accept", "BTC", "--accept", "x-x"],
            2,
            "error: InvalidParameterError: --accept: unknown code 'x-x'",
        ),
        (
            ["invoice", "create", "--fake", "--amount", "1", "--ttl", "0"],
            2,
            "error: InvalidParameterError: --ttl: must be a positive number of minutes, got 0",
        ),
        (
            ["invoice", "create", "--fake", "--amount", "1", "--recover"],
            2,
            "error: InvalidParameterError: --recover: needs an order_id to look the invoice up by",
        ),
        (
            ["invoice", "get", "--fake", "INV-NOPE1234"],
            5,
            "error: NotFoundError: no invoice INV-NOPE1234 in the answer",
        ),
        (
            ["invoice", "get", "--fake", "NOPE/1"],
            2,
            "error: InvalidParameterError: UUIDS: is not an invoice id like 'INV-89UX09KA' or '89UX09KA': 'NOPE/1'",
        ),
        (
            ["invoice", "list", "--fake", "--start", "2026-02-01", "--end", "2026-01-01"],
            2,
            "error: InvalidParameterError: --end: is before start (2026-02-01)",
        ),
    ],
)
def test_errors_are_one_line_with_an_exit_code(runner: CliRunner, args: list[str], code: int, line: str) -> None:
    result = runner.invoke(main, args)
    assert result.exit_code == code
    assert result.stderr.splitlines() == [line]
    assert result.stdout == ""  # no empty table before a not-found


def test_not_found_is_the_same_error_as_in_python(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    fake = FakeCryptoCloud(seed=3)
    with pytest.raises(errors.NotFoundError) as info:
        fake.client().invoices.retrieve("INV-NOPE1234")
    uuid = fake.client().invoices.create(amount=1).uuid
    monkeypatch.setattr("cryptocloud.testing.FakeCryptoCloud", lambda **options: fake)
    result = runner.invoke(main, ["invoice", "get", "--fake", "--json", uuid, "INV-NOPE1234"])
    assert result.exit_code == 5
    assert [json.loads(line)["uuid"] for line in result.stdout.splitlines()] == [uuid]  # the one that exists
    assert result.stderr == f"error: NotFoundError: {info.value}\n"


def cell_texts(table: str, column: int) -> list[str]:
    """The text of each row's cell in one column of a rich table (rows ruled apart), its wrapped pieces joined."""
    lines = table.splitlines()
    cells: list[str] = []
    for line in lines[next(i for i, line in enumerate(lines) if line.startswith("┡")) :]:
        if line.startswith(("┡", "├")):
            cells.append("")
        elif line.startswith("│"):
            cells[-1] += line.split("│")[column + 1].strip()
    return cells


@pytest.mark.parametrize("width", [160, 80, 40])
def test_tables_never_cut_ids_or_links(runner: CliRunner, monkeypatch: pytest.MonkeyPatch, width: int) -> None:
    fake = FakeCryptoCloud(seed=4)
    made = [fake.client().invoices.create(amount=Decimal("100.25"), order_id=f"order-{i}") for i in range(2)]
    monkeypatch.setattr("cryptocloud.testing.FakeCryptoCloud", lambda **options: fake)
    monkeypatch.setenv("COLUMNS", str(width))
    result = runner.invoke(main, ["invoice", "get", "--fake", *(i.uuid for i in made)])
    assert result.exit_code == 0, result.output
    assert "…" not in result.stdout
    assert cell_texts(result.stdout, 0) == [i.uuid for i in made]
    assert cell_texts(result.stdout, 6) == [i.pay_url for i in made]
    if width >= 160:  # wide enough: each link on one line, as it can be copied
        assert all(f"│ {i.pay_url} │" in result.stdout for i in made)
    monkeypatch.setattr("cryptocloud.testing.FakeCryptoCloud", lambda **o: FakeCryptoCloud(seed=5, **o))  # same ids
    result = runner.invoke(main, ["invoice", "create", "--fake", "--json", "--amount", "5"])
    created = json.loads(result.stdout)
    result = runner.invoke(main, ["invoice", "create", "--fake", "--amount", "5"])  # the same invoice, as a table
    fields = record(result.stdout)
    assert (fields["uuid"], fields["pay_url"]) == (created["uuid"], created["pay_url"])
    if width >= 80:  # one invoice: a field per line, the pay link whole on a 80-column terminal
        assert f"│ pay_url       │ {created['pay_url']} │" in result.stdout


def record(table: str) -> dict[str, str]:
    """A one-record rich table (field | value, no header) as a dict, wrapped values joined."""
    fields: dict[str, str] = {}
    name = ""
    for line in table.splitlines():
        if line.startswith("│"):
            cells = [cell.strip() for cell in line.split("│")[1:3]]
            name = cells[0] or name
            fields[name] = fields.get(name, "") + cells[1]
    return fields


@pytest.mark.parametrize("status", ["paid", "partial", "canceled"])
def test_cancelling_an_invoice_no_longer_created_says_why(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, status: str
) -> None:
    fake = FakeCryptoCloud(seed=4)
    invoice = fake.client().invoices.create(amount=Decimal("10"))
    if status == "canceled":
        fake.cancel(invoice.uuid)
    else:
        fake.pay(invoice.uuid, None if status == "paid" else Decimal("1"))
    monkeypatch.setattr("cryptocloud.testing.FakeCryptoCloud", lambda **options: fake)
    result = runner.invoke(main, ["invoice", "cancel", "--fake", invoice.uuid])
    assert (result.exit_code, result.stdout) == (4, "")
    assert result.stderr == (
        "error: BadRequestError: 400 Bad Request: validate_error: Invoice is not created "
        f"({invoice.uuid} is {status}; only an invoice still waiting for payment, in status created, can be "
        "canceled)\n"
    )


def test_times_are_marked_utc_in_tables_and_iso_8601_in_json(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = FakeCryptoCloud(seed=4)
    made = [fake.client().invoices.create(amount=Decimal("1"), order_id=f"o-{i}") for i in range(2)]
    fake.invoices[made[0].uuid]["created"] = "2026-12-05 07:21:00.026304"
    fake.invoices[made[1].uuid]["created"] = "2026-12-05 23:59:59.999999"
    monkeypatch.setattr("cryptocloud.testing.FakeCryptoCloud", lambda **options: fake)
    monkeypatch.setenv("COLUMNS", "200")
    table = runner.invoke(main, ["invoice", "get", "--fake", *(i.uuid for i in made)])
    assert cell_texts(table.stdout, 5) == ["2026-12-05 07:21:00 UTC", "2026-12-05 23:59:59 UTC"]
    lines = runner.invoke(main, ["invoice", "get", "--fake", "--json", *(i.uuid for i in made)]).stdout.splitlines()
    assert [json.loads(line)["created"] for line in lines] == [
        "2026-12-05T07:21:00.026304+00:00",
        "2026-12-05T23:59:59.999999+00:00",
    ]


def test_help_lists_every_variable(runner: CliRunner) -> None:
    result = runner.invoke(main, ["--help"])
    assert result.exit_code == 0
    variables = re.findall(r"^ +(CRYPTOCLOUD_\w+)  ", result.stdout, flags=re.MULTILINE)
    assert variables == [
        "CRYPTOCLOUD_API_KEY",
        "CRYPTOCLOUD_SHOP_ID",
        "CRYPTOCLOUD_BASE_URL",
        "CRYPTOCLOUD_WITHDRAWAL_KEY",
        "CRYPTOCLOUD_SECRET",
    ]
    assert "Times are UTC" in result.stdout


def test_exit_codes_differ_by_error_class() -> None:
    codes = {cls: code for cls, code in EXIT_CODES}
    assert exit_code(errors.PostbackVerificationError("x")) == 10
    assert exit_code(errors.APITimeoutError("t")) == codes[errors.APIConnectionError] == 7
    assert len({code for cls, code in EXIT_CODES if cls is not errors.PermissionDeniedError}) == len(EXIT_CODES) - 1


def test_list_streams_json_lines(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    fake = FakeCryptoCloud(seed=1)
    client = fake.client()
    made = {client.invoices.create(amount=i + 1).uuid for i in range(120)}
    monkeypatch.setattr("cryptocloud.testing.FakeCryptoCloud", lambda **options: fake)
    result = runner.invoke(main, ["invoice", "list", "--fake", "--json"])
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 120 and {json.loads(line)["uuid"] for line in lines} == made


def test_real_api_errors_and_the_key_never_printed(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    fake = FakeCryptoCloud(api_key="the-right-key")
    with fake.serve() as url:
        monkeypatch.setenv("CRYPTOCLOUD_BASE_URL", url)
        monkeypatch.setenv("CRYPTOCLOUD_API_KEY", API_KEY)  # not the fake's key
        monkeypatch.setenv("CRYPTOCLOUD_SHOP_ID", fake.shop_id)
        result = runner.invoke(main, ["balance"])
        assert result.exit_code == 3
        assert result.stderr.splitlines() == [
            "error: AuthenticationError: 401 Unauthorized: detail: Signature verification failed"
        ]
        assert API_KEY not in result.output
        monkeypatch.setenv("CRYPTOCLOUD_API_KEY", "the-right-key")
        monkeypatch.setattr("cryptocloud._client.time.sleep", lambda seconds: None)
        fake.fail_next("html_520", count=3)  # statistics creates nothing: retried twice, then reported
        result = runner.invoke(main, ["stats"])
        assert result.exit_code == 8 and "InternalServerError: HTTP 520" in result.stderr
        result = runner.invoke(main, ["balance", "--json"])
        assert (result.exit_code, result.stdout) == (0, "")


def test_missing_key_names_the_variable(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CRYPTOCLOUD_API_KEY", raising=False)
    result = runner.invoke(main, ["balance"])
    assert result.exit_code == 2
    assert result.stderr == "error: InvalidParameterError: CRYPTOCLOUD_API_KEY: not set (export it, or use --fake)\n"


def test_postback_verify(runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake = FakeCryptoCloud(seed=2)
    invoice = fake.client().invoices.create(amount=Decimal("10"), order_id="o-7")
    body = tmp_path / "postback.json"
    body.write_bytes(fake.pay(invoice.uuid).body)
    monkeypatch.setenv("SHOP_SECRET", fake.secret)
    result = runner.invoke(main, ["postback", "verify", "--secret-env", "SHOP_SECRET", str(body)])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert "verified" not in report and "token" not in report["unauthenticated"]
    assert (report["invoice_uuid"], report["token_verified"], report["confirmed"], report["paid"]) == (
        invoice.uuid,
        True,
        False,
        None,
    )
    assert report["authenticated"] == {"invoice_id": invoice.uuid[4:]}
    assert report["token_payload"]["id"] == invoice.uuid[4:]
    assert report["unauthenticated"]["order_id"] == "o-7"  # what the body says, signed by nobody
    assert sorted(report["unauthenticated"]) == ["amount_crypto", "currency", "invoice_info", "order_id", "status"]
    assert fake.secret not in result.output
    monkeypatch.setenv("SHOP_SECRET", "a-different-secret-0123456789abcdefgh")
    result = runner.invoke(main, ["postback", "verify", "--secret-env", "SHOP_SECRET", str(body)])
    assert result.exit_code == 10
    assert (
        result.stderr
        == "error: PostbackVerificationError: postback rejected: token signature does not match (wrong secret key?)\n"
    )


@pytest.fixture
def paid_fake(monkeypatch: pytest.MonkeyPatch) -> FakeCryptoCloud:
    """A fake the CLI's API client talks to (in-process), with SHOP_SECRET set to its secret."""
    fake = FakeCryptoCloud(seed=4)
    monkeypatch.setattr("cryptocloud._client.CryptoCloud", lambda: fake.client())
    monkeypatch.setenv("SHOP_SECRET", fake.secret)
    return fake


def _confirm(runner: CliRunner, body: bytes) -> Any:
    return runner.invoke(main, ["postback", "verify", "--secret-env", "SHOP_SECRET", "--confirm", "-"], input=body)


def test_postback_confirm_reads_the_invoice_from_the_api(runner: CliRunner, paid_fake: FakeCryptoCloud) -> None:
    invoice = paid_fake.client().invoices.create(amount=Decimal("10"), order_id="o-8")
    due = paid_fake.invoices[invoice.uuid]["amount"]
    result = _confirm(runner, paid_fake.pay(invoice.uuid, amount=due / 2).body)
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout, parse_float=Decimal)
    assert (report["confirmed"], report["paid"], report["mismatches"]) == (True, False, [])
    assert report["unauthenticated"]["status"] == "success"  # the body of a partial payment
    assert report["api"] == {
        "invoice_uuid": invoice.uuid,
        "status": "partial",
        "order_id": "o-8",
        "currency": "USDT_TRC20",
        "amount": due,
        "received": due / 2,
        "amount_usd": 10,
        "received_usd": 5,
        "test_mode": True,
    }
    assert report["verified_by"].startswith("HS256 token signature checked with the project's secret key")
    assert json.loads(_confirm(runner, paid_fake.pay(invoice.uuid).body).stdout)["paid"] is True


def test_postback_confirm_refuses_a_rewritten_order(runner: CliRunner, paid_fake: FakeCryptoCloud) -> None:
    client = paid_fake.client()
    cheap = client.invoices.create(amount=Decimal("1"), order_id="o-cheap")
    fields = json.loads(paid_fake.pay(cheap.uuid).body)
    plain = runner.invoke(
        main,
        ["postback", "verify", "--secret-env", "SHOP_SECRET", "-"],
        input=json.dumps(fields | {"order_id": "o-big"}),
    )
    assert plain.exit_code == 0 and json.loads(plain.stdout)["unauthenticated"]["order_id"] == "o-big"  # unsigned
    result = _confirm(runner, json.dumps(fields | {"order_id": "o-big"}).encode())
    assert result.exit_code == 10
    assert result.stderr == (
        "error: PostbackVerificationError: postback rejected: order_id in the body ('o-big') is not the "
        "invoice's ('o-cheap'): the body was altered\n"
    )


@pytest.mark.parametrize(
    ("body", "line"),
    [
        (b'{"token": "\\ud800", "invoice_id": "X"}', "body has text that is not valid Unicode (an unpaired surrogate)"),
        (b"x" * 300_000, "body too large (262145 bytes; at most 262144)"),
        (b'{"token": "a.b.c", "invoice_id": "X"}', "malformed token (header is not base64url)"),
    ],
    ids=["lone surrogate", "too large", "malformed token"],
)
def test_postback_verify_hostile_input_is_one_line(
    runner: CliRunner, paid_fake: FakeCryptoCloud, body: bytes, line: str
) -> None:
    result = _confirm(runner, body)
    assert (result.exit_code, result.stdout) == (10, "")
    assert result.stderr == f"error: PostbackVerificationError: postback rejected: {line}\n"


def test_fake_server_command_serves_until_stopped(tmp_path: Path) -> None:
    script = Path(sys.executable).with_name("cryptocloud")
    process = subprocess.Popen([str(script), "fake-server", "--port", "0"], stdout=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        url = line.split(" at ")[1].split(" ")[0]
        answer = httpx.post(
            f"{url}/v2/merchant/wallet/balance/all", json={}, headers={"Authorization": "Token fake-api-key"}
        )
        assert answer.status_code == 200 and answer.json() == {"status": "success", "result": []}
    finally:
        process.terminate()
        process.wait(timeout=10)


# ------------------------------------------------------------------ withdraw

TO = "TXYZabcdefghijkLMNOPqrstuvwx12345"
WITHDRAW = ["withdraw", "--fake", "--currency", "USDT_TRC20", "--to", TO, "--amount", "12.5"]


@pytest.fixture
def funded(monkeypatch: pytest.MonkeyPatch) -> FakeCryptoCloud:
    fake = FakeCryptoCloud(seed=5)
    fake.fund("USDT_TRC20", Decimal("20"))
    monkeypatch.setattr("cryptocloud.testing.FakeCryptoCloud", lambda **options: fake)
    return fake


def test_withdraw_asks_first_and_a_no_sends_nothing(runner: CliRunner, funded: FakeCryptoCloud) -> None:
    result = runner.invoke(main, WITHDRAW, input="n\n")
    assert result.exit_code == 1
    assert result.stderr == (f"Withdraw 12.5 USDT_TRC20 to {TO}? This cannot be undone. [y/N]: n\nnot sent\n")
    assert funded.withdrawals == {} and [r.url.path for r in funded.requests] == []


def test_withdraw_with_a_yes_answer_or_flag(runner: CliRunner, funded: FakeCryptoCloud) -> None:
    result = runner.invoke(main, [*WITHDRAW, "--json"], input="y\n")
    assert result.exit_code == 0, result.stderr
    out = json.loads(result.stdout)
    assert (out["status"], out["currency"], out["amount"]) == ("created", "USDT_TRC20", 12.5)
    assert funded.balance("USDT_TRC20") == Decimal("7.5")
    result = runner.invoke(main, [*WITHDRAW, "--yes"])  # no question, but the 12 s are kept
    assert result.exit_code == 11 and result.stdout == ""
    assert result.stderr.startswith("error: WithdrawalTooSoonError: a withdrawal with this withdrawal key was sent")
    assert len(funded.withdrawals) == 1


@pytest.mark.parametrize(
    ("change", "line"),
    [
        (["--amount", "1.0e1"], "--amount: must be plain digits like '100.00', got '1.0e1'"),
        (["--currency", "usdt"], "--currency: "),
        (["--to", "T X"], "--to: must be 1 to 256 printable ASCII characters without spaces"),
    ],
)
def test_withdraw_checks_arguments_before_asking(
    runner: CliRunner, funded: FakeCryptoCloud, change: list[str], line: str
) -> None:
    result = runner.invoke(main, [*WITHDRAW, *change])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: InvalidParameterError: {line}") and "[y/N]" not in result.output
    assert funded.requests == []


def test_withdraw_without_a_key_names_the_variable(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CRYPTOCLOUD_API_KEY", "k" * 16)
    monkeypatch.delenv("CRYPTOCLOUD_WITHDRAWAL_KEY", raising=False)
    result = runner.invoke(main, ["withdraw", "--currency", "BTC", "--to", TO, "--amount", "1"])
    assert result.exit_code == 2
    assert result.stderr == (
        "error: InvalidParameterError: CRYPTOCLOUD_WITHDRAWAL_KEY: not set (export it, or use --fake)\n"
    )
