// The random kernel generator (`syncsmith gen`): kernels WITHOUT sync that
// are valid by construction (every range inside its buffer for every param
// value and iteration, capacities respected, no zero divisors, enumeration
// cheap enough for the validator), for vec and cube cores. Randomness comes
// only from a ChoiceStream, so the same seed, byte string or recorded choice
// vector always gives the same kernel.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "gen/ChoiceStream.h"
#include "gen/Features.h"
#include "gen/GenPolicy.h"
#include "ir/Kernel.h"

namespace syncsmith::gen {

struct GenOptions {
  GenPolicy policy;
  std::optional<Core> core;  // nullopt: drawn (policy.cubePermille)
  std::optional<Arch> arch;  // nullopt: drawn (policy.a5Permille)
  std::string name = "gen";  // kernel name
};

struct Generated {
  Kernel kernel;                  // laid out (Buffer::base set), locations 0
  FeatureSet features;            // the swarm mask this kernel drew
  std::vector<uint64_t> choices;  // every choice made, for replay/shrinking
};

// Generates one kernel from `cs` (whatever its source).
Generated generate(ChoiceStream& cs, const GenOptions& opts);
// From a seeded PRNG stream.
Generated generateSeeded(uint64_t seed, const GenOptions& opts);
// From recorded choices (the reducer's replays).
Generated generateReplay(const std::vector<uint64_t>& choices, const GenOptions& opts);

}  // namespace syncsmith::gen
