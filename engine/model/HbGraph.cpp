#include "model/HbGraph.h"

#include <algorithm>
#include <map>

namespace syncsmith {

std::string_view hbRuleName(HbRule r) {
  switch (r) {
    case HbRule::Span: return "span";
    case HbRule::Commit: return "commit";
    case HbRule::IssueOrder: return "issue order";
    case HbRule::IssueSerial: return "serial pipe";
    case HbRule::Drain: return "drain";
    case HbRule::BarrierAll: return "barrier ALL";
    case HbRule::Blocks: return "blocks later";
    case HbRule::Token: return "token";
    case HbRule::Fence: return "fence";
  }
  return "?";
}

FlagKeyValue flagKeyOf(const Instr& in, FlagKey mode) {
  return {in.src, mode == FlagKey::Src ? Pipe::S : in.dst, in.id};
}

TokenMatch matchTokens(const Trace& t, FlagKey mode) {
  TokenMatch m;
  size_t n = t.instrs.size();
  m.setOfWait.assign(n, -1);
  m.waitOfSet.assign(n, -1);
  std::map<FlagKeyValue, size_t> slot;
  auto keyIndex = [&](const FlagKeyValue& k) {
    auto [it, fresh] = slot.emplace(k, m.setsByKey.size());
    if (fresh) {
      m.setsByKey.push_back({k, {}});
      m.waitsByKey.push_back({k, {}});
    }
    return it->second;
  };
  for (size_t i = 0; i < n; ++i) {
    const Instr& in = t.instrs[i];
    if (in.kind == InstrKind::SetFlag)
      m.setsByKey[keyIndex(flagKeyOf(in, mode))].second.push_back(uint32_t(i));
    else if (in.kind == InstrKind::WaitFlag)
      m.waitsByKey[keyIndex(flagKeyOf(in, mode))].second.push_back(uint32_t(i));
  }
  for (size_t k = 0; k < m.setsByKey.size(); ++k) {
    const auto& sets = m.setsByKey[k].second;
    const auto& waits = m.waitsByKey[k].second;
    for (size_t r = 0; r < waits.size() && r < sets.size(); ++r) {
      m.setOfWait[waits[r]] = sets[r];
      m.waitOfSet[sets[r]] = waits[r];
    }
  }
  return m;
}

HbGraph::HbGraph(const Trace& t, Arch arch, const ModelOptions& opts, const TokenMatch& tokens)
    : n_(t.instrs.size()), retire_(opts.gmVisibility == GmVisibility::Retire) {
  gmWriter_.resize(n_);
  for (size_t i = 0; i < n_; ++i) gmWriter_[i] = t.instrs[i].writesGm;
  build(t, arch, tokens);
  finish();
}

uint32_t HbGraph::commitNode(size_t i) const {
  return (gmWriter_[i] && !retire_) ? uint32_t(3 * i + 2) : endNode(i);
}

void HbGraph::build(const Trace& t, Arch arch, const TokenMatch& tokens) {
  constexpr int64_t kNone = -1;
  int64_t last[kNumPipes];
  std::fill(std::begin(last), std::end(last), kNone);
  std::vector<uint32_t> open[kNumPipes];         // ends not yet drained
  std::vector<uint32_t> uncommitted[kNumPipes];  // GM writes not yet fenced
  std::vector<uint32_t> pending[kNumPipes];      // ends the next instruction waits for
  edges_.reserve(n_ * 5);

  auto block = [&](int pipe, uint32_t i, Pipe blockerPipe) {
    auto& p = pending[pipe];
    // A newer S instruction implies every older one ended (rule 7 chains).
    if (blockerPipe == Pipe::S)
      p.erase(std::remove_if(p.begin(), p.end(),
                             [&](uint32_t k) { return t.instrs[k].pipe == Pipe::S; }),
              p.end());
    p.push_back(i);
  };

  for (size_t j = 0; j < n_; ++j) {
    const Instr& in = t.instrs[j];
    uint32_t sj = startNode(j), ej = endNode(j);
    addEdge(sj, ej, 1, HbRule::Span);
    if (in.writesGm && !retire_) addEdge(ej, uint32_t(3 * j + 2), 0, HbRule::Commit);

    if (in.kind == InstrKind::BarrierAll) {
      for (int p = 0; p < kNumPipes; ++p) {
        for (uint32_t i : open[p]) addEdge(endNode(i), sj, 0, HbRule::BarrierAll);
        for (uint32_t i : uncommitted[p]) addEdge(commitNode(i), sj, 0, HbRule::BarrierAll);
        for (uint32_t i : pending[p]) addEdge(endNode(i), sj, 0, HbRule::Blocks);
        open[p].clear();
        uncommitted[p].clear();
        pending[p].clear();
      }
      for (int p = 0; p < kNumPipes; ++p) pending[p].push_back(uint32_t(j));
      continue;
    }

    int p = int(in.pipe);
    if (last[p] != kNone) {
      addEdge(startNode(size_t(last[p])), sj, 0, HbRule::IssueOrder);
      if (!pipelined(arch, in.pipe)) addEdge(endNode(size_t(last[p])), sj, 0, HbRule::IssueSerial);
    }
    for (uint32_t i : pending[p]) addEdge(endNode(i), sj, 0, HbRule::Blocks);
    pending[p].clear();

    switch (in.kind) {
      case InstrKind::Barrier:
      case InstrKind::SetFlag:
        for (uint32_t i : open[p]) addEdge(endNode(i), sj, 0, HbRule::Drain);
        open[p].clear();
        if (in.kind == InstrKind::Barrier) block(p, uint32_t(j), in.pipe);
        break;
      case InstrKind::Fence:
        for (uint32_t i : uncommitted[p]) addEdge(commitNode(i), sj, 0, HbRule::Fence);
        uncommitted[p].clear();
        block(p, uint32_t(j), in.pipe);
        break;
      case InstrKind::WaitFlag:
        if (tokens.setOfWait[j] >= 0)
          addEdge(endNode(size_t(tokens.setOfWait[j])), ej, 0, HbRule::Token);
        block(p, uint32_t(j), in.pipe);
        break;
      default:
        break;
    }
    if (in.pipe == Pipe::S)
      for (int q = 0; q < kNumPipes; ++q) block(q, uint32_t(j), Pipe::S);
    open[p].push_back(uint32_t(j));
    if (in.writesGm) uncommitted[p].push_back(uint32_t(j));
    last[p] = int64_t(j);
  }
}

void HbGraph::finish() {
  size_t nodes = numNodes();
  outOff_.assign(nodes + 1, 0);
  for (const HbEdge& e : edges_) ++outOff_[e.from + 1];
  for (size_t i = 0; i < nodes; ++i) outOff_[i + 1] += outOff_[i];
  outIdx_.resize(edges_.size());
  std::vector<uint32_t> fill(outOff_.begin(), outOff_.end() - 1);
  for (uint32_t k = 0; k < edges_.size(); ++k) outIdx_[fill[edges_[k].from]++] = k;

  // Kahn's algorithm; unused commit nodes are isolated and harmless.
  std::vector<uint32_t> indeg(nodes, 0);
  for (const HbEdge& e : edges_) ++indeg[e.to];
  topo_.reserve(nodes);
  for (uint32_t v = 0; v < nodes; ++v)
    if (indeg[v] == 0) topo_.push_back(v);
  for (size_t h = 0; h < topo_.size(); ++h) {
    uint32_t u = topo_[h];
    for (const uint32_t* e = outBegin(u); e != outEnd(u); ++e)
      if (--indeg[edges_[*e].to] == 0) topo_.push_back(edges_[*e].to);
  }
  if (topo_.size() != nodes) topo_.clear();
}

std::vector<uint32_t> HbGraph::findCycle() const {
  size_t nodes = numNodes();
  std::vector<uint8_t> color(nodes, 0);
  std::vector<uint32_t> parent(nodes, UINT32_MAX);
  // Iterative DFS.
  for (uint32_t root = 0; root < nodes; ++root) {
    if (color[root]) continue;
    std::vector<std::pair<uint32_t, const uint32_t*>> stack{{root, outBegin(root)}};
    color[root] = 1;
    while (!stack.empty()) {
      auto& [u, it] = stack.back();
      if (it == outEnd(u)) {
        color[u] = 2;
        stack.pop_back();
        continue;
      }
      uint32_t v = edges_[*it++].to;
      if (color[v] == 1) {
        std::vector<uint32_t> cycle{v};
        for (auto k = stack.rbegin(); k != stack.rend() && k->first != v; ++k)
          cycle.push_back(k->first);
        std::reverse(cycle.begin(), cycle.end());
        return cycle;
      }
      if (color[v] == 0) {
        color[v] = 1;
        parent[v] = u;
        stack.push_back({v, outBegin(v)});
      }
    }
  }
  return {};
}

std::vector<bool> reachable(const HbGraph& g,
                            const std::vector<std::pair<uint32_t, uint32_t>>& queries) {
  std::vector<bool> answer(queries.size(), false);
  if (queries.empty()) return answer;
  const auto& topo = g.topoOrder();
  size_t nodes = g.numNodes();
  std::vector<uint32_t> position(nodes);
  for (size_t k = 0; k < topo.size(); ++k) position[topo[k]] = uint32_t(k);

  // Distinct sources, processed 64 * kWords at a time.
  std::vector<uint32_t> sources;
  for (const auto& q : queries) sources.push_back(q.first);
  std::sort(sources.begin(), sources.end());
  sources.erase(std::unique(sources.begin(), sources.end()), sources.end());
  constexpr size_t kWords = 16;
  constexpr size_t kChunk = 64 * kWords;
  std::vector<uint64_t> bits;
  for (size_t c0 = 0; c0 < sources.size(); c0 += kChunk) {
    size_t c1 = std::min(sources.size(), c0 + kChunk);
    size_t words = (c1 - c0 + 63) / 64;
    bits.assign(nodes * words, 0);
    uint32_t firstPos = UINT32_MAX;
    for (size_t s = c0; s < c1; ++s) {
      bits[sources[s] * words + (s - c0) / 64] |= uint64_t(1) << ((s - c0) % 64);
      firstPos = std::min(firstPos, position[sources[s]]);
    }
    for (size_t k = firstPos; k < topo.size(); ++k) {
      uint32_t u = topo[k];
      const uint64_t* bu = &bits[u * words];
      bool any = false;
      for (size_t w = 0; w < words; ++w) any |= bu[w] != 0;
      if (!any) continue;
      for (const uint32_t* e = g.outBegin(u); e != g.outEnd(u); ++e) {
        uint64_t* bv = &bits[g.edges()[*e].to * words];
        for (size_t w = 0; w < words; ++w) bv[w] |= bu[w];
      }
    }
    for (size_t q = 0; q < queries.size(); ++q) {
      auto it = std::lower_bound(sources.begin() + long(c0), sources.begin() + long(c1),
                                 queries[q].first);
      if (it == sources.begin() + long(c1) || *it != queries[q].first) continue;
      size_t s = size_t(it - sources.begin()) - c0;
      answer[q] = (bits[queries[q].second * words + s / 64] >> (s % 64)) & 1;
    }
  }
  return answer;
}

}  // namespace syncsmith
