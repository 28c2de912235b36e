// "Interesting" predicates for the reducer built on the model: a kernel is
// interesting when checkPath finds a finding of the wanted kind on some
// path. Paths tried: every param combination (or, past maxParamCombos, the
// corners: each param at lo or hi), each with ?conditions all false, all
// true, and alternating from either value. Optionally the kernel is first
// transformed (the campaign: "run the engine, then check its output").
#pragma once

#include <functional>
#include <optional>

#include "model/Finding.h"
#include "model/PathCheck.h"
#include "reduce/Reducer.h"

namespace syncsmith::reduce {

struct FindingCheck {
  FindingKind kind = FindingKind::Race;
  ModelOptions model;
  size_t maxParamCombos = 256;
  size_t maxTraceInstrs = 200000;  // longer paths are skipped (never "interesting")
  // Applied before checking (e.g. the sync engine); nullopt = not interesting
  // (the transform failed or refused the kernel).
  std::function<std::optional<Kernel>(const Kernel&)> transform;
};

// Whether some tried path of `k` (after the transform) has a `kind` finding.
bool hasFinding(const Kernel& k, const FindingCheck& check);

// The predicate form, for reduceKernel / reduceGenerated.
Interesting findingPredicate(FindingCheck check);

}  // namespace syncsmith::reduce
