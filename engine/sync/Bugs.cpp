// Injected bugs: each a small switch elsewhere in the engine, off by
// default, reproducing a real bug class so the fuzzer's power can be
// measured. The names are shared by `sync`, `fuzz` and `dataset`.
#include "sync/Engine.h"

namespace syncsmith {

const std::vector<InjectedBugInfo>& injectedBugs() {
  static const std::vector<InjectedBugInfo> kBugs = {
      {InjectedBug::LoopTailSetBeforeDrain, "loop-tail-set-before-drain",
       "a set right after a loop reuses the loop's back-edge id and is emitted before its "
       "drain wait: set,set,wait,wait (PTOAS #622)"},
      {InjectedBug::GmRoundtripFlagOnly, "gm-roundtrip-flag-only",
       "a GM write read back or overwritten by another pipe is guarded by the flag alone, "
       "no gm_fence (PTOAS #730)"},
      {InjectedBug::AliasByName, "alias-by-name",
       "buffers alias only when they have the same name, not by address (PTOAS #844)"},
      {InjectedBug::FallbackBarrierAtTail, "fallback-barrier-at-tail",
       "when event ids run out, the pipe_barrier ALL fallback goes to the kernel's tail "
       "instead of before the consumer (PTOAS #594)"},
      {InjectedBug::AssumeLoopRuns, "assume-loop-runs",
       "sync inside a loop is taken to cover what follows it, as if the loop always ran "
       "(zero-trip, PTOAS #533)"},
      {InjectedBug::NoValidReacquire, "no-valid-reacquire",
       "within one iteration a producer rewriting what another pipe read does not wait for "
       "it (write-after-read ignored; easyasc second round)"},
      {InjectedBug::DropSamePipeBarrier, "drop-same-pipe-barrier",
       "hazards between two ops of one pipelined pipe get no pipe_barrier"},
      {InjectedBug::IdsByCallCount, "ids-by-call-count",
       "ping-pong event ids follow the iteration count (i%k), not the slot the iteration "
       "touches (easyasc DEvent)"},
      {InjectedBug::SkipBackEdge, "skip-back-edge",
       "loop-carried hazards (around a loop's back edge) are never looked for"},
  };
  return kBugs;
}

std::optional<InjectedBug> parseInjectedBug(std::string_view name) {
  for (const InjectedBugInfo& b : injectedBugs())
    if (b.name == name) return b.bug;
  return std::nullopt;
}

std::string_view injectedBugName(InjectedBug bug) {
  for (const InjectedBugInfo& b : injectedBugs())
    if (b.bug == bug) return b.name;
  return "";
}

}  // namespace syncsmith
