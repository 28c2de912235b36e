// Byte ranges of one memory space cut into disjoint segments, each with a
// payload: the shadow memory of the race checker, the last accesses of the
// ideal mode's dependency builder and the values of the data model. A
// sorted vector: kernels touch few distinct ranges, and loops revisit them.
#pragma once

#include <algorithm>
#include <cstdint>
#include <utility>
#include <vector>

namespace syncsmith::sim {

template <class T>
class SegmentMap {
 public:
  struct Seg {
    int64_t lo, hi;
    T val;
  };

  std::vector<Seg>& segs() { return segs_; }
  const std::vector<Seg>& segs() const { return segs_; }
  void clear() { segs_.clear(); }

  // Index of the first segment ending after `pos`.
  size_t firstAfter(int64_t pos) const {
    return size_t(std::partition_point(segs_.begin(), segs_.end(),
                                       [pos](const Seg& s) { return s.hi <= pos; }) -
                  segs_.begin());
  }

  // Cuts segments at `lo` and `hi` and fills gaps with `fill`, so that
  // [lo, hi) is exactly the segments [first, second) of the result.
  std::pair<size_t, size_t> cover(int64_t lo, int64_t hi, const T& fill) {
    size_t a = firstAfter(lo);
    if (a < segs_.size() && segs_[a].lo < lo) {
      Seg right = segs_[a];
      right.lo = lo;
      segs_[a].hi = lo;
      segs_.insert(segs_.begin() + long(a) + 1, std::move(right));
      ++a;
    }
    size_t k = a;
    int64_t pos = lo;
    while (pos < hi) {
      if (k == segs_.size() || segs_[k].lo > pos) {
        int64_t end = k == segs_.size() ? hi : std::min(segs_[k].lo, hi);
        segs_.insert(segs_.begin() + long(k), Seg{pos, end, fill});
        pos = end;
        ++k;
        continue;
      }
      if (segs_[k].hi > hi) {
        Seg right = segs_[k];
        right.lo = hi;
        segs_[k].hi = hi;
        segs_.insert(segs_.begin() + long(k) + 1, std::move(right));
      }
      pos = segs_[k].hi;
      ++k;
    }
    return {a, k};
  }

  // Replaces [lo, hi) by one segment holding `v`.
  void assign(int64_t lo, int64_t hi, const T& v) {
    auto [a, b] = cover(lo, hi, v);
    segs_[a] = Seg{lo, hi, v};
    segs_.erase(segs_.begin() + long(a) + 1, segs_.begin() + long(b));
  }

  // Calls f(lo, hi, val) for each piece of [lo, hi), clipped; gaps are skipped.
  template <class F>
  void visit(int64_t lo, int64_t hi, F&& f) const {
    for (size_t k = firstAfter(lo); k < segs_.size() && segs_[k].lo < hi; ++k)
      f(std::max(lo, segs_[k].lo), std::min(hi, segs_[k].hi), segs_[k].val);
  }

 private:
  std::vector<Seg> segs_;
};

}  // namespace syncsmith::sim
