#include "sync/InputPrune.h"

#include <algorithm>
#include <map>
#include <string>

#include "model/PathCheck.h"
#include "model/Trace.h"

namespace syncsmith::sync {
namespace {

// The input's set/wait statements that InputSync did not read as order.
std::vector<NodeId> unreadInputFlags(const Program& p) {
  std::vector<NodeId> out;
  for (NodeId n = 0; n < NodeId(p.nodes.size()); ++n) {
    const Node& node = p.nodes[n];
    if (node.kind == NodeKind::Sync && node.sync()->isFlag() && node.inputPair == kNone)
      out.push_back(n);
  }
  return out;
}

// What the engine added, as units that can be left out at once: a pair
// with all its items together with its credits (an owner and its credit
// keep each other's ids safe, so neither goes alone), then each credit
// alone; and each barrier or fence. Later ones first.
std::vector<std::vector<ItemId>> insertedUnits(const Program& p) {
  auto rootOf = [&](size_t i) {
    while (p.pairs[i].credit && p.pairs[i].creditOf != kNone) i = size_t(p.pairs[i].creditOf);
    return i;
  };
  std::map<size_t, std::vector<size_t>> groups;  // root -> its pairs
  for (size_t i = 0; i < p.pairs.size(); ++i)
    if (!p.pairs[i].removed && !p.pairs[i].input) groups[rootOf(i)].push_back(i);
  std::vector<std::vector<ItemId>> out;
  for (auto g = groups.rbegin(); g != groups.rend(); ++g) {
    std::vector<ItemId> all;
    for (size_t i : g->second) {
      std::vector<ItemId> items = p.pairs[i].items();
      all.insert(all.end(), items.begin(), items.end());
    }
    if (all.empty()) continue;
    out.push_back(std::move(all));
    for (size_t i : g->second)
      if (std::vector<ItemId> items = p.pairs[i].items(); p.pairs[i].credit && !items.empty())
        out.push_back(std::move(items));
  }
  for (size_t i = p.items.size(); i-- > 0;) {
    const Item& it = p.items[i];
    if (!it.removed && it.pair == kNone) out.push_back({ItemId(i)});
  }
  return out;
}

// Every path of the kernel: per param assignment, every sequence of `?`
// condition outcomes (sync does not change which ones run, so the paths of
// the input are the paths of every candidate).
class AllPaths {
 public:
  AllPaths(const Kernel& in, std::vector<std::map<std::string, int64_t>> combos,
           const ModelOptions& model) {
    opts_.model = model;
    for (auto& params : combos) {
      CondEnumerator conds;
      do {
        if (paths_.size() == kMaxPrunePaths) {
          exhaustive = false;
          return;
        }
        Trace t = buildTrace(in, params, conds.chooser());
        paths_.push_back({params, t.condsByName()});
      } while (conds.advance());
    }
  }
  bool exhaustive = true;  // false: more than kMaxPrunePaths paths

  bool clean(const Kernel& k) {
    for (const Path& path : paths_) {
      Trace t = buildTrace(k, path.params, fixedConds(path.conds));
      traced += t.instrs.size();
      if (t.truncated || !checkPath(t, opts_).empty()) return false;
    }
    return true;
  }
  size_t traced = 0;

 private:
  struct Path {
    std::map<std::string, int64_t> params;
    std::map<std::string, std::vector<bool>> conds;
  };
  std::vector<Path> paths_;
  PathCheckOptions opts_;
};

}  // namespace

void pruneAgainstInput(Context& cx) {
  Program& p = cx.prog;
  std::vector<NodeId> unread = unreadInputFlags(p);
  if (unread.empty()) return;
  cx.report.inputUnread = int(unread.size());
  auto notPruned = [&](const std::string& why) {
    cx.fallback("input-sync-unpruned",
                std::to_string(unread.size()) + " input flags are not read as order and what " +
                    "was added for them is not checked for redundancy: " + why,
                p.lineOf(unread.front()));
  };
  const Kernel& in = p.kernel();
  auto combos = paramSpace(in, kMaxParamCombos);
  if (!combos)
    return notPruned("its params have more than " + std::to_string(kMaxParamCombos) +
                     " assignments");
  std::vector<std::vector<ItemId>> units = insertedUnits(p);
  if (units.empty()) return;
  AllPaths paths(in, std::move(*combos), cx.opts.model);
  if (!paths.exhaustive)
    return notPruned("it has more than " + std::to_string(kMaxPrunePaths) +
                     " paths (param assignments times ?condition outcomes)");
  std::vector<bool> omitted(p.items.size(), false);
  if (!paths.clean(p.toKernelWithout(omitted)))
    return notPruned("the output itself does not pass the path check");
  if (paths.traced * units.size() > kMaxPruneInstrs)
    return notPruned("checking each of its " + std::to_string(units.size()) +
                     " inserted units would trace more than " + std::to_string(kMaxPruneInstrs) +
                     " instructions");
  // A unit may be needed only while a later-tried one is there (its ids'
  // reuse rode on it): passes repeat over the units left while the last one
  // took something back and the work stays within twice the budget.
  size_t perCheck = paths.traced;
  for (bool again = true; again;) {
    again = false;
    size_t left = 0;
    for (const std::vector<ItemId>& unit : units) left += omitted[size_t(unit.front())] ? 0 : 1;
    for (const std::vector<ItemId>& unit : units) {
      if (omitted[size_t(unit.front())]) continue;  // taken back already (a credit with its owner)
      for (ItemId it : unit) omitted[size_t(it)] = true;
      if (paths.clean(p.toKernelWithout(omitted))) {
        cx.report.pruned += int(unit.size());
        again = true;
        continue;
      }
      for (ItemId it : unit) omitted[size_t(it)] = false;
    }
    if (paths.traced + perCheck * left > 2 * kMaxPruneInstrs) break;
  }
  // A fallback whose statements are all taken back did not happen.
  for (size_t f = cx.report.fallbacks.size(); f-- > 0;) {
    const std::vector<ItemId>& placed = cx.fallbackItems[f];
    if (placed.empty() || !std::all_of(placed.begin(), placed.end(),
                                       [&](ItemId it) { return omitted[size_t(it)]; }))
      continue;
    cx.report.fallbacks.erase(cx.report.fallbacks.begin() + std::ptrdiff_t(f));
    cx.fallbackItems.erase(cx.fallbackItems.begin() + std::ptrdiff_t(f));
  }
  for (Pair& pr : p.pairs) {
    if (pr.removed || pr.input) continue;
    std::vector<ItemId> items = pr.items();
    if (items.empty() || !omitted[size_t(items.front())]) continue;
    for (ItemId it : items) p.remove(it);
    pr.removed = true;
    if (pr.credit) --cx.report.credits;
  }
  for (size_t i = 0; i < p.items.size(); ++i)
    if (omitted[i]) p.remove(ItemId(i));
}

}  // namespace syncsmith::sync
