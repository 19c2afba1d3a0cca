#!/usr/bin/env bash
# Pack smoke test: the NuGet packages as a user gets them, with no project reference anywhere.
#  1. packs Cadenza.Client, Cadenza.Client.Redis and the `cadenza` tool, with a version of their own, into a
#     local folder feed, and checks what a package must carry (both TFMs, XML docs, README, license, repository, symbols);
#  2. installs the tool from that feed (dotnet tool install --tool-path) and starts `cadenza emulator`;
#  3. creates a fresh console project that adds Cadenza.Client from the feed, and runs a program that
#     signs up, logs in and calls GetUserAsync through CadenzaSession against that emulator, then shares the
#     session through a RedisSessionStore on a redis-server it starts (skipped without redis-server, except on CI);
#  4. runs `cadenza demo`.
# Usage: build/pack-smoke.sh     Exit 0 when all of that worked.
set -uo pipefail
. "$(dirname "$0")/tools.sh"

step_timeout=300
fail() { echo "pack smoke: FAILED — $*"; exit 1; }
run() {  # run DESCRIPTION COMMAND…: runs with a time limit, shows the output only when it fails
  local what=$1; shift
  if ! timeout "$step_timeout" "$@" > "$work/step.log" 2>&1; then
    cat "$work/step.log"
    fail "$what"
  fi
}

work=$(mktemp -d)
feed="$work/feed"
packages="${NUGET_PACKAGES:-$HOME/.nuget/packages}"
emulator_pid=""
redis_pid=""
version=""
cleanup() {
  [ -n "$emulator_pid" ] && kill "$emulator_pid" 2>/dev/null && wait "$emulator_pid" 2>/dev/null
  [ -n "$redis_pid" ] && kill "$redis_pid" 2>/dev/null && wait "$redis_pid" 2>/dev/null
  # This run's packages must never be found again by a later restore: drop them from the global cache too.
  # (The tool is a pointer package `cadenza` and one package per runtime: cadenza.linux-x64, cadenza.any…)
  [ -n "$version" ] && rm -rf "$packages/cadenza.client/$version" "$packages/cadenza.client.redis/$version" "$packages/cadenza/$version" "$packages"/cadenza.*/"$version"
  rmdir "$packages"/cadenza* 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

# 1. Pack, with a version no earlier run (or cached package) can have (it overrides the one from git tags), and
#    the tool for this machine's runtime only (plus the portable fallback): the other runtimes' packs are big downloads.
suffix="smoke.$(date -u +%Y%m%d%H%M%S).$$"
rid=$(dotnet --info | awk '/^ *RID:/ { print $2; exit }')
[ -n "$rid" ] || fail "dotnet --info names no RID"
for project in src/Cadenza.Client/Cadenza.Client.csproj src/Cadenza.Client.Redis/Cadenza.Client.Redis.csproj src/Cadenza.Client.Resilience/Cadenza.Client.Resilience.csproj src/Cadenza.Cli/Cadenza.Cli.csproj; do
  [ -f "$CADENZA_ROOT/$project" ] || fail "$project does not exist"
  run "dotnet pack $project" dotnet pack "$CADENZA_ROOT/$project" -c Release -o "$feed" -p:MinVerVersionOverride="0.0.0-$suffix" -p:CadenzaToolRuntimes="$rid"
done
client_nupkg=$(ls "$feed"/Cadenza.Client.*.nupkg 2>/dev/null | grep -v '\.symbols\.' | head -n 1)
[ -n "$client_nupkg" ] || fail "no Cadenza.Client package in $feed"
version=$(basename "$client_nupkg" .nupkg); version=${version#Cadenza.Client.}
[ -f "$feed/cadenza.$version.nupkg" ] || fail "no cadenza.$version.nupkg (the tool) in $feed"

contents=$(unzip -l "$client_nupkg")
nuspec=$(unzip -p "$client_nupkg" Cadenza.Client.nuspec)
for file in lib/netstandard2.0/Cadenza.Client.dll lib/netstandard2.0/Cadenza.Client.xml lib/net8.0/Cadenza.Client.dll lib/net8.0/Cadenza.Client.xml README.md; do
  grep -q " $file\$" <<<"$contents" || fail "Cadenza.Client $version lacks $file"
done
grep -q '<license type="expression">MIT</license>' <<<"$nuspec" || fail "Cadenza.Client $version has no license expression"
grep -q '<readme>README.md</readme>' <<<"$nuspec" || fail "Cadenza.Client $version has no package README"
grep -Eq '<repository type="git" url="[^"]+"[^>]* commit="[0-9a-f]{40}"' <<<"$nuspec" || fail "Cadenza.Client $version has no repository URL and commit"
symbols=$(unzip -l "$feed/Cadenza.Client.$version.snupkg" 2>/dev/null) || fail "no Cadenza.Client.$version.snupkg"
for file in lib/netstandard2.0/Cadenza.Client.pdb lib/net8.0/Cadenza.Client.pdb; do
  grep -q " $file\$" <<<"$symbols" || fail "the symbols package lacks $file"
done
unzip -p "$feed/cadenza.$version.nupkg" cadenza.nuspec | grep -q '<packageType name="DotnetTool"' || fail "cadenza $version is not a dotnet tool package"
for tool_rid in "$rid" any; do
  tool_contents=$(unzip -l "$feed/cadenza.$tool_rid.$version.nupkg" 2>/dev/null) || fail "no cadenza.$tool_rid.$version.nupkg (the tool for $tool_rid)"
  grep -q " tools/net10.0/$tool_rid/cadenza.dll\$" <<<"$tool_contents" || fail "cadenza.$tool_rid $version lacks the tool"
  grep -Eq " tools/net10.0/$tool_rid/[a-z]{2}(-[A-Za-z]+)?/" <<<"$tool_contents" && fail "cadenza.$tool_rid $version ships resources other than English"
done
redis_nupkg="$feed/Cadenza.Client.Redis.$version.nupkg"
[ -f "$redis_nupkg" ] || fail "no Cadenza.Client.Redis.$version.nupkg in $feed"
redis_contents=$(unzip -l "$redis_nupkg")
for file in lib/netstandard2.0/Cadenza.Client.Redis.dll lib/netstandard2.0/Cadenza.Client.Redis.xml lib/net8.0/Cadenza.Client.Redis.dll lib/net8.0/Cadenza.Client.Redis.xml README.md; do
  grep -q " $file\$" <<<"$redis_contents" || fail "Cadenza.Client.Redis $version lacks $file"
done
unzip -p "$redis_nupkg" Cadenza.Client.Redis.nuspec | grep -q "<dependency id=\"Cadenza.Client\" version=\"$version\"" ||
  fail "Cadenza.Client.Redis $version does not depend on Cadenza.Client $version"
# Cadenza.Client.Resilience: net8.0 only (Microsoft.Extensions.Http.Resilience has no netstandard2.0), on Cadenza.Client;
# the build-time source generator must not leak into Cadenza.Client as a dependency.
resilience_nupkg="$feed/Cadenza.Client.Resilience.$version.nupkg"
[ -f "$resilience_nupkg" ] || fail "no Cadenza.Client.Resilience.$version.nupkg in $feed"
resilience_contents=$(unzip -l "$resilience_nupkg")
for file in lib/net8.0/Cadenza.Client.Resilience.dll lib/net8.0/Cadenza.Client.Resilience.xml README.md; do
  grep -q " $file\$" <<<"$resilience_contents" || fail "Cadenza.Client.Resilience $version lacks $file"
done
unzip -p "$resilience_nupkg" Cadenza.Client.Resilience.nuspec | grep -q "<dependency id=\"Cadenza.Client\" version=\"$version\"" ||
  fail "Cadenza.Client.Resilience $version does not depend on Cadenza.Client $version"
! grep -q "Generators" <<<"$nuspec" || fail "Cadenza.Client $version depends on its build-time generator"
echo "Packed Cadenza.Client and Cadenza.Client.Redis $version (netstandard2.0 + net8.0, XML docs, README, MIT, repository + commit, snupkg) and the tool cadenza $version ($rid ReadyToRun, any)."

# A consumer's world: the local feed and the machine's usual source, and nothing of this repository's build.
cat > "$work/nuget.config" <<EOF
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="smoke-feed" value="$feed" />
    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
  </packageSources>
</configuration>
EOF
echo '<Project />' > "$work/Directory.Build.props"
echo '<Project />' > "$work/Directory.Build.targets"
echo '<Project />' > "$work/Directory.Packages.props"

# 2. The tool, installed from the feed, and its emulator.
run "dotnet tool install cadenza $version" dotnet tool install cadenza --tool-path "$work/tools" --version "$version" --configfile "$work/nuget.config"
[ -d "$work/tools/.store/cadenza/$version/cadenza.$rid" ] || fail "dotnet tool install did not pick the ReadyToRun package cadenza.$rid"
port=$(free_port)
"$work/tools/cadenza" emulator --port "$port" > "$work/emulator.log" 2>&1 &
emulator_pid=$!
wait_for_port "$port" 60 "$emulator_pid" || { cat "$work/emulator.log"; fail "cadenza emulator did not listen on 127.0.0.1:$port within 60 s"; }

# 3. A fresh console app with the package (no project reference), against the emulator.
run "dotnet new console" dotnet new console -o "$work/app" -n SmokeApp --no-restore
cat > "$work/app/Program.cs" <<'EOF'
using System;
using System.Reflection;
using Cadenza.Client;
using Cadenza.Client.Redis;
using StackExchange.Redis;

var email = $"smoke-{Guid.NewGuid():N}@example.com";
const string password = "correct-horse-battery";
using var session = new CadenzaSession(new Uri(args[0]));
await session.SignUpAsync(email, password);
await session.LoginAsync(email, password);
var me = await session.GetUserAsync();
if (!string.Equals(me.Email, email, StringComparison.OrdinalIgnoreCase))
{
    Console.Error.WriteLine($"GetUserAsync returned {me.Email}, not {email}");
    return 1;
}

var package = typeof(CadenzaSession).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
Console.WriteLine($"signed up, logged in and read user {me.Id} through CadenzaSession.GetUserAsync (Cadenza.Client {package})");
await session.LogoutAsync();
if (args.Length < 2)
{
    return 0;
}

// Two sessions, each with a connection of its own as two processes would have, sharing one Redis key.
RedisSessionStore Store(IConnectionMultiplexer redis) =>
    new(new RedisSessionStoreOptions { Connection = redis, Account = email, Server = new Uri(args[0]) });
await using var firstRedis = await ConnectionMultiplexer.ConnectAsync(args[1]);
await using var secondRedis = await ConnectionMultiplexer.ConnectAsync(args[1]);
using var first = new CadenzaSession(new CadenzaSessionOptions { BaseAddress = new Uri(args[0]), Store = Store(firstRedis) });
await first.LoginAsync(email, password);
using var second = new CadenzaSession(new CadenzaSessionOptions { BaseAddress = new Uri(args[0]), Store = Store(secondRedis) });
if (!await second.RestoreAsync() || (await second.GetUserAsync()).Id != me.Id)
{
    Console.Error.WriteLine("a second session did not restore the first one's session from Redis");
    return 1;
}

var redisPackage = typeof(RedisSessionStore).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
Console.WriteLine($"shared the session between two sessions through RedisSessionStore (Cadenza.Client.Redis {redisPackage})");
await first.LogoutAsync();
return 0;
EOF
# dotnet finds $work/nuget.config from the app's folder.
run "dotnet add package Cadenza.Client $version" dotnet add "$work/app/SmokeApp.csproj" package Cadenza.Client --version "$version"
run "dotnet add package Cadenza.Client.Redis $version" dotnet add "$work/app/SmokeApp.csproj" package Cadenza.Client.Redis --version "$version"
grep -q '<ProjectReference' "$work/app/SmokeApp.csproj" && fail "the smoke app must not reference a project"
run "building the smoke app" dotnet build "$work/app/SmokeApp.csproj" -c Release
redis_args=()
if command -v redis-server > /dev/null; then
  redis_port=$(free_port)
  redis-server --port "$redis_port" --bind 127.0.0.1 --dir "$work" --save "" --appendonly no > "$work/redis.log" 2>&1 &
  redis_pid=$!
  wait_for_port "$redis_port" 30 "$redis_pid" || { cat "$work/redis.log"; fail "redis-server did not listen on 127.0.0.1:$redis_port within 30 s"; }
  redis_args=("127.0.0.1:$redis_port")
elif [ "${CI:-}" = "true" ]; then
  fail "redis-server is not installed (.ci/run installs it)"
else
  echo "pack smoke: redis-server is not installed (apt-get install redis-server): skipping the Redis store part"
fi
app_output=$(timeout 120 dotnet "$work/app/bin/Release/"*/SmokeApp.dll "http://127.0.0.1:$port/" "${redis_args[@]}" 2>&1) ||
  { echo "$app_output"; cat "$work/emulator.log"; fail "the smoke app failed against cadenza emulator"; }
echo "Smoke app: $app_output"
grep -q "(Cadenza.Client $version+" <<<"$app_output" || fail "the smoke app did not run Cadenza.Client $version from the feed"
if [ "${#redis_args[@]}" -gt 0 ]; then
  grep -q "(Cadenza.Client.Redis $version+" <<<"$app_output" || fail "the smoke app did not share a session through Cadenza.Client.Redis $version"
fi
kill "$emulator_pid" 2>/dev/null; wait "$emulator_pid" 2>/dev/null; emulator_pid=""

# 4. The demo.
demo_output=$(timeout 120 "$work/tools/cadenza" demo 2>&1) || { echo "$demo_output"; fail "cadenza demo failed"; }
echo "cadenza demo: $(grep -c '✓' <<<"$demo_output") steps passed"

echo "pack smoke: OK — Cadenza.Client $version from a local feed: sign-up, login, GetUserAsync against the tool's emulator${redis_args:+, a session shared through Cadenza.Client.Redis}; cadenza demo passed"
