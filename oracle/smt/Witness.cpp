#include "oracle/smt/Witness.h"

#include <algorithm>
#include <limits>

#include "model/HbGraph.h"
#include "model/PathCheck.h"

namespace syncsmith {

std::optional<ModelPath> extractPath(const HbEncoding& enc, const smt::Model& m,
                                     const std::map<std::string, int64_t>& params) {
  const GuardedTrace& g = enc.guarded();
  ModelPath p;
  for (size_t s = 0; s < g.sites.size(); ++s)
    if (m.evalBool(enc.guardTerm(g.sites[s].guard)))
      p.conds[g.sites[s].name].push_back(m.evalBool(enc.siteValue(s)));
  p.trace = buildTrace(*g.trace.kernel, params, fixedConds(p.conds));
  p.traceIndex.assign(enc.size(), -1);
  size_t next = 0;
  for (size_t i = 0; i < enc.size(); ++i) {
    if (!m.evalBool(enc.active(i))) continue;
    if (next >= p.trace.instrs.size()) return std::nullopt;
    const Instr& a = g.trace.instrs[i];
    const Instr& b = p.trace.instrs[next];
    if (a.stmt != b.stmt || g.trace.iterations(a) != p.trace.iterations(b)) return std::nullopt;
    p.traceIndex[i] = int32_t(next++);
  }
  if (next != p.trace.instrs.size()) return std::nullopt;
  return p;
}

std::vector<ScheduleEvent> modelSchedule(const HbEncoding& enc, const smt::Model& m,
                                         const ModelPath& p) {
  std::vector<ScheduleEvent> out(p.trace.instrs.size());
  int64_t base = std::numeric_limits<int64_t>::max();
  for (size_t i = 0; i < enc.size(); ++i) {
    int32_t k = p.traceIndex[i];
    if (k < 0) continue;
    ScheduleEvent& ev = out[size_t(k)];
    ev.instr = uint32_t(k);
    ev.line = p.trace.instrs[size_t(k)].line();
    ev.start = m.evalInt(enc.time(enc.startNode(i)));
    ev.end = m.evalInt(enc.time(enc.endNode(i)));
    if (p.trace.instrs[size_t(k)].writesGm) ev.commit = m.evalInt(enc.time(enc.commitNode(i)));
    base = std::min(base, ev.start);
  }
  if (out.empty()) return out;
  for (ScheduleEvent& ev : out) {
    ev.start -= base;
    ev.end -= base;
    if (ev.commit) *ev.commit -= base;
  }
  return out;
}

std::vector<ScheduleEvent> pathSchedule(const Trace& t, const ModelOptions& opts) {
  TokenMatch tokens = matchTokens(t, opts.flagKey);
  for (size_t k = 0; k < tokens.setsByKey.size(); ++k)
    if (tokens.waitsByKey[k].second.size() > tokens.setsByKey[k].second.size()) return {};
  HbGraph g(t, t.kernel->arch(), opts, tokens);
  return earliestSchedule(t, g);
}

}  // namespace syncsmith
