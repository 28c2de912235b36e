// A finding's reproducer: the first kernel that showed a signature is
// regenerated, reduced while the engine's output keeps that signature (the
// generator's choice stream first, then the kernel tree), re-analysed, and
// exported as one folder DIR/<kind>-<hash>/ (written under a temporary name,
// then renamed into place):
//
//   reduced.sk   the reduced kernel, without sync (the engine's input)
//   original.sk  the generated kernel that first showed the finding
//   synced.sk    the engine's output on reduced.sk, byte for byte what
//                `syncsmith sync reduced.sk [flags]` prints
//   oracle.json  the oracle's result on synced.sk, this finding first
//   sim.json     the simulator's result (SIM_ONLY and simulator findings)
//   trace.json   Chrome trace of the finding's witness replayed in the simulator
//   hb.dot       the happens-before edges involved (Graphviz)
//   finding.json signature, kind, lines, sizes, how it was reduced
//   README.md    what is wrong, the lines, and the commands to see it again
#pragma once

#include <cstdint>
#include <string>

#include "campaign/Options.h"
#include "campaign/State.h"

namespace syncsmith::campaign {

struct ExportResult {
  std::string folder;       // name inside DIR
  bool reduced = false;
  int opsBefore = 0, opsAfter = 0;
  size_t calls = 0;         // predicate calls
  std::string description;  // one line
  std::string note;         // why it was not reduced, when so
};

// `reduce` false: export the kernel as found (hangs, failed reductions,
// past --max-reduce), saying why in `note`.
ExportResult reduceAndExport(const CampaignOptions& o, const SignatureRecord& rec, bool reduce,
                             const std::string& note = "");

// Whether the engine's output on `k` still shows `rec`'s signature (the
// reducer's predicate; CRASH runs the analysis in a forked child).
bool stillShows(const Kernel& k, const CampaignOptions& o, const SignatureRecord& rec,
                const AnalysisConfig& cfg);

}  // namespace syncsmith::campaign
