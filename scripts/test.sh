#!/usr/bin/env bash
# Runs every Kizuna test: unit and integration tests of all modules, and the browser
# end-to-end test (headless Chromium in a loopback-only network namespace).
# Installs what a fresh Debian machine lacks first: Node.js/npm (web client build), Chromium
# (browser tests) and a Redis server (Redis room hub tests), which it starts when nothing
# answers on 127.0.0.1:6379.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v node >/dev/null 2>&1 || need_apt+=(nodejs)
command -v npm >/dev/null 2>&1 || need_apt+=(npm)
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
command -v unshare >/dev/null 2>&1 || need_apt+=(util-linux)
command -v ip >/dev/null 2>&1 || need_apt+=(iproute2)

redis_answers() {
  local reply
  { exec 3<>/dev/tcp/127.0.0.1/6379; } 2>/dev/null || return 1
  printf 'PING\r\n' >&3
  read -r -t 2 reply <&3 || reply=""
  exec 3<&-
  [[ $reply == +PONG* ]]
}
redis_answers || command -v redis-server >/dev/null 2>&1 || need_apt+=(redis-server)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "installing: ${need_apt[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq || true
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}"
fi

if ! redis_answers; then
  echo "starting redis-server on 127.0.0.1:6379"
  redis-server --bind 127.0.0.1 --port 6379 --save '' --appendonly no --daemonize yes
  for _ in $(seq 50); do redis_answers && break; sleep 0.1; done
  redis_answers || { echo "redis-server does not answer on 127.0.0.1:6379" >&2; exit 1; }
fi

exec mvn -B verify "$@"
