// The fuzzing campaign (`syncsmith fuzz`, docs/campaign.md): kernels from the
// generator (kernel i from seed S+i), each synchronized by the engine and
// checked by the oracle and the simulator in worker processes; findings
// deduplicated by signature, committed in kernel order (so the results do
// not depend on --jobs), reduced and exported as reproducer folders; state
// and summary written atomically to DIR.
#pragma once

#include <ostream>
#include <string>

#include "campaign/Options.h"
#include "campaign/State.h"

namespace syncsmith::campaign {

struct CampaignResult {
  CampaignState state;
  bool interrupted = false;  // stopped by SIGINT/SIGTERM (or requestStop)
  std::string summaryJson;
  std::string summaryTable;
};

// Runs the campaign; the status line goes to `status` (updated in place when
// `tty`). Throws InputError for bad options or an unusable DIR.
CampaignResult runCampaign(const CampaignOptions& o, std::ostream& status, bool tty);

// DIR/state.json of an earlier campaign; throws InputError when there is none
// or it is unreadable.
CampaignState loadState(const std::string& dir);

// Asks a running campaign to stop, as SIGINT does (async-signal-safe).
void requestStop();

}  // namespace syncsmith::campaign
