// Per record: the ideal simulated path, then every engine mode and the
// sampled injected bugs, each synchronized, simulated on that path and
// checked by the oracle.
#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>

#include "dataset/RecordParts.h"
#include "ir/Parser.h"
#include "ir/Printer.h"
#include "oracle/sim/Simulator.h"
#include "oracle/smt/Oracle.h"
#include "sync/Engine.h"

namespace syncsmith::dataset {
namespace {

struct Variant {
  std::string name;  // "opt", "naive", "barrier-all", "bug:NAME"
  SyncMode mode = SyncMode::Opt;
  InjectedBug bug = InjectedBug::None;
};

uint64_t mix(uint64_t h, const std::string& s) {
  h ^= 0xcbf29ce484222325ull;
  for (unsigned char c : s) {
    h ^= c;
    h *= 0x100000001b3ull;
  }
  return h;
}

std::string syncedText(const Kernel& k, const Variant& v, SyncReport* report) {
  EngineOptions eo;
  eo.mode = v.mode;
  eo.bug = v.bug;
  SyncResult r = synchronize(k, eo);
  if (report) *report = std::move(r.report);
  return printKernel(r.kernel);
}

// The bugs whose output differs from opt's come first, each group in an
// order drawn from the seed; the first `count` are taken.
std::vector<Variant> sampleBugs(const Kernel& k, uint64_t seed, int count, const std::string& optText,
                                std::map<std::string, bool>& effective) {
  std::vector<std::pair<uint64_t, Variant>> order;
  for (const InjectedBugInfo& b : injectedBugs())
    order.push_back({mix(seed, std::string(b.name)),
                     Variant{"bug:" + std::string(b.name), SyncMode::Opt, b.bug}});
  std::sort(order.begin(), order.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
  std::vector<Variant> on, off;
  for (auto& [h, v] : order) {
    bool changes = false;
    if (int(on.size()) < count) {
      try {
        changes = syncedText(k, v, nullptr) != optText;
      } catch (const std::exception&) {
        changes = true;  // an engine failure is a difference worth recording
      }
    }
    effective[v.name] = changes;
    (changes ? on : off).push_back(v);
  }
  on.insert(on.end(), off.begin(), off.end());
  if (int(on.size()) > count) on.resize(size_t(std::max(0, count)));
  return on;
}

Json findingsJson(const CheckResult& r) {
  Json out = Json::array();
  for (const Finding& f : r.findings)
    out.push_back(Json{{"kind", findingKindName(f.kind)}, {"lines", f.lines()}, {"message", f.message}});
  return out;
}

// Oracle verdict and cycles of one synced text (cached by text: equal
// outputs of different modes are checked once).
struct Checked {
  Json oracle;
  Json cycles;
  bool deadlocked = false;
};

Checked checkText(const std::string& text, const std::string& file, const RecordOptions& o,
                  const SimPath& path) {
  Checked c;
  Kernel k = parseKernel(text, file);
  OracleOptions oo;
  oo.timeLimitMs = o.oracleTimeMs;
  oo.timeoutMs = o.z3TimeoutMs;
  oo.maxParams = o.maxParams;
  try {
    CheckResult r = checkKernel(k, oo);
    c.oracle = Json{{"verdict", verdictName(r.verdict)}, {"reason", r.reason}, {"findings", findingsJson(r)}};
  } catch (const std::exception& e) {
    c.oracle = Json{{"verdict", "unknown"}, {"reason", std::string("oracle error: ") + e.what()},
                    {"findings", Json::array()}};
  }
  c.cycles = nullptr;
  if (!path.error.empty()) return c;
  try {
    SimOptions so;
    so.policy = SimPolicy::Fixed;
    so.params = path.params;
    so.conds = path.conds;
    so.dataCheck = false;
    SimResult s = simulate(k, so);
    c.deadlocked = !s.runs.empty() && s.runs.front().deadlocked;
    if (!c.deadlocked && !(s.runs.empty() || s.runs.front().truncated)) c.cycles = s.cycles;
  } catch (const std::exception&) {
  }
  return c;
}

Json syncCounts(const SyncReport& r) {
  return Json{{"set_flag", r.setFlags},      {"wait_flag", r.waitFlags},
              {"pipe_barrier", r.barriers},  {"pipe_barrier_all", r.barrierAlls},
              {"gm_fence", r.fences},
              {"total", r.setFlags + r.waitFlags + r.barriers + r.barrierAlls + r.fences}};
}

Json engineJson(const SyncReport& r) {
  Json fb = Json::array();
  for (const auto& f : r.fallbacks) fb.push_back(Json{{"kind", f.kind}, {"reason", f.reason}, {"line", f.line}});
  return Json{{"hazards", r.hazards}, {"pairs", r.pairs}, {"credits", r.credits}, {"fallbacks", fb}};
}

}  // namespace

SimPath idealPath(const Kernel& k, uint64_t seed) {
  SimPath p;
  for (const Param& prm : k.params) p.params[prm.name] = prm.hi;
  try {
    SimOptions so;
    so.policy = SimPolicy::Fixed;
    so.seed = seed;
    so.params = p.params;
    so.ideal = true;
    so.dataCheck = false;
    SimResult s = simulate(k, so);
    if (s.runs.empty() || s.runs.front().truncated || s.runs.front().deadlocked) {
      p.error = "the ideal run did not complete";
      return p;
    }
    p.conds = s.runs.front().witness.conds;
    p.idealCycles = s.cycles;
    p.instructions = s.instructions;
  } catch (const std::exception& e) {
    p.error = e.what();
  }
  return p;
}

Json simPathJson(const SimPath& p) {
  Json conds = Json::object();
  for (const auto& [name, outs] : p.conds) conds[name] = outs;
  Json params = Json::object();
  for (const auto& [name, v] : p.params) params[name] = v;
  Json j{{"latencies", "fixed"}, {"params", params}, {"conds", conds}};
  j["ideal_cycles"] = p.error.empty() ? Json(p.idealCycles) : Json(nullptr);
  j["instructions"] = p.instructions;
  j["error"] = p.error.empty() ? Json(nullptr) : Json(p.error);
  return j;
}

Json modesJson(const Kernel& k, const KernelRef& ref, const RecordOptions& o, const SimPath& path) {
  std::vector<Variant> variants = {{"opt", SyncMode::Opt, InjectedBug::None},
                                   {"naive", SyncMode::Naive, InjectedBug::None},
                                   {"barrier-all", SyncMode::BarrierAll, InjectedBug::None}};
  std::string optText;
  try {
    optText = syncedText(k, variants[0], nullptr);
  } catch (const std::exception&) {
  }
  std::map<std::string, bool> effective;
  for (Variant& v : sampleBugs(k, ref.seed, o.bugs, optText, effective)) variants.push_back(v);

  std::map<std::string, Checked> cache;
  Json out = Json::array();
  for (const Variant& v : variants) {
    Json e{{"name", v.name}, {"mode", syncModeName(v.mode)}};
    e["bug"] = v.bug == InjectedBug::None ? Json(nullptr) : Json(injectedBugName(v.bug));
    e["changes_opt"] = v.bug == InjectedBug::None ? Json(nullptr) : Json(effective[v.name]);
    SyncReport report;
    std::string text;
    try {
      text = syncedText(k, v, &report);
    } catch (const std::exception& ex) {
      for (const char* f : {"synced", "syncs", "engine", "cycles", "oracle"}) e[f] = nullptr;
      e["deadlocked"] = false;
      e["error"] = std::string("engine: ") + ex.what();
      out.push_back(std::move(e));
      continue;
    }
    auto it = cache.find(text);
    if (it == cache.end()) it = cache.emplace(text, checkText(text, ref.id + "." + v.name + ".sk", o, path)).first;
    e["synced"] = text;
    e["syncs"] = syncCounts(report);
    e["engine"] = engineJson(report);
    e["cycles"] = it->second.cycles;
    e["deadlocked"] = it->second.deadlocked;
    e["oracle"] = it->second.oracle;
    e["error"] = nullptr;
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace syncsmith::dataset
