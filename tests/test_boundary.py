"""The lines the codebase keeps: the hand-written layer uses only public names of other packages (the one module
that must reach into httpx is named), and no code of the package is built at run time."""

from __future__ import annotations

import ast
from pathlib import Path

from support.reference import ROOT

OVERRIDES = ROOT / "overrides" / "cryptocloud"
GENERATED = ROOT / "generated" / "cryptocloud_client"
# The one module allowed private names of httpx and httpcore: it says why for each (and nox -s httpx_range runs
# the transport tests on the oldest and newest httpx allowed).
PRIVATE_ALLOWED = {OVERRIDES / "_pool.py": ("httpx", "httpcore")}


def _private_uses(path: Path) -> list[str]:
    """``from pkg import _name``, ``import pkg._mod``, ``from pkg._mod import ...`` and ``pkg._name`` for another
    package than ours."""
    tree = ast.parse(path.read_text(), str(path))
    imported: dict[str, str] = {}  # local name -> package
    found: list[tuple[str, str]] = []  # (package, what)
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            package, *rest = node.module.split(".")
            if package == "cryptocloud":
                continue
            if any(part.startswith("_") for part in rest):
                found.append((package, f"from {node.module} import ..."))
            found += [(package, f"from {node.module} import {a.name}") for a in node.names if a.name.startswith("_")]
            imported |= {(a.asname or a.name): package for a in node.names}
        elif isinstance(node, ast.Import):
            for alias in node.names:
                package, *rest = alias.name.split(".")
                if package != "cryptocloud" and any(part.startswith("_") for part in rest):
                    found.append((package, f"import {alias.name}"))
                imported[alias.asname or package] = package
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id in imported
            and node.attr.startswith("_")
            and not node.attr.startswith("__")
        ):
            found.append((imported[node.value.id], f"{node.value.id}.{node.attr}"))
    allowed = PRIVATE_ALLOWED.get(path, ())
    return [what for package, what in found if package not in allowed]


def test_the_hand_written_layer_uses_only_public_names_of_other_packages() -> None:
    uses = {str(p.relative_to(ROOT)): _private_uses(p) for p in sorted(OVERRIDES.rglob("*.py"))}
    assert {path: found for path, found in uses.items() if found} == {}


def test_the_check_sees_a_private_import(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text("from cryptocloud_client import _exact\nimport httpx\nhttpx._utils.x()\n")
    assert _private_uses(module) == ["from cryptocloud_client import _exact", "httpx._utils"]


def test_no_code_is_built_at_run_time() -> None:
    built = []
    for path in sorted([*OVERRIDES.rglob("*.py"), *GENERATED.rglob("*.py")]):
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("exec", "eval"):
                built.append(f"{path.name}:{node.lineno} {node.func.id}()")
            elif isinstance(node, ast.Import) and any(a.name == "ast" for a in node.names):
                built.append(f"{path.name}:{node.lineno} import ast")
            elif isinstance(node, ast.Attribute) and node.attr in ("getsource", "getsourcelines"):
                built.append(f"{path.name}:{node.lineno} inspect.{node.attr}")
    assert built == []
