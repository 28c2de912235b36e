// What a campaign checks and how long it runs (`syncsmith fuzz`, docs/campaign.md).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "campaign/Analysis.h"
#include "gen/GenRequest.h"

namespace syncsmith::campaign {

// The options that decide the results: kept in DIR/state.json so that
// --resume continues the same campaign.
struct Identity {
  uint64_t seed = 1;          // kernel i uses generator seed seed + i
  std::string bug;            // injected engine bug ("" none)
  std::string mode = "opt";   // engine mode
  std::string genPolicy = "mix";  // a generator policy, or "mix": kernel i takes policy i % 4
  std::string size = "default";
  int schedules = 3;              // simulator runs per kernel
  std::string simPolicy = "mixed";  // mixed (fixed, random, adversarial in turn) or one policy
  std::string flagKey = "pair";
  std::string gmVisibility = "fenced";
  std::string oracle = "graph";  // oracle engine: graph (exact per path; default), smt, auto
  bool operator==(const Identity&) const = default;
};

struct CampaignOptions {
  Identity id;
  std::optional<double> seconds;   // stop checking new kernels after this long
  std::optional<uint64_t> runs;    // ... or when this many kernels (in total) are checked
  int jobs = 1;                    // worker processes
  std::string out = "fuzz-out";
  bool resume = false;
  bool stopOnFinding = false;      // stop checking new kernels at the first finding
  // Limits (not part of the identity: they change no result that is not unknown).
  uint64_t oracleMs = 10'000;       // oracle time limit per kernel
  size_t reduceCalls = 1500;        // predicate calls per reduction
  size_t maxReduce = 25;            // signatures reduced; later ones are exported as found
  double kernelTimeout = 120;       // a kernel with no result after this long is a HANG
  double reduceTimeout = 600;       // a reduction taking longer is exported unreduced
  // Status output (stderr). statusEvery: seconds between plain lines when
  // stderr is not a terminal.
  bool quiet = false;
  double statusEvery = 10;
};

// Throws InputError("<arguments>") for unknown names and bad values.
void validate(const CampaignOptions& o);

// The generator request of kernel `index` (seed, policy, size).
gen::GenRequest requestFor(const Identity& id, uint64_t index);
// The analysis configuration (engine, oracle, simulator options).
AnalysisConfig analysisConfig(const CampaignOptions& o);
// The simulator seed of kernel `index`.
inline uint64_t simSeedFor(const Identity& id, uint64_t index) { return id.seed + index; }

// "sync" command line flags for READMEs: " --inject-bug X", " --mode naive", ...
std::string syncFlags(const Identity& id);
// "check"/"sim" flags for the model options ("" by default).
std::string modelFlags(const Identity& id);

}  // namespace syncsmith::campaign
