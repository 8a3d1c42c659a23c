"""One distribution, two import packages, both typed; each extra works alone, in a fresh environment."""

from __future__ import annotations

import re
import subprocess
import sys
import tarfile
import tomllib
import zipfile
from pathlib import Path

import cryptocloud
import pytest
from support.reference import ROOT
from support.wheel_venv import make_venv, run

TESTING_MISSING = (
    "cryptocloud.testing needs the testing extra (openapi_schema_validator is missing): pip install "
    "'./cryptocloud-client[testing]' from beside a checkout, or pip install -e '.[testing]' inside it (once "
    "published: pip install 'cryptocloud-client[testing]')"
)
CLI_MISSING = (
    "cryptocloud: the command line needs the cli extra: pip install './cryptocloud-client[cli]' from beside a "
    "checkout, or pip install -e '.[cli]' inside it (once published: pip install 'cryptocloud-client[cli]')\n"
)


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The sdist, and the wheel built from it (which proves the sdist is complete): built once per module."""
    outdir = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(outdir), str(ROOT)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    (sdist,) = outdir.glob("*.tar.gz")
    (wheel,) = outdir.glob("*.whl")
    return sdist, wheel


def test_wheel_ships_both_packages(dist: tuple[Path, Path]) -> None:
    wheel = dist[1]
    assert wheel.name == f"cryptocloud_client-{cryptocloud.__version__}-py3-none-any.whl"
    names = set(zipfile.ZipFile(wheel).namelist())
    for required in (
        "cryptocloud_client/__init__.py",
        "cryptocloud_client/py.typed",
        "cryptocloud_client/exact.py",
        "cryptocloud_client/api/invoices/create_invoice.py",
        "cryptocloud_client/models/invoice.py",
        "cryptocloud_client/openapi.json",  # the drift check reads it at run time
        "cryptocloud/__init__.py",
        "cryptocloud/py.typed",
        "cryptocloud/testing/__init__.py",
        "cryptocloud/testing/fake-control.yaml",  # served by the fake at /_fake/openapi.yaml
        f"cryptocloud_client-{cryptocloud.__version__}.dist-info/licenses/LICENSE",
    ):
        assert required in names, required
    assert {n.split("/")[0] for n in names if not n.startswith("cryptocloud_client-")} == {
        "cryptocloud_client",
        "cryptocloud",
    }
    metadata = zipfile.ZipFile(wheel).read(f"cryptocloud_client-{cryptocloud.__version__}.dist-info/METADATA").decode()
    assert "Requires-Python: >=3.11" in metadata
    assert "License-Expression: MIT" in metadata
    versions = re.findall(r"^Classifier: Programming Language :: Python :: (3\.\d+)$", metadata, re.M)
    assert versions == ["3.11", "3.12", "3.13"]
    requires = sorted(
        line.split(":", 1)[1].strip() for line in metadata.splitlines() if line.startswith("Requires-Dist:")
    )
    core = [r for r in requires if "extra ==" not in r]
    assert sorted(re.split(r"[<>=]", r)[0].lower() for r in core) == ["attrs", "httpx", "pyjwt"]
    extras = sorted(r.split("extra == ")[1].strip("'\"") for r in requires if "extra ==" in r)
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["optional-dependencies"]
    assert extras == sorted(name for name, needs in declared.items() for _ in needs)  # each requirement of each
    assert "cryptocloud_client/openapi.yaml" in names  # the fake validates against the spec it was built from


def test_sdist_has_the_tests_and_the_license(dist: tuple[Path, Path]) -> None:
    with tarfile.open(dist[0]) as archive:
        names = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    assert {"LICENSE", "README.md", "pyproject.toml", "noxfile.py", "tests/conftest.py"} <= names
    assert {str(path.relative_to(ROOT)) for path in (ROOT / "tests").rglob("*.py")} <= names  # support/ too
    assert not any(name.startswith((".venv/", "node_modules/", ".nox/")) for name in names)


def test_cli_extra_alone(dist: tuple[Path, Path], tmp_path: Path) -> None:
    """[cli] without [testing]: the fake's commands, the import and the fixture each say, in one line, what to add."""
    bin_dir = make_venv(tmp_path / "venv", dist[1], {"cli"}, also=("pytest",))
    assert run(bin_dir, "cryptocloud", "--version").stdout == f"cryptocloud, version {cryptocloud.__version__}\n"
    for command in (["invoice", "create", "--fake", "--amount", "-1"], ["fake-server", "--port", "0"]):
        done = run(bin_dir, "cryptocloud", *command)
        assert (done.returncode, done.stdout, done.stderr) == (1, "", f"error: {TESTING_MISSING}\n"), command
    imported = run(bin_dir, "python", "-c", "from cryptocloud.testing import FakeCryptoCloud")
    assert imported.returncode == 1 and imported.stderr.splitlines()[-1] == f"ImportError: {TESTING_MISSING}"
    assert "ModuleNotFoundError" not in imported.stderr
    (tmp_path / "test_user.py").write_text("def test_uses_the_fake(cryptocloud_fake):\n    pass\n")
    tested = run(bin_dir, "python", "-m", "pytest", "-q", "-p", "no:cacheprovider", "test_user.py", cwd=tmp_path)
    assert tested.returncode == 1
    assert f"cryptocloud_fake: {TESTING_MISSING}" in tested.stdout.splitlines()
    assert "Traceback" not in tested.stdout and "1 error" in tested.stdout.splitlines()[-1]
    # The plugin, loaded by every pytest run, brings in nothing of the client until the fixture is used.
    loaded = run(bin_dir, "python", "-c", PLUGIN_IMPORTS)
    assert (loaded.returncode, loaded.stdout, loaded.stderr) == (0, "['cryptocloud', 'cryptocloud._version']\n", "")


PLUGIN_IMPORTS = """
import sys
before = set(sys.modules)
import cryptocloud.pytest_plugin
heavy = ("cryptocloud", "cryptocloud_client", "httpx", "jwt", "attrs")
print(sorted(m for m in set(sys.modules) - before if m.split(".")[0] in heavy and m != "cryptocloud.pytest_plugin"))
"""


def test_testing_extra_alone(dist: tuple[Path, Path], tmp_path: Path) -> None:
    bin_dir = make_venv(tmp_path / "venv", dist[1], {"testing"})
    script = (
        "from decimal import Decimal\n"
        "from cryptocloud.testing import FakeCryptoCloud\n"
        "fake = FakeCryptoCloud()\n"
        "invoice = fake.client().invoices.create(amount=Decimal('10'), order_id='o-1')\n"
        "fake.pay(invoice.uuid)\n"
        "print(fake.client().invoices.retrieve(invoice.uuid).status)\n"
    )
    used = run(bin_dir, "python", "-c", script)
    assert (used.returncode, used.stdout, used.stderr) == (0, "paid\n", "")
    command = run(bin_dir, "cryptocloud", "--help")
    assert (command.returncode, command.stderr) == (1, CLI_MISSING)


def test_aiohttp_extra_alone(dist: tuple[Path, Path], tmp_path: Path) -> None:
    from cryptocloud.testing import FakeCryptoCloud

    bin_dir = make_venv(tmp_path / "venv", dist[1], {"aiohttp"})
    fake = FakeCryptoCloud(seed=1)
    script = (
        "import asyncio, sys\n"
        "from cryptocloud import AsyncCryptoCloud\n"
        "async def main():\n"
        "    async with AsyncCryptoCloud(api_key='fake-api-key', shop_id='fake-shop', base_url=sys.argv[1],\n"
        "                                http_backend='aiohttp') as client:\n"
        "        print((await client.invoices.create(amount=5)).uuid)\n"
        "asyncio.run(main())\n"
    )
    with fake.serve() as url:
        used = run(bin_dir, "python", "-c", script, url)
    assert (used.returncode, used.stderr) == (0, "")
    assert used.stdout.split() == list(fake.invoices)


def test_generated_package_never_imports_the_hand_written_one() -> None:
    offenders = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "generated").rglob("*.py")
        if "import cryptocloud\n" in path.read_text()
        or "from cryptocloud " in path.read_text()
        or "from cryptocloud." in path.read_text()
    ]
    assert offenders == []


def test_console_script_and_pytest_plugin_are_registered() -> None:
    from importlib.metadata import entry_points

    (script,) = entry_points(group="console_scripts", name="cryptocloud")
    assert script.value == "cryptocloud.cli:main"
    (plugin,) = entry_points(group="pytest11", name="cryptocloud")
    assert plugin.value == "cryptocloud.pytest_plugin"


def test_every_export_resolves_lazily() -> None:
    """``cryptocloud`` imports its names on first use: each one in __all__ must be in the lazy table."""
    exports = cryptocloud._EXPORTS
    assert set(cryptocloud.__all__) == {*exports, "__version__"}
    for name in cryptocloud.__all__:
        assert getattr(cryptocloud, name) is not None, name
    assert set(cryptocloud.__all__) <= set(dir(cryptocloud))
    with pytest.raises(AttributeError, match="module 'cryptocloud' has no attribute 'Nope'"):
        cryptocloud.Nope  # type: ignore[attr-defined]  # noqa: B018


def test_installed_without_sources_the_package_decodes_the_same(dist: tuple[Path, Path], tmp_path: Path) -> None:
    # Containers and frozen apps ship .pyc only: nothing of the decoding may need the sources (no code built at
    # run time from inspect.getsource). Compile the installed packages, delete every .py, decode the evidence.
    import json

    from support.decoding_evidence import DECODE, decoded_lines

    bin_dir = make_venv(tmp_path / "venv", dist[1], set())
    site = Path(
        run(
            bin_dir, "python", "-c", "import cryptocloud, os; print(os.path.dirname(cryptocloud.__path__[0]))"
        ).stdout.strip()
    )
    for package in ("cryptocloud", "cryptocloud_client"):
        compiled = run(bin_dir, "python", "-m", "compileall", "-q", "-b", str(site / package))
        assert compiled.returncode == 0, compiled.stderr
        for source in (site / package).rglob("*.py"):
            source.unlink()
    assert not list((site / "cryptocloud_client").rglob("*.py")) and list((site / "cryptocloud_client").rglob("*.pyc"))
    evidence = tmp_path / "evidence.json"
    lines = decoded_lines(evidence)
    used = run(bin_dir, "python", "-c", DECODE, str(evidence))
    assert (used.returncode, used.stderr) == (0, "")
    assert used.stdout.splitlines() == lines and len(lines) == len(json.loads(evidence.read_text()))
