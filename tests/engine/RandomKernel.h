// A small deterministic random kernel builder for the engine tests (the real
// generator lives in fuzz/): vec or cube kernels with aliasing buffers,
// 2- and 3-slot buffers, GM round trips, scalar ops, nested loops with
// symbolic and zero trip counts, ifs on ?conditions and on integers.
#pragma once

#include <cstdint>
#include <string>

namespace syncsmith::test {

std::string randomKernelText(uint64_t seed);

// An outer loop around an inner loop over the slots of one or two buffers
// (matmul's L1 -> L0 reloads, vector tiles per row): hazards carried by the
// outer loop through slots the inner one chooses, the inner lanes' case.
std::string randomNestText(uint64_t seed);

}  // namespace syncsmith::test
