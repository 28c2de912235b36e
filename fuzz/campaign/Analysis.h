// One kernel through the whole pipeline: the sync engine, then the oracle
// and the simulator on the engine's output, then the comparisons. Every
// finding is an Issue with a signature (campaign/Signature.h):
//
//  - RACE, DEADLOCK, DOUBLE_SET, DANGLING, BAD_EVENT_ID: a finding of the
//    oracle on the engine's output (or of the simulator, when the oracle
//    could not decide);
//  - SIM_ONLY: the simulator found what the oracle, having searched
//    everything, says cannot happen (oracle/simulator disagreement);
//  - NO_REPLAY: the oracle's witness does not show its finding when the
//    simulator replays it (disagreement the other way);
//  - BAD_OUTPUT: the engine's output does not parse, or its ops differ from
//    the input's (the engine may only add sync);
//  - CRASH: an exception escaped a stage (signals and hangs are caught by
//    the worker processes, campaign/Workers.h).
//
// An oracle `unknown` (a bound or time limit) is not an issue: it is
// counted. Deterministic for a given kernel and configuration.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/Finding.h"
#include "oracle/sim/Simulator.h"
#include "oracle/smt/Oracle.h"
#include "sync/Engine.h"

namespace syncsmith::campaign {

struct Issue {
  std::string kind;       // "RACE", "SIM_ONLY", "CRASH", ...
  std::string signature;  // kind + shapes (Signature.h)
  std::string message;    // one sentence
  std::vector<int> lines;  // in the engine's printed output
  std::string source;     // "oracle", "sim", "replay", "engine", "crash"
  int finding = -1;       // index in the oracle's ("oracle", "replay") or the
                          // simulator's ("sim") findings
};

// Which stages run (the reducer's predicates switch off what they do not need).
struct Stages {
  bool oracle = true;
  bool sim = true;
  bool replay = true;  // replay the oracle's witnesses in the simulator
};

struct AnalysisConfig {
  EngineOptions engine;
  OracleOptions oracle;
  int schedules = 3;                // simulator runs per kernel
  std::optional<SimPolicy> policy;  // nullopt: fixed, then random / adversarial
  Stages stages;
};

struct Analysis {
  std::vector<Issue> issues;  // one per signature, in discovery order
  bool unknown = false;       // the oracle could not decide
  std::string unknownReason;
  int ops = 0;                // of the input kernel
  // For export: the engine's output as printed and as parsed from that text
  // (so lines match the text), the oracle's and the simulator's results.
  std::string syncedText;
  std::optional<Kernel> synced;
  std::optional<CheckResult> oracle;
  std::optional<SimResult> sim;
  std::string crashStage;  // when a stage threw: which
};

// The stage the analysis is in, for crash reports from signal handlers:
// "sync", "parse", "oracle", "sim", "replay" or "" (readable asynchronously).
const char* currentStage();

Analysis analyzeKernel(const Kernel& input, const AnalysisConfig& cfg, uint64_t simSeed);

// The finding of `a` an issue came from (oracle, simulator or replayed
// witness), for export; nullptr for CRASH / BAD_OUTPUT.
const Finding* findingOf(const Analysis& a, const Issue& issue);

// Whether `a` has an issue with this signature.
bool hasSignature(const Analysis& a, const std::string& signature);

// Digits replaced by '#', cut at 160 characters: crash messages as
// signatures (stable across kernels).
std::string stableText(const std::string& s);

}  // namespace syncsmith::campaign
