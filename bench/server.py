"""The embedded fake served over HTTP by aiohttp, for benchmarks: one process, validation off.

    .venv/bin/python bench/server.py --port 8765 [--tls CERT KEY]

aiohttp's server is far faster than the standard library's, so the fake is not what the benchmark measures;
compare.py reports the ceiling this server reaches.
"""

from __future__ import annotations

import argparse
import ssl

import httpx
from aiohttp import web
from cryptocloud.testing import FAKE_BASE_URL, FakeCryptoCloud


def app(fake: FakeCryptoCloud) -> web.Application:
    async def handle(request: web.Request) -> web.Response:
        forwarded = httpx.Request(
            request.method,
            FAKE_BASE_URL + request.path_qs,
            headers=list(request.headers.items()),
            content=await request.read(),
        )
        answer = fake.handle(forwarded)
        return web.Response(
            status=answer.status_code, body=answer.content, content_type=answer.headers.get("content-type")
        )

    application = web.Application()
    application.router.add_route("*", "/{tail:.*}", handle)
    return application


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--tls", nargs=2, metavar=("CERT", "KEY"), help="serve HTTPS with this certificate")
    args = parser.parse_args()
    context = None
    if args.tls:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(*args.tls)
    fake = FakeCryptoCloud(api_key="bench-key", shop_id="bench-shop", seed=1, validate=False)
    web.run_app(app(fake), host="127.0.0.1", port=args.port, print=None, access_log=None, ssl_context=context)


if __name__ == "__main__":
    main()
