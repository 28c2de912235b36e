#include "sync/Relevance.h"

#include <algorithm>
#include <map>

namespace syncsmith::sync {

int Relevant::horizonOf(PipeMask mask) const {
  int h = kNoHorizon;
  for (Pipe p : kAllPipes)
    if (mask & pipeBit(p)) h = std::min(h, horizon[size_t(p)]);
  return h;
}

namespace {

// What the ops added over some bytes did there: the pipes that wrote or
// read them, and per pipe the lowest order given with the writes / reads.
struct Marks {
  PipeMask writers = 0, readers = 0;
  std::array<int, kNumPipes> firstW, firstR;
  Marks() { firstW.fill(kNoHorizon), firstR.fill(kNoHorizon); }
  void add(bool write, Pipe p, int order) {
    (write ? writers : readers) |= pipeBit(p);
    int& first = (write ? firstW : firstR)[size_t(p)];
    first = std::min(first, order);
  }
  void merge(const Marks& o) {
    writers |= o.writers;
    readers |= o.readers;
    for (size_t q = 0; q < size_t(kNumPipes); ++q) {
      firstW[q] = std::min(firstW[q], o.firstW[q]);
      firstR[q] = std::min(firstR[q], o.firstR[q]);
    }
  }
};

// Byte intervals of each space, marked by ops in program order and queried
// for the union of the marks over an interval: a segment tree over the
// boxes' end points (given first), O(log n) per mark and per query. A node
// keeps the marks that cover it whole (`whole`) and all marks that touch it
// (`any`): a query takes `any` where it covers a node, `whole` on the way.
class BoxIndex {
 public:
  void expect(const RefFp& r) {
    std::vector<int64_t>& xs = trees_[size_t(r.space)].xs;
    xs.push_back(r.box.lo);
    xs.push_back(r.box.hi);
  }
  void freeze() {
    for (Tree& t : trees_) {
      std::sort(t.xs.begin(), t.xs.end());
      t.xs.erase(std::unique(t.xs.begin(), t.xs.end()), t.xs.end());
      t.leaves = 1;
      while (t.leaves + 1 < t.xs.size()) t.leaves *= 2;
      t.whole.assign(2 * t.leaves, Marks());
      t.any.assign(2 * t.leaves, Marks());
    }
  }
  void mark(const RefFp& r, Pipe p, int order) {
    Tree& t = trees_[size_t(r.space)];
    auto [l, h] = t.range(r.box);
    if (l < h) t.mark(1, 0, t.leaves, l, h, r.write, p, order);
  }
  Marks query(const RefFp& r) const {
    const Tree& t = trees_[size_t(r.space)];
    Marks out;
    auto [l, h] = t.range(r.box);
    if (l < h) t.query(1, 0, t.leaves, l, h, out);
    return out;
  }

 private:
  struct Tree {
    std::vector<int64_t> xs;  // end points; leaf i is [xs[i], xs[i+1])
    size_t leaves = 1;
    std::vector<Marks> whole, any;
    std::pair<size_t, size_t> range(Interval box) const {
      auto at = [&](int64_t x) {
        return size_t(std::lower_bound(xs.begin(), xs.end(), x) - xs.begin());
      };
      return {at(box.lo), at(box.hi)};
    }
    void mark(size_t n, size_t nl, size_t nr, size_t l, size_t h, bool write, Pipe p, int order) {
      any[n].add(write, p, order);
      if (l <= nl && nr <= h) {
        whole[n].add(write, p, order);
        return;
      }
      size_t mid = (nl + nr) / 2;
      if (l < mid) mark(2 * n, nl, mid, l, h, write, p, order);
      if (mid < h) mark(2 * n + 1, mid, nr, l, h, write, p, order);
    }
    void query(size_t n, size_t nl, size_t nr, size_t l, size_t h, Marks& out) const {
      if (l <= nl && nr <= h) {
        out.merge(any[n]);
        return;
      }
      out.merge(whole[n]);
      size_t mid = (nl + nr) / 2;
      if (l < mid) query(2 * n, nl, mid, l, h, out);
      if (mid < h) query(2 * n + 1, mid, nr, l, h, out);
    }
  };
  Tree trees_[kNumSpaces];
};

}  // namespace

Relevance::Relevance(const Program& p, const Footprints& fp) : rel_(p.nodes.size()) {
  // Ops of each outermost loop, for loop-carried producers.
  auto outermost = [&](NodeId n) -> NodeId {
    const auto& ls = p.loopsOf(n);
    return ls.empty() ? kNone : p.loops[size_t(ls.front())].node;
  };
  BoxIndex prefix;
  std::map<NodeId, BoxIndex> perLoop;
  for (NodeId n : p.ops)
    for (const RefFp& r : fp.of(n).refs) {
      prefix.expect(r);
      if (NodeId o = outermost(n); o != kNone) perLoop[o].expect(r);
    }
  prefix.freeze();
  for (auto& [o, ix] : perLoop) ix.freeze();
  for (NodeId n : p.ops)
    if (NodeId o = outermost(n); o != kNone)
      for (const RefFp& r : fp.of(n).refs) perLoop[o].mark(r, p.nodes[n].pipe, 0);

  for (NodeId n : p.ops) {
    Pipe q = p.nodes[n].pipe;
    PipeMask w = 0, r = 0, gmw = 0, local = 0;
    Relevant& out = rel_[size_t(n)];
    out.horizon.fill(kNoHorizon);
    for (const RefFp& ref : fp.of(n).refs) {
      Marks m = prefix.query(ref);
      for (size_t x = 0; x < size_t(kNumPipes); ++x)
        out.horizon[x] = std::min({out.horizon[x], m.firstW[x], ref.write ? m.firstR[x] : kNoHorizon});
      if (NodeId o = outermost(n); o != kNone) m.merge(perLoop[o].query(ref));
      w |= m.writers;
      if (ref.write) r |= m.readers;
      if (ref.space == Space::GM) gmw |= m.writers;
      if (ref.space != Space::GM) local |= PipeMask(m.writers | (ref.write ? m.readers : 0));
    }
    PipeMask keep = PipeMask(~pipeBit(Pipe::S));  // S instructions always end before later ones start
    if (!pipelined(p.arch(), q)) keep &= PipeMask(~pipeBit(q));
    out.drain = PipeMask((w | r) & keep);
    out.drainLocal = PipeMask(local & keep);
    out.commit = PipeMask(gmw & ~pipeBit(q));
    // An op lies between the gap before it and the gap after it: a walk may
    // stop once it is at or below the gap before the earliest producer.
    const Node& node = p.nodes[n];
    int order = p.blocks[node.parent].gaps[size_t(node.index)].order + 1;
    for (const RefFp& ref : fp.of(n).refs) prefix.mark(ref, q, order);
  }
}

}  // namespace syncsmith::sync
