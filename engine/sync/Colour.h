// Event-id colouring. A pair's lifetime is the program-order interval from
// its first item to its last (a back-edge pair: prime .. drain, loop-local);
// pairs of one id class (src->dst, or src under --flag-key src) may share an
// id only when their lifetimes are disjoint (so set and wait alternate on
// every path, and the k-th wait takes its own pair's token) and the reuse is
// token-safe (Safety.h). Greedy in order of lifetime start: optimal for
// interval graphs when safety holds. A pair left without an id is replaced
// by pipe_barrier ALL at its waits and reported (never dropped silently).
#pragma once

#include "sync/Context.h"

namespace syncsmith::sync {

void colourIds(Context& cx);

}  // namespace syncsmith::sync
