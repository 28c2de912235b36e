#include "oracle/smt/Redundant.h"

#include <algorithm>
#include <chrono>
#include <tuple>

#include "ir/Printer.h"
#include "model/Trace.h"
#include "oracle/smt/ParamPlan.h"

namespace syncsmith {
namespace {

using GroupKey = std::tuple<const ForStmt*, Pipe, Pipe, std::string>;

struct FlagStmt {
  size_t index;
  const Stmt* stmt;
  const SyncStmt* sync;
  const Block* block;  // the block the statement sits in
  size_t position;     // its position there
};

class UnitFinder {
 public:
  UnitFinder(const Kernel& k, const std::map<const Stmt*, std::set<int64_t>>& ids) : ids_(ids) {
    size_t n = 0;
    forEachStmt(k.body, [&](const Stmt& s) { index_[&s] = n++; });
    walk(k.body, nullptr);
  }

  std::vector<RedundancyUnit> units() {
    std::vector<RedundancyUnit> out = singles_;
    std::set<size_t> claimed;
    // Innermost loops first (reverse preorder), so that a loop's primes and
    // drains, which sit in the enclosing body, leave that body's groups.
    for (auto l = loops_.rbegin(); l != loops_.rend(); ++l) {
      const auto& [loop, where] = *l;
      for (auto& [key, members] : groups_) {
        if (std::get<0>(key) != loop) continue;
        RedundancyUnit u;
        std::set<int64_t> values;
        for (const FlagStmt& f : members) {
          if (claimed.count(f.index)) continue;
          u.stmts.push_back(f.index);
          values.insert(idsOf(f.stmt).begin(), idsOf(f.stmt).end());
        }
        if (u.stmts.empty()) continue;
        attach(where, std::get<1>(key), std::get<2>(key), values, claimed, u);
        out.push_back(std::move(u));
      }
    }
    for (auto& [key, members] : groups_) {
      if (std::get<0>(key) != nullptr) continue;
      RedundancyUnit u;
      for (const FlagStmt& f : members)
        if (!claimed.count(f.index)) u.stmts.push_back(f.index);
      if (!u.stmts.empty()) out.push_back(std::move(u));
    }
    for (auto& u : out) std::sort(u.stmts.begin(), u.stmts.end());
    std::sort(out.begin(), out.end(), [](const RedundancyUnit& a, const RedundancyUnit& b) {
      return a.stmts.front() < b.stmts.front();
    });
    return out;
  }

 private:
  struct LoopPlace {
    const ForStmt* parent;
    const Block* block;
    size_t position;
  };

  const std::set<int64_t>& idsOf(const Stmt* s) const {
    static const std::set<int64_t> none;
    auto it = ids_.find(s);
    return it == ids_.end() ? none : it->second;
  }

  void walk(const Block& b, const ForStmt* loop) {
    for (size_t p = 0; p < b.size(); ++p) {
      const Stmt& s = b[p];
      if (auto* y = s.sync()) {
        if (y->isFlag())
          groups_[{loop, y->src, y->dst, y->id.expr.str()}].push_back({index_[&s], &s, y, &b, p});
        else
          singles_.push_back({{index_[&s]}});
      } else if (auto* f = s.forLoop()) {
        loops_.push_back({f, {loop, &b, p}});
        walk(f->body, f);
      } else if (auto* i = s.ifStmt()) {
        walk(i->thenBody, loop);
        if (i->elseBody) walk(*i->elseBody, loop);
      }
    }
  }

  // Claims the loop's prime sets and drain waits (see Redundant.h) for `u`.
  void attach(const LoopPlace& where, Pipe src, Pipe dst, const std::set<int64_t>& values,
              std::set<size_t>& claimed, RedundancyUnit& u) {
    size_t lo = 0, hi = where.block->size();
    for (size_t p = where.position; p-- > 0;)
      if ((*where.block)[p].forLoop()) {
        lo = p + 1;
        break;
      }
    for (size_t p = where.position + 1; p < where.block->size(); ++p)
      if ((*where.block)[p].forLoop()) {
        hi = p;
        break;
      }
    for (size_t p = lo; p < hi; ++p) {
      const Stmt& s = (*where.block)[p];
      const SyncStmt* y = s.sync();
      if (!y || !y->isFlag() || y->src != src || y->dst != dst) continue;
      bool before = p < where.position;
      if (before != (y->kind == SyncKind::SetFlag)) continue;
      const auto& mine = idsOf(&s);
      if (mine.empty() || !std::includes(values.begin(), values.end(), mine.begin(), mine.end()))
        continue;
      size_t idx = index_.at(&s);
      if (claimed.insert(idx).second) u.stmts.push_back(idx);
    }
  }

  const std::map<const Stmt*, std::set<int64_t>>& ids_;
  std::map<const Stmt*, size_t> index_;
  std::map<GroupKey, std::vector<FlagStmt>> groups_;
  std::vector<RedundancyUnit> singles_;
  std::vector<std::pair<const ForStmt*, LoopPlace>> loops_;
};

void filterBlock(Block& b, const std::set<size_t>& drop, size_t& counter) {
  Block kept;
  for (Stmt& s : b) {
    size_t idx = counter++;
    if (auto* f = s.forLoop()) filterBlock(f->body, drop, counter);
    if (auto* i = s.ifStmt()) {
      filterBlock(i->thenBody, drop, counter);
      if (i->elseBody) filterBlock(*i->elseBody, drop, counter);
    }
    if (!drop.count(idx)) kept.push_back(std::move(s));
  }
  b = std::move(kept);
}

std::map<const Stmt*, std::set<int64_t>> evaluatedIds(const Kernel& k, const OracleOptions& opts) {
  std::map<const Stmt*, std::set<int64_t>> ids;
  TraceOptions to;
  to.maxInstrs = opts.maxInstrs;
  for (const auto& params : planParams(k, opts.maxParams).assignments) {
    GuardedTrace g = buildGuardedTrace(k, params, to);
    for (const Instr& in : g.trace.instrs)
      if (in.kind == InstrKind::SetFlag || in.kind == InstrKind::WaitFlag)
        ids[in.stmt].insert(in.id);
  }
  return ids;
}

}  // namespace

std::vector<RedundancyUnit> redundancyUnits(const Kernel& k,
                                            const std::map<const Stmt*, std::set<int64_t>>& ids) {
  return UnitFinder(k, ids).units();
}

Kernel withoutStmts(const Kernel& k, const std::set<size_t>& preorder) {
  Kernel out = k;
  size_t counter = 0;
  filterBlock(out.body, preorder, counter);
  return out;
}

std::vector<Finding> findRedundant(const Kernel& k, const OracleOptions& opts,
                                   size_t* unknownUnits) {
  auto start = std::chrono::steady_clock::now();
  std::vector<const Stmt*> byIndex;
  forEachStmt(k.body, [&](const Stmt& s) { byIndex.push_back(&s); });
  std::vector<RedundancyUnit> units = redundancyUnits(k, evaluatedIds(k, opts));

  std::vector<Finding> out;
  std::set<size_t> removed;
  *unknownUnits = 0;
  for (const RedundancyUnit& u : units) {
    OracleOptions sub = opts;
    sub.redundant = false;
    sub.stopAtFirst = true;
    if (opts.timeLimitMs) {
      auto spent = uint64_t(std::chrono::duration_cast<std::chrono::milliseconds>(
                                std::chrono::steady_clock::now() - start)
                                .count());
      if (spent >= opts.timeLimitMs) {
        *unknownUnits += 1;
        continue;
      }
      sub.timeLimitMs = opts.timeLimitMs - spent;
    }
    std::set<size_t> trial = removed;
    trial.insert(u.stmts.begin(), u.stmts.end());
    CheckResult r = checkKernel(withoutStmts(k, trial), sub);
    if (r.verdict == Verdict::Unknown) ++*unknownUnits;
    if (r.verdict != Verdict::Correct) continue;
    removed = std::move(trial);
    Finding f;
    f.kind = FindingKind::Redundant;
    for (size_t idx : u.stmts) {
      Instance in;
      in.line = byIndex[idx]->loc.line;
      in.text = printStmtLine(*byIndex[idx]);
      f.instances.push_back(in);
    }
    f.message = u.stmts.size() == 1 ? "removing it keeps the kernel correct"
                                    : "removing these " + std::to_string(u.stmts.size()) +
                                          " statements together keeps the kernel correct";
    f.witness.model = opts.model;
    out.push_back(std::move(f));
  }
  return out;
}

}  // namespace syncsmith
