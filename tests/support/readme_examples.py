"""Runs the README's examples: every ```python block and every ```console block, against the fake CryptoCloud.

A Python block runs as written, in a fresh namespace and a temporary folder, with the environment a user would
have set: CRYPTOCLOUD_API_KEY, CRYPTOCLOUD_SHOP_ID and CRYPTOCLOUD_BASE_URL point at a FakeCryptoCloud served
on 127.0.0.1 (holding 1000 USDT_TRC20), CRYPTOCLOUD_SECRET is its postback secret, CRYPTOCLOUD_WITHDRAWAL_KEY its
withdrawal key, and a proxy that refuses everything stands in for the
internet (a block that reaches past the fake fails at once). What the README leaves to the reader is given:
``mark_paid`` (a recorder, unless the block defines its own), and a stand-in for ``flask`` (its ``Flask`` app
records routes, ``request`` is what the test sends). After the block, each route it registered is called with a
genuine postback (must answer 200, and be marked paid when the recorder is used) and a forged one (must answer
400, and not be marked), and each ``test_*`` function it defines is called with a fresh ``cryptocloud_fake``.

A console block runs line by line in one temporary folder with one environment: ``$ cmd &`` starts ``cmd`` in
the background (until the block ends) and waits for its first line of output; ``$ export A=1 B=2`` sets
variables for the next commands; any other ``$ cmd`` runs in bash. Lines after a command are its expected
output (stdout then stderr); a command shown without output must exit 0, one whose output starts with
``error:`` must exit non-zero. Port 8080 becomes a free port (tests run side by side). Nothing is prepared
for the reader: the saved postback a block verifies is one the block itself had the fake make.
"""

from __future__ import annotations

import os
import re
import secrets
import select
import shlex
import socket
import subprocess
import sys
import types
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from cryptocloud.testing import FakeCryptoCloud
from markdown_it import MarkdownIt

from support.reference import ROOT

README = ROOT / "README.md"
RUN = {"python", "console"}
# Shown, not run: setup commands for this repository (./test.sh would run itself) and text in other languages.
NOT_RUN = {"sh", "bash", "shell", "json", "yaml", "toml", "text", "http", "typescript", "ts", "javascript", "go"}
NO_INTERNET = "http://127.0.0.1:9"  # a proxy address where nothing listens
BLOCK_TIMEOUT = 60.0


@dataclass(frozen=True)
class Block:
    language: str
    code: str
    line: int  # of the first line of code, 1-based

    @property
    def id(self) -> str:
        return f"README.md:{self.line}"


def blocks(text: str | None = None) -> list[Block]:
    """The README's fenced code blocks, in order."""
    tokens = MarkdownIt("commonmark").parse(README.read_text() if text is None else text)
    return [
        Block(token.info.split()[0] if token.info.strip() else "", token.content, token.map[0] + 2)
        for token in tokens
        if token.type == "fence" and token.map is not None
    ]


# ------------------------------------------------------------------ the served fake and the environment


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def served_fake() -> Iterator[tuple[FakeCryptoCloud, dict[str, str]]]:
    """A fake served on 127.0.0.1 and the environment variables that point a user's code at it."""
    fake = FakeCryptoCloud(seed=1)
    fake.fund("USDT_TRC20", Decimal("1000"))  # a merchant with something to withdraw
    with fake.serve() as url:
        yield (
            fake,
            {
                "CRYPTOCLOUD_BASE_URL": url,
                "CRYPTOCLOUD_API_KEY": fake.api_key,
                "CRYPTOCLOUD_SHOP_ID": fake.shop_id,
                "CRYPTOCLOUD_SECRET": fake.secret,
                "CRYPTOCLOUD_WITHDRAWAL_KEY": fake.withdrawal_key,
                "HTTP_PROXY": NO_INTERNET,
                "HTTPS_PROXY": NO_INTERNET,
                "ALL_PROXY": NO_INTERNET,
                "NO_PROXY": "127.0.0.1,localhost",
            },
        )


# ------------------------------------------------------------------ Python blocks


@dataclass
class FlaskRequest:
    """What the handler reads from Flask's ``request``."""

    body: bytes = b""
    content_type: str | None = None

    def get_data(self) -> bytes:
        return self.body


@dataclass
class FlaskApp:
    """Flask's ``Flask``, as far as a handler registration goes: ``app.post(path)`` records the route."""

    name: str
    routes: dict[str, Callable[[], Any]] = field(default_factory=dict)

    def post(self, path: str) -> Callable[[Callable[[], Any]], Callable[[], Any]]:
        def register(view: Callable[[], Any]) -> Callable[[], Any]:
            self.routes[path] = view
            return view

        return register

    route = post


def flask_stand_in(request: FlaskRequest, apps: list[FlaskApp]) -> types.ModuleType:
    module = types.ModuleType("flask")

    def make_app(name: str) -> FlaskApp:
        apps.append(FlaskApp(name))
        return apps[-1]

    module.Flask = make_app  # type: ignore[attr-defined]
    module.request = request  # type: ignore[attr-defined]
    return module


def run_python(block: Block, workdir: Path, without: tuple[str, ...] = ()) -> int:
    """Run one Python block as written against a served fake; then drive the handlers and tests it defines.
    Returns how many of those were driven. ``without`` names variables of the environment left unset."""
    paid: list[tuple[Any, ...]] = []
    request = FlaskRequest()
    apps: list[FlaskApp] = []
    saved_env, saved_cwd, saved_flask = dict(os.environ), os.getcwd(), sys.modules.get("flask")
    with served_fake() as (fake, env):
        try:
            os.environ.update(env)
            for name in without:
                os.environ.pop(name, None)
            os.chdir(workdir)
            sys.modules["flask"] = flask_stand_in(request, apps)
            recorder = lambda *args: paid.append(args)  # noqa: E731
            namespace: dict[str, Any] = {"__name__": "__readme__", "mark_paid": recorder}
            # Blank lines before the code: a traceback names the README's own line numbers.
            exec(compile("\n" * (block.line - 1) + block.code, str(README), "exec"), namespace)
            driven = 0
            for app in apps:
                for path, view in app.routes.items():
                    # When the block left mark_paid to the reader, the recorder says what was marked paid.
                    marked = paid if namespace.get("mark_paid") is recorder else None
                    check_postback_route(fake, request, marked, path, view)
                    driven += 1
            for name, test in list(namespace.items()):
                if name.startswith("test_") and callable(test):
                    arguments = test.__code__.co_varnames[: test.__code__.co_argcount]
                    test(**{arg: FakeCryptoCloud() for arg in arguments if arg == "cryptocloud_fake"})
                    driven += 1
            return driven
        finally:
            os.environ.clear()
            os.environ.update(saved_env)
            os.chdir(saved_cwd)
            if saved_flask is None:
                sys.modules.pop("flask", None)
            else:
                sys.modules["flask"] = saved_flask


def check_postback_route(
    fake: FakeCryptoCloud, request: FlaskRequest, paid: list[tuple[Any, ...]] | None, path: str, view: Callable[[], Any]
) -> None:
    """A genuine postback is answered 200 (and marked paid, when ``paid`` records it); a forged one 400."""
    invoice = fake.client().invoices.create(amount=Decimal("10"), order_id="readme-order")
    note = fake.pay(invoice.uuid)
    request.body, request.content_type = note.body, note.content_type
    before = len(paid or ())
    answer = view()
    assert answer[1] == 200, f"{path}: a genuine postback got {answer!r}"
    if paid is not None:
        assert len(paid) == before + 1 and "readme-order" in paid[-1], f"{path}: a genuine one marked {paid[before:]}"
    forger = FakeCryptoCloud()  # another secret: the signature cannot match
    forged = forger.pay(forger.client().invoices.create(amount=Decimal("10"), order_id="readme-order").uuid)
    request.body, request.content_type = forged.body, forged.content_type
    answer = view()
    assert answer[1] == 400, f"{path}: a forged postback got {answer!r}"
    assert paid is None or len(paid) == before + 1, f"{path}: a forged postback was acted on"


# ------------------------------------------------------------------ console blocks


@dataclass
class Command:
    line: int
    text: str
    expected: list[str]


def commands(block: Block) -> list[Command]:
    found: list[Command] = []
    for offset, line in enumerate(block.code.splitlines()):
        if line.startswith("$ "):
            found.append(Command(block.line + offset, line[2:], []))
        elif found and line.strip():
            found[-1].expected.append(line.rstrip())
        elif line.strip():
            raise AssertionError(f"README.md:{block.line + offset}: console output before any command: {line!r}")
    return found


def first_line(process: subprocess.Popen[str], where: str) -> str:
    assert process.stdout is not None
    ready, _, _ = select.select([process.stdout], [], [], BLOCK_TIMEOUT)
    assert ready, f"{where}: no output within {BLOCK_TIMEOUT:.0f} s"
    return process.stdout.readline().rstrip("\n")


def run_console(block: Block, workdir: Path) -> int:
    """Run one console block; returns the number of commands run."""
    port = str(free_port())
    background: list[subprocess.Popen[str]] = []
    env = {k: v for k, v in os.environ.items() if not k.startswith("CRYPTOCLOUD_")}  # the block sets its own
    env |= {
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        "COLUMNS": "100",
        "CRYPTOCLOUD_SECRET": secrets.token_urlsafe(32),
        "HTTP_PROXY": NO_INTERNET,
        "HTTPS_PROXY": NO_INTERNET,
        "ALL_PROXY": NO_INTERNET,
        "NO_PROXY": "127.0.0.1,localhost",
    }
    try:
        todo = commands(block)
        for command in todo:
            run_command(command, port, env, workdir, background)
        return len(todo)
    finally:
        for process in background:
            process.terminate()
            process.wait(timeout=10)


def run_command(
    command: Command, port: str, env: dict[str, str], workdir: Path, background: list[subprocess.Popen[str]]
) -> None:
    where = f"README.md:{command.line}: $ {command.text}"
    text = re.sub(r"\b8080\b", port, command.text)
    words = shlex.split(text, comments=True)
    if words and words[0] == "export":
        for word in words[1:]:
            name, _, value = word.partition("=")
            env[name] = value
        return
    if words and words[-1] == "&":
        process = subprocess.Popen(words[:-1], cwd=workdir, env=env, stdout=subprocess.PIPE, text=True)
        background.append(process)
        line = first_line(process, where)
        assert process.poll() is None, f"{where}: exited with {process.returncode}"
        if command.expected:  # its first line, as the README shows it
            assert [re.sub(rf"\b{port}\b", "8080", line)] == command.expected[:1], where
        return
    result = subprocess.run(
        ["bash", "-c", text], cwd=workdir, env=env, capture_output=True, text=True, timeout=BLOCK_TIMEOUT
    )
    output = [line.rstrip() for line in (result.stdout + result.stderr).splitlines()]
    if command.expected:
        assert output == command.expected, f"{where}\nexpected: {command.expected}\nprinted:  {output}"
        failing = command.expected[0].startswith("error:")
        assert (result.returncode != 0) == failing, f"{where}: exit code {result.returncode}"
    else:
        assert result.returncode == 0, f"{where}: exit code {result.returncode}\n{result.stdout}{result.stderr}"
