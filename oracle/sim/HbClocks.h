// Vector clocks carried along the happens-before graph (timing-independent).
//
// From the HbGraph construction: for an op i on a pipelined pipe P, e_i
// reaches a node x exactly through the start of a later "drain" of P
// (set_flag on P, pipe_barrier P, pipe_barrier ALL), or, when i writes GM,
// through c_i and a later gm_fence on P / pipe_barrier ALL. On a
// non-pipelined pipe every later instruction of the pipe is a drain; an S
// instruction blocks every later instruction, so for S any later
// instruction is. The end of a wait (or barrier, fence) on Q reaches x
// exactly through a later instruction of Q (any, for Q = S). So per pipe:
//   D[P](x) = highest index of a P drain whose start reaches x,
//   C[P](x) = highest index of a gm_fence P / pipe_barrier ALL whose start reaches x,
//   A[P](x) = highest index of any P instruction (or barrier ALL) whose start reaches x,
// and "e_i reaches x" is D[pipe(i)](x) > i (or, for GM writers, C > i),
// "c_i reaches x" is C[pipe(i)](x) > i, "e_w reaches x" for a wait w is
// A[pipe(w)](x) > w.
#pragma once

#include <cstdint>
#include <vector>

#include "model/HbGraph.h"
#include "model/Trace.h"

namespace syncsmith::sim {

// D and C at the start of one op: all the race checker needs.
struct StartClock {
  int32_t d[kNumPipes];
  int32_t c[kNumPipes];
};

// "Is A[pipe](s_at) > after?": the end of wait `after` reaches s_at.
struct WaitQuery {
  uint32_t at;
  Pipe pipe;
  int32_t after;
};

struct ClockResult {
  std::vector<int32_t> opSlot;      // per instruction: index in `clocks`, or -1
  std::vector<StartClock> clocks;   // at the start of each op with accesses
  std::vector<uint8_t> queryOrdered;  // per WaitQuery
};

// Precondition: the graph is acyclic. At most one query per `at`.
ClockResult computeClocks(const Trace& t, const HbGraph& g, Arch arch,
                          const std::vector<WaitQuery>& queries);

// Whether the end (or, with useCommit under `fenced`, the commit) of op i
// happens before the start of the op whose clock is `k`.
inline bool orderedBefore(const StartClock& k, const Instr& in, uint32_t i, bool useCommit,
                          bool fenced) {
  int p = int(in.pipe);
  int32_t idx = int32_t(i);
  if (useCommit && fenced) return k.c[p] > idx;
  return k.d[p] > idx || (in.writesGm && k.c[p] > idx);
}

}  // namespace syncsmith::sim
