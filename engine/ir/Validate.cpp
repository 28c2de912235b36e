#include "ir/Validate.h"

#include <algorithm>
#include <set>

namespace syncsmith {
namespace {

// Names, spaces, pipes: everything that does not depend on values.
class StaticChecker {
 public:
  StaticChecker(const Kernel& k, const BufferTable& buffers, const std::string& file)
      : k_(k), buffers_(buffers), file_(file) {}

  void run() {
    for (const Buffer& b : k_.buffers) declare(b.name, b.loc);
    for (const Param& p : k_.params) declare(p.name, p.loc);
    checkBlock(k_.body);
  }

 private:
  [[noreturn]] void fail(SrcLoc loc, const std::string& msg) const {
    throw InputError(file_, loc, msg);
  }
  void declare(const std::string& name, SrcLoc loc) {
    if (!scope_.insert(name).second) fail(loc, "duplicate name '" + name + "'");
  }

  void checkExpr(const Expr& e) {
    switch (e.kind()) {
      case Expr::Kind::Const: return;
      case Expr::Kind::Var:
        if (!scope_.count(e.name()))
          fail(e.loc(), "undeclared name '" + e.name() + "'");
        if (buffers_.find(e.name()))
          fail(e.loc(), "'" + e.name() + "' is a buffer, not an integer");
        return;
      case Expr::Kind::Neg: checkExpr(e.operand()); return;
      default:
        checkExpr(e.lhs());
        checkExpr(e.rhs());
        if ((e.kind() == Expr::Kind::Div || e.kind() == Expr::Kind::Mod) &&
            e.rhs().constantValue() == 0)
          fail(e.rhs().loc(), "division by zero");
    }
  }

  void checkPipeOnCore(Pipe p, SrcLoc loc, const char* what) {
    if (!pipeOnCore(p, k_.core()))
      fail(loc, std::string(what) + " on pipe " + std::string(pipeName(p)) +
                    ", which a " + std::string(coreName(k_.core())) +
                    " core does not have");
  }

  void checkRef(const Ref& r, SpaceMask allowed, const OpStmt& op) {
    const Buffer* b = buffers_.find(r.buffer);
    if (!b) {
      if (scope_.count(r.buffer))
        fail(r.loc, "'" + r.buffer + "' is not a buffer");
      fail(r.loc, "undeclared buffer '" + r.buffer + "'");
    }
    if (!(allowed & maskOf(b->space))) {
      std::string expected;
      for (int s = 0; s < kNumSpaces; ++s)
        if (allowed & maskOf(Space(s)))
          expected += (expected.empty() ? "" : " or ") + std::string(spaceName(Space(s)));
      if (expected.empty()) expected = "no buffer";
      fail(r.loc, "op '" + op.name + "' cannot access '" + r.buffer + "' in " +
                      std::string(spaceName(b->space)) + " here (expected " +
                      expected + ")");
    }
    if (b->slotted() && !r.slot)
      fail(r.loc, "slotted buffer '" + r.buffer + "' needs a slot index, as '" +
                      r.buffer + "[i]'");
    if (!b->slotted() && r.slot)
      fail(r.slot->loc(), "slot index on unslotted buffer '" + r.buffer +
                              "' (a byte range is written [start:end])");
    if (r.slot) checkExpr(*r.slot);
    if (r.lo) checkExpr(*r.lo), checkExpr(*r.hi);
  }

  void checkOp(const Stmt& s, const OpStmt& op) {
    checkPipeOnCore(op.pipe, s.loc, ("op '" + op.name + "'").c_str());
    SpaceMask w = kAnySpace, rd = kAnySpace;
    if (!op.isExec()) {
      OpInfo info = *lookupOp(op.name);
      w = info.writes;
      rd = info.reads;
    }
    for (const Ref& r : op.writes) checkRef(r, w, op);
    for (const Ref& r : op.reads) checkRef(r, rd, op);
  }

  void checkSync(const Stmt& s, const SyncStmt& y) {
    switch (y.kind) {
      case SyncKind::SetFlag:
      case SyncKind::WaitFlag:
        // Off-core pipes and ids out of range are BAD_EVENT_ID, not errors.
        checkExpr(y.id.expr);
        return;
      case SyncKind::Barrier:
        if (!y.all) checkPipeOnCore(y.src, s.loc, "pipe_barrier");
        return;
      case SyncKind::Fence:
        checkPipeOnCore(y.src, s.loc, "gm_fence");
        return;
    }
  }

  void checkBlock(const Block& b) {
    for (const Stmt& s : b) {
      if (auto* op = s.op()) {
        checkOp(s, *op);
      } else if (auto* y = s.sync()) {
        checkSync(s, *y);
      } else if (auto* f = s.forLoop()) {
        checkExpr(f->lo);
        checkExpr(f->hi);
        if (scope_.count(f->var))
          fail(s.loc, "loop variable '" + f->var + "' shadows a name in scope");
        scope_.insert(f->var);
        checkBlock(f->body);
        scope_.erase(f->var);
      } else if (auto* i = s.ifStmt()) {
        if (!i->cond.runtime) checkExpr(i->cond.lhs), checkExpr(i->cond.rhs);
        checkBlock(i->thenBody);
        if (i->elseBody) checkBlock(*i->elseBody);
      }
    }
  }

  const Kernel& k_;
  const BufferTable& buffers_;
  const std::string& file_;
  std::set<std::string> scope_;
};

void checkLayout(const Kernel& k, const std::string& file) {
  for (const Buffer& b : k.buffers) {
    auto cap = capacity(b.space);
    if (cap && b.base + b.size > *cap)
      throw InputError(file, b.loc,
                       "buffer '" + b.name + "' ends at byte " +
                           std::to_string(b.base + b.size) + ", over the " +
                           std::to_string(*cap) + "-byte capacity of " +
                           std::string(spaceName(b.space)));
  }
}

std::string describeEnv(const Env& env) {
  std::string s;
  for (const auto& [n, v] : env.vars())
    s += (s.empty() ? "" : ", ") + n + "=" + std::to_string(v);
  return s.empty() ? "" : " (at " + s + ")";
}

// Enumerates every param value and every loop iteration (both arms of every
// if) and evaluates every expression. Stops with `false` past the budget.
class RangeEnumerator {
 public:
  RangeEnumerator(const Kernel& k, const BufferTable& buffers, const std::string& file)
      : k_(k), buffers_(buffers), file_(file) {}

  bool run() {
    return enumerateParams(0);
  }

 private:
  bool enumerateParams(size_t i) {
    if (i == k_.params.size()) return walk(k_.body);
    const Param& p = k_.params[i];
    for (int64_t v = p.lo;; ++v) {
      if (++steps_ > kEnumerationBudget) return false;
      env_.push(p.name, v);
      bool ok = enumerateParams(i + 1);
      env_.pop();
      if (!ok) return false;
      if (v == p.hi) break;
    }
    return true;
  }

  int64_t eval(const Expr& e) {
    ++steps_;
    try {
      return e.eval(env_);
    } catch (const EvalError& err) {
      throw InputError(file_, err.loc(), std::string(err.what()) + describeEnv(env_));
    }
  }

  void checkRef(const Ref& r) {
    const Buffer& b = *buffers_.find(r.buffer);
    if (r.slot) eval(*r.slot);
    if (!r.lo) return;
    int64_t lo = eval(*r.lo), hi = eval(*r.hi);
    int64_t size = b.slotSize();
    if (0 <= lo && lo < hi && hi <= size) return;
    throw InputError(file_, r.loc,
                     "range [" + std::to_string(lo) + ":" + std::to_string(hi) +
                         ") is outside " + (b.slotted() ? "a slot of '" : "'") +
                         r.buffer + "' (" + std::to_string(size) + " bytes)" +
                         describeEnv(env_));
  }

  bool walk(const Block& b) {
    for (const Stmt& s : b) {
      if (steps_ > kEnumerationBudget) return false;
      if (auto* op = s.op()) {
        for (const Ref& r : op->writes) checkRef(r);
        for (const Ref& r : op->reads) checkRef(r);
      } else if (auto* y = s.sync()) {
        if (y->isFlag()) eval(y->id.expr);
      } else if (auto* f = s.forLoop()) {
        int64_t lo = eval(f->lo), hi = eval(f->hi), step = f->stepValue();
        env_.push(f->var, lo);
        for (int64_t v = lo; v < hi; v += step) {
          env_.set(f->var, v);
          if (!walk(f->body)) return false;
          if (hi - v <= step) break;  // no overflow past hi
        }
        env_.pop();
      } else if (auto* i = s.ifStmt()) {
        if (!i->cond.runtime) eval(i->cond.lhs), eval(i->cond.rhs);
        if (!walk(i->thenBody)) return false;
        if (i->elseBody && !walk(*i->elseBody)) return false;
      }
    }
    return true;
  }

  const Kernel& k_;
  const BufferTable& buffers_;
  const std::string& file_;
  Env env_;
  int64_t steps_ = 0;
};

// Interval arithmetic fallback for kernels too large to enumerate.
struct Interval {
  int64_t lo, hi;
};

class IntervalChecker {
 public:
  IntervalChecker(const Kernel& k, const BufferTable& buffers, const std::string& file)
      : k_(k), buffers_(buffers), file_(file) {
    for (const Param& p : k.params) vars_.push_back({p.name, {p.lo, p.hi}});
  }

  void run() { walk(k_.body); }

 private:
  [[noreturn]] void fail(SrcLoc loc, const std::string& msg) const {
    throw InputError(file_, loc, msg + " (too many iterations to enumerate; "
                                       "checked with interval bounds)");
  }

  Interval lookup(const std::string& n) const {
    for (auto it = vars_.rbegin(); it != vars_.rend(); ++it)
      if (it->first == n) return it->second;
    return {0, 0};
  }

  static Interval hull(std::initializer_list<__int128> vals) {
    __int128 lo = *std::min_element(vals.begin(), vals.end());
    __int128 hi = *std::max_element(vals.begin(), vals.end());
    auto clamp = [](__int128 v) {
      if (v > INT64_MAX) return INT64_MAX;
      if (v < INT64_MIN) return INT64_MIN;
      return int64_t(v);
    };
    return {clamp(lo), clamp(hi)};
  }

  Interval eval(const Expr& e) {
    switch (e.kind()) {
      case Expr::Kind::Const: return {e.value(), e.value()};
      case Expr::Kind::Var: return lookup(e.name());
      case Expr::Kind::Neg: {
        Interval a = eval(e.operand());
        return hull({-__int128(a.lo), -__int128(a.hi)});
      }
      default: break;
    }
    Interval a = eval(e.lhs()), b = eval(e.rhs());
    switch (e.kind()) {
      case Expr::Kind::Add: return hull({__int128(a.lo) + b.lo, __int128(a.hi) + b.hi});
      case Expr::Kind::Sub: return hull({__int128(a.lo) - b.hi, __int128(a.hi) - b.lo});
      case Expr::Kind::Mul:
        return hull({__int128(a.lo) * b.lo, __int128(a.lo) * b.hi,
                     __int128(a.hi) * b.lo, __int128(a.hi) * b.hi});
      case Expr::Kind::Div:
      case Expr::Kind::Mod:
        if (b.lo <= 0 && b.hi >= 0) fail(e.rhs().loc(), "divisor may be zero");
        if (e.kind() == Expr::Kind::Div)
          return hull({floorDiv(a.lo, b.lo), floorDiv(a.lo, b.hi),
                       floorDiv(a.hi, b.lo), floorDiv(a.hi, b.hi)});
        if (b.lo > 0) return {0, b.hi - 1};
        return {b.lo + 1, 0};
      default: return {0, 0};
    }
  }

  void checkRef(const Ref& r) {
    const Buffer& b = *buffers_.find(r.buffer);
    if (r.slot) eval(*r.slot);
    if (!r.lo) return;
    Interval lo = eval(*r.lo), hi = eval(*r.hi);
    if (lo.lo >= 0 && hi.hi <= b.slotSize() && lo.hi < hi.lo) return;
    fail(r.loc, "cannot prove the range of '" + r.buffer + "' inside its " +
                    std::to_string(b.slotSize()) + " bytes");
  }

  void walk(const Block& b) {
    for (const Stmt& s : b) {
      if (auto* op = s.op()) {
        for (const Ref& r : op->writes) checkRef(r);
        for (const Ref& r : op->reads) checkRef(r);
      } else if (auto* y = s.sync()) {
        if (y->isFlag()) eval(y->id.expr);
      } else if (auto* f = s.forLoop()) {
        Interval lo = eval(f->lo), hi = eval(f->hi);
        if (lo.lo >= hi.hi) continue;  // never runs
        vars_.push_back({f->var, {lo.lo, hi.hi - 1}});
        walk(f->body);
        vars_.pop_back();
      } else if (auto* i = s.ifStmt()) {
        if (!i->cond.runtime) eval(i->cond.lhs), eval(i->cond.rhs);
        walk(i->thenBody);
        if (i->elseBody) walk(*i->elseBody);
      }
    }
  }

  const Kernel& k_;
  const BufferTable& buffers_;
  const std::string& file_;
  std::vector<std::pair<std::string, Interval>> vars_;
};

}  // namespace

void validateKernel(Kernel& k, const std::string& file) {
  BufferTable buffers(k);  // layoutBuffers() changes addresses only
  StaticChecker(k, buffers, file).run();
  layoutBuffers(k);
  checkLayout(k, file);
  if (!RangeEnumerator(k, buffers, file).run()) IntervalChecker(k, buffers, file).run();
}

}  // namespace syncsmith
