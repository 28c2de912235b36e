#include "campaign/Reproducer.h"

#include <unistd.h>

#include "campaign/Export.h"
#include "campaign/Sandbox.h"
#include "campaign/Signature.h"
#include "gen/Generator.h"
#include "reduce/Reducer.h"

namespace syncsmith::campaign {
namespace {

bool isModelKind(const std::string& kind) {
  return kind == "RACE" || kind == "DEADLOCK" || kind == "DOUBLE_SET" || kind == "DANGLING" ||
         kind == "BAD_EVENT_ID";
}

// Only the stages a signature needs, so that each predicate call is cheap.
AnalysisConfig predicateConfig(const SignatureRecord& rec, AnalysisConfig cfg) {
  if (rec.kind == "BAD_OUTPUT") {
    cfg.stages = {false, false, false};
  } else if (isModelKind(rec.kind) && rec.source == "oracle") {
    cfg.stages = {true, false, false};
  } else if (rec.kind == "NO_REPLAY") {
    cfg.stages = {true, false, true};
  } else {
    cfg.stages.replay = false;  // SIM_ONLY, and simulator findings the oracle could not decide
  }
  return cfg;
}

}  // namespace

bool stillShows(const Kernel& k, const CampaignOptions& o, const SignatureRecord& rec,
                const AnalysisConfig& cfg) {
  uint64_t simSeed = simSeedFor(o.id, rec.firstIndex);
  // With an injected bug, the bug-free engine must not show the signature
  // (the campaign dropped such findings as baseline).
  auto shows = [&] {
    if (!hasSignature(analyzeKernel(k, cfg, simSeed), rec.signature)) return false;
    if (cfg.engine.bug == InjectedBug::None) return true;
    AnalysisConfig bugFree = cfg;
    bugFree.engine.bug = InjectedBug::None;
    return !hasSignature(analyzeKernel(k, bugFree, simSeed), rec.signature);
  };
  if (rec.kind != "CRASH") return shows();
  // A crash may be a signal: run in a child; exit 0 = the same exception.
  ChildOutcome c = runInChild([&] { return shows() ? 0 : 1; }, std::max(5.0, o.kernelTimeout));
  if (c.exited) return c.code == 0;
  if (c.signal.empty()) return false;
  return signalSignature(c.stage, c.signal) == rec.signature;
}

ExportResult reduceAndExport(const CampaignOptions& o, const SignatureRecord& rec, bool reduce,
                             const std::string& note) {
  gen::GenRequest req = requestFor(o.id, rec.firstIndex);
  gen::GenOptions genOptions = req.options();
  gen::Generated g = gen::generateSeeded(req.seed, genOptions);
  AnalysisConfig full = analysisConfig(o);

  ExportInput in;
  in.options = &o;
  in.record = &rec;
  in.request = req;
  in.original = g.kernel;
  in.reduced = g.kernel;
  in.opsBefore = countStmts(g.kernel).ops;
  in.opsAfter = in.opsBefore;
  if (!reduce) in.note = note.empty() ? "not reduced" : note;

  if (reduce) {
    AnalysisConfig cfg = predicateConfig(rec, full);
    // The graph engine decides kernels with ?conditions by enumerating their
    // paths: the same answers as Z3 here, and faster on small kernels. Fall
    // back to the campaign's engine when it does not show the signature.
    cfg.oracle.engine = OracleEngine::Graph;
    if (!stillShows(g.kernel, o, rec, cfg)) cfg.oracle.engine = full.oracle.engine;
    reduce::ReduceOptions ro;
    ro.maxCalls = std::max<size_t>(o.reduceCalls, 10);
    // Stage 1 mostly pays off early; the tree stage does the rest cheaply.
    ro.maxChoiceCalls = std::min<size_t>(200, ro.maxCalls / 4);
    reduce::ReduceResult r = reduce::reduceGenerated(
        genOptions, g.choices, [&](const Kernel& k) { return stillShows(k, o, rec, cfg); }, ro);
    in.calls = r.stats.calls;
    if (r.inputInteresting) {
      in.reduced = r.kernel;
      in.opsAfter = r.stats.opsAfter;
      in.wasReduced = true;
      if (r.stats.budgetExhausted) in.note = "the reduction stopped at its call budget (--reduce-calls)";
    } else {
      in.note = "not reduced: the finding did not show again when the kernel was re-checked";
    }
  }
  // The full analysis of what is exported (a crash: in a child).
  if (rec.kind != "CRASH" && rec.kind != "HANG")
    in.analysis = analyzeKernel(in.reduced, full, simSeedFor(o.id, rec.firstIndex));
  return exportReproducer(in);
}

}  // namespace syncsmith::campaign
