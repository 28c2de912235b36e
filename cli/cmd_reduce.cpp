// `syncsmith reduce FILE --keep KIND`: shrinks a kernel while the model still
// finds KIND on some path (of the kernel as written, or with --after-sync of
// the sync engine's output). Generated files (with a `# syncsmith gen ...`
// header) first get their choice stream shrunk.
#include <fstream>
#include <functional>
#include <iostream>
#include <sstream>

#include "Commands.h"
#include "gen/GenRequest.h"
#include "ir/Parser.h"
#include "ir/Printer.h"
#include "reduce/Predicate.h"
#include "reduce/Reducer.h"

#if __has_include("sync/Engine.h")
#include "sync/Engine.h"
#define SYNCSMITH_HAVE_ENGINE 1
#endif

namespace syncsmith::cli {
namespace {

struct ReduceArgs {
  std::string file;
  std::string keep;
  std::string out;
  std::string flagKey = "pair";
  std::string gmVisibility = "fenced";
  bool afterSync = false;
  std::string syncMode = "opt";
  std::string injectBug;
  bool noChoices = false;
  size_t maxCalls = 20000;
};

std::string readText(const std::string& path) {
  std::stringstream ss;
  if (path == "-") {
    ss << std::cin.rdbuf();
    return ss.str();
  }
  std::ifstream f(path, std::ios::binary);
  if (!f) throw InputError(path, {1, 1}, "cannot read file");
  ss << f.rdbuf();
  return ss.str();
}

// --after-sync: the engine's output (re-parsed, so that it is laid out and
// validated) is what gets checked; a kernel the engine refuses, or whose
// output does not validate, is not interesting.
std::function<std::optional<Kernel>(const Kernel&)> afterSync(const ReduceArgs& a,
                                                               const ModelOptions& model) {
#ifdef SYNCSMITH_HAVE_ENGINE
  EngineOptions opts;
  opts.model = model;
  auto mode = parseSyncMode(a.syncMode);
  if (!mode) throw CLI::ValidationError("--sync-mode", "unknown mode '" + a.syncMode + "'");
  opts.mode = *mode;
  if (!a.injectBug.empty()) {
    auto bug = parseInjectedBug(a.injectBug);
    if (!bug) throw CLI::ValidationError("--inject-bug", "unknown bug '" + a.injectBug + "'");
    opts.bug = *bug;
  }
  return [opts](const Kernel& k) -> std::optional<Kernel> {
    try {
      return parseKernel(printKernel(synchronize(k, opts).kernel), "synced.sk");
    } catch (const std::exception&) {
      return std::nullopt;
    }
  };
#else
  throw InputError(a.file, {1, 1}, "--after-sync needs the sync engine, which this build lacks");
#endif
}

// The generator run that produced `k`, when the file says so and replaying
// it gives exactly `k`.
std::optional<gen::Generated> generatorRun(const std::string& text, const Kernel& k,
                                           gen::GenOptions& options) {
  auto req = gen::findGenHeader(text);
  if (!req) return std::nullopt;
  options = req->options();
  gen::Generated g = gen::generateSeeded(req->seed, options);
  if (!(g.kernel == k)) return std::nullopt;  // edited since: tree stage only
  return g;
}

void addReduceCommand(CLI::App& app, int& exitCode) {
  auto* cmd = app.add_subcommand("reduce", "Shrink a kernel while it keeps a finding");
  auto a = std::make_shared<ReduceArgs>();
  cmd->add_option("FILE", a->file, "kernel file (.sk), - for stdin")->required();
  cmd->add_option("--keep", a->keep, "the finding kind to keep (RACE, DEADLOCK, ...)")
      ->required()
      ->check(CLI::IsMember({"RACE", "DEADLOCK", "DOUBLE_SET", "DANGLING", "BAD_EVENT_ID"}));
  cmd->add_option("-o,--out", a->out, "write the reduced kernel here (default: stdout)");
  cmd->add_option("--flag-key", a->flagKey, "flags keyed by (src,dst,id) or (src,id): pair|src")
      ->check(CLI::IsMember({"pair", "src"}));
  cmd->add_option("--gm-visibility", a->gmVisibility, "fenced|retire")
      ->check(CLI::IsMember({"fenced", "retire"}));
  cmd->add_flag("--after-sync", a->afterSync,
                "check the sync engine's output instead of the kernel as written");
  cmd->add_option("--sync-mode", a->syncMode, "with --after-sync: opt (default), naive, barrier-all");
  cmd->add_option("--inject-bug", a->injectBug, "with --after-sync: the engine's injected bug");
  cmd->add_flag("--no-choices", a->noChoices, "skip the choice-stream stage for generated files");
  cmd->add_option("--max-calls", a->maxCalls, "predicate-call budget")->check(CLI::PositiveNumber);
  cmd->callback([a, &exitCode] {
    std::string text = readText(a->file);
    Kernel k = parseKernel(text, a->file);
    reduce::FindingCheck check;
    check.kind = *parseFindingKind(a->keep);
    check.model.flagKey = *parseFlagKey(a->flagKey);
    check.model.gmVisibility = *parseGmVisibility(a->gmVisibility);
    if (a->afterSync) check.transform = afterSync(*a, check.model);
    reduce::Interesting pred = reduce::findingPredicate(check);
    reduce::ReduceOptions opts;
    opts.maxCalls = a->maxCalls;

    gen::GenOptions genOptions;
    std::optional<gen::Generated> run;
    if (!a->noChoices) run = generatorRun(text, k, genOptions);
    reduce::ReduceResult r = run ? reduce::reduceGenerated(genOptions, run->choices, pred, opts)
                                 : reduce::reduceKernel(k, pred, opts);
    if (!r.inputInteresting)
      throw InputError(a->file, {1, 1},
                       "no " + a->keep + " finding in the kernel as given: nothing to keep");

    const reduce::ReduceStats& s = r.stats;
    std::string out = "# reduced by syncsmith reduce --keep " + a->keep + ": ops " +
                      std::to_string(s.opsBefore) + " -> " + std::to_string(s.opsAfter) + "\n" +
                      printKernel(r.kernel);
    if (a->out.empty()) {
      std::cout << out;
    } else {
      std::ofstream f(a->out, std::ios::binary);
      f << out;
      if (!f) throw InputError(a->out, {1, 1}, "cannot write file");
    }
    std::cerr << "reduce: keeps " << a->keep << "; ops " << s.opsBefore << " -> " << s.opsAfter
              << ", statements " << s.stmtsBefore << " -> " << s.stmtsAfter << "; "
              << s.calls << " predicate calls";
    if (run) std::cerr << " (" << s.choiceCalls << " on the choice stream)";
    std::cerr << ", " << s.invalid << " invalid candidates discarded, " << s.rounds
              << " tree rounds";
    if (s.budgetExhausted) std::cerr << "; call budget exhausted (result may not be minimal)";
    std::cerr << "\n";
    exitCode = 0;
  });
}

}  // namespace

SYNCSMITH_COMMAND(reduce, 70, addReduceCommand);

}  // namespace syncsmith::cli
