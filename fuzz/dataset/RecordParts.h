// The parts of one dataset record, each built by its own file and glued
// together by Record.cpp. Internal to fuzz/dataset.
#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

#include "dataset/Dataset.h"
#include "ir/Kernel.h"

namespace syncsmith::dataset {

using Json = nlohmann::ordered_json;

// Static figures of a kernel (KernelFacts.cpp).
Json staticStatsJson(const Kernel& k, const std::string& text);
// Every hazard of the engine's data-flow view; `k` carries source lines.
Json hazardsJson(const Kernel& k);

// The simulated path every mode runs (params at their maximum, ?conditions
// drawn once from the seed) and the ideal lower bound (ModeRuns.cpp).
struct SimPath {
  std::map<std::string, int64_t> params;
  std::map<std::string, std::vector<bool>> conds;
  int64_t idealCycles = 0;
  int64_t instructions = 0;  // ops on the path
  std::string error;         // the simulator failed (never expected)
};
SimPath idealPath(const Kernel& k, uint64_t seed);
Json simPathJson(const SimPath& p);

// One entry per engine mode and sampled injected bug (ModeRuns.cpp).
Json modesJson(const Kernel& k, const KernelRef& ref, const RecordOptions& o, const SimPath& path);

}  // namespace syncsmith::dataset
