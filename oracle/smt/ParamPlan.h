// Which param combinations a check explores. All of them when there are at
// most `limit`; otherwise a boundary-first sample (each param takes lo, hi,
// lo+1, hi-1, ... up to a common depth) and the search is marked cut.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "ir/Kernel.h"

namespace syncsmith {

struct ParamPlan {
  std::vector<std::map<std::string, int64_t>> assignments;
  uint64_t total = 0;  // combinations in the full space (saturates at UINT64_MAX)
  bool cut = false;    // assignments is a strict subset
};

ParamPlan planParams(const Kernel& k, size_t limit);

// "n=3, m=0" (empty when there are no params).
std::string paramText(const std::map<std::string, int64_t>& params);

}  // namespace syncsmith
