"""verify_postback under attack: every hostile token or body ends in PostbackVerificationError with a fixed
reason, or in a documented acceptance; nothing else ever escapes, and the secret is never shown."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import random
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any
from urllib.parse import urlencode

import jwt
import pytest
from cryptocloud import InvalidParameterError
from cryptocloud.postbacks import MAX_BODY_BYTES, MAX_TOKEN_CHARS, Postback, PostbackVerificationError, verify_postback
from jwt.warnings import InsecureKeyLengthWarning

SECRET = "project-secret-key-0123456789abcdef"
SSH_SECRET = "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC7 merchant@shop"
PEM_SECRET = "-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA\n-----END PUBLIC KEY-----"
INVOICE = "89UX09KA"
B64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
JSON = "application/json"
FORM = "application/x-www-form-urlencoded"
AMOUNT = "postback.amount_crypto: "  # where the generated decoder says the amount is wrong
SOON = int(time.time()) + 86400  # far ahead: the table is built at collection, minutes before it runs


def b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def part(value: Any) -> str:
    return b64(value if isinstance(value, bytes) else json.dumps(value).encode())


def sign(header: Any = None, payload: Any = None, *, key: str | bytes = SECRET, digest: Any = hashlib.sha256) -> str:
    """A token with exactly this header and payload (dicts, or raw bytes), HMAC-signed with ``key``."""
    head = part({"alg": "HS256", "typ": "JWT"} if header is None else header)
    body = part({"id": INVOICE, "exp": SOON} if payload is None else payload)
    raw_key = key if isinstance(key, bytes) else key.encode()
    signature = hmac.new(raw_key, f"{head}.{body}".encode(), digest).digest()
    return f"{head}.{body}.{b64(signature)}"


def claims(**changes: Any) -> str:
    payload: dict[str, Any] = {"id": INVOICE, "exp": SOON}
    payload.update(changes)
    return sign(payload={k: v for k, v in payload.items() if v is not ...})


def header(**fields: Any) -> str:
    return sign(header={"alg": "HS256", **fields})


def fields(**changes: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "status": "success",
        "invoice_id": INVOICE,
        "amount_crypto": "0.033366",
        "currency": "ETH",
        "order_id": "ORDER_93223",
        "token": sign(),
    }
    base.update(changes)
    return {k: v for k, v in base.items() if v is not ...}


def as_json(**changes: Any) -> bytes:
    return json.dumps(fields(**changes)).encode()


def as_form(**changes: Any) -> bytes:
    return urlencode(fields(**changes)).encode()


def swapped_payload() -> str:
    """A genuine signature moved onto another payload (a later exp)."""
    head, _, signature = sign().split(".")
    return f"{head}.{part({'id': INVOICE, 'exp': SOON + 3600})}.{signature}"


def spare_bits_set() -> str:
    """A genuine token whose signature's last character also sets the 2 bits base64url leaves over (RFC 4648
    says they are zero): the same bytes, a second spelling of them."""
    token = sign()
    return token[:-1] + B64URL[B64URL.index(token[-1]) ^ 1]


def padded_to(size: int) -> bytes:
    """A genuine JSON body made exactly ``size`` bytes long with an extra field."""
    empty = len(as_json(padding=""))
    return as_json(padding="x" * (size - empty))


@dataclass
class Case:
    group: str
    name: str
    body: Any
    reason: str | None  # None: a documented acceptance
    content_type: Any = JSON
    secret: str | bytes = SECRET
    check: Callable[[Postback], bool] | None = None


def ok(group: str, name: str, body: Any, check: Callable[[Postback], bool] | None = None, **kw: Any) -> Case:
    return Case(group, name, body, None, check=check, **kw)


def no(group: str, name: str, body: Any, reason: str, **kw: Any) -> Case:
    return Case(group, name, body, reason, **kw)


NOT_SIGNED = "token signature does not match (wrong secret key?)"
MALFORMED = "malformed token (not three base64url parts)"
BAD_HEADER = "malformed token (header is not a JSON object)"
BAD_PAYLOAD = "malformed token (payload is not a JSON object)"
UNICODE = "body has text that is not valid Unicode (an unpaired surrogate)"
CRIT = "token header has 'crit' (no extension is supported)"
KID = "token refused by PyJWT: Key ID header parameter must be a string"
LONG_ALG = "A" * 1000

CASES = [
    # --- algorithm: only HS256, decided from the header before any key is used
    no("alg", "none, unsigned", as_json(token=f"{part({'alg': 'none'})}.{part({'id': INVOICE, 'exp': SOON})}."),
       "token algorithm 'none' is not HS256"),
    no("alg", "None capitalised", as_json(token=sign(header={"alg": "None"})), "token algorithm 'None' is not HS256"),
    no("alg", "hs256 lower case", as_json(token=sign(header={"alg": "hs256"})), "token algorithm 'hs256' is not HS256"),
    no("alg", "HS512 signed with the secret", as_json(token=sign(header={"alg": "HS512"}, digest=hashlib.sha512)),
       "token algorithm 'HS512' is not HS256"),
    no("alg", "HS384", as_json(token=sign(header={"alg": "HS384"}, digest=hashlib.sha384)),
       "token algorithm 'HS384' is not HS256"),
    no("alg", "RS256", as_json(token=sign(header={"alg": "RS256"})), "token algorithm 'RS256' is not HS256"),
    no("alg", "ES256", as_json(token=sign(header={"alg": "ES256"})), "token algorithm 'ES256' is not HS256"),
    no("alg", "missing", as_json(token=sign(header={"typ": "JWT"})), "token algorithm None is not HS256"),
    no("alg", "a number", as_json(token=sign(header={"alg": 256})), "token algorithm 256 is not HS256"),
    no("alg", "a list", as_json(token=sign(header={"alg": ["HS256"]})), "token algorithm ['HS256'] is not HS256"),
    no("alg", "1000 characters, quoted short", as_json(token=sign(header={"alg": LONG_ALG})),
       f"token algorithm '{'A' * 36}... is not HS256"),
    # --- other header fields
    no("header", "numeric kid", as_json(token=header(kid=7)), KID),
    no("header", "object kid", as_json(token=header(kid={"a": [1]})), KID),
    ok("header", "jku and x5u are never fetched", as_json(token=header(jku="http://evil", x5u="http://evil"))),
    ok("header", "no typ", as_json(token=sign(header={"alg": "HS256"}))),
    ok("header", "typ JWS", as_json(token=header(typ="JWS"))),
    no("header", "crit unknown extension", as_json(token=header(crit=["exp"])), CRIT),
    no("header", "crit not a list", as_json(token=header(crit="b64")), CRIT),
    no("header", "crit empty list", as_json(token=header(crit=[])), CRIT),
    no("header", "unencoded payload (b64 false)", as_json(token=header(b64=False, crit=["b64"])), CRIT),
    no("header", "b64 false without crit", as_json(token=header(b64=False)),
       "token refused by PyJWT: Payload segment must be empty when 'b64' is false."),
    no("header", "not JSON", as_json(token=sign(header=b"{alg")), BAD_HEADER),
    no("header", "a JSON array", as_json(token=sign(header=["HS256"])), BAD_HEADER),
    no("header", "alg repeated", as_json(token=sign(header=b'{"alg":"none","alg":"HS256"}')), BAD_HEADER),
    no("header", "NaN inside", as_json(token=sign(header=b'{"alg":"HS256","x":NaN}')), BAD_HEADER),
    no("header", "empty", as_json(token="." + sign().split(".", 1)[1]), BAD_HEADER),
    # --- signature
    no("signature", "another project's secret", as_json(token=sign(key="some-other-projects-secret-000000")),
       NOT_SIGNED),
    no("signature", "empty", as_json(token=sign().rsplit(".", 1)[0] + "."), NOT_SIGNED),
    no("signature", "truncated", as_json(token=sign()[:-3]), NOT_SIGNED),
    no("signature", "spare bits set (same bytes)", as_json(token=spare_bits_set()),
       "malformed token (signature is not base64url)"),
    no("signature", "moved onto another payload", as_json(token=swapped_payload()), NOT_SIGNED),
    no("signature", "base64 padding", as_json(token=sign() + "="),
       "malformed token (signature is not base64url)"),
    no("signature", "the secret with a newline", as_json(), secret=SECRET + "\n",
       reason=f"{NOT_SIGNED[:-1]}; the one given has leading or trailing whitespace)"),
    ok("signature", "bytes secret", as_json(), secret=SECRET.encode()),
    ok("signature", "non-UTF-8 bytes secret", as_json(token=sign(key=b"\xff\xfe-secret")), secret=b"\xff\xfe-secret"),
    ok("signature", "a token PyJWT made", as_json(token=jwt.encode({"id": INVOICE, "exp": SOON}, SECRET)),
       check=lambda p: p.invoice_id_authenticated),
    # --- claims
    no("claims", "no exp", as_json(token=claims(exp=...)), "token has no 'exp' claim"),
    no("claims", "exp as text", as_json(token=claims(exp=str(SOON))), "token claim 'exp' is not a number"),
    no("claims", "exp null", as_json(token=claims(exp=None)), "token claim 'exp' is not a number"),
    no("claims", "exp true", as_json(token=claims(exp=True)), "token claim 'exp' is not a number"),
    no("claims", "exp 1e400 (infinite)", as_json(token=sign(payload=b'{"exp":1e400}')),
       "token claim 'exp' is not a number"),
    no("claims", "exp NaN", as_json(token=sign(payload=b'{"exp":NaN}')), BAD_PAYLOAD),
    no("claims", "exp 10**30", as_json(token=claims(exp=10**30)), "token claim 'exp' is not a plausible time"),
    no("claims", "exp negative", as_json(token=claims(exp=-1)), "token claim 'exp' is not a plausible time"),
    no("claims", "expired", as_json(token=claims(exp=int(time.time()) - 60)), "token expired"),
    ok("claims", "exp as a float", as_json(token=claims(exp=SOON + 0.5)),
       check=lambda p: p.token_expires_at.timestamp() == SOON + 0.5),
    no("claims", "nbf in the future", as_json(token=claims(nbf=SOON)), "token not yet valid"),
    no("claims", "nbf as text", as_json(token=claims(nbf="now")), "token claim 'nbf' is not a number"),
    ok("claims", "nbf in the past", as_json(token=claims(nbf=int(time.time()) - 10))),
    no("claims", "iat in the future", as_json(token=claims(iat=SOON)), "token not yet valid"),
    no("claims", "iat garbage", as_json(token=claims(iat="yesterday")), "token claim 'iat' is not a number"),
    no("claims", "iat a list", as_json(token=claims(iat=[1])), "token claim 'iat' is not a number"),
    no("claims", "payload a JSON array", as_json(token=sign(payload=[1, 2])), BAD_PAYLOAD),
    no("claims", "payload not JSON", as_json(token=sign(payload=b"exp=1")), BAD_PAYLOAD),
    no("claims", "exp repeated", as_json(token=sign(payload=b'{"exp":1,"exp":99999999999}')), BAD_PAYLOAD),
    no("claims", "id names another invoice", as_json(token=claims(id="INV-OTHER123")),
       "token is for invoice 'INV-OTHER123', body is for '89UX09KA'"),
    no("claims", "uuid names another invoice", as_json(token=claims(id=13, uuid="ZZZ")),
       "token is for invoice 'ZZZ', body is for '89UX09KA'"),
    no("claims", "id 1000 characters, quoted short", as_json(token=claims(id="Z" * 1000)),
       f"token is for invoice '{'Z' * 36}..., body is for '89UX09KA'"),
    ok("claims", "id with INV- names this invoice", as_json(token=claims(id="INV-89UX09KA")),
       check=lambda p: p.authenticated_fields == ("invoice_id",)),
    ok("claims", "integer id cannot be compared", as_json(token=claims(id=13)),
       check=lambda p: p.authenticated_fields == () and "invoice_id" in p.unauthenticated_fields),
    ok("claims", "id a list is not a name", as_json(token=claims(id=[INVOICE])),
       check=lambda p: not p.invoice_id_authenticated),
    ok("claims", "no id at all", as_json(token=claims(id=...)), check=lambda p: not p.invoice_id_authenticated),
    # --- the token's own encoding
    no("token", "a lone surrogate", as_json(token="\ud800"), UNICODE),
    no("token", "non-ASCII", as_json(token="é.é.é"), MALFORMED),
    no("token", "four parts", as_json(token=sign() + ".x"), MALFORMED),
    no("token", "one part", as_json(token="abc"), MALFORMED),
    no("token", "a newline inside", as_json(token=sign().replace(".", "\n.", 1)),
       "malformed token (header is not base64url)"),
    no("token", "standard base64 characters", as_json(token="+/+/." + sign().split(".", 1)[1]),
       "malformed token (header is not base64url)"),
    no("token", "a part of impossible length", as_json(token="abcde." + sign().split(".", 1)[1]),
       "malformed token (header is not base64url)"),
    no("token", f"over {MAX_TOKEN_CHARS} characters", as_json(token="a" * 5000),
       f"token too long (5000 characters; at most {MAX_TOKEN_CHARS})"),
    no("token", "a number", as_json(token=12), "no token"),
    no("token", "null", as_json(token=None), "no token"),
    no("token", "a list", as_json(token=[sign()]), "no token"),
    no("token", "empty", as_json(token=""), "no token"),
    no("token", "missing", as_json(token=...), "no token"),
    no("token", "invalid UTF-8 in a form", as_form(token="x").replace(b"token=x", b"token=%FF.%FF.%FF"),
       MALFORMED, content_type=FORM),
    # --- body encodings and sizes
    no("body", f"over {MAX_BODY_BYTES} bytes", padded_to(MAX_BODY_BYTES + 1),
       f"body too large ({MAX_BODY_BYTES + 1} bytes; at most {MAX_BODY_BYTES})"),
    ok("body", f"exactly {MAX_BODY_BYTES} bytes", padded_to(MAX_BODY_BYTES)),
    no("body", "nested 100000 deep", b"[" * 100_000, "body is nested too deeply"),
    no("body", "an object nested 50000 deep", b'{"a":' * 50_000, "body is nested too deeply"),
    no("body", "NaN amount", as_json().replace(b'"0.033366"', b"NaN"), "body is not valid JSON"),
    no("body", "invoice_id repeated", as_json()[:-1] + b', "invoice_id": "OTHER"}', "body repeats 'invoice_id'"),
    no("body", "a key repeated deep inside", as_json()[:-1] + b', "x": {"a": 1, "a": 2}}', "body repeats 'a'"),
    ok("body", "UTF-16 JSON", json.dumps(fields()).encode("utf-16")),
    ok("body", "UTF-8 with a byte order mark", b"\xef\xbb\xbf" + as_json()),
    no("body", "invalid UTF-8", as_json(order_id="x").replace(b'"x"', b'"\xff"'), "body is not valid JSON"),
    no("body", "str with a lone surrogate", as_json().decode().replace("ORDER", "\ud800"),
       "body is not valid text (an unpaired surrogate)"),
    no("body", "escaped lone surrogate in order_id", as_json(order_id="\udfff"), UNICODE),
    no("body", "escaped lone surrogate in a key", json.dumps({**fields(), "\ud800": 1}).encode(), UNICODE),
    no("body", "a JSON string", b'"hello"', "body is not a JSON object"),
    no("body", "JSON null", b"null", "body is not a JSON object"),
    no("body", "a JSON number", b"12", "body is not a JSON object"),
    no("body", "whitespace", b" \r\n\t", "empty body"),
    no("body", "None", None, "empty body"),
    ok("body", "bytearray", bytearray(as_json())),
    ok("body", "memoryview", memoryview(as_json())),
    no("body", "form not UTF-8", b"\xff\xfe=1", "body is neither JSON nor a URL-encoded form", content_type=FORM),
    no("body", "form repeats token", as_form() + b"&token=x", "form repeats token", content_type=FORM),
    no("body", "form without '='", b"justtext", "body is neither JSON nor a URL-encoded form", content_type=FORM),
    ok("body", "form invoice_info unreadable is kept", as_form(invoice_info="{not json"), content_type=FORM,
       check=lambda p: p.additional_properties["invoice_info"] == "{not json"),
    ok("body", "form invoice_info with a repeated key is kept", as_form(invoice_info='{"a":1,"a":2}'),
       content_type=FORM, check=lambda p: p.additional_properties["invoice_info"] == '{"a":1,"a":2}'),
    ok("body", "invoice_info garbage is kept", as_json(invoice_info={"uuid": [[]]}),
       check=lambda p: p.additional_properties["invoice_info"] == {"uuid": [[]]}),
    # --- fields (unsigned: checked for type only; confirm reads the real values from the API)
    no("fields", "invoice_id a number", as_json(invoice_id=5), "missing field invoice_id"),
    no("fields", "invoice_id empty", as_json(invoice_id=""), "missing field invoice_id"),
    no("fields", "amount a boolean", as_json(amount_crypto=True), AMOUNT + "expected a number, got a boolean"),
    no("fields", "amount an object", as_json(amount_crypto={"v": 1}), AMOUNT + "expected a number, got dict"),
    no("fields", "amount 1e999999999", as_json(amount_crypto="1e999999999"),
       AMOUNT + "'1e999999999' is not a plausible amount"),
    no("fields", "amount of 5000 digits, quoted short", as_json(amount_crypto="9" * 5000),
       AMOUNT + "'" + "9" * 172 + "..."),
    ok("fields", "negative amount (unsigned: not acted on)", as_json(amount_crypto="-1"),
       check=lambda p: p.amount_crypto == Decimal(-1)),
    no("fields", "currency a number", as_json(currency=5), "postback.currency: expected str, got int 5"),
    no("fields", "order_id a list", as_json(order_id=["a"]),
       "postback.order_id: expected null | str, got an array"),
    ok("fields", "status other than success (unsigned)", as_json(status="fail"), check=lambda p: p.status == "fail"),
    # --- content types
    ok("content type", "upper case with charset", as_json(), content_type="APPLICATION/JSON; charset=UTF-8"),
    ok("content type", "bytes", as_json(), content_type=b"application/json"),
    ok("content type", "+json suffix", as_json(), content_type="application/vnd.api+json"),
    ok("content type", "empty, form sniffed", as_form(), content_type=""),
    ok("content type", "None, JSON sniffed", as_json(), content_type=None),
    no("content type", "text/plain", as_json(), "unsupported content type 'text/plain' (expected JSON or a form)",
       content_type="text/plain"),
    no("content type", "multipart", as_json(),
       "unsupported content type 'multipart/form-data' (expected JSON or a form)",
       content_type="multipart/form-data; boundary=x"),
    no("content type", "a lone surrogate", as_json(),
       "unsupported content type 'application/\\ud800' (expected JSON or a form)", content_type="application/\ud800"),
    no("content type", "10000 characters, quoted short", as_json(),
       f"unsupported content type '{'x' * 36}... (expected JSON or a form)", content_type="x" * 10_000),
    no("content type", "JSON declared, form sent", as_form(), "body is not valid JSON"),
    no("content type", "form declared, JSON sent", as_json(), "body is neither JSON nor a URL-encoded form",
       content_type=FORM),
]  # fmt: skip


def test_table_counts() -> None:
    assert len({(case.group, case.name) for case in CASES}) == len(CASES)  # each case named once
    assert {case.reason is None for case in CASES} == {True, False}  # documented acceptances and refusals


@pytest.mark.parametrize("case", CASES, ids=[f"{c.group}: {c.name}" for c in CASES])
def test_hostile_postback(case: Case) -> None:
    if case.reason is None:
        postback = verify_postback(case.body, case.content_type, case.secret)
        assert isinstance(postback.amount_crypto, Decimal)
        assert postback.invoice_id == INVOICE
        assert case.check is None or case.check(postback)
        return
    with pytest.raises(PostbackVerificationError) as info:
        verify_postback(case.body, case.content_type, case.secret)
    assert info.value.reason == case.reason
    assert str(info.value) == f"postback rejected: {case.reason}"
    shown = f"{info.value} {info.value!r} {info.value.reason}"
    assert SECRET not in shown and SECRET.strip() not in shown


def test_mutations_of_a_genuine_postback_never_escape() -> None:
    """Bytes of a genuine body flipped, cut, repeated or dropped: accepted or refused, nothing else."""
    rng = random.Random(10)
    genuine = as_json(invoice_info={"uuid": "INV-" + INVOICE, "status": "paid", "tx_list": [1, [2, {"a": None}]]})
    outcomes = {"accepted": 0, "refused": 0}
    for _ in range(600):
        body = bytearray(genuine)
        for _ in range(rng.randint(1, 4)):
            if not body:
                break
            at = rng.randrange(len(body))
            kind = rng.randrange(4)
            if kind == 0:
                body[at] = rng.randrange(256)
            elif kind == 1:
                del body[at:]
            elif kind == 2:
                body[at:at] = body[at : at + rng.randint(1, 30)]
            else:
                del body[at : at + rng.randint(1, 5)]
        try:
            postback = verify_postback(bytes(body), rng.choice([JSON, FORM, None]), SECRET)
        except PostbackVerificationError as error:
            assert SECRET not in str(error)
            outcomes["refused"] += 1
        else:  # what the token signs is intact: the mutation changed unsigned fields only
            assert (postback.invoice_id, postback.invoice_id_authenticated) == (INVOICE, True)
            outcomes["accepted"] += 1
    assert outcomes["accepted"] > 0 and outcomes["refused"] > 0  # the checks of both branches ran


KEY_LIKE = "looks like a public key, certificate or JWK, which PyJWT refuses as an HMAC secret"


@pytest.mark.parametrize(
    ("secret", "reason"),
    [
        (None, "missing: pass the project's secret key"),
        ("", "missing: pass the project's secret key"),
        (" \n", "missing: pass the project's secret key"),
        (b"", "missing: pass the project's secret key"),
        (12345, "must be str or bytes, got int"),
        (["secret"], "must be str or bytes, got list"),
        ("sec\ud800ret", "is not valid text (an unpaired surrogate)"),
        (SSH_SECRET, KEY_LIKE),
        (SSH_SECRET.encode(), KEY_LIKE),
        (PEM_SECRET, KEY_LIKE),
        ('{"kty": "oct", "k": "c2VjcmV0"}', KEY_LIKE),
    ],
)
def test_a_bad_secret_is_the_callers_mistake(secret: Any, reason: str) -> None:
    with pytest.raises(InvalidParameterError) as info:
        verify_postback(as_json(), JSON, secret)
    assert (info.value.field, info.value.reason, info.value.value) == ("secret", reason, "<hidden>")


@pytest.mark.parametrize("leeway", [-1, float("nan"), float("inf"), "5", True, 3601])
def test_a_bad_leeway_is_the_callers_mistake(leeway: Any) -> None:
    with pytest.raises(InvalidParameterError) as info:
        verify_postback(as_json(), JSON, SECRET, leeway=leeway)
    assert info.value.reason == "must be 0 to 3600 seconds (a number or a timedelta)"


@pytest.mark.parametrize(("field", "value"), [("body", 12), ("content_type", 5)])
def test_wrong_argument_types_are_the_callers_mistake(field: str, value: Any) -> None:
    args = {"body": as_json(), "content_type": JSON} | {field: value}
    with pytest.raises(InvalidParameterError) as info:
        verify_postback(args["body"], args["content_type"], SECRET)
    assert info.value.field == field


def test_a_short_secret_is_used_without_a_warning() -> None:
    """PyJWT warns on HMAC keys under 32 bytes; CryptoCloud, not the merchant, chooses the secret's length."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        postback = verify_postback(as_json(token=sign(key="short")), JSON, "short")
    assert postback.invoice_id_authenticated
    with pytest.warns(InsecureKeyLengthWarning):  # what the project's own HS256 leaves out
        jwt.decode(sign(key="short"), "short", algorithms=["HS256"])
