// Happens-before of MACHINE.md rules 1-7 for one path, as a difference
// constraint graph over the time points of the trace's instructions.
//
// Node 3i is s_i (start), 3i+1 is e_i (end), 3i+2 is c_i (commit, for GM
// writes under --gm-visibility fenced; otherwise commitNode(i) is e_i).
// An edge u -> v of weight w says v >= u + w. All constraints are lower
// bounds, so a valid schedule exists iff the graph has no cycle (every cycle
// passes an s -> e edge of weight 1), and v >= u is forced in every valid
// schedule iff v is reachable from u. This is the whole semantics of sync for
// a fixed path; the simulator schedules it, the oracle queries it.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "model/Trace.h"

namespace syncsmith {

enum class HbRule : uint8_t {
  Span,         // e_i >= s_i + 1
  Commit,       // c_i >= e_i
  IssueOrder,   // rule 1: s_j >= s_i, same pipe
  IssueSerial,  // rule 1: s_j >= e_i, same non-pipelined pipe
  Drain,        // rules 2 and 4: barrier P / set_flag on P waits for earlier P ends
  BarrierAll,   // rule 3: waits for every earlier end and GM commit
  Blocks,       // rules 2, 3, 5, 6, 7: later instructions start after this ends
  Token,        // rule 5: e_wait >= e_set it consumes
  Fence,        // rule 6: gm_fence waits for earlier commits on its pipe
};
std::string_view hbRuleName(HbRule r);

struct HbEdge {
  uint32_t from, to;
  uint8_t weight;
  HbRule rule;
};

// A flag's key: (src, dst, id), or (src, id) under --flag-key src.
struct FlagKeyValue {
  Pipe src;
  Pipe dst;  // Pipe::S when keyed by source only
  int64_t id;
  auto operator<=>(const FlagKeyValue&) const = default;
};
FlagKeyValue flagKeyOf(const Instr& in, FlagKey mode);

// The k-th wait of a key takes the k-th set's token (program order).
struct TokenMatch {
  std::vector<int64_t> setOfWait;  // per instr: matched set index, -1 if none / not a wait
  std::vector<int64_t> waitOfSet;  // per instr: matched wait index, -1 if none / not a set
  // Per key, set and wait instruction indices in program order.
  std::vector<std::pair<FlagKeyValue, std::vector<uint32_t>>> setsByKey, waitsByKey;
};
TokenMatch matchTokens(const Trace& t, FlagKey mode);

class HbGraph {
 public:
  HbGraph(const Trace& t, Arch arch, const ModelOptions& opts, const TokenMatch& tokens);

  size_t numNodes() const { return 3 * n_; }
  static uint32_t startNode(size_t i) { return uint32_t(3 * i); }
  static uint32_t endNode(size_t i) { return uint32_t(3 * i + 1); }
  // The time another pipe sees i's GM writes.
  uint32_t commitNode(size_t i) const;
  static size_t instrOf(uint32_t node) { return node / 3; }

  const std::vector<HbEdge>& edges() const { return edges_; }
  // Outgoing edges in CSR form.
  const uint32_t* outBegin(uint32_t node) const { return &outIdx_[outOff_[node]]; }
  const uint32_t* outEnd(uint32_t node) const { return &outIdx_[outOff_[node + 1]]; }

  // A topological order of all nodes, or empty when there is a cycle.
  const std::vector<uint32_t>& topoOrder() const { return topo_; }
  bool hasCycle() const { return topo_.empty() && n_ > 0; }
  // One cycle (as nodes) when hasCycle().
  std::vector<uint32_t> findCycle() const;

 private:
  void addEdge(uint32_t from, uint32_t to, uint8_t w, HbRule r) {
    edges_.push_back({from, to, w, r});
  }
  void build(const Trace& t, Arch arch, const TokenMatch& tokens);
  void finish();

  size_t n_ = 0;
  bool retire_ = false;
  std::vector<bool> gmWriter_;
  std::vector<HbEdge> edges_;
  std::vector<uint32_t> outOff_, outIdx_;  // outIdx_ holds edge indices
  std::vector<uint32_t> topo_;
};

// Answers "is `to` reachable from `from`" for a batch of queries, exactly,
// with bitsets pushed along a topological order (chunked by source).
// Precondition: the graph is acyclic.
std::vector<bool> reachable(const HbGraph& g,
                            const std::vector<std::pair<uint32_t, uint32_t>>& queries);

}  // namespace syncsmith
