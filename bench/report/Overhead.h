// The sync-overhead report (`syncsmith bench overhead`): what each way of
// synchronizing a kernel costs, in sync instructions and in simulated cycles
// (fixed latencies), against the ideal bound of the same unsynced kernel,
// with every synchronized kernel proven by the oracle first. A kernel whose
// sync is buggy or unproven is flagged and left out of every speed figure.
// docs/benchmarks.md describes the figures.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "ir/Kernel.h"

namespace syncsmith::bench {

// The ways a kernel is measured, in table order. Ideal is the data-only
// lower bound (`sim --ideal`), Bound the sync-aware one (`sim --sync-bound`:
// no sync inserted into this kernel is faster); Hand is the kernel's own
// sync (<name>.synced.sk).
enum class Mode : uint8_t { Ideal, Bound, Opt, Naive, BarrierAll, Hand };
inline constexpr int kNumModes = 6;
// "ideal", "bound", "opt", "naive", "barrier-all", "hand"
std::string_view modeName(Mode m);

// Issue 5's pipelined examples (2- and 3-slot ping-pong, double-buffered
// matmul): the suite kernels the engine must bring within 1.10x of the
// sync-aware bound.
inline constexpr std::string_view kPipelinedExamples[] = {"vec_add_db", "scale_triple_buffer",
                                                          "matmul_db"};

// Static sync statements of a kernel, by kind.
struct SyncCounts {
  int setFlags = 0, waitFlags = 0, barriers = 0, barrierAlls = 0, fences = 0;
  int total() const { return setFlags + waitFlags + barriers + barrierAlls + fences; }
};
SyncCounts countSync(const Kernel& k);

// One kernel under one mode.
struct ModeResult {
  bool present = false;     // measured (Hand: only when a .synced.sk exists)
  std::string verdict;      // "correct", "buggy", "unknown", "error"; "" for ideal
  std::string note;         // why it is not counted (finding kinds, reason, error)
  SyncCounts sync;          // static sync statements
  int64_t dynSync = 0;      // sync instructions executed on the measured path
  int64_t cycles = 0;       // simulated cycles on the measured path
  double syncSeconds = 0;   // engine time (not written: machine-dependent)
  double checkSeconds = 0;  // oracle time (not written)
  // Counted in the speed figures: measured, proven correct, cycles known.
  bool counted() const { return present && (verdict.empty() || verdict == "correct") && cycles > 0; }
};

struct KernelRow {
  std::string name;    // the file stem, or gen_<seed>
  std::string origin;  // "suite" or "generated"
  std::string file;    // path relative to the suite dir ("" for generated)
  std::string arch, core;
  int ops = 0;
  bool pipelined = false;  // has a buffer with >= 2 slots (multi-buffered)
  std::map<std::string, int64_t> params;  // the measured path
  std::map<std::string, std::vector<bool>> conds;
  std::string error;  // the kernel could not be measured at all
  ModeResult modes[kNumModes];
  const ModeResult& at(Mode m) const { return modes[int(m)]; }
  ModeResult& at(Mode m) { return modes[int(m)]; }
  // cycles(m) / cycles(ideal), when both are counted.
  std::optional<double> ratio(Mode m) const;
  // cycles(m) / cycles(bound), when both are counted.
  std::optional<double> overBound(Mode m) const;
};

struct OverheadOptions {
  std::string suiteDir;  // every *.sk but *.synced.sk; "" for none
  std::string suiteLabel;  // how the suite is named in the outputs (not a full path)
  int generated = 20;    // generated kernels (gen_<seed>, seeds seed..seed+N-1)
  uint64_t seed = 1;
  // Oracle budget per synced kernel; beyond it the verdict is unknown.
  uint64_t checkTimeLimitMs = 60'000;
  int jobs = 1;          // kernels measured in parallel
  bool syncBound = true;  // measure the sync-aware bound (Z3; the slow part)
  unsigned boundEffort = 10'000'000;  // its Z3 effort per call (SimOptions::syncBoundEffort)
  bool progress = false; // one line per kernel on stderr
};

// Medians and the targets of issue 8 that this report measures.
struct OverheadSummary {
  int suiteKernels = 0, generatedKernels = 0;
  int flagged = 0;  // synced outputs not proven correct (any mode, any kernel)
  std::optional<double> suiteOptMedian;         // median opt/ideal over the suite
  std::optional<double> suiteNaiveMedian, suiteBarrierAllMedian, suiteHandMedian;
  std::optional<double> generatedOptMedian, generatedNaiveMedian, generatedBarrierAllMedian;
  std::optional<double> pipelinedBarrierVsOptMedian;  // barrier-all/opt, pipelined suite kernels
  std::optional<double> pipelinedBarrierVsOptMin;
  int pipelinedKernels = 0;
  // opt / hand cycles on the suite kernels with a hand-written sync (both
  // counted): the engine against an expert on the same kernels.
  std::optional<double> optOverHandMedian, optOverHandMax;
  int handKernels = 0;
  // Against the sync-aware bound: medians over the suite, and the worst opt /
  // bound over kPipelinedExamples (how many of them were counted).
  std::optional<double> suiteOptOverBoundMedian, suiteHandOverBoundMedian;
  std::optional<double> examplesOptOverBoundMax;
  int examplesCounted = 0;
};

struct OverheadReport {
  OverheadOptions options;
  std::vector<KernelRow> rows;  // suite first (file order), then generated (seed order)
  OverheadSummary summary;
};

// The suite shipped with the source tree (corpus/bench), for the default.
std::string defaultSuiteDir();

// Measures one kernel (`synced`: its hand-synced version, if any).
KernelRow measureKernel(const Kernel& unsynced, const Kernel* synced, const OverheadOptions& o);

// Loads the suite and generates the rest, measures everything. Throws
// InputError for an unreadable suite or a kernel that does not parse.
OverheadReport runOverhead(const OverheadOptions& o);

OverheadSummary summarize(const std::vector<KernelRow>& rows);

std::string overheadMarkdown(const OverheadReport& r);
std::string overheadCsv(const OverheadReport& r);
std::string overheadJson(const OverheadReport& r);
// gnuplot script and data for the plot of cycles relative to ideal.
std::string overheadPlotData(const OverheadReport& r);
std::string overheadPlotScript(const std::string& dataFile, const std::string& pngFile);

// Writes DIR/overhead.{md,csv,json} and, when gnuplot runs, DIR/overhead.png
// (from DIR/overhead.gp and DIR/overhead.dat). Returns lines for the user:
// what was written, and why the plot was skipped if it was.
std::vector<std::string> writeOverhead(const OverheadReport& r, const std::string& dir);

}  // namespace syncsmith::bench
