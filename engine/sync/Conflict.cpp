#include "sync/Conflict.h"

#include <algorithm>

namespace syncsmith::sync {
namespace {

// Variables of the affine test: params, each side's loop variables (y's
// shared ones rewritten through the relation) and fresh bounded unknowns.
class AffineSpace {
 public:
  AffineSpace(const Program& p, const Relation& rel) : p_(p), rel_(rel) {
    for (const Interval& r : p.paramRange) ranges_.push_back(r);
  }
  int fresh(Interval r) {
    ranges_.push_back(r);
    return int(ranges_.size() - 1);
  }
  // A linear form of program variables, seen from side 0 (x) or 1 (y).
  Linear translate(const Linear& in, int side) {
    Linear out{in.constant, {}};
    for (const auto& [v, c] : in.terms) out = linAdd(out, linScale(term(v, side), c));
    return out;
  }
  Linear ofExpr(const CExpr& e, int side, Interval clampTo) {
    if (auto l = e.linear()) return translate(*l, side);
    Interval r = e.range(p_.paramRange.data(), p_.loopBox.data());
    r.lo = std::clamp(r.lo, clampTo.lo, clampTo.hi);
    r.hi = std::clamp(r.hi, clampTo.lo, clampTo.hi);
    return var(fresh(r));
  }
  int64_t maxOf(const Linear& l) const {
    int64_t m = l.constant;
    for (const auto& [v, c] : l.terms) {
      const Interval& r = ranges_[size_t(v.index)];
      m = satAdd(m, satMul(c, c > 0 ? r.hi : r.lo));
    }
    return m;
  }
  const Interval& range(int v) const { return ranges_[size_t(v)]; }
  static Linear var(int v) { return Linear{0, {{VarRef{false, v}, 1}}}; }

 private:
  int loopVar(int side, LoopId l) {
    auto key = std::make_pair(side, l);
    auto it = vars_.find(key);
    if (it != vars_.end()) return it->second;
    Interval r = p_.loops[size_t(l)].var;
    if (side >= 2) r = {0, 0};  // distance variable, set by caller
    int v = fresh(r);
    vars_[key] = v;
    return v;
  }
  Linear term(VarRef v, int side) {
    if (!v.loop) return var(v.index);
    LoopId l = v.index;
    if (side == 0) return var(loopVar(0, l));
    for (const LoopRel& r : rel_) {
      if (r.loop != l) continue;
      const LoopInfo& L = p_.loops[size_t(l)];
      switch (r.mode) {
        case Mode::Same: return var(loopVar(0, l));
        case Mode::Dist: {
          Linear out = var(loopVar(0, l));
          out.constant = satMul(r.d, L.step);
          return out;
        }
        case Mode::AtLeast: {
          int t = loopVar(2, l);
          ranges_[size_t(t)] = {r.d, std::max(r.d, L.maxTrip - 1)};
          Linear out = var(loopVar(0, l));
          return linAdd(out, linScale(var(t), L.step));
        }
        case Mode::Free: return var(loopVar(1, l));
        case Mode::Behind: {
          int t = loopVar(3, l);
          ranges_[size_t(t)] = {r.d, std::max(r.d, L.maxTrip - 1)};
          Linear out = var(loopVar(0, l));
          return linAdd(out, linScale(var(t), -L.step));
        }
      }
    }
    return var(loopVar(1, l));
  }

  const Program& p_;
  const Relation& rel_;
  std::vector<Interval> ranges_;
  std::map<std::pair<int, LoopId>, int> vars_;
};

// Whether (c0 + c*t) % k can be 0 for t in r.
bool residueZeroPossible(int64_t c0, int64_t c, Interval r, int64_t k) {
  int64_t last = std::min(r.hi, satAdd(r.lo, k - 1));
  for (int64_t t = r.lo; t <= last; ++t)
    if (floorMod(satAdd(c0, satMul(c, t)), k) == 0) return true;
  return false;
}

}  // namespace

ConflictOracle::ConflictOracle(const Program& p, const Footprints& fp, Enumerator& en,
                               bool aliasByName)
    : p_(p), fp_(fp), en_(en), aliasByName_(aliasByName) {}

bool ConflictOracle::affineDisjoint(const RefFp& ra, NodeId, const RefFp& rb, NodeId,
                                    const Relation& rel) const {
  AffineSpace sp(p_, rel);
  auto rangeOf = [&](const RefFp& r, int side, Linear& lo, Linear& hi) {
    Interval clampTo{0, r.slotSize};
    if (r.hasRange) {
      lo = sp.ofExpr(r.lo, side, clampTo);
      hi = sp.ofExpr(r.hi, side, clampTo);
    } else {
      lo = Linear{0, {}};
      hi = Linear{r.slotSize, {}};
    }
  };
  Linear loA, hiA, loB, hiB;
  rangeOf(ra, 0, loA, hiA);
  rangeOf(rb, 1, loB, hiB);
  auto disjoint = [&](const Linear& la, const Linear& ha, const Linear& lb, const Linear& hb) {
    return sp.maxOf(linAdd(hb, la, -1)) <= 0 || sp.maxOf(linAdd(ha, lb, -1)) <= 0;
  };
  if (ra.buffer == rb.buffer && ra.slotted) {
    auto ea = ra.slotNormC.linear();
    auto eb = rb.slotNormC.linear();
    bool sameSlotPossible = true;
    if (ea && eb) {
      Linear delta = linAdd(sp.translate(*eb, 1), sp.translate(*ea, 0), -1);
      if (delta.isConstant()) {
        sameSlotPossible = floorMod(delta.constant, ra.slots) == 0;
      } else if (delta.terms.size() == 1) {
        int v = delta.terms[0].first.index;
        sameSlotPossible = residueZeroPossible(delta.constant, delta.terms[0].second,
                                               sp.range(v), ra.slots);
      }
    }
    if (!sameSlotPossible) return true;
    return disjoint(loA, hiA, loB, hiB);
  }
  auto absolute = [&](const RefFp& r, Linear& lo, Linear& hi) {
    Linear off{r.base, {}};
    if (r.slotted) {
      if (r.slotIdx.lo == r.slotIdx.hi)
        off.constant = satAdd(off.constant, satMul(r.slotIdx.lo, r.slotSize));
      else
        off = linAdd(off, linScale(AffineSpace::var(sp.fresh(r.slotIdx)), r.slotSize));
    }
    lo = linAdd(off, lo);
    hi = linAdd(off, hi);
  };
  absolute(ra, loA, hiA);
  absolute(rb, loB, hiB);
  return disjoint(loA, hiA, loB, hiB);
}

const ConflictResult& ConflictOracle::test(NodeId a, NodeId b, const Relation& rel) {
  int32_t& first = first_.try_emplace((uint64_t(uint32_t(a)) << 32) | uint32_t(b), -1).first->second;
  for (int32_t i = first; i >= 0; i = entries_[size_t(i)].next)
    if (entries_[size_t(i)].rel == rel) return entries_[size_t(i)].result;
  entries_.push_back({rel, compute(a, b, rel), first});
  first = int32_t(entries_.size() - 1);
  return entries_.back().result;
}

bool ConflictOracle::mayConflict(NodeId a, NodeId b) const {
  for (const RefFp& ra : fp_.of(a).refs)
    for (const RefFp& rb : fp_.of(b).refs)
      if (ra.space == rb.space && (ra.write || rb.write) && ra.box.lo < rb.box.hi &&
          rb.box.lo < ra.box.hi)
        return true;
  return false;
}

ConflictResult ConflictOracle::compute(NodeId a, NodeId b, const Relation& rel) {
  ConflictResult out;
  if (!relationPossible(p_, rel)) return out;
  const OpFp& fa = fp_.of(a);
  const OpFp& fb = fp_.of(b);
  std::vector<RefPair> cand;
  for (size_t i = 0; i < fa.refs.size(); ++i)
    for (size_t j = 0; j < fb.refs.size(); ++j) {
      const RefFp& ra = fa.refs[i];
      const RefFp& rb = fb.refs[j];
      if (ra.space != rb.space || (!ra.write && !rb.write)) continue;
      if (aliasByName_ && ra.buffer != rb.buffer) continue;
      if (ra.box.hi <= rb.box.lo || rb.box.hi <= ra.box.lo) continue;
      if (affineDisjoint(ra, a, rb, b, rel)) continue;
      cand.push_back({int(i), int(j)});
    }
  if (cand.empty()) return out;
  std::vector<bool> hit(cand.size(), false);
  size_t hits = 0;
  const std::vector<Step>& xPath = p_.blocks[p_.nodes[a].parent].path;
  const std::vector<Step>& yPath = p_.blocks[p_.nodes[b].parent].path;
  auto outcome = en_.run(xPath, yPath, rel,
                         [&](const int64_t* params, const int64_t* xl, const int64_t* yl) {
                           for (size_t c = 0; c < cand.size(); ++c) {
                             if (hit[c]) continue;
                             auto [alo, ahi] = fa.refs[size_t(cand[c].a)].at(params, xl);
                             auto [blo, bhi] = fb.refs[size_t(cand[c].b)].at(params, yl);
                             if (alo < bhi && blo < ahi) hit[c] = true, ++hits;
                           }
                           return hits == cand.size();
                         });
  if (outcome == Enumerator::Outcome::OverBudget) std::fill(hit.begin(), hit.end(), true);
  for (size_t c = 0; c < cand.size(); ++c) {
    if (!hit[c]) continue;
    const RefFp& ra = fa.refs[size_t(cand[c].a)];
    out.any = true;
    out.pairs.push_back(cand[c]);
    if (ra.write) {
      out.rawOrWaw = true;
      if (ra.space == Space::GM) out.gmWrite = true;
    } else {
      out.war = true;
    }
  }
  return out;
}

}  // namespace syncsmith::sync
