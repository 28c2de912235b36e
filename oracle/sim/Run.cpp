#include "Run.h"

#include <algorithm>
#include <set>
#include <tuple>

#include "DataModel.h"
#include "HbClocks.h"
#include "IdealDeps.h"
#include "Policy.h"
#include "RaceShadow.h"
#include "RunStats.h"
#include "Schedule.h"
#include "SyncBound.h"
#include "model/PathCheck.h"

namespace syncsmith::sim {
namespace {

// How a finding's witness schedule is made once the run's times are known.
struct Plan {
  enum Kind : uint8_t { None, Run, Separate } kind = None;
  uint32_t from = 0, to = 0;  // Separate: push everything reachable from `from` past `to`
};

class Reporter {
 public:
  Reporter(const Trace& t, Witness base) : t_(t), base_(std::move(base)) {}

  // Adds a finding unless one of the same kind and lines exists; returns its index or -1.
  int add(FindingKind kind, const std::vector<size_t>& instrs, std::string msg, Plan plan,
          bool data = false) {
    std::vector<int> lines;
    for (size_t i : instrs) lines.push_back(t_.instrs[i].line());
    if (!seen_.insert({int(kind), lines, data}).second) return -1;
    Finding f;
    f.kind = kind;
    for (size_t i : instrs) f.instances.push_back(instanceOf(t_, i));
    f.message = std::move(msg);
    f.witness = base_;
    findings_.push_back(std::move(f));
    plans_.push_back(plan);
    return int(findings_.size() - 1);
  }
  std::vector<Finding>& findings() { return findings_; }
  const std::vector<Plan>& plans() const { return plans_; }

 private:
  const Trace& t_;
  Witness base_;
  std::set<std::tuple<int, std::vector<int>, bool>> seen_;
  std::vector<Finding> findings_;
  std::vector<Plan> plans_;
};

std::string badIdReason(const Instr& in, Arch arch, Core core) {
  if (in.src == in.dst) return "event flag names the same pipe twice";
  if (!pipeOnCore(in.src, core) || !pipeOnCore(in.dst, core))
    return "event flag names a pipe the core does not have";
  return "event flag id " + std::to_string(in.id) + " is outside 0.." +
         std::to_string(eventIdCount(arch) - 1);
}

// Times from an explicit schedule, checked against the path and the graph.
template <class G>
std::vector<int64_t> explicitTimes(const Trace& t, const G& g,
                                   const std::vector<ScheduleEvent>& events,
                                   const std::string& file) {
  auto fail = [&](const std::string& msg) { throw InputError(file, {1, 1}, msg); };
  size_t n = t.instrs.size();
  if (events.size() != n)
    fail("the schedule has " + std::to_string(events.size()) + " events but the path has " +
         std::to_string(n) + " instructions");
  std::vector<int64_t> time(g.numNodes(), 0);
  std::vector<uint8_t> seen(n, 0);
  for (const ScheduleEvent& ev : events) {
    if (ev.instr >= n || seen[ev.instr])
      fail("schedule event for instruction " + std::to_string(ev.instr) +
           (ev.instr >= n ? " is outside the path" : " appears twice"));
    seen[ev.instr] = 1;
    const Instr& in = t.instrs[ev.instr];
    if (ev.line != 0 && ev.line != in.line())
      fail("schedule event " + std::to_string(ev.instr) + " says line " + std::to_string(ev.line) +
           " but instruction " + std::to_string(ev.instr) + " of this path is " +
           t.describe(ev.instr));
    time[HbGraph::startNode(ev.instr)] = ev.start;
    time[HbGraph::endNode(ev.instr)] = ev.end;
    if (g.commitNode(ev.instr) != HbGraph::endNode(ev.instr))
      time[g.commitNode(ev.instr)] = ev.commit.value_or(ev.end);
  }
  int64_t bad = firstViolation(g, time);
  if (bad >= 0) {
    const HbEdge& e = g.edges()[size_t(bad)];
    static const char* kPoint[] = {"start", "end", "commit"};
    fail("the schedule violates the " + std::string(hbRuleName(e.rule)) + " rule: " +
         kPoint[e.to % 3] + " of " + t.describe(e.to / 3) + " at " + std::to_string(time[e.to]) +
         " must be at least " + std::to_string(e.weight) + " after the " + kPoint[e.from % 3] +
         " of " + t.describe(e.from / 3) + " at " + std::to_string(time[e.from]));
  }
  return time;
}

Delays policyDelays(const Trace& t, Arch arch, SimPolicy p, Rng& rng) {
  switch (p) {
    case SimPolicy::Fixed: return fixedDelays(t, arch);
    case SimPolicy::Random: return randomDelays(t, arch, rng);
    case SimPolicy::Adversarial: return adversarialDelays(t, arch, rng);
  }
  return fixedDelays(t, arch);
}

std::vector<ScheduleEvent> eventsOf(const RunDetail& run, const std::vector<int64_t>& time) {
  std::vector<ScheduleEvent> out;
  const Trace& t = run.trace;
  out.reserve(t.instrs.size());
  for (size_t i = 0; i < t.instrs.size(); ++i) {
    if (!run.live[HbGraph::endNode(i)]) continue;
    ScheduleEvent ev;
    ev.instr = uint32_t(i);
    ev.line = t.instrs[i].line();
    ev.start = time[HbGraph::startNode(i)];
    ev.end = time[HbGraph::endNode(i)];
    if (t.instrs[i].writesGm) ev.commit = time[run.commitNode[i] ? 3 * i + 2 : 3 * i + 1];
    out.push_back(ev);
  }
  return out;
}

// Fills each finding's witness schedule by its plan.
void fillWitnesses(const HbGraph& g, RunDetail& run, Reporter& rep, size_t maxEvents) {
  if (run.trace.instrs.size() > maxEvents || run.summary.deadlocked) return;
  std::vector<ScheduleEvent> own;
  for (size_t k = 0; k < rep.findings().size(); ++k) {
    const Plan& plan = rep.plans()[k];
    Witness& w = rep.findings()[k].witness;
    if (plan.kind == Plan::Run) {
      if (own.empty()) own = run.schedule();
      w.schedule = own;
    } else if (plan.kind == Plan::Separate) {
      std::vector<int64_t> time = run.times;
      int64_t shift = std::max<int64_t>(0, time[plan.to] - time[plan.from] + 1);
      std::vector<uint8_t> later = reachableFrom(g, plan.from);
      for (size_t v = 0; v < time.size(); ++v)
        if (later[v]) time[v] += shift;
      w.schedule = eventsOf(run, time);
      w.policy.clear();  // not the policy's run any more: an explicit schedule
      w.seed = 0;
    }
  }
}

// Token counts at run time, per key: sets add one at their end, the k-th
// wait takes the k-th token at its end. Returns, per set instruction, whether
// it landed while its key still held a token.
std::vector<uint8_t> landedOnToken(const Trace& t, const TokenMatch& tok,
                                   const std::vector<int64_t>& time) {
  std::vector<uint8_t> out(t.instrs.size(), 0);
  struct Ev {
    int64_t time;
    int kind;  // 0 wait takes, 1 set lands: takes first at one time
    uint32_t instr;
    bool operator<(const Ev& o) const {
      return std::tie(time, kind, instr) < std::tie(o.time, o.kind, o.instr);
    }
  };
  std::vector<Ev> evs, sets, waits;
  for (size_t key = 0; key < tok.setsByKey.size(); ++key) {
    sets.clear();
    waits.clear();
    for (uint32_t s : tok.setsByKey[key].second) sets.push_back({time[HbGraph::endNode(s)], 1, s});
    for (uint32_t w : tok.waitsByKey[key].second)
      if (tok.setOfWait[w] >= 0) waits.push_back({time[HbGraph::endNode(w)], 0, w});
    // Usually each list is already in time order (one pipe each): merge.
    if (!std::is_sorted(sets.begin(), sets.end())) std::sort(sets.begin(), sets.end());
    if (!std::is_sorted(waits.begin(), waits.end())) std::sort(waits.begin(), waits.end());
    evs.resize(sets.size() + waits.size());
    std::merge(sets.begin(), sets.end(), waits.begin(), waits.end(), evs.begin());
    int64_t count = 0;
    for (const Ev& e : evs) {
      if (e.kind == 0) {
        --count;
        continue;
      }
      if (count > 0) out[e.instr] = 1;
      ++count;
    }
  }
  return out;
}

std::vector<size_t> cycleWaits(const Trace& t, const HbGraph& g) {
  std::vector<size_t> out;
  for (uint32_t node : g.findCycle()) {
    size_t i = HbGraph::instrOf(node);
    if (t.instrs[i].kind == InstrKind::WaitFlag && std::find(out.begin(), out.end(), i) == out.end())
      out.push_back(i);
  }
  return out;
}

void reportData(const Trace& t, const DataReport& d, Reporter& rep) {
  if (!d.corrupted) return;
  std::vector<size_t> instrs;
  if (d.victim >= 0) instrs.push_back(size_t(d.victim));
  if (d.writer >= 0 && d.writer != d.victim) instrs.push_back(size_t(d.writer));
  if (instrs.empty() && d.expectedWriter >= 0) instrs.push_back(size_t(d.expectedWriter));
  std::string msg = "data corrupted in this schedule: " + d.where +
                    " differs from the sequential program-order run (" +
                    std::to_string(d.differingBytes) + " bytes differ)";
  if (d.victim >= 0) msg += "; first wrong input: " + t.describe(size_t(d.victim));
  if (d.writer != d.expectedWriter)
    msg += "; last written by " + (d.writer >= 0 ? t.describe(size_t(d.writer)) : "nobody") +
           " instead of " + (d.expectedWriter >= 0 ? t.describe(size_t(d.expectedWriter)) : "the initial contents");
  rep.add(FindingKind::Race, instrs, msg, {Plan::Run}, true);
}

class Runner {
 public:
  explicit Runner(const RunSpec& spec) : spec_(spec), run_(std::make_shared<RunDetail>()) {}

  std::shared_ptr<RunDetail> go() {
    run_->kernel = spec_.kernel;
    const Kernel& k = *spec_.kernel;
    arch_ = k.arch();
    Rng condRng(spec_.seed, "conds");
    CondChooser choose = [&](const std::string& name, size_t ord) {
      auto it = spec_.conds.find(name);
      if (it != spec_.conds.end() && ord < it->second.size()) return bool(it->second[ord]);
      return condRng.chance(1, 2);
    };
    TraceOptions topts;
    topts.maxInstrs = spec_.maxInstrs;
    topts.recordPoints = spec_.ideal && spec_.syncBound;
    run_->trace = buildTrace(k, spec_.params, choose, topts);
    const Trace& t = run_->trace;
    Witness base;
    base.params = t.params;
    base.conds = t.condsByName();
    base.model = spec_.model;
    base.policy = spec_.policyLabel;
    base.seed = spec_.policyLabel.empty() ? 0 : spec_.seed;
    run_->summary.witness = base;
    run_->summary.instructions = t.instrs.size();
    if (t.truncated) {
      run_->summary.truncated = true;
      return run_;
    }
    if (spec_.ideal && spec_.schedule)
      throw InputError(spec_.file, {1, 1}, "an explicit schedule cannot be replayed in ideal mode");
    Reporter rep(t, base);
    simulate(rep);
    run_->findings = std::move(rep.findings());
    run_->summary.findings = run_->findings.size();
    return run_;
  }

 private:
  void simulate(Reporter& rep) {
    const Trace& t = run_->trace;
    const Kernel& k = *spec_.kernel;
    size_t n = t.instrs.size();
    run_->tokens = matchTokens(t, spec_.model.flagKey);
    const TokenMatch& tok = run_->tokens;
    for (size_t i = 0; i < n; ++i)
      if (badEventId(t.instrs[i], arch_, k.core()))
        rep.add(FindingKind::BadEventId, {i}, badIdReason(t.instrs[i], arch_, k.core()), {Plan::Run});

    std::vector<uint8_t> dead(3 * n, 0);
    bool missing = false;
    for (size_t key = 0; key < tok.setsByKey.size(); ++key) {
      const auto& sets = tok.setsByKey[key].second;
      const auto& waits = tok.waitsByKey[key].second;
      if (sets.size() > waits.size())
        rep.add(FindingKind::Dangling, {sets[waits.size()]},
                std::to_string(sets.size() - waits.size()) + " token(s) left at exit: " +
                    std::to_string(sets.size()) + " set(s), " + std::to_string(waits.size()) +
                    " wait(s)",
                {Plan::Run});
      if (waits.size() > sets.size()) {
        missing = true;
        rep.add(FindingKind::Deadlock, {waits[sets.size()]},
                "wait number " + std::to_string(sets.size() + 1) +
                    " of its key has no set to take: the run hangs there",
                {Plan::None});
        for (size_t r = sets.size(); r < waits.size(); ++r) dead[HbGraph::endNode(waits[r])] = 1;
      }
    }

    HbGraph g(t, arch_, spec_.model, tok);
    std::vector<uint32_t> commitOf(n);
    run_->commitNode.assign(n, false);
    for (size_t i = 0; i < n; ++i) {
      commitOf[i] = g.commitNode(i);
      run_->commitNode[i] = commitOf[i] != HbGraph::endNode(i);
    }
    if (spec_.ideal) return simulateIdeal(g, commitOf, rep);
    if (g.hasCycle()) {
      rep.add(FindingKind::Deadlock, cycleWaits(t, g),
              "the waits wait for each other: no valid schedule exists", {Plan::None});
      missing = true;
    }
    if (missing) return simulateDeadlock(g, dead);
    simulateValid(g, commitOf, rep);
  }

  void simulateIdeal(const HbGraph& g, const std::vector<uint32_t>& commitOf, Reporter& rep) {
    const Trace& t = run_->trace;
    std::vector<HbEdge> deps = idealDependencies(t, g);
    ExtGraph eg(g, deps, commitOf);
    Rng rng(spec_.seed, "latency");
    Delays d = policyDelays(t, arch_, spec_.policy, rng);
    std::fill(d.commit.begin(), d.commit.end(), 0);  // GM writes visible at their end
    computeTimes(eg, eg.topoOrder(), d, run_->times);
    run_->live.assign(eg.numNodes(), 1);
    computeStats(eg, *run_);
    if (spec_.syncBound) {
      SyncBoundLimits limits;
      limits.effort = spec_.syncBoundEffort;
      limits.probes = spec_.syncBoundProbes;
      SyncBoundResult b = syncAwareBound(t, eg, deps, d, run_->summary.cycles, limits);
      run_->summary.boundBest = -1;
      if (!b.times.empty()) {
        run_->times = std::move(b.times);
        computeStats(eg, *run_);
        run_->summary.boundBest = run_->summary.cycles;
      }
      run_->summary.cycles = b.lower;
      run_->summary.boundNote = b.note;
    }
    if (spec_.dataCheck) reportData(t, checkData(t, run_->times, commitOf), rep);
    fillWitnesses(g, *run_, rep, spec_.maxWitnessEvents);
  }

  void simulateDeadlock(const HbGraph& g, const std::vector<uint8_t>& dead) {
    const Trace& t = run_->trace;
    std::vector<uint32_t> order = liveOrder(g, dead, run_->live);
    if (spec_.schedule) {
      run_->times = explicitTimes(t, g, *spec_.schedule, spec_.file);
    } else {
      Rng rng(spec_.seed, "latency");
      computeTimes(g, order, policyDelays(t, arch_, spec_.policy, rng), run_->times);
    }
    run_->summary.deadlocked = true;
    computeStats(g, *run_);
    run_->hangTime = run_->summary.cycles;
  }

  void simulateValid(const HbGraph& g, const std::vector<uint32_t>& commitOf, Reporter& rep) {
    const Trace& t = run_->trace;
    const TokenMatch& tok = run_->tokens;
    const bool fenced = spec_.model.gmVisibility == GmVisibility::Fenced;
    run_->live.assign(g.numNodes(), 1);

    // DOUBLE_SET from happens-before: set k+1 (or wait k+1 on another pipe)
    // must come after wait k ends.
    std::vector<WaitQuery> queries;
    struct DoubleSetCase {
      uint32_t wait, other;
      bool otherIsWait;
    };
    std::vector<DoubleSetCase> cases;
    std::vector<std::pair<uint32_t, uint32_t>> noWait;  // set r, set r+1 without wait r
    for (size_t key = 0; key < tok.setsByKey.size(); ++key) {
      const auto& sets = tok.setsByKey[key].second;
      const auto& waits = tok.waitsByKey[key].second;
      for (size_t r = 0; r + 1 < sets.size(); ++r) {
        if (r >= waits.size()) {
          noWait.push_back({sets[r], sets[r + 1]});
          continue;
        }
        queries.push_back({sets[r + 1], t.instrs[waits[r]].pipe, int32_t(waits[r])});
        cases.push_back({waits[r], sets[r + 1], false});
      }
      for (size_t r = 0; r + 1 < waits.size(); ++r)
        if (t.instrs[waits[r]].pipe != t.instrs[waits[r + 1]].pipe) {
          queries.push_back({waits[r + 1], t.instrs[waits[r]].pipe, int32_t(waits[r])});
          cases.push_back({waits[r], waits[r + 1], true});
        }
    }
    ClockResult clocks = computeClocks(t, g, arch_, queries);
    std::vector<RacePair> races = findRaces(t, clocks, spec_.model);

    // The schedule.
    if (spec_.schedule) {
      run_->times = explicitTimes(t, g, *spec_.schedule, spec_.file);
    } else {
      Rng rng(spec_.seed, "latency");
      Delays d = policyDelays(t, arch_, spec_.policy, rng);
      std::vector<Target> targets;
      if (spec_.policy == SimPolicy::Adversarial) {
        std::vector<Target> all;
        for (const RacePair& r : races)
          all.push_back({r.a, r.b, fenced && raceUsesCommit(t, r.a, r.b)});
        for (size_t q = 0; q < cases.size(); ++q)
          if (!clocks.queryOrdered[q]) all.push_back({cases[q].wait, cases[q].other, false});
        for (size_t k = 0; k < std::min<size_t>(4, all.size()); ++k)
          targets.push_back(all[rng.below(all.size())]);
      }
      pullTogether(g, g.topoOrder(), targets, rng, d, run_->times);
    }
    const auto& time = run_->times;

    std::vector<uint8_t> landed = landedOnToken(t, tok, time);
    for (auto [a, b] : noWait)
      rep.add(FindingKind::DoubleSet, {a, b},
              "set lands while the key still holds the previous token (no wait takes it)",
              {Plan::Run});
    for (size_t q = 0; q < cases.size(); ++q) {
      if (clocks.queryOrdered[q]) continue;
      const DoubleSetCase& c = cases[q];
      uint32_t from = HbGraph::endNode(c.wait);
      uint32_t to = c.otherIsWait ? HbGraph::startNode(c.other) : HbGraph::endNode(c.other);
      bool shown = c.otherIsWait ? time[to] < time[from] : landed[c.other] != 0;
      std::string msg = c.otherIsWait
                            ? "waits of one key on different pipes may take each other's token"
                            : "the next set of the key may land before this wait takes its token";
      if (shown)
        msg += c.otherIsWait ? " (in this schedule the later wait starts first)"
                             : " (in this schedule it lands while the key holds a token)";
      rep.add(FindingKind::DoubleSet, {c.wait, c.other}, msg,
              shown ? Plan{Plan::Run} : Plan{Plan::Separate, from, to});
    }
    for (const RacePair& r : races) {
      bool commit = fenced && raceUsesCommit(t, r.a, r.b);
      uint32_t from = commit ? commitOf[r.a] : HbGraph::endNode(r.a);
      uint32_t to = HbGraph::startNode(r.b);
      bool shown = time[to] < time[from];
      rep.add(FindingKind::Race, {r.a, r.b}, raceMessage(t, r.a, r.b),
              shown ? Plan{Plan::Run} : Plan{Plan::Separate, from, to});
    }
    if (spec_.dataCheck) reportData(t, checkData(t, time, commitOf), rep);
    computeStats(g, *run_);
    fillWitnesses(g, *run_, rep, spec_.maxWitnessEvents);
  }

  const RunSpec& spec_;
  std::shared_ptr<RunDetail> run_;
  Arch arch_ = Arch::A2A3;
};

}  // namespace

std::shared_ptr<RunDetail> runOnce(const RunSpec& spec) { return Runner(spec).go(); }

}  // namespace syncsmith::sim

namespace syncsmith {

std::vector<ScheduleEvent> RunDetail::schedule() const { return sim::eventsOf(*this, times); }

}  // namespace syncsmith
