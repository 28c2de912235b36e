// Internal: candidate testing shared by both reducer stages. Validates a
// candidate by printing and re-parsing it, optionally requires it to be
// smaller than a bound, answers repeated kernels from a cache, and counts.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "reduce/KernelEdit.h"
#include "reduce/Reducer.h"

namespace syncsmith::reduce::detail {

class Tester {
 public:
  Tester(const Interesting& pred, const ReduceOptions& opts, ReduceStats& stats)
      : pred_(pred), opts_(opts), stats_(stats) {}

  struct Accepted {
    Kernel kernel;  // parsed from its text
    KernelSize size;
  };
  // The validated candidate when it is interesting (and smaller than
  // `bound` when given); nullopt otherwise or once the budget is spent.
  std::optional<Accepted> test(const Kernel& candidate, const KernelSize* bound = nullptr);
  // Validates and measures without calling the predicate.
  std::optional<Accepted> validate(const Kernel& candidate);
  // Whether the call budget (or stage 1's share) is spent; records the
  // former in the stats.
  bool exhausted();
  // Stage 1 counts its calls against its own budget too.
  void setStageLimit(size_t calls) { stageLimit_ = calls; }

 private:
  const Interesting& pred_;
  const ReduceOptions& opts_;
  ReduceStats& stats_;
  size_t stageLimit_ = SIZE_MAX;
  std::map<std::string, bool> cache_;
};

}  // namespace syncsmith::reduce::detail
