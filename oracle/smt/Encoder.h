// The symbolic encoding of one param combination: every instruction of every
// `?` arm (a GuardedTrace) with an activity guard, integer times s/e (and c
// for GM writes under --gm-visibility fenced), and MACHINE.md rules 1-7 as
// guarded difference constraints "guard -> to - from >= weight".
//
// The rules are model/HbGraph.cpp's, read pairwise: for i before j, both
// active, the rule's constraint. To stay linear in size, "every earlier P
// instruction" is carried by frontier nodes (the max of the guarded times
// seen so far, per pipe and rule), which is exact: a frontier is only ever a
// lower bound of later times, so it may take exactly that max.
//
// Tokens: the rank of a set (wait) is the number of active earlier sets
// (waits) of its key; the wait of rank k takes the set of rank k.
#pragma once

#include <cstdint>
#include <map>
#include <vector>

#include "ir/Kernel.h"
#include "model/HbGraph.h"
#include "model/Trace.h"
#include "oracle/smt/Smt.h"

namespace syncsmith {

struct GuardedEdge {
  uint32_t from, to;  // node indices
  int64_t weight;
  smt::Term guard;
  HbRule rule;
  // -1: always present; g >= 0: present exactly when GuardedTrace guard g
  // holds; -2: some other condition (token matching by symbolic ranks).
  int32_t guardId;
};

// A count of active instructions (a rank, or a key's total of sets or
// waits): its solver term, and its exact form constant + sum(coef * [guard g
// holds]) so that comparisons whose guarded parts cancel (a set and its wait
// in one arm) fold to constants and never reach the solver.
struct GuardCount {
  smt::Term term;
  int64_t constant = 0;
  std::map<int32_t, int64_t> coef;  // guard id -> coefficient, no zeros
};

struct KeyTokens {
  FlagKeyValue key;
  std::vector<uint32_t> sets, waits;  // guarded-trace indices, program order
  GuardCount setCount, waitCount;     // active sets / waits on a path
};

class HbEncoding {
 public:
  HbEncoding(smt::Context& ctx, const GuardedTrace& g, const ModelOptions& opts);

  smt::Context& ctx() const { return ctx_; }
  const GuardedTrace& guarded() const { return g_; }
  const Trace& trace() const { return g_.trace; }
  size_t size() const { return g_.trace.instrs.size(); }

  smt::Term active(size_t i) const { return active_[i]; }
  smt::Term guardTerm(int32_t guard) const {
    return guard < 0 ? ctx_.boolVal(true) : guardTerms_[size_t(guard)];
  }
  smt::Term siteValue(size_t site) const { return siteVars_[site]; }
  // Whether i and j can run on one path (no `?` site taken both ways).
  bool compatible(size_t i, size_t j) const;

  uint32_t startNode(size_t i) const { return sNode_[i]; }
  uint32_t endNode(size_t i) const { return eNode_[i]; }
  uint32_t commitNode(size_t i) const { return cNode_[i]; }  // endNode when no commit
  bool hasCommit(size_t i) const { return cNode_[i] != eNode_[i]; }
  smt::Term time(uint32_t node) const { return nodes_[node]; }
  size_t numNodes() const { return nodes_.size(); }
  int32_t instrOfNode(uint32_t node) const { return nodeInstr_[node]; }  // -1: frontier

  const std::vector<GuardedEdge>& edges() const { return edges_; }
  const std::vector<KeyTokens>& keys() const { return keys_; }
  int32_t keyOf(size_t i) const { return keyOf_[i]; }  // -1: not a set/wait
  // Sets and waits: the number of active earlier sets (waits) of the key.
  const GuardCount& rank(size_t i) const { return rank_[i]; }
  // a == b + k and a <= b + k, folded when the guarded parts cancel.
  smt::Term countEq(const GuardCount& a, const GuardCount& b, int64_t k) const;
  smt::Term countLe(const GuardCount& a, const GuardCount& b, int64_t k) const;
  // Whether a == b + k is possible at all (bounds of the difference's form).
  bool countMayEqual(const GuardCount& a, const GuardCount& b, int64_t k) const;
  // No key has more active waits than sets (no wait lacks its set).
  smt::Term noMissingSet() const { return noMissingSet_; }

  // The rank counters' definitions: needed by every solver.
  void assertDefinitions(smt::Solver& s) const;
  // Every edge as a guarded difference constraint (a valid schedule exists).
  void assertSchedule(smt::Solver& s) const;
  // Membership variables of the existential cycle encoding: `on` implies a
  // non-empty set of active nodes, each with an active in-edge from the set.
  void assertCycleSearch(smt::Solver& s, smt::Term on);
  smt::Term member(uint32_t node) const { return members_[node]; }
  // The in-edges of a node (indices into edges()).
  const std::vector<uint32_t>& inEdges(uint32_t node) const { return in_[node]; }

  // Per query (from, to, context): whether `to` is reachable from `from`
  // over edges present on every path where the context's guards hold (the
  // guards of two instructions): then to >= from in every valid schedule
  // of every path where both are active, or no such path has one.
  struct OrderQuery {
    uint32_t from, to;
    int32_t guardA, guardB;
  };
  std::vector<bool> alwaysOrdered(const std::vector<OrderQuery>& q) const;

 private:
  struct Frontier {
    int32_t node = -1;
  };
  struct Guard {
    smt::Term term;
    int32_t id;  // as GuardedEdge::guardId
  };
  uint32_t newNode(int32_t instr, const char* tag);
  void edge(uint32_t from, uint32_t to, int64_t w, const Guard& guard, HbRule r);
  void require(const Frontier& f, uint32_t to, const Guard& guard, HbRule r);
  void raise(Frontier& f, uint32_t node, const Guard& guard, bool dominates);
  std::vector<bool> reachableOver(const std::vector<bool>& usable,
                                  const std::vector<std::pair<uint32_t, uint32_t>>& q) const;
  void buildGuards();
  void buildTimes(Arch arch);
  void buildTokens(FlagKey mode);

  smt::Context& ctx_;
  const GuardedTrace& g_;
  ModelOptions opts_;
  std::vector<smt::Term> siteVars_, guardTerms_, active_;
  std::vector<smt::Term> nodes_;
  std::vector<int32_t> nodeInstr_;
  std::vector<uint32_t> sNode_, eNode_, cNode_;
  std::vector<GuardedEdge> edges_;
  std::vector<std::vector<uint32_t>> in_;
  std::vector<KeyTokens> keys_;
  std::vector<int32_t> keyOf_;
  std::vector<GuardCount> rank_;
  std::vector<smt::Term> definitions_;
  smt::Term noMissingSet_;
  std::vector<smt::Term> members_;
};

}  // namespace syncsmith
