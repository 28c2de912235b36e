#include "sync/Colour.h"

#include <algorithm>
#include <memory>
#include <set>

#include "sync/Placement.h"
#include "sync/Safety.h"

namespace syncsmith::sync {
namespace {

struct Lifetime {
  PairId pair = kNone;
  OrderKey start, end;
  std::set<LoopId> loops;  // loops enclosing any of its items
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
    for (LoopId l : p.blocks[p.items[size_t(it)].block].loops) lt.loops.insert(l);
  }
  return lt;
}

bool shareLoop(const Lifetime& a, const Lifetime& b) {
  for (LoopId l : a.loops)
    if (b.loops.count(l)) return true;
  return false;
}

class Colourer {
 public:
  explicit Colourer(Context& cx)
      : cx_(cx), check_(cx, false), users_(size_t(cx.numClasses()) * size_t(cx.idCount())),
        lastEnd_(users_.size()) {}

  void run() {
    std::vector<Lifetime> order;
    for (PairId id = 0; id < PairId(cx_.prog.pairs.size()); ++id) {
      const Pair& pr = cx_.prog.pairs[size_t(id)];
      if (pr.removed || pr.shape == Shape::Input) continue;
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
    const auto& u = users_[slot(cls, id)];
    return u.empty() || lastEnd_[slot(cls, id)] < lt.start;
  }

  // With the id tentatively assigned: the pair's own reuse, and earlier users
  // in a shared loop whose next iteration now follows this pair's waits.
  bool safe(const Lifetime& lt, int cls, int base, int k) {
    if (!check_.pairSafe(lt.pair)) return false;
    for (int id = base; id < base + k; ++id)
      for (const Lifetime* other : users_[slot(cls, id)])
        if (shareLoop(*other, lt) && !check_.pairSafe(other->pair)) return false;
    return true;
  }

  void commit(const Lifetime& lt, int cls, int base, int k) {
    stored_.push_back(std::make_unique<Lifetime>(lt));
    for (int id = base; id < base + k; ++id) {
      users_[slot(cls, id)].push_back(stored_.back().get());
      lastEnd_[slot(cls, id)] = std::max(lastEnd_[slot(cls, id)], lt.end);
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
      return true;
    }
    return false;
  }

  void colour(const Lifetime& lt) {
    Program& p = cx_.prog;
    Pair& pr = p.pairs[size_t(lt.pair)];
    int cls = cx_.classOf(pr.src, pr.dst);
    if (forceTailReuse(lt, cls)) return;
    int ids = cx_.idCount();
    for (int attempt = 0; attempt < 2; ++attempt) {
      int k = p.pairs[size_t(lt.pair)].lanes;
      for (int base = 0; base + k <= ids; ++base) {
        bool free = true;
        for (int id = base; id < base + k && free; ++id) free = usable(cls, id, lt);
        if (!free) continue;
        p.pairs[size_t(lt.pair)].base = base;
        if (safe(lt, cls, base, k)) {
          commit(lt, cls, base, k);
          return;
        }
        p.pairs[size_t(lt.pair)].base = -1;
      }
      if (k == 1) break;
      dropLanes(cx_, lt.pair, "not enough event ids for its lanes");
    }
    replaceByBarrierAll(cx_, lt.pair,
                        "no event id of " + pairName(pr.src, pr.dst) +
                            " is free (all live, or reuse is not ordered)");
  }

  Context& cx_;
  SafetyCheck check_;
  std::vector<std::vector<const Lifetime*>> users_;
  std::vector<OrderKey> lastEnd_;
  std::vector<std::unique_ptr<Lifetime>> stored_;
};

}  // namespace

void colourIds(Context& cx) { Colourer(cx).run(); }

}  // namespace syncsmith::sync
