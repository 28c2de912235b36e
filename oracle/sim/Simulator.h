// The reference simulator: runs a synchronized kernel the way the machine of
// shared/spec/MACHINE.md would, on concrete schedules, and reports what went
// wrong in a run a person can look at (docs/simulator.md).
//
// One model of the machine: the instruction sequence comes from
// model/Trace.h, the ordering rules from model/HbGraph.h. A schedule is a
// solution of the happens-before graph with real latencies; races are found
// with vector clocks carried along that graph (timing-independent), token
// findings from the token counts, and data damage from a value-level run
// compared with a sequential program-order run.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ir/Kernel.h"
#include "model/Finding.h"
#include "model/HbGraph.h"
#include "model/Trace.h"

namespace syncsmith {

// How a run chooses latencies and delays (docs/simulator.md "Policies").
enum class SimPolicy : uint8_t { Fixed, Random, Adversarial };
std::string_view simPolicyName(SimPolicy p);
std::optional<SimPolicy> parseSimPolicy(std::string_view s);

struct SimOptions {
  ModelOptions model;
  // nullopt: run 0 is `fixed`, later runs alternate `random` / `adversarial`.
  std::optional<SimPolicy> policy;
  uint64_t seed = 0;  // runs use seeds seed .. seed+runs-1
  int runs = 1;
  // Given param values; the others are drawn per run from the run's seed.
  std::map<std::string, int64_t> params;
  // Given outcomes of `if ?NAME`, per name in execution order; executions
  // past the list are drawn from the run's seed.
  std::map<std::string, std::vector<bool>> conds;
  // Run the kernel with its sync stripped and its true dependencies enforced
  // directly (no sync cost, unlimited ids): the lower bound for overheads.
  bool ideal = false;
  // With `ideal`: the sync-aware bound instead (oracle/sim/SyncBound.h): the
  // least makespan any correctly synchronized version of the path can have,
  // searched with Z3 (syncBoundEffort: resource units per solver call).
  bool syncBound = false;
  unsigned syncBoundEffort = 10'000'000;
  unsigned syncBoundProbes = 64;  // binary-search steps
  // Compare data values with a sequential run (off only for benchmarks).
  bool dataCheck = true;
  size_t maxInstrs = 1'000'000;  // a longer path makes the verdict unknown
  // Findings' witnesses carry explicit schedules up to this many events.
  size_t maxWitnessEvents = 20'000;
};

// Figures of one pipe in one run (cycles; docs/simulator.md "Figures").
struct PipeStats {
  int64_t instructions = 0;  // executed on the pipe
  int64_t syncs = 0;         // of which sync instructions
  int64_t busy = 0;          // cycles with at least one instruction in flight
  int64_t stall = 0;         // cycles instructions sat at the queue head, or in a wait
};

struct RunSummary {
  Witness witness;  // params, conds, model, policy, seed (no schedule)
  int64_t cycles = 0;
  size_t instructions = 0;
  size_t findings = 0;
  bool deadlocked = false;
  bool truncated = false;
  // Sync-aware bound runs: `cycles` is the proven bound; the best relaxed
  // schedule found, and why the two differ ("" when equal).
  int64_t boundBest = -1;
  std::string boundNote;
};

// Everything about one run, for traces and tests.
struct RunDetail {
  std::shared_ptr<const Kernel> kernel;  // what the trace points into
  Trace trace;
  TokenMatch tokens;
  std::vector<int64_t> times;  // per HbGraph node (3 per instruction)
  std::vector<uint8_t> live;   // per node: 1 when it happened (all 1 unless deadlocked)
  std::vector<bool> commitNode;  // per instruction: has a commit node of its own
  std::vector<Finding> findings;
  RunSummary summary;
  std::array<PipeStats, kNumPipes> pipes{};
  int64_t syncs = 0;
  int64_t hangTime = -1;  // when deadlocked: the last time anything happened
  // The schedule as witness events (executed instructions only).
  std::vector<ScheduleEvent> schedule() const;
};

struct SimResult {
  CheckResult check;  // findings merged over runs (deduplicated by kind and lines)
  std::vector<RunSummary> runs;
  // Figures of the first run (the `fixed` one when no policy was given).
  int64_t cycles = 0;
  std::array<PipeStats, kNumPipes> pipes{};
  int64_t syncs = 0;
  int64_t instructions = 0;
  bool ideal = false;
  bool syncBound = false;
  // Full detail of the first run with a finding, or of the first run.
  std::shared_ptr<const RunDetail> shown;
};

// Runs `opts.runs` schedules. Throws InputError on bad params/conds
// (unknown names, values out of range).
SimResult simulate(const Kernel& k, const SimOptions& opts);

// Re-runs one witness: its params and conds, its model options, and either
// its explicit schedule (checked against the graph, reproduced exactly) or
// its policy and seed. `file` names the witness in errors (InputError).
SimResult replay(const Kernel& k, const Witness& w, const std::string& file = "<witness>");

// `syncsmith sim --json`: toJson(CheckResult) plus cycles, per-pipe figures
// and the runs.
std::string simResultToJson(const SimResult& r, int indent = -1);
// The human summary.
std::string simResultToText(const SimResult& r, const std::string& file);
// Chrome trace event format (Perfetto, chrome://tracing) of one run.
std::string chromeTraceJson(const RunDetail& run);

}  // namespace syncsmith
