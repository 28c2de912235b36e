// Checking an imported kernel (`import-pto --check`). Findings carry the
// kernel's statement lines, which for an imported kernel are C++ lines.
#pragma once

#include <cstdint>
#include <string>

#include "ir/Kernel.h"
#include "model/Finding.h"

namespace syncsmith::pto {

enum class PtoChecker : uint8_t {
  Auto,    // the oracle when it was built in, else Paths
  Oracle,  // oracle/smt checkKernel (InputError-free; falls back to Paths if absent)
  Paths,   // every path enumerated, each checked by model/PathCheck
};

struct PtoCheckOptions {
  ModelOptions model;
  PtoChecker checker = PtoChecker::Auto;
  size_t maxParamCombos = 4096;   // param assignments explored
  size_t maxPathsPerCombo = 1024;  // ?cond outcome sequences per assignment
  size_t maxPaths = 20000;         // traces in total
};

// The verdict over every param value and condition outcome (MACHINE.md):
// correct, buggy with findings, or unknown when a bound cut the search.
CheckResult checkImported(const Kernel& k, const PtoCheckOptions& opts = {});

// Which checker checkImported uses for `c`: "oracle" (oracle/smt) or
// "paths" (the per-path model checker over enumerated paths; the fallback
// when the library is built without the oracle).
std::string checkerName(PtoChecker c = PtoChecker::Auto);
bool haveOracle();

}  // namespace syncsmith::pto
