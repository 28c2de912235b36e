// `syncsmith bench overhead`: the sync-overhead report (docs/benchmarks.md).
// Exit 0 when every synced kernel was proven correct, 1 when one was
// flagged (buggy, unknown or an error: an engine or oracle problem to look
// at), 2 for bad input.
#include <filesystem>
#include <iostream>

#include "Commands.h"
#include "ir/SourceLoc.h"

#ifdef SYNCSMITH_HAVE_BENCHREPORT
#include <fstream>
#include <sstream>

#include "Overhead.h"
#include "Targets.h"
#endif

namespace syncsmith::cli {
namespace {

struct BenchArgs {
  std::string suite;
  int generated = 20;
  uint64_t seed = 1;
  std::string out = "bench/results";
  int jobs = 1;
  uint64_t checkTimeLimitMs = 60'000;
  bool quiet = false;
  bool noSyncBound = false;
  unsigned boundEffort = 10;
};

#ifdef SYNCSMITH_HAVE_BENCHREPORT
std::string ratio(std::optional<double> x) {
  if (!x) return "n/a";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2fx", *x);
  return buf;
}

int runOverhead(const BenchArgs& a) {
  bench::OverheadOptions o;
  o.suiteDir = a.suite;
  o.suiteLabel = a.suite;
  if (a.suite.empty()) {
    // The suite of the tree we stand in, else the one we were built from.
    bool local = std::filesystem::is_directory("corpus/bench");
    o.suiteDir = local ? "corpus/bench" : bench::defaultSuiteDir();
    o.suiteLabel = "corpus/bench";
  } else if (a.suite == "none") {
    o.suiteDir.clear();
  }
  if (a.generated < 0) throw InputError("--generated", {}, "expected a count >= 0");
  if (a.jobs < 1) throw InputError("--jobs", {}, "expected at least 1");
  o.generated = a.generated;
  o.seed = a.seed;
  o.jobs = a.jobs;
  o.checkTimeLimitMs = a.checkTimeLimitMs;
  o.progress = !a.quiet;
  o.syncBound = !a.noSyncBound;
  if (a.boundEffort < 1 || a.boundEffort > 4000)
    throw InputError("--bound-effort", {}, "expected 1..4000 (millions of Z3 resource units)");
  o.boundEffort = a.boundEffort * 1'000'000u;
  bench::OverheadReport r = bench::runOverhead(o);
  for (const std::string& line : bench::writeOverhead(r, a.out)) std::cerr << line << "\n";
  const bench::OverheadSummary& s = r.summary;
  std::cout << "suite kernels " << s.suiteKernels << ", generated " << s.generatedKernels
            << ", flagged (not proven correct) " << s.flagged << "\n"
            << "median opt/ideal (suite): " << ratio(s.suiteOptMedian) << "\n"
            << "median naive/ideal (suite): " << ratio(s.suiteNaiveMedian) << "\n"
            << "median barrier-all/ideal (suite): " << ratio(s.suiteBarrierAllMedian) << "\n"
            << "median hand/ideal (suite): " << ratio(s.suiteHandMedian) << "\n"
            << "median opt/sync-aware bound (suite): " << ratio(s.suiteOptOverBoundMedian) << "\n"
            << "worst opt/sync-aware bound (pipelined examples, " << s.examplesCounted
            << "): " << ratio(s.examplesOptOverBoundMax) << "\n"
            << "median barrier-all/opt (pipelined suite kernels, " << s.pipelinedKernels
            << "): " << ratio(s.pipelinedBarrierVsOptMedian) << " (min "
            << ratio(s.pipelinedBarrierVsOptMin) << ")\n"
            << "median opt/ideal (generated): " << ratio(s.generatedOptMedian) << "\n";
  return s.flagged ? 1 : 0;
}
#endif

struct TargetArgs {
  std::string benchJson, overheadJson, out;
  double campaignRate = -1, engineSeconds = -1;
  std::string campaignHow, engineHow;
};

#ifdef SYNCSMITH_HAVE_BENCHREPORT
std::string readOptional(const std::string& path) {
  if (path.empty()) return "";
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path, {}, "cannot read the file");
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void runTargets(const TargetArgs& a) {
  bench::TargetInputs in;
  in.benchJson = readOptional(a.benchJson);
  in.overheadJson = readOptional(a.overheadJson);
  if (a.campaignRate >= 0) in.campaignKernelsPerSecond = a.campaignRate;
  in.campaignHow = a.campaignHow;
  if (a.engineSeconds >= 0) in.engine10kSeconds = a.engineSeconds;
  in.engine10kHow = a.engineHow;
  std::vector<bench::TargetLine> lines = bench::evaluateTargets(in);
  std::cout << bench::targetsText(lines);
  if (a.out.empty()) return;
  std::ofstream out(a.out, std::ios::binary);
  std::string context = bench::benchContext(in.benchJson);
  out << "# Targets (issues 5 and 8)\n\nWritten by `scripts/bench.sh`; figures from one run on the machine "
         "it ran on"
      << (context.empty() ? "" : " (" + context + ")") << ".\n\n"
      << bench::targetsMarkdown(lines);
  if (!out) throw InputError(a.out, {}, "cannot write the file");
  std::cerr << "wrote " << a.out << "\n";
}
#endif

void addTargetsCommand(CLI::App* bench) {
  auto* t = bench->add_subcommand(
      "targets", "Print issue 8's targets (met / not met / not measured) from benchmark JSON");
  auto a = std::make_shared<TargetArgs>();
  t->add_option("--bench-json", a->benchJson, "Google Benchmark JSON of syncsmith_bench");
  t->add_option("--overhead-json", a->overheadJson, "overhead.json of `bench overhead`");
  t->add_option("--campaign-rate", a->campaignRate, "measured campaign throughput, kernels/s");
  t->add_option("--campaign-how", a->campaignHow, "how the campaign figure was measured");
  t->add_option("--engine-10k-seconds", a->engineSeconds,
                "engine time on a 10k-op kernel (used when bench.json has no engine benchmark)");
  t->add_option("--engine-10k-how", a->engineHow, "how the engine figure was measured");
  t->add_option("--out", a->out, "also write the table as Markdown here (targets.md)");
  t->callback([a] {
#ifdef SYNCSMITH_HAVE_BENCHREPORT
    runTargets(*a);
#else
    throw InputError("bench", {}, "this syncsmith was built without the report library");
#endif
  });
}

void addBenchCommand(CLI::App& app, int& exitCode) {
  auto* cmd = app.add_subcommand("bench", "Benchmark reports (the sync-overhead table and plot)");
  cmd->require_subcommand(1);
  auto* ov = cmd->add_subcommand(
      "overhead",
      "Sync instructions and simulated cycles of opt, naive, barrier-all and hand sync vs the "
      "ideal bound, every synced kernel proven by the oracle; writes overhead.{md,csv,json,png}");
  auto a = std::make_shared<BenchArgs>();
  ov->add_option("--suite", a->suite, "directory of unsynced *.sk (with optional <name>.synced.sk); "
                                      "default corpus/bench; 'none' for generated kernels only");
  ov->add_option("--generated", a->generated, "number of generated kernels (default 20)");
  ov->add_option("--seed", a->seed, "seed of the first generated kernel and of ?condition outcomes (default 1)");
  ov->add_option("--out", a->out, "output directory (default bench/results)");
  ov->add_option("--jobs", a->jobs, "kernels measured in parallel (default 1; output does not depend on it)");
  ov->add_flag("--no-sync-bound", a->noSyncBound, "skip the sync-aware bound (Z3; the slow part)");
  ov->add_option("--bound-effort", a->boundEffort,
                 "Z3 effort per call for the bound, millions of resource units (default 10)");
  ov->add_option("--check-time-limit-ms", a->checkTimeLimitMs,
                 "oracle budget per synced kernel; beyond it the kernel is flagged unknown (default 60000)");
  ov->add_flag("-q,--quiet", a->quiet, "no per-kernel progress on stderr");
  ov->callback([a, &exitCode] {
#ifdef SYNCSMITH_HAVE_BENCHREPORT
    exitCode = runOverhead(*a);
#else
    (void)exitCode;
    throw InputError("bench", {}, "this syncsmith was built without the engine, simulator, oracle "
                                  "or generator; `bench overhead` needs all four");
#endif
  });
  addTargetsCommand(cmd);
}

}  // namespace

SYNCSMITH_COMMAND(bench, 100, addBenchCommand);

}  // namespace syncsmith::cli
