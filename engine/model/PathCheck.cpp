#include "model/PathCheck.h"

#include <map>
#include <set>

#include "ir/Printer.h"

namespace syncsmith {
namespace {

// A candidate finding, decided by one reachability query; its message is
// written only when the query says unordered.
enum class QueryKind : uint8_t {
  Race,              // a's write/read and b's, a before b
  RaceAfterCommit,   // ... through a's GM write, on another pipe
  SetBeforeWait,     // DOUBLE_SET: set b against the wait a of the previous token
  WaitsOnTwoPipes,   // DOUBLE_SET: waits a and b of one key on different pipes
};

struct PendingQuery {
  QueryKind kind;
  uint32_t a, b;  // instruction indices
};

FindingKind findingKindOf(QueryKind k) {
  return k == QueryKind::Race || k == QueryKind::RaceAfterCommit ? FindingKind::Race
                                                                 : FindingKind::DoubleSet;
}

std::string messageOf(const Trace& t, const PendingQuery& q) {
  const Instr& a = t.instrs[q.a];
  const Instr& b = t.instrs[q.b];
  switch (q.kind) {
    case QueryKind::Race:
    case QueryKind::RaceAfterCommit:
      return std::string(hazardName(t, a, b)) + " on " + std::string(pipeName(a.pipe)) + "->" +
             std::string(pipeName(b.pipe)) +
             (q.kind == QueryKind::RaceAfterCommit ? " is not ordered after the GM write commits"
                                                   : " is not ordered");
    case QueryKind::SetBeforeWait:
      return "the next set of the key may land before this wait takes its token";
    case QueryKind::WaitsOnTwoPipes:
      return "waits of one key on different pipes may take each other's token";
  }
  return "";
}

}  // namespace

bool accessConflict(const Trace& t, const Instr& a, const Instr& b, bool* viaGmWrite) {
  *viaGmWrite = false;
  bool found = false;
  const Access* aw = t.writes(a);
  const Access* ar = t.reads(a);
  const Access* bw = t.writes(b);
  const Access* br = t.reads(b);
  for (uint16_t x = 0; x < a.nWrites; ++x) {
    for (uint16_t y = 0; y < b.nWrites; ++y)
      if (aw[x].overlaps(bw[y])) found = true, *viaGmWrite |= aw[x].space == Space::GM;
    for (uint16_t y = 0; y < b.nReads; ++y)
      if (aw[x].overlaps(br[y])) found = true, *viaGmWrite |= aw[x].space == Space::GM;
  }
  for (uint16_t x = 0; x < a.nReads && !found; ++x)
    for (uint16_t y = 0; y < b.nWrites; ++y)
      if (ar[x].overlaps(bw[y])) found = true;
  return found;
}

const char* hazardName(const Trace& t, const Instr& a, const Instr& b) {
  const Access* aw = t.writes(a);
  const Access* br = t.reads(b);
  for (uint16_t x = 0; x < a.nWrites; ++x)
    for (uint16_t y = 0; y < b.nReads; ++y)
      if (aw[x].overlaps(br[y])) return "read-after-write";
  const Access* bw = t.writes(b);
  for (uint16_t x = 0; x < a.nWrites; ++x)
    for (uint16_t y = 0; y < b.nWrites; ++y)
      if (aw[x].overlaps(bw[y])) return "write-after-write";
  return "write-after-read";
}

bool badEventId(const Instr& in, Arch arch, Core core) {
  if (in.kind != InstrKind::SetFlag && in.kind != InstrKind::WaitFlag) return false;
  return in.id < 0 || in.id >= eventIdCount(arch) || in.src == in.dst ||
         !pipeOnCore(in.src, core) || !pipeOnCore(in.dst, core);
}

Instance instanceOf(const Trace& t, size_t i) {
  const Instr& in = t.instrs[i];
  Instance x;
  x.instr = uint32_t(i);
  x.line = in.line();
  x.iterations = t.namedIterations(in);
  if (in.stmt) x.text = printStmtLine(*in.stmt);
  return x;
}

std::vector<ScheduleEvent> earliestSchedule(const Trace& t, const HbGraph& g) {
  if (g.hasCycle()) return {};
  std::vector<int64_t> time(g.numNodes(), 0);
  for (uint32_t u : g.topoOrder())
    for (const uint32_t* e = g.outBegin(u); e != g.outEnd(u); ++e) {
      const HbEdge& edge = g.edges()[*e];
      time[edge.to] = std::max(time[edge.to], time[u] + edge.weight);
    }
  std::vector<ScheduleEvent> out;
  out.reserve(t.instrs.size());
  for (size_t i = 0; i < t.instrs.size(); ++i) {
    ScheduleEvent ev;
    ev.instr = uint32_t(i);
    ev.line = t.instrs[i].line();
    ev.start = time[HbGraph::startNode(i)];
    ev.end = time[HbGraph::endNode(i)];
    if (t.instrs[i].writesGm) ev.commit = time[g.commitNode(i)];
    out.push_back(ev);
  }
  return out;
}

namespace {

// A valid schedule where `to` happens before `from`: the earliest schedule
// with everything reachable from `from` pushed later (valid because all
// constraints are lower bounds; possible because `to` is not reachable).
std::vector<ScheduleEvent> separatingSchedule(const Trace& t, const HbGraph& g, uint32_t from,
                                              uint32_t to) {
  std::vector<ScheduleEvent> sched = earliestSchedule(t, g);
  if (sched.empty()) return sched;
  std::vector<int64_t> time(g.numNodes(), 0);
  for (const ScheduleEvent& e : sched) {
    time[HbGraph::startNode(e.instr)] = e.start;
    time[HbGraph::endNode(e.instr)] = e.end;
    if (e.commit) time[g.commitNode(e.instr)] = *e.commit;
  }
  int64_t shift = std::max<int64_t>(0, time[to] - time[from] + 1);
  std::vector<bool> seen(g.numNodes(), false);
  std::vector<uint32_t> stack{from};
  seen[from] = true;
  while (!stack.empty()) {
    uint32_t u = stack.back();
    stack.pop_back();
    time[u] += shift;
    for (const uint32_t* e = g.outBegin(u); e != g.outEnd(u); ++e) {
      uint32_t v = g.edges()[*e].to;
      if (!seen[v]) seen[v] = true, stack.push_back(v);
    }
  }
  for (ScheduleEvent& e : sched) {
    e.start = time[HbGraph::startNode(e.instr)];
    e.end = time[HbGraph::endNode(e.instr)];
    if (e.commit) e.commit = time[g.commitNode(e.instr)];
  }
  return sched;
}

}  // namespace

std::vector<Finding> checkPath(const Trace& t, const PathCheckOptions& opts) {
  const Kernel& k = *t.kernel;
  const Arch arch = k.arch();
  std::vector<Finding> out;
  Witness base;
  base.params = t.params;
  base.conds = t.condsByName();
  base.model = opts.model;

  std::map<std::tuple<int, int, int>, size_t> perSite;
  auto add = [&](FindingKind kind, std::vector<size_t> instrs, std::string msg) {
    int l0 = instrs.empty() ? 0 : t.instrs[instrs[0]].line();
    int l1 = instrs.size() < 2 ? 0 : t.instrs[instrs[1]].line();
    if (perSite[{int(kind), l0, l1}]++ >= opts.maxPerSite) return;
    Finding f;
    f.kind = kind;
    for (size_t i : instrs) f.instances.push_back(instanceOf(t, i));
    f.message = std::move(msg);
    f.witness = base;
    out.push_back(std::move(f));
  };

  TokenMatch tokens = matchTokens(t, opts.model.flagKey);
  for (size_t i = 0; i < t.instrs.size(); ++i)
    if (badEventId(t.instrs[i], arch, k.core())) {
      const Instr& in = t.instrs[i];
      std::string why = in.src == in.dst ? "names the same pipe twice"
                        : (!pipeOnCore(in.src, k.core()) || !pipeOnCore(in.dst, k.core()))
                            ? "names a pipe the core does not have"
                            : "id " + std::to_string(in.id) + " is outside 0.." +
                                  std::to_string(eventIdCount(arch) - 1);
      add(FindingKind::BadEventId, {i}, "event flag " + why);
    }

  // DANGLING: more sets than waits on a key. DOUBLE_SET candidates: set k+1
  // against wait k (or no wait k at all).
  std::vector<PendingQuery> hbQueries;
  bool missingSet = false;
  for (size_t key = 0; key < tokens.setsByKey.size(); ++key) {
    const auto& sets = tokens.setsByKey[key].second;
    const auto& waits = tokens.waitsByKey[key].second;
    if (sets.size() > waits.size())
      add(FindingKind::Dangling, {sets[waits.size()]},
          std::to_string(sets.size() - waits.size()) + " token(s) left at exit: " +
              std::to_string(sets.size()) + " set(s), " + std::to_string(waits.size()) +
              " wait(s)");
    if (waits.size() > sets.size()) {
      missingSet = true;
      add(FindingKind::Deadlock, {waits[sets.size()]},
          "wait number " + std::to_string(sets.size() + 1) + " of its key has no set to take");
    }
  }
  HbGraph g(t, arch, opts.model, tokens);
  if (g.hasCycle()) {
    std::vector<uint32_t> cycle = g.findCycle();
    std::vector<size_t> instrs;
    for (uint32_t node : cycle) {
      size_t i = HbGraph::instrOf(node);
      if (t.instrs[i].kind == InstrKind::WaitFlag &&
          std::find(instrs.begin(), instrs.end(), i) == instrs.end())
        instrs.push_back(i);
    }
    add(FindingKind::Deadlock, instrs, "the waits wait for each other: no valid schedule exists");
    return out;
  }
  if (missingSet) return out;  // a deadlocked path reports no RACE or DOUBLE_SET

  for (size_t key = 0; key < tokens.setsByKey.size(); ++key) {
    const auto& sets = tokens.setsByKey[key].second;
    const auto& waits = tokens.waitsByKey[key].second;
    for (size_t r = 0; r + 1 < sets.size(); ++r) {
      if (r >= waits.size()) {
        add(FindingKind::DoubleSet, {sets[r], sets[r + 1]},
            "set lands while the key still holds the previous token (no wait takes it)");
        continue;
      }
      hbQueries.push_back({QueryKind::SetBeforeWait, waits[r], sets[r + 1]});
    }
    for (size_t r = 0; r + 1 < waits.size(); ++r)
      if (t.instrs[waits[r]].pipe != t.instrs[waits[r + 1]].pipe)
        hbQueries.push_back({QueryKind::WaitsOnTwoPipes, waits[r], waits[r + 1]});
  }

  // RACE candidates: conflicting pairs of ops.
  std::vector<uint32_t> ops;
  for (size_t i = 0; i < t.instrs.size(); ++i)
    if (t.instrs[i].kind == InstrKind::Op && t.instrs[i].nWrites + t.instrs[i].nReads > 0)
      ops.push_back(uint32_t(i));
  std::vector<std::pair<uint32_t, uint32_t>> queries;
  std::vector<PendingQuery> raceQueries;
  for (size_t x = 0; x < ops.size(); ++x)
    for (size_t y = x + 1; y < ops.size(); ++y) {
      const Instr& a = t.instrs[ops[x]];
      const Instr& b = t.instrs[ops[y]];
      bool viaGm = false;
      if (!accessConflict(t, a, b, &viaGm)) continue;
      bool useCommit = viaGm && a.pipe != b.pipe;
      uint32_t from = useCommit ? g.commitNode(ops[x]) : HbGraph::endNode(ops[x]);
      queries.push_back({from, HbGraph::startNode(ops[y])});
      raceQueries.push_back(
          {useCommit ? QueryKind::RaceAfterCommit : QueryKind::Race, ops[x], ops[y]});
    }
  for (const PendingQuery& q : hbQueries) {
    uint32_t to = q.b;
    bool waitPair = t.instrs[q.b].kind == InstrKind::WaitFlag;
    queries.push_back({HbGraph::endNode(q.a),
                       waitPair ? HbGraph::startNode(to) : HbGraph::endNode(to)});
  }
  if (!out.empty()) {
    std::vector<ScheduleEvent> earliest = earliestSchedule(t, g);
    for (Finding& f : out) f.witness.schedule = earliest;
  }
  std::vector<bool> ordered = reachable(g, queries);
  for (size_t q = 0; q < queries.size(); ++q) {
    if (ordered[q]) continue;
    const PendingQuery& pq =
        q < raceQueries.size() ? raceQueries[q] : hbQueries[q - raceQueries.size()];
    size_t before = out.size();
    add(findingKindOf(pq.kind), {pq.a, pq.b}, messageOf(t, pq));
    if (out.size() > before)
      out.back().witness.schedule = separatingSchedule(t, g, queries[q].first, queries[q].second);
  }
  return out;
}

}  // namespace syncsmith
