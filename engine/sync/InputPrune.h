// Input sync the engine cannot read as order (flags outside the shapes of
// InputSync.h) is kept, and the engine adds sync for every hazard that input
// might leave open: correct, but possibly more than what is missing. This
// pass takes back what was added for nothing: each inserted pair (with its
// primes, drains and credits) and each inserted barrier or fence is left
// out in turn, in passes while one takes something back, and stays out
// when every path of the kernel is still free of findings (model/PathCheck,
// the machine model the oracle uses, on every path: each param assignment
// times each sequence of `?condition` outcomes). It runs only where that is
// affordable: at most kMaxParamCombos assignments, kMaxPrunePaths paths and
// kMaxPruneInstrs instructions traced by the first pass; else the report
// says why it did not run (fallback "input-sync-unpruned").
#pragma once

#include <cstddef>

#include "sync/Context.h"

namespace syncsmith::sync {

inline constexpr size_t kMaxParamCombos = 256;
inline constexpr size_t kMaxPrunePaths = 1024;
// Traced by the first pass (~3 s); later passes stop at twice this in all.
inline constexpr size_t kMaxPruneInstrs = 1'000'000;

// Opt mode, after colouring; does nothing when every input flag was read.
void pruneAgainstInput(Context& cx);

}  // namespace syncsmith::sync
