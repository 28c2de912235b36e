// Evaluates the targets from the benchmark and report JSON.
#include "Targets.h"

#include <algorithm>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <sstream>

#include "ir/SourceLoc.h"

namespace syncsmith::bench {
namespace {

using nlohmann::json;

std::string num(double x, int digits) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", digits, x);
  return buf;
}

json parseOrThrow(const std::string& text, const char* what) {
  if (text.empty()) return json();
  try {
    return json::parse(text);
  } catch (const json::exception& e) {
    throw InputError(what, {}, std::string("not valid JSON: ") + e.what());
  }
}

double toSeconds(double t, const std::string& unit) {
  if (unit == "ns") return t * 1e-9;
  if (unit == "us") return t * 1e-6;
  if (unit == "ms") return t * 1e-3;
  return t;
}

// The Google Benchmark entries (iterations, not aggregates).
std::vector<json> benchmarks(const json& b) {
  std::vector<json> out;
  if (!b.is_object() || !b.contains("benchmarks")) return out;
  for (const json& e : b["benchmarks"])
    if (e.value("run_type", "iteration") == "iteration") out.push_back(e);
  return out;
}

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

TargetLine atLeast(std::string target, std::optional<double> v, double bound, std::string measured,
                   std::string source) {
  TargetLine l{std::move(target), "-", "not measured", std::move(source)};
  if (!v) return l;
  l.measured = std::move(measured);
  l.status = *v >= bound ? "met" : "not met";
  return l;
}

TargetLine atMost(std::string target, std::optional<double> v, double bound, std::string measured,
                  std::string source) {
  TargetLine l{std::move(target), "-", "not measured", std::move(source)};
  if (!v) return l;
  l.measured = std::move(measured);
  l.status = *v <= bound ? "met" : "not met";
  return l;
}

std::optional<double> summaryValue(const json& o, const char* key) {
  if (!o.is_object() || !o.contains("summary") || !o["summary"].contains(key)) return std::nullopt;
  const json& v = o["summary"][key];
  if (!v.is_number()) return std::nullopt;
  return v.get<double>();
}

TargetLine optTarget(const json& o) {
  auto v = summaryValue(o, "suite_opt_over_ideal_median");
  int n = o.is_object() ? o["summary"].value("suite_kernels", 0) : 0;
  auto hand = summaryValue(o, "suite_hand_over_ideal_median");
  auto optHand = summaryValue(o, "suite_opt_over_hand_median");
  int nh = o.is_object() ? o["summary"].value("hand_kernels", 0) : 0;
  std::string m = v ? num(*v, 2) + "x over " + std::to_string(n) + " kernels" +
                          (hand ? " (hand-synced kernels: " + num(*hand, 2) + "x" : "") +
                          (hand && optHand ? "; opt / hand on those " + std::to_string(nh) +
                                                 ": " + num(*optHand, 2) + "x" : "") +
                          (hand ? ")" : "")
                    : "";
  return atMost("opt within 1.10x of ideal (median over the suite)", v, 1.10, m,
                "overhead.json: suite_opt_over_ideal_median");
}

// Issue 5: opt within 1.10x of the sync-aware bound on the pipelined
// examples (the worst of them decides).
TargetLine boundTarget(const json& o) {
  auto v = summaryValue(o, "pipelined_examples_opt_over_bound_max");
  auto med = summaryValue(o, "suite_opt_over_bound_median");
  std::string names;
  if (o.is_object() && o["summary"].contains("pipelined_examples"))
    for (const json& n : o["summary"]["pipelined_examples"])
      names += (names.empty() ? "" : ", ") + n.get<std::string>();
  std::string m = v ? num(*v, 3) + "x worst over " + names +
                          (med ? " (median over the suite " + num(*med, 2) + "x)" : "")
                    : "";
  return atMost("sync-aware bound: opt within 1.10x on the pipelined examples (worst)", v, 1.10, m,
                "overhead.json: pipelined_examples_opt_over_bound_max");
}

TargetLine barrierTarget(const json& o) {
  auto v = summaryValue(o, "pipelined_barrier_all_over_opt_median");
  auto mn = summaryValue(o, "pipelined_barrier_all_over_opt_min");
  int n = o.is_object() ? o["summary"].value("pipelined_kernels", 0) : 0;
  std::string m = v ? num(*v, 2) + "x median over " + std::to_string(n) + " kernels (min " +
                          (mn ? num(*mn, 2) : std::string("n/a")) + "x)"
                    : "";
  return atLeast("barrier-all >= 1.5x slower than opt on pipelined kernels (median)", v, 1.5, m,
                 "overhead.json: pipelined_barrier_all_over_opt_median");
}

// Every engine benchmark at 10k ops (engine_bench: BM_Sync*/10000); the
// slowest decides, the others are listed.
TargetLine engineTarget(const json& b, const TargetInputs& in) {
  std::optional<double> worst;
  std::string measured, source;
  for (const json& e : benchmarks(b)) {
    std::string n = e.value("name", "");
    bool engine = n.rfind("BM_Sync", 0) == 0 || contains(n, "ngine");
    if (!engine || !contains(n, "/10000")) continue;
    double s = toSeconds(e.value("real_time", 0.0), e.value("time_unit", "ns"));
    measured += (measured.empty() ? "" : ", ") + num(s, 3) + " s " + n;
    source += (source.empty() ? "bench.json: " : ", ") + n;
    if (!worst || s > *worst) worst = s;
  }
  if (!worst && in.engine10kSeconds) {
    worst = in.engine10kSeconds;
    measured = num(*worst, 3) + " s";
    source = in.engine10kHow;
  }
  return atMost("engine sync of a 10k-op kernel < 1 s (slowest 10k-op benchmark)", worst, 1.0,
                measured, source);
}

// t(10k ops) / t(1k ops) of every family (engine_bench: BM_SyncGrowth); the
// worst decides.
TargetLine growthTarget(const json& b) {
  std::optional<double> worst;
  std::string measured;
  for (const json& e : benchmarks(b)) {
    if (e.value("name", "").rfind("BM_SyncGrowth", 0) != 0 || !e.contains("growth_10k_over_1k")) continue;
    double g = e["growth_10k_over_1k"].get<double>();
    measured += (measured.empty() ? "" : ", ") + num(g, 1) + " " + e.value("label", "");
    if (!worst || g > *worst) worst = g;
  }
  return atMost("engine near-linear: t(10k ops) / t(1k ops) <= 20 (worst family)", worst, 20.0,
                measured, "bench.json: BM_SyncGrowth growth_10k_over_1k");
}

TargetLine oracleTarget(const json& b) {
  std::optional<double> median;
  std::string detail;
  for (const json& e : benchmarks(b)) {
    if (e.value("name", "").rfind("BM_OracleAuto", 0) != 0 || !e.contains("median_ms")) continue;
    median = e["median_ms"].get<double>();
    detail = " (p90 " + num(e.value("p90_ms", 0.0), 1) + " ms, max " + num(e.value("max_ms", 0.0), 0) +
             " ms, " + std::to_string(int64_t(e.value("kernels", 0.0))) + " kernels)";
  }
  return atMost("oracle median < 100 ms per kernel (<= 50 ops)", median, 100.0,
                median ? num(*median, 1) + " ms" + detail : "", "bench.json: BM_OracleAuto median_ms");
}

// The slowest steady-state fixed-policy simulator benchmark (>= 10k
// instructions per run): the figure a user gets at worst.
TargetLine simTarget(const json& b) {
  std::optional<double> worst;
  std::string name;
  for (const json& e : benchmarks(b)) {
    std::string n = e.value("name", "");
    if (n.rfind("BM_SimFixed", 0) != 0 || !e.contains("instr/s")) continue;
    if (e.value("instrs", 0.0) < 10000) continue;
    double r = e["instr/s"].get<double>();
    if (!worst || r < *worst) worst = r, name = n;
  }
  return atLeast("simulator >= 1M instructions/s (fixed latencies)", worst, 1e6,
                 worst ? num(*worst / 1e6, 2) + "M instr/s" : "", "bench.json: slowest BM_SimFixed* with >= 10k instructions: " + name);
}

TargetLine campaignTarget(const TargetInputs& in) {
  auto v = in.campaignKernelsPerSecond;
  return atLeast("campaign >= 20 kernels/s on 2 cores", v, 20.0,
                 v ? num(*v, 1) + " kernels/s" : "", in.campaignHow.empty() ? "syncsmith fuzz" : in.campaignHow);
}

}  // namespace

std::vector<TargetLine> evaluateTargets(const TargetInputs& in) {
  json b = parseOrThrow(in.benchJson, "bench.json");
  json o = parseOrThrow(in.overheadJson, "overhead.json");
  return {optTarget(o),   boundTarget(o), barrierTarget(o), engineTarget(b, in), growthTarget(b),
          oracleTarget(b), simTarget(b),   campaignTarget(in)};
}

std::string benchContext(const std::string& benchJson) {
  json b = parseOrThrow(benchJson, "bench.json");
  if (!b.is_object() || !b.contains("context")) return "";
  const json& c = b["context"];
  std::string s = std::to_string(c.value("num_cpus", 0)) + " CPUs at " +
                  std::to_string(int64_t(c.value("mhz_per_cpu", 0.0))) + " MHz";
  if (c.contains("load_avg") && c["load_avg"].is_array()) {
    s += ", load average";
    for (const json& x : c["load_avg"]) s += " " + num(x.get<double>(), 1);
    s += " when the benchmarks started";
  }
  if (c.contains("date")) s += ", " + c["date"].get<std::string>();
  if (c.value("library_build_type", "") == "debug") s += " (Google Benchmark library built as debug)";
  return s;
}

std::string targetsMarkdown(const std::vector<TargetLine>& lines) {
  std::ostringstream md;
  md << "| target | measured | status | source |\n|---|---|---|---|\n";
  for (const TargetLine& l : lines)
    md << "| " << l.target << " | " << l.measured << " | "
       << (l.status == "met" ? "met" : "**" + l.status + "**") << " | " << l.source << " |\n";
  return md.str();
}

std::string targetsText(const std::vector<TargetLine>& lines) {
  std::ostringstream t;
  for (const TargetLine& l : lines) {
    std::string status = "[" + l.status + "]";
    status.resize(std::max<size_t>(status.size(), 15), ' ');
    t << status << l.target << ": " << l.measured << "\n";
  }
  return t.str();
}

}  // namespace syncsmith::bench
