#include "RaceShadow.h"

#include <array>
#include <set>
#include <string>

#include "SegmentMap.h"

namespace syncsmith::sim {
namespace {

struct Site {
  const Stmt* stmt;
  uint32_t instr;
  bool write;
};

// A few sites inline; more spill to the heap (rare: many statements on one range).
class Sites {
 public:
  template <class F>
  void forEach(F&& f) const {
    for (uint8_t k = 0; k < n_; ++k) f(inline_[k]);
    for (const Site& s : more_) f(s);
  }
  void upsert(const Stmt* stmt, bool write, uint32_t instr) {
    for (uint8_t k = 0; k < n_; ++k)
      if (inline_[k].stmt == stmt && inline_[k].write == write) {
        inline_[k].instr = instr;
        return;
      }
    for (Site& s : more_)
      if (s.stmt == stmt && s.write == write) {
        s.instr = instr;
        return;
      }
    if (n_ < inline_.size())
      inline_[n_++] = {stmt, instr, write};
    else
      more_.push_back({stmt, instr, write});
  }

 private:
  std::array<Site, 5> inline_{};
  uint8_t n_ = 0;
  std::vector<Site> more_;
};

bool overlapsAny(const Access* xs, uint16_t n, const Access& y) {
  for (uint16_t k = 0; k < n; ++k)
    if (xs[k].overlaps(y)) return true;
  return false;
}

}  // namespace

bool raceUsesCommit(const Trace& t, uint32_t a, uint32_t b) {
  const Instr& x = t.instrs[a];
  const Instr& y = t.instrs[b];
  if (x.pipe == y.pipe) return false;
  const Access* xw = t.writes(x);
  for (uint16_t k = 0; k < x.nWrites; ++k) {
    if (xw[k].space != Space::GM) continue;
    if (overlapsAny(t.writes(y), y.nWrites, xw[k]) || overlapsAny(t.reads(y), y.nReads, xw[k]))
      return true;
  }
  return false;
}

std::string raceMessage(const Trace& t, uint32_t a, uint32_t b) {
  const Instr& x = t.instrs[a];
  const Instr& y = t.instrs[b];
  const char* hazard = "write-after-read";
  bool raw = false, waw = false;
  for (uint16_t k = 0; k < x.nWrites; ++k) {
    raw |= overlapsAny(t.reads(y), y.nReads, t.writes(x)[k]);
    waw |= overlapsAny(t.writes(y), y.nWrites, t.writes(x)[k]);
  }
  if (raw)
    hazard = "read-after-write";
  else if (waw)
    hazard = "write-after-write";
  return std::string(hazard) + " on " + std::string(pipeName(x.pipe)) + "->" +
         std::string(pipeName(y.pipe)) +
         (raceUsesCommit(t, a, b) ? " is not ordered after the GM write commits"
                                  : " is not ordered");
}

std::vector<RacePair> findRaces(const Trace& t, const ClockResult& clocks,
                                const ModelOptions& model) {
  const bool fenced = model.gmVisibility == GmVisibility::Fenced;
  std::array<SegmentMap<Sites>, kNumSpaces> shadow;
  const Sites empty;
  std::set<std::pair<int, int>> reported;
  std::vector<RacePair> out;

  for (uint32_t j = 0; j < t.instrs.size(); ++j) {
    int32_t slot = clocks.opSlot[j];
    if (slot < 0) continue;
    const Instr& in = t.instrs[j];
    const StartClock& k = clocks.clocks[size_t(slot)];
    const Access* acc = &t.accesses[in.accBegin];
    const uint16_t total = uint16_t(in.nWrites + in.nReads);
    for (uint16_t x = 0; x < total; ++x) {
      const Access& a = acc[x];
      const bool write = x < in.nWrites;
      auto& map = shadow[size_t(a.space)];
      auto [lo, hi] = map.cover(a.lo, a.hi, empty);
      for (size_t s = lo; s < hi; ++s)
        map.segs()[s].val.forEach([&](const Site& site) {
          if (site.instr == j || !(site.write || write)) return;
          const Instr& prev = t.instrs[site.instr];
          bool useCommit = site.write && a.space == Space::GM && prev.pipe != in.pipe;
          if (orderedBefore(k, prev, site.instr, useCommit, fenced)) return;
          if (reported.insert({prev.line(), in.line()}).second) out.push_back({site.instr, j});
        });
    }
    for (uint16_t x = 0; x < total; ++x) {
      const Access& a = acc[x];
      auto& map = shadow[size_t(a.space)];
      auto [lo, hi] = map.cover(a.lo, a.hi, empty);
      for (size_t s = lo; s < hi; ++s) map.segs()[s].val.upsert(in.stmt, x < in.nWrites, j);
    }
  }
  return out;
}

}  // namespace syncsmith::sim
