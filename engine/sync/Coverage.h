// Phase 1: every op, as a consumer in program order, walks back (Walk.h)
// and checks each earlier producer instance on a pipe not yet known drained
// against its footprint. The first uncovered hazard met is the nearest
// producer: it gets sync (Placement.h) and the walk restarts, so every
// later producer on that pipe is covered transitively by the same sync, and
// later consumers reuse what earlier ones inserted.
//
// Three sweeps over all consumers, so that the cheaper sync exists before a
// hazard that could ride on it is looked at: first cross-pipe hazards within
// one iteration, then cross-pipe hazards carried around loops (which then
// often find a forward chain already there), then same-pipe hazards (which
// the drains of sets inserted so far often already cover).
#pragma once

#include "sync/Context.h"

namespace syncsmith::sync {

enum class Sweep : uint8_t { CrossPipeForward, CrossPipeCarried, All };

void coverConsumer(Context& cx, NodeId b, Sweep sweep);

// Pairs first..last-1 (forward pairs of the first sweep), in order: each
// whose consumer's cross-pipe hazards are all covered without it is removed.
// Later pairs (the next loop's primes, a carried pair's drains) often cover
// what an earlier forward pair was placed for. A consumer that relied on a
// removed pair is covered again by the final sweep.
void dropRedundantPairs(Context& cx, PairId first, PairId last);

}  // namespace syncsmith::sync
