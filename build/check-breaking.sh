#!/usr/bin/env bash
# Breaking-change check: Optic diff of the spec against the released one. Fails on a breaking change
# that openapi/breaking-changes.md does not acknowledge (with a reason).
#
# Usage: build/check-breaking.sh [--base FILE [--base-name TEXT]] [SPEC]
#   SPEC         the spec to check (default: openapi/cadenza.yaml)
#   --base FILE  compare against FILE instead of the git baseline, which is openapi/cadenza.yaml
#                as of the last `v*` tag, or of the first commit that has it when there is no tag yet
#   --ack FILE   the acknowledgements (default: openapi/breaking-changes.md)
# Exit: 0 no breaking change, or all acknowledged; 1 an unacknowledged breaking change; 2 the check could not run.
set -uo pipefail
. "$(dirname "$0")/tools.sh"

ack_file="$CADENZA_ROOT/openapi/breaking-changes.md"
base="" base_name="" spec="$CADENZA_ROOT/openapi/cadenza.yaml"
while [ $# -gt 0 ]; do
  case "$1" in
    --base) base="$2"; shift 2 ;;
    --base-name) base_name="$2"; shift 2 ;;
    --ack) ack_file="$2"; shift 2 ;;
    -h|--help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) spec="$1"; shift ;;
  esac
done
fail() { echo "breaking-change check: FAILED — $*"; exit 2; }

require_tool optic || fail "Optic is not installed"
[ -f "$spec" ] || fail "no spec at $spec"
spec="$(cd "$(dirname "$spec")" && pwd)/$(basename "$spec")"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The baseline.
if [ -n "$base" ]; then
  [ -f "$base" ] || fail "no baseline spec at $base"
  cp "$base" "$work/baseline.yaml"
  base_name="${base_name:-$base}"
  base_file="$base_name"
else
  git -C "$CADENZA_ROOT" rev-parse --git-dir >/dev/null 2>&1 || {
    echo "breaking-change check: OK — not a git checkout, so there is no released spec to compare with"; exit 0; }
  if tag=$(git -C "$CADENZA_ROOT" describe --tags --abbrev=0 --match 'v*' 2>/dev/null); then
    rev="$tag"; base_name="$tag (last release tag)"; base_file="$tag:openapi/cadenza.yaml"
  elif [ "$(git -C "$CADENZA_ROOT" rev-parse --is-shallow-repository)" = "true" ]; then
    fail "shallow clone without a v* tag: the first commit of openapi/cadenza.yaml is not known. Run 'git fetch --unshallow' (or clone with full history)"
  else
    rev=$(git -C "$CADENZA_ROOT" log --diff-filter=A --format=%H -- openapi/cadenza.yaml | tail -n 1)
    if [ -z "$rev" ]; then
      echo "breaking-change check: OK — openapi/cadenza.yaml has no commit yet, so there is nothing released to break"; exit 0
    fi
    short=$(git -C "$CADENZA_ROOT" rev-parse --short "$rev")
    base_name="$short (first commit of the spec; no v* tag yet)"; base_file="$short:openapi/cadenza.yaml"
  fi
  git -C "$CADENZA_ROOT" show "$rev:openapi/cadenza.yaml" > "$work/baseline.yaml" 2>"$work/git.err" ||
    fail "cannot read openapi/cadenza.yaml at $rev: $(cat "$work/git.err")"
fi

# Optic writes ci-run-details.json into the current folder when CI=true: keep it out of the repository.
(cd "$work" && NO_COLOR=1 "$CADENZA_BIN/optic" diff "$work/baseline.yaml" "$spec" --check > "$work/optic.out" 2>&1)
optic_status=$?
grep -v -e '^Rerun this command with the --web flag' -e '^Preview docs:' "$work/optic.out" | sed "s|$work/baseline.yaml|$base_file|g"

# Each breaking change as "METHOD /path: message", the form openapi/breaking-changes.md lists them in.
awk '
  /^[^ ].* \/[^ ]*: ?/ && match($0, /(GET|PUT|POST|DELETE|PATCH|HEAD|OPTIONS|TRACE) [^ :]+/) { op = substr($0, RSTART, RLENGTH) }
  /This is a breaking change\.$/ {
    line = $0; sub(/^ *x \[[^]]*\] /, "", line); sub(/\. This is a breaking change\.$/, "", line)
    print (op == "" ? "(spec)" : op) ": " line
  }' "$work/optic.out" | sort -u > "$work/breaking.txt"

if [ "$optic_status" -ne 0 ] && [ ! -s "$work/breaking.txt" ]; then
  fail "Optic could not compare the specs (exit $optic_status, see above)"
fi
if [ "$optic_status" -eq 0 ] && [ ! -s "$work/breaking.txt" ]; then
  echo "breaking-change check: OK — no breaking change vs $base_name"
  exit 0
fi

# Acknowledgements: "- `METHOD /path: message` — reason" lines; "METHOD /path: *" covers a whole operation.
if [ -f "$ack_file" ]; then
  sed -n 's/^- `\([^`]*\)`[[:space:]]*\(.*\)$/\1\t\2/p' "$ack_file" > "$work/acks.tsv"
else
  : > "$work/acks.tsv"
fi

unacknowledged=()
echo
echo "Breaking changes vs $base_name:"
while IFS= read -r change; do
  reason="" listed=""
  while IFS=$'\t' read -r ack why || [ -n "$ack" ]; do
    op="${change%%: *}"
    if [ "$ack" = "$change" ] || [ "$ack" = "$op: *" ]; then
      listed=yes
      reason=$(printf '%s' "$why" | sed 's/^[-—–:[:space:]]*//')
      [ -n "$reason" ] && break
    fi
  done < "$work/acks.tsv"
  if [ -n "$reason" ]; then
    echo "  acknowledged: $change — $reason"
  else
    echo "  NOT acknowledged: $change${listed:+ (listed without a reason)}"
    unacknowledged+=("$change")
  fi
done < "$work/breaking.txt"

total=$(wc -l < "$work/breaking.txt" | tr -d ' ')
if [ "${#unacknowledged[@]}" -eq 0 ]; then
  echo "breaking-change check: OK — $total breaking change(s) vs $base_name, all acknowledged in ${ack_file#"$CADENZA_ROOT"/}"
  exit 0
fi
echo "To accept a change on purpose, list it in ${ack_file#"$CADENZA_ROOT"/} as: - \`<change as printed above>\` — <why>"
more=$(( ${#unacknowledged[@]} - 1 ))
echo "breaking-change check: FAILED — breaking change vs $base_name: ${unacknowledged[0]}$([ "$more" -gt 0 ] && echo " (and $more more)")"
exit 1
