#!/usr/bin/env bash
# Updates the public API listing of Cadenza.Client (src/Cadenza.Client/PublicAPI.Unshipped.txt) after a spec
# or code change, then builds to confirm it matches. Generated code is part of the API.
#  - additions (RS0016): the analyzer's own code fix, run by `dotnet format ... --include-generated`;
#  - removals (RS0017) have no code fix (the diagnostic sits in the listing, not in code): a removed
#    shipped symbol gets a `*REMOVED*` line in Unshipped, a removed unshipped symbol loses its line.
# Usage: build/update-public-api.sh [PACKAGE_DIR]     Exit 0 when the listing matches the code afterwards.
#   PACKAGE_DIR: the package's folder, src/Cadenza.Client by default (src/Cadenza.Client.Redis has a listing too).
set -uo pipefail
. "$(dirname "$0")/tools.sh"

package_dir=${1:-src/Cadenza.Client}
package_dir=${package_dir%/}
project="$CADENZA_ROOT/$package_dir/$(basename "$package_dir").csproj"
unshipped="$CADENZA_ROOT/$package_dir/PublicAPI.Unshipped.txt"
[ -f "$project" ] || { echo "public API listing: FAILED — no project $project"; exit 1; }
fail() { echo "public API listing: FAILED — $*"; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$unshipped" "$work/before.txt"

dotnet format analyzers "$project" --diagnostics RS0016 --severity info --include-generated > "$work/format.log" 2>&1 ||
  { cat "$work/format.log"; fail "dotnet format could not run"; }

dotnet build "$project" > "$work/build.log" 2>&1
sed -n "s/^.*PublicAPI\.\(Shipped\|Unshipped\)\.txt([0-9]*,[0-9]*): \(error\|warning\) RS0017: Symbol '\(.*\)' is part of the declared API.*$/\1\t\3/p" "$work/build.log" |
  sort -u > "$work/removed.tsv"
while IFS=$'\t' read -r listing symbol; do
  if [ "$listing" = "Shipped" ]; then
    grep -qxF -- "*REMOVED*$symbol" "$unshipped" || printf '*REMOVED*%s\n' "$symbol" >> "$unshipped"
  else
    grep -vxF -- "$symbol" "$unshipped" > "$work/unshipped.txt"; cp "$work/unshipped.txt" "$unshipped"
  fi
done < "$work/removed.tsv"

if ! dotnet build "$project" > "$work/build.log" 2>&1; then
  grep -E 'error|warning' "$work/build.log" | sort -u | head -n 40
  fail "the build still fails (see above)"
fi

added=$(diff "$work/before.txt" "$unshipped" | grep -c '^> ')
dropped=$(diff "$work/before.txt" "$unshipped" | grep -c '^< ')
if [ "$added" -eq 0 ] && [ "$dropped" -eq 0 ]; then
  echo "public API listing: OK — already up to date"
else
  echo "public API listing: updated — $added line(s) added, $dropped removed in $package_dir/PublicAPI.Unshipped.txt (review with git diff)"
fi
