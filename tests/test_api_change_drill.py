"""The drill of issue 21: three API changes, each made to a copy of the repository as a maintainer would (the
spec and its evidence edited by hand, nothing else), then run through ./codegen.sh:

(a) a new optional money field on invoices, with the recorded answer that shows it: regenerates cleanly, the
    answer decodes and shows no drift, and ``./codegen.sh --release`` makes a patch release;
(b) a new crypto currency (XRP), in the spec and the docs copy: regenerates cleanly, a patch release (with the
    hand-written note left under "## Unreleased"), and the fake takes invoices, payments and wallets in it;
(c) the create request's ``email`` renamed: codegen fails naming the hand-written line that sends ``email=``,
    leaves generated/ as it was, and both diffs mark the change BREAKING (a minor bump, before 1.0).

The copy holds only what codegen needs (its .venv and node_modules are links to this checkout's), and codegen
runs four times in all. The README's "Changing the API" shows these runs: its examples are checked against them.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from markdown_it import MarkdownIt

ROOT = Path(__file__).resolve().parent.parent
COPIED = [
    "codegen.sh",
    "scripts",
    "openapi",
    "overrides",
    "generated",
    "pyproject.toml",
    "requirements-dev.txt",
    "package.json",
    "package-lock.json",
    "redocly.yaml",
    "CHANGELOG.md",
    "tests/recorded",
    "tests/test_changelog.py",
]
LINKED = [".venv", "node_modules"]
IGNORE = shutil.ignore_patterns("__pycache__", "*_cache")
NEW_ANSWER = "tests/recorded/create_network_fee.json"


# ------------------------------------------------------------------ the copy and the maintainer's edits


def make_copy(where: Path) -> Path:
    repo = where / "repo"
    for name in COPIED:
        source, target = ROOT / name, repo / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.is_dir():
            shutil.copytree(source, target, ignore=IGNORE)
        else:
            shutil.copy2(source, target)
    for name in LINKED:
        (repo / name).symlink_to(ROOT / name)
    # As the last release left it: what main holds unreleased (notes, additions to the surface) belongs to the next
    # real release, so that the drill's diffs show its own changes only.
    changelog = repo / "CHANGELOG.md"
    changelog.write_text(released_changelog(changelog.read_text()))
    subprocess.run(
        [sys.executable, "openapi/codegen/changes.py", "snapshot"],
        cwd=repo,
        env=env(repo),
        check=True,
        capture_output=True,
        timeout=60,
    )
    return repo


def released_changelog(text: str) -> str:
    """The changelog as the last release left it: notes under "## Unreleased" belong to the next real release."""
    return re.sub(r"^## Unreleased\n.*?(?=^## )", "", text, count=1, flags=re.MULTILINE | re.DOTALL)


def edit(path: Path, old: str, new: str) -> None:
    """Replace the one occurrence of ``old`` (a drill that no longer finds what it edits must say so)."""
    text = path.read_text()
    assert text.count(old) == 1, f"{path.name}: {old!r} found {text.count(old)} times"
    path.write_text(text.replace(old, new))


def schema_section(spec: str, name: str) -> str:
    """A component schema's block of text in the spec, from its name to the blank line that ends it."""
    start = spec.index(f"\n    {name}:\n")
    end = spec.index("\n\n", start + 1)
    return spec[start:end]


def add_money_field(repo: Path) -> None:
    """(a) InvoiceFields, the fields every invoice may carry, gains ``network_fee_usd``; the answer shows it."""
    spec = repo / "openapi" / "cryptocloud.yaml"
    section = schema_section(spec.read_text(), "InvoiceFields")
    field = (
        '\n        network_fee_usd:\n          allOf:\n            - $ref: "#/components/schemas/Money"\n'
        "          description: The blockchain network's fee for the payment, in USD.\n"
    ).rstrip("\n")
    edit(spec, section, section + field)
    record = json.loads((repo / "tests" / "recorded" / "create_trybit.json").read_text())
    record["source"] = {
        "repository": "issue 21's drill: create_trybit.json as a newer API would send it",
        "note": "A create answer with network_fee_usd, the field the spec gains in the drill.",
    }
    record["body"]["result"]["network_fee_usd"] = 0.35
    (repo / NEW_ANSWER).write_text(json.dumps(record, indent=2) + "\n")


def add_currency(repo: Path) -> None:
    """(b) XRP in the spec's CryptoCurrency (with its description) and in the docs copy's list."""
    spec = repo / "openapi" / "cryptocloud.yaml"
    section = schema_section(spec.read_text(), "CryptoCurrency")
    enum_end = section.index("]", section.index("enum: ["))
    edit(spec, section, section[:enum_end] + ", XRP" + section[enum_end:] + "\n        XRP: XRP on the XRP Ledger.")
    docs = repo / "openapi" / "reference" / "invoice-create.txt"
    lines = docs.read_text().split("\n")
    listed = lines.index("Available payment currencies:") + 1
    lines[listed] += ", XRP"
    docs.write_text("\n".join(lines))


def rename_email(repo: Path) -> None:
    """(c) The create request's ``email`` becomes ``payer_email``."""
    spec = repo / "openapi" / "cryptocloud.yaml"
    section = schema_section(spec.read_text(), "InvoiceCreateRequest")
    edit(spec, section, section.replace("\n        email:\n", "\n        payer_email:\n"))


# ------------------------------------------------------------------ running things in the copy


def env(repo: Path) -> dict[str, str]:
    """The copy's packages first: the editable install's .pth points at this checkout's."""
    return {**os.environ, "PYTHONPATH": f"{repo / 'generated'}{os.pathsep}{repo / 'overrides'}"}


def codegen(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """./codegen.sh as a terminal shows it: stderr and stdout in one stream, in order."""
    return subprocess.run(
        ["./codegen.sh", *args], cwd=repo, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=120
    )


def python(repo: Path, code: str) -> Any:
    """Run ``code`` against the copy's packages; it prints one JSON value."""
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=repo, env=env(repo), capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def drift(repo: Path, answer: str) -> subprocess.CompletedProcess[str]:
    cli = Path(sys.executable).parent / "cryptocloud"
    return subprocess.run(
        [str(cli), "drift", "--json", answer], cwd=repo, env=env(repo), capture_output=True, text=True, timeout=60
    )


DECODE = f"""
import json
from cryptocloud import Invoice
record = json.load(open({NEW_ANSWER!r}))
invoice = Invoice.from_dict(record["body"]["result"])
print(json.dumps([str(invoice.network_fee_usd), type(invoice.network_fee_usd).__name__]))
"""

FAKE_XRP = """
import json
from decimal import Decimal
from cryptocloud.testing import FakeCryptoCloud
fake = FakeCryptoCloud(seed=1)
client = fake.client()
invoice = client.invoices.create(amount=Decimal("10"), order_id="drill", available_currencies=["XRP"],
                                 cryptocurrency="XRP")
fake.pay(invoice.uuid)
paid = client.invoices.retrieve(invoice.uuid)
wallet = client.static_wallets.create(currency="XRP", identify="drill")
print(json.dumps({
    "currency": [invoice.currency.fullcode, invoice.currency.network.code, invoice.currency.code],
    "amount": str(invoice.amount), "status": str(paid.status), "received": str(paid.received),
    "wallet": wallet.currency.code,
}))
"""


def tree(path: Path) -> dict[str, bytes]:
    return {str(p.relative_to(path)): p.read_bytes() for p in sorted(path.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def drill(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    repo = make_copy(tmp_path_factory.mktemp("drill"))
    seen: dict[str, Any] = {"repo": repo}

    add_money_field(repo)
    seen["a drift before"] = drift(repo, NEW_ANSWER)
    seen["a codegen"] = codegen(repo)
    seen["a drift after"] = drift(repo, NEW_ANSWER)
    seen["a decoded"] = python(repo, DECODE)
    seen["a release"] = codegen(repo, "--release")
    seen["a changelog"] = (repo / "CHANGELOG.md").read_text()

    add_currency(repo)
    changelog = repo / "CHANGELOG.md"
    note = "- The fake takes any crypto currency the spec lists: one without a known chain is its own."
    first = changelog.read_text().index("\n## ") + 1
    changelog.write_text(changelog.read_text()[:first] + f"## Unreleased\n\n{note}\n\n" + changelog.read_text()[first:])
    seen["b release"] = codegen(repo, "--release")
    seen["b fake"] = python(repo, FAKE_XRP)
    seen["b changelog"] = changelog.read_text()
    seen["changelog test"] = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/test_changelog.py"],
        cwd=repo,
        env=env(repo),
        capture_output=True,
        text=True,
        timeout=60,
    )

    before = tree(repo / "generated")
    rename_email(repo)
    seen["c codegen"] = codegen(repo)
    seen["c generated kept"] = tree(repo / "generated") == before
    return seen


def version(repo: Path) -> str:
    text = (repo / "overrides" / "cryptocloud" / "_version.py").read_text()
    found = re.search(r'__version__ = "(.*)"', text)
    assert found
    return found.group(1)


def released_version() -> tuple[int, int, int]:
    from cryptocloud import __version__

    major, minor, patch = (int(p) for p in __version__.split("."))
    return major, minor, patch


def test_a_new_optional_money_field_regenerates_cleanly_and_makes_a_patch_release(drill: dict[str, Any]) -> None:
    major, minor, patch = released_version()
    before, after = f"{major}.{minor}.{patch}", f"{major}.{minor}.{patch + 1}"
    assert drill["a drift before"].returncode == 1
    assert [json.loads(line)["field"] for line in drill["a drift before"].stdout.splitlines()] == [
        "result.network_fee_usd"
    ]
    result = drill["a codegen"]
    assert result.returncode == 0, result.stdout
    lines = result.stdout.splitlines()
    owners = "{Invoice,InvoiceDetails,PostbackInvoice}"  # one line: InvoiceFields, merged into each, is not listed
    assert f"  ok        field      {owners}.network_fee_usd added: Money, optional (response)" in lines
    assert f"  ok        attribute  {owners}.network_fee_usd added: Decimal | Unset" in lines
    assert lines[-1] == f"semver: {before} -> {after} (./codegen.sh --release writes it)"
    assert (drill["a drift after"].returncode, drill["a drift after"].stdout) == (0, "")
    assert drill["a decoded"] == ["0.35", "Decimal"]
    release = drill["a release"]
    assert release.returncode == 0, release.stdout
    assert release.stdout.splitlines()[-1].startswith(
        f"release {after}: overrides/cryptocloud/_version.py, CHANGELOG.md"
    )
    entry = drill["a changelog"].split(f"## {after} - ", 1)[1].split("\n## ", 1)[0]
    assert entry.split("\n", 1)[1] == (
        "\n"
        f"Changes for users (the public-surface diff against {before}):\n\n"
        "- attribute `{Invoice,InvoiceDetails,PostbackInvoice}.network_fee_usd`: added: Decimal | Unset\n\n"
        f"Spec changes (`openapi/cryptocloud.yaml` {spec_versions(release)}):\n\n"
        "- field `{Invoice,InvoiceDetails,PostbackInvoice}.network_fee_usd`: added: Money, optional (response)\n\n"
        "Client changes (hand-written layer, written by a person: what the diffs cannot see):\n\n"
        "- none noted\n"
    )


def spec_versions(result: subprocess.CompletedProcess[str]) -> str:
    """ "2.0.0 -> 2.1.0", as the release's first step said it set the spec's info.version."""
    found = re.search(r"^codegen: spec info.version: (\S+ -> \S+):", result.stdout, re.MULTILINE)
    assert found, result.stdout
    return found.group(1)


def test_a_new_crypto_currency_regenerates_cleanly_and_works_in_the_fake(drill: dict[str, Any]) -> None:
    major, minor, patch = released_version()
    before, after = f"{major}.{minor}.{patch + 1}", f"{major}.{minor}.{patch + 2}"
    release = drill["b release"]
    assert release.returncode == 0, release.stdout
    lines = release.stdout.splitlines()
    assert lines.count("  ok        enum value CryptoCurrency.XRP                       added") == 2  # spec, Python
    assert f"semver: {before} -> {after}" in lines  # no "--release writes it": this is the release
    assert version(drill["repo"]) == after
    entry = drill["b changelog"].split(f"## {after} - ", 1)[1].split("\n## ", 1)[0]
    assert "- enum value `CryptoCurrency.XRP`: added" in entry
    assert entry.endswith(
        "Client changes (hand-written layer, written by a person: what the diffs cannot see):\n\n"
        "- The fake takes any crypto currency the spec lists: one without a known chain is its own.\n"
    )
    assert "\n## Unreleased\n" not in drill["b changelog"]
    original = released_changelog((ROOT / "CHANGELOG.md").read_text())
    first = original.index("\n## ") + 1  # the preamble, and every older entry, as they were
    assert drill["b changelog"].startswith(original[:first]) and drill["b changelog"].endswith(original[first:])
    assert drill["b fake"] == {
        "currency": ["XRP", "XRP", "XRP"],
        "amount": "10",
        "status": "paid",
        "received": "10",
        "wallet": "XRP",
    }
    assert drill["changelog test"].returncode == 0, drill["changelog test"].stdout


def test_a_renamed_request_field_fails_codegen_naming_the_hand_written_line(drill: dict[str, Any]) -> None:
    major, minor, patch = released_version()
    before = f"{major}.{minor}.{patch + 2}"
    breaking = f"{major}.{minor + 1}.0" if major == 0 else f"{major + 1}.0.0"
    result = drill["c codegen"]
    assert result.returncode == 1
    invoices = (drill["repo"] / "overrides" / "cryptocloud" / "invoices.py").read_text().splitlines()
    line = invoices.index("    body = InvoiceCreateRequest(") + 1
    lines = result.stdout.splitlines()
    error = 'error: Unexpected keyword argument "email" for "InvoiceCreateRequest"  [call-arg]'
    assert f"overrides/cryptocloud/invoices.py:{line}: {error}" in lines
    assert "  BREAKING  field      InvoiceCreateRequest.email               removed (request)" in lines
    assert "  BREAKING  attribute  InvoiceCreateRequest.email               removed" in lines
    assert f"semver: {before} -> {breaking} (./codegen.sh --release writes it)" in lines
    assert lines[-1] == (
        "codegen: the hand-written layer no longer fits the new generated code: fix the lines above (or the spec)"
    )
    assert drill["c generated kept"] is True
    assert version(drill["repo"]) == before


# ------------------------------------------------------------------ the README shows these runs


def normalized(lines: list[str]) -> list[str]:
    """Versions, counts, seconds, dates and line numbers vary from release to release: compared as placeholders."""
    out = []
    for line in lines:
        line = re.sub(r"\d+\.\d+\.\d+", "X.Y.Z", line)
        line = re.sub(r"\.py:\d+: ", ".py:N: ", line)
        line = re.sub(r"\d{4}-\d{2}-\d{2}", "DATE", line)
        line = re.sub(r"^codegen: \d+ operations, \d+ models, \d+ enums, \d+ Python files, [\d.]+ s$", "SUMMARY", line)
        out.append(line.rstrip())
    return out


def readme_runs() -> Iterator[tuple[str, list[str]]]:
    """Each ``$ command`` of the text blocks of README "Changing the API", with the lines shown after it."""
    readme = (ROOT / "README.md").read_text()
    section = readme.split("\n## Changing the API\n", 1)[1].split("\n## ", 1)[0]
    for token in MarkdownIt("commonmark").parse(section):
        if token.type == "fence" and token.info.strip() == "text":
            command: str | None = None
            shown: list[str] = []
            for line in token.content.splitlines():
                if line.startswith("$ "):
                    if command:
                        yield command, shown
                    command, shown = line[2:], []
                elif command:
                    shown.append(line)
            if command:
                yield command, shown


@cache
def shown() -> list[tuple[str, list[str]]]:
    return list(readme_runs())


def test_the_readme_shows_what_each_command_prints(drill: dict[str, Any]) -> None:
    runs = shown()
    assert [command for command, _ in runs] == ["./codegen.sh", "./codegen.sh", "./codegen.sh --release"]
    for (command, lines), key in zip(runs, ["a codegen", "c codegen", "a release"], strict=True):
        assert normalized(lines) == normalized(drill[key].stdout.splitlines()), f"README: $ {command} ({key})"
