"""Post-generation step of codegen.sh: exact money and aware UTC times in the generated package.

openapi-python-client 0.29.1 types every ``type: number`` as ``float`` (fixed in its property class, out of
reach of templates) and has no notion of the API's ``YYYY-MM-DD HH:MI:SS.FFFFFF`` UTC timestamps. This step
reads the spec and, for every property whose schema carries one of the formats below, retypes the attribute
to ``Decimal`` or aware ``datetime``; the public module ``exact`` (copied from ``exact.py`` beside this file) holds
the converters. It makes the endpoints read and write bodies through ``exact`` so that no amount ever becomes a
float, names each endpoint's request builder ``request_kwargs`` (public: the hand-written layer builds its
requests with it), imports nested models once per module instead of on every call (``hoist_imports``), quotes the
types given to ``cast`` (``quote_casts``), and replaces each model's ``from_dict`` with a strict one-pass decoder
(``decoders.py``).

Each converted field's docstring line carries the field's own description from the spec: the generator takes
the one of the shared schema it refers to (every money field said "An amount of money, to be read as an exact
decimal.", every time "A UTC time as ..."), which is what an IDE showed on hover.

Driven by the spec only: a new ``format: decimal`` field needs no edit here. Every rewrite must match the
generator's output exactly; when it does not (a generator upgrade), this step fails and names what it missed.

Usage: postprocess.py SPEC PACKAGE_DIR
"""

from __future__ import annotations

import json
import re
import shutil
import sys
import textwrap
from collections.abc import Callable, Set
from pathlib import Path
from typing import Any

import yaml
from decoders import DecoderError, write_decoders
from openapi_python_client.strings import PythonIdentifier, snake_case

# format -> (Python type replacing the generator's, the generator's type, converter in exact)
CONVERSIONS = {
    "decimal": ("Decimal", "float", "parse_decimal"),
    "utc-datetime": ("datetime.datetime", "str", "parse_utc_datetime"),
}
IMPORTS = {"decimal": "from decimal import Decimal", "utc-datetime": "import datetime"}


class PostprocessError(Exception):
    pass


def resolve(spec: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    """Follow ``$ref`` and single-element ``allOf`` wrappers to the schema that says type and format."""
    while True:
        if "$ref" in schema:
            schema = spec["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
        elif len(schema.get("allOf", ())) == 1 and "format" not in schema:
            schema = schema["allOf"][0]
        else:
            return schema


def properties(spec: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    """A schema's properties, including those its allOf members bring (the generator merges them)."""
    found: dict[str, Any] = {}
    for member in schema.get("allOf", ()):
        found |= properties(spec, resolve(spec, member))
    own: dict[str, Any] = schema.get("properties", {})
    return found | own


def converted_fields(spec: dict[str, Any]) -> list[tuple[str, str, str, str | None]]:
    """(schema name, property name, format, the property's own description) for every property that needs a
    conversion; the description is None when the property has none beside its reference."""
    found = []
    for name, schema in spec["components"]["schemas"].items():
        for prop, prop_schema in properties(spec, schema).items():
            target = resolve(spec, prop_schema)
            fmt = target.get("format")
            if fmt in CONVERSIONS:
                own = prop_schema.get("description") if prop_schema is not target else None
                found.append((name, prop, fmt, " ".join(own.split()) if own else None))
            elif target.get("type") == "array" and resolve(spec, target.get("items", {})).get("format") in CONVERSIONS:
                raise PostprocessError(f"{name}.{prop}: arrays of converted values are not supported yet")
            elif any(resolve(spec, s).get("format") in CONVERSIONS for s in target.get("anyOf", ())):
                raise PostprocessError(f"{name}.{prop}: unions with converted values are not supported yet")
    return found


def sub_exactly(pattern: str, repl: str | Callable[[re.Match[str]], str], text: str, count: int, what: str) -> str:
    new, n = re.subn(pattern, repl, text, flags=re.MULTILINE)
    if n != count:
        raise PostprocessError(f"{what}: expected {count} match(es) of {pattern!r}, found {n}")
    return new


def attribute_name(prop: str, siblings: Set[str]) -> str:
    """The generator's attribute name: snake_case, unless that clashes with a sibling's (``amount_`` beside
    ``amount``), in which case it keeps the name as written."""
    name = PythonIdentifier(prop, prefix="field_")
    clash = any(other != prop and PythonIdentifier(other, prefix="field_") == name for other in siblings)
    return PythonIdentifier(prop, prefix="field_", skip_snake_case=True) if clash and prop != name else name


def describe(text: str, name: str, description: str, what: str) -> str:
    """The docstring entry ``name (Type): ...`` (and its continuation lines) with ``description`` as its text,
    wrapped as the generator wraps: continuation lines indented four more spaces."""

    def entry(match: re.Match[str]) -> str:
        indent, head = match[1], f"{match[1]}{name} ({match[2]}): "
        wrapped = textwrap.wrap(head + description, width=120, subsequent_indent=indent + "    ")
        return "\n".join(wrapped) + "\n"

    return sub_exactly(rf"^( +){name} \(([^)]*)\): .*\n(?:\1    .*\n)*", entry, text, 1, what)


def patch_model(path: Path, fields: list[tuple[str, str, str | None]], siblings: Set[str] = frozenset()) -> None:
    text = path.read_text()
    imports: set[str] = set()
    for prop, fmt, description in fields:
        py_type, generated_type, _ = CONVERSIONS[fmt]
        imports.add(IMPORTS[fmt])
        name = attribute_name(prop, siblings)
        what = f"{path.name}:{name}"

        def retype(source: str, py_type: str = py_type, generated_type: str = generated_type) -> str:
            return re.sub(rf"\b{generated_type}\b", py_type, source)

        # The attribute, and any local of the same name in to_dict: `name: float | Unset = UNSET`.
        text, n = re.subn(rf"^ +{name}: [^=\n]+", lambda m: retype(m[0]), text, flags=re.MULTILINE)
        if n == 0:
            raise PostprocessError(f"{what}: no annotation found")
        # A nullable field's `_parse_name` helper, up to where its result is assigned: its signature and cast.
        text = re.sub(
            rf"^( +)def _parse_{name}\(data: object\).*?^ +{name} = ",
            lambda m: retype(m[0]),
            text,
            flags=re.MULTILINE | re.DOTALL,
        )
        # The docstring line: `name (float | Unset): ...`, with the field's own description when it has one.
        text = sub_exactly(rf"^( +{name} \()([^)]*)(\):)", lambda m: m[1] + retype(m[2]) + m[3], text, 1, what)
        if description is not None:
            text = describe(text, name, description, what)
    header, sep, rest = text.partition("\n\n")
    text = header + "\n" + "\n".join(sorted(imports)) + sep + rest
    path.write_text(text)


def patch_endpoint(path: Path) -> None:
    text = path.read_text()
    text = text.replace('_kwargs["json"] = body.to_dict()', '_kwargs["content"] = exact.dumps(body.to_dict())')
    text = text.replace("response.json()", "exact.loads(response.content)")
    # The request builder is public: the hand-written layer makes its requests with it.
    text = sub_exactly(r"\b_get_kwargs\(", "request_kwargs(", text, 3, f"{path.name}: _get_kwargs")
    if '_kwargs["json"]' in text or ".json()" in text:
        raise PostprocessError(f"{path}: a JSON body is still encoded or decoded by httpx")
    if "exact." in text:
        text = text.replace("from ... import errors", "from ... import errors, exact")
        if "import errors, exact" not in text:
            raise PostprocessError(f"{path}: cannot add the exact import")
    # Query parameters go to httpx only when one is given: an empty dict still makes httpx parse and rebuild the
    # URL to merge it in.
    if '        "params": params,\n' in text:
        text = sub_exactly(r'^        "params": params,\n', "", text, 1, "params in _kwargs")
        text = sub_exactly(
            r"^(    _kwargs: dict\[str, Any\] = \{\n(?:        .*\n)*    \}\n)",
            lambda m: m[1] + '    if params:\n        _kwargs["params"] = params\n',
            text,
            1,
            "the _kwargs dict",
        )
    # The URL joined to the client's base_url before httpx sees it (request_url, added to client.py).
    text = sub_exactly(
        r"^    response = client\.get_httpx_client\(\)\.request\(\n        \*\*kwargs,\n    \)\n",
        "    http = client.get_httpx_client()\n"
        '    kwargs["url"] = request_url(http, kwargs["url"])\n'
        "    response = http.request(**kwargs)\n",
        text,
        1,
        f"{path.name}: the sync request",
    )
    text = sub_exactly(
        r"^    response = await client\.get_async_httpx_client\(\)\.request\(\*\*kwargs\)\n",
        "    http = client.get_async_httpx_client()\n"
        '    kwargs["url"] = request_url(http, kwargs["url"])\n'
        "    response = await http.request(**kwargs)\n",
        text,
        1,
        f"{path.name}: the async request",
    )
    text = sub_exactly(
        r"^from \.\.\.client import AuthenticatedClient, Client$",
        "from ...client import AuthenticatedClient, Client, request_url",
        text,
        1,
        f"{path.name}: the client import",
    )
    path.write_text(text)


# httpx joins a relative URL to its client's base_url by parsing it, then rebuilding the base URL with the joined
# path, on every request (bench/floor.py times both). The endpoints give httpx the URL joined as text instead,
# the same URL httpx would make; an absolute URL is parsed once.
REQUEST_URL = '''

def request_url(http: httpx.Client | httpx.AsyncClient, url: str) -> str:
    """``url`` (an endpoint's path) joined to ``http``'s base_url, as httpx would join it."""
    base = http.base_url
    if base.query or base.fragment:
        return url  # an unusual base_url: httpx joins it its own way
    text = str(base)  # httpx keeps base_url's path ending in "/"; its text lacks it when the path is empty
    return (text if text.endswith("/") else text + "/") + url.lstrip("/")
'''


def patch_client(path: Path) -> None:
    path.write_text(path.read_text() + REQUEST_URL)


# The generator's sentinel is a plain class, so `x is not UNSET` narrows nothing under mypy or pyright and
# `if invoice.fee_usd is not UNSET: total += invoice.fee_usd` fails to type-check. A single-member enum is
# the sentinel both checkers narrow by identity; it stays falsy, and isinstance(x, Unset) keeps working.
UNSET_CLASS = """class Unset:
    def __bool__(self) -> Literal[False]:
        return False


UNSET: Unset = Unset()
"""
UNSET_ENUM = """class Unset(enum.Enum):
    \"\"\"The type of UNSET: a field the server left out (or an argument not given). Test it with ``is UNSET``.\"\"\"

    UNSET = "UNSET"

    def __bool__(self) -> Literal[False]:
        return False

    def __repr__(self) -> str:
        return "UNSET"


UNSET: Final = Unset.UNSET
"""


def patch_types(path: Path) -> None:
    text = sub_exactly(re.escape(UNSET_CLASS), lambda _: UNSET_ENUM, path.read_text(), 1, path.name)
    text = sub_exactly(r"^from typing import (.*)$", r"import enum\nfrom typing import Final, \1", text, 1, path.name)
    path.write_text(text)


_GUARDED = re.compile(r"^if TYPE_CHECKING:\n((?:    from \.\.models\.\w+ import \w+\n)+)", re.MULTILINE)
_LOCAL_IMPORT = re.compile(r"^ +(from \.\.models\.\w+ import \w+)  # noqa: PLC0415\n", re.MULTILINE)


def hoist_imports(models: Path) -> None:
    """Nested models are imported by the generator under TYPE_CHECKING, and again inside every from_dict and
    to_dict (an import statement per call, for each invoice of a list page). When the models do not
    import each other in a cycle, import them once at the top of the module instead."""
    texts = {path.stem: path.read_text() for path in sorted(models.glob("*.py")) if path.name != "__init__.py"}
    needs: dict[str, set[str]] = {}
    for stem, text in texts.items():
        guarded = _GUARDED.search(text)
        needs[stem] = set(re.findall(r"from \.\.models\.(\w+) import", guarded[1])) if guarded else set()
        local = set(re.findall(r"from \.\.models\.(\w+) import \w+  # noqa: PLC0415", text))
        if not local <= needs[stem]:
            raise PostprocessError(f"{stem}.py: imports {sorted(local - needs[stem])} in a function only")

    def visit(stem: str, path: tuple[str, ...]) -> None:
        if stem in path:
            raise PostprocessError(f"models import each other in a cycle: {' -> '.join((*path, stem))}")
        for other in needs[stem]:
            visit(other, (*path, stem))

    for stem in needs:
        visit(stem, ())
    for stem, text in texts.items():
        if needs[stem]:
            text = _GUARDED.sub(lambda m: m[1].replace("    from", "from"), text, count=1)
            text = _LOCAL_IMPORT.sub("", text)
            (models / f"{stem}.py").write_text(text)


_TYPE = r"[\w.]+(?:\[[\w., ]+\])?"
_CAST = re.compile(rf"\bcast\(({_TYPE}(?: \| {_TYPE})*), ")


def quote_casts(models: Path) -> None:
    """``cast(None | str | Unset, data)`` builds a union object on every call (a dozen times per
    invoice); the same type written as a string is left for the type checker alone."""
    for path in sorted(models.glob("*.py")):
        text = path.read_text()
        new = _CAST.sub(lambda m: f'cast("{m[1]}", ' if ("|" in m[1] or "[" in m[1]) else m[0], text)
        if new != text:
            path.write_text(new)


def main(spec_path: str, package_dir: str) -> None:
    spec = yaml.safe_load(Path(spec_path).read_text())
    package = Path(package_dir)
    shutil.copyfile(Path(__file__).with_name("exact.py"), package / "exact.py")
    # The spec travels with the code generated from it (cryptocloud.testing validates requests against it).
    shutil.copyfile(spec_path, package / "openapi.yaml")
    # The same as JSON, for the drift check (cryptocloud.drift), which must not need a YAML parser at run time.
    (package / "openapi.json").write_text(json.dumps(spec, ensure_ascii=False, default=str) + "\n", encoding="utf-8")
    (package / "py.typed").write_text("")
    patch_types(package / "types.py")
    patch_client(package / "client.py")

    by_schema: dict[str, list[tuple[str, str, str | None]]] = {}
    for schema, prop, fmt, description in converted_fields(spec):
        by_schema.setdefault(schema, []).append((prop, fmt, description))
    for schema, fields in sorted(by_schema.items()):
        siblings = set(properties(spec, spec["components"]["schemas"][schema]))
        patch_model(package / "models" / f"{snake_case(schema)}.py", fields, siblings)
    for endpoint in sorted((package / "api").rglob("*.py")):
        if endpoint.name != "__init__.py":
            patch_endpoint(endpoint)
    hoist_imports(package / "models")
    quote_casts(package / "models")
    write_decoders(package, lambda module: _json_keys(spec, module))
    # Every number in this API is money: a float left in a model means a schema this step did not understand.
    for model in sorted((package / "models").glob("*.py")):
        if re.search(r"^    \w+: .*\bfloat\b", model.read_text(), flags=re.MULTILINE):
            raise PostprocessError(f"{model.name}: a float attribute is left; give the number format: decimal")


def _json_keys(spec: dict[str, Any], module: str) -> dict[str, str] | None:
    """Attribute -> JSON key of the schema the model module ``module`` was generated from."""
    for name, schema in spec["components"]["schemas"].items():
        if snake_case(name) == module:
            props = properties(spec, schema)
            return {attribute_name(prop, set(props)): prop for prop in props}
    return None


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    try:
        main(sys.argv[1], sys.argv[2])
    except (PostprocessError, DecoderError) as exc:
        sys.exit(f"postprocess: {exc}")
