// `sim` output: the JSON object (toJson(CheckResult) plus figures) and the
// human summary.
#include <nlohmann/json.hpp>
#include <sstream>

#include "Simulator.h"

namespace syncsmith {
namespace {

using nlohmann::json;

json pipesJson(const std::array<PipeStats, kNumPipes>& pipes) {
  json j = json::object();
  for (Pipe p : kAllPipes) {
    const PipeStats& s = pipes[size_t(p)];
    if (s.instructions == 0) continue;
    j[std::string(pipeName(p))] = {{"instructions", s.instructions},
                                   {"syncs", s.syncs},
                                   {"busy", s.busy},
                                   {"stall", s.stall}};
  }
  return j;
}

std::string pathText(const Witness& w) {
  std::string s;
  for (const auto& [n, v] : w.params) s += (s.empty() ? "" : " ") + n + "=" + std::to_string(v);
  for (const auto& [n, outs] : w.conds) {
    s += (s.empty() ? "?" : " ?") + n + "=";
    for (size_t k = 0; k < outs.size(); ++k) s += (k ? "," : "") + std::string(outs[k] ? "1" : "0");
  }
  return s.empty() ? "(no params)" : s;
}

std::string howText(const Witness& w) {
  if (!w.policy.empty()) return w.policy + " seed " + std::to_string(w.seed);
  return "explicit schedule";
}

}  // namespace

std::string simResultToJson(const SimResult& r, int indent) {
  json j = json::parse(toJson(r.check));
  j["ideal"] = r.ideal;
  if (r.syncBound) j["sync_bound"] = true;
  j["cycles"] = r.cycles;
  j["instructions"] = r.instructions;
  j["syncs"] = r.syncs;
  j["pipes"] = pipesJson(r.pipes);
  json runs = json::array();
  for (const RunSummary& s : r.runs) {
    json w = json::parse(witnessToJson(s.witness));
    w.erase("schedule");
    w["cycles"] = s.cycles;
    w["instructions"] = s.instructions;
    w["findings"] = s.findings;
    if (s.deadlocked) w["deadlocked"] = true;
    if (s.truncated) w["truncated"] = true;
    if (s.boundBest >= 0) w["bound_best_schedule"] = s.boundBest;
    if (!s.boundNote.empty()) w["bound_note"] = s.boundNote;
    runs.push_back(w);
  }
  j["runs"] = runs;
  return j.dump(indent);
}

std::string simResultToText(const SimResult& r, const std::string& file) {
  std::ostringstream o;
  const CheckResult& c = r.check;
  o << file << ": " << r.runs.size() << " run(s)" << (r.syncBound ? " for the sync-aware bound (sync stripped)"
                                                    : r.ideal ? " in ideal mode (sync stripped)" : "")
    << ", verdict " << verdictName(c.verdict);
  if (!c.reason.empty()) o << " (" << c.reason << ")";
  o << "\n";
  for (const Finding& f : c.findings) {
    o << "  " << describe(f) << "\n";
    o << "    path: " << pathText(f.witness) << "; shown by " << howText(f.witness) << "\n";
  }
  const size_t kListed = 10;
  for (size_t k = 0; k < r.runs.size() && k < kListed; ++k) {
    const RunSummary& s = r.runs[k];
    o << "  run " << k << ": " << howText(s.witness) << ", " << pathText(s.witness) << ": ";
    if (s.truncated)
      o << "cut at " << s.instructions << " instructions";
    else
      o << s.cycles << " cycles, " << s.instructions << " instructions"
        << (s.deadlocked ? ", deadlocked" : "") << (s.findings ? ", " + std::to_string(s.findings) + " finding(s)" : "");
    if (!s.boundNote.empty())
      o << " at least (" << (s.boundBest > s.cycles ? "best schedule found " + std::to_string(s.boundBest) + "; " : "")
        << s.boundNote << ")";
    o << "\n";
  }
  if (r.runs.size() > kListed) o << "  ... " << r.runs.size() - kListed << " more run(s)\n";
  if (r.runs.empty() || r.runs[0].truncated) return o.str();
  o << "cycles (run 0, " << howText(r.runs[0].witness) << "): " << r.cycles << ", "
    << r.instructions << " instructions, " << r.syncs << " sync instructions\n";
  o << "  pipe   instrs   syncs      busy     stall\n";
  for (Pipe p : kAllPipes) {
    const PipeStats& s = r.pipes[size_t(p)];
    if (s.instructions == 0) continue;
    char line[128];
    snprintf(line, sizeof line, "  %-5s %7lld %7lld %9lld %9lld\n", std::string(pipeName(p)).c_str(),
             (long long)s.instructions, (long long)s.syncs, (long long)s.busy, (long long)s.stall);
    o << line;
  }
  return o.str();
}

}  // namespace syncsmith
