// A small deterministic random kernel builder for the engine tests (the real
// generator lives in fuzz/): vec or cube kernels with aliasing buffers,
// 2- and 3-slot buffers, GM round trips, scalar ops, nested loops with
// symbolic and zero trip counts, ifs on ?conditions and on integers.
#pragma once

#include <cstdint>
#include <string>

namespace syncsmith::test {

std::string randomKernelText(uint64_t seed);

}  // namespace syncsmith::test
