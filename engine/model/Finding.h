// Findings, witnesses and verdicts: the one result format of the oracle
// (`check`), the simulator (`sim`) and everything built on them. Kinds are
// spelled exactly as in MACHINE.md.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ir/Machine.h"

namespace syncsmith {

enum class FindingKind : uint8_t { Race, Deadlock, DoubleSet, Dangling, BadEventId, Redundant };
inline constexpr int kNumFindingKinds = 6;
std::string_view findingKindName(FindingKind k);  // "RACE", "DOUBLE_SET", ...
std::optional<FindingKind> parseFindingKind(std::string_view s);

// One event of a concrete schedule: the trace instruction and its times.
struct ScheduleEvent {
  uint32_t instr = 0;  // index in the trace (program order)
  int line = 0;
  int64_t start = 0, end = 0;
  std::optional<int64_t> commit;  // GM writes
};

// Everything needed to re-run a finding: the path (params and condition
// outcomes) and, when known, the schedule. `syncsmith sim --replay W.json`
// reads this; `check` writes it.
struct Witness {
  std::map<std::string, int64_t> params;
  std::map<std::string, std::vector<bool>> conds;  // per ?NAME, in execution order
  ModelOptions model;
  std::string policy;  // how the simulator produced it ("" when the oracle did)
  uint64_t seed = 0;
  std::vector<ScheduleEvent> schedule;  // explicit times; may be empty
};

// An instruction instance: the statement's line and the loop iterations.
struct Instance {
  uint32_t instr = 0;  // index in the trace of the witness path
  int line = 0;
  std::vector<std::pair<std::string, int64_t>> iterations;
  std::string text;  // the statement, printed
};

struct Finding {
  FindingKind kind = FindingKind::Race;
  std::vector<Instance> instances;
  std::string message;  // one sentence a person can act on
  Witness witness;
  std::vector<int> lines() const;
};

enum class Verdict : uint8_t { Correct, Buggy, Unknown };
std::string_view verdictName(Verdict v);
int verdictExitCode(Verdict v);  // 0 correct, 1 buggy, 3 unknown

struct CheckResult {
  Verdict verdict = Verdict::Correct;
  std::vector<Finding> findings;
  std::string reason;  // for unknown: why
  // What was explored: e.g. {"param_combinations": 8, "paths": 8, ...}
  std::map<std::string, int64_t> bounds;
};

// JSON text of the result object:
// {"verdict": ..., "reason": ..., "findings": [{"kind", "lines", "message",
//  "instances", "witness"}], "bounds": {...}}
std::string toJson(const CheckResult& r, int indent = -1);
std::string witnessToJson(const Witness& w, int indent = -1);
// Throws InputError(file, ...) on malformed JSON.
Witness witnessFromJson(std::string_view text, const std::string& file);

// "RACE line 9 (i=1) / line 10 (i=0): ..." for a person.
std::string describe(const Finding& f);

}  // namespace syncsmith
