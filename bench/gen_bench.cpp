// Generator and reducer throughput: kernels/s per size class (generation
// alone, and with the print + parse + validate round trip every kernel gets
// in `gen` and gen_fuzz), and a reduction of a generated kernel.
#include <benchmark/benchmark.h>

#include "gen/Generator.h"
#include "ir/Parser.h"
#include "ir/Printer.h"
#include "reduce/Predicate.h"
#include "reduce/Reducer.h"

namespace {

using namespace syncsmith;

gen::GenOptions optionsFor(int64_t size) {
  gen::GenOptions o;
  gen::applySize(o.policy, gen::SizeClass(size));
  return o;
}

void BM_Generate(benchmark::State& state) {
  gen::GenOptions o = optionsFor(state.range(0));
  uint64_t seed = 1;
  int64_t ops = 0;
  for (auto _ : state) {
    gen::Generated g = gen::generateSeeded(seed++, o);
    ops += countStmts(g.kernel).ops;
    benchmark::DoNotOptimize(g.kernel.body.data());
  }
  state.counters["kernels/s"] = benchmark::Counter(double(state.iterations()), benchmark::Counter::kIsRate);
  state.counters["ops/kernel"] = double(ops) / double(state.iterations());
}
BENCHMARK(BM_Generate)->Arg(0)->Arg(1)->Arg(2)->ArgName("size");

void BM_GenerateAndValidate(benchmark::State& state) {
  gen::GenOptions o = optionsFor(state.range(0));
  uint64_t seed = 1;
  for (auto _ : state) {
    gen::Generated g = gen::generateSeeded(seed++, o);
    Kernel k = parseKernel(printKernel(g.kernel), "gen.sk");
    benchmark::DoNotOptimize(k.body.data());
  }
  state.counters["kernels/s"] = benchmark::Counter(double(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_GenerateAndValidate)->Arg(0)->Arg(1)->Arg(2)->ArgName("size");

// Reducing a default-size generated kernel to a RACE reproducer.
void BM_ReduceGeneratedRace(benchmark::State& state) {
  gen::GenOptions o = optionsFor(1);
  reduce::FindingCheck check;
  check.kind = FindingKind::Race;
  reduce::Interesting race = reduce::findingPredicate(check);
  uint64_t seed = 1;
  double calls = 0;
  for (auto _ : state) {
    gen::Generated g = gen::generateSeeded(seed++, o);
    reduce::ReduceResult r = reduce::reduceGenerated(o, g.choices, race);
    calls += double(r.stats.calls);
  }
  state.counters["reductions/s"] = benchmark::Counter(double(state.iterations()), benchmark::Counter::kIsRate);
  state.counters["calls"] = calls / double(state.iterations());
}
BENCHMARK(BM_ReduceGeneratedRace);

}  // namespace
