"""``cryptocloud fake-server``: the fake over HTTP, for tests in other languages."""

from __future__ import annotations

import os
import signal
import threading

from ._app import _fake_class, click, main


@main.command("fake-server")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8080, show_default=True, type=int, help="0 picks a free port.")
@click.option("--seed", type=int, help="Make ids reproducible.")
@click.option("--postback-url", help="POST each payment's postback here (pay through the control API).")
@click.option("--postback-format", type=click.Choice(["json", "form"]), default="json", show_default=True)
@click.option("--secret-env", help="Name of an environment variable holding the postback secret (else random).")
@click.option("--withdrawal-key", help="The fake's withdrawal key (default: made up, and printed).")
def fake_server(
    host: str,
    port: int,
    seed: int | None,
    postback_url: str | None,
    postback_format: str,
    secret_env: str | None,
    withdrawal_key: str | None,
) -> None:
    """Serve the embedded fake CryptoCloud over HTTP until stopped, with a control API under /_fake/.

    Stops cleanly on SIGINT (Ctrl-C) and SIGTERM (`kill PID`), also when started in the background
    (`cryptocloud fake-server &`, where the shell has it ignore SIGINT).
    """
    secret = os.environ.get(secret_env) if secret_env else None
    if secret_env and not secret:
        raise SystemExit(f"error: --secret-env: ${secret_env} is not set")
    fake = _fake_class()(
        seed=seed,
        secret=secret,
        postback_url=postback_url,
        postback_format=postback_format,
        withdrawal_key=withdrawal_key,
    )
    stop = threading.Event()
    # Both signals are handled explicitly: a shell starts a background job with SIGINT ignored, and Python
    # keeps an ignored SIGINT ignored, so `kill -INT` would leave the server running. SIGTERM's default would
    # end the process without closing the server.
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda number, frame: stop.set())
    with fake.serve(host, port) as url:
        # A fake's made-up credentials, printed so that tests in any language can use them.
        click.echo(f"fake CryptoCloud at {url} (Ctrl-C or kill {os.getpid()} stops it)")
        click.echo(f"  shop id:         {fake.shop_id}")
        click.echo(f"  api key:         {fake.api_key}")
        click.echo(f"  withdrawal key:  {fake.withdrawal_key}")
        click.echo(f"  postback secret: {fake.secret}")
        click.echo(f"  postbacks to:    {postback_url or '(none: the control API returns them)'} ({postback_format})")
        click.echo(f"  control API:     {url}/_fake/ (described at {url}/_fake/openapi.yaml)")
        stop.wait()
    click.echo("fake CryptoCloud stopped")
