#!/usr/bin/env bash
# Imports an upstream Cadenza OpenAPI document: checks it in verbatim as openapi/upstream/cadenza-v3.yaml and
# derives openapi/cadenza.yaml from it by the import rules (build/import-spec.redocly.yaml, each with its reason;
# code in build/import-spec.rules.js), then lints the result and reports breaking changes against the previous one.
#
# Usage: build/import-spec.sh [UPSTREAM_SPEC]   import a new upstream revision (a file: YAML or JSON, OpenAPI 3.0)
#        build/import-spec.sh                   re-derive openapi/cadenza.yaml from the checked-in upstream file
#        build/import-spec.sh --check           exit 1 unless that re-derivation gives openapi/cadenza.yaml byte for byte
# Exit: 0 imported, nothing breaks callers; 2 imported, but it breaks existing callers (report above; acknowledge
#       in openapi/breaking-changes.md); 1 nothing written (bad input, a rule refused it, or a tool failed).
# Then: `dotnet build` regenerates the client; `build/update-public-api.sh` records the C# API change.
set -uo pipefail
. "$(dirname "$0")/tools.sh"

fail() { echo "spec import: FAILED — $*"; exit 1; }
checked_in="$CADENZA_ROOT/openapi/upstream/cadenza-v3.yaml"
target="$CADENZA_ROOT/openapi/cadenza.yaml"
mode=import upstream="$checked_in"
case "${1:-}" in
  -h|--help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
  --check) mode=check ;;
  "") ;;
  *) upstream="$1" ;;
esac
[ $# -le 1 ] || fail "one upstream file at most (see --help)"
[ -f "$upstream" ] || fail "no such file: $upstream"
require_tool redocly || fail "Redocly is not installed"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
config="$CADENZA_BUILD/import-spec.redocly.yaml"

bundle() {  # bundle IN OUT: applies the import rules
  "$CADENZA_BIN/redocly" bundle "$1" --config "$config" --lint-config off -o "$2" > "$work/bundle.log" 2>&1 && [ -s "$2" ] || {
    without_banners < "$work/bundle.log" | grep -v -e '^bundling ' -e '^$' >&2
    refusal=$(sed -n 's/^.*import rule: //p' "$work/bundle.log" | head -n 1)
    [ -z "$refusal" ] || fail "an import rule refused $upstream: $refusal"
    fail "the import rules could not be applied to $upstream (see above)"
  }
}

# Pass 1: every rule but the example clean-up. Pass 2: the same rules on the upstream document, now also dropping
# the examples that Redocly's example rules reject in pass 1's result (so the two passes agree on every pointer).
: > "$work/invalid-examples.txt"
CADENZA_INVALID_EXAMPLES="" bundle "$upstream" "$work/pass1.yaml"
# A REST operation is a path under `paths:` (the WebSocket one has moved to x-websocket-api, at the same indentation).
awk '/^paths:/ { p = 1; next } /^[^ ]/ { p = 0 } p && /^  \// { found = 1 } END { exit !found }' "$work/pass1.yaml" ||
  fail "$upstream has no REST operation"
"$CADENZA_BIN/redocly" lint "$work/pass1.yaml" --config "$CADENZA_BUILD/redocly.yaml" --format=json --max-problems 100000 \
    > "$work/lint.json" 2> "$work/lint.err"
node -e '
  const problems = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).problems;
  const pointers = problems.filter(p => /^no-invalid-(schema|media-type)-examples$/.test(p.ruleId)).map(p => p.location[0].pointer);
  console.log([...new Set(pointers)].join("\n"));' "$work/lint.json" > "$work/invalid-examples.txt" 2>> "$work/lint.err" ||
  { without_banners < "$work/lint.err" >&2; fail "Redocly could not lint the imported document"; }
CADENZA_INVALID_EXAMPLES="$work/invalid-examples.txt" bundle "$upstream" "$work/cadenza.yaml"

if [ "$mode" = check ]; then
  if cmp -s "$work/cadenza.yaml" "$target"; then
    echo "spec import check: OK — openapi/cadenza.yaml is exactly what the import rules make of openapi/upstream/cadenza-v3.yaml"
    exit 0
  fi
  diff -u "$target" "$work/cadenza.yaml" | head -n 40
  fail "openapi/cadenza.yaml differs from the import of openapi/upstream/cadenza-v3.yaml (above, first 40 lines): never edit it by hand; run build/import-spec.sh"
fi

counts() {  # "<operations> <schemas>" of a spec
  "$CADENZA_BIN/redocly" stats "$1" --format json 2>/dev/null |
    node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{try{const j=JSON.parse(s);console.log(j.operations.total, j.schemas.total)}catch{console.log("? ?")}})'
}
read -r up_ops up_schemas <<<"$(counts "$upstream")"
read -r ops schemas <<<"$(counts "$work/cadenza.yaml")"
dropped=$(grep -c . "$work/invalid-examples.txt")

"$CADENZA_BUILD/lint-spec.sh" "$work/cadenza.yaml"  # for information: CI fails on it later if the rules leave a problem
echo

# The breaking-change report, before anything is written: a tool that fails leaves both files as they were.
status=0
if [ -f "$target" ]; then
  "$CADENZA_BUILD/check-breaking.sh" --base "$target" --base-name "the previous openapi/cadenza.yaml" "$work/cadenza.yaml"
  status=$?
  echo
  [ "$status" -le 1 ] || fail "the breaking-change check could not run (see above); nothing was written"
fi

mkdir -p "$(dirname "$checked_in")"
[ "$upstream" -ef "$checked_in" ] || cp "$upstream" "$checked_in"
cp "$work/cadenza.yaml" "$target"
echo "Wrote openapi/upstream/cadenza-v3.yaml (verbatim) and openapi/cadenza.yaml: $ops REST operations of $up_ops, $schemas of $up_schemas schemas; $dropped invalid example(s) dropped."
if [ "$status" -eq 0 ]; then
  echo "spec import: OK — next: dotnet build, then build/update-public-api.sh"
  exit 0
fi
echo "spec import: DONE, BUT IT BREAKS EXISTING CALLERS — see the report above; acknowledge each change in openapi/breaking-changes.md with a reason"
exit 2
