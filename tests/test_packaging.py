"""One distribution, two import packages, both typed."""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from pathlib import Path

import cryptocloud
from reference import ROOT


def test_wheel_ships_both_packages(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(tmp_path), str(ROOT)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    (wheel,) = tmp_path.glob("*.whl")
    assert wheel.name == f"cryptocloud_client-{cryptocloud.__version__}-py3-none-any.whl"
    names = set(zipfile.ZipFile(wheel).namelist())
    for required in (
        "cryptocloud_client/__init__.py",
        "cryptocloud_client/py.typed",
        "cryptocloud_client/_exact.py",
        "cryptocloud_client/api/invoices/create_invoice.py",
        "cryptocloud_client/models/invoice.py",
        "cryptocloud_client/openapi.json",  # the drift check reads it at run time
        "cryptocloud/__init__.py",
        "cryptocloud/py.typed",
    ):
        assert required in names, required
    assert {n.split("/")[0] for n in names if not n.startswith("cryptocloud_client-")} == {
        "cryptocloud_client",
        "cryptocloud",
    }
    metadata = zipfile.ZipFile(wheel).read(f"cryptocloud_client-{cryptocloud.__version__}.dist-info/METADATA").decode()
    assert "Requires-Python: >=3.11" in metadata
    requires = sorted(
        line.split(":", 1)[1].strip() for line in metadata.splitlines() if line.startswith("Requires-Dist:")
    )
    core = [r for r in requires if "extra ==" not in r]
    assert sorted(re.split(r"[<>=]", r)[0].lower() for r in core) == ["attrs", "httpx", "pyjwt"]
    extras = sorted(r.split("extra == ")[1].strip("'\"") for r in requires if "extra ==" in r)
    assert extras == ["aiohttp", "cli", "cli", "testing", "testing"]
    assert "cryptocloud_client/openapi.yaml" in names  # the fake validates against the spec it was built from


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
