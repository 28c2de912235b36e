// The engine's happens-before reasoning: a backward dataflow walk from one
// statement (an op that consumes, or a set that reuses an event id) over the
// structured program, computing at every earlier point which pipes are
// known to have drained before the origin starts. It is sound for every
// path: ifs meet both arms, a loop that may run zero times meets its skip
// path, and the origin's own loops are walked around their back edge once
// per distance class (1, 2, ..., D, then "D+1 or more"), which covers every
// iteration distance without unrolling.
//
// State (for the current point, all paths to the origin):
//   reach: pipes with an instruction at or after this point whose start is
//          ordered before the origin's start (its waits and barriers, in
//          particular, end before the origin starts)
//   done:  pipes whose every instruction before this point has ended
//   cdone: pipes whose every GM write before this point has committed
//   pending: waits passed while their pipe was in reach; the set a pending
//          wait consumes (found further back) puts its pipe in reach+done.
// Rules (MACHINE.md): a set or barrier on a reached pipe drains it; a
// matched set reaches its pipe; a fence on a reached pipe commits it;
// pipe_barrier ALL completes everything; S and every non-pipelined pipe in
// reach are done (S instructions block all later issue).
#pragma once

#include <cstdint>
#include <unordered_map>
#include <vector>

#include "sync/Instances.h"
#include "sync/Relevance.h"

namespace syncsmith::sync {

struct Pending {
  PairId pair = kNone;
  int pass = -1;  // pass of the pair's lane loop at the wait; -1 unknown
  int lane = -1;  // literal lane (drains); -1 none
  auto operator<=>(const Pending&) const = default;
};

struct WalkState {
  bool top = false;  // nothing more to learn on these paths (identity of meet)
  PipeMask done = 0, cdone = 0, reach = 0;
  std::vector<Pending> pending;  // sorted, unique
};
WalkState meet(const WalkState& a, const WalkState& b);

struct Frame {
  LoopId loop = kNone;
  Mode mode = Mode::Same;
  int64_t d = 0;
};

// A sync statement as the walk sees it: an inserted item or an input node.
struct SyncView {
  ItemKind kind = ItemKind::Set;
  Pipe src = Pipe::S, dst = Pipe::S;
  PairId pair = kNone;
  Role role = Role::Body;
  int lane = 0;
  ItemId item = kNone;
  NodeId node = kNone;
  Pipe pipe() const { return kind == ItemKind::Wait ? dst : src; }
};

// Shared by every walk of one engine run.
struct WalkEnv {
  WalkEnv(const Program& p, Enumerator& e);
  const Program& prog;
  PipeMask serial = 0;  // pipes that are not pipelined on the kernel's arch
  Enumerator& en;
  bool assumeLoopsRun = false;  // injected bug
  bool skipBackEdges = false;   // injected bug
  std::vector<int> lanePasses;  // per loop: distance classes walked exactly
  // Per loop: inside a pass of an outer loop (an earlier outer iteration),
  // walk this loop of the origin as three parts: its iterations after the
  // origin's, the origin's own, and those before (for lanes chosen by it
  // while the pair is carried by the outer loop). Set only for loops whose
  // bounds do not change across the outer iterations.
  std::vector<bool> splitInPasses;
  // Feasibility answers by (query tag, origin block): per relation tried.
  struct Feasible {
    Relation rel;
    bool feasible = true;
  };
  std::unordered_map<uint64_t, std::vector<Feasible>> feasible;
};

class WalkClient {
 public:
  virtual ~WalkClient() = default;
  virtual void init(WalkState& s) = 0;
  // Return false to abort the walk.
  virtual bool visitOp(NodeId, WalkState&) { return true; }
  virtual bool visitSync(const SyncView&, WalkState&) { return true; }
  virtual bool saturated(const WalkState&) const { return false; }
  virtual bool skipItem(const Item&) const { return false; }
  // Ops on pipes outside this mask are passed without a visit (they change
  // no state); set before the walk starts.
  PipeMask visitedOps = kAllPipeMask;
  // Nothing at a gap of lower order can matter to this client: once the
  // walk has left the origin's loops (it then only moves back in program
  // order), it stops below this gap order. 0: never stops early.
  virtual int horizon() const { return 0; }
};

class Walker {
 public:
  Walker(WalkEnv& env, WalkClient& client) : env_(env), p_(env.prog), c_(client) {}
  void fromNode(NodeId origin);
  void fromItem(ItemId origin);
  bool aborted() const { return aborted_; }
  const std::vector<Frame>& frames() const { return frames_; }
  // Whether the walk has left the origin's loops and passed every gap of
  // order >= `order` (it then only moves back in program order).
  bool pastOrder(int order) const { return originLoops_ == 0 && curOrder_ < order; }
  // The relation of the origin to the current point on their shared loops.
  Relation relation() const;
  // The pass of `loop` at the current point (0 same iteration, d), or -1.
  int passOf(LoopId loop) const;
  // Whether the instance at the current point takes the same lane as the
  // origin's, for lanes (coeff * i) mod `lanes` of loop `loop`: 1 surely,
  // -1 surely not, 0 unknown.
  int sameLane(LoopId loop, int64_t coeff, int lanes) const;
  SyncView viewOf(const Item& it, ItemId id) const;
  SyncView viewOf(NodeId syncNode) const;

 private:
  void start(BlockId b, WalkState& s);
  void ascend(BlockId b, WalkState& s);
  void passes(LoopId l, const WalkState& s0);
  void walkFrom(BlockId b, size_t gap, size_t cut, WalkState& s);
  void walkBlock(BlockId b, WalkState& s);
  void walkSplit(LoopId l, WalkState& s);
  void stepNode(NodeId n, WalkState& s);
  void stepItem(ItemId id, WalkState& s);
  void stepSync(const SyncView& v, WalkState& s);
  void transfer(const SyncView& v, WalkState& s) const;
  bool matchSet(const SyncView& v, WalkState& s) const;
  void normalize(WalkState& s) const;
  bool armFeasible(NodeId ifNode, bool elseArm);
  bool mayBeSkipped(LoopId loop);
  // Cached per (tag, origin block, relation); xPath() builds the query.
  template <class MakePath>
  bool feasible(int64_t tag, MakePath xPath);
  void settle(WalkState& s) const {
    if (!s.top && c_.saturated(s)) s.top = true;
  }

  WalkEnv& env_;
  const Program& p_;
  WalkClient& c_;
  std::vector<Frame> frames_;
  BlockId origin_ = kNone;
  size_t originLoops_ = 0;  // the origin's loops the walk has not left yet
  int curOrder_ = 0;        // order of the gap being walked
  int horizon_ = 0;
  bool aborted_ = false;
};

}  // namespace syncsmith::sync
