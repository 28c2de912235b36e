// The ideal mode's true dependencies: for an unsynchronized path, an edge
// end(i) -> start(j) (commit(i) when i's GM write is read or overwritten by
// another pipe) for every conflicting pair i before j, reduced to the last
// writer and the readers since it per byte segment (the rest follow by
// transitivity, because the ideal mode commits GM writes at their end).
#pragma once

#include <vector>

#include "model/HbGraph.h"
#include "model/Trace.h"

namespace syncsmith::sim {

std::vector<HbEdge> idealDependencies(const Trace& t, const HbGraph& g);

}  // namespace syncsmith::sim
