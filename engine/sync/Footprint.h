// What each op touches: its refs compiled to absolute byte intervals of a
// space (Buffer::base after layout + slot * slotSize + range), affine in
// the loop variables where the text is, with a bounding box over every
// param value and iteration for the cheap relevance index.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sync/Program.h"

namespace syncsmith::sync {

struct RefFp {
  const Buffer* buffer = nullptr;
  Space space = Space::UB;
  bool write = false;
  int64_t base = 0, slots = 1, slotSize = 0;
  bool slotted = false;
  CExpr slot;         // slotted only
  Expr slotExpr;      // as written
  Expr slotNorm;      // slotExpr without an outer `% m` where slots divides m
  CExpr slotNormC;    // slotNorm compiled
  Interval slotIdx;   // bounds of the slot index
  bool hasRange = false;
  CExpr lo, hi;       // relative to the slot / buffer
  Interval box;       // absolute [box.lo, box.hi) over all instances
  bool exact = false; // slot and range are constants: every instance is `box`
  // Absolute [lo, hi) for one instance.
  std::pair<int64_t, int64_t> at(const int64_t* params, const int64_t* loops) const;
};

struct OpFp {
  std::vector<RefFp> refs;  // writes first, then reads
  int nWrites = 0;
  bool writesGm = false;
};

class Footprints {
 public:
  explicit Footprints(const Program& p);
  const OpFp& of(NodeId n) const { return fp_[size_t(n)]; }

 private:
  RefFp compileRef(const Program& p, const Ref& r, BlockId b, bool write) const;
  std::vector<OpFp> fp_;  // indexed by node; empty for non-ops
  BufferTable buffers_;
};

}  // namespace syncsmith::sync
