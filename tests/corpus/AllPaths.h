// Exhaustive per-path checking for small kernels: checkPath (the exact
// per-path semantics of engine/model) over every param assignment and, for
// kernels with `if ?NAME`, every sequence of condition outcomes. This is the
// reference the bug corpus is validated with until (and beside) the Z3 oracle.
#pragma once

#include <cstddef>
#include <set>
#include <string>
#include <vector>

#include "ir/Kernel.h"
#include "model/Finding.h"

namespace syncsmith::corpus {

struct SweepLimits {
  size_t maxParamCombos = 4096;
  size_t maxPathsPerParams = 4096;  // condition-outcome sequences per param assignment
};

struct SweepResult {
  Verdict verdict = Verdict::Correct;
  std::vector<Finding> findings;  // every path, REDUNDANT never included
  size_t paths = 0;
  std::string reason;  // why the verdict is unknown
  std::set<std::string> kinds() const;
};

// Checks every path of `k`. A cut bound (too many params or paths, a
// truncated trace) makes the verdict unknown, never correct.
SweepResult checkAllPaths(const Kernel& k, const ModelOptions& model,
                          const SweepLimits& limits = {});

}  // namespace syncsmith::corpus
