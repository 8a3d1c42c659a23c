"""A client that makes its own HTTP client hands each request to that client's transport directly
(``_transport.send_direct``), skipping httpx's auth, redirect, hook and cookie machinery it has no use for.
What a caller could see of ``httpx.Client.send`` stays: the request on the response, ``elapsed``, httpx's log
line, the error for a closed client, and proxies from the environment. Cookies are the one difference: kept by
nobody, sent back to nobody."""

from __future__ import annotations

import asyncio
import logging
import re
from datetime import timedelta
from typing import Any, Literal

import httpx
import pytest
from cryptocloud import APIConnectionError, AsyncCryptoCloud, CryptoCloud
from cryptocloud.testing import FakeCryptoCloud
from support.raw_server import RawServer, answer_once
from support.wire import WireServer

OPTIONS: dict[str, Any] = {"api_key": "fake-api-key", "shop_id": "fake-shop", "timeout": 2.0}


def run(backend: str, url: str, call: Any, **options: Any) -> Any:
    """``call(client)`` on a fresh client of ``backend`` that made its own HTTP client."""
    if backend == "sync":
        with CryptoCloud(base_url=url, **OPTIONS | options) as client:
            return call(client)

    async def main() -> Any:
        backend_name: Literal["httpx", "aiohttp"] = "httpx" if backend == "async" else "aiohttp"
        async with AsyncCryptoCloud(base_url=url, http_backend=backend_name, **OPTIONS | options) as client:
            return await call(client)

    return asyncio.run(main())


def test_the_answer_keeps_its_request_elapsed_time_and_httpx_log_line(
    backend: str, caplog: pytest.LogCaptureFixture
) -> None:
    fake = FakeCryptoCloud(seed=1)
    with WireServer(fake.handle) as server, caplog.at_level(logging.INFO, logger="httpx"):
        raw = run(backend, server.url, lambda c: c.invoices.with_raw_response.create(amount=5, order_id="o-1"))
    response = raw.http_response
    assert response.request.url == httpx.URL(server.url + "/v2/invoice/create")
    assert isinstance(response.elapsed, timedelta) and response.elapsed > timedelta(0)
    lines = [r.getMessage() for r in caplog.records if r.name == "httpx"]
    assert lines == [f'HTTP Request: POST {server.url}/v2/invoice/create "HTTP/1.1 200 OK"']
    assert raw.parse().amount == 5


def test_cookies_are_neither_kept_nor_sent_back(backend: str) -> None:
    fake = FakeCryptoCloud(seed=1)

    def app(request: httpx.Request) -> httpx.Response:
        answer = fake.handle(request)
        answer.headers["Set-Cookie"] = "__cf_bm=abc123; Path=/; HttpOnly"
        return answer

    def twice(client: Any) -> Any:
        if isinstance(client, CryptoCloud):
            return [client.balances.list(), client.balances.list()]

        async def both() -> Any:
            return [await client.balances.list(), await client.balances.list()]

        return both()

    with WireServer(app) as server:
        run(backend, server.url, twice)
    assert [r.headers.get("cookie") for r in server.requests] == [None, None]


def test_a_closed_client_refuses_to_send_with_an_api_error_and_records_nothing(backend: str) -> None:
    fake = FakeCryptoCloud(seed=1)
    closed = "the client is closed (close() was called, or its with-block ended): nothing was sent"
    with WireServer(fake.handle) as server:
        if backend == "sync":
            client: CryptoCloud | AsyncCryptoCloud = CryptoCloud(base_url=server.url, **OPTIONS)
            client.close()
            with pytest.raises(APIConnectionError, match=re.escape(closed)) as info:
                client.invoices.create(amount=5, order_id="o-1")
        else:
            backend_name: Literal["httpx", "aiohttp"] = "httpx" if backend == "async" else "aiohttp"
            client = AsyncCryptoCloud(base_url=server.url, http_backend=backend_name, **OPTIONS)

            async def main(client: AsyncCryptoCloud) -> None:
                await client.close()
                await client.invoices.create(amount=5, order_id="o-1")

            with pytest.raises(APIConnectionError, match=re.escape(closed)) as info:
                asyncio.run(main(client))
    assert info.value.may_have_been_created is False and client.unsettled_creates == []
    assert (server.connections, len(server.requests)) == (0, 0)


@pytest.mark.parametrize("backend_name", ["sync", "async"])
def test_a_proxy_from_the_environment_is_used(backend_name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    body = b'{"status": "success", "result": []}'
    answer = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s" % (len(body), body)
    with RawServer(answer_once(lambda head: answer)) as proxy:  # a forward proxy that answers every request itself
        monkeypatch.setenv("HTTP_PROXY", proxy.url)
        monkeypatch.delenv("NO_PROXY", raising=False)
        monkeypatch.delenv("no_proxy", raising=False)
        assert run(backend_name, "http://api.example.invalid", lambda client: client.balances.list()) == []
    # The request line in absolute form, as a client writes it to a proxy.
    lines = [head.split(b"\r\n", 1)[0].decode() for head in proxy.heads]
    assert lines == ["POST http://api.example.invalid/v2/merchant/wallet/balance/all HTTP/1.1"]
