#include "sync/Colour.h"

#include <algorithm>
#include <map>
#include <memory>
#include <set>

#include "sync/Placement.h"
#include "sync/Safety.h"

namespace syncsmith::sync {
namespace {

struct Lifetime {
  PairId pair = kNone;
  OrderKey start, end;
  std::set<LoopId> loops;  // loops that may repeat, enclosing any of its items
};

Lifetime lifetimeOf(const Program& p, PairId id) {
  Lifetime lt;
  lt.pair = id;
  bool first = true;
  for (ItemId it : p.pairs[size_t(id)].items()) {
    OrderKey k = p.order(it);
    if (first || k < lt.start) lt.start = k;
    if (first || lt.end < k) lt.end = k;
    first = false;
    for (LoopId l : p.blocks[p.items[size_t(it)].block].loops)
      if (p.repeats(l)) lt.loops.insert(l);
  }
  return lt;
}

class Colourer {
 public:
  explicit Colourer(Context& cx)
      : cx_(cx),
        check_(cx, false, [this](int cls, int value) { return horizonOf(cls, value); }),
        used_(size_t(cx.numClasses()) * size_t(cx.idCount()), false),
        lastEnd_(used_.size()),
        firstUse_(used_.size(), kNoHorizon),
        inputFirst_(size_t(cx.numClasses()), kNoHorizon) {
    const Program& p = cx.prog;
    for (const Node& n : p.nodes) {
      if (n.kind != NodeKind::Sync || !n.sync()->isFlag()) continue;
      int& first = inputFirst_[size_t(cx.classOf(n.sync()->src, n.sync()->dst))];
      first = std::min(first, p.blocks[n.parent].gaps[size_t(n.index)].order + 1);
    }
  }

  void run() {
    std::vector<Lifetime> order;
    for (PairId id = 0; id < PairId(cx_.prog.pairs.size()); ++id) {
      const Pair& pr = cx_.prog.pairs[size_t(id)];
      if (pr.removed || pr.input) continue;
      order.push_back(lifetimeOf(cx_.prog, id));
    }
    std::stable_sort(order.begin(), order.end(),
                     [](const Lifetime& a, const Lifetime& b) { return a.start < b.start; });
    for (const Lifetime& lt : order) colour(lt);
  }

 private:
  size_t slot(int cls, int id) const { return size_t(cls) * size_t(cx_.idCount()) + size_t(id); }

  bool usable(int cls, int id, const Lifetime& lt) const {
    if (cx_.reserved[size_t(cls)][size_t(id)]) return false;
    return !used_[slot(cls, id)] || lastEnd_[slot(cls, id)] < lt.start;
  }

  // The lowest gap order of a statement that may use id `value` of `cls`:
  // a safety walk stops below it.
  int horizonOf(int cls, int value) const {
    if (value < 0 || value >= cx_.idCount()) return 0;
    int h = std::min(firstUse_[slot(cls, value)], inputFirst_[size_t(cls)]);
    if (tentative_ && tentativeCls_ == cls && value >= tentativeBase_ &&
        value < tentativeBase_ + tentativeK_)
      h = std::min(h, tentative_->start.gap);
    return h;
  }

  // With the id tentatively assigned: the pair's own reuse, and earlier users
  // in a shared loop whose next iteration now follows this pair's waits.
  bool safe(const Lifetime& lt, int cls, int base, int k) {
    tentative_ = &lt, tentativeCls_ = cls, tentativeBase_ = base, tentativeK_ = k;
    bool ok = safeWith(lt, cls, base, k);
    tentative_ = nullptr;
    return ok;
  }
  bool safeWith(const Lifetime& lt, int cls, int base, int k) {
    if (!check_.pairSafe(lt.pair)) return false;
    std::set<PairId> checked;
    for (int id = base; id < base + k; ++id)
      for (LoopId l : lt.loops) {
        auto users = byLoop_.find({slot(cls, id), l});
        if (users == byLoop_.end()) continue;
        for (const Lifetime* other : users->second)
          if (checked.insert(other->pair).second && !check_.pairSafe(other->pair)) return false;
      }
    return true;
  }

  void commit(const Lifetime& lt, int cls, int base, int k) {
    stored_.push_back(std::make_unique<Lifetime>(lt));
    for (int id = base; id < base + k; ++id) {
      used_[slot(cls, id)] = true;
      for (LoopId l : lt.loops) byLoop_[{slot(cls, id), l}].push_back(stored_.back().get());
      lastEnd_[slot(cls, id)] = std::max(lastEnd_[slot(cls, id)], lt.end);
      firstUse_[slot(cls, id)] = std::min(firstUse_[slot(cls, id)], lt.start.gap);
    }
  }

  // PTOAS #622 on purpose: a set right after a loop reuses the id of the
  // loop's back-edge pair and is emitted before that pair's drain wait.
  bool forceTailReuse(const Lifetime& lt, int cls) {
    if (!cx_.has(InjectedBug::LoopTailSetBeforeDrain)) return false;
    Program& p = cx_.prog;
    Pair& pr = p.pairs[size_t(lt.pair)];
    if (pr.set == kNone || pr.shape != Shape::Forward) return false;
    const Item& set = p.items[size_t(pr.set)];
    for (ItemId other : p.listOf(set)) {
      const Item& o = p.items[size_t(other)];
      if (o.role != Role::Drain || o.pair == lt.pair) continue;
      const Pair& q = p.pairs[size_t(o.pair)];
      if (q.base < 0 || cx_.classOf(q.src, q.dst) != cls) continue;
      pr.base = q.base;
      firstUse_[slot(cls, q.base)] = std::min(firstUse_[slot(cls, q.base)], lt.start.gap);
      return true;
    }
    return false;
  }

  void colour(const Lifetime& lt) {
    Program& p = cx_.prog;
    Pair& pr = p.pairs[size_t(lt.pair)];
    int cls = cx_.classOf(pr.src, pr.dst);
    if (forceTailReuse(lt, cls)) return;
    for (int attempt = 0; attempt < 2; ++attempt) {
      if (colourWith(lt, cls, false) || colourWith(lt, cls, true)) return;
      if (p.pairs[size_t(lt.pair)].lanes == 1) break;
      dropLanes(cx_, lt.pair, "not enough event ids for its lanes");
    }
    replaceByBarrierAll(cx_, lt.pair,
                        "no event id of " + pairName(pr.src, pr.dst) +
                            " is free (all live, or reuse is not ordered)");
  }

  // The lowest free ids that are safe; with `credits`, an id whose reuse is
  // unsafe only because an earlier pair's last wait may not have ended yet
  // (the drain of the loop before, say) is made safe by a credit: a reverse
  // pair from that wait to this pair's set, itself coloured at once. Cheaper
  // than dropping lanes or a pipe_barrier ALL.
  bool colourWith(const Lifetime& lt, int cls, bool credits) {
    Program& p = cx_.prog;
    if (credits && (p.pairs[size_t(lt.pair)].credit || creditDepth_ > 0)) return false;
    int ids = cx_.idCount();
    int k = p.pairs[size_t(lt.pair)].lanes;
    for (int base = 0; base + k <= ids; ++base) {
      bool free = true;
      for (int id = base; id < base + k && free; ++id) free = usable(cls, id, lt);
      if (!free) continue;
      p.pairs[size_t(lt.pair)].base = base;
      if (credits ? safeWithCredit(lt, cls, base, k) : safe(lt, cls, base, k)) {
        commit(lt, cls, base, k);
        return true;
      }
      p.pairs[size_t(lt.pair)].base = -1;
    }
    return false;
  }

  bool safeWithCredit(const Lifetime& lt, int cls, int base, int k) {
    Program& p = cx_.prog;
    SafetyFailure why;
    tentative_ = &lt, tentativeCls_ = cls, tentativeBase_ = base, tentativeK_ = k;
    bool ownSafe = check_.pairSafe(lt.pair, &why);
    tentative_ = nullptr;
    if (ownSafe || why.wait == kNone || p.items[size_t(why.wait)].pair == lt.pair) return false;
    PairId credit = PairId(p.pairs.size());
    if (!addCredit(cx_, lt.pair, why)) return false;
    if (safe(lt, cls, base, k)) {
      ++creditDepth_;
      colour(lifetimeOf(p, credit));
      --creditDepth_;
      return true;
    }
    for (ItemId it : p.pairs[size_t(credit)].items()) p.remove(it);
    p.pairs[size_t(credit)].removed = true;
    --cx_.report.credits;
    return false;
  }

  Context& cx_;
  SafetyCheck check_;
  std::vector<bool> used_;  // per (class, id): some pair has it
  // Per (class, id) and loop: the pairs with that id that have an item in the loop.
  std::map<std::pair<size_t, LoopId>, std::vector<const Lifetime*>> byLoop_;
  std::vector<OrderKey> lastEnd_;
  std::vector<std::unique_ptr<Lifetime>> stored_;
  std::vector<int> firstUse_;    // per (class, id): the lowest gap order of its users
  std::vector<int> inputFirst_;  // per class: the first input set/wait (any id)
  const Lifetime* tentative_ = nullptr;  // the pair being coloured, while checked
  int creditDepth_ = 0;                  // colouring a credit made while colouring
  int tentativeCls_ = 0, tentativeBase_ = 0, tentativeK_ = 0;
};

}  // namespace

void colourIds(Context& cx) { Colourer(cx).run(); }

}  // namespace syncsmith::sync
