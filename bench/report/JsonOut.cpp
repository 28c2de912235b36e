// The report as JSON: options, summary, and every kernel with every mode.
// Machine-dependent timings are left out so that a run is reproducible.
#include <cmath>
#include <nlohmann/json.hpp>

#include "Overhead.h"

namespace syncsmith::bench {
namespace {

using nlohmann::ordered_json;

ordered_json opt(std::optional<double> x) {
  if (!x) return nullptr;
  return std::round(*x * 10000) / 10000;
}

ordered_json modeJson(const KernelRow& r, Mode m) {
  const ModeResult& x = r.at(m);
  ordered_json j;
  if (m != Mode::Ideal && m != Mode::Bound) {
    j["verdict"] = x.verdict;
    j["sync"] = {{"set_flag", x.sync.setFlags},   {"wait_flag", x.sync.waitFlags},
                 {"pipe_barrier", x.sync.barriers}, {"barrier_all", x.sync.barrierAlls},
                 {"gm_fence", x.sync.fences},     {"total", x.sync.total()}};
  }
  j["sync_executed"] = x.dynSync;
  j["cycles"] = x.cycles;
  j["ratio_to_ideal"] = opt(r.ratio(m));
  if (m != Mode::Ideal && m != Mode::Bound) j["ratio_to_bound"] = opt(r.overBound(m));
  j["counted"] = x.counted();
  if (!x.note.empty()) j["note"] = x.note;
  return j;
}

ordered_json rowJson(const KernelRow& r) {
  ordered_json j;
  j["name"] = r.name;
  j["origin"] = r.origin;
  if (!r.file.empty()) j["file"] = r.file;
  j["arch"] = r.arch;
  j["core"] = r.core;
  j["ops"] = r.ops;
  j["pipelined"] = r.pipelined;
  j["params"] = r.params;
  ordered_json conds = ordered_json::object();
  for (const auto& [name, outs] : r.conds) {
    std::string s;
    for (bool b : outs) s += b ? '1' : '0';
    conds[name] = s;
  }
  j["conds"] = conds;
  if (!r.error.empty()) {
    j["error"] = r.error;
    return j;
  }
  ordered_json modes = ordered_json::object();
  for (int i = 0; i < kNumModes; ++i)
    if (r.at(Mode(i)).present) modes[std::string(modeName(Mode(i)))] = modeJson(r, Mode(i));
  j["modes"] = modes;
  return j;
}

}  // namespace

std::string overheadJson(const OverheadReport& rep) {
  const OverheadSummary& s = rep.summary;
  ordered_json j;
  j["options"] = {{"suite", rep.options.suiteLabel.empty() ? rep.options.suiteDir : rep.options.suiteLabel},
                  {"generated", rep.options.generated},
                  {"seed", rep.options.seed},
                  {"latencies", "fixed"},
                  {"path", "params at upper bounds, ?conditions drawn from the seed"}};
  j["summary"] = {{"suite_kernels", s.suiteKernels},
                  {"generated_kernels", s.generatedKernels},
                  {"flagged", s.flagged},
                  {"suite_opt_over_ideal_median", opt(s.suiteOptMedian)},
                  {"suite_naive_over_ideal_median", opt(s.suiteNaiveMedian)},
                  {"suite_barrier_all_over_ideal_median", opt(s.suiteBarrierAllMedian)},
                  {"suite_hand_over_ideal_median", opt(s.suiteHandMedian)},
                  {"hand_kernels", s.handKernels},
                  {"suite_opt_over_hand_median", opt(s.optOverHandMedian)},
                  {"suite_opt_over_hand_max", opt(s.optOverHandMax)},
                  {"pipelined_kernels", s.pipelinedKernels},
                  {"pipelined_barrier_all_over_opt_median", opt(s.pipelinedBarrierVsOptMedian)},
                  {"pipelined_barrier_all_over_opt_min", opt(s.pipelinedBarrierVsOptMin)},
                  {"suite_opt_over_bound_median", opt(s.suiteOptOverBoundMedian)},
                  {"suite_hand_over_bound_median", opt(s.suiteHandOverBoundMedian)},
                  {"pipelined_examples", kPipelinedExamples},
                  {"pipelined_examples_counted", s.examplesCounted},
                  {"pipelined_examples_opt_over_bound_max", opt(s.examplesOptOverBoundMax)},
                  {"generated_opt_over_ideal_median", opt(s.generatedOptMedian)},
                  {"generated_naive_over_ideal_median", opt(s.generatedNaiveMedian)},
                  {"generated_barrier_all_over_ideal_median", opt(s.generatedBarrierAllMedian)}};
  ordered_json rows = ordered_json::array();
  for (const KernelRow& r : rep.rows) rows.push_back(rowJson(r));
  j["kernels"] = rows;
  return j.dump(2) + "\n";
}

}  // namespace syncsmith::bench
