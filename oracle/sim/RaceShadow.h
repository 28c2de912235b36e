// Race detection with the vector clocks: shadow memory per space keeps, per
// byte segment, the latest access of each (statement, read/write) site, and
// every op's accesses are checked against them in program order.
//
// Keeping only the latest instance of a site is exact for the set of racing
// (line, line) pairs: for two instances i1 < i2 of one statement (one pipe),
// "i2 is ordered before j" implies "i1 is" (the clocks are maxima of program
// indices), so if any instance races with j, the latest one does.
#pragma once

#include <vector>

#include "HbClocks.h"
#include "model/Trace.h"

namespace syncsmith::sim {

struct RacePair {
  uint32_t a, b;  // a before b in program order
};

// The first racing instance pair (in program order of b) per (line a, line b).
std::vector<RacePair> findRaces(const Trace& t, const ClockResult& clocks,
                                const ModelOptions& model);

// checkPath's wording: "read-after-write on MTE2->V is not ordered".
std::string raceMessage(const Trace& t, uint32_t a, uint32_t b);
// Whether the race is judged at a's commit (a GM write seen by another pipe).
bool raceUsesCommit(const Trace& t, uint32_t a, uint32_t b);

}  // namespace syncsmith::sim
