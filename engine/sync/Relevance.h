// Which pipes can hold a producer for a consumer at all: a conservative
// index over the ops' bounding boxes (earlier ops, and every op of the
// consumer's outermost loop for loop-carried ones). A walk for a consumer
// stops as soon as every relevant pipe is known drained, so a pipe that
// never conflicts never makes a walk run to the start of the kernel; and it
// stops at the consumer's horizon, the earliest op in program order that may
// conflict with it at all, since nothing before that can hold a producer.
#pragma once

#include <array>
#include <climits>
#include <cstdint>
#include <vector>

#include "sync/Footprint.h"

namespace syncsmith::sync {

using PipeMask = uint8_t;
constexpr PipeMask pipeBit(Pipe p) { return PipeMask(1u << unsigned(p)); }
inline constexpr PipeMask kAllPipeMask = 0x7f;

struct Relevant {
  PipeMask drain = 0;       // producers on these pipes may conflict
  PipeMask drainLocal = 0;  // ... through local memory (not GM)
  PipeMask commit = 0;      // ... and write GM that the consumer touches
  // Per pipe: the gap order just after the earliest earlier op on that pipe
  // whose box may conflict (kNoHorizon: none). A backward walk that has
  // left the consumer's loops learns nothing for that pipe below it.
  std::array<int, kNumPipes> horizon{};
  // The walk's cut for the pipes in `mask`: the lowest of their horizons.
  int horizonOf(PipeMask mask) const;
};
inline constexpr int kNoHorizon = INT32_MAX;

class Relevance {
 public:
  Relevance(const Program& p, const Footprints& fp);
  const Relevant& of(NodeId n) const { return rel_[size_t(n)]; }

 private:
  std::vector<Relevant> rel_;
};

}  // namespace syncsmith::sync
