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
#include <map>
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
  struct Seg {
    int64_t hi = 0;
    PipeMask writers = 0, readers = 0;
    // Per pipe: the lowest horizon of the writers / readers added here.
    std::array<int, kNumPipes> firstW, firstR;
    Seg() { firstW.fill(kNoHorizon), firstR.fill(kNoHorizon); }
    explicit Seg(int64_t h) : Seg() { hi = h; }
    void add(bool write, Pipe p, int order);
  };
  using SegMap = std::map<int64_t, Seg>;  // by lo; disjoint
  struct Index {
    SegMap space[kNumSpaces];
    void add(const RefFp& r, Pipe p, int order);
    // Pipes of the writers and readers overlapping r; with `first`, their
    // lowest horizons per pipe (readers only when r writes).
    void query(const RefFp& r, PipeMask& writers, PipeMask& readers,
               std::array<int, kNumPipes>* first = nullptr) const;
  };
  static void split(SegMap& m, int64_t at);
  void addRefs(Index& ix, NodeId n, const Footprints& fp, Pipe p, int order);
  std::vector<Relevant> rel_;
};

}  // namespace syncsmith::sync
