// One simulated run: a path (params, condition outcomes), a schedule (a
// policy and seed, or explicit times), and everything found in it.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "Simulator.h"

namespace syncsmith::sim {

struct RunSpec {
  std::shared_ptr<const Kernel> kernel;
  SimPolicy policy = SimPolicy::Fixed;
  uint64_t seed = 0;
  std::string policyLabel;  // the witness's policy field ("" for explicit schedules)
  std::map<std::string, int64_t> params;  // every param
  std::map<std::string, std::vector<bool>> conds;  // given outcomes; the rest drawn
  ModelOptions model;
  bool ideal = false;
  bool syncBound = false;  // with ideal
  unsigned syncBoundEffort = 10'000'000;
  unsigned syncBoundProbes = 64;
  bool dataCheck = true;
  size_t maxInstrs = 1'000'000;
  size_t maxWitnessEvents = 20'000;
  const std::vector<ScheduleEvent>* schedule = nullptr;  // explicit times (replay)
  std::string file = "<witness>";  // names the schedule in errors
};

// Throws InputError when an explicit schedule does not fit the path or
// violates the happens-before graph.
std::shared_ptr<RunDetail> runOnce(const RunSpec& spec);

}  // namespace syncsmith::sim
