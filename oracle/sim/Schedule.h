// Concrete schedules: node times of the happens-before graph with real
// latencies. Computing each node's time as the max over its predecessors in
// topological order is the discrete-event run of in-order per-pipe queues:
// an instruction starts when its pipe's queue, the scalar unit's issue and
// every drain, barrier, fence and token it waits for allow.
#pragma once

#include <cstdint>
#include <vector>

#include "model/HbGraph.h"

namespace syncsmith::sim {

// Per instruction: latency (span e - s, >= 1), extra start delay (>= 0) and
// commit delay after the end (>= 0, GM writers).
struct Delays {
  std::vector<int64_t> lat, start, commit;
};

// The happens-before graph plus extra edges (the ideal mode's true
// dependencies), with the same interface as HbGraph for the passes below.
class ExtGraph {
 public:
  ExtGraph(const HbGraph& g, std::vector<HbEdge> extra, std::vector<uint32_t> commitNodes);
  // Any graph of `nodes` nodes (3 per instruction) and these edges.
  ExtGraph(size_t nodes, std::vector<HbEdge> edges, std::vector<uint32_t> commitNodes);
  size_t numNodes() const { return nodes_; }
  const std::vector<HbEdge>& edges() const { return edges_; }
  const uint32_t* outBegin(uint32_t node) const { return &outIdx_[outOff_[node]]; }
  const uint32_t* outEnd(uint32_t node) const { return &outIdx_[outOff_[node + 1]]; }
  const std::vector<uint32_t>& topoOrder() const { return topo_; }
  bool hasCycle() const { return topo_.size() != nodes_; }
  uint32_t commitNode(size_t i) const { return commit_[i]; }

 private:
  size_t nodes_;
  std::vector<HbEdge> edges_;
  std::vector<uint32_t> outOff_, outIdx_, topo_, commit_;
};

// Kahn's order of the nodes that can happen when the `dead` nodes never do
// (a wait without a set) and cycles never resolve; live[v] says which did.
template <class G>
std::vector<uint32_t> liveOrder(const G& g, const std::vector<uint8_t>& deadSeeds,
                                std::vector<uint8_t>& live) {
  size_t n = g.numNodes();
  std::vector<uint32_t> indeg(n, 0), order;
  for (const HbEdge& e : g.edges()) ++indeg[e.to];
  live.assign(n, 0);
  order.reserve(n);
  for (uint32_t v = 0; v < n; ++v)
    if (indeg[v] == 0 && !deadSeeds[v]) order.push_back(v);
  for (size_t h = 0; h < order.size(); ++h) {
    uint32_t u = order[h];
    live[u] = 1;
    for (const uint32_t* e = g.outBegin(u); e != g.outEnd(u); ++e) {
      uint32_t v = g.edges()[*e].to;
      if (--indeg[v] == 0 && !deadSeeds[v]) order.push_back(v);
    }
  }
  return order;
}

// An edge's weight under `d`: a span edge weighs the instruction's latency,
// a commit edge its commit delay, any other its own weight.
inline int64_t edgeWeight(const HbEdge& e, const Delays& d) {
  size_t i = e.from / 3;
  return e.rule == HbRule::Span     ? d.lat[i]
         : e.rule == HbRule::Commit ? d.commit[i]
                                    : int64_t(e.weight);
}

// Node times: each node at the max over its in-edges of (pred + weight),
// where a span edge weighs the instruction's latency and a commit edge its
// commit delay; a start node then waits its start delay.
template <class G>
void computeTimes(const G& g, const std::vector<uint32_t>& order, const Delays& d,
                  std::vector<int64_t>& t) {
  t.assign(g.numNodes(), 0);
  const HbEdge* edges = g.edges().data();
  for (uint32_t u : order) {
    size_t i = u / 3;
    if (u % 3 == 0) t[u] += d.start[i];
    int64_t tu = t[u];
    for (const uint32_t* e = g.outBegin(u); e != g.outEnd(u); ++e) {
      const HbEdge& ed = edges[*e];
      int64_t w = edgeWeight(ed, d);
      if (tu + w > t[ed.to]) t[ed.to] = tu + w;
    }
  }
}

// The first edge a schedule violates (index into edges()), or -1.
template <class G>
int64_t firstViolation(const G& g, const std::vector<int64_t>& t) {
  const auto& edges = g.edges();
  for (size_t k = 0; k < edges.size(); ++k)
    if (t[edges[k].to] < t[edges[k].from] + int64_t(edges[k].weight)) return int64_t(k);
  return -1;
}

// Nodes reachable from `from` (including it), as flags.
template <class G>
std::vector<uint8_t> reachableFrom(const G& g, uint32_t from) {
  std::vector<uint8_t> seen(g.numNodes(), 0);
  std::vector<uint32_t> stack{from};
  seen[from] = 1;
  while (!stack.empty()) {
    uint32_t u = stack.back();
    stack.pop_back();
    for (const uint32_t* e = g.outBegin(u); e != g.outEnd(u); ++e) {
      uint32_t v = g.edges()[*e].to;
      if (!seen[v]) seen[v] = 1, stack.push_back(v);
    }
  }
  return seen;
}

}  // namespace syncsmith::sim
