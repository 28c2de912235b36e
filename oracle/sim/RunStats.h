// Per-pipe figures of a run and the schedule as witness events.
#pragma once

#include <vector>

#include "Simulator.h"

namespace syncsmith::sim {

// Busy: cycles with at least one op (not a sync instruction) of the pipe in
// flight (s <= t < e).
// Stall: per instruction, its start minus the time it reached the head of
// its queue and was issued (the previous instruction of the pipe left the
// head: at its start, or at its end for a wait, barrier or fence and on a
// non-pipelined pipe; and the scalar unit's last blocking instruction
// ended); per wait, the cycles it spent beyond the sync latency waiting for
// its token.
template <class G>
void computeStats(const G& g, RunDetail& run) {
  const Trace& t = run.trace;
  const auto& time = run.times;
  size_t n = t.instrs.size();
  const Arch arch = run.kernel->arch();
  std::vector<int64_t> ready(n, 0);
  for (const HbEdge& e : g.edges()) {
    if (e.to % 3 != 0 || !run.live[e.from]) continue;
    const Instr& prev = t.instrs[e.from / 3];
    int64_t at;
    if (e.rule == HbRule::IssueOrder) {
      bool holdsHead = prev.kind == InstrKind::WaitFlag || prev.kind == InstrKind::Barrier ||
                       prev.kind == InstrKind::Fence || !pipelined(arch, prev.pipe);
      uint32_t node = holdsHead ? HbGraph::endNode(e.from / 3) : e.from;
      if (!run.live[node]) continue;
      at = time[node];
    } else if (e.rule == HbRule::Blocks && prev.pipe == Pipe::S) {
      at = time[e.from];
    } else {
      continue;
    }
    ready[e.to / 3] = std::max(ready[e.to / 3], at);
  }
  int64_t busyEnd[kNumPipes] = {};
  run.pipes = {};
  run.syncs = 0;
  int64_t makespan = 0;
  for (size_t i = 0; i < n; ++i) {
    if (!run.live[HbGraph::endNode(i)]) continue;
    const Instr& in = t.instrs[i];
    PipeStats& p = run.pipes[size_t(in.pipe)];
    int64_t s = time[HbGraph::startNode(i)], e = time[HbGraph::endNode(i)];
    ++p.instructions;
    if (in.kind != InstrKind::Op) ++p.syncs, ++run.syncs;
    int64_t& be = busyEnd[int(in.pipe)];
    if (in.kind == InstrKind::Op && e > be) p.busy += e - std::max(s, be), be = e;
    p.stall += std::max<int64_t>(0, s - ready[i]);
    if (in.kind == InstrKind::WaitFlag) p.stall += std::max<int64_t>(0, e - s - kSyncLatency);
    makespan = std::max(makespan, e);
    if (run.commitNode[i] && run.live[3 * i + 2]) makespan = std::max(makespan, time[3 * i + 2]);
  }
  run.summary.cycles = makespan;
}

}  // namespace syncsmith::sim
