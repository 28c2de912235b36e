// Ping-pong lanes: a hazard that only ever conflicts through one k-slot
// buffer, indexed the same way on both sides by an expression that steps
// with a loop, gets k event ids chosen by that very slot expression, so the
// id of an iteration is the slot it touches (the proof against the slot
// mapping). The walk then checks the lanes really cover the hazard; when
// they do not, the caller falls back to one id and reports it.
#pragma once

#include <optional>

#include "sync/Context.h"

namespace syncsmith::sync {

struct LaneChoice {
  int k = 1;
  Expr expr;         // evaluates to the lane, 0..k-1
  LoopId loop = kNone;  // steps the lane: the carried loop, or one directly inside it
  int64_t coeff = 0;  // lane(i-d) == lane(i) iff coeff*d % k == 0
};

// Lanes (coeff * i) mod k chosen by loop L inside a carried loop: every run
// of L has the same range (no loop variable in its bounds) and distinct lanes
// for its iterations, so a wait of iteration (k, kk) takes the set of
// (k-1, kk). Shared by the engine's own inner lanes and the input's.
bool innerLanesDistinct(const LoopInfo& L, int64_t coeff, int k);

// `carried`: the loop of a back-edge pair, or kNone for a forward pair whose
// set and wait sit in `pairBlock`.
std::optional<LaneChoice> chooseLanes(Context& cx, const Hazard& h, LoopId carried,
                                      BlockId pairBlock);

}  // namespace syncsmith::sync
