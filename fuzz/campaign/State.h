// The campaign's persistent state (DIR/state.json) and its summary
// (DIR/summary.json): what was checked, what was found, which reproducers
// exist. Written atomically after every new finding and periodically, so a
// kill loses no reported finding and `--resume` continues from it.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "campaign/Options.h"

namespace syncsmith::campaign {

// One deduplicated finding.
struct SignatureRecord {
  std::string signature;
  std::string kind;     // "RACE", "SIM_ONLY", "CRASH", ...
  std::string source;   // "oracle", "sim", "replay", "engine", "crash", "hang"
  std::string folder;   // DIR/<folder> once exported
  std::string status = "pending";  // pending | exported
  uint64_t firstIndex = 0;  // the first kernel that showed it
  uint64_t hits = 0;        // kernels that showed it
  std::string message;      // of the first occurrence
  std::vector<int> lines;   // in the first kernel's engine output
  bool reduced = false;     // exported reduced (else as found)
  int opsBefore = 0, opsAfter = 0;
  std::string description;  // one line, for the summary
  std::string note;         // why not reduced, when so
  double foundAfter = 0;    // campaign seconds (all sessions) at discovery
};

struct CampaignState {
  Identity id;
  uint64_t nextIndex = 0;   // kernels [0, nextIndex) are checked
  uint64_t findings = 0;    // kernel x signature occurrences
  std::map<std::string, uint64_t> byKind;  // occurrences per kind
  uint64_t baseline = 0;    // --inject-bug: findings the bug-free engine shows too (not counted)
  uint64_t unknowns = 0;
  std::map<std::string, uint64_t> unknownReasons;  // stableText(reason) -> count
  std::vector<SignatureRecord> signatures;  // in discovery (kernel index) order
  double elapsed = 0;        // seconds, all sessions
  double checkSeconds = 0;   // seconds spent checking (for kernels/s)
  int sessions = 0;

  SignatureRecord* find(const std::string& signature);
  size_t pending() const;
};

std::string stateToJson(const CampaignState& s);
// Throws std::runtime_error when the text is not a state file.
CampaignState stateFromJson(const std::string& text);

// summary.json: the counts and reproducers (what the seed and the number of
// kernels determine), plus "timing" (elapsed, kernels/s, seconds to each
// first finding) and "run" (jobs, out, sessions, interrupted, pending) kept
// apart.
struct RunInfo {
  int jobs = 1;
  std::string out;
  bool interrupted = false;
};
std::string summaryToJson(const CampaignState& s, const RunInfo& info, int indent = 2);

}  // namespace syncsmith::campaign
