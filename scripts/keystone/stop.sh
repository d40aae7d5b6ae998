#!/usr/bin/env bash
# Usage: stop.sh DIR
# Stops the Keystone that start.sh started in DIR (SIGTERM to the PID in DIR/uwsgi.pid) and
# waits until it has exited. Does nothing when it is not running.
set -euo pipefail
dir="${1:?usage: stop.sh DIR}"
pidfile="$dir/uwsgi.pid"
[ -f "$pidfile" ] || exit 0
pid="$(cat "$pidfile")"
if kill -0 "$pid" 2>/dev/null; then
  kill -TERM "$pid"
  for _ in $(seq 1 100); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
fi
rm -f "$pidfile"
