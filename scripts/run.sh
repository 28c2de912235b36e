#!/usr/bin/env bash
# The main job: installs what is missing, builds, and runs syncsmith over the
# corpus, printing what it finds.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/build.sh" >/dev/null
cli="$root/build/cli/syncsmith"
for f in "$root"/corpus/examples/*.sk; do
  "$cli" info "$f"
done
