#!/usr/bin/env bash
# Cold start of `cadenza token` with a fresh stored token (no network call), against a hello-world `dotnet`
# console app, measured side by side in one run so machine load hits both alike.
#  1. packs the tool as shipped (Release, ReadyToRun for this machine's runtime) into a local feed and installs it
#     with `dotnet tool install --tool-path`;
#  2. publishes a hello-world console app (framework-dependent, like the tool);
#  3. signs up and logs in against `cadenza emulator`, then stops the emulator: `cadenza token` must answer
#     from the session file alone (a network call would fail);
#  4. runs the two in turns, RUNS times each (after 3 warm-up runs of each), and prints both medians and the ratio.
# Usage: build/measure-cold-start.sh [RUNS]      (default 30)
set -euo pipefail
. "$(dirname "$0")/tools.sh"

runs=${1:-30}
work=$(mktemp -d)
packages="${NUGET_PACKAGES:-$HOME/.nuget/packages}"
emulator_pid=""
version="0.0.0-coldstart.$(date -u +%Y%m%d%H%M%S).$$"
cleanup() {
  [ -n "$emulator_pid" ] && kill "$emulator_pid" 2>/dev/null && wait "$emulator_pid" 2>/dev/null
  # This run's packages must never be found again by a later restore.
  rm -rf "$packages/cadenza/$version" "$packages"/cadenza.*/"$version"
  rm -rf "$work"
}
trap cleanup EXIT
quietly() { "$@" > "$work/step.log" 2>&1 || { cat "$work/step.log" >&2; echo "measure-cold-start: '$*' failed" >&2; exit 1; }; }

rid=$(dotnet --info | awk '/^ *RID:/ { print $2; exit }')
echo "Packing the tool ($version, ReadyToRun for $rid) and a hello-world app..."
quietly dotnet pack "$CADENZA_ROOT/src/Cadenza.Cli/Cadenza.Cli.csproj" -c Release -o "$work/feed" -p:MinVerVersionOverride="$version" -p:CadenzaToolRuntimes="$rid"
quietly dotnet tool install cadenza --tool-path "$work/tool" --version "$version" --add-source "$work/feed"
cadenza="$work/tool/cadenza"
[ -d "$work/tool/.store/cadenza/$version/cadenza.$rid" ] || { echo "the installed tool is not the ReadyToRun package cadenza.$rid" >&2; exit 1; }

mkdir -p "$work/hello"
cat > "$work/hello/hello.csproj" <<'EOF'
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><OutputType>Exe</OutputType><TargetFramework>net10.0</TargetFramework></PropertyGroup>
</Project>
EOF
echo 'System.Console.WriteLine("Hello, World!");' > "$work/hello/Program.cs"
echo '<Project />' > "$work/Directory.Build.props"
echo '<Project />' > "$work/Directory.Build.targets"
echo '<Project />' > "$work/Directory.Packages.props"
quietly dotnet publish "$work/hello/hello.csproj" -c Release -o "$work/hello/out"
hello="$work/hello/out/hello"

echo "Signing in against the emulator, then stopping it..."
export CADENZA_SESSION_FILE="$work/session.json" CADENZA_PASSWORD="cold-start-password-1"
port=$(free_port)
"$cadenza" emulator --port "$port" > "$work/emulator.log" 2>&1 &
emulator_pid=$!
wait_for_port "$port" 60 "$emulator_pid" || { cat "$work/emulator.log" >&2; echo "the emulator did not start" >&2; exit 1; }
export CADENZA_BASE_URL="http://127.0.0.1:$port/"
quietly "$cadenza" signup --email cold@example.com
quietly "$cadenza" login --email cold@example.com
kill "$emulator_pid"; wait "$emulator_pid" 2>/dev/null || true; emulator_pid=""
token=$("$cadenza" token) || { echo "cadenza token failed with the emulator stopped: it is not answering from the session file" >&2; exit 1; }
[[ "$token" == eyJ* ]] || { echo "cadenza token printed no token" >&2; exit 1; }

# One line per run: wall-clock and CPU (user + system) milliseconds, from bash's own `time`.
measure() {
  local TIMEFORMAT='%3R %3U %3S'
  { time "$@" > /dev/null; } 2>&1 | awk '{ printf "%d %d\n", $1 * 1000, ($2 + $3) * 1000 }'
}
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

for _ in 1 2 3; do "$hello" > /dev/null; "$cadenza" token > /dev/null; done
: > "$work/hello.ms"; : > "$work/cadenza.ms"
for ((i = 0; i < runs; i++)); do
  measure "$hello" >> "$work/hello.ms"
  measure "$cadenza" token >> "$work/cadenza.ms"
done

hello_wall=$(cut -d' ' -f1 "$work/hello.ms" | median); hello_cpu=$(cut -d' ' -f2 "$work/hello.ms" | median)
cadenza_wall=$(cut -d' ' -f1 "$work/cadenza.ms" | median); cadenza_cpu=$(cut -d' ' -f2 "$work/cadenza.ms" | median)
echo "Cold start, median of $runs runs each, in turns ($(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)):"
echo "                                     wall      CPU (user+sys)"
printf '  hello world (dotnet console app) %6s ms %9s ms\n' "$hello_wall" "$hello_cpu"
printf '  cadenza token (fresh token)      %6s ms %9s ms\n' "$cadenza_wall" "$cadenza_cpu"
awk -v a="$cadenza_wall" -v b="$hello_wall" -v c="$cadenza_cpu" -v d="$hello_cpu" \
  'BEGIN { printf "  ratio cadenza token / hello world: %.2f wall, %.2f CPU (target: wall <= 3)\n", a / b, c / d }'
