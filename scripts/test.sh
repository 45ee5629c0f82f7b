#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test (ctest), offscreen.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh "$@"
export QT_QPA_PLATFORM=offscreen
if [ -z "${XDG_RUNTIME_DIR:-}" ] || [ ! -d "${XDG_RUNTIME_DIR}" ]; then
  XDG_RUNTIME_DIR=$(mktemp -d); export XDG_RUNTIME_DIR; chmod 0700 "$XDG_RUNTIME_DIR"
fi
ctest --test-dir "${BUILD_DIR:-build}" --output-on-failure
