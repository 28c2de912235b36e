#include "SyncBound.h"

#include "oracle/smt/Smt.h"

namespace syncsmith::sim {
namespace {

// The weight computeTimes gives an edge, plus the target's start delay.
int64_t weightWithDelay(const HbEdge& e, const Delays& d) {
  int64_t w = edgeWeight(e, d);
  if (e.to % 3 == 0) w += d.start[HbGraph::instrOf(e.to)];
  return w;
}

int64_t makespanOf(const Trace& t, const ExtGraph& g, const std::vector<int64_t>& time) {
  int64_t m = 0;
  for (size_t i = 0; i < t.instrs.size(); ++i)
    m = std::max({m, time[HbGraph::endNode(i)], time[g.commitNode(i)]});
  return m;
}

// Drains of one pipe, per gap k (right after the pipe's k-th instruction):
// whether the program has one there, when the first one starts, a lower
// bound on when any drain at or after the gap can start (every earlier
// instruction of the pipe has ended), and when the first drain at or after
// the gap starts.
struct PipeDrains {
  std::vector<uint32_t> instrs;  // of the pipe, in program order
  std::vector<smt::Term> has, start, ready, next;
};

// A drain is a statement at a static program point, so it is in every gap
// its point is visited in: per pipe, "a drain at point p" is one Boolean,
// and gap k has a drain exactly when a point visited in it has one.
void tiePointsToGaps(const Trace& t, std::vector<PipeDrains>& pipes, smt::Context& ctx,
                     smt::Solver& solver) {
  for (size_t x = 0; x < kNumPipes; ++x) {
    PipeDrains& p = pipes[x];
    if (p.has.empty()) continue;
    const std::string tag = "at_" + std::string(pipeName(Pipe(x))) + "_";
    std::vector<smt::Term> drainAt(t.numPoints);
    std::vector<uint8_t> made(t.numPoints, 0);
    std::vector<std::vector<smt::Term>> inGap(p.instrs.size());
    size_t k = 0;  // instructions of the pipe issued before the visit
    for (const Trace::PointVisit& v : t.points) {
      while (k < p.instrs.size() && p.instrs[k] < v.at) ++k;
      if (k == 0) continue;  // before the pipe's first instruction: drains nothing
      if (!made[v.point]) {
        drainAt[v.point] = ctx.boolVar(tag + std::to_string(v.point));
        made[v.point] = 1;
      }
      solver.add(ctx.implies(drainAt[v.point], p.has[k - 1]));
      inGap[k - 1].push_back(drainAt[v.point]);
    }
    for (size_t g = 0; g < inGap.size(); ++g)
      solver.add(ctx.implies(p.has[g], ctx.mkOr(inGap[g])));
  }
}

}  // namespace

SyncBoundResult syncAwareBound(const Trace& t, const ExtGraph& g, const std::vector<HbEdge>& deps,
                               const Delays& d, int64_t idealMakespan,
                               const SyncBoundLimits& limits) {
  SyncBoundResult r;
  r.lower = idealMakespan;
  if (t.instrs.size() > limits.maxInstrs) {
    r.best = r.lower;
    r.note = "path of " + std::to_string(t.instrs.size()) + " instructions, more than the " +
             std::to_string(limits.maxInstrs) + " the search takes: only the ideal bound";
    return r;
  }

  smt::Context ctx;
  smt::Solver solver(ctx, {0, "QF_IDL"});
  const size_t nodes = g.numNodes();
  std::vector<smt::Term> at(nodes);
  for (size_t v = 0; v < nodes; ++v) at[v] = ctx.intVar("t" + std::to_string(v));
  smt::Term zero = ctx.intVar("zero"), span = ctx.intVar("makespan");
  for (size_t v = 0; v < nodes; ++v)
    solver.add(ctx.diffGe(zero, at[v], v % 3 == 0 ? d.start[v / 3] : 0));
  for (const HbEdge& e : g.edges()) solver.add(ctx.diffGe(at[e.from], at[e.to], weightWithDelay(e, d)));
  for (size_t i = 0; i < t.instrs.size(); ++i) {
    solver.add(ctx.diffGe(at[HbGraph::endNode(i)], span, 0));
    solver.add(ctx.diffGe(at[g.commitNode(i)], span, 0));
  }

  // The drains every pipe but S may have (S orders by blocking issue).
  std::vector<PipeDrains> pipes(kNumPipes);
  std::vector<uint32_t> posInPipe(t.instrs.size());
  for (uint32_t i = 0; i < t.instrs.size(); ++i) {
    auto& list = pipes[size_t(t.instrs[i].pipe)].instrs;
    posInPipe[i] = uint32_t(list.size());
    list.push_back(i);
  }
  for (size_t x = 0; x < kNumPipes; ++x) {
    if (Pipe(x) == Pipe::S) continue;
    PipeDrains& p = pipes[x];
    const size_t m = p.instrs.size();
    const std::string tag = std::string(pipeName(Pipe(x))) + "_";
    for (size_t k = 0; k < m; ++k) {
      p.has.push_back(ctx.boolVar("has_" + tag + std::to_string(k)));
      p.start.push_back(ctx.intVar("drain_" + tag + std::to_string(k)));
      p.ready.push_back(ctx.intVar("ready_" + tag + std::to_string(k)));
      p.next.push_back(ctx.intVar("next_" + tag + std::to_string(k)));
    }
    for (size_t k = 0; k < m; ++k) {
      solver.add(ctx.diffGe(at[HbGraph::endNode(p.instrs[k])], p.ready[k], 0));
      if (k > 0) solver.add(ctx.diffGe(p.ready[k - 1], p.ready[k], 0));
      solver.add(ctx.diffGe(p.ready[k], p.start[k], 0));
      solver.add(ctx.implies(p.has[k], ctx.diffGe(p.start[k], p.next[k], 0)));
      if (k + 1 < m) {
        solver.add(ctx.implies(p.has[k], ctx.diffGe(p.start[k], at[HbGraph::startNode(p.instrs[k + 1])], 0)));
        solver.add(ctx.implies(ctx.mkNot(p.has[k]), ctx.diffGe(p.next[k + 1], p.next[k], 0)));
      } else {
        solver.add(ctx.diffGe(p.ready[k], p.next[k], 0));
      }
    }
  }
  tiePointsToGaps(t, pipes, ctx, solver);

  for (const HbEdge& e : deps) {
    uint32_t prod = uint32_t(HbGraph::instrOf(e.from)), cons = uint32_t(HbGraph::instrOf(e.to));
    Pipe x = t.instrs[prod].pipe;
    if (x == Pipe::S) continue;
    // A GM writer read back on its own pipe may be ordered by a gm_fence,
    // which waits for GM writes only: no drain needed.
    bool samePipe = t.instrs[cons].pipe == x;
    if (samePipe && t.instrs[prod].writesGm) continue;
    // Leaving the pipe takes a set's or barrier-all's end.
    solver.add(ctx.diffGe(pipes[size_t(x)].next[posInPipe[prod]], at[e.to],
                          samePipe ? 0 : kSyncLatency));
  }

  // A first schedule: a drain in every gap (pure difference logic, quick).
  solver.setResourceLimit(limits.effort);
  std::vector<smt::Term> drainEverywhere;
  for (const PipeDrains& p : pipes)
    drainEverywhere.insert(drainEverywhere.end(), p.has.begin(), p.has.end());
  auto takeModel = [&] {
    smt::Model model = solver.model();
    int64_t base = model.evalInt(zero);
    r.times.assign(nodes, 0);
    for (size_t v = 0; v < nodes; ++v) r.times[v] = model.evalInt(at[v]) - base;
    r.best = makespanOf(t, g, r.times);
  };
  if (solver.check(drainEverywhere) != smt::SatResult::Sat) {
    r.note = "solver: no first schedule (" + solver.reasonUnknown() + ")";
    r.best = r.lower;
    return r;
  }
  takeModel();

  // Binary search below `ceiling`: every makespan below `lower` is proven
  // impossible, `best` is reached by `times`. A probe the solver cannot
  // decide within its effort lowers the ceiling, so later probes still try
  // to raise `lower`.
  int64_t ceiling = r.best;
  int unknowns = 0;
  size_t probe = 0;
  while (r.lower < ceiling) {
    if (probe == limits.probes) {
      r.note = "search stopped after " + std::to_string(probe) + " probes";
      break;
    }
    int64_t mid = r.lower + (ceiling - r.lower) / 2;
    smt::Term within = ctx.boolVar("within" + std::to_string(probe++));
    solver.add(ctx.implies(within, ctx.diffGe(span, zero, -mid)));
    smt::SatResult res = solver.check({within});
    if (res == smt::SatResult::Unknown) {
      r.note = "solver: " + solver.reasonUnknown() + " at effort " + std::to_string(limits.effort) +
               " (makespans from " + std::to_string(r.lower) + " to " + std::to_string(mid) +
               " not decided)";
      ceiling = mid;
      if (++unknowns == 3) break;
      continue;
    }
    if (res == smt::SatResult::Unsat) {
      r.lower = mid + 1;
      continue;
    }
    takeModel();
    ceiling = std::min(ceiling, r.best);
  }
  if (r.lower >= r.best) r.note.clear();
  return r;
}

}  // namespace syncsmith::sim
