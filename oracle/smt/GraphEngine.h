// The fast path: for one param combination, enumerate the paths (one when the
// kernel has no `?` conditions; otherwise every outcome sequence, depth first,
// up to OracleOptions::maxPaths) and run model/PathCheck's exact check on each.
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "ir/Kernel.h"
#include "oracle/smt/Collector.h"
#include "oracle/smt/Oracle.h"

namespace syncsmith {

void graphCheckParams(const Kernel& k, const std::map<std::string, int64_t>& params,
                      const OracleOptions& opts, Collector& out);

}  // namespace syncsmith
