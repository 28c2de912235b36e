#include "sync/Coverage.h"

#include <algorithm>
#include <map>
#include <stdexcept>

#include "sync/Placement.h"

namespace syncsmith::sync {
namespace {

class CoverageClient : public WalkClient {
 public:
  CoverageClient(Context& cx, NodeId b, Sweep sweep)
      : cx_(cx), b_(b), q_(cx.prog.nodes[b].pipe), rel_(cx.relevance.of(b)),
        naive_(cx.opts.mode == SyncMode::Naive), sweep_(sweep) {
    if (!cx.fenced()) rel_.commit = 0;
    if (sweep != Sweep::All) {
      rel_.drain &= PipeMask(~pipeBit(q_));
      rel_.drainLocal &= PipeMask(~pipeBit(q_));
    }
    visitedOps = PipeMask(rel_.drain | rel_.commit);
    dominance_ = cx.opts.mode == SyncMode::Opt && cx.ignoredPair == kNone;
    if (dominance_) visitedOps |= pipeBit(q_);
  }
  void setWalker(const Walker* w) { w_ = w; }
  void init(WalkState& s) override { s.reach = pipeBit(q_); }
  bool skipItem(const Item& it) const override {
    return naive_ || (it.pair != kNone && it.pair == cx_.ignoredPair);
  }
  int horizon() const override { return rel_.horizonOf(PipeMask(rel_.drain | rel_.commit)); }
  bool saturated(const WalkState& s) const override {
    if (gmCovered_) return (s.done & rel_.drainLocal) == rel_.drainLocal;
    return (s.done & rel_.drain) == rel_.drain && (s.cdone & rel_.commit) == rel_.commit;
  }

  bool visitOp(NodeId a, WalkState& s) override {
    if (!checkProducer(a, s)) return false;
    // `a` itself is not an uncovered producer; and below it?
    if (!dominance_ || cx_.prog.nodes[a].pipe != q_ || !coveredOnce(a)) return true;
    if (covers(a, false)) {
      s.top = true;  // everything below was covered for `a`, hence for b
    } else if (!gmCovered_ && alwaysRuns(a) && covers(a, true)) {
      gmCovered_ = true;  // every path passes `a`: below it, GM conflicts are covered
    }
    return true;
  }

  std::vector<Hazard> found;

 private:
  // Whether producer `a` is covered (false: an uncovered hazard, recorded).
  bool checkProducer(NodeId a, WalkState& s) {
    Pipe p = cx_.prog.nodes[a].pipe;
    PipeMask bit = pipeBit(p);
    bool mayCommit = (rel_.commit & bit) != 0;
    if (!(rel_.drain & bit) && !mayCommit) return true;
    if (p == q_ && (sweep_ != Sweep::All || !pipelined(cx_.prog.arch(), p))) return true;
    bool done = (s.done & bit) != 0, cdone = (s.cdone & bit) != 0;
    // Ended, and nothing of it to commit: whatever it conflicts on is settled.
    if (done && (cdone || !mayCommit || !cx_.fp.of(a).writesGm)) return true;
    if (!cx_.conflicts.mayConflict(a, b_)) return true;
    Relation rel = w_->relation();
    const ConflictResult& c = cx_.conflicts.test(a, b_, rel);
    if (!c.any) return true;
    if (gmCovered_ && std::all_of(c.pairs.begin(), c.pairs.end(), [&](const RefPair& rp) {
          return cx_.fp.of(b_).refs[size_t(rp.b)].space == Space::GM;
        }))
      return true;
    if (sweep_ == Sweep::CrossPipeForward && carriedLoop(rel) != kNone) return true;
    bool commit = c.gmWrite && p != q_ && cx_.fenced();
    if (done && (!commit || cdone)) return true;
    if (p == q_ && cx_.has(InjectedBug::DropSamePipeBarrier)) return true;
    if (cx_.has(InjectedBug::NoValidReacquire) && !c.rawOrWaw && p != q_ &&
        carriedLoop(rel) == kNone)
      return true;
    found.push_back({a, b_, std::move(rel), commit});
    if (!naive_) return false;
    s.done |= bit;  // naive: this hazard gets its own sync; go on to the next
    if (commit) s.cdone |= bit;
    return true;
  }

  // An earlier op `a` on the consumer's pipe starts before it (issue order).
  // When `a` runs once and was found covered in this sweep, every producer
  // before `a` that conflicts with `a` is ordered before `a`, hence before
  // b. If a's footprint holds b's (each ref of b inside a constant ref of a
  // to the same buffer, a writing where b writes), every producer
  // conflicting with b conflicts with `a`: nothing below `a` is left to
  // check on this path. (A run of loads of one GM buffer far from its
  // writers then walks back to the previous load, not to the writers.)
  bool coveredOnce(NodeId a) const { return cx_.coveredIn[size_t(a)] == uint8_t(sweep_) + 1; }
  // Whether `a` runs on every path: in no if-arm and no loop that may run
  // zero times (a fact for the rest of the walk, not for one path).
  bool alwaysRuns(NodeId a) const {
    for (const Step& st : cx_.prog.blocks[cx_.prog.nodes[a].parent].path)
      if (st.ifNode != kNone || (st.loop != kNone && cx_.prog.loops[size_t(st.loop)].mayZero))
        return false;
    return true;
  }
  // With `gmOnly`, b's GM refs only: then every GM write conflicting with b
  // through GM is covered below `a` (the walk goes on for local memory).
  bool covers(NodeId a, bool gmOnly) const {
    const OpFp& fa = cx_.fp.of(a);
    for (const RefFp& rb : cx_.fp.of(b_).refs) {
      if (gmOnly && rb.space != Space::GM) continue;
      bool held = std::any_of(fa.refs.begin(), fa.refs.end(), [&](const RefFp& ra) {
        return ra.buffer == rb.buffer && (ra.write || !rb.write) && ra.exact &&
               ra.box.lo <= rb.box.lo && rb.box.hi <= ra.box.hi;
      });
      if (!held) return false;
    }
    return true;
  }

  Context& cx_;
  const Walker* w_ = nullptr;
  NodeId b_;
  Pipe q_;
  Relevant rel_;
  bool naive_;
  Sweep sweep_;
  bool dominance_ = false;
  bool gmCovered_ = false;  // passed an op covering b's GM refs (on every path)
};

std::vector<Hazard> walkConsumer(Context& cx, NodeId b, Sweep sweep) {
  CoverageClient c(cx, b, sweep);
  Walker w(cx.walk, c);
  c.setWalker(&w);
  bool skip = cx.walk.skipBackEdges;
  if (sweep == Sweep::CrossPipeForward) cx.walk.skipBackEdges = true;
  w.fromNode(b);
  cx.walk.skipBackEdges = skip;
  return std::move(c.found);
}

std::vector<int64_t> keyOf(const Hazard& h) {
  std::vector<int64_t> k{h.a, h.b};
  for (const LoopRel& r : h.rel) k.insert(k.end(), {r.loop, int64_t(r.mode), r.d});
  return k;
}

}  // namespace

void coverConsumer(Context& cx, NodeId b, Sweep sweep) {
  // Outside every loop that can repeat nothing is carried: the first sweep
  // covered it all, and sync added since only adds order.
  if (sweep == Sweep::CrossPipeCarried && cx.prog.runsOnce(b)) return;
  if (cx.opts.mode == SyncMode::Naive) {
    for (const Hazard& h : walkConsumer(cx, b, sweep)) {
      ++cx.report.hazards;
      place(cx, h);
    }
    return;
  }
  std::map<std::vector<int64_t>, int> seen;
  PairId lanePair = kNone;
  std::vector<int64_t> laneKey;
  bool once = cx.prog.runsOnce(b);
  for (int round = 0;; ++round) {
    std::vector<Hazard> found = walkConsumer(cx, b, sweep);
    if (found.empty()) {
      if (once && cx.opts.mode == SyncMode::Opt) cx.coveredIn[size_t(b)] = uint8_t(sweep) + 1;
      return;
    }
    const Hazard& h = found.front();
    std::vector<int64_t> key = keyOf(h);
    if (lanePair != kNone && key == laneKey) {
      dropLanes(cx, lanePair, "its lanes do not cover the hazard");
      lanePair = kNone;
      continue;
    }
    int& count = seen[key];
    if (++count > 2 || round > 256)
      throw std::logic_error("engine: a hazard stays uncovered at line " +
                             std::to_string(cx.prog.lineOf(b)));
    if (count == 2) {
      size_t first = cx.prog.items.size();
      placeBarrierAll(cx, h);
      cx.fallback("barrier-all", "the inserted pair does not order this hazard",
                  cx.prog.lineOf(b), cx.prog.itemsSince(first));
      continue;
    }
    ++cx.report.hazards;
    Placed placed = place(cx, h);
    lanePair = placed.lanes ? placed.pair : kNone;
    laneKey = key;
  }
}

void dropRedundantPairs(Context& cx, PairId first, PairId last) {
  Program& p = cx.prog;
  for (PairId id = first; id < last; ++id) {
    const Pair& pr = p.pairs[size_t(id)];
    if (pr.removed || pr.input || pr.credit || pr.shape != Shape::Forward || pr.consumer == kNone)
      continue;
    cx.ignoredPair = id;
    bool needed = !walkConsumer(cx, pr.consumer, Sweep::CrossPipeCarried).empty();
    cx.ignoredPair = kNone;
    if (needed) continue;
    for (ItemId it : p.pairs[size_t(id)].items()) p.remove(it);
    p.pairs[size_t(id)].removed = true;
    --cx.report.hazards;
  }
}

}  // namespace syncsmith::sync
