// Reducer time on the engine's injected bugs: for each bug class, the first
// kernel (a prefetch-all kernel that runs out of ids, then corpus/bugs,
// corpus/examples, corpus/bench with their sync stripped, then generated
// seeds 1..50) whose bugged-engine output has a finding that the bug-free
// engine's output has not is shrunk with the campaign's predicate ("the
// engine with this bug, then checkPath, still finds KIND") and budget (1500
// predicate calls). One iteration per bug: the wall time
// of a whole reduction, plus counters for the calls and the ops before and
// after. Bugs that no kernel triggers are skipped with a message.
#include <benchmark/benchmark.h>

#if __has_include("sync/Engine.h") && __has_include("reduce/Reducer.h")
#include <algorithm>
#include <filesystem>
#include <optional>

#include "gen/GenRequest.h"
#include "gen/Generator.h"
#include "ir/Parser.h"
#include "reduce/Predicate.h"
#include "reduce/Reducer.h"
#include "sync/Engine.h"

namespace syncsmith {
namespace {

// Ten tiles prefetched at once, each load followed by a store of a shared
// tile, then computed: more than 8 MTE2->V pairs live at once, so the
// engine runs out of event ids (what fallback-barrier-at-tail needs).
Kernel prefetchAll() {
  std::string t = "kernel prefetch_all {\n  buffer x gm 65536\n  buffer y gm 65536\n  buffer z ub 1024\n";
  for (int i = 0; i < 10; ++i) t += "  buffer u" + std::to_string(i) + " ub 1024\n";
  for (int i = 0; i < 10; ++i) {
    std::string lo = std::to_string(i * 1024), hi = std::to_string(i * 1024 + 1024);
    t += "  gm_to_ub u" + std::to_string(i) + " <- x[" + lo + ":" + hi + "]\n";
    t += "  ub_to_gm y[" + lo + ":" + hi + "] <- z\n";
  }
  for (int i = 0; i < 10; ++i) t += "  vexp u" + std::to_string(i) + " <- u" + std::to_string(i) + "\n";
  return parseKernel(t + "}\n", "prefetch_all.sk");
}

std::vector<Kernel> candidates() {
  std::vector<Kernel> out;
  out.push_back(prefetchAll());
  for (const char* dir : {"corpus/bugs", "corpus/examples", "corpus/bench"}) {
    std::filesystem::path root = std::filesystem::path(SYNCSMITH_SOURCE_ROOT) / dir;
    if (!std::filesystem::exists(root)) continue;
    std::vector<std::filesystem::path> files;
    for (const auto& e : std::filesystem::recursive_directory_iterator(root))
      if (e.path().extension() == ".sk" && e.path().stem().extension() != ".synced")
        files.push_back(e.path());
    std::sort(files.begin(), files.end());
    for (const auto& f : files) {
      try {
        out.push_back(stripSync(parseKernelFile(f.string())));
      } catch (const std::exception&) {
      }
    }
  }
  for (uint64_t seed = 1; seed <= 50; ++seed) {
    gen::GenRequest r;
    r.seed = seed;
    out.push_back(gen::generateSeeded(seed, r.options()).kernel);
  }
  return out;
}

reduce::FindingCheck checkFor(InjectedBug bug, FindingKind kind) {
  reduce::FindingCheck c;
  c.kind = kind;
  c.transform = [bug](const Kernel& k) -> std::optional<Kernel> {
    try {
      EngineOptions o;
      o.bug = bug;
      return synchronize(k, o).kernel;
    } catch (const std::exception&) {
      return std::nullopt;
    }
  };
  return c;
}

struct Case {
  Kernel kernel;
  reduce::FindingCheck check;
};

std::optional<Case> findCase(InjectedBug bug) {
  static const std::vector<Kernel> all = candidates();
  for (const Kernel& k : all)
    for (FindingKind kind : {FindingKind::Race, FindingKind::Deadlock, FindingKind::DoubleSet,
                             FindingKind::Dangling, FindingKind::BadEventId}) {
      reduce::FindingCheck c = checkFor(bug, kind);
      // The bug's doing: the bug-free engine's output has no such finding.
      if (reduce::hasFinding(k, c) && !reduce::hasFinding(k, checkFor(InjectedBug::None, kind)))
        return Case{k, c};
    }
  return std::nullopt;
}

void BM_ReduceInjectedBug(benchmark::State& state, InjectedBug bug) {
  std::optional<Case> c = findCase(bug);
  if (!c) {
    state.SkipWithError("no candidate kernel triggers this bug");
    return;
  }
  reduce::ReduceOptions opts;
  opts.maxCalls = 1500;
  reduce::ReduceResult r;
  for (auto _ : state) r = reduce::reduceKernel(c->kernel, reduce::findingPredicate(c->check), opts);
  state.SetLabel(c->kernel.name + " " + std::string(findingKindName(c->check.kind)));
  state.counters["calls"] = double(r.stats.calls);
  state.counters["ops_before"] = r.stats.opsBefore;
  state.counters["ops_after"] = r.stats.opsAfter;
  state.counters["budget_exhausted"] = r.stats.budgetExhausted;
}

[[maybe_unused]] const bool kRegistered = [] {
  for (const InjectedBugInfo& b : injectedBugs())
    benchmark::RegisterBenchmark(("BM_ReduceInjectedBug/" + std::string(b.name)).c_str(),
                                 BM_ReduceInjectedBug, b.bug)
        ->Iterations(1)
        ->Unit(benchmark::kMillisecond);
  return true;
}();

}  // namespace
}  // namespace syncsmith
#endif
