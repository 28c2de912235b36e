// `sync` speed on synthetic kernels of 100, 1k and 10k ops (built here,
// deterministic): a long straight-line vector pipeline over rotating UB
// buffers, and a sequence of double-buffered loops. Reports ops/s, and the
// growth ratio t(10k ops) / t(1k ops) (target: 10k ops < 1 s, ratio <= 20).
#include <benchmark/benchmark.h>

#include <chrono>
#include <string>

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

Kernel build(bool straight, int ops) {
  return syncsmith::parseKernel(straight ? straightLine(ops) : loops(ops), "bench.sk");
}

void runSync(benchmark::State& state, bool straight) {
  Kernel k = build(straight, int(state.range(0)));
  int64_t ops = syncsmith::countStmts(k).ops;
  for (auto _ : state) benchmark::DoNotOptimize(syncsmith::synchronize(k));
  state.counters["ops"] = double(ops);
  state.counters["ops/s"] = benchmark::Counter(double(ops), benchmark::Counter::kIsIterationInvariantRate);
}

void BM_SyncStraightLine(benchmark::State& state) { runSync(state, true); }
void BM_SyncLoops(benchmark::State& state) { runSync(state, false); }
BENCHMARK(BM_SyncStraightLine)->Arg(100)->Arg(1000)->Arg(10000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SyncLoops)->Arg(100)->Arg(1000)->Arg(10000)->Unit(benchmark::kMillisecond);

double secondsFor(const Kernel& k) {
  auto t0 = std::chrono::steady_clock::now();
  benchmark::DoNotOptimize(syncsmith::synchronize(k));
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

// t(10k) / t(1k), one run each (the loop kernel at 10k ops takes minutes).
void BM_SyncGrowth(benchmark::State& state) {
  bool straight = state.range(0) == 0;
  Kernel k1 = build(straight, 1000), k10 = build(straight, 10000);
  double t1 = 1e9, t10 = 1e9;
  for (auto _ : state) {
    t1 = std::min(t1, secondsFor(k1));
    t10 = std::min(t10, secondsFor(k10));
  }
  state.counters["t1k_ms"] = t1 * 1e3;
  state.counters["t10k_ms"] = t10 * 1e3;
  state.counters["growth_10k_over_1k"] = t10 / t1;
  state.SetLabel(straight ? "straight-line" : "loops");
}
BENCHMARK(BM_SyncGrowth)->Arg(0)->Arg(1)->Iterations(1)->Unit(benchmark::kMillisecond);

}  // namespace
