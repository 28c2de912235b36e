// `syncsmith sync FILE`: insert the sync a kernel needs (engine/sync).
#include <fstream>
#include <iostream>

#include "Commands.h"
#include "ir/Parser.h"
#include "ir/Printer.h"
#include "sync/Engine.h"

namespace syncsmith::cli {
namespace {

struct SyncArgs {
  std::string file;
  std::string out;
  std::string mode = "opt";
  std::string flagKey = "pair";
  std::string gmVisibility = "fenced";
  std::string bug;
  bool listBugs = false;
  bool strict = false;
  bool report = false;
  bool json = false;
};

[[noreturn]] void usage(const std::string& msg) {
  throw InputError("<arguments>", SrcLoc{}, msg);
}

EngineOptions optionsOf(const SyncArgs& a) {
  EngineOptions o;
  o.file = a.file;
  o.strict = a.strict;
  auto mode = parseSyncMode(a.mode);
  if (!mode) usage("unknown --mode '" + a.mode + "' (opt, naive, barrier-all)");
  o.mode = *mode;
  auto key = parseFlagKey(a.flagKey);
  if (!key) usage("unknown --flag-key '" + a.flagKey + "' (pair, src)");
  o.model.flagKey = *key;
  auto vis = parseGmVisibility(a.gmVisibility);
  if (!vis) usage("unknown --gm-visibility '" + a.gmVisibility + "' (fenced, retire)");
  o.model.gmVisibility = *vis;
  if (!a.bug.empty()) {
    auto bug = parseInjectedBug(a.bug);
    if (!bug) usage("unknown --inject-bug '" + a.bug + "' (see --list-bugs)");
    o.bug = *bug;
  }
  return o;
}

void runSync(const SyncArgs& a, int& exitCode) {
  if (a.listBugs) {
    for (const InjectedBugInfo& b : injectedBugs())
      std::cout << b.name << "  " << b.description << "\n";
    exitCode = 0;
    return;
  }
  if (a.file.empty()) usage("sync needs a FILE (or --list-bugs)");
  EngineOptions opts = optionsOf(a);
  Kernel k = parseKernelFile(a.file);
  SyncResult r = synchronize(k, opts);
  std::string text = printKernel(r.kernel);
  if (a.out.empty()) {
    std::cout << text;
  } else {
    std::ofstream f(a.out, std::ios::binary);
    if (!f) throw InputError(a.out, SrcLoc{1, 1}, "cannot write the output file");
    f << text;
  }
  if (a.report || a.json)
    std::cerr << (a.json ? reportJson(r.report) + "\n" : reportText(r.report));
  exitCode = 0;
}

void addSyncCommand(CLI::App& app, int& exitCode) {
  auto* cmd = app.add_subcommand(
      "sync", "Insert the sync a kernel needs (set/wait, barriers, fences) and print it");
  auto a = std::make_shared<SyncArgs>();
  cmd->add_option("FILE", a->file, "kernel file (.sk), - for stdin");
  cmd->add_option("-o,--output", a->out, "write the synced kernel here instead of stdout");
  cmd->add_option("--mode", a->mode, "opt (default), naive, barrier-all");
  cmd->add_option("--flag-key", a->flagKey, "flags keyed by pair (src,dst,id) or src (src,id)");
  cmd->add_option("--gm-visibility", a->gmVisibility, "fenced (default) or retire");
  cmd->add_option("--inject-bug", a->bug, "reproduce a known bug class on purpose");
  cmd->add_flag("--list-bugs", a->listBugs, "list the injectable bugs and exit");
  cmd->add_flag("--strict", a->strict, "refuse input that already contains sync");
  cmd->add_flag("--report", a->report, "print what was inserted and every fallback to stderr");
  cmd->add_flag("--json", a->json, "the report as JSON (implies --report)");
  cmd->callback([a, &exitCode] { runSync(*a, exitCode); });
}

}  // namespace

SYNCSMITH_COMMAND(sync, 50, addSyncCommand);

}  // namespace syncsmith::cli
