#include "DataModel.h"

#include <algorithm>
#include <array>

#include "Rng.h"
#include "SegmentMap.h"

namespace syncsmith::sim {
namespace {

constexpr uint32_t kInitial = UINT32_MAX;

struct Value {
  uint64_t hash;
  int64_t origin;
  uint32_t owner;  // the op that wrote it, kInitial for initial contents
  bool sameBytes(const Value& o) const { return hash == o.hash && origin == o.origin; }
};

using Space_ = SegmentMap<Value>;

class Memory {
 public:
  explicit Memory(const Kernel& k) {
    for (size_t b = 0; b < k.buffers.size(); ++b) {
      const Buffer& buf = k.buffers[b];
      if (buf.space != Space::GM) continue;
      spaces_[0].assign(buf.base, buf.base + buf.size,
                        {hashCombine(0x6d, hashString(buf.name)), buf.base, kInitial});
    }
    for (int s = 1; s < kNumSpaces; ++s) {
      int64_t cap = capacity(Space(s)).value_or(0);
      if (cap > 0) spaces_[size_t(s)].assign(0, cap, {hashCombine(0x10c, uint64_t(s)), 0, kInitial});
    }
  }
  Space_& operator[](Space s) { return spaces_[size_t(s)]; }
  const Space_& operator[](Space s) const { return spaces_[size_t(s)]; }

 private:
  std::array<Space_, kNumSpaces> spaces_;
};

uint64_t digestPiece(uint64_t d, int64_t lo, int64_t hi, int64_t rangeLo, const Value& v) {
  d = hashCombine(d, uint64_t(lo - rangeLo));
  d = hashCombine(d, uint64_t(hi - rangeLo));
  d = hashCombine(d, v.hash);
  return hashCombine(d, uint64_t(lo - v.origin));
}

uint64_t digestRange(uint64_t d, const Space_& m, const Access& a) {
  d = hashCombine(d, uint64_t(a.space));
  m.visit(a.lo, a.hi, [&](int64_t lo, int64_t hi, const Value& v) { d = digestPiece(d, lo, hi, a.lo, v); });
  return d;
}

uint64_t opHash(uint32_t j, uint64_t digest) { return hashCombine(hashCombine(0x0b5, j), digest); }
Value writeValue(uint64_t h, uint16_t k, const Access& a, uint32_t j) {
  return {hashCombine(h, k), a.lo, j};
}

bool isDataOp(const Instr& in) { return in.kind == InstrKind::Op && in.nWrites + in.nReads > 0; }

std::vector<uint64_t> sequentialRun(const Trace& t, Memory& m) {
  std::vector<uint64_t> h(t.instrs.size(), 0);
  for (uint32_t j = 0; j < t.instrs.size(); ++j) {
    const Instr& in = t.instrs[j];
    if (!isDataOp(in)) continue;
    uint64_t d = 0x5eed;
    for (uint16_t r = 0; r < in.nReads; ++r) d = digestRange(d, m[t.reads(in)[r].space], t.reads(in)[r]);
    h[j] = opHash(j, d);
    for (uint16_t w = 0; w < in.nWrites; ++w) {
      const Access& a = t.writes(in)[w];
      m[a.space].assign(a.lo, a.hi, writeValue(h[j], w, a, j));
    }
  }
  return h;
}

// A GM write seen by its own pipe only (landed, not yet drained).
struct Pending {
  uint32_t instr;
  uint16_t access;
};

class ConcurrentRun {
 public:
  ConcurrentRun(const Trace& t, Memory& m) : t_(t), m_(m), h_(t.instrs.size(), 0) {}

  enum Kind : uint32_t { kLand = 0, kDrain = 1, kSample = 2 };
  struct Event {
    int64_t time;
    uint32_t key;  // kind << 30 | instr
    bool operator<(const Event& o) const { return time != o.time ? time < o.time : key < o.key; }
  };

  void run(const std::vector<int64_t>& times, const std::vector<uint32_t>& commitOf) {
    std::vector<Event> events;
    events.reserve(t_.instrs.size() * 2);
    drain_.assign(t_.instrs.size(), 0);
    int64_t lastDrain[kNumPipes];
    std::fill(std::begin(lastDrain), std::end(lastDrain), INT64_MIN);
    for (uint32_t j = 0; j < t_.instrs.size(); ++j) {
      const Instr& in = t_.instrs[j];
      if (!isDataOp(in)) continue;
      int64_t end = times[3 * size_t(j) + 1];
      events.push_back({end - 1, (kSample << 30) | j});
      if (in.nWrites) events.push_back({end, (kLand << 30) | j});
      if (in.writesGm) {
        int64_t& last = lastDrain[int(in.pipe)];
        last = std::max(last, times[commitOf[j]]);
        drain_[j] = last;
        if (last > end) events.push_back({last, (kDrain << 30) | j});
      }
    }
    std::sort(events.begin(), events.end());
    for (const Event& e : events) {
      uint32_t j = e.key & ((1u << 30) - 1);
      switch (e.key >> 30) {
        case kSample: sample(j); break;
        case kLand: land(j, e.time); break;
        case kDrain: drainWrites(j); break;
      }
    }
  }
  const std::vector<uint64_t>& hashes() const { return h_; }

 private:
  void sample(uint32_t j) {
    const Instr& in = t_.instrs[j];
    uint64_t d = 0x5eed;
    for (uint16_t r = 0; r < in.nReads; ++r) {
      const Access& a = t_.reads(in)[r];
      d = a.space == Space::GM ? digestGm(d, a, in.pipe) : digestRange(d, m_[a.space], a);
    }
    h_[j] = opHash(j, d);
  }

  // GM as seen by `pipe`: drained contents overlaid with its own pending writes.
  uint64_t digestGm(uint64_t d, const Access& a, Pipe pipe) {
    auto& pend = pending_[int(pipe)];
    bool overlaid = false;
    for (const Pending& p : pend) overlaid |= t_.writes(t_.instrs[p.instr])[p.access].overlaps(a);
    if (!overlaid) return digestRange(d, m_[Space::GM], a);
    scratch_.clear();
    m_[Space::GM].visit(a.lo, a.hi, [&](int64_t lo, int64_t hi, const Value& v) {
      scratch_.segs().push_back({lo, hi, v});
    });
    for (const Pending& p : pend) {
      const Access& w = t_.writes(t_.instrs[p.instr])[p.access];
      if (!w.overlaps(a)) continue;
      scratch_.assign(std::max(w.lo, a.lo), std::min(w.hi, a.hi),
                      writeValue(h_[p.instr], p.access, w, p.instr));
    }
    d = hashCombine(d, uint64_t(a.space));
    scratch_.visit(a.lo, a.hi, [&](int64_t lo, int64_t hi, const Value& v) { d = digestPiece(d, lo, hi, a.lo, v); });
    return d;
  }

  void land(uint32_t j, int64_t time) {
    const Instr& in = t_.instrs[j];
    for (uint16_t w = 0; w < in.nWrites; ++w) {
      const Access& a = t_.writes(in)[w];
      if (a.space == Space::GM && drain_[j] > time) {
        pending_[int(in.pipe)].push_back({j, w});
        continue;
      }
      // Earlier writes of this pipe due now drain first (program order),
      // whatever the order of the events that share this time.
      if (a.space == Space::GM) drainDue(in.pipe, time);
      m_[a.space].assign(a.lo, a.hi, writeValue(h_[j], w, a, j));
    }
  }

  void drainDue(Pipe pipe, int64_t time) {
    auto& pend = pending_[int(pipe)];
    auto due = std::stable_partition(pend.begin(), pend.end(),
                                     [&](const Pending& p) { return drain_[p.instr] <= time; });
    std::sort(pend.begin(), due, [](const Pending& a, const Pending& b) { return a.instr < b.instr; });
    for (auto it = pend.begin(); it != due; ++it) {
      const Access& a = t_.writes(t_.instrs[it->instr])[it->access];
      m_[Space::GM].assign(a.lo, a.hi, writeValue(h_[it->instr], it->access, a, it->instr));
    }
    pend.erase(pend.begin(), due);
  }

  void drainWrites(uint32_t j) {
    const Instr& in = t_.instrs[j];
    auto& pend = pending_[int(in.pipe)];
    for (size_t k = 0; k < pend.size();) {
      if (pend[k].instr != j) {
        ++k;
        continue;
      }
      const Access& a = t_.writes(in)[pend[k].access];
      m_[Space::GM].assign(a.lo, a.hi, writeValue(h_[j], pend[k].access, a, j));
      pend.erase(pend.begin() + long(k));
    }
  }

  const Trace& t_;
  Memory& m_;
  std::vector<uint64_t> h_;
  std::vector<int64_t> drain_;
  std::array<std::vector<Pending>, kNumPipes> pending_;
  SegmentMap<Value> scratch_;
};

int bufferAt(const Kernel& k, int64_t addr) {
  for (size_t b = 0; b < k.buffers.size(); ++b) {
    const Buffer& buf = k.buffers[b];
    if (buf.space == Space::GM && addr >= buf.base && addr < buf.base + buf.size) return int(b);
  }
  return -1;
}

std::string gmPlace(const Kernel& k, int64_t lo, int64_t hi) {
  int b = bufferAt(k, lo);
  if (b < 0) return "gm [" + std::to_string(lo) + ":" + std::to_string(hi) + "]";
  const Buffer& buf = k.buffers[size_t(b)];
  return "gm " + buf.name + "[" + std::to_string(lo - buf.base) + ":" +
         std::to_string(std::min(hi, buf.base + buf.size) - buf.base) + "]";
}

// Walks both GM maps together; fills the report from the differing bytes.
void compareGm(const Kernel& k, const Space_& got, const Space_& want, DataReport& rep) {
  const auto& a = got.segs();
  const auto& b = want.segs();
  size_t x = 0, y = 0;
  int64_t firstLo = -1, firstHi = -1;
  while (x < a.size() && y < b.size()) {
    int64_t lo = std::max(a[x].lo, b[y].lo), hi = std::min(a[x].hi, b[y].hi);
    if (lo < hi && !a[x].val.sameBytes(b[y].val)) {
      rep.differingBytes += hi - lo;
      if (firstLo < 0) {
        firstLo = lo, firstHi = hi;
        rep.writer = a[x].val.owner == kInitial ? -1 : int64_t(a[x].val.owner);
        rep.expectedWriter = b[y].val.owner == kInitial ? -1 : int64_t(b[y].val.owner);
      } else if (lo == firstHi && bufferAt(k, lo) == bufferAt(k, firstLo)) {
        firstHi = hi;
      }
    }
    if (a[x].hi <= b[y].hi) ++x;
    else ++y;
  }
  if (firstLo < 0) return;
  rep.corrupted = true;
  rep.where = gmPlace(k, firstLo, firstHi);
}

}  // namespace

DataReport checkData(const Trace& t, const std::vector<int64_t>& times,
                     const std::vector<uint32_t>& commitOf) {
  const Kernel& k = *t.kernel;
  if (t.instrs.size() >= (size_t(1) << 30)) return {};  // event keys hold 30-bit indices
  Memory seq(k), conc(k);
  std::vector<uint64_t> want = sequentialRun(t, seq);
  ConcurrentRun run(t, conc);
  run.run(times, commitOf);
  DataReport rep;
  compareGm(k, conc[Space::GM], seq[Space::GM], rep);
  if (!rep.corrupted) return rep;
  const auto& got = run.hashes();
  for (size_t j = 0; j < got.size(); ++j)
    if (got[j] != want[j]) {
      rep.victim = int64_t(j);
      break;
    }
  return rep;
}

}  // namespace syncsmith::sim
