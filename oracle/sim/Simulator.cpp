#include "Simulator.h"

#include <set>
#include <tuple>

#include "Rng.h"
#include "Run.h"

namespace syncsmith {
namespace {

// Errors in options name the option (as `check` does); in a witness, its file.
[[noreturn]] void bad(const std::string& file, const std::string& msg) {
  throw InputError(file, {}, msg);
}

std::string paramNames(const Kernel& k) {
  std::string s;
  for (const Param& p : k.params) s += (s.empty() ? "" : ", ") + p.name;
  return s.empty() ? "none" : s;
}

void checkGiven(const Kernel& k, const std::map<std::string, int64_t>& params,
                const std::map<std::string, std::vector<bool>>& conds, const std::string& file) {
  for (const auto& [name, v] : params) {
    const Param* p = k.findParam(name);
    const std::string where = file.empty() ? "--param" : file;
    if (!p) bad(where, "param " + name + ": the kernel has no param of that name (params: " + paramNames(k) + ")");
    if (v < p->lo || v > p->hi)
      bad(where, "param " + name + "=" + std::to_string(v) + " is outside its range " +
                    std::to_string(p->lo) + ".." + std::to_string(p->hi));
  }
  std::vector<std::string> known = runtimeCondNames(k);
  for (const auto& [name, outs] : conds)
    if (std::find(known.begin(), known.end(), name) == known.end())
      bad(file.empty() ? "--cond" : file, "cond " + name + ": the kernel has no `if ?" + name + "`");
}

// Given values, the others drawn: ends of the range (and lo+1) an eighth of
// the time each, since that is where zero-trip and single-trip bugs hide.
std::map<std::string, int64_t> drawParams(const Kernel& k, const std::map<std::string, int64_t>& given,
                                          uint64_t seed) {
  sim::Rng rng(seed, "params");
  std::map<std::string, int64_t> out;
  for (const Param& p : k.params) {
    uint64_t pick = rng.below(8);
    int64_t v = pick == 0 ? p.lo : pick == 1 ? p.hi : pick == 2 && p.lo < p.hi ? p.lo + 1 : rng.between(p.lo, p.hi);
    auto it = given.find(p.name);
    out[p.name] = it != given.end() ? it->second : v;
  }
  return out;
}

SimPolicy policyOfRun(const SimOptions& o, int r) {
  if (o.policy) return *o.policy;
  if (r == 0) return SimPolicy::Fixed;
  return r % 2 == 1 ? SimPolicy::Random : SimPolicy::Adversarial;
}

struct Merger {
  SimResult result;
  std::map<std::tuple<int, std::vector<int>, bool>, size_t> seen;  // -> index in findings
  std::set<std::pair<std::map<std::string, int64_t>, std::map<std::string, std::vector<bool>>>> paths;
  int64_t instructions = 0;
  bool truncated = false;

  void add(const std::shared_ptr<RunDetail>& run) {
    if (result.runs.empty()) {
      result.cycles = run->summary.cycles;
      result.pipes = run->pipes;
      result.syncs = run->syncs;
      result.instructions = int64_t(run->summary.instructions);
      result.shown = run;
    } else if (result.check.findings.empty() && !run->findings.empty()) {
      result.shown = run;
    }
    result.runs.push_back(run->summary);
    paths.insert({run->summary.witness.params, run->summary.witness.conds});
    instructions += int64_t(run->summary.instructions);
    truncated |= run->summary.truncated;
    for (const Finding& f : run->findings) {
      bool data = f.message.rfind("data corrupted", 0) == 0;
      auto key = std::make_tuple(int(f.kind), f.lines(), data);
      auto it = seen.find(key);
      if (it == seen.end()) {
        seen.emplace(key, result.check.findings.size());
        result.check.findings.push_back(f);
        continue;
      }
      // Prefer a witness that is a run's own schedule over one derived from it.
      Finding& kept = result.check.findings[it->second];
      if (kept.witness.policy.empty() && !f.witness.policy.empty()) kept = f;
    }
  }

  SimResult finish(size_t maxInstrs) {
    CheckResult& c = result.check;
    c.bounds["runs"] = int64_t(result.runs.size());
    c.bounds["paths"] = int64_t(paths.size());
    c.bounds["instructions"] = instructions;
    if (!c.findings.empty()) {
      c.verdict = Verdict::Buggy;
    } else if (truncated) {
      c.verdict = Verdict::Unknown;
      c.reason = "a path was cut at " + std::to_string(maxInstrs) + " instructions";
    } else {
      c.verdict = Verdict::Correct;
    }
    return std::move(result);
  }
};

}  // namespace

std::string_view simPolicyName(SimPolicy p) {
  switch (p) {
    case SimPolicy::Fixed: return "fixed";
    case SimPolicy::Random: return "random";
    case SimPolicy::Adversarial: return "adversarial";
  }
  return "fixed";
}

std::optional<SimPolicy> parseSimPolicy(std::string_view s) {
  for (SimPolicy p : {SimPolicy::Fixed, SimPolicy::Random, SimPolicy::Adversarial})
    if (simPolicyName(p) == s) return p;
  return std::nullopt;
}

SimResult simulate(const Kernel& k, const SimOptions& opts) {
  checkGiven(k, opts.params, opts.conds, "");
  if (opts.runs < 1) bad("--runs", "expected at least 1 run");
  auto kernel = std::make_shared<const Kernel>(opts.ideal ? stripSync(k) : k);
  Merger m;
  m.result.ideal = opts.ideal;
  m.result.syncBound = opts.ideal && opts.syncBound;
  for (int r = 0; r < opts.runs; ++r) {
    sim::RunSpec spec;
    spec.kernel = kernel;
    spec.policy = policyOfRun(opts, r);
    spec.seed = opts.seed + uint64_t(r);
    spec.policyLabel = std::string(simPolicyName(spec.policy));
    spec.params = drawParams(*kernel, opts.params, spec.seed);
    spec.conds = opts.conds;
    spec.model = opts.model;
    spec.ideal = opts.ideal;
    spec.syncBound = opts.syncBound;
    spec.syncBoundEffort = opts.syncBoundEffort;
    spec.syncBoundProbes = opts.syncBoundProbes;
    spec.dataCheck = opts.dataCheck;
    spec.maxInstrs = opts.maxInstrs;
    spec.maxWitnessEvents = opts.maxWitnessEvents;
    m.add(sim::runOnce(spec));
  }
  return m.finish(opts.maxInstrs);
}

SimResult replay(const Kernel& k, const Witness& w, const std::string& file) {
  checkGiven(k, w.params, w.conds, file);
  std::optional<SimPolicy> policy = SimPolicy::Fixed;
  if (!w.policy.empty()) {
    policy = parseSimPolicy(w.policy);
    if (!policy) bad(file, "unknown policy \"" + w.policy + "\" (fixed, random or adversarial)");
  }
  auto kernel = std::make_shared<const Kernel>(k);
  sim::RunSpec spec;
  spec.kernel = kernel;
  spec.policy = *policy;
  spec.seed = w.seed;
  spec.policyLabel = w.policy;
  spec.params = drawParams(k, w.params, w.seed);
  spec.conds = w.conds;
  spec.model = w.model;
  spec.schedule = w.schedule.empty() ? nullptr : &w.schedule;
  spec.file = file;
  Merger m;
  m.add(sim::runOnce(spec));
  return m.finish(spec.maxInstrs);
}

}  // namespace syncsmith
