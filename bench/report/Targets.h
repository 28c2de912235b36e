// Issue 8's targets, each met / not met / not measured with the measured
// value: read from Google Benchmark JSON (syncsmith_bench), the overhead
// report's JSON, and figures measured by scripts/bench.sh (campaign
// throughput, and the engine on a 10k-op kernel when no engine benchmark
// exists). `syncsmith bench targets` prints them and writes targets.md.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace syncsmith::bench {

struct TargetInputs {
  std::string benchJson;     // text of bench.json ("" when missing)
  std::string overheadJson;  // text of overhead.json ("" when missing)
  std::optional<double> campaignKernelsPerSecond;
  std::string campaignHow;   // how it was measured, e.g. "syncsmith fuzz --runs 200 --jobs 2"
  std::optional<double> engine10kSeconds;  // fallback measurement (CLI)
  std::string engine10kHow;
};

struct TargetLine {
  std::string target;    // "opt within 1.10x of ideal (median over the suite)"
  std::string measured;  // "1.32x", "0.41 s (BM_EngineSync/10000)", ...
  std::string status;    // "met", "not met", "not measured"
  std::string source;    // where the figure comes from
};

// Throws InputError for JSON that does not parse.
std::vector<TargetLine> evaluateTargets(const TargetInputs& in);
// "2 CPUs at 2600 MHz, load average 8.1 8.7 10.9 at the start, 2025-..."
// from bench.json's context ("" when absent).
std::string benchContext(const std::string& benchJson);
std::string targetsMarkdown(const std::vector<TargetLine>& lines);
std::string targetsText(const std::vector<TargetLine>& lines);

}  // namespace syncsmith::bench
