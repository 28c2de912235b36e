// Writing one reproducer folder (campaign/Reproducer.h lists its files).
#pragma once

#include <optional>
#include <string>

#include "campaign/Analysis.h"
#include "campaign/Options.h"
#include "campaign/Reproducer.h"
#include "campaign/State.h"
#include "gen/GenRequest.h"

namespace syncsmith::campaign {

struct ExportInput {
  const CampaignOptions* options = nullptr;
  const SignatureRecord* record = nullptr;
  gen::GenRequest request;  // the original kernel's generator run
  Kernel original;
  Kernel reduced;           // == original when not reduced
  bool wasReduced = false;
  int opsBefore = 0, opsAfter = 0;
  size_t calls = 0;
  std::string note;
  std::optional<Analysis> analysis;  // of `reduced` (absent for crashes and hangs)
};

// Writes DIR/<folder> atomically; throws std::runtime_error on I/O errors.
ExportResult exportReproducer(const ExportInput& in);

// README.md of a reproducer.
struct ReadmeFacts {
  std::string kind, signature, description, message, folder;
  std::string syncFlags, modelFlags;
  std::vector<std::pair<int, std::string>> lines;  // each instance: its line in synced.sk, the text
  std::string witnessFile;  // "oracle.json" or "sim.json" ("" when none)
  std::string witnessPath;  // params and conds, in words
  std::string simRun;       // the campaign's own simulator run, for simulator findings
  bool hasTrace = false, hasDot = false;
  uint64_t kernelIndex = 0;
  std::string genHeader;
  int opsBefore = 0, opsAfter = 0;
  bool reduced = false;
  size_t calls = 0;
  std::string note;
  std::string oracleVerdict;
};
std::string readmeText(const ReadmeFacts& f);

}  // namespace syncsmith::campaign
