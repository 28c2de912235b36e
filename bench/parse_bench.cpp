// Parse and print throughput on the corpus kernels.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "ir/Parser.h"
#include "ir/Printer.h"

namespace {

std::vector<std::string> corpusTexts() {
  std::vector<std::string> out;
  for (const auto& e : std::filesystem::recursive_directory_iterator(
           std::filesystem::path(SYNCSMITH_SOURCE_ROOT) / "corpus"))
    if (e.path().extension() == ".sk") {
      std::ifstream in(e.path());
      std::stringstream ss;
      ss << in.rdbuf();
      out.push_back(ss.str());
    }
  std::sort(out.begin(), out.end());
  return out;
}

void BM_ParseCorpus(benchmark::State& state) {
  auto texts = corpusTexts();
  int64_t bytes = 0;
  for (auto _ : state)
    for (const auto& t : texts) {
      benchmark::DoNotOptimize(syncsmith::parseKernel(t, "bench.sk"));
      bytes += int64_t(t.size());
    }
  state.SetBytesProcessed(bytes);
  state.counters["kernels/s"] =
      benchmark::Counter(double(texts.size()), benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_ParseCorpus);

void BM_PrintCorpus(benchmark::State& state) {
  std::vector<syncsmith::Kernel> kernels;
  for (const auto& t : corpusTexts()) kernels.push_back(syncsmith::parseKernel(t, "bench.sk"));
  for (auto _ : state)
    for (const auto& k : kernels) benchmark::DoNotOptimize(syncsmith::printKernel(k));
  state.counters["kernels/s"] =
      benchmark::Counter(double(kernels.size()), benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_PrintCorpus);

}  // namespace
