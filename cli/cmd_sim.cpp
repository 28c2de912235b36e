// `syncsmith sim FILE`: run a synchronized kernel on concrete schedules (the
// reference simulator, docs/simulator.md). Exit 0 correct, 1 findings,
// 3 unknown (a path cut at the instruction limit), 2 bad input.
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

#include "Commands.h"
#include "ir/Parser.h"
#include "oracle/sim/Simulator.h"

namespace syncsmith::cli {
namespace {

struct SimArgs {
  std::string file;
  std::string policy;
  int runs = 1;
  uint64_t seed = 0;
  std::vector<std::string> params, conds;
  std::string flagKey = "pair";
  std::string gmVisibility = "fenced";
  bool ideal = false;
  bool syncBound = false;
  unsigned boundEffort = 10;
  std::string replayFile;
  std::string traceFile;
  bool json = false;
  size_t maxInstrs = 1'000'000;
};

std::optional<int64_t> parseInt(const std::string& s) {
  if (s.empty()) return std::nullopt;
  size_t pos = 0;
  try {
    long long v = std::stoll(s, &pos, 10);
    if (pos != s.size()) return std::nullopt;
    return int64_t(v);
  } catch (...) {
    return std::nullopt;
  }
}

bool isName(const std::string& s) {
  if (s.empty() || !(std::isalpha(uint8_t(s[0])) || s[0] == '_')) return false;
  for (char c : s)
    if (!(std::isalnum(uint8_t(c)) || c == '_')) return false;
  return true;
}

// --param NAME=INT
void parseParam(const std::string& arg, std::map<std::string, int64_t>& out) {
  size_t eq = arg.find('=');
  std::string name = arg.substr(0, eq);
  std::optional<int64_t> v = eq == std::string::npos ? std::nullopt : parseInt(arg.substr(eq + 1));
  if (!isName(name) || !v) throw InputError("--param", {}, "'" + arg + "': expected NAME=INTEGER, e.g. n=3");
  if (out.count(name)) throw InputError("--param", {}, "'" + arg + "': " + name + " is given twice");
  out[name] = *v;
}

// --cond NAME=0,1,1 (outcomes of the ifs named NAME, in execution order)
void parseCond(const std::string& arg, std::map<std::string, std::vector<bool>>& out) {
  size_t eq = arg.find('=');
  std::string name = arg.substr(0, eq);
  auto fail = [&] {
    throw InputError("--cond", {}, "'" + arg + "': expected NAME=OUTCOMES, e.g. c=1,0,1");
  };
  if (eq == std::string::npos || !isName(name)) fail();
  if (out.count(name)) throw InputError("--cond", {}, "'" + arg + "': " + name + " is given twice");
  std::vector<bool>& outs = out[name];
  std::stringstream list(arg.substr(eq + 1));
  std::string item;
  while (std::getline(list, item, ',')) {
    if (item == "1" || item == "true") outs.push_back(true);
    else if (item == "0" || item == "false") outs.push_back(false);
    else fail();
  }
  if (outs.empty()) fail();
}

SimOptions optionsOf(const SimArgs& a) {
  SimOptions o;
  auto fk = parseFlagKey(a.flagKey);
  auto gv = parseGmVisibility(a.gmVisibility);
  if (!fk) throw InputError("--flag-key", {}, "expected pair or src, got '" + a.flagKey + "'");
  if (!gv)
    throw InputError("--gm-visibility", {}, "expected fenced or retire, got '" + a.gmVisibility + "'");
  o.model.flagKey = *fk;
  o.model.gmVisibility = *gv;
  if (!a.policy.empty()) {
    o.policy = parseSimPolicy(a.policy);
    if (!o.policy)
      throw InputError("--policy", {}, "expected fixed, random or adversarial, got '" + a.policy + "'");
  }
  if (a.runs < 1) throw InputError("--runs", {}, "expected at least 1 run");
  o.runs = a.runs;
  o.seed = a.seed;
  for (const std::string& p : a.params) parseParam(p, o.params);
  for (const std::string& c : a.conds) parseCond(c, o.conds);
  if (a.syncBound) {
    if (o.policy && *o.policy != SimPolicy::Fixed)
      throw InputError("--sync-bound", {}, "the bound is for the fixed latencies: drop --policy " + a.policy);
    o.policy = SimPolicy::Fixed;
  }
  o.ideal = a.ideal || a.syncBound;
  o.syncBound = a.syncBound;
  if (a.boundEffort < 1 || a.boundEffort > 4000)
    throw InputError("--bound-effort", {}, "expected 1..4000 (millions of Z3 resource units)");
  o.syncBoundEffort = a.boundEffort * 1'000'000u;
  o.maxInstrs = a.maxInstrs;
  return o;
}

std::string readFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path, {}, "cannot read the witness file");
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void addSimCommand(CLI::App& app, int& exitCode) {
  auto* cmd = app.add_subcommand(
      "sim", "Run a kernel on concrete schedules: races, token findings, data damage, cycles");
  auto a = std::make_shared<SimArgs>();
  cmd->add_option("FILE", a->file, "kernel file (.sk), - for stdin")->required();
  cmd->add_option("--policy", a->policy,
                  "fixed|random|adversarial (default: run 0 fixed, then random and adversarial in turn)");
  cmd->add_option("--runs", a->runs, "number of schedules (seeds SEED..SEED+N-1)");
  cmd->add_option("--seed", a->seed, "first seed");
  cmd->add_option("--param", a->params, "NAME=INT, repeatable (others drawn per run)");
  cmd->add_option("--cond", a->conds, "NAME=1,0,1: outcomes of `if ?NAME` in execution order, repeatable");
  cmd->add_option("--flag-key", a->flagKey, "flags keyed by (src,dst,id) or (src,id): pair|src");
  cmd->add_option("--gm-visibility", a->gmVisibility, "GM writes commit at fence or end: fenced|retire");
  cmd->add_flag("--ideal", a->ideal,
                "strip the sync and enforce the true dependencies directly: the lower bound in cycles");
  cmd->add_flag("--sync-bound", a->syncBound,
                "like --ideal, but every producer on a pipelined pipe pays for the drain that "
                "signals it: the least cycles any correct sync can reach (Z3)");
  cmd->add_option("--bound-effort", a->boundEffort,
                  "Z3 effort per call for --sync-bound, in millions of resource units (deterministic); "
                  "when spent, the bound proven so far is printed");
  cmd->add_option("--replay", a->replayFile, "re-run a witness (JSON from sim or check)");
  cmd->add_option("--trace", a->traceFile, "write a Chrome trace (Perfetto) of the shown run");
  cmd->add_flag("--json", a->json, "print the result as JSON");
  cmd->add_option("--max-instrs", a->maxInstrs, "instructions per path (longer: unknown)");
  cmd->callback([a, &exitCode] {
    SimOptions opts = optionsOf(*a);
    Kernel k = parseKernelFile(a->file);
    SimResult r;
    if (!a->replayFile.empty()) {
      if (a->ideal || a->syncBound)
        throw InputError("--replay", {}, "cannot be combined with --ideal or --sync-bound");
      Witness w = witnessFromJson(readFile(a->replayFile), a->replayFile);
      r = replay(k, w, a->replayFile);
    } else {
      r = simulate(k, opts);
    }
    if (!a->traceFile.empty() && r.shown) {
      std::ofstream out(a->traceFile, std::ios::binary);
      if (!out) throw InputError(a->traceFile, {}, "cannot write the trace file");
      out << chromeTraceJson(*r.shown) << "\n";
    }
    if (a->json)
      std::cout << simResultToJson(r) << "\n";
    else
      std::cout << simResultToText(r, a->file);
    exitCode = verdictExitCode(r.check.verdict);
  });
}

}  // namespace

SYNCSMITH_COMMAND(sim, 40, addSimCommand);

}  // namespace syncsmith::cli
