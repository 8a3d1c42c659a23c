#!/usr/bin/env bash
# The main job: turn openapi/cryptocloud.yaml into generated/cryptocloud_client and verify it.
#
#   ./codegen.sh          validate the spec, write its OpenAPI 3.0 variant (build/openapi-3.0.yaml, git-ignored),
#                         generate into a temp dir, post-process (exact money, UTC times), mypy --strict the new
#                         package AND the hand-written layer (overrides/cryptocloud, the CLI included) against it,
#                         then replace generated/cryptocloud_client with the result, and build the
#                         self-contained HTML API reference into build/docs/ and the Python package's reference
#                         into build/reference/ (both git-ignored)
#   ./codegen.sh --check  the same into a temp dir only; fail naming every file that differs from generated/
#   --release             first set the spec's info.version by its rule, then all of the above, then release:
#                         the CHANGELOG entry, overrides/cryptocloud/_version.py by semver, and the new snapshot
#                         openapi/surface/VERSION.json (openapi/codegen/changes.py)
#   --base-spec FILE      compare the spec with FILE instead of the last release's
#   --diff REF            compare the spec with the one at git REF instead of the last release's
#
# Both end by printing what changed since the last release (its snapshot: the newest openapi/surface/*.json):
# the spec's operations, models, fields and enum values, and the Python package's public surface (the clients'
# methods and parameters, models' attributes, enums, errors, CLI commands and options), BREAKING ones marked,
# the version the spec's info.version should carry and the semver bump the package needs.
# Nothing under generated/ changes unless every step passed; when the hand-written layer no longer type-checks
# against the new generated code, mypy's lines name the file and line to fix, and the diff is still printed.
set -euo pipefail
cd "$(dirname "$0")"
root=$(pwd)

mode=write
release=false
base=()
usage="usage: ./codegen.sh [--check | --release] [--diff REF | --base-spec FILE]"
while [ $# -gt 0 ]; do
  case "$1" in
    --check) mode=check ;;
    --release) release=true ;;
    --diff) [ $# -ge 2 ] || { echo "$usage" >&2; exit 2; }; base=(--diff "$2"); shift ;;
    --base-spec) [ $# -ge 2 ] || { echo "$usage" >&2; exit 2; }; base=(--base-spec "$2"); shift ;;
    *) echo "$usage" >&2; exit 2 ;;
  esac
  shift
done
# A release is made against the last release, never against another base.
if [ "$release" = true ] && { [ "$mode" = check ] || [ ${#base[@]} -gt 0 ]; }; then echo "$usage" >&2; exit 2; fi

started=$EPOCHREALTIME
# shellcheck source=scripts/bootstrap.sh
source scripts/bootstrap.sh
if [ "$mode" = write ]; then
  # shellcheck source=scripts/npm-tools.sh
  source scripts/npm-tools.sh  # for the HTML reference; --check needs Python only
fi

spec=openapi/cryptocloud.yaml
target=generated/cryptocloud_client
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

step() { echo "codegen: $*" >&2; }

# The base of the spec diff: the last release's snapshot unless --diff REF or --base-spec FILE says otherwise.
changes_args=()
if [ "${base[0]:-}" = --diff ]; then
  ref=${base[1]}
  if ! git rev-parse --verify --quiet "$ref^{commit}" >/dev/null 2>&1 || ! git show "$ref:$spec" >"$work/base.yaml" 2>/dev/null; then
    step "no spec at git ref $ref here"; exit 2
  fi
  changes_args=(--base-spec "$work/base.yaml" --base-label "$ref ($(git rev-parse --short "$ref"))")
elif [ "${base[0]:-}" = --base-spec ]; then
  [ -f "${base[1]}" ] || { step "no such file: ${base[1]}"; exit 2; }
  changes_args=(--base-spec "${base[1]}")
fi

if [ "$release" = true ]; then
  step "setting the spec's info.version by what changed in it since the last release"
  python openapi/codegen/changes.py spec-version "${changes_args[@]}" | sed 's/^/codegen: /' >&2
fi

step "validating $spec"
if ! openapi-spec-validator "$spec" >"$work/validate.log" 2>&1; then
  cat "$work/validate.log" >&2
  step "the spec is invalid; $target left as it was"
  exit 1
fi

step "writing the OpenAPI 3.0 variant for 3.0-only tools (build/openapi-3.0.yaml)"
mkdir -p build
python openapi/codegen/down_convert.py "$spec" build/openapi-3.0.yaml
if ! openapi-spec-validator build/openapi-3.0.yaml >"$work/validate30.log" 2>&1; then
  cat "$work/validate30.log" >&2
  step "the 3.0 variant is invalid (openapi/codegen/down_convert.py); $target left as it was"
  exit 1
fi

step "generating (openapi-python-client $(openapi-python-client --version 2>/dev/null | awk '{print $NF}'))"
out="$work/generated/cryptocloud_client"
# Run from the temp dir so that the generator's ruff hooks never see a ruff config of this repo.
if ! (cd "$work" && openapi-python-client generate --path "$root/$spec" --config "$root/openapi/generator.yaml" \
      --meta none --output-path "$out" --fail-on-warning) >"$work/generate.log" 2>&1; then
  cat "$work/generate.log" >&2
  step "generation failed; $target left as it was"
  exit 1
fi

step "post-processing (Decimal money, UTC datetimes)"
python openapi/codegen/postprocess.py "$spec" "$out"
(cd "$out" \
  && ruff check --no-cache --isolated --target-version py311 --select F,I,UP --fix-only --quiet . \
  && ruff format --no-cache --isolated --target-version py311 --line-length 120 --quiet .)

if [ "$mode" = check ]; then
  if diff -rq "$target" "$out" >"$work/diff.log" 2>&1; then
    step "generated/ is a fresh regen of the spec"
  else
    sed -e "s|$out|<fresh regen>|g" "$work/diff.log" >&2
    step "generated/ differs from a fresh regen of $spec: run ./codegen.sh (never edit generated/ by hand)"
    exit 1
  fi
else
  # The new package and the hand-written layer together, from the temp dir: pyproject's mypy_path (generated,
  # overrides) then finds the NEW generated tree there, before the editable install's .pth (the checkout's
  # generated/); overrides/ is this checkout's, linked in, so that mypy names its files as the repo does.
  step "type-checking the new package and the hand-written layer against it (mypy --strict)"
  ln -s "$root/overrides" "$work/overrides"
  if ! (cd "$work" && mypy --config-file "$root/pyproject.toml" --cache-dir "$root/.venv/.mypy-codegen" \
        generated/cryptocloud_client overrides/cryptocloud) >"$work/mypy.log" 2>&1; then
    grep -v '^Found [0-9]* error' "$work/mypy.log" >&2 || true
    if grep -q '^generated/' "$work/mypy.log"; then
      guard="mypy failed on the generated package"
    else
      guard="the hand-written layer no longer fits the new generated code: fix the lines above (or the spec)"
    fi
    step "$guard; $target left as it was"
  else
    guard=""
    rm -rf "$target"
    mkdir -p "$(dirname "$target")"
    cp -R "$out" "$target"

    step "building the HTML API reference (build/docs/index.html, Redoc inlined: no CDN needed)"
    scripts/build-docs.sh build/docs/index.html >"$work/docs.log" 2>&1 || {
      cat "$work/docs.log" >&2; step "building the HTML reference failed"; exit 1; }

    step "building the Python package's reference (build/reference/index.html, pdoc, from the code's docstrings)"
    PYTHONPATH="$root/generated:$root/overrides" python scripts/build_reference.py build/reference >"$work/reference.log" 2>&1 || {
      cat "$work/reference.log" >&2; step "building the Python reference failed"; exit 1; }
  fi
fi

# Summary: what the spec became.
operations=$(grep -rl '^def sync_detailed' "$out/api" | wc -l)
enums=$(grep -rlE '^class \w+\((str, )?Enum|StrEnum\)' "$out/models" | wc -l)
models=$(grep -rl '^@_attrs_define' "$out/models" | wc -l)
files=$(find "$out" -type f -name '*.py' | wc -l)
seconds=$(awk "BEGIN {print $EPOCHREALTIME - $started}")
printf 'codegen: %s operations, %s models, %s enums, %s Python files, %.1f s\n' \
  "$operations" "$models" "$enums" "$files" "$seconds"

# What changed since the last release, judged on the NEW generated tree with this checkout's hand-written layer.
action=report
if [ "$release" = true ] && [ -z "${guard:-}" ]; then action=release; fi
step "what changed since the last release (openapi/codegen/changes.py $action):"
status=0
PYTHONPATH="$work/generated:$root/overrides" python openapi/codegen/changes.py "$action" "${changes_args[@]}" || status=$?
if [ -n "${guard:-}" ]; then
  step "$guard"
  exit 1
fi
exit "$status"
