// Every finding of MACHINE.md on one path (fixed params and condition
// outcomes), over all valid schedules, decided exactly on the happens-before
// graph: the oracle's fast path and the reference the other checkers are
// compared with.
#pragma once

#include <vector>

#include "model/Finding.h"
#include "model/HbGraph.h"
#include "model/Trace.h"

namespace syncsmith {

struct PathCheckOptions {
  ModelOptions model;
  // Report at most this many findings per (kind, statement pair).
  size_t maxPerSite = 1;
};

// Findings on the path of `t` (REDUNDANT excluded). The witness of each
// finding carries the path (params, condition outcomes); its schedule, when
// one is needed, is filled by the caller (see PathCheck::schedule...).
std::vector<Finding> checkPath(const Trace& t, const PathCheckOptions& opts);

// Whether a and b (a before b) touch overlapping bytes of one space, at least
// one side writing (RACE's conflict). *viaGmWrite: one of the overlaps is a
// GM write of a (so another pipe must wait for a's commit).
bool accessConflict(const Trace& t, const Instr& a, const Instr& b, bool* viaGmWrite);
// "read-after-write", "write-after-write" or "write-after-read" for a before b.
const char* hazardName(const Trace& t, const Instr& a, const Instr& b);

// Whether an id or a pipe pair is outside the budget or the core.
bool badEventId(const Instr& in, Arch arch, Core core);

// An instance record for finding reports.
Instance instanceOf(const Trace& t, size_t i);

// The earliest schedule satisfying the graph with unit latencies, then
// bent to make the finding visible: a concrete event order for witnesses.
// Returns empty when the graph has a cycle.
std::vector<ScheduleEvent> earliestSchedule(const Trace& t, const HbGraph& g);

}  // namespace syncsmith
