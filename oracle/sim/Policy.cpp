#include "Policy.h"

#include <algorithm>

namespace syncsmith::sim {

int64_t baseLatency(const Instr& in, Arch arch) {
  return in.kind == InstrKind::Op ? opLatency(arch, in.pipe, in.bytes) : kSyncLatency;
}

Delays fixedDelays(const Trace& t, Arch arch) {
  size_t n = t.instrs.size();
  Delays d;
  d.lat.resize(n);
  d.start.assign(n, 0);
  d.commit.assign(n, 0);
  for (size_t i = 0; i < n; ++i) d.lat[i] = baseLatency(t.instrs[i], arch);
  return d;
}

Delays randomDelays(const Trace& t, Arch arch, Rng& rng) {
  Delays d = fixedDelays(t, arch);
  for (size_t i = 0; i < t.instrs.size(); ++i) {
    int64_t base = d.lat[i];
    d.lat[i] = base + int64_t(rng.below(uint64_t(base) + 1));  // up to twice as slow
    if (rng.chance(1, 4)) d.start[i] = int64_t(rng.below(uint64_t(base) + 1));
    if (t.instrs[i].writesGm) d.commit[i] = int64_t(rng.below(2 * uint64_t(base) + 1));
  }
  return d;
}

Delays adversarialDelays(const Trace& t, Arch arch, Rng& rng) {
  Delays d = fixedDelays(t, arch);
  int64_t slowest = 1;
  for (int64_t l : d.lat) slowest = std::max(slowest, l);
  for (size_t i = 0; i < t.instrs.size(); ++i) {
    const Instr& in = t.instrs[i];
    int64_t base = d.lat[i];
    switch (in.kind) {
      case InstrKind::SetFlag:
        if (rng.chance(1, 2))
          d.start[i] = int64_t(rng.below(4 * uint64_t(slowest) + 1));  // a delayed set
        break;  // otherwise hurried: no delay, sync latency
      case InstrKind::Op:
        // Very fast or very slow: wide spreads make overlaps likely.
        d.lat[i] = rng.chance(1, 2) ? std::max<int64_t>(1, base / 4)
                                    : base * (1 + int64_t(rng.below(4)));
        if (rng.chance(1, 8)) d.start[i] = int64_t(rng.below(uint64_t(slowest) + 1));
        break;
      default:
        break;
    }
    if (in.writesGm) d.commit[i] = int64_t(rng.below(8 * uint64_t(slowest) + 1));
  }
  return d;
}

}  // namespace syncsmith::sim
