#include "sync/Relevance.h"

namespace syncsmith::sync {

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

void Relevance::Index::add(const RefFp& r, Pipe p) {
  SegMap& m = space[int(r.space)];
  int64_t lo = r.box.lo, hi = r.box.hi;
  split(m, lo);
  split(m, hi);
  int64_t cur = lo;
  auto it = m.lower_bound(lo);
  std::vector<std::pair<int64_t, Seg>> fresh;
  while (cur < hi) {
    if (it == m.end() || it->first >= hi) {
      fresh.push_back({cur, Seg{hi, 0, 0}});
      break;
    }
    if (it->first > cur) fresh.push_back({cur, Seg{it->first, 0, 0}});
    (r.write ? it->second.writers : it->second.readers) |= pipeBit(p);
    cur = it->second.hi;
    ++it;
  }
  for (auto& [k, s] : fresh) {
    (r.write ? s.writers : s.readers) |= pipeBit(p);
    m.emplace(k, s);
  }
}

void Relevance::Index::query(const RefFp& r, PipeMask& writers, PipeMask& readers) const {
  const SegMap& m = space[int(r.space)];
  auto it = m.upper_bound(r.box.lo);
  if (it != m.begin()) --it;
  for (; it != m.end() && it->first < r.box.hi; ++it) {
    if (it->second.hi <= r.box.lo) continue;
    writers |= it->second.writers;
    readers |= it->second.readers;
  }
}

void Relevance::addRefs(Index& ix, NodeId n, const Footprints& fp, Pipe p) {
  for (const RefFp& r : fp.of(n).refs) ix.add(r, p);
}

Relevance::Relevance(const Program& p, const Footprints& fp) : rel_(p.nodes.size()) {
  // Ops of each outermost loop, for loop-carried producers.
  std::map<NodeId, Index> perLoop;
  auto outermost = [&](NodeId n) -> NodeId {
    const auto& ls = p.loopsOf(n);
    return ls.empty() ? kNone : p.loops[size_t(ls.front())].node;
  };
  for (NodeId n : p.ops)
    if (NodeId o = outermost(n); o != kNone) addRefs(perLoop[o], n, fp, p.nodes[n].pipe);
  Index prefix;
  for (NodeId n : p.ops) {
    Pipe q = p.nodes[n].pipe;
    PipeMask w = 0, r = 0, gmw = 0;
    for (const RefFp& ref : fp.of(n).refs) {
      PipeMask rw = 0, rr = 0;
      prefix.query(ref, rw, rr);
      if (NodeId o = outermost(n); o != kNone) perLoop[o].query(ref, rw, rr);
      w |= rw;
      if (ref.write) r |= rr;
      if (ref.space == Space::GM) gmw |= rw;
    }
    Relevant& out = rel_[size_t(n)];
    out.drain = PipeMask(w | r);
    if (!pipelined(p.arch(), q)) out.drain &= PipeMask(~pipeBit(q));
    out.drain &= PipeMask(~pipeBit(Pipe::S));  // S instructions always end before later ones start
    out.commit = PipeMask(gmw & ~pipeBit(q));
    addRefs(prefix, n, fp, q);
  }
}

}  // namespace syncsmith::sync
