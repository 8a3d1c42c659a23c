"""The spec has every endpoint of the API notes' table (openapi/reference/cryptocloud-api-notes.md)."""

from __future__ import annotations

import re

from support.recorded_tools import recorded
from support.reference import NOTES_PATH, documented_paths, endpoint_rows, spec
from support.spec_tools import resolve, schemas

# Withdrawal moves money out with a key of its own: a security scheme of its own.
WITHDRAWAL = "/v2/invoice/api/out/create"


def test_the_parser_reads_every_row_of_the_endpoint_table() -> None:
    documented = documented_paths()
    assert documented, f"no endpoint table in {NOTES_PATH}"
    assert len(documented) == len(endpoint_rows()), f"rows of {NOTES_PATH} the parser did not read"


def test_every_documented_endpoint_is_in_the_spec() -> None:
    documented = documented_paths()
    expected = set(documented.values())
    assert set(spec()["paths"]) == expected
    for path in expected:
        operation = spec()["paths"][path]["post"]
        scheme = "WithdrawalKeyAuth" if path == WITHDRAWAL else "ApiKeyAuth"
        assert operation["security"] == [{scheme: []}]
        assert {"200", "400", "401", "403"} <= set(operation["responses"])


def test_withdrawal_as_documented() -> None:
    operation = spec()["paths"][WITHDRAWAL]["post"]
    scheme = spec()["components"]["securitySchemes"]["WithdrawalKeyAuth"]
    assert (scheme["type"], scheme["in"], scheme["name"]) == ("apiKey", "header", "Authorization")
    request = resolve(operation["requestBody"]["content"]["application/json"]["schema"])
    assert request["required"] == ["currency_code", "to_address", "amount"]
    answer = resolve(operation["responses"]["200"]["content"]["application/json"]["schema"])
    assert sorted(answer["properties"]) == ["data", "result", "status"]  # the newer and the older envelope
    assert answer["required"] == ["status"]
    # Every field of every docs version of the answer is in the schema (tests/recorded/withdrawal_docs_*.json),
    # none required: the versions name the withdrawal by uuid or by invoice_id.
    withdrawal = schemas()["Withdrawal"]
    seen = {
        key
        for answer in recorded().values()
        if answer["operation"] == "createWithdrawal"
        for key in answer["body"].get("result", answer["body"].get("data", {}))
    }
    assert seen and seen <= set(withdrawal["properties"]), sorted(seen - set(withdrawal["properties"]))
    assert "required" not in withdrawal
    examples = operation["responses"]["200"]["content"]["application/json"]["examples"]
    assert {"data", "result"} <= set(examples)  # both envelopes shown
    refusals = operation["responses"]["400"]["content"]["application/json"]["examples"]
    assert sorted(k for example in refusals.values() for k in example["value"]["result"]) == [
        "rate_limit",
        "uncorrected_amount",
    ]


def test_request_fields_of_each_endpoint() -> None:
    def body(path: str) -> dict[str, object]:
        ref = spec()["paths"][path]["post"]["requestBody"]["content"]["application/json"]["schema"]
        return resolve(ref)

    assert body("/v2/invoice/merchant/canceled")["required"] == ["uuid"]
    info = body("/v2/invoice/merchant/info")["properties"]["uuids"]  # type: ignore[index]
    assert (info["minItems"], info["maxItems"]) == (1, 100)
    listing = body("/v2/invoice/merchant/list")
    assert listing["required"] == ["start", "end"]
    assert listing["properties"]["limit"]["maximum"] == 100  # type: ignore[index]
    day = re.compile(resolve(listing["properties"]["start"])["pattern"])  # type: ignore[index]
    assert [d for d in ("01.01.2026", "29.02.2024", "31.12.9999", "29.02.2000") if day.search(d)] == [
        "01.01.2026",
        "29.02.2024",
        "31.12.9999",
        "29.02.2000",
    ]
    refused = ("00.00.0000", "31.02.2026", "29.02.2025", "29.02.1900", "31.04.2026", "1.01.2026", "01.01.0999")
    assert [d for d in refused if day.search(d)] == []
    assert body("/v2/invoice/merchant/statistics")["required"] == ["start", "end"]
    assert body("/v2/invoice/static/create")["required"] == ["shop_id", "currency", "identify"]
    assert body("/v2/merchant/wallet/balance/all").get("properties") is None


def test_two_currency_shapes_stay_open() -> None:
    # currency.code is a short code in invoices and a full code in balances: never a closed enum.
    for name in ("Currency", "BalanceCurrency"):
        assert "enum" not in resolve(schemas()[name]["properties"]["code"])
    assert sorted(set(schemas()["BalanceCurrency"]["properties"]) - set(schemas()["Currency"]["properties"])) == [
        "enable",
        "enabled",  # one SDK reads enable, another enabled: both are accepted
        "obj_network",
        "short_code",
    ]


def test_postback_is_a_webhook_with_both_body_formats() -> None:
    hook = spec()["webhooks"]["paymentPostback"]["post"]
    assert sorted(hook["requestBody"]["content"]) == ["application/json", "application/x-www-form-urlencoded"]
    assert schemas()["Postback"]["required"] == ["status", "invoice_id", "amount_crypto", "currency", "token"]
