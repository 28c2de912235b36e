#!/usr/bin/env bash
# Runs the real CLI on the bug corpus: for every corpus/bugs/*/expect.json
# check, `syncsmith check FORM --json [--flag-key K] [--gm-visibility V]`
# must print the expected verdict and exactly the expected finding kinds
# (REDUNDANT excluded), with the matching exit status (0 correct, 1 buggy,
# 3 unknown).
#
# usage: check_bugs.sh SYNCSMITH_BINARY CORPUS_BUGS_DIR
# Skips (exit 0, with a message) only while `syncsmith check` does not exist.
set -euo pipefail

if [[ $# -ne 2 ]]; then
  echo "usage: $0 SYNCSMITH_BINARY CORPUS_BUGS_DIR" >&2
  exit 2
fi
bin=$1
root=$2

if ! "$bin" check --help >/dev/null 2>&1; then
  echo "SKIP: '$bin check' does not exist yet (check --help failed);" \
       "the bug corpus is covered by corpus_tests until the oracle lands"
  exit 0
fi

exec python3 - "$bin" "$root" <<'PY'
import json, os, subprocess, sys

binary, root = sys.argv[1], sys.argv[2]
EXIT = {"correct": 0, "buggy": 1, "unknown": 3}
FLAGS = {"flag_key": "--flag-key", "gm_visibility": "--gm-visibility"}
failures, runs, passed = [], 0, 0

folders = sorted(d for d in os.listdir(root) if os.path.isdir(os.path.join(root, d)))
if not folders:
    print(f"FAIL: no bug folders under {root}")
    sys.exit(1)
for folder in folders:
    path = os.path.join(root, folder, "expect.json")
    try:
        with open(path) as f:
            expect = json.load(f)
    except (OSError, ValueError) as e:
        failures.append(f"{folder}: cannot read expect.json: {e}")
        continue
    for check in expect.get("checks", []):
        form = check["form"]
        cmd = [binary, "check", os.path.join(root, folder, form), "--json"]
        for key, value in sorted(check.get("options", {}).items()):
            cmd += [FLAGS[key], value]
        want_verdict = check["verdict"]
        want_kinds = sorted(set(check["kinds"]))
        label = f"{folder}/{form} {' '.join(cmd[4:])}".rstrip()
        runs += 1
        proc = subprocess.run(cmd, capture_output=True, text=True)
        try:
            got = json.loads(proc.stdout)
        except ValueError:
            failures.append(f"{label}: no JSON on stdout (exit {proc.returncode}): "
                            f"{proc.stderr.strip()[:300]}")
            continue
        got_verdict = got.get("verdict")
        got_kinds = sorted({f["kind"] for f in got.get("findings", [])
                            if f.get("kind") != "REDUNDANT"})
        problems = []
        if got_verdict != want_verdict:
            reason = got.get("reason", "")
            problems.append(f"verdict {got_verdict} (want {want_verdict})"
                            + (f", reason: {reason}" if reason else ""))
        if got_kinds != want_kinds:
            problems.append(f"kinds {got_kinds} (want {want_kinds})")
        if proc.returncode != EXIT.get(got_verdict, -1):
            problems.append(f"exit {proc.returncode} for verdict {got_verdict}")
        status = "ok" if not problems else "FAIL"
        print(f"{status:4} {label}: {got_verdict} {got_kinds}")
        if problems:
            failures.append(f"{label}: " + "; ".join(problems))
        else:
            passed += 1

print(f"{passed}/{runs} checks as expected")
for f in failures:
    print("FAIL:", f)
sys.exit(1 if failures else 0)
PY
