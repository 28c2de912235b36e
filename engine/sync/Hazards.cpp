#include "sync/Hazards.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "sync/Conflict.h"

namespace syncsmith {

std::string_view depKindName(DepKind k) {
  switch (k) {
    case DepKind::Raw: return "RAW";
    case DepKind::War: return "WAR";
    case DepKind::Waw: return "WAW";
  }
  return "?";
}

std::string distanceClass(const std::vector<int64_t>& ds, bool beyond, int64_t window,
                          int64_t maxDistance) {
  if (ds.empty()) return beyond ? ">=" + std::to_string(window + 1) : "0";
  int64_t w = std::min(window, maxDistance);  // distances examined exactly
  bool tailCovered = beyond || w >= maxDistance;  // nothing beyond the window is missed
  if (ds.size() == 1 && !beyond) return std::to_string(ds[0]);
  // Every distance from d on.
  int64_t d = ds.front();
  if (int64_t(ds.size()) == w - d + 1 && ds.back() == w && tailCovered) return ">=" + std::to_string(d);
  // Exactly the distances = r (mod k), the period seen at least twice.
  for (int64_t k = 2; d + k <= w; ++k) {
    if (d > k) continue;
    std::vector<int64_t> want;
    for (int64_t x = d; x <= w; x += k) want.push_back(x);
    if (want != ds) continue;
    bool tailExpected = want.back() + k <= maxDistance;
    if (beyond != tailExpected) continue;
    return std::to_string(d % k) + " mod " + std::to_string(k);
  }
  return "carried";
}

namespace {

using namespace sync;

struct HazardKey {
  DepKind kind;
  Space space;
  auto operator<=>(const HazardKey&) const = default;
};

struct Found {
  std::set<std::string> buffers;
  std::set<int64_t> distances;
  bool beyond = false;
};
using FoundMap = std::map<HazardKey, Found>;

DepKind kindOf(const RefFp& a, const RefFp& b) {
  if (a.write && b.write) return DepKind::Waw;
  return a.write ? DepKind::Raw : DepKind::War;
}

class Lister {
 public:
  Lister(const Kernel& k, const HazardOptions& o)
      : o_(o), prog_(k), fp_(prog_), en_(prog_, o.enumerationBudget),
        conflicts_(prog_, fp_, en_, false) {}

  std::vector<DataHazard> run() {
    const std::vector<NodeId>& ops = prog_.ops;
    for (size_t ib = 0; ib < ops.size(); ++ib)
      for (size_t ia = 0; ia < ops.size(); ++ia) pair(int(ia), int(ib));
    std::sort(out_.begin(), out_.end(), [](const DataHazard& x, const DataHazard& y) {
      return std::tie(x.consumer, x.producer, x.loopDepth, x.kind, x.space) <
             std::tie(y.consumer, y.producer, y.loopDepth, y.kind, y.space);
    });
    return std::move(out_);
  }

 private:
  std::vector<LoopId> sharedLoops(NodeId a, NodeId b) const {
    const auto& la = prog_.loopsOf(a);
    const auto& lb = prog_.loopsOf(b);
    std::vector<LoopId> s;
    for (size_t i = 0; i < la.size() && i < lb.size() && la[i] == lb[i]; ++i) s.push_back(la[i]);
    return s;
  }

  // In different arms of one if: never both in one execution of it.
  bool exclusive(NodeId a, NodeId b) const {
    const auto& pa = prog_.blocks[prog_.nodes[a].parent].path;
    const auto& pb = prog_.blocks[prog_.nodes[b].parent].path;
    for (size_t i = 0; i < pa.size() && i < pb.size(); ++i) {
      const Step& x = pa[i];
      const Step& y = pb[i];
      if (x.loop == y.loop && x.ifNode == y.ifNode && x.elseArm == y.elseArm) continue;
      return x.loop == kNone && x.ifNode == y.ifNode && x.elseArm != y.elseArm;
    }
    return false;
  }

  void collect(NodeId a, NodeId b, const Relation& rel, FoundMap& m, int64_t dist, bool beyond) {
    const ConflictResult& c = conflicts_.test(a, b, rel);
    if (!c.any) return;
    const OpFp& fa = fp_.of(a);
    const OpFp& fb = fp_.of(b);
    for (const RefPair& p : c.pairs) {
      const RefFp& ra = fa.refs[size_t(p.a)];
      const RefFp& rb = fb.refs[size_t(p.b)];
      Found& f = m[{kindOf(ra, rb), ra.space}];
      if (ra.buffer) f.buffers.insert(ra.buffer->name);
      if (rb.buffer) f.buffers.insert(rb.buffer->name);
      if (beyond)
        f.beyond = true;
      else
        f.distances.insert(dist);
    }
  }

  void pair(int ia, int ib) {
    NodeId a = prog_.ops[size_t(ia)], b = prog_.ops[size_t(ib)];
    std::vector<LoopId> shared = sharedLoops(a, b);
    Relation same;
    for (LoopId l : shared) same.push_back({l, Mode::Same, 0});
    if (ia < ib && !exclusive(a, b)) {
      FoundMap m;
      collect(a, b, same, m, 0, false);
      emit(ia, ib, -1, m);
    }
    for (size_t k = 0; k < shared.size(); ++k) {
      Relation rel = same;
      for (size_t j = k + 1; j < rel.size(); ++j) rel[j].mode = Mode::Free;
      FoundMap m;
      for (int d = 1; d <= o_.window; ++d) {
        rel[k] = {shared[k], Mode::Dist, d};
        collect(a, b, rel, m, d, false);
      }
      rel[k] = {shared[k], Mode::AtLeast, o_.window + 1};
      collect(a, b, rel, m, 0, true);
      emit(ia, ib, int(k), m);
    }
  }

  void emit(int ia, int ib, int level, const FoundMap& m) {
    NodeId a = prog_.ops[size_t(ia)], b = prog_.ops[size_t(ib)];
    for (const auto& [key, f] : m) {
      DataHazard h;
      h.kind = key.kind;
      h.space = key.space;
      h.producer = ia;
      h.consumer = ib;
      h.producerLine = prog_.lineOf(a);
      h.consumerLine = prog_.lineOf(b);
      h.producerPipe = prog_.nodes[a].pipe;
      h.consumerPipe = prog_.nodes[b].pipe;
      h.buffers.assign(f.buffers.begin(), f.buffers.end());
      if (level >= 0) {
        LoopId l = prog_.loopsOf(b)[size_t(level)];
        const LoopInfo& L = prog_.loops[size_t(l)];
        h.loopLine = prog_.lineOf(L.node);
        h.loopDepth = level + 1;
        h.distances.assign(f.distances.begin(), f.distances.end());
        h.window = o_.window;
        h.beyond = f.beyond;
        h.distance = distanceClass(h.distances, h.beyond, o_.window, std::max<int64_t>(1, L.maxTrip - 1));
      }
      h.commit = h.kind != DepKind::War && h.space == Space::GM && h.producerPipe != h.consumerPipe &&
                 o_.model.gmVisibility == GmVisibility::Fenced;
      h.hwOrdered = (h.producerPipe == h.consumerPipe && !pipelined(prog_.arch(), h.producerPipe)) ||
                    (h.producerPipe == Pipe::S && !h.commit);
      out_.push_back(std::move(h));
    }
  }

  HazardOptions o_;
  Program prog_;
  Footprints fp_;
  Enumerator en_;
  ConflictOracle conflicts_;
  std::vector<DataHazard> out_;
};

}  // namespace

std::vector<DataHazard> listHazards(const Kernel& k, const HazardOptions& opts) {
  return Lister(k, opts).run();
}

}  // namespace syncsmith
