// Where sync for one uncovered hazard goes, so that every path runs each
// set as often as its wait:
//   loop-independent: in the innermost block holding both ops, the set right
//     after the producer's statement there, the wait right before the
//     consumer's (both sunk into the consumer's if-arm when it is
//     conditional, which keeps them off paths that do not consume);
//   carried by loop L with the consumer's statement not after the
//     producer's in L's body: a back-edge pair (wait at the consumer, set
//     after the producer, a prime set before L and a drain wait after it,
//     loop-local: never hoisted across an enclosing if);
//   same pipe (pipelined): pipe_barrier P right before the consumer;
//   a GM write read or overwritten by another pipe: gm_fence on the
//     writer's pipe right after it, before the set (--gm-visibility fenced).
#pragma once

#include "sync/Context.h"

namespace syncsmith::sync {

struct Placed {
  PairId pair = kNone;
  bool lanes = false;
};

Placed place(Context& cx, const Hazard& h);
// The coarsest form: pipe_barrier ALL right before the consumer.
void placeBarrierAll(Context& cx, const Hazard& h);
// A lane pair whose lanes were not proven: one id instead (reported).
void dropLanes(Context& cx, PairId p, const std::string& why);
// Replaces a pair by pipe_barrier ALL at each of its waits (reported).
void replaceByBarrierAll(Context& cx, PairId p, const std::string& why);

}  // namespace syncsmith::sync
