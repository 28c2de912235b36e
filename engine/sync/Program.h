// The engine's working form of a kernel: the statement tree as blocks of
// children (ops, input sync, loops, ifs) with a gap between every two
// children. Inserted sync lives in the gaps as items: a gap's `tail` holds
// items anchored after the child before it, its `head` those anchored
// before the child after it, each list kept in a fixed category order.
// Children never move, so a position is stable while items are inserted.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "ir/Kernel.h"
#include "sync/CompiledExpr.h"

namespace syncsmith::sync {

using NodeId = int32_t;
using BlockId = int32_t;
using LoopId = int32_t;
using ItemId = int32_t;
using PairId = int32_t;
inline constexpr int32_t kNone = -1;

enum class NodeKind : uint8_t { Op, Sync, Loop, If };

struct Node {
  NodeKind kind = NodeKind::Op;
  const Stmt* stmt = nullptr;
  BlockId parent = kNone;
  int index = 0;             // position among the parent's children
  Pipe pipe = Pipe::S;       // Op, Sync: where it runs
  LoopId loop = kNone;       // Loop
  BlockId body = kNone;      // Loop body, If then-arm
  BlockId elseBody = kNone;  // If else-arm (kNone when absent)
  PairId inputPair = kNone;  // Sync: the input pair it belongs to, if matched
  uint8_t inputRole = 0;     // Sync of an input pair: its Role (prime, body, drain)
  int inputLane = 0;         // ... and for a prime or drain, its lane
  const OpStmt* op() const { return stmt->op(); }
  const SyncStmt* sync() const { return stmt->sync(); }
};

// One step of the path from the kernel body to a block.
struct Step {
  LoopId loop = kNone;     // a loop, or
  NodeId ifNode = kNone;   // an arm of an if
  bool elseArm = false;
  bool zeroTrip = false;   // (enumerator queries) the loop runs zero times here
};

// Inserted-item categories: the order inside a tail or head list.
enum TailCat : int { kTailDrain = 0, kTailFence = 1, kTailCreditWait = 2, kTailSet = 3 };
enum HeadCat : int {
  kHeadPrime = 0,
  kHeadCreditWait = 1,
  kHeadSunkSet = 2,
  kHeadWait = 3,
  kHeadCreditSet = 4,
  kHeadBarrier = 5,
  kHeadBarrierAll = 6
};

struct Gap {
  std::vector<ItemId> tail, head;
  int order = 0;  // DFS order of the gap in the whole program
};

struct Block {
  NodeId owner = kNone;  // loop or if; kNone for the kernel body
  bool elseArm = false;
  std::vector<NodeId> children;
  std::vector<Gap> gaps;       // children.size() + 1
  std::vector<LoopId> loops;   // enclosing loops, outer to inner
  std::vector<Step> path;      // loops and if-arms from the kernel body
  int ifDepth = 0;
};

struct LoopInfo {
  NodeId node = kNone;
  BlockId body = kNone;
  const ForStmt* stmt = nullptr;
  CExpr lo, hi;
  int64_t step = 1;
  Interval var;          // bounds of the loop variable
  bool mayZero = true;   // may run zero times
  int64_t maxTrip = 0;   // upper bound of its trip count
};

enum class ItemKind : uint8_t { Set, Wait, Barrier, BarrierAll, Fence };
enum class Role : uint8_t { Body, Prime, Drain, Plain };

struct Item {
  ItemKind kind = ItemKind::Set;
  Pipe src = Pipe::S, dst = Pipe::S;  // barrier / fence: src is the pipe
  PairId pair = kNone;
  Role role = Role::Plain;
  int lane = 0;  // prime / drain: which lane (literal id base + lane)
  int cat = 0;
  BlockId block = kNone;
  int gap = 0;
  bool head = false;
  bool removed = false;
  Pipe pipe() const { return kind == ItemKind::Wait ? dst : src; }
};

enum class Shape : uint8_t { Forward, BackEdge };

struct Pair {
  Pipe src = Pipe::S, dst = Pipe::S;
  Shape shape = Shape::Forward;
  LoopId loop = kNone;      // BackEdge: the loop it is carried by
  int lanes = 1;            // ids base .. base+lanes-1 chosen by laneExpr
  LoopId laneLoop = kNone;  // the loop whose iterations step the lane
  int64_t laneCoeff = 0;    // lane(i - d) == lane(i) iff laneCoeff*d % lanes == 0
  Expr laneExpr;            // evaluates to 0..lanes-1
  ItemId set = kNone, wait = kNone;
  std::vector<ItemId> primes, drains;
  int base = -1;            // first event id, once coloured
  bool removed = false;
  bool credit = false;      // added for token safety of `creditOf`
  PairId creditOf = kNone;
  bool input = false;       // made of the input's own sync statements (kept as written)
  NodeId inFirstPrime = kNone;  // input back-edge pair: its first prime in program order
  int line = 0;             // consumer line, for reports
  NodeId consumer = kNone;  // the op whose hazard it was placed for
  std::vector<ItemId> items() const;
};

// Position of an item in program order (gap order, head after tail, index).
struct OrderKey {
  int gap = 0, half = 0, index = 0;
  auto operator<=>(const OrderKey&) const = default;
};

class Program {
 public:
  explicit Program(const Kernel& k);
  Program(const Program&) = delete;
  Program& operator=(const Program&) = delete;

  const Kernel& kernel() const { return kernel_; }
  Arch arch() const { return kernel_.arch(); }
  Core core() const { return kernel_.core(); }

  std::vector<Node> nodes;
  std::vector<Block> blocks;
  std::vector<LoopInfo> loops;
  std::vector<Item> items;
  std::vector<Pair> pairs;
  std::vector<NodeId> ops;           // op nodes in program order
  std::vector<Interval> paramRange;  // per param index
  std::vector<Interval> loopBox;     // per loop: bounds of its variable (LoopInfo::var)
  static constexpr BlockId kTop = 0;

  // Name resolution for expressions at a block.
  CExpr compile(const Expr& e, BlockId b) const;
  const std::vector<LoopId>& loopsOf(NodeId n) const { return blocks[nodes[n].parent].loops; }
  // Whether a loop can run more than once (only then is anything carried).
  bool repeats(LoopId l) const { return loops[size_t(l)].maxTrip > 1; }
  // Whether node n runs at most once: no enclosing loop repeats.
  bool runsOnce(NodeId n) const {
    for (LoopId l : loopsOf(n))
      if (repeats(l)) return false;
    return true;
  }
  // (block, child index) from the kernel body down to the node itself.
  std::vector<std::pair<BlockId, int>> chain(NodeId n) const;
  std::vector<std::pair<BlockId, int>> chainOfBlock(BlockId b) const;
  // Blocks from the kernel body down to b.
  std::vector<BlockId> blockPath(BlockId b) const;

  // Items. `add` keeps each list ordered by category (stable).
  ItemId add(Item it, BlockId b, int gap, bool head, int cat);
  ItemId addAfter(ItemId ref, Item it);
  ItemId addBefore(ItemId ref, Item it);
  void remove(ItemId id);
  // The items added since the item count was `count` (removed ones too).
  std::vector<ItemId> itemsSince(size_t count) const;
  std::vector<ItemId>& listOf(const Item& it) {
    Gap& g = blocks[it.block].gaps[size_t(it.gap)];
    return it.head ? g.head : g.tail;
  }
  OrderKey order(ItemId id) const;
  int lineOf(NodeId n) const { return nodes[n].stmt ? nodes[n].stmt->loc.line : 0; }

  // The kernel with every live item printed as a sync statement.
  Kernel toKernel() const;
  // The same without the items marked in `omitted` (indexed by ItemId).
  Kernel toKernelWithout(const std::vector<bool>& omitted) const;

 private:
  BlockId buildBlock(const syncsmith::Block& stmts, NodeId owner, bool elseArm, BlockId parent);
  void numberGaps(BlockId b, int& counter);
  void analyzeLoop(LoopId l);
  Stmt itemStmt(const Item& it) const;
  void emitBlock(BlockId b, syncsmith::Block& out, const std::vector<bool>* omitted) const;

  Kernel kernel_;
  std::vector<BlockId> parentBlock_;  // per block
};

}  // namespace syncsmith::sync
