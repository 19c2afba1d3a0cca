#!/usr/bin/env bash
# Spec lint: Redocly with build/redocly.yaml. Passes only with zero errors, zero warnings and nothing ignored.
# Usage: build/lint-spec.sh [SPEC]   (default: openapi/cadenza.yaml)
set -uo pipefail
. "$(dirname "$0")/tools.sh"
require_tool redocly || { echo "spec lint: FAILED (Redocly not installed)"; exit 1; }

spec="${1:-$CADENZA_ROOT/openapi/cadenza.yaml}"
config="$CADENZA_BUILD/redocly.yaml"
name="${spec#"$CADENZA_ROOT"/}"

errfile=$(mktemp)
json=$("$CADENZA_BIN/redocly" lint "$spec" --config "$config" --lint-config error --format=json 2>"$errfile")
totals=$(printf '%s' "$json" | node -e '
  let s = ""; process.stdin.on("data", d => s += d).on("end", () => {
    try { const t = JSON.parse(s).totals; console.log(`${t.errors} ${t.warnings} ${t.ignored}`); }
    catch { console.log("unreadable"); }
  });')
stderr=$(without_banners < "$errfile"); rm -f "$errfile"

if [ "$totals" = "unreadable" ]; then
  printf '%s\n' "$stderr" >&2
  echo "spec lint: FAILED (Redocly did not run: see above) — $name"
  exit 1
fi
read -r errors warnings ignored <<<"$totals"

if [ "$errors" -eq 0 ] && [ "$warnings" -eq 0 ] && [ "$ignored" -eq 0 ]; then
  echo "spec lint: OK — 0 errors, 0 warnings ($name, Redocly $("$CADENZA_BIN/redocly" --version 2>/dev/null | without_banners | tr -d '[:space:]'))"
  exit 0
fi

# Show the problems the readable way, then the verdict.
"$CADENZA_BIN/redocly" lint "$spec" --config "$config" --lint-config error --format=codeframe 2>&1 | without_banners
[ "$ignored" -gt 0 ] && echo "$ignored problem(s) hidden by a .redocly.lint-ignore.yaml: disable rules in build/redocly.yaml with a reason instead." >&2
echo "spec lint: FAILED — $errors error(s), $warnings warning(s), $ignored ignored ($name)"
exit 1
