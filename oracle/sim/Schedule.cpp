#include "Schedule.h"

namespace syncsmith::sim {

ExtGraph::ExtGraph(const HbGraph& g, std::vector<HbEdge> extra, std::vector<uint32_t> commitNodes)
    : ExtGraph(g.numNodes(),
               [&] {
                 std::vector<HbEdge> all(g.edges());
                 all.insert(all.end(), extra.begin(), extra.end());
                 return all;
               }(),
               std::move(commitNodes)) {}

ExtGraph::ExtGraph(size_t nodes, std::vector<HbEdge> edges, std::vector<uint32_t> commitNodes)
    : nodes_(nodes), edges_(std::move(edges)), commit_(std::move(commitNodes)) {
  outOff_.assign(nodes_ + 1, 0);
  for (const HbEdge& e : edges_) ++outOff_[e.from + 1];
  for (size_t i = 0; i < nodes_; ++i) outOff_[i + 1] += outOff_[i];
  outIdx_.resize(edges_.size());
  std::vector<uint32_t> fill(outOff_.begin(), outOff_.end() - 1);
  for (uint32_t k = 0; k < edges_.size(); ++k) outIdx_[fill[edges_[k].from]++] = k;
  std::vector<uint8_t> none(nodes_, 0), live;
  topo_ = liveOrder(*this, none, live);
}

}  // namespace syncsmith::sim
