#include "sync/Instances.h"

namespace syncsmith::sync {

bool relationPossible(const Program& p, const Relation& rel) {
  for (const LoopRel& r : rel)
    if ((r.mode == Mode::Dist || r.mode == Mode::AtLeast || r.mode == Mode::Behind) &&
        r.d >= p.loops[size_t(r.loop)].maxTrip)
      return false;
  return true;
}

LoopId carriedLoop(const Relation& rel) {
  for (const LoopRel& r : rel)
    if (r.mode == Mode::Dist || r.mode == Mode::AtLeast) return r.loop;
  return kNone;
}

Enumerator::Enumerator(const Program& p, int64_t budget)
    : p_(p), budget_(budget), xv_(p.loops.size(), 0), yv_(p.loops.size(), 0) {}

const Enumerator::CondC& Enumerator::cond(NodeId ifNode) {
  auto it = conds_.find(ifNode);
  if (it != conds_.end()) return it->second;
  CondC c;
  const Cond& src = p_.nodes[ifNode].stmt->ifStmt()->cond;
  c.runtime = src.runtime;
  if (!src.runtime) {
    c.op = src.op;
    BlockId b = p_.nodes[ifNode].parent;
    c.lhs = p_.compile(src.lhs, b);
    c.rhs = p_.compile(src.rhs, b);
  }
  return conds_.emplace(ifNode, std::move(c)).first->second;
}

int64_t Enumerator::estimate(const std::vector<Step>& xPath, const std::vector<Step>& yPath,
                             const Relation& rel) const {
  int64_t n = 1;
  for (const Interval& r : p_.paramRange) n = satMul(n, satAdd(r.hi - r.lo, 1));
  for (const Step& s : xPath)
    if (s.loop != kNone && !s.zeroTrip) n = satMul(n, std::max<int64_t>(1, p_.loops[size_t(s.loop)].maxTrip));
  for (const Step& s : yPath) {
    if (s.loop == kNone) continue;
    Mode m = Mode::Free;
    for (const LoopRel& r : rel)
      if (r.loop == s.loop) m = r.mode;
    if (m == Mode::Same || m == Mode::Dist) continue;
    n = satMul(n, std::max<int64_t>(1, p_.loops[size_t(s.loop)].maxTrip));
  }
  return n;
}

Enumerator::Outcome Enumerator::run(const std::vector<Step>& xPath,
                                    const std::vector<Step>& yPath, const Relation& rel,
                                    const Visit& visit) {
  if (!relationPossible(p_, rel)) return Outcome::Exhausted;
  if (estimate(xPath, yPath, rel) > budget_) return Outcome::OverBudget;
  xPath_ = &xPath;
  yPath_ = &yPath;
  rel_ = &rel;
  visit_ = &visit;
  work_ = 0;
  over_ = stopped_ = false;
  size_t np = p_.paramRange.size();
  params_.assign(np, 0);
  // xv_ and yv_ keep stale values of loops off both paths: a path assigns
  // its loops' variables (outer first) before anything reads them.
  for (size_t i = 0; i < np; ++i) params_[i] = p_.paramRange[i].lo;
  while (true) {
    walkX(0);
    if (stopped_) return Outcome::Stopped;
    if (over_) return Outcome::OverBudget;
    size_t i = 0;
    for (; i < np; ++i) {
      if (params_[i] < p_.paramRange[i].hi) {
        ++params_[i];
        break;
      }
      params_[i] = p_.paramRange[i].lo;
    }
    if (i == np) return Outcome::Exhausted;
  }
}

bool Enumerator::feasible(const std::vector<Step>& xPath, const std::vector<Step>& yPath,
                          const Relation& rel) {
  Visit stop = [](const int64_t*, const int64_t*, const int64_t*) { return true; };
  return run(xPath, yPath, rel, stop) != Outcome::Exhausted;
}

bool Enumerator::walkX(size_t i) {
  if (i == xPath_->size()) return walkY(0);
  const Step& s = (*xPath_)[i];
  if (s.loop == kNone) {
    const CondC& c = cond(s.ifNode);
    if (!c.runtime) {
      bool taken = compare(c.op, c.lhs.eval(params_.data(), xv_.data()),
                           c.rhs.eval(params_.data(), xv_.data()));
      if (taken == s.elseArm) return false;
    }
    return walkX(i + 1);
  }
  const LoopInfo& L = p_.loops[size_t(s.loop)];
  int64_t lo = L.lo.eval(params_.data(), xv_.data());
  int64_t hi = L.hi.eval(params_.data(), xv_.data());
  if (s.zeroTrip) return lo >= hi ? walkX(i + 1) : false;
  for (int64_t v = lo; v < hi; v = satAdd(v, L.step)) {
    if (++work_ > budget_) return over_ = true;
    xv_[size_t(s.loop)] = v;
    if (walkX(i + 1)) return true;
  }
  return false;
}

// Returns true to unwind (stopped or over budget).
bool Enumerator::walkY(size_t i) {
  if (i == yPath_->size()) {
    if (++work_ > budget_) return over_ = true;
    if ((*visit_)(params_.data(), xv_.data(), yv_.data())) return stopped_ = true;
    return false;
  }
  const Step& s = (*yPath_)[i];
  if (s.loop == kNone) {
    const CondC& c = cond(s.ifNode);
    if (!c.runtime) {
      bool taken = compare(c.op, c.lhs.eval(params_.data(), yv_.data()),
                           c.rhs.eval(params_.data(), yv_.data()));
      if (taken == s.elseArm) return false;
    }
    return walkY(i + 1);
  }
  const LoopInfo& L = p_.loops[size_t(s.loop)];
  Mode mode = Mode::Free;
  int64_t d = 0;
  for (const LoopRel& r : *rel_)
    if (r.loop == s.loop) mode = r.mode, d = r.d;
  if (mode == Mode::Same) {
    yv_[size_t(s.loop)] = xv_[size_t(s.loop)];
    return walkY(i + 1);
  }
  int64_t lo = L.lo.eval(params_.data(), yv_.data());
  int64_t hi = L.hi.eval(params_.data(), yv_.data());
  int64_t from = lo;
  if (mode == Mode::Dist || mode == Mode::AtLeast)
    from = satAdd(xv_[size_t(s.loop)], satMul(d, L.step));
  if (mode == Mode::Behind) hi = std::min(hi, satAdd(xv_[size_t(s.loop)], satMul(1 - d, L.step)));
  for (int64_t v = from; v < hi; v = satAdd(v, L.step)) {
    if (++work_ > budget_) return over_ = true;
    yv_[size_t(s.loop)] = v;
    if (walkY(i + 1)) return true;
    if (mode == Mode::Dist) break;
  }
  return false;
}

}  // namespace syncsmith::sync
