#include "gen/GenPolicy.h"

#include <algorithm>

namespace syncsmith::gen {

std::optional<SizeClass> parseSizeClass(std::string_view s) {
  if (s == "small") return SizeClass::Small;
  if (s == "default") return SizeClass::Default;
  if (s == "large") return SizeClass::Large;
  return std::nullopt;
}

std::string_view sizeClassName(SizeClass s) {
  switch (s) {
    case SizeClass::Small: return "small";
    case SizeClass::Default: return "default";
    case SizeClass::Large: return "large";
  }
  return "default";
}

const std::vector<std::string>& policyNames() {
  static const std::vector<std::string> names = {"default", "many-pairs",
                                                 "asymmetric-branches", "back-edges"};
  return names;
}

std::optional<GenPolicy> namedPolicy(std::string_view name) {
  GenPolicy p;
  p.name = std::string(name);
  if (name == "default") return p;
  if (name == "many-pairs") {
    // More than 8 pairs live at once on one pipe pair: the event-id budget
    // runs out and the engine must degrade, correctly.
    p.force(Feature::Fanout);
    p.anchor = Feature::Fanout;
    p.weights.fanout = 40;
    p.fanoutMin = 9;
    p.fanoutMax = 16;
    p.minOps = std::max(p.minOps, 24);
    p.maxOps = std::max(p.maxOps, 48);
    return p;
  }
  if (name == "asymmetric-branches") {
    // Arms that use different pipes, empty arms, code after the if that
    // conflicts with both: every path must stay balanced.
    p.force(Feature::Branches);
    p.force(Feature::Else);
    p.force(Feature::Asymmetric);
    p.anchor = Feature::Asymmetric;
    p.force(Feature::Params);  // conditions need a name to test, even outside loops
    p.weights.asymmetric = 35;
    p.weights.branch = 16;
    p.pElse = 800;
    p.pEmptyArm = 250;
    return p;
  }
  if (name == "back-edges") {
    // Loop-carried hazards at distances 1, 2 and 3 through slotted buffers
    // and accumulators; loops that run 0, 1 or many times.
    p.force(Feature::Loops);
    p.force(Feature::Carried);
    p.anchor = Feature::Carried;
    p.force(Feature::Slots);
    p.weights.carried = 35;
    p.weights.loop = 18;
    p.maxTrip = std::max(p.maxTrip, 7);
    return p;
  }
  return std::nullopt;
}

void applySize(GenPolicy& p, SizeClass s) {
  switch (s) {
    case SizeClass::Small:
      p.minOps = p.isForced(Feature::Fanout) ? 2 * p.fanoutMin : 3;
      p.maxOps = std::max(10, p.fanoutMin * 2 + 2);
      p.maxDepth = 2;
      p.maxLocalBuffers = 5;
      p.maxGmBuffers = 3;
      p.maxParams = 1;
      return;
    case SizeClass::Default:
      return;
    case SizeClass::Large:
      p.minOps = std::max(p.minOps, 40);
      p.maxOps = std::max(p.maxOps, 120);
      p.maxDepth = 4;
      p.maxLocalBuffers = 14;
      p.maxGmBuffers = 6;
      p.maxParams = 3;
      return;
  }
}

void applyOps(GenPolicy& p, int n) {
  p.minOps = p.maxOps = std::max(1, n);
}

}  // namespace syncsmith::gen
