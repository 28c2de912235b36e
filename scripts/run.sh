#!/usr/bin/env bash
# The main job: installs what is missing, builds, then runs a short fuzzing
# campaign on the built-in sync engine (generated kernels -> sync -> oracle +
# simulator; about a minute) and prints its summary. Findings are reduced and
# exported under out/campaign/<kind>-<hash>/ (README.md in each says how to
# see it again). Exit 0: nothing found; 1: findings; 2: bad setup.
# SYNCSMITH_FUZZ_TIME=SECONDS changes the duration.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/build.sh" >/dev/null
cli="${SYNCSMITH_BUILD_DIR:-$root/build}/cli/syncsmith"
out="$root/out/campaign"
rm -rf "$out"
exec "$cli" fuzz --time "${SYNCSMITH_FUZZ_TIME:-55}" --jobs "$(nproc)" --out "$out"
