// Hazards from footprints: may an instance of op a and a later instance of
// op b (related by a Relation on their shared loops) touch overlapping
// bytes of one space, at least one writing? By space and absolute byte
// interval, never by buffer name. A cheap affine test proves most pairs
// disjoint; what it cannot decide is enumerated exactly when small, and
// otherwise assumed to conflict (conservative, so still correct).
#pragma once

#include <deque>
#include <unordered_map>
#include <vector>

#include "sync/Footprint.h"
#include "sync/Instances.h"

namespace syncsmith::sync {

struct RefPair {
  int a = 0, b = 0;  // indices into OpFp::refs of a and b
  bool operator==(const RefPair&) const = default;
};

struct ConflictResult {
  bool any = false;
  bool gmWrite = false;   // a GM write of a is involved (needs a commit)
  bool rawOrWaw = false;  // a writes what b touches
  bool war = false;       // b writes what a reads
  std::vector<RefPair> pairs;
};

class ConflictOracle {
 public:
  ConflictOracle(const Program& p, const Footprints& fp, Enumerator& en, bool aliasByName);
  // The result stays valid for the oracle's lifetime.
  const ConflictResult& test(NodeId a, NodeId b, const Relation& rel);
  // False when no instances of a and b can conflict at all, by their
  // bounding boxes alone (cheap; no cache).
  bool mayConflict(NodeId a, NodeId b) const;

 private:
  bool affineDisjoint(const RefFp& ra, NodeId a, const RefFp& rb, NodeId b,
                      const Relation& rel) const;
  ConflictResult compute(NodeId a, NodeId b, const Relation& rel);

  const Program& p_;
  const Footprints& fp_;
  Enumerator& en_;
  bool aliasByName_;
  struct Entry {
    Relation rel;
    ConflictResult result;
    int32_t next = -1;  // the next relation tried for the same (a, b)
  };
  std::deque<Entry> entries_;                    // stable: results are handed out
  std::unordered_map<uint64_t, int32_t> first_;  // (a, b) -> its latest entry
};

}  // namespace syncsmith::sync
