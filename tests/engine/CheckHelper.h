// The exact per-path checker (model/PathCheck.h) run over every param
// assignment and, for kernels with `?conditions`, over every outcome
// sequence of the first `condBits` condition executions (the rest all
// false, then all true): the engine tests' oracle.
#pragma once

#include <string>
#include <vector>

#include "ir/Kernel.h"
#include "model/Finding.h"

namespace syncsmith::test {

struct CheckOptions {
  ModelOptions model;
  size_t paramLimit = 4096;
  int condBits = 6;
};

struct CheckSummary {
  std::vector<Finding> findings;
  size_t paths = 0;
  bool complete = true;  // false when the param space was too large
  bool correct() const { return complete && findings.empty(); }
  std::string first() const;
};

CheckSummary checkAllPaths(const Kernel& k, const CheckOptions& o = {});

}  // namespace syncsmith::test
