#!/usr/bin/env bash
# Installs what is missing, builds, and opens the app on the default scenario (coffee and toast).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh
exec build/apps/app/pinwheel "$@"
