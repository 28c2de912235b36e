// `sync` speed on kernels of 100, 1k and 10k ops, three families (all
// deterministic): a long straight-line vector pipeline over rotating UB
// buffers; a sequence of double-buffered loops over one ping-pong buffer
// (every loop's pairs reuse the ids of the loops before); and generated
// kernels (`syncsmith gen --seed 1 --ops N`: loops, ifs, slots, GM round
// trips). Reports ops/s, and per family the growth t(10k ops) / t(1k ops)
// (targets: 10k ops < 1 s, growth <= 20).
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <string>

#include "gen/GenRequest.h"
#include "ir/Parser.h"
#include "sync/Engine.h"

namespace {

using syncsmith::Kernel;

// Tiles of load -> two vector ops -> store over 8 rotating 4 KB UB buffers,
// with an accumulator every tile touches: every op has real hazards.
std::string straightLine(int ops) {
  int tiles = std::max(1, ops / 5);
  std::string s = "kernel straight {\n  buffer x gm " + std::to_string(tiles * 4096) +
                  "\n  buffer y gm " + std::to_string(tiles * 4096) + "\n  buffer acc ub 4096\n";
  for (int b = 0; b < 8; ++b) s += "  buffer u" + std::to_string(b) + " ub 4096\n";
  for (int t = 0; t < tiles; ++t) {
    std::string u = "u" + std::to_string(t % 8);
    std::string lo = std::to_string(t * 4096), hi = std::to_string(t * 4096 + 4096);
    s += "  gm_to_ub " + u + " <- x[" + lo + ":" + hi + "]\n";
    s += "  vexp " + u + " <- " + u + "\n";
    s += "  vadd acc <- acc, " + u + "\n";
    s += "  vmul " + u + " <- " + u + ", acc\n";
    s += "  ub_to_gm y[" + lo + ":" + hi + "] <- " + u + "\n";
  }
  return s + "}\n";
}

// Loops of five ops: a double-buffered load, two vector ops, an
// accumulation and a conditional store, over a symbolic trip count.
std::string loops(int ops) {
  int n = std::max(1, ops / 5);
  std::string s =
      "kernel loops {\n  buffer x gm 65536\n  buffer y gm " + std::to_string(n * 4096) +
      "\n  buffer t ub 8192 slots=2\n  buffer w ub 4096\n  buffer acc ub 4096\n  param n in 0..8\n";
  for (int l = 0; l < n; ++l) {
    s += "  for i in 0..n {\n";
    s += "    gm_to_ub t[i%2] <- x[i*4096 : i*4096+4096]\n";
    s += "    vexp w <- t[i%2]\n";
    s += "    vadd acc <- acc, w\n";
    s += "    vmul t[i%2] <- t[i%2], acc\n";
    s += "    if i == n-1 {\n      ub_to_gm y[" + std::to_string(l * 4096) + ":" +
         std::to_string(l * 4096 + 4096) + "] <- acc\n    }\n";
    s += "  }\n";
  }
  return s + "}\n";
}

enum Family : int64_t { kStraight = 0, kLoops = 1, kGenerated = 2 };

Kernel build(int64_t family, int ops) {
  if (family == kGenerated) {
    syncsmith::gen::GenRequest r;
    r.seed = 1;
    r.ops = ops;
    return syncsmith::gen::generateSeeded(r.seed, r.options()).kernel;
  }
  return syncsmith::parseKernel(family == kStraight ? straightLine(ops) : loops(ops), "bench.sk");
}

void runSync(benchmark::State& state, int64_t family) {
  Kernel k = build(family, int(state.range(0)));
  int64_t ops = syncsmith::countStmts(k).ops;
  for (auto _ : state) benchmark::DoNotOptimize(syncsmith::synchronize(k));
  state.counters["ops"] = double(ops);
  state.counters["ops/s"] = benchmark::Counter(double(ops), benchmark::Counter::kIsIterationInvariantRate);
}

void BM_SyncStraightLine(benchmark::State& state) { runSync(state, kStraight); }
void BM_SyncLoops(benchmark::State& state) { runSync(state, kLoops); }
void BM_SyncGenerated(benchmark::State& state) { runSync(state, kGenerated); }
BENCHMARK(BM_SyncStraightLine)->Arg(100)->Arg(1000)->Arg(10000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SyncLoops)->Arg(100)->Arg(1000)->Arg(10000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SyncGenerated)->Arg(100)->Arg(1000)->Arg(10000)->Unit(benchmark::kMillisecond);

double secondsFor(const Kernel& k) {
  auto t0 = std::chrono::steady_clock::now();
  benchmark::DoNotOptimize(syncsmith::synchronize(k));
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

// t(10k) / t(1k) per family, the best of 5 runs of each (noise on a shared
// machine only ever adds time).
void BM_SyncGrowth(benchmark::State& state) {
  int64_t family = state.range(0);
  Kernel k1 = build(family, 1000), k10 = build(family, 10000);
  double t1 = 1e9, t10 = 1e9;
  for (auto _ : state)
    for (int rep = 0; rep < 5; ++rep) {
      t1 = std::min(t1, secondsFor(k1));
      t10 = std::min(t10, secondsFor(k10));
    }
  state.counters["t1k_ms"] = t1 * 1e3;
  state.counters["t10k_ms"] = t10 * 1e3;
  state.counters["growth_10k_over_1k"] = t10 / t1;
  state.SetLabel(family == kStraight ? "straight-line" : family == kLoops ? "loops" : "generated");
}
BENCHMARK(BM_SyncGrowth)->Arg(kStraight)->Arg(kLoops)->Arg(kGenerated)->Iterations(1)->Unit(benchmark::kMillisecond);

}  // namespace
