// Checking an imported kernel (`import-pto --check`). Findings carry the
// kernel's statement lines, which for an imported kernel are C++ lines.
#pragma once

#include <string>

#include "ir/Kernel.h"
#include "model/Finding.h"

namespace syncsmith::pto {

struct PtoCheckOptions {
  ModelOptions model;
  size_t maxParamCombos = 4096;   // param assignments explored
  size_t maxPathsPerCombo = 1024;  // ?cond outcome sequences per assignment
  size_t maxPaths = 20000;         // traces in total
};

// The verdict over every param value and condition outcome (MACHINE.md):
// correct, buggy with findings, or unknown when a bound cut the search.
CheckResult checkImported(const Kernel& k, const PtoCheckOptions& opts = {});

// Which checker checkImported uses: "oracle" (oracle/smt) or "paths" (the
// per-path model checker over enumerated paths, until the oracle exists).
std::string checkerName();

}  // namespace syncsmith::pto
