// The oracle's per-kernel time distribution (median / p90 / max, thread CPU
// ms as counters), for the graph fast path, the Z3 path and `auto` separately, over
// all kernels and over the target class (class_*: <= 50 static ops, loops of
// <= 8 trips).
//
// Population: every kernel of corpus/examples, corpus/bench and
// tests/oracle/kernels, and, when the generator and the engine are built,
// generated kernels of 10..50 static ops with loops of at most 8 trips,
// synchronized by the engine (mostly correct), each with a sync-deletion
// mutant (mostly buggy). Target (issue 4): median < 100 ms per kernel of
// <= 50 static ops with loops of <= 8 trips.
#include <benchmark/benchmark.h>

#include <time.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "ir/Parser.h"
#include "model/Trace.h"
#include "oracle/smt/Oracle.h"
#include "oracle/smt/ParamPlan.h"
#include "oracle/smt/Redundant.h"

#if __has_include("gen/Generator.h") && __has_include("sync/Engine.h")
#include "gen/Generator.h"
#include "sync/Engine.h"
#define ORACLE_BENCH_GENERATED 1
#endif

namespace syncsmith {
namespace {

bool hasConds(const Kernel& k) {
  bool any = false;
  forEachStmt(k.body, [&](const Stmt& s) {
    if (auto* i = s.ifStmt(); i && i->cond.runtime) any = true;
  });
  return any;
}

struct BenchKernel {
  std::string name;
  Kernel kernel;
  bool hasConds = false;
  bool generated = false;
  bool inClass = false;  // <= 50 static ops, loops of <= 8 trips
};

// The most trips any loop entry makes over the explored param combinations
// (distinct values of a loop variable under one outer iteration).
int64_t maxTrips(const Kernel& k) {
  int64_t most = 0;
  for (const auto& params : planParams(k, 256).assignments) {
    GuardedTrace g = buildGuardedTrace(k, params, {20'000});
    std::map<std::pair<const std::string*, std::vector<int64_t>>, std::set<int64_t>> seen;
    for (const Instr& in : g.trace.instrs)
      for (uint16_t d = 0; d < in.depth; ++d) {
        std::vector<int64_t> outer(g.trace.iterValues.begin() + in.iterBegin,
                                   g.trace.iterValues.begin() + in.iterBegin + d);
        auto& values = seen[{g.trace.iterNames[in.iterBegin + d], outer}];
        values.insert(g.trace.iterValues[in.iterBegin + d]);
        most = std::max(most, int64_t(values.size()));
      }
  }
  return most;
}

BenchKernel benchKernel(std::string name, Kernel k, bool generated) {
  BenchKernel b{std::move(name), std::move(k), false, generated, false};
  b.hasConds = hasConds(b.kernel);
  b.inClass = countStmts(b.kernel).ops <= 50 && maxTrips(b.kernel) <= 8;
  return b;
}


void addFiles(std::vector<BenchKernel>& out, const std::string& dir) {
  std::string root = std::string(SYNCSMITH_SOURCE_ROOT) + "/" + dir;
  if (!std::filesystem::exists(root)) return;
  std::vector<std::string> files;
  for (const auto& e : std::filesystem::directory_iterator(root))
    if (e.path().extension() == ".sk") files.push_back(e.path().string());
  std::sort(files.begin(), files.end());
  for (const std::string& f : files) {
    try {
      Kernel k = parseKernelFile(f);
      out.push_back(
          {dir + "/" + std::filesystem::path(f).filename().string(), k, hasConds(k), false});
    } catch (const std::exception&) {
    }
  }
}

#ifdef ORACLE_BENCH_GENERATED
void addGenerated(std::vector<BenchKernel>& out, int count) {
  gen::GenOptions go;
  go.policy.minOps = 10;
  go.policy.maxOps = 50;
  go.policy.maxTrip = 8;
  for (uint64_t seed = 1; int(out.size()) < count && seed < uint64_t(count) * 4; ++seed) {
    try {
      gen::Generated g = gen::generateSeeded(seed, go);
      if (countStmts(g.kernel).ops > 50) continue;
      SyncResult synced = synchronize(g.kernel);
      std::string name = "gen/" + std::to_string(seed);
      out.push_back(benchKernel(name, synced.kernel, true));
      std::vector<size_t> syncs;
      size_t n = 0;
      forEachStmt(synced.kernel.body, [&](const Stmt& s) {
        if (s.sync()) syncs.push_back(n);
        ++n;
      });
      if (!syncs.empty()) {
        Kernel m = withoutStmts(synced.kernel, {syncs[seed % syncs.size()]});
        out.push_back(benchKernel(name + "-mutant", m, true));
      }
    } catch (const std::exception&) {
    }
  }
}
#endif

const std::vector<BenchKernel>& population() {
  static const std::vector<BenchKernel> all = [] {
    std::vector<BenchKernel> v;
    addFiles(v, "corpus/examples");
    addFiles(v, "corpus/bench");
    addFiles(v, "tests/oracle/kernels");
#ifdef ORACLE_BENCH_GENERATED
    std::vector<BenchKernel> g;
    addGenerated(g, 80);
    v.insert(v.end(), g.begin(), g.end());
#endif
    return v;
  }();
  return all;
}

// Thread CPU time in ms: per-kernel figures that do not depend on how busy
// the machine is (Z3 runs in the calling thread).
double cpuMs() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
}

double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  size_t k = size_t(p * double(v.size() - 1) + 0.5);
  return v[std::min(k, v.size() - 1)];
}

// One pass over the population per iteration; the distribution of per-kernel
// times goes into counters.
void distribution(benchmark::State& state, OracleEngine engine, bool condsOnly) {
  OracleOptions opts;
  opts.engine = engine;
  opts.timeoutMs = 10'000;
  opts.timeLimitMs = 60'000;
  std::vector<double> ms, classMs;
  std::vector<std::pair<double, std::string>> slowest;
  size_t buggy = 0, correct = 0, unknown = 0, z3checks = 0;
  for (auto _ : state) {
    ms.clear();
    classMs.clear();
    slowest.clear();
    buggy = correct = unknown = z3checks = 0;
    for (const BenchKernel& b : population()) {
      if (condsOnly && !b.hasConds) continue;
      double t0 = cpuMs();
      CheckResult r = checkKernel(b.kernel, opts);
      ms.push_back(cpuMs() - t0);
      slowest.push_back({ms.back(), b.name});
      if (b.inClass) classMs.push_back(ms.back());
      benchmark::DoNotOptimize(r);
      buggy += r.verdict == Verdict::Buggy;
      correct += r.verdict == Verdict::Correct;
      unknown += r.verdict == Verdict::Unknown;
      if (auto it = r.bounds.find("z3_checks"); it != r.bounds.end())
        z3checks += size_t(it->second);
    }
  }
  std::sort(slowest.rbegin(), slowest.rend());
  std::string label = "slowest:";
  for (size_t k = 0; k < slowest.size() && k < 3; ++k)
    label += " " + slowest[k].second + " " + std::to_string(int64_t(slowest[k].first)) + "ms";
  state.SetLabel(label);
  state.counters["kernels"] = double(ms.size());
  state.counters["median_ms"] = percentile(ms, 0.5);
  state.counters["p90_ms"] = percentile(ms, 0.9);
  state.counters["max_ms"] = ms.empty() ? 0 : *std::max_element(ms.begin(), ms.end());
  state.counters["class_kernels"] = double(classMs.size());
  state.counters["class_median_ms"] = percentile(classMs, 0.5);
  state.counters["class_p90_ms"] = percentile(classMs, 0.9);
  state.counters["class_max_ms"] =
      classMs.empty() ? 0 : *std::max_element(classMs.begin(), classMs.end());
  state.counters["correct"] = double(correct);
  state.counters["buggy"] = double(buggy);
  state.counters["unknown"] = double(unknown);
  state.counters["z3_checks"] = double(z3checks);
}

void BM_OracleAuto(benchmark::State& s) { distribution(s, OracleEngine::Auto, false); }
void BM_OracleGraphFastPath(benchmark::State& s) { distribution(s, OracleEngine::Graph, false); }
void BM_OracleZ3(benchmark::State& s) { distribution(s, OracleEngine::Smt, false); }
void BM_OracleZ3CondKernels(benchmark::State& s) { distribution(s, OracleEngine::Smt, true); }

BENCHMARK(BM_OracleAuto)->Iterations(1)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_OracleGraphFastPath)->Iterations(1)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_OracleZ3)->Iterations(1)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_OracleZ3CondKernels)->Iterations(1)->Unit(benchmark::kMillisecond);

// Z3 per query, Alive2-style: the solver cost of one small kernel, so a Z3
// upgrade that slows checks down shows up.
void BM_OracleZ3OneKernel(benchmark::State& state) {
  Kernel k =
      parseKernelFile(std::string(SYNCSMITH_SOURCE_ROOT) + "/tests/oracle/kernels/cond_synced.sk");
  OracleOptions opts;
  opts.engine = OracleEngine::Smt;
  opts.prune = false;
  int64_t checks = 0;
  for (auto _ : state) {
    CheckResult r = checkKernel(k, opts);
    checks = r.bounds.count("z3_checks") ? r.bounds.at("z3_checks") : 0;
    benchmark::DoNotOptimize(r);
  }
  state.counters["z3_checks"] = double(checks);
}
BENCHMARK(BM_OracleZ3OneKernel)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace syncsmith
