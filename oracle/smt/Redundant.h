// REDUNDANT advice (MACHINE.md): a unit whose removal keeps a correct kernel
// correct. A unit is one `pipe_barrier` or `gm_fence` statement, or all
// set/wait statements with the same src, dst and id text in one loop body
// (ifs inside it included, nested loops not) together with that loop's prime
// sets and drain waits: set_flag statements of the same pipes in the loop's
// own block between the previous loop of that block and the loop, and
// wait_flag statements between the loop and the next loop, whose ids are
// among the ids the body's statements take. Units are tried in program
// order, keeping earlier removals.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "ir/Kernel.h"
#include "model/Finding.h"
#include "oracle/smt/Oracle.h"

namespace syncsmith {

struct RedundancyUnit {
  std::vector<size_t> stmts;  // preorder indices (forEachStmt order)
};

// ids: the evaluated ids each set/wait statement takes (over the explored
// param combinations); statements missing from it never ran.
std::vector<RedundancyUnit> redundancyUnits(const Kernel& k,
                                            const std::map<const Stmt*, std::set<int64_t>>& ids);

// A copy of `k` without the statements at the given preorder indices.
Kernel withoutStmts(const Kernel& k, const std::set<size_t>& preorder);

// REDUNDANT findings for a kernel already found correct under `opts`.
// `unknownUnits` counts units whose check came back unknown (not reported).
std::vector<Finding> findRedundant(const Kernel& k, const OracleOptions& opts,
                                   size_t* unknownUnits);

}  // namespace syncsmith
