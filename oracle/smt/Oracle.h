// The oracle: decides a synchronized kernel correct, buggy (with replayable
// witnesses) or unknown (with the reason) per shared/spec/MACHINE.md, over
// every param value, every condition outcome and every valid schedule.
//
//   CheckResult r = checkKernel(kernel, OracleOptions{});
//
// Two engines answer the same questions and are cross-checked in tests:
//  - graph: enumerate the paths (param combinations x `?` outcomes) and run
//    model/PathCheck's exact per-path check on each (fast when paths are few);
//  - smt: per param combination, one Z3 encoding of every `?` outcome at once
//    (guarded instances, difference constraints of rules 1-7, rank-matched
//    tokens), one existential query per finding kind.
// `auto` takes the graph engine when the kernel has no `?` conditions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "ir/Kernel.h"
#include "model/Finding.h"

namespace syncsmith {

enum class OracleEngine : uint8_t { Auto, Graph, Smt };
std::string_view oracleEngineName(OracleEngine e);
std::optional<OracleEngine> parseOracleEngine(std::string_view s);

struct OracleOptions {
  ModelOptions model;
  OracleEngine engine = OracleEngine::Auto;
  // Also report REDUNDANT units (only when the kernel is correct; costs one
  // full check per unit).
  bool redundant = false;
  unsigned timeoutMs = 10'000;  // per Z3 query
  uint64_t timeLimitMs = 0;     // whole check (0: none)
  size_t maxParams = 4096;      // param combinations explored
  size_t maxInstrs = 20'000;    // instructions per path / unrolled program
  size_t maxPaths = 4096;       // graph engine on `?` kernels: paths per param combination
  // smt: skip candidate pairs already ordered by edges present on every path
  // (sound; turn off to make Z3 decide every pair, as the cross-check tests do).
  bool prune = true;
  // Stop at the first finding (verdict only; for fuzzing).
  bool stopAtFirst = false;
};

CheckResult checkKernel(const Kernel& k, const OracleOptions& opts);

}  // namespace syncsmith
