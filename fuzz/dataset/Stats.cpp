// Aggregates a dataset's records into one JSON summary, and renders it as
// readable tables.
#include "dataset/Stats.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "dataset/Shards.h"
#include "ir/SourceLoc.h"

namespace syncsmith::dataset {
namespace {

using Json = nlohmann::ordered_json;
using Counts = std::map<std::string, uint64_t>;

double round3(double x) { return std::round(x * 1000.0) / 1000.0; }

struct Mean {
  double sum = 0;
  uint64_t n = 0;
  void add(double x) { sum += x, ++n; }
  Json json() const { return n ? Json(round3(sum / double(n))) : Json(nullptr); }
};

struct ModeAgg {
  uint64_t entries = 0, errors = 0, deadlocked = 0, changesOpt = 0;
  Counts verdicts{{"correct", 0}, {"buggy", 0}, {"unknown", 0}};
  Counts findingKinds, syncKinds;
  Mean syncs, cycles, ratio;
};

struct Agg {
  uint64_t records = 0;
  Counts splits{{"train", 0}, {"valid", 0}, {"test", 0}};
  Counts policies, cores, archs, features;
  Counts hazardKinds, hazardPairs, hazardDistances, hazardSpaces;
  uint64_t hazards = 0, hwOrdered = 0, commit = 0, carried = 0;
  Mean ops, loops, hazardsPerKernel, ideal;
  std::map<std::string, ModeAgg> modes;
  std::vector<std::string> modeOrder;
  Counts unknownReasons;

  ModeAgg& mode(const std::string& name) {
    if (!modes.count(name)) modeOrder.push_back(name);
    return modes[name];
  }

  void addMode(const Json& m, const Json& ideal) {
    std::string name = m["name"].get<std::string>();
    for (ModeAgg* a : {&mode(name), m["bug"].is_null() ? nullptr : &mode("bug:*")}) {
      if (!a) continue;
      ++a->entries;
      if (!m["error"].is_null()) {
        ++a->errors;
        continue;
      }
      if (m["changes_opt"].is_boolean() && m["changes_opt"].get<bool>()) ++a->changesOpt;
      const Json& o = m["oracle"];
      std::string v = o["verdict"].get<std::string>();
      ++a->verdicts[v];
      if (v == "unknown" && a == &modes[name]) ++unknownReasons[o["reason"].get<std::string>().substr(0, 90)];
      for (const Json& f : o["findings"]) ++a->findingKinds[f["kind"].get<std::string>()];
      for (const auto& [k, n] : m["syncs"].items())
        if (k != "total") a->syncKinds[k] += n.get<uint64_t>();
      a->syncs.add(m["syncs"]["total"].get<double>());
      if (m["deadlocked"].get<bool>()) ++a->deadlocked;
      if (m["cycles"].is_number()) {
        double c = m["cycles"].get<double>();
        a->cycles.add(c);
        if (ideal.is_number() && ideal.get<double>() > 0) a->ratio.add(c / ideal.get<double>());
      }
    }
  }

  void add(const Json& r) {
    ++records;
    ++splits[r["split"].get<std::string>()];
    const Json& g = r["generator"];
    ++policies[g["policy"].get<std::string>()];
    ++cores[g["core"].get<std::string>()];
    ++archs[g["arch"].get<std::string>()];
    for (const Json& f : g["features"]) ++features[f.get<std::string>()];
    ops.add(r["static"]["ops"].get<double>());
    loops.add(r["static"]["loops"].get<double>());
    hazardsPerKernel.add(double(r["hazards"].size()));
    for (const Json& h : r["hazards"]) {
      ++hazards;
      ++hazardKinds[h["kind"].get<std::string>()];
      ++hazardPairs[h["pipes"].get<std::string>()];
      ++hazardDistances[h["distance"].get<std::string>()];
      ++hazardSpaces[h["space"].get<std::string>()];
      hwOrdered += h["hw_ordered"].get<bool>();
      commit += h["commit"].get<bool>();
      carried += !h["loop"].is_null();
    }
    const Json& idealCycles = r["sim"]["ideal_cycles"];
    if (idealCycles.is_number()) ideal.add(idealCycles.get<double>());
    for (const Json& m : r["modes"]) addMode(m, idealCycles);
  }
};

Json sortedByCount(const Counts& c, size_t limit = SIZE_MAX) {
  std::vector<std::pair<std::string, uint64_t>> v(c.begin(), c.end());
  std::stable_sort(v.begin(), v.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  Json j = Json::object();
  for (size_t i = 0; i < v.size() && i < limit; ++i) j[v[i].first] = v[i].second;
  return j;
}

Json toJson(const Agg& a) {
  Json modes = Json::object();
  std::vector<std::string> order = a.modeOrder;
  // opt, naive, barrier-all as met, then the bugs by name, then all bugs.
  auto rank = [](const std::string& s) { return s == "bug:*" ? 2 : s.rfind("bug:", 0) == 0 ? 1 : 0; };
  std::stable_sort(order.begin(), order.end(), [&](const std::string& x, const std::string& y) {
    if (rank(x) != rank(y)) return rank(x) < rank(y);
    return rank(x) == 1 && x < y;
  });
  for (const std::string& name : order) {
    const ModeAgg& m = a.modes.at(name);
    modes[name] = Json{{"entries", m.entries},
                       {"engine_errors", m.errors},
                       {"verdicts", m.verdicts},
                       {"finding_kinds", m.findingKinds},
                       {"mean_syncs", m.syncs.json()},
                       {"sync_kinds", m.syncKinds},
                       {"mean_cycles", m.cycles.json()},
                       {"mean_ratio_to_ideal", m.ratio.json()},
                       {"deadlocked", m.deadlocked}};
    if (name.rfind("bug:", 0) == 0) modes[name]["changes_opt"] = m.changesOpt;
  }
  return Json{{"records", a.records},
              {"splits", {{"train", a.splits.at("train")}, {"valid", a.splits.at("valid")}, {"test", a.splits.at("test")}}},
              {"policies", sortedByCount(a.policies)},
              {"cores", sortedByCount(a.cores)},
              {"archs", sortedByCount(a.archs)},
              {"features", sortedByCount(a.features)},
              {"kernels", {{"mean_ops", a.ops.json()}, {"mean_loops", a.loops.json()},
                           {"mean_hazards", a.hazardsPerKernel.json()}, {"mean_ideal_cycles", a.ideal.json()}}},
              {"hazards", {{"total", a.hazards},
                           {"carried", a.carried},
                           {"hw_ordered", a.hwOrdered},
                           {"commit", a.commit},
                           {"by_kind", sortedByCount(a.hazardKinds)},
                           {"by_space", sortedByCount(a.hazardSpaces)},
                           {"by_distance", sortedByCount(a.hazardDistances)},
                           {"by_pipes", sortedByCount(a.hazardPairs)}}},
              {"modes", modes},
              {"unknown_reasons", sortedByCount(a.unknownReasons, 10)}};
}

Json summarize(const std::string& dir) {
  namespace fs = std::filesystem;
  fs::path manifest = fs::path(dir) / "manifest.json";
  std::ifstream f(manifest);
  if (!f) throw InputError(manifest.string(), {}, "no manifest (not a dataset, or its generation did not finish)");
  Json m;
  try {
    m = Json::parse(f);
  } catch (const std::exception& e) {
    throw InputError(manifest.string(), {}, std::string("malformed manifest: ") + e.what());
  }
  Agg a;
  std::string line;
  for (const Json& sh : m["shards"]) {
    fs::path file = fs::path(dir) / sh["file"].get<std::string>();
    try {
      LineReader r(file);
      for (int n = 1; r.next(line); ++n) {
        try {
          a.add(Json::parse(line));
        } catch (const nlohmann::json::exception& e) {
          throw InputError(file.string(), {n, 1}, std::string("bad record: ") + e.what());
        }
      }
    } catch (const std::runtime_error& e) {
      if (dynamic_cast<const InputError*>(&e)) throw;
      throw InputError(file.string(), {}, e.what());
    }
  }
  Json out = toJson(a);
  out["manifest"] = Json{{"n", m["n"]}, {"seed", m["seed"]}, {"policy", m["policy"]}, {"bugs", m["bugs"]}};
  return out;
}

// ---------------------------------------------------------------- text

std::string cell(const Json& v) {
  if (v.is_null()) return "-";
  if (v.is_string()) return v.get<std::string>();
  if (v.is_number_float()) {
    std::ostringstream s;
    s.setf(std::ios::fixed);
    s.precision(2);
    s << v.get<double>();
    return s.str();
  }
  return v.dump();
}

std::string table(const std::vector<std::vector<std::string>>& rows) {
  std::vector<size_t> w;
  for (const auto& r : rows)
    for (size_t i = 0; i < r.size(); ++i) {
      if (w.size() <= i) w.push_back(0);
      w[i] = std::max(w[i], r[i].size());
    }
  std::string out;
  for (const auto& r : rows) {
    std::string line = "  ";
    for (size_t i = 0; i < r.size(); ++i) {
      std::string c = r[i];
      bool right = i > 0;
      std::string pad(w[i] - c.size(), ' ');
      line += (right ? pad + c : c + pad) + (i + 1 < r.size() ? "  " : "");
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line + "\n";
  }
  return out;
}

std::string pct(uint64_t n, uint64_t total) {
  if (!total) return "-";
  std::ostringstream s;
  s.setf(std::ios::fixed);
  s.precision(1);
  s << 100.0 * double(n) / double(total) << "%";
  return s.str();
}

std::string countsTable(const std::string& title, const Json& counts, uint64_t total, size_t limit = 40) {
  std::vector<std::vector<std::string>> rows{{title, "count", "share"}};
  size_t i = 0;
  for (const auto& [k, v] : counts.items()) {
    if (i++ == limit) break;
    rows.push_back({k, cell(v), pct(v.get<uint64_t>(), total)});
  }
  return table(rows);
}

}  // namespace

std::string datasetStatsJson(const std::string& dir, int indent) { return summarize(dir).dump(indent) + "\n"; }

std::string datasetStatsText(const std::string& dir) {
  Json s = summarize(dir);
  uint64_t n = s["records"].get<uint64_t>();
  std::string out = "dataset " + dir + ": " + std::to_string(n) + " kernels (seed " + cell(s["manifest"]["seed"]) +
                    ", policy " + cell(s["manifest"]["policy"]) + ", " + cell(s["manifest"]["bugs"]) +
                    " injected bug(s) per kernel)\n\n";
  out += countsTable("split", s["splits"], n) + "\n";
  out += countsTable("policy", s["policies"], n);
  out += countsTable("core", s["cores"], n);
  out += countsTable("arch", s["archs"], n) + "\n";
  out += countsTable("feature (allowed)", s["features"], n) + "\n";
  const Json& k = s["kernels"];
  out += "kernels: mean " + cell(k["mean_ops"]) + " ops, " + cell(k["mean_loops"]) + " loops, " +
         cell(k["mean_hazards"]) + " hazards, ideal " + cell(k["mean_ideal_cycles"]) + " cycles\n\n";
  const Json& h = s["hazards"];
  uint64_t ht = h["total"].get<uint64_t>();
  out += "hazards: " + std::to_string(ht) + " (" + cell(h["carried"]) + " loop-carried, " + cell(h["hw_ordered"]) +
         " ordered by hardware, " + cell(h["commit"]) + " need a GM commit)\n";
  out += countsTable("kind", h["by_kind"], ht);
  out += countsTable("space", h["by_space"], ht);
  out += countsTable("distance", h["by_distance"], ht);
  out += countsTable("pipes", h["by_pipes"], ht, 20) + "\n";
  std::vector<std::vector<std::string>> rows{
      {"mode", "n", "correct", "buggy", "unknown", "errors", "syncs", "cycles", "x ideal", "deadlock"}};
  for (const auto& [name, m] : s["modes"].items())
    rows.push_back({name, cell(m["entries"]), cell(m["verdicts"]["correct"]), cell(m["verdicts"]["buggy"]),
                    cell(m["verdicts"]["unknown"]), cell(m["engine_errors"]), cell(m["mean_syncs"]),
                    cell(m["mean_cycles"]), cell(m["mean_ratio_to_ideal"]), cell(m["deadlocked"])});
  out += "per mode (syncs, cycles and x ideal are means):\n" + table(rows);
  if (!s["unknown_reasons"].empty()) {
    out += "\nunknown verdicts, by reason:\n";
    for (const auto& [r, c] : s["unknown_reasons"].items()) out += "  " + cell(c) + "  " + r + "\n";
  }
  return out;
}

}  // namespace syncsmith::dataset
