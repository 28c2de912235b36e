// Schedule policies (docs/simulator.md "Policies"): latencies and delays per
// instruction. `fixed` uses the machine's latency model (ir/Machine.h);
// `random` adds seeded jitter and commit delays; `adversarial` delays sets,
// hurries later sets, commits late and pulls chosen conflicting pairs
// together (the earlier one made slow enough that the later one overtakes it).
#pragma once

#include <vector>

#include "Rng.h"
#include "Schedule.h"

namespace syncsmith::sim {

// The machine's latency of each instruction.
int64_t baseLatency(const Instr& in, Arch arch);

Delays fixedDelays(const Trace& t, Arch arch);
Delays randomDelays(const Trace& t, Arch arch, Rng& rng);
Delays adversarialDelays(const Trace& t, Arch arch, Rng& rng);

// A pair to pull together: `slow` is made to finish (or, with commitOnly, to
// commit) after `fast` has ended and committed. `fast` must not be ordered
// after that end (or commit), so it keeps its times.
struct Target {
  uint32_t slow;
  uint32_t fast;
  bool commitOnly = false;
};

// Retimes `d` for each target in turn, recomputing `t` after each.
template <class G>
void pullTogether(const G& g, const std::vector<uint32_t>& order, const std::vector<Target>& targets,
                  Rng& rng, Delays& d, std::vector<int64_t>& t) {
  computeTimes(g, order, d, t);
  for (const Target& x : targets) {
    int64_t fastDone = std::max(t[HbGraph::endNode(x.fast)], t[g.commitNode(x.fast)]);
    int64_t jitter = int64_t(rng.below(uint64_t(d.lat[x.slow]) + 1));
    if (x.commitOnly) {
      int64_t need = fastDone + 1 - t[HbGraph::endNode(x.slow)];
      if (need <= d.commit[x.slow]) continue;
      d.commit[x.slow] = need + jitter;
    } else {
      int64_t need = fastDone + 1 - t[HbGraph::startNode(x.slow)];
      if (need <= d.lat[x.slow]) continue;
      d.lat[x.slow] = need + jitter;
    }
    computeTimes(g, order, d, t);
  }
}

}  // namespace syncsmith::sim
