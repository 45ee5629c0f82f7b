#!/usr/bin/env bash
# Rewrites tests/sim/golden/*.txt from the current build. Review the diff before committing:
#   git diff tests/sim/golden
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh
QT_QPA_PLATFORM=offscreen PINWHEEL_UPDATE_GOLDEN=1 "${BUILD_DIR:-build}/tests/sim/tst_scenarios" golden >/dev/null
git status --short tests/sim/golden
