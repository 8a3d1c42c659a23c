"""The spec as other teams' generators read it: openapi-generator (typescript-fetch and go) and hey-api make
clients that compile and talk to the served fake, and schemathesis finds the fake and the spec in agreement.

The slow tools (three generators, schemathesis) start together, each bounded by a timeout; the README's section
"The spec for other languages" shows the same commands (checked below)."""

from __future__ import annotations

import json
import os
import re
import runpy
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import yaml
from support.reference import ROOT, SPEC_PATH, invoice_statuses

BUILD = ROOT / "build" / "clients"
BIN = ROOT / "node_modules" / ".bin"
VENV_BIN = Path(sys.executable).parent
ENV = os.environ | {"GOPROXY": "off", "GOFLAGS": "-mod=mod", "GOTOOLCHAIN": "local", "NO_COLOR": "1"}
KEY, SHOP = "fake-api-key", "fake-shop"  # what `cryptocloud fake-server` serves with

# The exact commands the README gives (without the -i/-o paths).
TS_FETCH = (
    "-g typescript-fetch --type-mappings number+decimal=string,OpenInvoiceStatus=string,"
    "OpenFiatCurrency=string,OpenCommissionSide=string,OpenLocale=string --name-mappings amount_=amountAgain "
    "--global-property apis=Invoices:Balances:Statistics:StaticWallets,models,supportingFiles"
)
GO = (
    "-g go --type-mappings number+decimal=Decimal --name-mappings amount_=AmountAgain "
    "--additional-properties=packageName=cryptocloud,enumClassPrefix=true"
)
SCHEMATHESIS = "--config-file openapi/checks/schemathesis.toml run openapi/cryptocloud.yaml --max-examples 10 --seed 1"
HOOKS = "openapi/checks/schemathesis_hooks.py"  # requests name the fake's shop
SCHEMATHESIS_SECONDS = 60  # fuzzing budget (--max-time); examples and coverage phases come on top, about 5 s

# Every warning openapi-generator prints for this spec; anything else fails the test. The webhook's "schema name"
# warning comes once or twice from run to run (the generator's own order of work), so only its presence is pinned.
BETA, WEBHOOK = "OpenAPI 3.1 support is still in beta", "Failed to get the schema name: null"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start(
    name: str, args: list[str], log: Path, env: dict[str, str] | None = None
) -> tuple[str, subprocess.Popen[bytes], Path]:
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("wb") as out:
        process = subprocess.Popen(args, cwd=ROOT, env=ENV | (env or {}), stdout=out, stderr=subprocess.STDOUT)
    return name, process, log


def finish(runs: list[tuple[str, subprocess.Popen[bytes], Path]], timeout: float) -> dict[str, tuple[int, str]]:
    deadline = time.monotonic() + timeout
    results = {}
    for name, process, log in runs:
        try:
            code = process.wait(timeout=max(1.0, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
            code = -9
        results[name] = (code, log.read_text(errors="replace"))
    return results


def openapi_generator(args: str, out: Path) -> list[str]:
    return [str(VENV_BIN / "openapi-generator-cli"), "generate", "-i", str(SPEC_PATH), "-o", str(out), *args.split()]


@pytest.fixture(scope="module")
def fake_url() -> Iterator[str]:
    port = free_port()
    process = subprocess.Popen(
        # schemathesis sends one Authorization header: the fake takes it for withdrawals too
        [str(VENV_BIN / "cryptocloud"), "fake-server", "--port", str(port), "--seed", "7", "--withdrawal-key", KEY],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                httpx.post(url, timeout=1)
                break
            except httpx.TransportError:
                if process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"cryptocloud fake-server did not start: {process.stdout and process.stdout.read()!r}")
                time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(scope="module")
def runs(fake_url: str) -> dict[str, tuple[int, str]]:
    """Run every slow tool at once, each bounded: openapi-generator x2, hey-api, schemathesis."""
    if shutil.which("java") is None or shutil.which("go") is None:
        pytest.fail("java and go are needed: run ./test.sh, whose scripts/go-tools.sh installs them")
    for name in ("typescript-fetch", "go", "hey-api"):
        shutil.rmtree(BUILD / name, ignore_errors=True)
    logs = BUILD / "logs"
    started = [
        start("typescript-fetch", openapi_generator(TS_FETCH, BUILD / "typescript-fetch"), logs / "ts.log"),
        start("go", openapi_generator(GO, BUILD / "go"), logs / "go.log"),
        start(
            "hey-api", [str(BIN / "openapi-ts"), "-i", str(SPEC_PATH), "-o", str(BUILD / "hey-api")], logs / "hey.log"
        ),
        start(
            "schemathesis",
            [
                str(VENV_BIN / "schemathesis"),
                *SCHEMATHESIS.split(),
                "--max-time",
                str(SCHEMATHESIS_SECONDS),
                "--url",
                fake_url,
                "--header",
                f"Authorization: Token {KEY}",
                "--report-dir",
                str(BUILD / "schemathesis"),
            ],
            logs / "schemathesis.log",
            {"SCHEMATHESIS_HOOKS": HOOKS},
        ),
    ]
    return finish(started, timeout=SCHEMATHESIS_SECONDS + 120)


def generated(runs: dict[str, tuple[int, str]], name: str) -> Path:
    code, log = runs[name]
    assert code == 0, f"{name} failed ({code}):\n{log[-3000:]}"
    return BUILD / name


def run(args: list[str], cwd: Path, timeout: float = 180) -> str:
    result = subprocess.run(args, cwd=cwd, env=ENV, capture_output=True, text=True, timeout=timeout)
    assert result.returncode == 0, f"{' '.join(args)} failed:\n{result.stdout}\n{result.stderr}"
    return result.stdout


# ------------------------------------------------------------------ openapi-generator


@pytest.mark.parametrize("name", ["typescript-fetch", "go"])
def test_openapi_generator_warns_only_of_known_things(runs: dict[str, tuple[int, str]], name: str) -> None:
    generated(runs, name)
    warnings = [line for line in runs[name][1].splitlines() if " WARN " in line]
    assert [w for w in warnings if BETA not in w and WEBHOOK not in w] == []  # no FILEPATH_COLLISION, no "format"
    assert (sum(BETA in w for w in warnings), 1 <= sum(WEBHOOK in w for w in warnings) <= 2) == (1, True)


def test_every_invoice_operation_survives(runs: dict[str, tuple[int, str]]) -> None:
    ts = (generated(runs, "typescript-fetch") / "apis" / "InvoicesApi.ts").read_text()
    go = (generated(runs, "go") / "api_invoices.go").read_text()
    operations = ["createInvoice", "cancelInvoice", "getInvoiceInfo", "listInvoices"]
    assert [op for op in operations if f"async {op}(" in ts] == operations
    assert re.findall(r"^func \(a \*InvoicesAPIService\) (\w+)\(ctx context.Context\)", go, flags=re.MULTILINE) == [
        "CancelInvoice",
        "CreateInvoice",
        "GetInvoiceInfo",
        "ListInvoices",
    ]
    assert "paymentPostback" not in ts and "PaymentPostback" not in go


def test_status_enum_is_intact_and_open(runs: dict[str, tuple[int, str]]) -> None:
    values = invoice_statuses()  # the docs' order, which the spec keeps
    ts = (generated(runs, "typescript-fetch") / "models" / "InvoiceStatus.ts").read_text()
    assert re.findall(r"^    \w+: '(\w+)',$", ts, flags=re.MULTILINE) == values
    go = generated(runs, "go")
    enum = (go / "model_invoice_status.go").read_text()
    assert "type InvoiceStatus string" in enum
    assert re.findall(r'^\tINVOICESTATUS_\w+ InvoiceStatus = "(\w+)"$', enum, flags=re.MULTILINE) == values
    union = (go / "model_open_invoice_status.go").read_text()
    fields = re.search(r"type OpenInvoiceStatus struct \{\n(.*?)\n\}", union, flags=re.DOTALL)
    assert fields is not None and fields[1].split("\n") == ["\tInvoiceStatus *InvoiceStatus", "\tString *string"]
    invoice = (generated(runs, "typescript-fetch") / "models" / "Invoice.ts").read_text()
    assert "    status: string;" in invoice  # typescript-fetch: open enums are text, known values in InvoiceStatus


def test_money_is_never_a_float(runs: dict[str, tuple[int, str]]) -> None:
    go = generated(runs, "go")
    assert [p.name for p in go.glob("model_*.go") if re.search(r"\bfloat(32|64)\b", p.read_text())] == []
    assert '\tAmountUsd Decimal `json:"amount_usd"`' in (go / "model_invoice.go").read_text()
    assert "\tReceived NullableDecimal " in (go / "model_invoice_details.go").read_text()
    ts = (generated(runs, "typescript-fetch") / "models" / "Invoice.ts").read_text()
    assert "    amountUsd: string;" in ts and "    fee?: string;" in ts


def test_typescript_fetch_client_compiles_and_creates_and_reads_an_invoice(
    runs: dict[str, tuple[int, str]], fake_url: str
) -> None:
    out = generated(runs, "typescript-fetch")
    for name in ("e2e.ts", "exactFetch.ts", "tsconfig.json"):
        shutil.copy(ROOT / "clients" / "typescript-fetch" / name, out / name)
    run([str(BIN / "tsc"), "-p", "tsconfig.json"], out)
    answer = json.loads(run(["node", "dist/e2e.js", fake_url, KEY, SHOP], out, timeout=60))
    assert answer == {
        "uuid": answer["read_uuid"],
        "read_uuid": answer["uuid"],
        "status": "created",
        "is_created": True,
        "amount_in_fiat": "100.10",  # exact text both ways
        "amount_usd": "100.1",
    }
    assert re.fullmatch(r"INV-[A-Z0-9]{8}", answer["uuid"])


def test_go_client_compiles_and_creates_and_reads_an_invoice(runs: dict[str, tuple[int, str]], fake_url: str) -> None:
    out = generated(runs, "go")
    shutil.copy(ROOT / "clients" / "go" / "decimal.go", out / "decimal.go")
    shutil.copytree(ROOT / "clients" / "go" / "e2e", out / "e2e")
    shutil.rmtree(out / "test", ignore_errors=True)  # generated test stubs need testify from the module proxy
    run(["go", "vet", "./..."], out)
    answer = json.loads(run(["go", "run", "./e2e", fake_url, KEY, SHOP], out))
    assert answer == {
        "uuid": answer["read_uuid"],
        "read_uuid": answer["uuid"],
        "status": "created",
        "is_created": True,
        "amount_in_fiat": "100.10",
        "amount_usd": "100.1",
    }


# ------------------------------------------------------------------ hey-api


def test_hey_api_client_compiles_with_defaulted_fields_left_out(runs: dict[str, tuple[int, str]]) -> None:
    out = generated(runs, "hey-api")
    for name in ("usage.ts", "tsconfig.json"):
        shutil.copy(ROOT / "clients" / "hey-api" / name, out / name)
    types = (out / "types.gen.ts").read_text()
    assert "export type InvoiceStatus = 'created' | 'paid' | 'partial' | 'overpaid' | 'canceled';" in types
    assert "export type OpenInvoiceStatus = InvoiceStatus | string;" in types
    run([str(BIN / "tsc"), "-p", "tsconfig.json"], out)


# ------------------------------------------------------------------ schemathesis against the served fake


def test_schemathesis_finds_the_fake_and_the_spec_in_agreement(runs: dict[str, tuple[int, str]]) -> None:
    code, log = runs["schemathesis"]
    assert code == 0, log[-6000:]
    assert "8 selected / 8 total" in log
    phases = re.findall(r"(Examples|Coverage|Fuzzing) \(in [\d.]+s\)\n\s+✅ (\d+) passed\n", log)
    assert phases == [("Examples", "8"), ("Coverage", "8"), ("Fuzzing", "8")], log[-3000:]


def test_readme_gives_the_commands_tested_here() -> None:
    readme = (ROOT / "README.md").read_text()
    section = readme.split("## The spec for other languages", 1)[1].split("\n## ", 1)[0]
    flat = " ".join(section.replace("\\\n", " ").split())
    for command in (
        TS_FETCH,
        GO,
        SCHEMATHESIS,
        f"SCHEMATHESIS_HOOKS={HOOKS}",
        "openapi-ts -i openapi/cryptocloud.yaml",
    ):
        assert " ".join(command.split()) in flat, command


# ------------------------------------------------------------------ the OpenAPI 3.0 variant


def test_openapi_30_variant_is_built_fresh_and_valid() -> None:
    from openapi_spec_validator import validate
    from openapi_spec_validator.validation import OpenAPIV30SpecValidator

    convert = runpy.run_path(str(ROOT / "openapi" / "codegen" / "down_convert.py"))["convert"]
    built = ROOT / "build" / "openapi-3.0.yaml"
    assert built.exists(), "build/openapi-3.0.yaml is missing: ./codegen.sh (or --check) builds it"
    variant = yaml.safe_load(built.read_text())
    assert variant == convert(yaml.safe_load(SPEC_PATH.read_text())), "stale: run ./codegen.sh"
    validate(variant, cls=OpenAPIV30SpecValidator)
    assert variant["openapi"] == "3.0.3" and list(variant["x-webhooks"]) == ["paymentPostback"]
    text = built.read_text()
    assert "type: 'null'" not in text and "- 'null'" not in text and "summary: Crypto invoices" not in text
    assert variant["components"]["schemas"]["PositiveMoney"] == {
        "type": "number",
        "format": "decimal",
        "exclusiveMinimum": True,
        "minimum": 0,
        "description": "An amount of money greater than zero, sent with the exact digits given.",
    }
    currency = variant["components"]["schemas"]["InvoiceFields"]["properties"]["currency"]
    assert (currency["type"], currency["nullable"], currency["allOf"]) == (
        "object",
        True,
        [{"$ref": "#/components/schemas/Currency"}],
    )
    lint = subprocess.run(
        [str(BIN / "redocly"), "lint", str(built), "--config", str(ROOT / "redocly.yaml"), "--format=json"],
        cwd=ROOT,
        env=ENV | {"REDOCLY_TELEMETRY": "off", "REDOCLY_SUPPRESS_UPDATE_NOTICE": "true"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert json.loads(lint.stdout)["totals"] == {"errors": 0, "warnings": 0, "ignored": 0}


# ------------------------------------------------------------------ what schemathesis found in the fake, pinned


def post(url: str, path: str, content: bytes, content_type: str = "application/json") -> httpx.Response:
    headers = {"Authorization": f"Token {KEY}", "Content-Type": content_type}
    return httpx.post(url + path, content=content, headers=headers, timeout=10)


def test_fake_answers_validate_error_as_one_string(fake_url: str) -> None:
    answer = post(fake_url, "/v2/invoice/merchant/info", b"")
    assert (answer.status_code, answer.json()) == (
        400,
        {"status": "error", "result": {"validate_error": "Missing required request body"}},
    )


@pytest.mark.parametrize("content_type", ["application/json", "application/x-www-form-urlencoded"])
def test_fake_refuses_a_body_that_is_not_utf8(fake_url: str, content_type: str) -> None:
    answer = post(fake_url, "/v2/invoice/merchant/list", b'{"start": "\xff\xfe"}', content_type)
    assert answer.status_code == 400
    assert answer.json()["result"]["validate_error"].startswith("JSON parse error - ")


@pytest.mark.parametrize("day", ["00.00.0000", "31.02.2026", "29.02.2025"])
@pytest.mark.parametrize("path", ["/v2/invoice/merchant/list", "/v2/invoice/merchant/statistics"])
def test_fake_refuses_a_day_the_calendar_lacks(fake_url: str, path: str, day: str) -> None:
    answer = post(fake_url, path, json.dumps({"start": day, "end": "01.01.2026"}).encode())
    assert answer.status_code == 400
    assert list(answer.json()["result"]) == ["start"]


def test_fake_reads_integral_numbers_written_with_a_fraction(fake_url: str) -> None:
    body = {"start": "01.01.2026", "end": "02.01.2026", "offset": 2.0, "limit": 5.0}
    answer = post(fake_url, "/v2/invoice/merchant/list", json.dumps(body).encode())
    assert (answer.status_code, answer.json()["result"]) == (200, [])


@pytest.mark.parametrize("method", ["GET", "PUT", "DELETE", "TRACE", "QUERY"])
def test_fake_answers_other_methods_with_405(fake_url: str, method: str) -> None:
    answer = httpx.request(method, fake_url + "/v2/invoice/create", headers={"Authorization": f"Token {KEY}"})
    assert (answer.status_code, answer.headers["allow"]) == (405, "POST")


@pytest.mark.parametrize(
    ("add", "field"),
    [
        ({"amount": 1e300}, "amount"),
        ({"add_fields": {"time_to_pay": {"hours": 10**12, "minutes": 0}}}, "add_fields.time_to_pay.hours"),
    ],
)
def test_fake_refuses_amounts_and_times_beyond_what_it_holds(fake_url: str, add: dict[str, object], field: str) -> None:
    body = {"shop_id": SHOP, "amount": 10} | add
    answer = post(fake_url, "/v2/invoice/create", json.dumps(body).encode())
    assert answer.status_code == 400
    assert list(answer.json()["result"]) == [field]
