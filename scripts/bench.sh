#!/usr/bin/env bash
# Runs syncsmith's benchmarks with fixed seeds and writes bench/results/:
#   bench.json     Google Benchmark JSON of build/bench/syncsmith_bench
#   overhead.*     the sync-overhead report (`syncsmith bench overhead`):
#                  .md table, .csv, .json, .png plot (+ .gp/.dat to redraw it)
#   targets.md     the targets (issues 5 and 8), met / not met / not measured
# and prints the targets. A few minutes on 2 cores.
# Usage: scripts/bench.sh
# Environment: SYNCSMITH_BUILD_DIR (default build/), SYNCSMITH_BENCH_OUT
# (default bench/results/), BENCH_MIN_TIME (seconds per benchmark, default 0.05),
# BENCH_FILTER (a --benchmark_filter regex, default: all).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${SYNCSMITH_BUILD_DIR:-$root/build}
out=${SYNCSMITH_BENCH_OUT:-$root/bench/results}
min_time=${BENCH_MIN_TIME:-0.05}
filter=${BENCH_FILTER:-.}
jobs=2

"$root/scripts/build.sh"
syncsmith=$build/cli/syncsmith
benchbin=$build/bench/syncsmith_bench
mkdir -p "$out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }

echo "== Google Benchmark suites (syncsmith_bench, min time ${min_time}s) ==" >&2
"$benchbin" --benchmark_format=json --benchmark_min_time="$min_time" \
  --benchmark_filter="$filter" > "$out/bench.json"

echo "== sync-overhead report ==" >&2
rc=0
(cd "$root" && "$syncsmith" bench overhead --suite corpus/bench --generated 20 --seed 1 \
  --jobs "$jobs" --out "$out" -q) || rc=$?
[ "$rc" -le 1 ] || { echo "bench overhead failed (exit $rc)" >&2; exit "$rc"; }
[ "$rc" -eq 0 ] || echo "bench overhead: some synced kernels were not proven correct (see overhead.md)" >&2

# The engine on a 10k-op kernel, through the CLI, for when no engine benchmark
# reports one (the targets prefer bench.json).
engine_args=()
if ! grep -q '"name": "BM_Sync[A-Za-z]*/10000"' "$out/bench.json" &&
   "$syncsmith" gen --seed 1 --ops 10000 > "$tmp/k10k.sk" 2>/dev/null; then
  t0=$(now)
  if "$syncsmith" sync "$tmp/k10k.sk" -o "$tmp/k10k.synced.sk" 2>/dev/null; then
    t1=$(now)
    engine_args=(--engine-10k-seconds "$(elapsed "$t0" "$t1")"
                 --engine-10k-how "syncsmith sync on syncsmith gen --seed 1 --ops 10000 (wall time, CLI)")
  fi
fi

# Campaign throughput: a fixed number of kernels on $jobs workers.
campaign_args=()
if "$syncsmith" fuzz --help >/dev/null 2>&1; then
  runs=200
  t0=$(now)
  if "$syncsmith" fuzz --runs "$runs" --jobs "$jobs" --seed 1 --out "$tmp/campaign" -q >/dev/null 2>&1; then
    t1=$(now)
    rate=$(awk -v n="$runs" -v s="$(elapsed "$t0" "$t1")" 'BEGIN { printf "%.2f", n / s }')
    campaign_args=(--campaign-rate "$rate"
                   --campaign-how "syncsmith fuzz --runs $runs --jobs $jobs --seed 1 (wall time)")
  fi
fi

echo "== targets ==" >&2
"$syncsmith" bench targets --bench-json "$out/bench.json" --overhead-json "$out/overhead.json" \
  --out "$out/targets.md" "${engine_args[@]}" "${campaign_args[@]}"
