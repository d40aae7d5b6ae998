#!/usr/bin/env bash
# Installs the Debian packages listed in a file (default scripts/system-packages.txt) that are
# not installed yet. Idempotent: a second run installs nothing and does not touch the network.
#   bash scripts/install-system-deps.sh [LIST]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
list="${1:-$here/system-packages.txt}"
mapfile -t wanted < <(grep -Ev '^\s*(#|$)' "$list")
missing=()
for p in "${wanted[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "system packages: all ${#wanted[@]} present"
  exit 0
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "need root (or sudo) to install: ${missing[*]}" >&2; exit 1; }
  sudo="sudo"
fi
echo "system packages: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
