#!/usr/bin/env bash
# Debian's Chromium for the browser tests: prints the path of its binary on stdout, installing the
# `chromium` package with apt-get first when it is missing (as root; otherwise it says what to do).
# Set CHROMIUM_PATH to use another Chromium. Playwright's own browser downloads are never used.
set -euo pipefail
exec 3>&1 1>&2

if [[ -n "${CHROMIUM_PATH:-}" ]]; then
    [[ -x "$CHROMIUM_PATH" ]] || { echo "chromium.sh: CHROMIUM_PATH=$CHROMIUM_PATH is not executable" >&2; exit 1; }
    echo "$CHROMIUM_PATH" >&3
    exit 0
fi

if ! command -v chromium >/dev/null 2>&1; then
    [[ $EUID -eq 0 ]] || { echo "chromium.sh: Chromium is not installed and we are not root; run: sudo apt-get install -y chromium" >&2; exit 1; }
    command -v apt-get >/dev/null 2>&1 || { echo "chromium.sh: Chromium is not installed and apt-get is not available" >&2; exit 1; }
    echo "chromium.sh: Chromium not found; installing it with apt-get" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q
    apt-get install -y -q --no-install-recommends chromium
fi

command -v chromium >&3
