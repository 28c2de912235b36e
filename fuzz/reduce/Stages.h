// Internal: the reducer's two stages.
#pragma once

#include <vector>

#include "reduce/Tester.h"

namespace syncsmith::reduce::detail {

struct ChoiceResult {
  std::vector<uint64_t> choices;
  Kernel kernel;
};
// Stage 1: shrinks `choices` (whose kernel is `kernel`, interesting).
ChoiceResult shrinkChoices(const gen::GenOptions& gen, std::vector<uint64_t> choices,
                           Kernel kernel, Tester& tester, ReduceStats& stats);

// Stage 2: HDD and replacement passes on the tree until a fixpoint.
Kernel reduceTree(Kernel k, Tester& tester, const ReduceOptions& opts, ReduceStats& stats);

}  // namespace syncsmith::reduce::detail
