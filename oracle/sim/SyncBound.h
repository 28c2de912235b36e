// The sync-aware lower bound (`sim --ideal --sync-bound`, docs/simulator.md
// "The sync-aware bound").
//
// `--ideal` enforces only the true dependencies, so on a pipelined pipe it
// lets a producer overlap the next instructions of its pipe. A program that
// signals through MACHINE.md's sync cannot do that for free. Whatever first
// orders producer P (pipe X) before consumer C is a drain on X after P: a
// set_flag, pipe_barrier or pipe_barrier ALL. A drain starts after every
// earlier X instruction ends (rules 2-4) and every later X instruction
// starts after it starts (rule 1); C starts after the first drain after P
// starts, and after it ends when C is on another pipe (the chain leaves X
// through a set's token or a barrier-all).
//
// So a program is, per pipe, a choice of gaps holding a drain. The bound is
// the least makespan of the ideal graph over all such choices, searched with
// Z3 (difference logic, a binary search on the makespan). A makespan it
// proves impossible is impossible for every program that inserts sync
// statements into this kernel's blocks (ids, waits and id colouring only add
// constraints), so the answer stays a valid lower bound when the search runs
// out of budget. The budget is Z3 resource units, not time: the same kernel
// gives the same bound on every machine.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "Schedule.h"

namespace syncsmith::sim {

struct SyncBoundResult {
  int64_t lower = 0;           // no synchronized program of the path finishes earlier
  int64_t best = 0;            // makespan of `times` (== lower when the search finished)
  std::vector<int64_t> times;  // a relaxed schedule of makespan `best`, per node
  std::string note;            // why lower < best ("" when exact)
};

struct SyncBoundLimits {
  unsigned effort = 10'000'000;  // per solver call, Z3 resource units
  unsigned probes = 64;          // binary-search steps after the first schedule
  size_t maxInstrs = 50'000;     // longer paths get the ideal bound, with a note
};

// `g` is the ideal graph (hb graph plus `deps`), `deps` the true dependencies
// (edges from a producer's end or commit to a consumer's start), `d` the
// ideal run's delays, `idealMakespan` the makespan without the cut points.
SyncBoundResult syncAwareBound(const Trace& t, const ExtGraph& g, const std::vector<HbEdge>& deps,
                               const Delays& d, int64_t idealMakespan,
                               const SyncBoundLimits& limits = {});

}  // namespace syncsmith::sim
