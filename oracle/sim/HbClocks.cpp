#include "HbClocks.h"

#include <algorithm>

namespace syncsmith::sim {
namespace {

// D at [0, 8), C at [8, 16), A at [16, 24): one flat array, joined by max.
struct Clock {
  int32_t v[24];
  void reset() { std::fill(std::begin(v), std::end(v), -1); }
  void join(const Clock& o) {
    for (int k = 0; k < 24; ++k) v[k] = std::max(v[k], o.v[k]);
  }
};
constexpr int kD = 0, kC = 8, kA = 16;

class ClockPool {
 public:
  static constexpr uint32_t kNone = UINT32_MAX;
  uint32_t alloc() {
    if (!free_.empty()) {
      uint32_t s = free_.back();
      free_.pop_back();
      return s;
    }
    pool_.emplace_back();
    return uint32_t(pool_.size() - 1);
  }
  void release(uint32_t s) { free_.push_back(s); }
  Clock& operator[](uint32_t s) { return pool_[s]; }

 private:
  std::vector<Clock> pool_;
  std::vector<uint32_t> free_;
};

// What the start of instruction d adds to the clock.
void addOwn(Clock& c, const Instr& in, int32_t d, Arch arch) {
  c.v[kA + int(Pipe::S)] = std::max(c.v[kA + int(Pipe::S)], d);
  c.v[kD + int(Pipe::S)] = std::max(c.v[kD + int(Pipe::S)], d);
  if (in.kind == InstrKind::BarrierAll) {
    for (int p = 0; p < kNumPipes; ++p) {
      c.v[kA + p] = std::max(c.v[kA + p], d);
      c.v[kD + p] = std::max(c.v[kD + p], d);
      c.v[kC + p] = std::max(c.v[kC + p], d);
    }
    return;
  }
  int p = int(in.pipe);
  c.v[kA + p] = std::max(c.v[kA + p], d);
  bool drain = !pipelined(arch, in.pipe) || in.kind == InstrKind::SetFlag ||
               in.kind == InstrKind::Barrier;
  if (drain) c.v[kD + p] = std::max(c.v[kD + p], d);
  if (in.kind == InstrKind::Fence) c.v[kC + p] = std::max(c.v[kC + p], d);
}

}  // namespace

ClockResult computeClocks(const Trace& t, const HbGraph& g, Arch arch,
                          const std::vector<WaitQuery>& queries) {
  size_t n = t.instrs.size();
  ClockResult r;
  r.opSlot.assign(n, -1);
  for (size_t i = 0; i < n; ++i) {
    const Instr& in = t.instrs[i];
    if (in.kind == InstrKind::Op && in.nWrites + in.nReads > 0) {
      r.opSlot[i] = int32_t(r.clocks.size());
      r.clocks.emplace_back();
    }
  }
  std::vector<int32_t> queryAt(n, -1);
  for (size_t q = 0; q < queries.size(); ++q) queryAt[queries[q].at] = int32_t(q);
  r.queryOrdered.assign(queries.size(), 0);

  ClockPool pool;
  std::vector<uint32_t> slot(g.numNodes(), ClockPool::kNone);
  const HbEdge* edges = g.edges().data();
  Clock cur;
  for (uint32_t u : g.topoOrder()) {
    if (slot[u] != ClockPool::kNone) {
      cur = pool[slot[u]];
      pool.release(slot[u]);
    } else {
      cur.reset();
    }
    if (u % 3 == 0) {
      size_t d = u / 3;
      addOwn(cur, t.instrs[d], int32_t(d), arch);
      if (int32_t s = r.opSlot[d]; s >= 0) {
        StartClock& sc = r.clocks[size_t(s)];
        std::copy(cur.v + kD, cur.v + kD + kNumPipes, sc.d);
        std::copy(cur.v + kC, cur.v + kC + kNumPipes, sc.c);
      }
      if (int32_t q = queryAt[d]; q >= 0) {
        const WaitQuery& wq = queries[size_t(q)];
        r.queryOrdered[size_t(q)] = cur.v[kA + int(wq.pipe)] > wq.after;
      }
    }
    for (const uint32_t* e = g.outBegin(u); e != g.outEnd(u); ++e) {
      uint32_t v = edges[*e].to;
      if (slot[v] == ClockPool::kNone) {
        slot[v] = pool.alloc();
        pool[slot[v]] = cur;
      } else {
        pool[slot[v]].join(cur);
      }
    }
  }
  return r;
}

}  // namespace syncsmith::sim
