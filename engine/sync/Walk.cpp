#include "sync/Walk.h"

#include <algorithm>

namespace syncsmith::sync {

WalkEnv::WalkEnv(const Program& p, Enumerator& e)
    : prog(p), en(e), lanePasses(p.loops.size(), 1), splitInPasses(p.loops.size(), false) {
  for (Pipe q : kAllPipes)
    if (!pipelined(p.arch(), q)) serial |= pipeBit(q);
}

WalkState meet(const WalkState& a, const WalkState& b) {
  if (a.top) return b;
  if (b.top) return a;
  WalkState out;
  out.done = a.done & b.done;
  out.cdone = a.cdone & b.cdone;
  out.reach = a.reach & b.reach;
  std::set_intersection(a.pending.begin(), a.pending.end(), b.pending.begin(), b.pending.end(),
                        std::back_inserter(out.pending));
  return out;
}

Relation Walker::relation() const {
  Relation rel;
  const std::vector<LoopId>& ol = p_.blocks[origin_].loops;
  for (size_t i = 0; i < frames_.size() && i < ol.size() && frames_[i].loop == ol[i]; ++i)
    rel.push_back({frames_[i].loop, frames_[i].mode, frames_[i].d});
  return rel;
}

int Walker::passOf(LoopId loop) const {
  for (const Frame& f : frames_)
    if (f.loop == loop) {
      if (f.mode == Mode::Same) return 0;
      if (f.mode == Mode::Dist) return int(f.d);
      return -1;
    }
  return -1;
}

int Walker::sameLane(LoopId loop, int64_t coeff, int lanes) const {
  for (const Frame& f : frames_) {
    if (f.loop != loop) continue;
    switch (f.mode) {
      case Mode::Same: return 1;
      case Mode::Dist: return floorMod(satMul(coeff, f.d), lanes) == 0 ? 1 : -1;
      case Mode::Free: return 0;
      case Mode::AtLeast:
      case Mode::Behind: {
        // Some distance in [d, maxTrip) may bring the lane round again.
        int64_t maxTrip = p_.loops[size_t(loop)].maxTrip;
        if (maxTrip - f.d >= lanes) return 0;
        for (int64_t e = f.d; e < maxTrip; ++e)
          if (floorMod(satMul(coeff, e), lanes) == 0) return 0;
        return -1;
      }
    }
  }
  return 0;
}

SyncView Walker::viewOf(const Item& it, ItemId id) const {
  SyncView v;
  v.kind = it.kind;
  v.src = it.src;
  v.dst = it.dst;
  v.pair = it.pair;
  v.role = it.role;
  v.lane = it.lane;
  v.item = id;
  return v;
}

SyncView Walker::viewOf(NodeId n) const {
  const SyncStmt& y = *p_.nodes[n].sync();
  SyncView v;
  v.node = n;
  v.src = y.src;
  v.dst = y.dst;
  v.pair = p_.nodes[n].inputPair;
  v.role = Role(p_.nodes[n].inputRole);
  v.lane = p_.nodes[n].inputLane;
  switch (y.kind) {
    case SyncKind::SetFlag: v.kind = ItemKind::Set; break;
    case SyncKind::WaitFlag: v.kind = ItemKind::Wait; break;
    case SyncKind::Barrier: v.kind = y.all ? ItemKind::BarrierAll : ItemKind::Barrier; break;
    case SyncKind::Fence: v.kind = ItemKind::Fence; break;
  }
  return v;
}

void Walker::start(BlockId b, WalkState& s) {
  origin_ = b;
  frames_.clear();
  for (LoopId l : p_.blocks[b].loops) frames_.push_back({l, Mode::Same, 0});
  originLoops_ = frames_.size();
  curOrder_ = INT32_MAX;
  horizon_ = c_.horizon();
  aborted_ = false;
  c_.init(s);
  normalize(s);
  settle(s);
}

void Walker::fromNode(NodeId origin) {
  WalkState s;
  BlockId b = p_.nodes[origin].parent;
  start(b, s);
  walkFrom(b, size_t(p_.nodes[origin].index), SIZE_MAX, s);
  ascend(b, s);
}

void Walker::fromItem(ItemId origin) {
  const Item& it = p_.items[size_t(origin)];
  const Gap& g = p_.blocks[it.block].gaps[size_t(it.gap)];
  size_t pos;
  if (it.head)
    pos = g.tail.size() + size_t(std::find(g.head.begin(), g.head.end(), origin) - g.head.begin());
  else
    pos = size_t(std::find(g.tail.begin(), g.tail.end(), origin) - g.tail.begin());
  WalkState s;
  start(it.block, s);
  walkFrom(it.block, size_t(it.gap), pos, s);
  ascend(it.block, s);
}

void Walker::ascend(BlockId b, WalkState& s) {
  while (b != Program::kTop && !aborted_ && !s.top) {
    const Node& owner = p_.nodes[p_.blocks[b].owner];
    if (owner.kind == NodeKind::Loop) {
      if (!env_.skipBackEdges) passes(owner.loop, s);
      if (aborted_) return;
      frames_.pop_back();
      --originLoops_;
    }
    b = owner.parent;
    walkFrom(b, size_t(owner.index), SIZE_MAX, s);
  }
}

// Around the back edge of the origin's loop `l`: the body of iteration
// i-1, i-2, ..., i-D and then of every earlier one at once.
void Walker::passes(LoopId l, const WalkState& s0) {
  if (s0.top) return;
  const LoopInfo& L = p_.loops[size_t(l)];
  WalkState s = s0;
  int D = std::max(1, env_.lanePasses[size_t(l)]);
  for (int d = 1; d <= D + 1; ++d) {
    if (d >= L.maxTrip) break;
    frames_.back() = {l, d <= D ? Mode::Dist : Mode::AtLeast, d};
    walkBlock(L.body, s);
    if (aborted_ || s.top) break;
  }
  frames_.back() = {l, Mode::Same, 0};
}

// A loop holding the origin, met in a pass of an enclosing loop (so in an
// earlier iteration of it): backward, first its iterations after the
// origin's own (maybe none), then the origin's own (there, since the
// loop's bounds do not change across the enclosing iterations), then those
// before it (maybe none).
void Walker::walkSplit(LoopId l, WalkState& s) {
  const LoopInfo& L = p_.loops[size_t(l)];
  auto maybe = [&](Mode m) {
    frames_.push_back({l, m, 1});
    if (relationPossible(p_, Relation{{l, m, 1}})) {
      WalkState st = s;
      walkBlock(L.body, st);
      if (!aborted_) s = meet(s, st);
    }
    frames_.pop_back();
  };
  maybe(Mode::Behind);
  if (aborted_) return;
  frames_.push_back({l, Mode::Same, 0});
  walkBlock(L.body, s);
  frames_.pop_back();
  if (aborted_ || s.top) return;
  maybe(Mode::AtLeast);
}

void Walker::walkBlock(BlockId b, WalkState& s) {
  walkFrom(b, p_.blocks[b].gaps.size() - 1, SIZE_MAX, s);
}

// Backward from position `cut` of gap `gap` (tail items, then head items).
void Walker::walkFrom(BlockId b, size_t gap, size_t cut, WalkState& s) {
  const Block& blk = p_.blocks[b];
  for (size_t gi = gap + 1; gi-- > 0;) {
    const Gap& g = blk.gaps[gi];
    curOrder_ = g.order;
    if (originLoops_ == 0 && g.order < horizon_) {
      s.top = true;  // below the horizon: nothing left to learn
      return;
    }
    size_t n = g.tail.size() + g.head.size();
    size_t upto = gi == gap ? std::min(cut, n) : n;
    for (size_t k = upto; k-- > 0;) {
      ItemId id = k < g.tail.size() ? g.tail[k] : g.head[k - g.tail.size()];
      stepItem(id, s);
      if (aborted_ || s.top) return;
    }
    if (gi == 0) break;
    const Node& child = p_.nodes[blk.children[gi - 1]];
    if (child.kind == NodeKind::Op && !(c_.visitedOps & pipeBit(child.pipe))) continue;
    stepNode(blk.children[gi - 1], s);
    if (aborted_ || s.top) return;
  }
}

void Walker::stepItem(ItemId id, WalkState& s) {
  const Item& it = p_.items[size_t(id)];
  if (c_.skipItem(it)) return;
  stepSync(viewOf(it, id), s);
}

void Walker::stepSync(const SyncView& v, WalkState& s) {
  if (!c_.visitSync(v, s)) {
    aborted_ = true;
    return;
  }
  if (s.top) return;
  transfer(v, s);
  settle(s);
}

void Walker::stepNode(NodeId n, WalkState& s) {
  const Node& node = p_.nodes[n];
  switch (node.kind) {
    case NodeKind::Op:
      if (!c_.visitOp(n, s)) aborted_ = true;
      normalize(s);
      settle(s);
      return;
    case NodeKind::Sync:
      stepSync(viewOf(n), s);
      return;
    case NodeKind::If: {
      WalkState st, se;
      st.top = se.top = true;
      if (armFeasible(n, false)) {
        st = s;
        walkBlock(node.body, st);
        if (aborted_) return;
      }
      if (armFeasible(n, true)) {
        se = s;
        if (node.elseBody != kNone) walkBlock(node.elseBody, se);
        if (aborted_) return;
      }
      s = meet(st, se);
      return;
    }
    case NodeKind::Loop: {
      const LoopInfo& L = p_.loops[size_t(node.loop)];
      if (L.maxTrip == 0) return;
      if (env_.splitInPasses[size_t(node.loop)]) {
        const std::vector<LoopId>& ol = p_.blocks[origin_].loops;
        if (std::find(ol.begin(), ol.end(), node.loop) != ol.end()) {
          walkSplit(node.loop, s);
          return;
        }
      }
      frames_.push_back({node.loop, Mode::Free, 0});
      WalkState st = s;
      walkBlock(node.body, st);
      frames_.pop_back();
      if (aborted_) return;
      s = (L.mayZero && !env_.assumeLoopsRun && mayBeSkipped(node.loop)) ? meet(s, st) : st;
      return;
    }
  }
}

void Walker::normalize(WalkState& s) const {
  s.reach |= pipeBit(Pipe::S);
  s.done |= PipeMask(s.reach & env_.serial);
}

bool Walker::matchSet(const SyncView& v, WalkState& s) const {
  if (v.pair == kNone) return false;
  const Pair& pr = p_.pairs[size_t(v.pair)];
  bool any = false;
  auto matches = [&](const Pending& pe) {
    if (pe.pair != v.pair) return false;
    // A body wait of the loop's first iterations takes some prime: only the
    // first in program order is sure to lie at or before it.
    if (v.role == Role::Prime)
      return pe.lane >= 0 ? pe.lane == v.lane
                          : (v.item != kNone ? v.item == pr.primes.front() : v.node == pr.inFirstPrime);
    // A forward pair's set and wait sit in one block: the first set met
    // after its wait is that wait's own, whatever the lane.
    if (pr.lanes <= 1 || pr.shape != Shape::BackEdge) return true;
    int cur = passOf(pr.laneLoop);
    if (pe.pass < 0 || cur < 0) return false;
    return (pr.laneCoeff * int64_t(cur - pe.pass)) % pr.lanes == 0;
  };
  auto it = std::remove_if(s.pending.begin(), s.pending.end(), [&](const Pending& pe) {
    bool m = matches(pe);
    any |= m;
    return m;
  });
  s.pending.erase(it, s.pending.end());
  return any;
}

void Walker::transfer(const SyncView& v, WalkState& s) const {
  PipeMask rb = pipeBit(v.pipe());
  switch (v.kind) {
    case ItemKind::Set:
      if (s.reach & rb) s.done |= rb;
      if (matchSet(v, s)) s.reach |= rb, s.done |= rb;
      break;
    case ItemKind::Wait:
      if ((s.reach & rb) && v.pair != kNone) {
        Pending pe;
        pe.pair = v.pair;
        const Pair& pr = p_.pairs[size_t(v.pair)];
        if (v.role == Role::Drain)
          pe.lane = v.lane;
        else if (pr.lanes > 1)
          pe.pass = passOf(pr.laneLoop);
        auto pos = std::lower_bound(s.pending.begin(), s.pending.end(), pe);
        if (pos == s.pending.end() || *pos != pe) s.pending.insert(pos, pe);
      }
      break;
    case ItemKind::Barrier:
      if (s.reach & rb) s.done |= rb;
      break;
    case ItemKind::BarrierAll:
      s.done = s.cdone = s.reach = kAllPipeMask;
      s.pending.clear();
      break;
    case ItemKind::Fence:
      if (s.reach & rb) s.cdone |= rb;
      break;
  }
  normalize(s);
}

template <class MakePath>
bool Walker::feasible(int64_t tag, MakePath xPath) {
  Relation rel = relation();
  std::vector<WalkEnv::Feasible>& known =
      env_.feasible[(uint64_t(tag) << 32) ^ uint64_t(uint32_t(origin_))];
  for (const WalkEnv::Feasible& f : known)
    if (f.rel == rel) return f.feasible;
  bool f = env_.en.feasible(xPath(), p_.blocks[origin_].path, rel);
  known.push_back({std::move(rel), f});
  return f;
}

bool Walker::armFeasible(NodeId ifNode, bool elseArm) {
  const IfStmt& ifs = *p_.nodes[ifNode].stmt->ifStmt();
  if (ifs.cond.runtime) return true;
  return feasible(2 * int64_t(ifNode) + (elseArm ? 1 : 0), [&] {
    std::vector<Step> xPath = p_.blocks[p_.nodes[ifNode].parent].path;
    xPath.push_back({kNone, ifNode, elseArm, false});
    return xPath;
  });
}

// Whether a loop before the origin may run zero times on a path that also
// runs the origin (a trip count of params only cannot be zero next to an
// iteration of the same loop).
bool Walker::mayBeSkipped(LoopId loop) {
  return feasible(-1 - int64_t(loop), [&] {
    std::vector<Step> xPath = p_.blocks[p_.nodes[p_.loops[size_t(loop)].node].parent].path;
    xPath.push_back({loop, kNone, false, true});
    return xPath;
  });
}

}  // namespace syncsmith::sync
