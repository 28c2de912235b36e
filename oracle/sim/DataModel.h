// Data values: every op computes its outputs from its inputs (a hash of the
// bytes it reads), in the schedule's time order, and the final GM is compared
// with a sequential program-order run. Memory is kept as byte segments whose
// value is (hash, origin): byte b holds f(hash, b - origin).
//
// Timing (docs/simulator.md "Data"): an op samples its inputs in its last
// cycle (e - 1) and its writes land at its end e. A GM write is seen by its
// own pipe at e and by the others when it drains to GM; a pipe's GM writes
// drain in program order, each at max(its commit, the previous one's drain).
// At one time, landings come before drains, and both before samples. On a
// path without races this gives exactly the sequential values.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "model/Trace.h"

namespace syncsmith::sim {

struct DataReport {
  bool corrupted = false;
  std::string where;         // "gm y[0:4096]"
  int64_t differingBytes = 0;
  int64_t victim = -1;       // first op (program order) whose inputs differ
  int64_t writer = -1;       // op whose value sits at the first differing bytes in this run
  int64_t expectedWriter = -1;  // ... and in the sequential run (-1: initial contents)
};

// `times` per HbGraph node; `commitOf[i]` is the node of i's commit.
DataReport checkData(const Trace& t, const std::vector<int64_t>& times,
                     const std::vector<uint32_t>& commitOf);

}  // namespace syncsmith::sim
