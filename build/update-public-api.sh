#!/usr/bin/env bash
# Updates the public API listing of Cadenza.Client (src/Cadenza.Client/PublicAPI.Unshipped.txt) after a spec
# or code change, then builds to confirm it matches. Generated code is part of the API.
# One build (both target frameworks, which have the same API) collects the analyzer's own diagnostics, whose
# messages carry each symbol exactly as the listing spells it:
#  - an addition (RS0016) gets its line, inserted where the analyzer's code fix would put it (case-insensitive
#    order; existing lines never move);
#  - a removal (RS0017): a removed shipped symbol gets a `*REMOVED*` line in Unshipped, a removed unshipped
#    symbol loses its line.
# Usage: build/update-public-api.sh [PACKAGE_DIR]     Exit 0 when the listing matches the code afterwards.
#   PACKAGE_DIR: the package's folder, src/Cadenza.Client by default (src/Cadenza.Client.Redis has a listing too).
set -uo pipefail
. "$(dirname "$0")/tools.sh"
export DOTNET_CLI_UI_LANGUAGE=en  # the diagnostics are read by their (English) message text

package_dir=${1:-src/Cadenza.Client}
package_dir=${package_dir%/}
project="$CADENZA_ROOT/$package_dir/$(basename "$package_dir").csproj"
unshipped="$CADENZA_ROOT/$package_dir/PublicAPI.Unshipped.txt"
[ -f "$project" ] || { echo "public API listing: FAILED — no project $project"; exit 1; }
fail() { echo "public API listing: FAILED — $*"; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$unshipped" "$work/before.txt"

build() {  # build LOG: both target frameworks; the compiler always runs, so every diagnostic is reported
  touch "$unshipped"  # an input of the compile step: an up-to-date build would report nothing
  dotnet build "$project" -tl:off -clp:NoSummary > "$1" 2>&1
}

build "$work/build.log"
first_build=$?
# "<file>(l,c): warning|error RS001x: Symbol '<symbol>' is … [<project>::TargetFramework=…]"
sed -n "s/^.*: \(error\|warning\) RS0016: Symbol '\(.*\)' is not part of the declared public API.*$/\2/p" "$work/build.log" |
  LC_ALL=C sort -u > "$work/added.txt"
sed -n "s/^.*PublicAPI\.\(Shipped\|Unshipped\)\.txt([0-9]*,[0-9]*): \(error\|warning\) RS0017: Symbol '\(.*\)' is part of the declared API.*$/\1\t\3/p" "$work/build.log" |
  LC_ALL=C sort -u > "$work/removed.tsv"

show_problems() { grep -E ': (error|warning) ' "$work/build.log" | sed 's/ \[[^]]*\]$//' | sort -u | head -n 40; }
if [ ! -s "$work/added.txt" ] && [ ! -s "$work/removed.tsv" ]; then
  [ "$first_build" -eq 0 ] || { show_problems; fail "the build fails, and not on the API listing (see above)"; }
  echo "public API listing: OK — already up to date"
  exit 0
fi

# Removals first: drop the unshipped ones; shipped ones become `*REMOVED*` lines, to be inserted like additions.
cp "$unshipped" "$work/listing.txt"
while IFS=$'\t' read -r listing symbol; do
  if [ "$listing" = "Shipped" ]; then
    grep -qxF -- "*REMOVED*$symbol" "$work/listing.txt" || printf '*REMOVED*%s\n' "$symbol" >> "$work/added.txt"
  else
    grep -vxF -- "$symbol" "$work/listing.txt" > "$work/kept.txt"; cp "$work/kept.txt" "$work/listing.txt"
  fi
done < "$work/removed.tsv"

# Insert each new line before the first existing line that sorts after it (ordinal, ignoring case, a leading `~`
# ignored), which is what the analyzer's code fix does; the new lines are merged in that order.
LC_ALL=C sort -u "$work/added.txt" | LC_ALL=C sort -f | grep -vxF -f "$work/listing.txt" > "$work/insert.txt"
LC_ALL=C awk '
  function key(s) { sub(/^~/, "", s); return toupper(s) }
  FILENAME == ARGV[1] { new[++n] = $0; next }
  { while (i < n && key(new[i + 1]) < key($0)) print new[++i]; print }
  END { while (i < n) print new[++i] }' "$work/insert.txt" "$work/listing.txt" > "$unshipped"

if ! build "$work/build.log"; then
  show_problems
  fail "the build still fails (see above)"
fi

added=$(diff "$work/before.txt" "$unshipped" | grep -c '^> ')
dropped=$(diff "$work/before.txt" "$unshipped" | grep -c '^< ')
if [ "$added" -eq 0 ] && [ "$dropped" -eq 0 ]; then
  echo "public API listing: OK — already up to date"
else
  echo "public API listing: updated — $added line(s) added, $dropped removed in $package_dir/PublicAPI.Unshipped.txt (review with git diff)"
fi
