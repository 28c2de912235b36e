// What the campaign shows a person: a live status line on stderr (updated in
// place on a terminal, a plain line every few seconds otherwise) and the
// final summary table.
#pragma once

#include <chrono>
#include <ostream>
#include <string>

#include "campaign/State.h"

namespace syncsmith::campaign {

struct Progress {
  double elapsed = 0;  // this session, seconds
  double rate = 0;     // kernels/s, this session
  size_t reducing = 0; // reproducers being reduced / exported
  size_t queued = 0;   // ... waiting
  bool checking = true;
};

// "0:42  1234 kernels  29.4/s  findings: RACE 3, DANGLING 1  unique 2  unknown 5  reducing 1"
std::string statusText(const CampaignState& s, const Progress& p);

class StatusLine {
 public:
  StatusLine(std::ostream& out, bool tty, double every, bool quiet)
      : out_(out), tty_(tty), every_(every), quiet_(quiet) {}
  void update(const CampaignState& s, const Progress& p, bool force = false);
  void message(const std::string& line);  // a line of its own (e.g. a new finding)
  void finish();

 private:
  std::ostream& out_;
  bool tty_;
  double every_;
  bool quiet_;
  bool shown_ = false;
  std::chrono::steady_clock::time_point last_{};
};

std::string summaryTable(const CampaignState& s, const RunInfo& info);

}  // namespace syncsmith::campaign
