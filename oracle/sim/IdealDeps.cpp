#include "IdealDeps.h"

#include <algorithm>
#include <array>

#include "SegmentMap.h"

namespace syncsmith::sim {
namespace {

struct LastAccess {
  int64_t writer = -1;
  std::vector<uint32_t> readers;  // since the last write
};

}  // namespace

std::vector<HbEdge> idealDependencies(const Trace& t, const HbGraph& g) {
  std::array<SegmentMap<LastAccess>, kNumSpaces> mem;
  const LastAccess empty;
  std::vector<HbEdge> out;
  std::vector<uint32_t> orderedFor(g.numNodes(), UINT32_MAX);  // from-node -> last op given an edge
  for (uint32_t j = 0; j < t.instrs.size(); ++j) {
    const Instr& in = t.instrs[j];
    if (in.kind != InstrKind::Op) continue;
    auto order = [&](uint32_t i, bool iWroteGm) {
      if (i == j) return;
      bool commit = iWroteGm && t.instrs[i].pipe != in.pipe;
      uint32_t from = commit ? g.commitNode(i) : HbGraph::endNode(i);
      if (orderedFor[from] == j) return;
      orderedFor[from] = j;
      // A dependency edge: v >= u, like a drain.
      out.push_back({from, HbGraph::startNode(j), 0, HbRule::Drain});
    };
    const uint16_t total = uint16_t(in.nWrites + in.nReads);
    for (uint16_t x = 0; x < total; ++x) {
      const Access& a = t.accesses[in.accBegin + x];
      bool write = x < in.nWrites;
      auto& map = mem[size_t(a.space)];
      auto [lo, hi] = map.cover(a.lo, a.hi, empty);
      for (size_t s = lo; s < hi; ++s) {
        const LastAccess& la = map.segs()[s].val;
        if (la.writer >= 0) order(uint32_t(la.writer), a.space == Space::GM);
        if (write)
          for (uint32_t r : la.readers) order(r, false);
      }
    }
    for (uint16_t x = 0; x < total; ++x) {
      const Access& a = t.accesses[in.accBegin + x];
      auto& map = mem[size_t(a.space)];
      auto [lo, hi] = map.cover(a.lo, a.hi, empty);
      for (size_t s = lo; s < hi; ++s) {
        LastAccess& la = map.segs()[s].val;
        if (x < in.nWrites) {
          la.writer = j;
          la.readers.clear();
        } else if (la.readers.empty() || la.readers.back() != j) {
          la.readers.push_back(j);
        }
      }
    }
  }
  return out;
}

}  // namespace syncsmith::sim
