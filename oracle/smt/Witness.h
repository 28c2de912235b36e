// Witness extraction: from a Z3 model of an HbEncoding to a concrete path
// (param values, `?` outcomes per name in execution order), the trace that
// model/Trace.h buildTrace produces for it, the index of every active
// instance in that trace, and a schedule with explicit times.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "model/Finding.h"
#include "model/Trace.h"
#include "oracle/smt/Encoder.h"

namespace syncsmith {

struct ModelPath {
  std::map<std::string, std::vector<bool>> conds;
  Trace trace;                      // buildTrace(kernel, params, fixedConds(conds))
  std::vector<int32_t> traceIndex;  // per guarded instruction: index in trace, -1 inactive
};

// The path the model takes. nullopt when buildTrace disagrees with the
// encoding's active instances (an internal error, reported as unknown).
std::optional<ModelPath> extractPath(const HbEncoding& enc, const smt::Model& m,
                                     const std::map<std::string, int64_t>& params);

// The model's times of every instruction of the path (shifted to start at 0).
std::vector<ScheduleEvent> modelSchedule(const HbEncoding& enc, const smt::Model& m,
                                         const ModelPath& p);

// The earliest valid schedule of a path (empty when the path deadlocks: a
// cycle, or a wait with no set to take), for findings that need no
// particular order.
std::vector<ScheduleEvent> pathSchedule(const Trace& t, const ModelOptions& opts);

}  // namespace syncsmith
