// What `syncsmith gen` was asked for, as one value: turned into GenOptions,
// written as the first comment line of a generated file, and read back by
// `syncsmith reduce` so that it can regenerate the kernel's choice stream
// and shrink it (stage 1).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "gen/Generator.h"

namespace syncsmith::gen {

struct GenRequest {
  uint64_t seed = 1;
  std::string policy = "default";
  SizeClass size = SizeClass::Default;
  std::optional<int> ops;    // overrides the size's op range
  std::optional<Core> core;  // nullopt: any
  std::optional<Arch> arch;  // nullopt: any

  // Throws std::invalid_argument for an unknown policy name.
  GenOptions options() const;
  std::string kernelName() const { return "gen_" + std::to_string(seed); }
  // "# syncsmith gen seed=5 policy=default size=default core=any arch=any"
  // (plus " ops=N" when set). No newline.
  std::string header() const;
};

// Finds a header line (as written by header()) among the comment lines of a
// .sk text; nullopt when there is none or it does not parse.
std::optional<GenRequest> findGenHeader(std::string_view text);

}  // namespace syncsmith::gen
