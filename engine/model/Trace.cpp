#include "model/Trace.h"

#include <set>

namespace syncsmith {
namespace {

class Walker {
 public:
  Walker(const Kernel& k, Trace& t, const CondChooser& choose, const TraceOptions& opts,
         GuardedTrace* guarded = nullptr)
      : k_(k), buffers_(k), t_(t), choose_(choose), opts_(opts), g_(guarded) {}

  void run() {
    for (const Param& p : k_.params) env_.push(p.name, t_.params.at(p.name));
    walk(k_.body);
  }

 private:
  Access resolve(const Ref& r) {
    const Buffer& b = *buffers_.find(r.buffer);
    int64_t base = b.base;
    if (r.slot) base += floorMod(r.slot->eval(env_), b.slotCount()) * b.slotSize();
    int64_t lo = 0, hi = b.slotSize();
    if (r.lo) lo = r.lo->eval(env_), hi = r.hi->eval(env_);
    return Access{b.space, base + lo, base + hi};
  }

  Instr& emit(const Stmt& s, InstrKind kind, Pipe pipe) {
    Instr in;
    in.stmt = &s;
    in.kind = kind;
    in.pipe = pipe;
    in.accBegin = uint32_t(t_.accesses.size());
    in.iterBegin = uint32_t(t_.iterValues.size());
    in.depth = uint16_t(loopVars_.size());
    for (const std::string* v : loopVars_) {
      t_.iterValues.push_back(*env_.lookup(*v));
      t_.iterNames.push_back(v);
    }
    t_.instrs.push_back(in);
    if (g_) g_->guardOf.push_back(guard_);
    return t_.instrs.back();
  }

  void emitOp(const Stmt& s, const OpStmt& op) {
    Instr& in = emit(s, InstrKind::Op, op.pipe);
    int64_t wbytes = 0, rbytes = 0;
    for (const Ref& r : op.writes) {
      Access a = resolve(r);
      wbytes += a.hi - a.lo;
      if (a.space == Space::GM) in.writesGm = true;
      t_.accesses.push_back(a);
    }
    for (const Ref& r : op.reads) {
      Access a = resolve(r);
      rbytes += a.hi - a.lo;
      t_.accesses.push_back(a);
    }
    in.nWrites = uint16_t(op.writes.size());
    in.nReads = uint16_t(op.reads.size());
    in.bytes = std::max(wbytes, rbytes);
  }

  void emitSync(const Stmt& s, const SyncStmt& y) {
    switch (y.kind) {
      case SyncKind::SetFlag:
      case SyncKind::WaitFlag: {
        Instr& in = emit(s, y.kind == SyncKind::SetFlag ? InstrKind::SetFlag : InstrKind::WaitFlag,
                         y.pipe());
        in.src = y.src;
        in.dst = y.dst;
        in.id = y.id.expr.eval(env_);
        return;
      }
      case SyncKind::Barrier:
        if (y.all)
          emit(s, InstrKind::BarrierAll, Pipe::S);
        else
          emit(s, InstrKind::Barrier, y.src);
        return;
      case SyncKind::Fence:
        emit(s, InstrKind::Fence, y.src);
        return;
    }
  }

  bool full() {
    if (t_.instrs.size() < opts_.maxInstrs) return false;
    t_.truncated = true;
    return true;
  }

  // A visit of point `index` of block `b` (index b.size(): its end).
  void visit(const void* b, size_t index) {
    if (!opts_.recordPoints) return;
    auto [it, fresh] = pointIds_.try_emplace({b, index}, t_.numPoints);
    if (fresh) ++t_.numPoints;
    t_.points.push_back({it->second, uint32_t(t_.instrs.size())});
  }

  void walk(const Block& b) {
    size_t index = 0;
    for (const Stmt& s : b) {
      if (full()) return;
      visit(&b, index++);
      if (auto* op = s.op()) {
        emitOp(s, *op);
      } else if (auto* y = s.sync()) {
        emitSync(s, *y);
      } else if (auto* f = s.forLoop()) {
        int64_t lo = f->lo.eval(env_), hi = f->hi.eval(env_), step = f->stepValue();
        if (lo >= hi) continue;
        env_.push(f->var, lo);
        loopVars_.push_back(&f->var);
        for (int64_t v = lo;; v += step) {
          env_.set(f->var, v);
          walk(f->body);
          if (t_.truncated || hi - v <= step) break;
        }
        loopVars_.pop_back();
        env_.pop();
      } else if (auto* i = s.ifStmt()) {
        if (g_ && i->cond.runtime) {
          walkAllArms(s, *i);
          continue;
        }
        bool taken;
        if (i->cond.runtime) {
          taken = choose_(i->cond.name, condCount_[i->cond.name]++);
          t_.conds.push_back({i->cond.name, taken});
        } else {
          taken = compare(i->cond.op, i->cond.lhs.eval(env_), i->cond.rhs.eval(env_));
        }
        if (taken)
          walk(i->thenBody);
        else if (i->elseBody)
          walk(*i->elseBody);
        else
          visit(i, 0);  // an else arm the program could add
      }
    }
    if (!t_.truncated) visit(&b, b.size());
  }

  // Guarded mode: both arms, each under its own guard.
  void walkAllArms(const Stmt& s, const IfStmt& i) {
    uint32_t site = uint32_t(g_->sites.size());
    g_->sites.push_back({i.cond.name, guard_, s.loc.line});
    int32_t outer = guard_;
    g_->guards.push_back({outer, site, true});
    guard_ = int32_t(g_->guards.size() - 1);
    walk(i.thenBody);
    g_->guards.push_back({outer, site, false});
    guard_ = int32_t(g_->guards.size() - 1);
    if (i.elseBody && !t_.truncated) walk(*i.elseBody);
    guard_ = outer;
  }

  const Kernel& k_;
  BufferTable buffers_;
  Trace& t_;
  const CondChooser& choose_;
  const TraceOptions& opts_;
  GuardedTrace* g_ = nullptr;
  int32_t guard_ = -1;
  Env env_;
  std::vector<const std::string*> loopVars_;
  std::map<std::string, size_t> condCount_;
  std::map<std::pair<const void*, size_t>, uint32_t> pointIds_;
};

}  // namespace

std::string Trace::describe(size_t index) const {
  const Instr& in = instrs.at(index);
  std::string s = "line " + std::to_string(in.line());
  if (in.depth == 0) return s;
  s += " (";
  for (uint16_t d = 0; d < in.depth; ++d)
    s += (d ? ", " : "") + *iterNames[in.iterBegin + d] + "=" +
         std::to_string(iterValues[in.iterBegin + d]);
  return s + ")";
}

std::vector<std::pair<std::string, int64_t>> Trace::namedIterations(const Instr& in) const {
  std::vector<std::pair<std::string, int64_t>> out;
  for (uint16_t d = 0; d < in.depth; ++d)
    out.emplace_back(*iterNames[in.iterBegin + d], iterValues[in.iterBegin + d]);
  return out;
}

std::map<std::string, std::vector<bool>> Trace::condsByName() const {
  std::map<std::string, std::vector<bool>> out;
  for (const CondOutcome& c : conds) out[c.name].push_back(c.value);
  return out;
}

Trace buildTrace(const Kernel& k, const std::map<std::string, int64_t>& params,
                 const CondChooser& chooseCond, const TraceOptions& opts) {
  Trace t;
  t.kernel = &k;
  t.params = params;
  Walker(k, t, chooseCond, opts).run();
  return t;
}

GuardedTrace buildGuardedTrace(const Kernel& k, const std::map<std::string, int64_t>& params,
                               const TraceOptions& opts) {
  GuardedTrace g;
  g.trace.kernel = &k;
  g.trace.params = params;
  CondChooser never = [](const std::string&, size_t) { return false; };
  Walker(k, g.trace, never, opts, &g).run();
  return g;
}

CondChooser fixedConds(std::map<std::string, std::vector<bool>> outcomes, bool otherwise) {
  return [outcomes = std::move(outcomes), otherwise](const std::string& name, size_t k) {
    auto it = outcomes.find(name);
    if (it == outcomes.end() || k >= it->second.size()) return otherwise;
    return bool(it->second[k]);
  };
}

CondChooser CondEnumerator::chooser() {
  asked_ = 0;
  return [this](const std::string&, size_t) {
    size_t k = asked_++;
    if (k < prefix_.size()) return bool(prefix_[k]);
    prefix_.push_back(false);
    return false;
  };
}

bool CondEnumerator::advance() {
  prefix_.resize(asked_);
  while (!prefix_.empty() && prefix_.back()) prefix_.pop_back();
  if (prefix_.empty()) return false;
  prefix_.back() = true;
  return true;
}

std::vector<std::string> runtimeCondNames(const Kernel& k) {
  std::set<std::string> names;
  forEachStmt(k.body, [&](const Stmt& s) {
    if (auto* i = s.ifStmt(); i && i->cond.runtime) names.insert(i->cond.name);
  });
  return {names.begin(), names.end()};
}

std::optional<std::vector<std::map<std::string, int64_t>>> paramSpace(const Kernel& k,
                                                                      size_t limit) {
  std::vector<std::map<std::string, int64_t>> out(1);
  for (const Param& p : k.params) {
    __int128 width = __int128(p.hi) - p.lo + 1;
    if (width * __int128(out.size()) > __int128(limit)) return std::nullopt;
    std::vector<std::map<std::string, int64_t>> next;
    for (const auto& partial : out)
      for (int64_t v = p.lo;; ++v) {
        auto m = partial;
        m[p.name] = v;
        next.push_back(std::move(m));
        if (v == p.hi) break;
      }
    out = std::move(next);
  }
  return out;
}

}  // namespace syncsmith
