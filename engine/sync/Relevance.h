// Which pipes can hold a producer for a consumer at all: a conservative
// index over the ops' bounding boxes (earlier ops, and every op of the
// consumer's outermost loop for loop-carried ones). A walk for a consumer
// stops as soon as every relevant pipe is known drained, so a pipe that
// never conflicts never makes a walk run to the start of the kernel.
#pragma once

#include <cstdint>
#include <map>
#include <vector>

#include "sync/Footprint.h"

namespace syncsmith::sync {

using PipeMask = uint8_t;
constexpr PipeMask pipeBit(Pipe p) { return PipeMask(1u << unsigned(p)); }
inline constexpr PipeMask kAllPipeMask = 0x7f;

struct Relevant {
  PipeMask drain = 0;   // producers on these pipes may conflict
  PipeMask commit = 0;  // ... and write GM that the consumer touches
};

class Relevance {
 public:
  Relevance(const Program& p, const Footprints& fp);
  const Relevant& of(NodeId n) const { return rel_[size_t(n)]; }

 private:
  struct Seg {
    int64_t hi;
    PipeMask writers, readers;
  };
  using SegMap = std::map<int64_t, Seg>;  // by lo; disjoint
  struct Index {
    SegMap space[kNumSpaces];
    void add(const RefFp& r, Pipe p);
    void query(const RefFp& r, PipeMask& writers, PipeMask& readers) const;
  };
  static void split(SegMap& m, int64_t at);
  void addRefs(Index& ix, NodeId n, const Footprints& fp, Pipe p);
  std::vector<Relevant> rel_;
};

}  // namespace syncsmith::sync
