#!/usr/bin/env bash
# Mutation score of the fuzz campaign: for every injected engine bug
# (`syncsmith sync --list-bugs`), a campaign with --stop-on-finding and a
# time limit; reports seconds to the first finding, its kind and the size of
# its reduced reproducer, and writes the table to bench/results/mutation.md.
# Targets (issue 6): found within 60 s, reduced to <= 12 ops.
# Usage: scripts/mutation.sh   Environment: SYNCSMITH_BUILD_DIR,
# SYNCSMITH_BENCH_OUT (default bench/results/), MUTATION_TIME (default 60).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${SYNCSMITH_BUILD_DIR:-$root/build}
out=${SYNCSMITH_BENCH_OUT:-$root/bench/results}
limit=${MUTATION_TIME:-60}
"$root/scripts/build.sh" >/dev/null
syncsmith=$build/cli/syncsmith
mkdir -p "$out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

for bug in $("$syncsmith" sync --list-bugs | awk '{print $1}'); do
  echo "mutation: $bug" >&2
  rc=0
  "$syncsmith" fuzz --inject-bug "$bug" --stop-on-finding --time "$limit" --jobs "$(nproc)" \
    --seed 1 --max-reduce 1 --quiet --out "$tmp/$bug" >/dev/null || rc=$?
  [ "$rc" -le 1 ] || { echo "mutation: fuzz failed on $bug (exit $rc)" >&2; exit "$rc"; }
done

python3 - "$tmp" "$limit" "$(nproc)" > "$out/mutation.md" <<'PY'
import json, os, sys
tmp, limit, jobs = sys.argv[1], float(sys.argv[2]), sys.argv[3]
rows, met = [], 0
for bug in sorted(os.listdir(tmp)):
    s = json.load(open(os.path.join(tmp, bug, "summary.json")))
    reps = s["reproducers"]
    if not reps:
        rows.append(f"| `{bug}` | not found in {limit:.0f} s | | | | no |")
        continue
    r = reps[0]
    t = s["timing"]["found_after_s"][r["folder"] or r["signature"]]
    ok = t <= limit and r["reduced"] and r["ops_after"] <= 12
    met += ok
    rows.append(f"| `{bug}` | {t:.2f} | {r['first_kernel']} | {r['kind']} | "
                f"{r['ops_before']} -> {r['ops_after']} | {'yes' if ok else 'no'} |")
print(f"Mutation score: {met} of {len(rows)} injected bugs found within {limit:.0f} s "
      f"and reduced to <= 12 ops (`scripts/mutation.sh`: `syncsmith fuzz --inject-bug BUG "
      f"--stop-on-finding --seed 1 --jobs {jobs}`).\n")
print("| injected bug | seconds to first finding | kernel | kind | ops (original -> reduced) | target met |")
print("|---|---|---|---|---|---|")
print("\n".join(rows))
PY
cat "$out/mutation.md"
