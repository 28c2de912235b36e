// Swarm testing (Groce et al., ISSTA 2012): every generated kernel first
// draws a feature mask, and the generator uses only the features (and pipes)
// the mask allows, so features do not crowd each other out. The mask is
// recorded with the kernel (`gen --features`, the dataset).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "ir/Machine.h"

namespace syncsmith::gen {

enum class Feature : uint8_t {
  Loops,         // for loops
  Nested,        // loops inside loops
  Params,        // symbolic trip counts and conditions through `param`
  ZeroTrip,      // loops that may run 0 times
  Step,          // `step 2` loops
  Triangular,    // inner bound on an outer loop variable
  Branches,      // if on loop variables / params
  Else,          // else arms
  RuntimeConds,  // if ?NAME
  Slots,         // slotted (ping-pong) buffers indexed by loop variables
  GmRoundTrip,   // GM store then load of the same bytes
  Alias,         // local buffers placed over others with @ADDR
  VvChain,       // V -> V dependence chains
  MmadAccum,     // accumulating mmad chains (mmad c <- a, b, c)
  Fanout,        // many independent producer/consumer pairs on one pipe pair
  Asymmetric,    // if/else arms on different pipes
  Carried,       // loop-carried hazards at distances 1..3
  Exec,          // exec PIPE ops
  Scalar,        // scalar_load / scalar_store
};
inline constexpr int kNumFeatures = 19;

std::string_view featureName(Feature f);  // "loops", "zero-trip", ...
std::optional<Feature> parseFeature(std::string_view s);

using PipeMask = uint8_t;  // bit per Pipe
constexpr PipeMask pipeBit(Pipe p) { return PipeMask(1u << unsigned(p)); }

struct FeatureSet {
  uint32_t bits = 0;
  PipeMask pipes = 0;  // pipes whose ops the kernel may use
  Core core = Core::Vec;
  Arch arch = Arch::A2A3;

  bool has(Feature f) const { return bits & (1u << unsigned(f)); }
  bool hasPipe(Pipe p) const { return pipes & pipeBit(p); }
  void set(Feature f, bool on = true) {
    if (on)
      bits |= 1u << unsigned(f);
    else
      bits &= ~(1u << unsigned(f));
  }
  // "loops,nested,slots pipes=MTE2,V,MTE3 core=vec arch=a2a3"
  std::string str() const;
  bool operator==(const FeatureSet&) const = default;
};

// Parses str()'s form back; nullopt when malformed.
std::optional<FeatureSet> parseFeatureSet(std::string_view s);

}  // namespace syncsmith::gen
