#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test with ctest: the unit
# and integration suites (build/), then the libFuzzer targets under ASan and
# UBSan for a short time each (build-fuzz/, with clang).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/setup.sh"
jobs=$(nproc)

"$root/scripts/build.sh"
ctest --test-dir "$root/build" --output-on-failure -j "$jobs"

if command -v clang++ >/dev/null; then
  fuzz="$root/build-fuzz"
  if [ ! -f "$fuzz/CMakeCache.txt" ]; then
    CXX=clang++ cmake -S "$root" -B "$fuzz" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
      -DSYNCSMITH_FUZZERS=ON -DSYNCSMITH_TESTS=OFF -DSYNCSMITH_BENCH=OFF -DSYNCSMITH_CLI=OFF >/dev/null
  fi
  cmake --build "$fuzz" --parallel "$jobs"
  ctest --test-dir "$fuzz" --output-on-failure -j "$jobs"
else
  echo "test.sh: clang++ not found, libFuzzer targets skipped" >&2
  exit 1
fi
