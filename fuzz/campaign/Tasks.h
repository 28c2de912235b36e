// What the campaign asks its workers and what they answer: one JSON object
// per line. Tasks: check kernels [first, first+count); reduce and export one
// signature. Results: one "kernel" line per kernel checked, one "exported"
// line per reproducer, "signal"/"hang" from the crash reporter, "done" after
// each task.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "campaign/Analysis.h"
#include "campaign/Options.h"
#include "campaign/Reproducer.h"
#include "campaign/State.h"
#include "campaign/Worker.h"

namespace syncsmith::campaign {

struct KernelOutcome {
  uint64_t index = 0;
  int ops = 0;
  bool unknown = false;
  std::string reason;
  std::vector<Issue> issues;
  int baseline = 0;  // with --inject-bug: issues the bug-free engine shows too (dropped)
};

// Generates kernel `index` and analyses it (never throws: a failure is a
// CRASH issue). With an injected bug, issues whose signature the bug-free
// engine shows on the same kernel are dropped (counted as `baseline`): a
// mutation campaign counts only what the injected bug causes.
KernelOutcome checkOne(const CampaignOptions& o, const AnalysisConfig& cfg, uint64_t index);

std::string checkTask(uint64_t first, uint64_t count);
std::string exportTask(const SignatureRecord& rec, bool reduce, const std::string& note);

// The child side: runs tasks for the campaign `o`.
Worker::Serve makeServe(const CampaignOptions& o);

struct ResultLine {
  enum class Type { Kernel, Exported, Signal, Hang, Done, Bad } type = Type::Bad;
  KernelOutcome kernel;
  std::string signature;  // Exported
  ExportResult exported;
  std::string signal, stage;  // Signal, Hang
  std::string error;          // Exported with an error; Bad
};
ResultLine parseResult(const std::string& line);

}  // namespace syncsmith::campaign
