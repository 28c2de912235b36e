#include "sync/Lanes.h"

#include <algorithm>

namespace syncsmith::sync {
namespace {

std::vector<RefPair> conflictingRefs(Context& cx, const Hazard& h, LoopId carried) {
  if (carried == kNone) return cx.conflicts.test(h.a, h.b, h.rel).pairs;
  std::vector<RefPair> out;
  for (Mode m : {Mode::Dist, Mode::AtLeast}) {
    Relation rel = h.rel;
    for (LoopRel& r : rel)
      if (r.loop == carried) r.mode = m, r.d = m == Mode::Dist ? 1 : 2;
    for (const RefPair& rp : cx.conflicts.test(h.a, h.b, rel).pairs)
      if (std::find(out.begin(), out.end(), rp) == out.end()) out.push_back(rp);
  }
  return out;
}

// The slot expression k lanes can follow, or nothing.
std::optional<std::pair<int64_t, const RefFp*>> commonSlot(Context& cx, const Hazard& h,
                                                           const std::vector<RefPair>& pairs) {
  const OpFp& fa = cx.fp.of(h.a);
  const OpFp& fb = cx.fp.of(h.b);
  const RefFp* first = nullptr;
  for (const RefPair& rp : pairs) {
    const RefFp& ra = fa.refs[size_t(rp.a)];
    const RefFp& rb = fb.refs[size_t(rp.b)];
    if (ra.buffer != rb.buffer || !ra.slotted || ra.slots < 2) return std::nullopt;
    if (!(ra.slotNorm == rb.slotNorm)) return std::nullopt;
    auto la = ra.slotNormC.linear();
    auto lb = rb.slotNormC.linear();
    if (!la || !lb || la->terms != lb->terms || la->constant != lb->constant) return std::nullopt;
    if (first && (first->buffer != ra.buffer || !(first->slotNorm == ra.slotNorm)))
      return std::nullopt;
    first = &ra;
  }
  if (!first) return std::nullopt;
  return std::make_pair(first->slots, first);
}

Expr laneExprFor(const RefFp& r) {
  const Expr& e = r.slotExpr;
  if (e.kind() == Expr::Kind::Mod && e.rhs().constantValue() == r.slots) return e;
  return r.slotNorm % Expr::constant(r.slots);
}

// A pair carried by `carried` whose slot steps with a loop L2 directly in
// its body, around both ops (`a0[kk]` in `for k { for kk in 0..2 {...} }`):
// the set and wait go inside L2, with ids chosen by the slot. Each outer
// iteration runs L2 over the same range (its bounds have no loop variable)
// and touches each lane at most once (distinct slots for its iterations), so
// the wait of iteration (k, kk) takes the set of (k-1, kk), or a prime.
std::optional<LaneChoice> nestedLanes(Context& cx, const Hazard& h, LoopId carried,
                                      const Linear& lin, int k, Expr expr) {
  const Program& p = cx.prog;
  const std::vector<LoopId>& la = p.loopsOf(h.a);
  const std::vector<LoopId>& lb = p.loopsOf(h.b);
  auto at = std::find(la.begin(), la.end(), carried);
  if (at == la.end() || at + 1 == la.end()) return std::nullopt;
  LoopId inner = *(at + 1);
  if (std::find(lb.begin(), lb.end(), inner) == lb.end()) return std::nullopt;
  const LoopInfo& L2 = p.loops[size_t(inner)];
  if (p.nodes[L2.node].parent != p.loops[size_t(carried)].body) return std::nullopt;
  // The slot: the inner variable and outer-than-`carried` ones only.
  const std::vector<LoopId>& outer = p.blocks[p.nodes[p.loops[size_t(carried)].node].parent].loops;
  for (const auto& [v, c] : lin.terms)
    if (v.loop && v.index != inner && std::find(outer.begin(), outer.end(), v.index) == outer.end())
      return std::nullopt;
  int64_t coeff = lin.coeff(VarRef{true, inner}) * L2.step;
  if (!innerLanesDistinct(L2, coeff, k)) return std::nullopt;
  return LaneChoice{k, std::move(expr), inner, coeff};
}

}  // namespace

bool innerLanesDistinct(const LoopInfo& L, int64_t coeff, int k) {
  for (const CExpr* bound : {&L.lo, &L.hi}) {
    std::vector<VarRef> vars;
    bound->vars(vars);
    for (const VarRef& v : vars)
      if (v.loop) return false;
  }
  if (L.maxTrip < 2 || L.maxTrip > k) return false;
  for (int64_t d = 1; d < L.maxTrip; ++d)
    if (floorMod(satMul(coeff, d), k) == 0) return false;
  return true;
}

std::optional<LaneChoice> chooseLanes(Context& cx, const Hazard& h, LoopId carried,
                                      BlockId pairBlock) {
  if (cx.opts.mode != SyncMode::Opt) return std::nullopt;
  std::vector<RefPair> pairs = conflictingRefs(cx, h, carried);
  if (pairs.empty()) return std::nullopt;
  const Program& p = cx.prog;

  if (cx.has(InjectedBug::IdsByCallCount) && carried != kNone) {
    // The bug: lanes follow the iteration count, whatever the slot mapping.
    const RefFp& ra = cx.fp.of(h.a).refs[size_t(pairs[0].a)];
    if (!ra.slotted || ra.slots < 2 || ra.slots > cx.idCount()) return std::nullopt;
    const std::string& var = p.loops[size_t(carried)].stmt->var;
    return LaneChoice{int(ra.slots), Expr::var(var) % Expr::constant(ra.slots), carried, 0};
  }

  auto slot = commonSlot(cx, h, pairs);
  if (!slot || slot->first > cx.idCount()) return std::nullopt;
  const RefFp& ref = *slot->second;
  Linear lin = *ref.slotNormC.linear();
  // Where the ids are evaluated: every variable must be in scope there and
  // constant across the lane loop's iterations, except the lane loop's own.
  const std::vector<LoopId>& scope =
      carried != kNone ? p.blocks[p.loops[size_t(carried)].body].loops : p.blocks[pairBlock].loops;
  LoopId laneLoop = carried;
  if (laneLoop == kNone)
    for (auto it = scope.rbegin(); it != scope.rend() && laneLoop == kNone; ++it)
      if (lin.coeff(VarRef{true, *it}) != 0) laneLoop = *it;
  if (carried != kNone && lin.coeff(VarRef{true, carried}) == 0)
    return nestedLanes(cx, h, carried, lin, int(slot->first), laneExprFor(ref));
  if (laneLoop == kNone) return std::nullopt;
  auto pos = std::find(scope.begin(), scope.end(), laneLoop);
  if (pos == scope.end()) return std::nullopt;
  for (const auto& [v, c] : lin.terms) {
    if (!v.loop || v.index == laneLoop) continue;
    if (std::find(scope.begin(), pos, v.index) == pos) return std::nullopt;  // not outer
  }
  int64_t coeff = lin.coeff(VarRef{true, laneLoop}) * p.loops[size_t(laneLoop)].step;
  if (floorMod(coeff, slot->first) == 0) return std::nullopt;
  return LaneChoice{int(slot->first), laneExprFor(ref), laneLoop, coeff};
}

}  // namespace syncsmith::sync
