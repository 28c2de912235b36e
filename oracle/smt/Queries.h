// One existential query per finding kind over an HbEncoding. A query is a
// list of sites (kind + source lines, the unit findings are deduplicated
// by); a site holds candidates (instruction instances and the condition
// under which they show the finding). The engine asks "is some candidate of
// some remaining site satisfiable", reads every satisfied site off the model,
// and asks again without them.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "model/Finding.h"
#include "oracle/smt/Encoder.h"

namespace syncsmith {

// What a finding's message needs from the model.
enum class Detail : uint8_t { None, TokenCounts, WaitRank };

struct Candidate {
  std::vector<uint32_t> instrs;  // guarded-trace indices, as reported
  smt::Term cond;
  std::string message;
  Detail detail = Detail::None;
  int32_t key = -1;  // TokenCounts / WaitRank
};

struct Site {
  FindingKind kind;
  std::vector<int> lines;
  std::vector<Candidate> candidates;
};

struct Query {
  FindingKind kind;
  const char* name;    // for reasons: "RACE", "DOUBLE_SET", ...
  bool needsSchedule;  // candidates must also have a valid schedule and no missing set
  std::vector<Site> sites;
};

struct QueryOptions {
  bool prune = true;  // drop pairs ordered on every path (HbEncoding::alwaysOrdered)
};

Query badEventIdQuery(const HbEncoding& enc);
Query danglingQuery(const HbEncoding& enc);
Query missingSetQuery(const HbEncoding& enc);  // DEADLOCK: a wait with no set of its rank
Query doubleSetQuery(const HbEncoding& enc, const QueryOptions& o);
Query raceQuery(const HbEncoding& enc, const QueryOptions& o);

}  // namespace syncsmith
