// The reducer: shrinks a kernel while an "interesting" predicate (e.g.
// "checkPath still finds a RACE", or later "the engine's output still has
// finding KIND") keeps holding. Two stages:
//  1. for generated kernels, shrink the generator's choice stream
//     (Hypothesis-style: delete and zero chunks, lower values; regenerate;
//     keep when interesting and shortlex-smaller);
//  2. hierarchical delta debugging on the kernel tree, level by level, with
//     C-Reduce-style replacement passes until a fixpoint: drop statements,
//     unroll a loop to one trip, replace an if by an arm, drop/merge buffers,
//     params and slots, shrink and drop refs.
// Every candidate is re-validated (parseKernel(printKernel(c))); invalid ones
// are discarded without calling the predicate. Deterministic.
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "gen/Generator.h"
#include "ir/Kernel.h"

namespace syncsmith::reduce {

// Called with a validated kernel (parsed from its printed text, so source
// lines match that text). Must be deterministic.
using Interesting = std::function<bool(const Kernel&)>;

struct ReduceOptions {
  size_t maxCalls = 20000;       // predicate calls, both stages
  size_t maxChoiceCalls = 3000;  // of which stage 1 may use
  int maxRounds = 100;           // stage 2 fixpoint rounds
};

struct ReduceStats {
  int opsBefore = 0, opsAfter = 0;
  int stmtsBefore = 0, stmtsAfter = 0;
  size_t calls = 0;        // predicate calls
  size_t choiceCalls = 0;  // ... in stage 1
  size_t candidates = 0;   // candidates built
  size_t invalid = 0;      // discarded: did not validate
  size_t cacheHits = 0;    // already-tested kernels
  size_t accepted = 0;
  int rounds = 0;
  bool budgetExhausted = false;
};

struct ReduceResult {
  Kernel kernel;                  // the reduced kernel (validated)
  ReduceStats stats;
  bool inputInteresting = false;  // false: nothing was reduced
  std::vector<uint64_t> choices;  // reduceGenerated: the shrunk choice stream
};

// Stage 2 only.
ReduceResult reduceKernel(const Kernel& k, const Interesting& pred, const ReduceOptions& opts = {});

// Stage 1 then stage 2, for the kernel that `choices` generate under `gen`.
ReduceResult reduceGenerated(const gen::GenOptions& gen, const std::vector<uint64_t>& choices,
                             const Interesting& pred, const ReduceOptions& opts = {});

}  // namespace syncsmith::reduce
