// The data-flow graph of a kernel as the engine sees it: every pair of ops
// (earlier instance a, later instance b) that may touch overlapping bytes
// of one space with at least one write, by kind (RAW/WAR/WAW), space and
// loop distance. Built from the engine's own footprints and conflict
// oracle (Conflict.h), so it is exactly what the engine synchronizes:
// conservative (a pair the enumeration budget cannot decide is listed),
// and by address, never by buffer name. Used by `syncsmith dataset`.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ir/Kernel.h"

namespace syncsmith {

enum class DepKind : uint8_t { Raw, War, Waw };
std::string_view depKindName(DepKind k);  // "RAW", "WAR", "WAW"

struct DataHazard {
  DepKind kind = DepKind::Raw;
  // Ops as indices in program order (the order of forEachStmt over ops) and
  // their source lines. The producer is the earlier instance (for WAR, the
  // earlier reader).
  int producer = 0, consumer = 0;
  int producerLine = 0, consumerLine = 0;
  Pipe producerPipe = Pipe::S, consumerPipe = Pipe::S;
  Space space = Space::UB;
  std::vector<std::string> buffers;  // the buffers involved, sorted, unique
  // Carried hazards: the loop around whose back edge the pair lies (its
  // line and nesting depth, 1 = outermost); 0 for a same-iteration hazard.
  int loopLine = 0, loopDepth = 0;
  // Carried hazards: the exact iteration distances 1..window that conflict,
  // and whether some distance beyond the window does.
  std::vector<int64_t> distances;
  int64_t window = 0;
  bool beyond = false;
  // "0" same iteration; "d" exactly one distance; ">=d" every distance from
  // d on; "r mod k" exactly the distances = r (mod k); "carried" otherwise.
  std::string distance = "0";
  bool commit = false;     // another pipe needs the producer's GM write committed
  bool hwOrdered = false;  // ordered without sync (one non-pipelined pipe, or an S producer)
};

struct HazardOptions {
  ModelOptions model;
  int64_t enumerationBudget = 20000;  // as EngineOptions
  int window = 8;                     // exact distances examined per loop
};

// Every hazard of `k` (its sync statements, if any, are ignored), sorted by
// (consumer, producer, loop depth, kind, space).
std::vector<DataHazard> listHazards(const Kernel& k, const HazardOptions& opts = {});

// The distance class of a carried hazard (see DataHazard::distance).
std::string distanceClass(const std::vector<int64_t>& distances, bool beyond, int64_t window,
                          int64_t maxDistance);

}  // namespace syncsmith
