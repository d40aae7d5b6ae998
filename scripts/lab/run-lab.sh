#!/usr/bin/env bash
# Runs the Keystone upgrade lab by hand (Victoria → Zed → 2025.1 in a Debian chroot, recorded by
# stacklog), then exports its journal and checks that no planted secret is in the export.
#
#   sudo bash scripts/lab/run-lab.sh [DIR] [zed|2025.1] [sqlite|mariadb]
#
# Needs root, 6 GiB free under DIR and the Debian archive (deb.debian.org). Measured on a
# 2-core Debian 12 VM (2026-11-25): a full run takes 8 min 15 s and leaves a 2.0 G chroot
# (2.0 G for all of DIR); see docs/lab.md ("What it costs").
set -euo pipefail

dir=${1:-/var/tmp/stacklog-lab}
to=${2:-2025.1}
backend=${3:-sqlite}
repo=$(cd "$(dirname "$0")/../.." && pwd)
stacklog=(node --import "$repo/node_modules/tsx/dist/loader.mjs" "$repo/src/cli/entry.ts")

if [ -e "$dir/chroot" ]; then
  echo "run-lab: $dir/chroot exists; remove it (after checking nothing is mounted under it: findmnt -R $dir/chroot) or pick another DIR" >&2
  exit 2
fi

start=$(date +%s)
node --import "$repo/node_modules/tsx/dist/loader.mjs" "$repo/scripts/lab/run-lab.ts" --dir "$dir" --to "$to" --backend "$backend" > "$dir.result.json"
echo "run-lab: $(( $(date +%s) - start )) s; chroot $(du -sh -x "$dir/chroot" | cut -f1); all of $dir $(du -sh -x "$dir" | cut -f1)"

export STACKLOG_HOME="$dir/stacklog"
"${stacklog[@]}" export --out "$dir/journal.json"
# The export holds outputs as base64 (plain or raw deflate): search the JSON text and every
# decoded output for each planted value, passed through the environment rather than argv.
(
  set -a
  # shellcheck disable=SC1091
  . "$dir/lab-secrets.env"
  node - "$dir/journal.json" <<'JS'
const { readFileSync } = require("node:fs");
const { inflateRawSync } = require("node:zlib");
const file = process.argv[2];
const text = readFileSync(file, "utf8");
const chunks = JSON.parse(text).outputs.flatMap((o) => o.chunks);
const outputs = chunks.map((c) => {
  const raw = Buffer.from(c.data, "base64");
  return c.encoding === "deflate-raw" ? inflateRawSync(raw) : raw;
});
const all = Buffer.concat([Buffer.from(text), ...outputs]);
const names = Object.keys(process.env).filter((k) => k.startsWith("LAB_") && process.env[k]);
const found = names.filter((k) => all.includes(process.env[k]));
if (names.length < 4 || found.length > 0) {
  console.error(`run-lab: planted secrets in ${file}: ${found.join(", ") || "(none read)"}`);
  process.exit(1);
}
JS
)
echo "run-lab: journal exported to $dir/journal.json (no planted secret in it or its outputs)"

# With UPDATE_EXAMPLE=1 (SQLite runs only): make this run the committed example and its planted-values fixture.
if [ "${UPDATE_EXAMPLE:-0}" = 1 ] && [ "$backend" = sqlite ]; then
  cp "$dir/journal.json" "$repo/examples/keystone-victoria-zed-2025.1.json"
  printf '{\n  "adminPassword": "%s",\n  "userPassword": "%s",\n  "appCredentialSecret": "%s",\n  "ec2Secret": "%s"\n}\n' \
    "$LAB_ADMIN_PASSWORD" "$LAB_USER_PASSWORD" "$LAB_APP_CREDENTIAL_SECRET" "$LAB_EC2_SECRET" \
    > "$repo/test/fixtures/lab/planted.json"
  echo "run-lab: updated examples/keystone-victoria-zed-2025.1.json and test/fixtures/lab/planted.json"
fi
