#!/usr/bin/env bash
# Imports a newer upstream Cadenza spec: keeps the Authentication tag's operations and every component they
# reference, writes openapi/cadenza.yaml, and prints the breaking-change report against the previous version.
#
# Usage: build/import-spec.sh UPSTREAM_SPEC   (a file: YAML or JSON, OpenAPI 3.0)
# Exit: 0 imported, nothing breaks; 2 imported, but it breaks existing callers (report above; see
#       openapi/breaking-changes.md); 1 nothing written (bad input or tools missing).
# Then: `dotnet build` regenerates the client; update the public API listing as the README says.
set -uo pipefail
. "$(dirname "$0")/tools.sh"

fail() { echo "spec import: FAILED — $*"; exit 1; }
[ $# -eq 1 ] || { sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 1; }
upstream="$1"
target="$CADENZA_ROOT/openapi/cadenza.yaml"
[ -f "$upstream" ] || fail "no such file: $upstream"
require_tool redocly || fail "Redocly is not installed"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

counts() {  # "<operations> <schemas>" of a spec
  "$CADENZA_BIN/redocly" stats "$1" --format json 2>/dev/null |
    node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{try{const j=JSON.parse(s);console.log(j.operations.total, j.schemas.total)}catch{console.log("? ?")}})'
}

"$CADENZA_BIN/redocly" bundle "$upstream" \
    --config "$CADENZA_BUILD/import-spec.redocly.yaml" --overlay "$CADENZA_BUILD/import-spec.overlay.yaml" \
    --lint-config error -o "$work/cadenza.yaml" > "$work/bundle.log" 2>&1 ||
  { without_banners < "$work/bundle.log"; fail "Redocly could not bundle $upstream"; }
[ -s "$work/cadenza.yaml" ] || fail "Redocly wrote nothing for $upstream"
grep -q '^paths:' "$work/cadenza.yaml" && grep -Eq '^  /' "$work/cadenza.yaml" ||
  fail "$upstream has no operation tagged Authentication"

read -r up_ops up_schemas <<<"$(counts "$upstream")"
read -r ops schemas <<<"$(counts "$work/cadenza.yaml")"

cp "$target" "$work/previous.yaml" 2>/dev/null || : > "$work/previous.yaml"
cp "$work/cadenza.yaml" "$target"
echo "Wrote openapi/cadenza.yaml: $ops of $up_ops operations (tag Authentication), $schemas of $up_schemas schemas (those referenced)."
echo

"$CADENZA_BUILD/lint-spec.sh" "$target"  # for information: CI fails on it later if the upstream spec has problems
echo

if [ ! -s "$work/previous.yaml" ]; then
  echo "spec import: OK — no previous spec to compare with"
  exit 0
fi
"$CADENZA_BUILD/check-breaking.sh" --base "$work/previous.yaml" --base-name "the previous openapi/cadenza.yaml" "$target"
status=$?
echo
if [ "$status" -eq 0 ]; then
  echo "spec import: OK — openapi/cadenza.yaml updated; next: dotnet build, then update the public API listing (README)"
  exit 0
fi
echo "spec import: DONE, BUT IT BREAKS EXISTING CALLERS — openapi/cadenza.yaml updated; see the report above"
exit 2
