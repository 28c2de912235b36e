#include "sync/Relevance.h"

#include <algorithm>

namespace syncsmith::sync {

int Relevant::horizonOf(PipeMask mask) const {
  int h = kNoHorizon;
  for (Pipe p : kAllPipes)
    if (mask & pipeBit(p)) h = std::min(h, horizon[size_t(p)]);
  return h;
}

void Relevance::Seg::add(bool write, Pipe p, int order) {
  (write ? writers : readers) |= pipeBit(p);
  int& first = (write ? firstW : firstR)[size_t(p)];
  first = std::min(first, order);
}

void Relevance::split(SegMap& m, int64_t at) {
  auto it = m.upper_bound(at);
  if (it == m.begin()) return;
  --it;
  if (it->first < at && at < it->second.hi) {
    Seg right = it->second;
    it->second.hi = at;
    m.emplace(at, right);
  }
}

void Relevance::Index::add(const RefFp& r, Pipe p, int order) {
  SegMap& m = space[int(r.space)];
  int64_t lo = r.box.lo, hi = r.box.hi;
  split(m, lo);
  split(m, hi);
  int64_t cur = lo;
  auto it = m.lower_bound(lo);
  std::vector<std::pair<int64_t, Seg>> fresh;
  while (cur < hi) {
    if (it == m.end() || it->first >= hi) {
      fresh.push_back({cur, Seg(hi)});
      break;
    }
    if (it->first > cur) fresh.push_back({cur, Seg(it->first)});
    it->second.add(r.write, p, order);
    cur = it->second.hi;
    ++it;
  }
  for (auto& [k, s] : fresh) {
    s.add(r.write, p, order);
    m.emplace(k, s);
  }
}

void Relevance::Index::query(const RefFp& r, PipeMask& writers, PipeMask& readers,
                             std::array<int, kNumPipes>* first) const {
  const SegMap& m = space[int(r.space)];
  auto it = m.upper_bound(r.box.lo);
  if (it != m.begin()) --it;
  for (; it != m.end() && it->first < r.box.hi; ++it) {
    if (it->second.hi <= r.box.lo) continue;
    writers |= it->second.writers;
    readers |= it->second.readers;
    if (!first) continue;
    for (size_t q = 0; q < size_t(kNumPipes); ++q) {
      (*first)[q] = std::min((*first)[q], it->second.firstW[q]);
      if (r.write) (*first)[q] = std::min((*first)[q], it->second.firstR[q]);
    }
  }
}

void Relevance::addRefs(Index& ix, NodeId n, const Footprints& fp, Pipe p, int order) {
  for (const RefFp& r : fp.of(n).refs) ix.add(r, p, order);
}

Relevance::Relevance(const Program& p, const Footprints& fp) : rel_(p.nodes.size()) {
  // Ops of each outermost loop, for loop-carried producers.
  std::map<NodeId, Index> perLoop;
  auto outermost = [&](NodeId n) -> NodeId {
    const auto& ls = p.loopsOf(n);
    return ls.empty() ? kNone : p.loops[size_t(ls.front())].node;
  };
  for (NodeId n : p.ops)
    if (NodeId o = outermost(n); o != kNone) addRefs(perLoop[o], n, fp, p.nodes[n].pipe, 0);
  Index prefix;
  for (NodeId n : p.ops) {
    Pipe q = p.nodes[n].pipe;
    PipeMask w = 0, r = 0, gmw = 0, local = 0;
    Relevant& out = rel_[size_t(n)];
    out.horizon.fill(kNoHorizon);
    for (const RefFp& ref : fp.of(n).refs) {
      PipeMask rw = 0, rr = 0;
      prefix.query(ref, rw, rr, &out.horizon);
      if (NodeId o = outermost(n); o != kNone) perLoop[o].query(ref, rw, rr);
      w |= rw;
      if (ref.write) r |= rr;
      if (ref.space == Space::GM) gmw |= rw;
      if (ref.space != Space::GM) local |= PipeMask(rw | (ref.write ? rr : 0));
    }
    PipeMask keep = PipeMask(~pipeBit(Pipe::S));  // S instructions always end before later ones start
    if (!pipelined(p.arch(), q)) keep &= PipeMask(~pipeBit(q));
    out.drain = PipeMask((w | r) & keep);
    out.drainLocal = PipeMask(local & keep);
    out.commit = PipeMask(gmw & ~pipeBit(q));
    // An op lies between the gap before it and the gap after it: a walk may
    // stop once it is at or below the gap before the earliest producer.
    const Node& node = p.nodes[n];
    addRefs(prefix, n, fp, q, p.blocks[node.parent].gaps[size_t(node.index)].order + 1);
  }
}

}  // namespace syncsmith::sync
