#include "OracleTestUtil.h"

#include <algorithm>

namespace syncsmith::oracletest {
namespace {

// Sets and waits of the key of instruction i, in program order.
std::pair<std::vector<uint32_t>, std::vector<uint32_t>> keyLists(const TokenMatch& m,
                                                                 const Trace& t, size_t i,
                                                                 FlagKey mode) {
  FlagKeyValue key = flagKeyOf(t.instrs[i], mode);
  for (size_t k = 0; k < m.setsByKey.size(); ++k)
    if (m.setsByKey[k].first == key) return {m.setsByKey[k].second, m.waitsByKey[k].second};
  return {};
}

size_t positionOf(const std::vector<uint32_t>& v, size_t i) {
  return size_t(std::find(v.begin(), v.end(), uint32_t(i)) - v.begin());
}

}  // namespace

std::string witnessProblem(const Kernel& k, const Finding& f) {
  if (f.kind == FindingKind::Redundant) return "";
  const Witness& w = f.witness;
  Trace t = buildTrace(k, w.params, fixedConds(w.conds));
  if (t.truncated) return "the witness path is truncated";
  if (t.condsByName() != w.conds) return "the conds do not match the path's ? executions";
  for (const Instance& in : f.instances) {
    if (in.instr >= t.instrs.size()) return "an instance index is past the trace";
    if (t.instrs[in.instr].line() != in.line) return "an instance's line differs from the trace";
    if (t.namedIterations(t.instrs[in.instr]) != in.iterations)
      return "an instance's iterations differ from the trace";
  }
  TokenMatch tokens = matchTokens(t, w.model.flagKey);
  HbGraph g(t, k.arch(), w.model, tokens);
  bool missing = false;
  for (size_t key = 0; key < tokens.setsByKey.size(); ++key)
    missing |= tokens.waitsByKey[key].second.size() > tokens.setsByKey[key].second.size();
  bool cycle = g.hasCycle();

  std::vector<int64_t> time(g.numNodes(), 0);
  bool haveSchedule = !w.schedule.empty();
  if (haveSchedule) {
    if (w.schedule.size() != t.instrs.size()) return "the schedule does not cover the path";
    for (size_t i = 0; i < w.schedule.size(); ++i) {
      const ScheduleEvent& ev = w.schedule[i];
      if (ev.instr != i) return "schedule events are not in trace order";
      time[HbGraph::startNode(i)] = ev.start;
      time[HbGraph::endNode(i)] = ev.end;
      if (t.instrs[i].writesGm) {
        if (!ev.commit) return "a GM write has no commit time";
        if (g.commitNode(i) != HbGraph::endNode(i))
          time[g.commitNode(i)] = *ev.commit;
        else if (*ev.commit != ev.end)
          return "under retire a commit must equal the end";
      }
    }
    for (const HbEdge& e : g.edges())
      if (time[e.to] < time[e.from] + e.weight)
        return "the schedule violates a " + std::string(hbRuleName(e.rule)) + " edge into " +
               t.describe(HbGraph::instrOf(e.to));
  }

  const Arch arch = k.arch();
  auto inst = [&](size_t n) { return size_t(f.instances.at(n).instr); };
  switch (f.kind) {
    case FindingKind::Race: {
      if (f.instances.size() != 2) return "a race names two instances";
      if (missing || cycle) return "a race on a deadlocked path";
      if (!haveSchedule) return "a race without a schedule";
      size_t a = inst(0), b = inst(1);
      if (a >= b) return "race instances out of program order";
      bool viaGm = false;
      if (!accessConflict(t, t.instrs[a], t.instrs[b], &viaGm))
        return "the accesses do not conflict";
      bool useCommit = viaGm && t.instrs[a].pipe != t.instrs[b].pipe;
      uint32_t from = useCommit ? g.commitNode(a) : HbGraph::endNode(a);
      if (!(time[HbGraph::startNode(b)] < time[from]))
        return "the schedule does not overlap the pair";
      return "";
    }
    case FindingKind::DoubleSet: {
      if (f.instances.size() != 2) return "a double set names two instances";
      if (missing || cycle) return "a double set on a deadlocked path";
      if (!haveSchedule) return "a double set without a schedule";
      size_t a = inst(0), b = inst(1);
      const Instr& A = t.instrs[a];
      const Instr& B = t.instrs[b];
      if (flagKeyOf(A, w.model.flagKey) != flagKeyOf(B, w.model.flagKey)) return "keys differ";
      auto [sets, waits] = keyLists(tokens, t, a, w.model.flagKey);
      if (A.kind == InstrKind::SetFlag) {
        size_t r = positionOf(sets, a);
        if (r + 1 >= sets.size() || sets[r + 1] != b) return "not consecutive sets";
        if (r < waits.size()) return "the first set has a wait";
        return "";
      }
      size_t r = positionOf(waits, a);
      if (B.kind == InstrKind::SetFlag) {
        if (r + 1 >= sets.size() || sets[r + 1] != b) return "the set is not the wait's next";
        if (!(time[HbGraph::endNode(b)] < time[HbGraph::endNode(a)]))
          return "the next set does not end before the wait";
        return "";
      }
      if (r + 1 >= waits.size() || waits[r + 1] != b) return "not consecutive waits";
      if (A.pipe == B.pipe) return "the waits share a pipe";
      if (!(time[HbGraph::startNode(b)] < time[HbGraph::endNode(a)]))
        return "the second wait does not start before the first ends";
      return "";
    }
    case FindingKind::Dangling: {
      size_t a = inst(0);
      auto [sets, waits] = keyLists(tokens, t, a, w.model.flagKey);
      if (sets.size() <= waits.size()) return "the key is balanced on this path";
      if (sets[waits.size()] != a) return "not the first unmatched set";
      return "";
    }
    case FindingKind::Deadlock:
      if (!missing && !cycle) return "the path does not deadlock";
      if (cycle && haveSchedule) return "a schedule for a cyclic path";
      return "";
    case FindingKind::BadEventId:
      if (!badEventId(t.instrs[inst(0)], arch, k.core())) return "the flag is fine";
      return "";
    case FindingKind::Redundant:
      return "";
  }
  return "";
}

}  // namespace syncsmith::oracletest
