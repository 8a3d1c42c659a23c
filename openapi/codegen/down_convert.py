"""Write the OpenAPI 3.0.3 variant of the spec, for tools that read only 3.0 (codegen.sh builds it into build/).

What 3.1 says that 3.0 cannot, and what the variant says instead:
- ``webhooks`` (the postback)              -> ``x-webhooks`` (Redoc reads it; other 3.0 tools skip it)
- ``type: [X, "null"]``                    -> ``type: X, nullable: true``
- ``anyOf: [A, {type: "null"}]``           -> ``allOf: [A], type: <A's type>, nullable: true`` (3.0.3: ``nullable``
                                              needs a ``type`` beside it)
- ``exclusiveMinimum: 0`` (a number)       -> ``minimum: 0, exclusiveMinimum: true``
- schema ``examples: [...]``               -> ``example: <the first>``
- ``$ref`` beside other keywords           -> ``allOf: [$ref]`` beside them (3.0 ignores siblings of ``$ref``)
- ``info.summary``, ``license.identifier`` -> the summary leads the description; the SPDX id becomes a license url

Usage: down_convert.py SPEC OUT
"""

from __future__ import annotations

import copy
import sys
from pathlib import Path
from typing import Any

import yaml

NULL = {"type": "null"}


def type_of(node: dict[str, Any], named: dict[str, Any]) -> Any:
    """The JSON type a schema declares, through ``$ref`` and ``allOf`` (None when it declares none)."""
    if "$ref" in node:
        return type_of(named[node["$ref"].rsplit("/", 1)[1]], named)
    if "type" in node:
        return node["type"]
    return next((t for t in (type_of(s, named) for s in node.get("allOf", ())) if t is not None), None)


def schema(node: Any, named: dict[str, Any]) -> Any:
    """One schema, converted (a new object; the input is left as it was)."""
    if not isinstance(node, dict):
        return node
    node = {k: v for k, v in node.items()}
    if "$ref" in node and len(node) > 1:
        node = {"allOf": [{"$ref": node.pop("$ref")}], **node}
    declared = node.get("type")
    if isinstance(declared, list):
        kinds = [t for t in declared if t != "null"]
        if len(kinds) != 1:
            raise ValueError(f"a type list other than [X, null] has no 3.0 form: {declared}")
        node["type"] = kinds[0]
        if "null" in declared:
            node["nullable"] = True
    for union in ("anyOf", "oneOf"):
        if NULL in node.get(union, ()):
            rest = [b for b in node.pop(union) if b != NULL]
            node["nullable"] = True
            if len(rest) == 1 and "allOf" not in node:
                node["allOf"] = rest
                node.setdefault("type", type_of(rest[0], named))
            else:
                node[union] = rest
    for bound in ("exclusiveMinimum", "exclusiveMaximum"):
        if isinstance(node.get(bound), int | float) and not isinstance(node[bound], bool):
            node[bound.replace("exclusiveM", "m")] = node[bound]
            node[bound] = True
    if isinstance(node.get("examples"), list):
        examples = node.pop("examples")
        if examples:
            node["example"] = examples[0]
    for key in ("allOf", "anyOf", "oneOf"):
        if key in node:
            node[key] = [schema(s, named) for s in node[key]]
    for key in ("items", "not"):
        if key in node:
            node[key] = schema(node[key], named)
    if isinstance(node.get("additionalProperties"), dict):
        node["additionalProperties"] = schema(node["additionalProperties"], named)
    if "properties" in node:
        node["properties"] = {name: schema(s, named) for name, s in node["properties"].items()}
    return node


def schemas_outside_components(node: Any, named: dict[str, Any]) -> None:
    """Convert, in place, every ``schema`` of parameters and media types (paths, webhooks, components)."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "schema" and isinstance(value, dict):
                node[key] = schema(value, named)
            else:
                schemas_outside_components(value, named)
    elif isinstance(node, list):
        for item in node:
            schemas_outside_components(item, named)


def convert(spec: dict[str, Any]) -> dict[str, Any]:
    out = copy.deepcopy(spec)
    out["openapi"] = "3.0.3"
    info = out["info"]
    summary = info.pop("summary", None)
    if summary:
        info["description"] = f"{summary}\n\n{info.get('description', '')}".rstrip() + "\n"
    spdx = info.get("license", {}).pop("identifier", None)
    if spdx:
        info["license"].setdefault("url", f"https://spdx.org/licenses/{spdx}.html")
    if "webhooks" in out:
        out["x-webhooks"] = out.pop("webhooks")
    components = out.get("components", {})
    named = spec.get("components", {}).get("schemas", {})
    components["schemas"] = {name: schema(s, named) for name, s in named.items()}
    for section in ("paths", "x-webhooks"):
        schemas_outside_components(out.get(section, {}), named)
    for section in ("responses", "parameters", "requestBodies"):
        schemas_outside_components(components.get(section, {}), named)
    return out


def main(spec_path: str, out_path: str) -> None:
    spec = yaml.safe_load(Path(spec_path).read_text())
    out = Path(out_path)
    out.parent.mkdir(parents=True, exist_ok=True)
    header = f"# Generated from {spec_path} by openapi/codegen/down_convert.py for OpenAPI 3.0 tools: do not edit.\n"
    out.write_text(header + yaml.safe_dump(convert(spec), sort_keys=False, allow_unicode=True, width=120))


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
