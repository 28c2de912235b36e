#include "sync/Placement.h"

#include <algorithm>

#include "sync/Lanes.h"

namespace syncsmith::sync {
namespace {

Item makeItem(ItemKind k, Pipe src, Pipe dst = Pipe::S, PairId pair = kNone,
              Role role = Role::Plain, int lane = 0) {
  Item it;
  it.kind = k;
  it.src = src;
  it.dst = dst;
  it.pair = pair;
  it.role = role;
  it.lane = lane;
  return it;
}

// The block where producer and consumer statements meet.
struct Anchor {
  bool ok = false;
  BlockId block = kNone;
  int aIdx = 0, bIdx = 0;
  bool backEdge = false;
  LoopId loop = kNone;
};

Anchor anchorOf(const Program& p, const Hazard& h) {
  auto ca = p.chain(h.a);
  auto cb = p.chain(h.b);
  Anchor an;
  an.loop = carriedLoop(h.rel);
  if (an.loop != kNone) {
    an.block = p.loops[size_t(an.loop)].body;
    int ai = -1, bi = -1;
    for (const auto& [blk, idx] : ca)
      if (blk == an.block) ai = idx;
    for (const auto& [blk, idx] : cb)
      if (blk == an.block) bi = idx;
    an.ok = ai >= 0 && bi >= 0;
    an.aIdx = ai, an.bIdx = bi;
    an.backEdge = bi <= ai;
    if (!an.backEdge) an.loop = kNone;  // a forward pair inside the body covers it
    return an;
  }
  for (size_t k = 0; k < ca.size() && k < cb.size() && ca[k].first == cb[k].first; ++k) {
    if (ca[k].second == cb[k].second) continue;
    an.block = ca[k].first;
    an.aIdx = ca[k].second;
    an.bIdx = cb[k].second;
    an.ok = an.aIdx < an.bIdx;
    return an;
  }
  return an;
}

// Descends from (block, idx) into the consumer's if-arms while the
// consumer's statement is an if.
std::pair<BlockId, int> sinkIntoArms(const Program& p, NodeId b, BlockId block, int idx) {
  auto cb = p.chain(b);
  size_t k = 0;
  while (k < cb.size() && !(cb[k].first == block && cb[k].second == idx)) ++k;
  while (k + 1 < cb.size()) {
    const Node& child = p.nodes[p.blocks[block].children[size_t(idx)]];
    if (child.kind != NodeKind::If) break;
    ++k;
    block = cb[k].first;
    idx = cb[k].second;
  }
  return {block, idx};
}

bool hasItem(const Program& p, const std::vector<ItemId>& list, ItemKind k, Pipe pipe) {
  return std::any_of(list.begin(), list.end(), [&](ItemId id) {
    const Item& it = p.items[size_t(id)];
    return it.kind == k && it.src == pipe;
  });
}

// A set drains its pipe, so a set between two ops of one pipelined pipe
// keeps them from overlapping: the set slides past the producer's next
// siblings while they are ops on the same pipe (and, for a forward pair,
// stay before the consumer), and one set then covers the whole group.
int slideSet(const Program& p, const Anchor& an, Pipe P) {
  int last = an.aIdx;
  if (!pipelined(p.arch(), P)) return last + 1;
  const Block& blk = p.blocks[an.block];
  int limit = an.backEdge ? int(blk.children.size()) : an.bIdx;
  while (last + 1 < limit) {
    const Node& next = p.nodes[blk.children[size_t(last + 1)]];
    if (next.kind != NodeKind::Op || next.pipe != P) break;
    ++last;
  }
  return last + 1;
}

void addBarrierAll(Context& cx, BlockId block, int gap, bool fallback = false) {
  Program& p = cx.prog;
  if (fallback && cx.has(InjectedBug::FallbackBarrierAtTail)) {
    // The bug: every full barrier is taken for the kernel's tail clean.
    block = Program::kTop;
    gap = int(p.blocks[block].children.size());
    if (hasItem(p, p.blocks[block].gaps[size_t(gap)].tail, ItemKind::BarrierAll, Pipe::S)) return;
    p.add(makeItem(ItemKind::BarrierAll, Pipe::S), block, gap, false, kTailSet + 1);
    return;
  }
  if (hasItem(p, p.blocks[block].gaps[size_t(gap)].head, ItemKind::BarrierAll, Pipe::S)) return;
  p.add(makeItem(ItemKind::BarrierAll, Pipe::S), block, gap, true, kHeadBarrierAll);
}

}  // namespace

void placeBarrierAll(Context& cx, const Hazard& h) {
  const Program& p = cx.prog;
  Anchor an = anchorOf(p, h);
  if (!an.ok) {
    addBarrierAll(cx, p.nodes[h.b].parent, p.nodes[h.b].index);
    return;
  }
  auto [wb, wi] = sinkIntoArms(p, h.b, an.block, an.bIdx);
  addBarrierAll(cx, wb, wi);
}

Placed place(Context& cx, const Hazard& h) {
  Program& p = cx.prog;
  Placed out;
  Anchor an = anchorOf(p, h);
  if (!an.ok || cx.opts.mode == SyncMode::BarrierAll) {
    placeBarrierAll(cx, h);
    return out;
  }
  Pipe P = p.nodes[h.a].pipe, Q = p.nodes[h.b].pipe;
  bool opt = cx.opts.mode == SyncMode::Opt;
  auto [wb, wi] = opt ? sinkIntoArms(p, h.b, an.block, an.bIdx) : std::make_pair(an.block, an.bIdx);

  if (P == Q) {
    if (!hasItem(p, p.blocks[wb].gaps[size_t(wi)].head, ItemKind::Barrier, P))
      p.add(makeItem(ItemKind::Barrier, P), wb, wi, true, kHeadBarrier);
    return out;
  }
  int tailGap = an.aIdx + 1;
  if (P == Pipe::S) {
    // S blocks every later instruction: only the commit matters, and a fence
    // right before the consumer waits for it as late as possible (the S
    // stores in between go on) and covers every earlier S store at once.
    if (h.commit && !hasItem(p, p.blocks[wb].gaps[size_t(wi)].head, ItemKind::Fence, P))
      p.add(makeItem(ItemKind::Fence, P), wb, wi, true, kHeadBarrier);
    return out;
  }
  if (h.commit && !hasItem(p, p.blocks[an.block].gaps[size_t(tailGap)].tail, ItemKind::Fence, P))
    p.add(makeItem(ItemKind::Fence, P), an.block, tailGap, false, kTailFence);
  if (opt) tailGap = slideSet(p, an, P);

  PairId id = PairId(p.pairs.size());
  p.pairs.emplace_back();
  p.pairs[size_t(id)].src = P;
  p.pairs[size_t(id)].dst = Q;
  p.pairs[size_t(id)].line = p.lineOf(h.b);
  p.pairs[size_t(id)].consumer = h.b;
  std::optional<LaneChoice> lanes;
  if (an.backEdge) {
    lanes = chooseLanes(cx, h, an.loop, an.block);
    // Lanes chosen by a loop inside the carried one: the set and wait go in
    // that loop's body, the wait before the set there (else no lanes).
    BlockId pairBlock = an.block;
    int setGap = tailGap, waitGap = an.bIdx;
    if (lanes && lanes->loop != an.loop) {
      Anchor in = an;
      in.block = p.loops[size_t(lanes->loop)].body;
      in.aIdx = in.bIdx = -1;
      for (const auto& [blk, idx] : p.chain(h.a))
        if (blk == in.block) in.aIdx = idx;
      for (const auto& [blk, idx] : p.chain(h.b))
        if (blk == in.block) in.bIdx = idx;
      if (in.aIdx >= 0 && in.bIdx >= 0 && in.bIdx <= in.aIdx) {
        pairBlock = in.block;
        setGap = opt ? slideSet(p, in, P) : in.aIdx + 1;
        waitGap = in.bIdx;
        cx.walk.splitInPasses[size_t(lanes->loop)] = true;
      } else {
        lanes.reset();
      }
    }
    int k = lanes ? lanes->k : 1;
    Pair& pr = p.pairs[size_t(id)];
    pr.shape = Shape::BackEdge;
    pr.loop = an.loop;
    const Node& loopNode = p.nodes[p.loops[size_t(an.loop)].node];
    BlockId outer = loopNode.parent;
    ItemId set = p.add(makeItem(ItemKind::Set, P, Q, id, Role::Body), pairBlock, setGap, false, kTailSet);
    ItemId wait = p.add(makeItem(ItemKind::Wait, P, Q, id, Role::Body), pairBlock, waitGap, true, kHeadWait);
    std::vector<ItemId> primes, drains;
    int drainCat = cx.has(InjectedBug::LoopTailSetBeforeDrain) ? kTailSet + 1 : kTailDrain;
    for (int lane = 0; lane < k; ++lane) {
      primes.push_back(p.add(makeItem(ItemKind::Set, P, Q, id, Role::Prime, lane), outer,
                             loopNode.index, true, kHeadPrime));
      drains.push_back(p.add(makeItem(ItemKind::Wait, P, Q, id, Role::Drain, lane), outer,
                             loopNode.index + 1, false, drainCat));
    }
    Pair& pr2 = p.pairs[size_t(id)];
    pr2.set = set, pr2.wait = wait, pr2.primes = primes, pr2.drains = drains;
  } else {
    bool sunk = wb != an.block;
    lanes = chooseLanes(cx, h, kNone, wb);
    ItemId set = sunk ? p.add(makeItem(ItemKind::Set, P, Q, id, Role::Body), wb, wi, true, kHeadSunkSet)
                      : p.add(makeItem(ItemKind::Set, P, Q, id, Role::Body), an.block, tailGap,
                              false, kTailSet);
    ItemId wait = p.add(makeItem(ItemKind::Wait, P, Q, id, Role::Body), wb, wi, true, kHeadWait);
    Pair& pr = p.pairs[size_t(id)];
    pr.shape = Shape::Forward;
    pr.set = set, pr.wait = wait;
  }
  if (lanes) {
    Pair& pr = p.pairs[size_t(id)];
    pr.lanes = lanes->k;
    pr.laneExpr = lanes->expr;
    pr.laneLoop = lanes->loop;
    pr.laneCoeff = lanes->coeff;
    int& passes = cx.walk.lanePasses[size_t(lanes->loop)];
    passes = std::max(passes, lanes->k);
    out.lanes = true;
  }
  out.pair = id;
  return out;
}

void dropLanes(Context& cx, PairId id, const std::string& why) {
  Program& p = cx.prog;
  Pair& pr = p.pairs[size_t(id)];
  if (pr.lanes <= 1) return;
  for (size_t lane = 1; lane < pr.primes.size(); ++lane) p.remove(pr.primes[lane]);
  for (size_t lane = 1; lane < pr.drains.size(); ++lane) p.remove(pr.drains[lane]);
  if (!pr.primes.empty()) pr.primes.resize(1);
  if (!pr.drains.empty()) pr.drains.resize(1);
  cx.fallback("single-lane", pairName(pr.src, pr.dst) + " with " + std::to_string(pr.lanes) +
                                 " lanes by (" + pr.laneExpr.str() + "): " + why,
              pr.line, pr.items());
  pr.lanes = 1;
  pr.laneExpr = Expr();
  pr.laneLoop = kNone;
  pr.laneCoeff = 0;
}

void replaceByBarrierAll(Context& cx, PairId id, const std::string& why) {
  Program& p = cx.prog;
  Pair& pr = p.pairs[size_t(id)];
  if (pr.removed) return;
  size_t first = p.items.size();
  std::vector<ItemId> waits = pr.drains;
  if (pr.wait != kNone) waits.push_back(pr.wait);
  for (ItemId w : waits) {
    const Item& it = p.items[size_t(w)];
    if (cx.has(InjectedBug::FallbackBarrierAtTail)) {
      addBarrierAll(cx, it.block, it.gap, true);
    } else {
      Item b = makeItem(ItemKind::BarrierAll, Pipe::S);
      p.addBefore(w, b);
    }
  }
  // A set also drained its pipe: later instructions there started after
  // every earlier one ended, and other hazards may ride on that. Keep the
  // drain where each set was (issue order already gives it on a serial pipe).
  if (!cx.has(InjectedBug::FallbackBarrierAtTail) && pipelined(p.arch(), pr.src)) {
    std::vector<ItemId> sets = pr.primes;
    if (pr.set != kNone) sets.push_back(pr.set);
    for (ItemId s : sets) p.addBefore(s, makeItem(ItemKind::Barrier, pr.src));
  }
  for (ItemId it : p.pairs[size_t(id)].items()) p.remove(it);
  Pair& pr2 = p.pairs[size_t(id)];
  pr2.removed = true;
  cx.fallback("barrier-all", pairName(pr2.src, pr2.dst) + ": " + why, pr2.line,
              p.itemsSince(first));
}

}  // namespace syncsmith::sync
