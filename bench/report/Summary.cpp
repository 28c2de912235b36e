// Medians over the rows that count (proven correct, cycles known).
#include <algorithm>

#include "Overhead.h"

namespace syncsmith::bench {
namespace {

std::optional<double> median(std::vector<double> v) {
  if (v.empty()) return std::nullopt;
  std::sort(v.begin(), v.end());
  size_t n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

std::optional<double> medianRatio(const std::vector<KernelRow>& rows, const std::string& origin,
                                  Mode m) {
  std::vector<double> v;
  for (const KernelRow& r : rows)
    if (r.origin == origin)
      if (auto x = r.ratio(m)) v.push_back(*x);
  return median(v);
}

}  // namespace

OverheadSummary summarize(const std::vector<KernelRow>& rows) {
  OverheadSummary s;
  std::vector<double> barrierVsOpt, optVsHand;
  for (const KernelRow& r : rows) {
    (r.origin == "suite" ? s.suiteKernels : s.generatedKernels)++;
    for (Mode m : {Mode::Opt, Mode::Naive, Mode::BarrierAll, Mode::Hand}) {
      const ModeResult& x = r.at(m);
      if (x.present && !x.verdict.empty() && x.verdict != "correct") ++s.flagged;
    }
    if (r.origin == "suite" && r.at(Mode::Opt).counted() && r.at(Mode::Hand).counted())
      optVsHand.push_back(double(r.at(Mode::Opt).cycles) / double(r.at(Mode::Hand).cycles));
    if (r.origin != "suite" || !r.pipelined) continue;
    const ModeResult& opt = r.at(Mode::Opt);
    const ModeResult& all = r.at(Mode::BarrierAll);
    if (!opt.counted() || !all.counted()) continue;
    ++s.pipelinedKernels;
    barrierVsOpt.push_back(double(all.cycles) / double(opt.cycles));
  }
  s.suiteOptMedian = medianRatio(rows, "suite", Mode::Opt);
  s.suiteNaiveMedian = medianRatio(rows, "suite", Mode::Naive);
  s.suiteBarrierAllMedian = medianRatio(rows, "suite", Mode::BarrierAll);
  s.suiteHandMedian = medianRatio(rows, "suite", Mode::Hand);
  s.generatedOptMedian = medianRatio(rows, "generated", Mode::Opt);
  s.generatedNaiveMedian = medianRatio(rows, "generated", Mode::Naive);
  s.generatedBarrierAllMedian = medianRatio(rows, "generated", Mode::BarrierAll);
  std::vector<double> optBound, handBound, examples;
  for (const KernelRow& r : rows) {
    if (r.origin != "suite") continue;
    if (auto x = r.overBound(Mode::Opt)) optBound.push_back(*x);
    if (auto x = r.overBound(Mode::Hand)) handBound.push_back(*x);
    for (std::string_view name : kPipelinedExamples)
      if (r.name == name)
        if (auto x = r.overBound(Mode::Opt)) examples.push_back(*x);
  }
  s.suiteOptOverBoundMedian = median(optBound);
  s.suiteHandOverBoundMedian = median(handBound);
  s.examplesCounted = int(examples.size());
  if (!examples.empty()) s.examplesOptOverBoundMax = *std::max_element(examples.begin(), examples.end());
  s.pipelinedBarrierVsOptMedian = median(barrierVsOpt);
  s.handKernels = int(optVsHand.size());
  s.optOverHandMedian = median(optVsHand);
  if (!optVsHand.empty()) s.optOverHandMax = *std::max_element(optVsHand.begin(), optVsHand.end());
  if (!barrierVsOpt.empty())
    s.pipelinedBarrierVsOptMin = *std::min_element(barrierVsOpt.begin(), barrierVsOpt.end());
  return s;
}

}  // namespace syncsmith::bench
