# Sourced by the scripts in build/: paths, quiet/offline settings for the npm tools, small helpers.
# The tools are pinned in build/package.json + package-lock.json; install them with
#   (cd build && npm ci --loglevel=error)

CADENZA_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CADENZA_BUILD="$CADENZA_ROOT/build"
CADENZA_BIN="$CADENZA_BUILD/node_modules/.bin"

# No telemetry, no update checks, no analytics: CI has no internet beyond the package registries.
export REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true NO_UPDATE_NOTIFIER=1 \
       OPTIC_TELEMETRY_LEVEL=off SCARF_ANALYTICS=false DO_NOT_TRACK=1
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# require_tool NAME: fails with the install command when build/node_modules lacks NAME.
require_tool() {
  if [ ! -x "$CADENZA_BIN/$1" ]; then
    echo "$1 is not installed: run '(cd build && npm ci --loglevel=error)' first" >&2
    return 1
  fi
}

# without_banners: drops the boxed notices some tools print (e.g. Redocly's Node.js deprecation box).
without_banners() {
  grep -v -e '[╔║╚]' || true
}

# free_port: a TCP port on 127.0.0.1 that nothing listens on right now.
free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close();});'
}

# wait_for_port PORT SECONDS [PID]: waits until 127.0.0.1:PORT accepts connections; fails on timeout
# or when PID (the server being waited for) exits first.
wait_for_port() {
  local port=$1 seconds=$2 pid=${3:-} deadline=$((SECONDS + $2))
  while [ "$SECONDS" -lt "$deadline" ]; do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then return 0; fi
    if [ -n "$pid" ] && ! kill -0 "$pid" 2>/dev/null; then return 1; fi
    sleep 0.2
  done
  return 1
}
