#include "sync/Safety.h"

#include <algorithm>

#include "sync/Placement.h"

namespace syncsmith::sync {
namespace {

enum class Match { No, Possible, Definite };

// Whether, on every path back from the body set `origin` of `id`, the first
// of the pair's own items met is one of its waits (or none is met). Its set
// and wait run in one block, so each run of the block runs both: if the
// wait comes first in the block, it is met first; otherwise the first met
// is the wait of an earlier run of the block, and a pair of that shape has
// no items elsewhere (prime sets before a loop, say) that could come first.
bool ownWaitFirst(const Program& p, PairId id, const Item& origin) {
  const Pair& pr = p.pairs[size_t(id)];
  if (origin.kind != ItemKind::Set || origin.role != Role::Body || pr.wait == kNone) return false;
  if (p.items[size_t(pr.wait)].block != origin.block) return false;
  if (p.order(pr.wait) < p.order(pr.set)) return true;
  return pr.shape == Shape::Forward && pr.primes.empty() && pr.drains.empty();
}

class SafetyClient : public WalkClient {
 public:
  SafetyClient(Context& cx, PairId pair, ItemId origin, int value, bool ownOnly, int own,
               int horizon)
      : cx_(cx), pair_(pair), origin_(cx.prog.items[size_t(origin)]), value_(value),
        ownOnly_(ownOnly), cls_(cx.classOf(origin_.src, origin_.dst)), own_(own),
        horizon_(horizon), ownWaitFirst_(ownWaitFirst(cx.prog, pair, origin_)) {
    failure.origin = origin;
    visitedOps = 0;  // only sync statements matter here
  }
  void setWalker(const Walker* w) { w_ = w; }
  void init(WalkState& s) override { s.reach = pipeBit(origin_.pipe()); }
  int horizon() const override { return horizon_; }

  // With the origin set's dst pipe in reach, every earlier wait on that pipe
  // ends before the origin starts (a wait holds its pipe), and reach only
  // grows further back. Alone (ownOnly), the key's waits are the pair's own,
  // all on that pipe: if the first own item met on every path back is a
  // wait (ownWaitFirst_), nothing further back can fail.
  // While ids are coloured, every other pair using this id is balanced on
  // every path and its lifetime ends before this pair's starts. So once the
  // walk is below all of this pair's own items, any earlier set of the key
  // is followed by its own wait before the origin, and under --flag-key pair
  // every wait of the key runs on the origin's dst pipe.
  bool saturated(const WalkState& s) const override {
    if (origin_.kind != ItemKind::Set || !(s.reach & pipeBit(origin_.dst))) return false;
    if (ownOnly_) return ownWaitFirst_;
    return cx_.opts.model.flagKey == FlagKey::Pair && w_->pastOrder(own_);
  }

  bool visitSync(const SyncView& v, WalkState& s) override {
    Match m = match(v);
    if (m == Match::No) return true;
    bool originSet = origin_.kind == ItemKind::Set;
    if (v.kind == ItemKind::Set) {
      if (!originSet) return true;  // the wait's own set lies in between
      if (m == Match::Possible && partnerOfPossibleWait(v)) return true;
      failure.wait = kNone;
      failure.frames = w_->frames();
      failed = true;
      return false;
    }
    bool ordered = (s.reach & pipeBit(v.pipe())) != 0;
    if (!originSet && v.pipe() == origin_.pipe()) ordered = true;  // same pipe: in order
    if (!ordered) {
      failure.wait = v.item;
      failure.frames = w_->frames();
      failed = true;
      return false;
    }
    if (m == Match::Definite) s.top = true;
    if (m == Match::Possible && v.pair != kNone) possibleWaits_.push_back({v.pair, w_->frames()});
    return true;
  }

  bool failed = false;
  SafetyFailure failure;

 private:
  Match match(const SyncView& v) const {
    if (v.kind != ItemKind::Set && v.kind != ItemKind::Wait) return Match::No;
    if (cx_.classOf(v.src, v.dst) != cls_) return Match::No;
    if (v.node != kNone) {  // input sync
      if (ownOnly_) return Match::No;
      const SyncStmt& y = *cx_.prog.nodes[v.node].sync();
      if (!y.id.computed) return y.id.expr.value() == value_ ? Match::Definite : Match::No;
      auto it = cx_.inputIdRange.find(v.node);
      return (it == cx_.inputIdRange.end() || it->second.contains(value_)) ? Match::Possible
                                                                           : Match::No;
    }
    if (ownOnly_ && v.pair != pair_) return Match::No;
    const Pair& pr = cx_.prog.pairs[size_t(v.pair)];
    int base = ownOnly_ ? 0 : pr.base;
    if (base < 0 || pr.removed) return Match::No;
    if (pr.lanes > 1 && v.role == Role::Body) {
      if (v.pair == pair_ && origin_.role == Role::Body) {
        int same = w_->sameLane(pr.laneLoop, pr.laneCoeff, pr.lanes);
        return same > 0 ? Match::Definite : same < 0 ? Match::No : Match::Possible;
      }
      return (value_ >= base && value_ < base + pr.lanes) ? Match::Possible : Match::No;
    }
    int id = base + (v.role == Role::Body ? 0 : v.lane);
    return id == value_ ? Match::Definite : Match::No;
  }

  // A forward pair's set and wait sit in one block and share the lane of
  // their iteration: after its possible wait, its set of the same
  // iteration is that wait's own set, not a second one.
  bool partnerOfPossibleWait(const SyncView& v) const {
    const Pair& pr = cx_.prog.pairs[size_t(v.pair)];
    if (pr.shape != Shape::Forward || v.role != Role::Body) return false;
    const std::vector<Frame>& now = w_->frames();
    for (const auto& [pair, frames] : possibleWaits_) {
      if (pair != v.pair || frames.size() != now.size()) continue;
      bool same = true;
      for (size_t i = 0; i < now.size() && same; ++i)
        same = frames[i].loop == now[i].loop && frames[i].mode == now[i].mode && frames[i].d == now[i].d;
      if (same) return true;
    }
    return false;
  }

  Context& cx_;
  const Walker* w_ = nullptr;
  std::vector<std::pair<PairId, std::vector<Frame>>> possibleWaits_;
  PairId pair_;
  const Item& origin_;
  int value_;
  bool ownOnly_;
  int cls_;
  int own_;      // the lowest gap order of the checked pair's items
  int horizon_;
  bool ownWaitFirst_;
};

// Position of an item, or of the child holding it, inside block `cb`.
struct PosInBlock {
  bool direct = false;  // the item itself sits in a gap of cb
  int gap = 0, half = 0, index = 0;
  int child = -1;       // otherwise: the child of cb that holds it
  int key() const { return direct ? 4 * gap + 2 * half : 4 * child + 3; }
};

PosInBlock positionIn(const Program& p, ItemId id, BlockId cb) {
  const Item& it = p.items[size_t(id)];
  PosInBlock pos;
  if (it.block == cb) {
    OrderKey k = p.order(id);
    pos.direct = true;
    pos.gap = it.gap, pos.half = k.half, pos.index = k.index;
    return pos;
  }
  for (const auto& [blk, idx] : p.chainOfBlock(it.block))
    if (blk == cb) pos.child = idx;
  return pos;
}

BlockId commonBlock(const Program& p, BlockId x, BlockId y) {
  std::vector<BlockId> px = p.blockPath(x), py = p.blockPath(y);
  BlockId out = Program::kTop;
  for (size_t k = 0; k < px.size() && k < py.size() && px[k] == py[k]; ++k) out = px[k];
  return out;
}

Item creditItem(ItemKind k, Pipe src, Pipe dst, PairId pair, Role role) {
  Item it;
  it.kind = k;
  it.src = src;
  it.dst = dst;
  it.pair = pair;
  it.role = role;
  return it;
}

// The loop whose back edge lies between the unsafe set and the earlier wait.
LoopId carrierOf(const Context& cx, const SafetyFailure& f) {
  const std::vector<LoopId>& sl = cx.prog.blocks[cx.prog.items[size_t(f.origin)].block].loops;
  for (size_t i = 0; i < f.frames.size() && i < sl.size() && f.frames[i].loop == sl[i]; ++i)
    if (f.frames[i].mode != Mode::Same) return f.frames[i].loop;
  return kNone;
}

}  // namespace

// A reverse pair ordering `wait` (on Q) before `set` (on P).
bool addCredit(Context& cx, PairId owner, const SafetyFailure& f) {
  Program& p = cx.prog;
  const Item W = p.items[size_t(f.wait)];
  const Item S = p.items[size_t(f.origin)];
  Pipe Q = W.pipe(), P = S.pipe();
  if (P == Q) return false;
  // The loop whose back edge separates them, if any.
  LoopId carried = kNone;
  const std::vector<LoopId>& sl = p.blocks[S.block].loops;
  for (size_t i = 0; i < f.frames.size() && i < sl.size() && f.frames[i].loop == sl[i]; ++i) {
    if (f.frames[i].mode == Mode::Free) return false;
    if (f.frames[i].mode != Mode::Same) {
      carried = f.frames[i].loop;
      break;
    }
  }
  for (const Frame& fr : f.frames)
    if (fr.mode == Mode::Free) return false;  // the wait repeats inside a nested loop
  BlockId cb = carried != kNone ? p.loops[size_t(carried)].body : commonBlock(p, W.block, S.block);
  PosInBlock pw = positionIn(p, f.wait, cb), ps = positionIn(p, f.origin, cb);
  if (!pw.direct && pw.child < 0) return false;
  if (!ps.direct && ps.child < 0) return false;
  bool forward = std::make_pair(pw.key(), pw.index) < std::make_pair(ps.key(), ps.index);
  if (!forward && carried == kNone) return false;

  PairId id = PairId(p.pairs.size());
  p.pairs.emplace_back();
  {
    Pair& c = p.pairs[size_t(id)];
    c.src = Q;
    c.dst = P;
    c.credit = true;
    c.creditOf = owner;
    c.line = p.pairs[size_t(owner)].line;
    c.shape = forward ? Shape::Forward : Shape::BackEdge;
    c.loop = forward ? kNone : carried;
  }
  ItemId after = f.wait;
  if (W.role == Role::Drain) after = p.pairs[size_t(W.pair)].drains.back();
  ItemId set = pw.direct ? p.addAfter(after, creditItem(ItemKind::Set, Q, P, id, Role::Body))
                         : p.add(creditItem(ItemKind::Set, Q, P, id, Role::Body), cb,
                                 pw.child + 1, false, kTailSet);
  ItemId before = f.origin;
  if (S.role == Role::Prime) before = p.pairs[size_t(S.pair)].primes.front();
  ItemId wait = ps.direct ? p.addBefore(before, creditItem(ItemKind::Wait, Q, P, id, Role::Body))
                          : p.add(creditItem(ItemKind::Wait, Q, P, id, Role::Body), cb,
                                  ps.child, true, kHeadCreditWait);
  std::vector<ItemId> primes, drains;
  if (!forward) {
    const Node& ln = p.nodes[p.loops[size_t(carried)].node];
    primes.push_back(p.add(creditItem(ItemKind::Set, Q, P, id, Role::Prime), ln.parent, ln.index,
                           true, kHeadPrime));
    drains.push_back(p.add(creditItem(ItemKind::Wait, Q, P, id, Role::Drain), ln.parent,
                           ln.index + 1, false, kTailDrain));
  }
  Pair& c = p.pairs[size_t(id)];
  c.set = set, c.wait = wait, c.primes = primes, c.drains = drains;
  // Within one iteration of the owner's lane loop the credit can follow the
  // same lanes: its reuse is then ordered at the owner's lane distance.
  const Pair& o = p.pairs[size_t(owner)];
  const std::vector<LoopId>& scope = p.blocks[cb].loops;
  if (forward && o.lanes > 1 && std::find(scope.begin(), scope.end(), o.laneLoop) != scope.end()) {
    c.lanes = o.lanes;
    c.laneExpr = o.laneExpr;
    c.laneLoop = o.laneLoop;
    c.laneCoeff = o.laneCoeff;
  }
  ++cx.report.credits;
  return true;
}

namespace {

}  // namespace

bool SafetyCheck::itemSafe(PairId p, ItemId origin, int value, int ownHorizon,
                           SafetyFailure* why) {
  int horizon = ownHorizon;
  if (!ownOnly_) {
    const Item& it = cx_.prog.items[size_t(origin)];
    horizon = others_ ? std::min(horizon, others_(cx_.classOf(it.src, it.dst), value)) : 0;
  }
  SafetyClient c(cx_, p, origin, value, ownOnly_, ownHorizon, horizon);
  Walker w(cx_.walk, c);
  c.setWalker(&w);
  w.fromItem(origin);
  if (!c.failed) return true;
  if (why) *why = c.failure;
  return false;
}

bool SafetyCheck::pairSafe(PairId id, SafetyFailure* why) {
  const Pair& pr = cx_.prog.pairs[size_t(id)];
  if (pr.removed || pr.input) return true;
  int base = ownOnly_ ? 0 : pr.base;
  bool srcMode = cx_.opts.model.flagKey == FlagKey::Src;
  std::vector<ItemId> items = pr.items();
  int own = INT32_MAX;  // the pair's first item: nothing of its own lies below
  for (ItemId it : items) own = std::min(own, cx_.prog.order(it).gap);
  for (ItemId it : items) {
    const Item& item = cx_.prog.items[size_t(it)];
    if (item.kind == ItemKind::Wait && !srcMode) continue;
    if (pr.lanes > 1 && item.role == Role::Body) {
      for (int v = base; v < base + pr.lanes; ++v)
        if (!itemSafe(id, it, v, own, why)) return false;
    } else if (!itemSafe(id, it, base + item.lane, own, why)) {
      return false;
    }
  }
  return true;
}

void ensureSelfSafe(Context& cx, PairId p) {
  SafetyCheck check(cx, true);
  for (int attempt = 0; attempt < 4; ++attempt) {
    if (cx.prog.pairs[size_t(p)].removed) return;
    SafetyFailure f;
    if (check.pairSafe(p, &f)) return;
    const Pair& pr = cx.prog.pairs[size_t(p)];
    if (pr.lanes > 1 && (f.wait == kNone || carrierOf(cx, f) == pr.laneLoop)) {
      dropLanes(cx, p, "its lanes are reused before the previous wait is ordered");
      continue;
    }
    if (f.wait == kNone || !addCredit(cx, p, f)) break;
  }
  if (!cx.prog.pairs[size_t(p)].removed && !check.pairSafe(p))
    replaceByBarrierAll(cx, p, "its event id cannot be reused safely");
}

}  // namespace syncsmith::sync
