// Generation policies as data (YARPGen style): every weight and knob of the
// generator in one struct, and named policies that aim the generator at the
// engine's hard paths. Probabilities are per mille, weights are relative.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gen/Features.h"

namespace syncsmith::gen {

// Relative weights of the statement kinds the generator emits.
struct StmtWeights {
  uint32_t op = 30;          // one random op
  uint32_t chain = 22;       // a dataflow chain along the core's pipes
  uint32_t loop = 14;        // a for loop (Loops)
  uint32_t branch = 8;       // an if (Branches)
  uint32_t roundTrip = 5;    // GM store -> load (GmRoundTrip)
  uint32_t vvChain = 5;      // V -> V chain (VvChain, vec)
  uint32_t mmadAccum = 5;    // l1 -> l0a/l0b -> accumulating mmads -> FIX (MmadAccum, cube)
  uint32_t fanout = 3;       // N producers then N consumers on one pipe pair (Fanout)
  uint32_t asymmetric = 4;   // if/else with arms on different pipes (Asymmetric)
  uint32_t carried = 5;      // loop with hazards at distance 1..3 (Carried)
  uint32_t exec = 3;         // exec PIPE (Exec)
  uint32_t scalar = 3;       // scalar_load / scalar_store (Scalar)
};

struct GenPolicy {
  std::string name = "default";

  // Size.
  int minOps = 8, maxOps = 30;  // static op count target, drawn in [min, max]
  int maxDepth = 3;             // loop nesting
  int maxLocalBuffers = 8;
  int maxGmBuffers = 4;
  int maxParams = 2;
  int maxParamWidth = 5;  // values per param (hi - lo + 1)
  int maxTrip = 6;        // constant trip counts and param upper bounds
  int maxRuntimeCondExecs = 8;  // `if ?NAME` executions per path (2^8 outcome paths)

  // Swarm: each optional feature / pipe is on with this probability.
  int featureOn = 500;
  int pipeOn = 750;
  uint32_t forced = 0;     // features always on (bit per Feature)
  uint32_t forbidden = 0;  // features always off

  // Core and arch when not fixed by the caller.
  int cubePermille = 400;
  int a5Permille = 150;

  StmtWeights weights;

  // Knobs (per mille).
  int pElse = 500;           // an if gets an else arm (Else)
  int pEmptyArm = 100;       // an arm is left empty
  int pRuntimeCond = 350;    // an if tests ?NAME (RuntimeConds)
  int pZeroTripParam = 400;  // a new param's range starts at 0 (ZeroTrip)
  int pSymbolicTrip = 500;   // a loop bound uses a param (Params)
  int pStep = 150;           // a loop gets `step 2` (Step)
  int pTriangular = 200;     // an inner bound on an outer variable (Triangular)
  int pSlotted = 550;        // a new local buffer is slotted (Slots)
  int pAlias = 300;          // a new local buffer aliases others (Alias)
  int pReuseBuffer = 550;    // an op reuses an existing buffer
  int pWholeRef = 250;       // a ref names a whole buffer / slot
  int pIndexedRef = 500;     // a range indexed by loop variables / params

  // Fanout pairs and carried distances.
  int fanoutMin = 3, fanoutMax = 6;
  int carriedMaxDistance = 3;

  // A motif every kernel gets once, at a drawn top-level position, when its
  // feature is on: Fanout, Asymmetric or Carried.
  std::optional<Feature> anchor;

  bool isForced(Feature f) const { return forced & (1u << unsigned(f)); }
  bool isForbidden(Feature f) const { return forbidden & (1u << unsigned(f)); }
  void force(Feature f) { forced |= 1u << unsigned(f); }
};

enum class SizeClass : uint8_t { Small, Default, Large };
std::optional<SizeClass> parseSizeClass(std::string_view s);
std::string_view sizeClassName(SizeClass s);

// Named policies: "default", "many-pairs", "asymmetric-branches", "back-edges".
std::optional<GenPolicy> namedPolicy(std::string_view name);
const std::vector<std::string>& policyNames();

// Applies a size class (ops, depth, buffers) on top of a policy.
void applySize(GenPolicy& p, SizeClass s);
// Fixes the op count to n (n >= 1).
void applyOps(GenPolicy& p, int n);

}  // namespace syncsmith::gen
