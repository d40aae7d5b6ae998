#!/usr/bin/env bash
# Usage: start.sh DIR PORT
# Starts a throw-away Keystone (Debian's python3-keystone under uwsgi) with its SQLite database,
# keys, config and log in DIR, listening on 127.0.0.1:PORT. The admin password comes from
# $KEYSTONE_ADMIN_PASSWORD. Prints the uwsgi PID once GET /v3 answers; DIR/uwsgi.pid holds it.
set -euo pipefail
dir="${1:?usage: start.sh DIR PORT}"
port="${2:?usage: start.sh DIR PORT}"
: "${KEYSTONE_ADMIN_PASSWORD:?set KEYSTONE_ADMIN_PASSWORD}"
for bin in keystone-manage uwsgi_python3 sqlite3 curl; do
  command -v "$bin" >/dev/null || { echo "missing $bin: run bash scripts/keystone/install.sh" >&2; exit 127; }
done
mkdir -p "$dir"
dir="$(cd "$dir" && pwd)"

cat > "$dir/keystone.conf" <<CONF
[DEFAULT]
log_file = $dir/keystone.log
[database]
connection = sqlite:///$dir/keystone.db
[fernet_tokens]
key_repository = $dir/fernet-keys
[fernet_receipts]
key_repository = $dir/fernet-keys
[credential]
key_repository = $dir/credential-keys
CONF

# keystone-manage prints a harmless eventlet traceback at exit on Python 3.11
# (keystone-lab.md P7); keep its output in a file and show it only on failure.
manage() {
  keystone-manage --config-file "$dir/keystone.conf" "$@" >>"$dir/manage.log" 2>&1 \
    || { echo "keystone-manage $1 failed:" >&2; tail -n 30 "$dir/manage.log" >&2; exit 1; }
}

if [ ! -f "$dir/keystone.db" ]; then
  manage db_sync
  # Without WAL a Zed worker's open read transaction locks out writes (keystone-lab.md P4).
  sqlite3 "$dir/keystone.db" 'PRAGMA journal_mode=WAL;' >/dev/null
  # The key layout fernet_setup and credential_setup write (0 = staged, 1 = primary, each a
  # url-safe base64 Fernet key of 32 random bytes), written here because each keystone-manage
  # run costs seconds of Python start-up on a small machine.
  for repo in fernet-keys credential-keys; do
    mkdir -p "$dir/$repo" && chmod 700 "$dir/$repo"
    for n in 0 1; do
      head -c 32 /dev/urandom | base64 | tr '+/' '-_' >"$dir/$repo/$n"
      chmod 600 "$dir/$repo/$n"
    done
  done
  manage bootstrap --bootstrap-password "$KEYSTONE_ADMIN_PASSWORD" \
    --bootstrap-admin-url "http://127.0.0.1:$port/v3" \
    --bootstrap-internal-url "http://127.0.0.1:$port/v3" \
    --bootstrap-public-url "http://127.0.0.1:$port/v3" \
    --bootstrap-region-id RegionOne
fi

# No apparmor plugin or profile: AppArmor is not active here (keystone-lab.md P3).
# threads = 1: several threads share SQLite connections badly on Zed (keystone-lab.md P4);
# one process: each loads Keystone for ~10 s of CPU, and a test Keystone needs no more.
cat > "$dir/uwsgi.ini" <<INI
[uwsgi]
plugins = python3
http-socket = 127.0.0.1:$port
wsgi-file = /usr/bin/keystone-wsgi-public
env = OS_KEYSTONE_CONFIG_DIR=$dir
master = true
processes = 1
threads = 1
die-on-term = true
pidfile = $dir/uwsgi.pid
logto = $dir/uwsgi.log
INI

rm -f "$dir/uwsgi.pid"
setsid uwsgi_python3 --ini "$dir/uwsgi.ini" </dev/null >/dev/null 2>&1 &
for _ in $(seq 1 150); do
  if curl -fsS -o /dev/null "http://127.0.0.1:$port/v3"; then
    cat "$dir/uwsgi.pid"
    exit 0
  fi
  sleep 0.2
done
echo "keystone did not answer on http://127.0.0.1:$port/v3 within 30 s; last lines of $dir/uwsgi.log:" >&2
tail -n 30 "$dir/uwsgi.log" >&2 || true
exit 1
