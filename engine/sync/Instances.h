// Pairs of dynamic instances of two statements x (earlier) and y (later):
// how their iterations relate on the loops they share, and an exact
// enumerator of the pairs (with param values and integer if-conditions on
// both paths) for when the iteration space is small.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <vector>

#include "sync/Program.h"

namespace syncsmith::sync {

// How y's iteration of a shared loop relates to x's.
enum class Mode : uint8_t {
  Same,     // the same iteration
  Dist,     // exactly d iterations later
  AtLeast,  // d or more iterations later
  Free,     // an unrelated instance of the loop (another outer iteration)
  Behind    // d or more iterations *earlier* (x is a later iteration of this
            // loop in an earlier iteration of an outer one)
};

struct LoopRel {
  LoopId loop = kNone;
  Mode mode = Mode::Same;
  int64_t d = 0;
  bool operator==(const LoopRel&) const = default;
};
using Relation = std::vector<LoopRel>;  // the shared loops, outer to inner

// Whether the relation can hold at all (a distance beyond the trip count).
bool relationPossible(const Program& p, const Relation& rel);
// The outermost shared loop with a positive distance, or kNone.
LoopId carriedLoop(const Relation& rel);

class Enumerator {
 public:
  enum class Outcome { Exhausted, Stopped, OverBudget };
  using Visit = std::function<bool(const int64_t* params, const int64_t* xLoops,
                                   const int64_t* yLoops)>;

  Enumerator(const Program& p, int64_t budget);

  // Every (params, x iteration, y iteration) with both paths' integer
  // conditions true and `rel` holding on the shared loops; `visit` returns
  // true to stop.
  Outcome run(const std::vector<Step>& xPath, const std::vector<Step>& yPath,
              const Relation& rel, const Visit& visit);

  // Whether both paths can be executed together under `rel`; true when
  // unsure (over budget).
  bool feasible(const std::vector<Step>& xPath, const std::vector<Step>& yPath,
                const Relation& rel);

 private:
  struct CondC {
    bool runtime = true;
    CmpOp op = CmpOp::Eq;
    CExpr lhs, rhs;
  };
  const CondC& cond(NodeId ifNode);
  int64_t estimate(const std::vector<Step>& xPath, const std::vector<Step>& yPath,
                   const Relation& rel) const;
  bool walkX(size_t i);
  bool walkY(size_t i);

  const Program& p_;
  int64_t budget_;
  std::map<NodeId, CondC> conds_;
  // state of one run
  const std::vector<Step>* xPath_ = nullptr;
  const std::vector<Step>* yPath_ = nullptr;
  const Relation* rel_ = nullptr;
  const Visit* visit_ = nullptr;
  std::vector<int64_t> params_, xv_, yv_;
  int64_t work_ = 0;
  bool over_ = false, stopped_ = false;
};

}  // namespace syncsmith::sync
