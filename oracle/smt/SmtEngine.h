// The Z3 path: for one param combination, encode every `?` outcome at once
// (HbEncoding) and run one existential query per finding kind, each
// satisfied query giving a finding with a witness read off the model.
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "ir/Kernel.h"
#include "oracle/smt/Collector.h"
#include "oracle/smt/Oracle.h"

namespace syncsmith {

void smtCheckParams(const Kernel& k, const std::map<std::string, int64_t>& params,
                    const OracleOptions& opts, Collector& out);

}  // namespace syncsmith
