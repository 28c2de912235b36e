#include "oracle/smt/SmtEngine.h"

#include <algorithm>
#include <memory>
#include <set>

#include "model/PathCheck.h"
#include "oracle/smt/Encoder.h"
#include "oracle/smt/ParamPlan.h"
#include "oracle/smt/Queries.h"
#include "oracle/smt/Witness.h"

namespace syncsmith {
namespace {

class ParamRun {
 public:
  ParamRun(const Kernel& k, const std::map<std::string, int64_t>& params, const OracleOptions& opts,
           Collector& out)
      : k_(k), params_(params), opts_(opts), out_(out) {}

  void run() {
    TraceOptions to;
    to.maxInstrs = opts_.maxInstrs;
    g_ = buildGuardedTrace(k_, params_, to);
    out_.setMax("unrolled_instrs_max", int64_t(g_.trace.instrs.size()));
    out_.setMax("cond_sites_max", int64_t(g_.sites.size()));
    if (g_.trace.truncated) {
      out_.cut("the unrolled program of " + where() + " exceeds " +
               std::to_string(opts_.maxInstrs) + " instructions (--max-instrs)");
      return;
    }
    enc_ = std::make_unique<HbEncoding>(ctx_, g_, opts_.model);
    out_.setMax("smt_time_vars_max", int64_t(enc_->numNodes()));
    out_.setMax("smt_edges_max", int64_t(enc_->edges().size()));
    QueryOptions qo;
    qo.prune = opts_.prune;
    if (!runQuery(badEventIdQuery(*enc_))) return;
    if (!runQuery(danglingQuery(*enc_))) return;
    if (!runQuery(missingSetQuery(*enc_))) return;
    if (!runCycleQuery()) return;
    if (!runQuery(doubleSetQuery(*enc_, qo))) return;
    runQuery(raceQuery(*enc_, qo));
  }

 private:
  std::string where() const {
    return params_.empty() ? std::string("the kernel") : paramText(params_);
  }

  // Everything is difference logic: guarded `b - a >= w`, rank counters
  // `r' = r + 1`, and Boolean structure over those atoms.
  static smt::SolverOptions solverOptions() {
    smt::SolverOptions o;
    o.logic = "QF_IDL";
    return o;
  }

  smt::Solver& pathSolver() {
    if (!path_) {
      path_ = std::make_unique<smt::Solver>(ctx_, solverOptions());
      enc_->assertDefinitions(*path_);
      cycleOn_ = ctx_.boolVar("cycle");
      enc_->assertCycleSearch(*path_, cycleOn_);
    }
    return *path_;
  }

  smt::Solver& scheduleSolver() {
    if (!sched_) {
      sched_ = std::make_unique<smt::Solver>(ctx_, solverOptions());
      enc_->assertDefinitions(*sched_);
      enc_->assertSchedule(*sched_);
    }
    return *sched_;
  }

  // Checks under the per-query timeout and the deadline; false when the
  // check could not run or came back unknown (the search is then cut).
  bool check(smt::Solver& s, const std::vector<smt::Term>& assumptions, const char* what,
             smt::SatResult* r) {
    uint64_t left = out_.remainingMs();
    if (left == 0) {
      out_.cut("the time limit ran out");
      return false;
    }
    unsigned timeout =
        unsigned(std::min<uint64_t>(opts_.timeoutMs ? opts_.timeoutMs : UINT32_MAX, left));
    s.setTimeout(timeout == UINT32_MAX ? 0 : timeout);
    *r = s.check(assumptions);
    out_.count("z3_checks");
    if (*r != smt::SatResult::Unknown) return true;
    std::string why = s.reasonUnknown();
    if (why == "timeout" || why == "canceled")
      why = left <= opts_.timeoutMs
                ? "the time limit ran out"
                : "timeout after " + std::to_string(timeout) + " ms (--timeout-ms)";
    out_.cut("Z3 gave up on the " + std::string(what) + " query for " + where() + ": " + why);
    return false;
  }

  // Reads the path off the model; cuts (internal error) when it disagrees
  // with buildTrace.
  std::optional<ModelPath> path(const smt::Model& m) {
    auto p = extractPath(*enc_, m, params_);
    if (!p) out_.cut("internal: a model's path does not match buildTrace for " + where());
    return p;
  }

  Finding finding(FindingKind kind, const std::vector<uint32_t>& instrs, std::string message,
                  const ModelPath& p) {
    Finding f;
    f.kind = kind;
    for (uint32_t i : instrs) f.instances.push_back(instanceOf(p.trace, size_t(p.traceIndex[i])));
    f.message = std::move(message);
    f.witness.params = params_;
    f.witness.conds = p.conds;
    f.witness.model = opts_.model;
    return f;
  }

  std::string detailMessage(const Candidate& c, const smt::Model& m) {
    const KeyTokens& kt = enc_->keys()[size_t(c.key)];
    if (c.detail == Detail::TokenCounts) {
      int64_t sets = m.evalInt(kt.setCount.term), waits = m.evalInt(kt.waitCount.term);
      return std::to_string(sets - waits) + " token(s) left at exit: " + std::to_string(sets) +
             " set(s), " + std::to_string(waits) + " wait(s)";
    }
    return "wait number " + std::to_string(m.evalInt(enc_->rank(c.instrs[0]).term) + 1) +
           " of its key has no set to take";
  }

  bool runQuery(Query q) {
    std::vector<Site*> remaining;
    for (Site& s : q.sites)
      if (!out_.has(s.kind, s.lines)) remaining.push_back(&s);
    if (remaining.empty()) return true;
    smt::Solver& solver = q.needsSchedule ? scheduleSolver() : pathSolver();
    while (!remaining.empty()) {
      std::vector<smt::Term> any;
      for (Site* s : remaining)
        for (const Candidate& c : s->candidates) any.push_back(c.cond);
      smt::Term ask = ctx_.boolVar(std::string("ask_") + q.name + std::to_string(asks_++));
      solver.add(ctx_.implies(ask, ctx_.mkOr(any)));
      std::vector<smt::Term> assumptions{ask};
      if (q.needsSchedule) assumptions.push_back(enc_->noMissingSet());
      smt::SatResult r;
      if (!check(solver, assumptions, q.name, &r)) return false;
      if (r == smt::SatResult::Unsat) return true;
      smt::Model m = solver.model();
      auto p = path(m);
      if (!p) return false;
      std::vector<Site*> next;
      bool found = false;
      for (Site* s : remaining) {
        const Candidate* hit = nullptr;
        for (const Candidate& c : s->candidates)
          if (m.evalBool(c.cond)) {
            hit = &c;
            break;
          }
        if (!hit) {
          next.push_back(s);
          continue;
        }
        found = true;
        std::string msg = hit->detail == Detail::None ? hit->message : detailMessage(*hit, m);
        Finding f = finding(q.kind, hit->instrs, std::move(msg), *p);
        f.witness.schedule =
            q.needsSchedule ? modelSchedule(*enc_, m, *p) : pathSchedule(p->trace, opts_.model);
        out_.add(std::move(f));
        if (opts_.stopAtFirst) return false;
      }
      if (!found) {
        out_.cut("internal: a model satisfies no candidate of the " + std::string(q.name) +
                 " query for " + where());
        return false;
      }
      remaining = std::move(next);
    }
    return true;
  }

  // A token edge that points backwards in program order (a wait taking a
  // later set) is the only way to close a cycle: every other edge goes
  // forward or stays inside one instruction.
  bool cyclePossible() const {
    for (const GuardedEdge& e : enc_->edges())
      if (e.rule == HbRule::Token && enc_->instrOfNode(e.from) > enc_->instrOfNode(e.to))
        return true;
    return false;
  }

  bool runCycleQuery() {
    if (!cyclePossible()) return true;
    smt::Solver& solver = pathSolver();
    smt::SatResult r;
    if (!check(solver, {cycleOn_}, "DEADLOCK (cycle)", &r)) return false;
    if (r == smt::SatResult::Unsat) return true;
    smt::Model m = solver.model();
    auto p = path(m);
    if (!p) return false;
    std::vector<uint32_t> waits = cycleWaits(m);
    Finding f = finding(FindingKind::Deadlock, waits,
                        "the waits wait for each other: no valid schedule exists", *p);
    out_.add(std::move(f));
    return !opts_.stopAtFirst;
  }

  // Walks member predecessors from a member until a node repeats: a cycle.
  std::vector<uint32_t> cycleWaits(const smt::Model& m) {
    uint32_t v = UINT32_MAX;
    for (uint32_t n = 0; n < enc_->numNodes() && v == UINT32_MAX; ++n)
      if (enc_->instrOfNode(n) >= 0 && m.evalBool(enc_->member(n))) v = n;
    std::vector<uint32_t> walk;
    std::map<uint32_t, size_t> at;
    while (v != UINT32_MAX && !at.count(v)) {
      at[v] = walk.size();
      walk.push_back(v);
      uint32_t pred = UINT32_MAX;
      for (uint32_t k : enc_->inEdges(v)) {
        const GuardedEdge& e = enc_->edges()[k];
        if (m.evalBool(e.guard) && m.evalBool(enc_->member(e.from))) {
          pred = e.from;
          break;
        }
      }
      v = pred;
    }
    std::set<uint32_t> instrs, waits;
    if (v != UINT32_MAX)
      for (size_t k = at[v]; k < walk.size(); ++k) {
        int32_t i = enc_->instrOfNode(walk[k]);
        if (i < 0) continue;
        instrs.insert(uint32_t(i));
        if (g_.trace.instrs[size_t(i)].kind == InstrKind::WaitFlag) waits.insert(uint32_t(i));
      }
    const std::set<uint32_t>& pick = waits.empty() ? instrs : waits;
    return {pick.begin(), pick.end()};
  }

  const Kernel& k_;
  const std::map<std::string, int64_t>& params_;
  const OracleOptions& opts_;
  Collector& out_;
  GuardedTrace g_;
  smt::Context ctx_;
  std::unique_ptr<HbEncoding> enc_;
  std::unique_ptr<smt::Solver> path_, sched_;
  smt::Term cycleOn_;
  size_t asks_ = 0;
};

}  // namespace

void smtCheckParams(const Kernel& k, const std::map<std::string, int64_t>& params,
                    const OracleOptions& opts, Collector& out) {
  ParamRun(k, params, opts, out).run();
}

}  // namespace syncsmith
