#!/usr/bin/env bash
# Installs Debian's Keystone (library + uwsgi) and the openstack CLI for the src/cloud tests.
# Idempotent: when every package is present it installs nothing and does not touch the network.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
exec bash "$here/../install-system-deps.sh" "$here/packages.txt"
