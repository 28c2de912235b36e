// `syncsmith check FILE...`: the oracle's verdict on each kernel.
// Exit 0 correct, 1 buggy, 3 unknown, 2 bad input; several files: the worst
// (bad input > unknown > buggy > correct).
#include <fstream>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "Commands.h"
#include "ir/Parser.h"
#include "oracle/smt/Dot.h"
#include "oracle/smt/Oracle.h"

namespace syncsmith::cli {
namespace {

struct CheckArgs {
  std::vector<std::string> files;
  bool json = false;
  std::string flagKey = "pair";
  std::string gmVisibility = "fenced";
  std::string engine = "auto";
  std::string dot;
  unsigned timeoutMs = 10'000;
  uint64_t timeLimitMs = 120'000;
  size_t maxParams = 4096;
  size_t maxInstrs = 20'000;
  size_t maxPaths = 4096;
  bool redundant = false;
};

int severity(int exitCode) {
  switch (exitCode) {
    case 0:
      return 0;
    case 1:
      return 1;
    case 3:
      return 2;
    default:
      return 3;  // 2: bad input
  }
}

OracleOptions optionsOf(const CheckArgs& a) {
  OracleOptions o;
  auto fk = parseFlagKey(a.flagKey);
  auto gv = parseGmVisibility(a.gmVisibility);
  auto en = parseOracleEngine(a.engine);
  if (!fk) throw InputError("--flag-key", {}, "expected pair or src, got '" + a.flagKey + "'");
  if (!gv)
    throw InputError("--gm-visibility", {},
                     "expected fenced or retire, got '" + a.gmVisibility + "'");
  if (!en) throw InputError("--engine", {}, "expected auto, graph or smt, got '" + a.engine + "'");
  o.model.flagKey = *fk;
  o.model.gmVisibility = *gv;
  o.engine = *en;
  o.timeoutMs = a.timeoutMs;
  o.timeLimitMs = a.timeLimitMs;
  o.maxParams = a.maxParams;
  o.maxInstrs = a.maxInstrs;
  o.maxPaths = a.maxPaths;
  o.redundant = a.redundant;
  return o;
}

void printHuman(const std::string& file, const CheckResult& r) {
  for (const Finding& f : r.findings) std::cout << file << ": " << describe(f) << "\n";
  std::cout << file << ": " << verdictName(r.verdict);
  size_t bugs = 0;
  for (const Finding& f : r.findings) bugs += f.kind != FindingKind::Redundant;
  if (r.verdict == Verdict::Buggy)
    std::cout << " (" << bugs << " finding" << (bugs == 1 ? "" : "s") << ")";
  if (!r.reason.empty()) std::cout << ": " << r.reason;
  std::cout << "\n";
}

void writeDot(const std::string& path, const Kernel& k, const CheckResult& r) {
  const Finding* pick = nullptr;
  for (const Finding& f : r.findings)
    if (f.kind != FindingKind::Redundant) {
      pick = &f;
      break;
    }
  std::ofstream out(path);
  if (!out) throw InputError(path, {}, "cannot write the dot file");
  if (pick)
    out << findingDot(k, *pick);
  else
    out << "digraph hb {\n  label=\"" << verdictName(r.verdict) << ": no finding\";\n}\n";
}

void addCheckCommand(CLI::App& app, int& exitCode) {
  auto* cmd = app.add_subcommand(
      "check", "Prove a synchronized kernel correct or find its sync bugs, with witnesses");
  auto a = std::make_shared<CheckArgs>();
  cmd->add_option("FILE", a->files, "kernel files (.sk), - for stdin")->required();
  cmd->add_flag("--json", a->json, "print the result as JSON (one object per file and line)");
  cmd->add_option("--flag-key", a->flagKey, "flags keyed by (src,dst,id) or (src,id): pair|src");
  cmd->add_option("--gm-visibility", a->gmVisibility,
                  "GM writes commit at fence or end: fenced|retire");
  cmd->add_option("--timeout-ms", a->timeoutMs, "per Z3 query (0: none)");
  cmd->add_option("--time-limit-ms", a->timeLimitMs, "whole check per file (0: none)");
  cmd->add_flag("--redundant", a->redundant, "also report REDUNDANT sync units on correct kernels");
  cmd->add_option("--dot", a->dot,
                  "write the happens-before graph of the first finding (Graphviz)");
  cmd->add_option("--engine", a->engine,
                  "auto (graph without ?conditions, else smt) | graph | smt");
  cmd->add_option("--max-params", a->maxParams, "param combinations explored (bound)");
  cmd->add_option("--max-instrs", a->maxInstrs, "instructions per path / unrolled program (bound)");
  cmd->add_option("--max-paths", a->maxPaths,
                  "graph engine: ?-outcome paths per param combination");
  cmd->callback([a, &exitCode] {
    OracleOptions opts = optionsOf(*a);
    int worst = 0;
    bool dotWritten = false;
    for (size_t n = 0; n < a->files.size(); ++n) {
      const std::string& file = a->files[n];
      int code;
      try {
        Kernel k = parseKernelFile(file);
        CheckResult r = checkKernel(k, opts);
        if (a->json) {
          nlohmann::json j = nlohmann::json::parse(toJson(r));
          if (a->files.size() > 1) j["file"] = file;
          std::cout << j.dump() << "\n";
        } else {
          printHuman(file, r);
        }
        // --dot: the first file with a finding (else the last file).
        bool last = n + 1 == a->files.size();
        if (!a->dot.empty() && !dotWritten && (r.verdict == Verdict::Buggy || last)) {
          writeDot(a->dot, k, r);
          dotWritten = true;
        }
        code = verdictExitCode(r.verdict);
      } catch (const InputError& e) {
        if (a->files.size() == 1) throw;
        std::cerr << e.what() << "\n";
        code = 2;
      }
      if (severity(code) > severity(worst)) worst = code;
    }
    exitCode = worst;
  });
}

}  // namespace

SYNCSMITH_COMMAND(check, 30, addCheckCommand);

}  // namespace syncsmith::cli
