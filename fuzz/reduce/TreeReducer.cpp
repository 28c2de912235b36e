// Stage 2: hierarchical delta debugging on the kernel tree (Misherghi & Su)
// plus C-Reduce-style replacement passes, repeated until a fixpoint. Every
// accepted candidate is interesting, valid and strictly smaller (KernelSize),
// so the loop terminates.
#include <functional>

#include "reduce/Stages.h"

namespace syncsmith::reduce::detail {
namespace {

// A statement: its block and its index in that block.
struct Pos {
  BlockPath block;
  size_t index = 0;
};

std::vector<Pos> positions(const Kernel& k) {
  std::vector<Pos> out;
  for (const BlockPath& p : blockPaths(k)) {
    const Block* b = blockAt(k, p);
    for (size_t i = 0; i < b->size(); ++i) out.push_back({p, i});
  }
  return out;
}

Stmt* stmtAt(Kernel& k, const Pos& p) {
  Block* b = blockAt(k, p.block);
  return b && p.index < b->size() ? &(*b)[p.index] : nullptr;
}

// Replaces the statement at p by the statements of `inner`.
void splice(Kernel& k, const Pos& p, Block inner) {
  Block* b = blockAt(k, p.block);
  auto at = b->erase(b->begin() + int64_t(p.index));
  b->insert(at, std::make_move_iterator(inner.begin()), std::make_move_iterator(inner.end()));
}

using Edit = std::function<bool(Kernel&)>;

class TreeReducer {
 public:
  TreeReducer(Kernel k, Tester& tester, const ReduceOptions& opts, ReduceStats& stats)
      : tester_(tester), opts_(opts), stats_(stats) {
    auto v = tester_.validate(k);
    size_ = v ? v->size : KernelSize{};
    cur_ = v ? std::move(v->kernel) : std::move(k);
  }

  Kernel run() {
    for (int round = 0; round < opts_.maxRounds && !tester_.exhausted(); ++round) {
      ++stats_.rounds;
      bool progress = false;
      progress |= deleteStatements();
      progress |= statementPass();
      progress |= paramPass();
      progress |= bufferPass();
      progress |= refPass();
      if (!progress) break;
    }
    return cur_;
  }

 private:
  bool tryEdit(const Edit& edit) {
    if (tester_.exhausted()) return false;
    Kernel c = cur_;
    if (!edit(c)) return false;
    auto a = tester_.test(c, &size_);
    if (!a) return false;
    cur_ = std::move(a->kernel);
    size_ = a->size;
    ++stats_.accepted;
    return true;
  }

  // Tries the edits in order; the first accepted one wins.
  bool tryAny(const std::vector<Edit>& edits) {
    for (const Edit& e : edits)
      if (tryEdit(e)) return true;
    return false;
  }

  // HDD: level by level, ddmin-style chunk deletion in every block.
  bool deleteStatements() {
    bool progress = false;
    for (size_t pi = 0;; ++pi) {
      std::vector<BlockPath> paths = blockPaths(cur_);
      if (pi >= paths.size() || tester_.exhausted()) break;
      progress |= ddminBlock(paths[pi]);
    }
    return progress;
  }

  bool ddminBlock(const BlockPath& path) {
    const Block* b = blockAt(cur_, path);
    if (!b || b->empty()) return false;
    bool progress = false;
    for (size_t chunk = b->size();; chunk = (chunk + 1) / 2) {
      for (size_t i = 0;;) {
        const Block* now = blockAt(cur_, path);
        if (!now || i >= now->size()) break;
        bool ok = tryEdit([&](Kernel& k) {
          Block* cb = blockAt(k, path);
          size_t end = std::min(i + chunk, cb->size());
          cb->erase(cb->begin() + int64_t(i), cb->begin() + int64_t(end));
          return true;
        });
        if (ok)
          progress = true;
        else
          i += chunk;
      }
      if (chunk == 1) break;
    }
    return progress;
  }

  // Loops and ifs: unroll to one trip, fewer trips, an arm instead of the if.
  bool statementPass() {
    bool progress = false;
    for (size_t idx = 0;; ++idx) {
      std::vector<Pos> ps = positions(cur_);
      if (idx >= ps.size() || tester_.exhausted()) break;
      const Pos p = ps[idx];
      const Stmt& s = *stmtAt(cur_, p);
      std::vector<Edit> edits;
      if (s.forLoop()) {
        edits.push_back([p](Kernel& k) {  // the body once, with var := lo
          ForStmt f = *stmtAt(k, p)->forLoop();
          substituteBlock(f.body, f.var, f.lo);
          splice(k, p, std::move(f.body));
          return true;
        });
        edits.push_back([p](Kernel& k) {  // one trip
          ForStmt& f = *stmtAt(k, p)->forLoop();
          Expr one = fold(f.lo + Expr::constant(1));
          if (f.hi == one && !f.step) return false;
          f.hi = one;
          f.step.reset();
          return true;
        });
        for (int64_t trips : {2, 3}) {
          edits.push_back([p, trips](Kernel& k) {  // fewer trips
            ForStmt& f = *stmtAt(k, p)->forLoop();
            Expr hi = fold(f.lo + Expr::constant(trips * f.stepValue()));
            if (f.hi == hi) return false;
            f.hi = hi;
            return true;
          });
        }
        edits.push_back([p](Kernel& k) {  // two trips written out
          ForStmt f = *stmtAt(k, p)->forLoop();
          Block twice = f.body, second = f.body;
          substituteBlock(twice, f.var, f.lo);
          substituteBlock(second, f.var, fold(f.lo + Expr::constant(f.stepValue())));
          twice.insert(twice.end(), second.begin(), second.end());
          splice(k, p, std::move(twice));
          return true;
        });
        edits.push_back([p](Kernel& k) {
          ForStmt& f = *stmtAt(k, p)->forLoop();
          if (!f.step) return false;
          f.step.reset();
          return true;
        });
      } else if (s.ifStmt()) {
        edits.push_back([p](Kernel& k) {
          splice(k, p, stmtAt(k, p)->ifStmt()->thenBody);
          return true;
        });
        edits.push_back([p](Kernel& k) {
          IfStmt& i = *stmtAt(k, p)->ifStmt();
          if (!i.elseBody) return false;
          splice(k, p, *i.elseBody);
          return true;
        });
        edits.push_back([p](Kernel& k) {
          IfStmt& i = *stmtAt(k, p)->ifStmt();
          if (!i.elseBody) return false;
          i.elseBody.reset();
          return true;
        });
      } else if (auto* y = s.sync(); y && y->isFlag() && y->id.computed) {
        edits.push_back([p](Kernel& k) {  // a computed id -> its value at 0
          SyncStmt& sy = *stmtAt(k, p)->sync();
          sy.id.computed = false;
          sy.id.expr = Expr::constant(0);
          return true;
        });
      }
      progress |= tryAny(edits);
    }
    return progress;
  }

  // Params: replaced by a constant, or narrowed.
  bool paramPass() {
    bool progress = false;
    for (size_t i = 0; i < cur_.params.size() && !tester_.exhausted(); ++i) {
      const Param p = cur_.params[i];
      auto replaceBy = [i](int64_t v) {
        return [i, v](Kernel& k) {
          std::string name = k.params[i].name;
          k.params.erase(k.params.begin() + int64_t(i));
          substituteBlock(k.body, name, constantExpr(v));
          return true;
        };
      };
      auto narrow = [i](int64_t lo, int64_t hi) {
        return [i, lo, hi](Kernel& k) {
          if (k.params[i].lo == lo && k.params[i].hi == hi) return false;
          k.params[i].lo = lo;
          k.params[i].hi = hi;
          return true;
        };
      };
      if (tryAny({replaceBy(p.lo), replaceBy(p.hi), narrow(p.lo, p.lo), narrow(p.hi, p.hi),
                  narrow(p.lo, p.lo + (p.hi - p.lo) / 2)})) {
        progress = true;
        --i;  // look at the same index again
      }
    }
    return progress;
  }

  // Buffers: drop unused ones, merge into an earlier one, drop slots and @.
  bool bufferPass() {
    bool progress = false;
    for (size_t i = 0; i < cur_.buffers.size() && !tester_.exhausted(); ++i) {
      const Buffer b = cur_.buffers[i];
      std::vector<Edit> edits;
      edits.push_back([i](Kernel& k) {
        if (usesBuffer(k.body, k.buffers[i].name)) return false;
        k.buffers.erase(k.buffers.begin() + int64_t(i));
        return true;
      });
      for (size_t j = 0; j < i; ++j)
        if (cur_.buffers[j].space == b.space)
          edits.push_back([i, j](Kernel& k) {
            renameBufferRefs(k.body, k.buffers[i].name, k.buffers[j].name);
            k.buffers.erase(k.buffers.begin() + int64_t(i));
            return true;
          });
      if (b.slotted()) {
        edits.push_back([i](Kernel& k) {
          std::string name = k.buffers[i].name;
          k.buffers[i].slots.reset();
          forEachRef(k.body, [&](Ref& r) {
            if (r.buffer == name) r.slot.reset();
          });
          return true;
        });
        if (*b.slots > 2 && b.size % 2 == 0)
          edits.push_back([i](Kernel& k) {
            k.buffers[i].slots = 2;
            return true;
          });
      }
      if (b.addr)
        edits.push_back([i](Kernel& k) {
          k.buffers[i].addr.reset();
          return true;
        });
      if (tryAny(edits)) {
        progress = true;
        --i;
      }
    }
    return progress;
  }

  // Refs of ops: drop one, drop its range, constant slot and range.
  bool refPass() {
    bool progress = false;
    for (size_t idx = 0;; ++idx) {
      std::vector<Pos> ps = positions(cur_);
      if (idx >= ps.size() || tester_.exhausted()) break;
      const Pos p = ps[idx];
      const OpStmt* op = stmtAt(cur_, p)->op();
      if (!op) continue;
      size_t nRefs = op->writes.size() + op->reads.size();
      for (size_t r = 0; r < nRefs && !tester_.exhausted(); ++r) {
        auto refOf = [p, r](Kernel& k) -> Ref* {
          OpStmt* o = stmtAt(k, p)->op();
          if (!o || r >= o->writes.size() + o->reads.size()) return nullptr;
          return r < o->writes.size() ? &o->writes[r] : &o->reads[r - o->writes.size()];
        };
        std::vector<Edit> edits;
        edits.push_back([p, r](Kernel& k) {
          OpStmt* o = stmtAt(k, p)->op();
          if (!o || r >= o->writes.size() + o->reads.size()) return false;
          if (r < o->writes.size())
            o->writes.erase(o->writes.begin() + int64_t(r));
          else
            o->reads.erase(o->reads.begin() + int64_t(r - o->writes.size()));
          return true;
        });
        edits.push_back([refOf](Kernel& k) {
          Ref* x = refOf(k);
          if (!x || !x->lo) return false;
          x->lo.reset();
          x->hi.reset();
          return true;
        });
        edits.push_back([refOf](Kernel& k) {
          Ref* x = refOf(k);
          if (!x || !x->slot || x->slot->constantValue()) return false;
          x->slot = Expr::constant(0);
          return true;
        });
        edits.push_back([refOf](Kernel& k) {
          Ref* x = refOf(k);
          if (!x || !x->lo || (x->lo->constantValue() && x->hi->constantValue())) return false;
          auto len = fold(*x->hi - *x->lo).constantValue();
          if (!len || *len < 1) return false;
          x->lo = Expr::constant(0);
          x->hi = Expr::constant(*len);
          return true;
        });
        if (tryAny(edits)) {
          progress = true;
          if (r > 0) --r;  // the refs shifted or changed: look again
        }
      }
    }
    return progress;
  }

  Tester& tester_;
  const ReduceOptions& opts_;
  ReduceStats& stats_;
  Kernel cur_;
  KernelSize size_;
};

}  // namespace

Kernel reduceTree(Kernel k, Tester& tester, const ReduceOptions& opts, ReduceStats& stats) {
  return TreeReducer(std::move(k), tester, opts, stats).run();
}

}  // namespace syncsmith::reduce::detail
