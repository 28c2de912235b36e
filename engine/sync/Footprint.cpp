#include "sync/Footprint.h"

#include <algorithm>
#include <stdexcept>

namespace syncsmith::sync {
namespace {

// `f % m` with slots | m selects the same slot as `f`.
Expr normalizeSlot(const Expr& e, int64_t slots) {
  Expr cur = e;
  while (cur.kind() == Expr::Kind::Mod) {
    auto m = cur.rhs().constantValue();
    if (!m || *m <= 0 || *m % slots != 0) break;
    cur = cur.lhs();
  }
  return cur;
}

}  // namespace

std::pair<int64_t, int64_t> RefFp::at(const int64_t* params, const int64_t* loops) const {
  int64_t start = base;
  if (slotted) start += floorMod(slot.eval(params, loops), slots) * slotSize;
  if (!hasRange) return {start, start + slotSize};
  return {start + lo.eval(params, loops), start + hi.eval(params, loops)};
}

Footprints::Footprints(const Program& p) : fp_(p.nodes.size()), buffers_(p.kernel()) {
  for (NodeId n : p.ops) {
    const OpStmt& op = *p.nodes[n].op();
    BlockId b = p.nodes[n].parent;
    OpFp& f = fp_[size_t(n)];
    for (const Ref& r : op.writes) f.refs.push_back(compileRef(p, r, b, true));
    for (const Ref& r : op.reads) f.refs.push_back(compileRef(p, r, b, false));
    f.nWrites = int(op.writes.size());
    for (int i = 0; i < f.nWrites; ++i) f.writesGm |= f.refs[size_t(i)].space == Space::GM;
  }
}

RefFp Footprints::compileRef(const Program& p, const Ref& r, BlockId b, bool write) const {
  RefFp f;
  const Buffer* buf = buffers_.find(r.buffer);
  if (!buf) throw std::out_of_range("footprint: no buffer '" + r.buffer + "'");
  f.buffer = buf;
  f.space = buf->space;
  f.write = write;
  f.base = buf->base;
  f.slots = buf->slotCount();
  f.slotSize = buf->slotSize();
  const std::vector<Interval>& loopBox = p.loopBox;
  Interval slotIdx{0, 0};
  if (r.slot) {
    f.slotted = true;
    f.slotExpr = *r.slot;
    f.slotNorm = normalizeSlot(*r.slot, f.slots);
    f.slot = p.compile(*r.slot, b);
    f.slotNormC = p.compile(f.slotNorm, b);
    Interval s = f.slot.range(p.paramRange.data(), loopBox.data());
    if (floorDiv(s.lo, f.slots) == floorDiv(s.hi, f.slots))
      slotIdx = {floorMod(s.lo, f.slots), floorMod(s.hi, f.slots)};
    else
      slotIdx = {0, f.slots - 1};
  }
  f.slotIdx = slotIdx;
  int64_t lo = 0, hi = f.slotSize;
  if (r.lo) {
    f.hasRange = true;
    f.lo = p.compile(*r.lo, b);
    f.hi = p.compile(*r.hi, b);
    lo = std::clamp<int64_t>(f.lo.range(p.paramRange.data(), loopBox.data()).lo, 0, f.slotSize);
    hi = std::clamp<int64_t>(f.hi.range(p.paramRange.data(), loopBox.data()).hi, 0, f.slotSize);
  }
  f.box = {f.base + slotIdx.lo * f.slotSize + lo, f.base + slotIdx.hi * f.slotSize + hi};
  std::vector<VarRef> vars;
  if (f.slotted) f.slot.vars(vars);
  if (f.hasRange) f.lo.vars(vars), f.hi.vars(vars);
  f.exact = vars.empty();
  if (f.box.hi <= f.box.lo) f.box.hi = f.box.lo + 1;
  return f;
}

}  // namespace syncsmith::sync
