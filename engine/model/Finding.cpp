#include "model/Finding.h"

#include <array>
#include <nlohmann/json.hpp>

#include "ir/SourceLoc.h"

namespace syncsmith {
namespace {

constexpr std::array<std::string_view, kNumFindingKinds> kKindNames = {
    "RACE", "DEADLOCK", "DOUBLE_SET", "DANGLING", "BAD_EVENT_ID", "REDUNDANT"};

using nlohmann::json;

json witnessJson(const Witness& w) {
  json j;
  j["params"] = w.params;
  json conds = json::object();
  for (const auto& [name, outs] : w.conds) {
    json a = json::array();
    for (bool b : outs) a.push_back(b ? 1 : 0);
    conds[name] = a;
  }
  j["conds"] = conds;
  j["flag_key"] = flagKeyName(w.model.flagKey);
  j["gm_visibility"] = gmVisibilityName(w.model.gmVisibility);
  if (!w.policy.empty()) {
    j["policy"] = w.policy;
    j["seed"] = w.seed;
  }
  json sched = json::array();
  for (const ScheduleEvent& e : w.schedule) {
    json ev = {{"instr", e.instr}, {"line", e.line}, {"start", e.start}, {"end", e.end}};
    if (e.commit) ev["commit"] = *e.commit;
    sched.push_back(ev);
  }
  j["schedule"] = sched;
  return j;
}

}  // namespace

std::string_view findingKindName(FindingKind k) { return kKindNames[size_t(k)]; }

std::optional<FindingKind> parseFindingKind(std::string_view s) {
  for (size_t i = 0; i < kKindNames.size(); ++i)
    if (kKindNames[i] == s) return FindingKind(i);
  return std::nullopt;
}

std::vector<int> Finding::lines() const {
  std::vector<int> out;
  for (const Instance& i : instances) out.push_back(i.line);
  return out;
}

std::string_view verdictName(Verdict v) {
  switch (v) {
    case Verdict::Correct: return "correct";
    case Verdict::Buggy: return "buggy";
    case Verdict::Unknown: return "unknown";
  }
  return "unknown";
}

int verdictExitCode(Verdict v) {
  switch (v) {
    case Verdict::Correct: return 0;
    case Verdict::Buggy: return 1;
    case Verdict::Unknown: return 3;
  }
  return 3;
}

std::string witnessToJson(const Witness& w, int indent) { return witnessJson(w).dump(indent); }

std::string toJson(const CheckResult& r, int indent) {
  json j;
  j["verdict"] = verdictName(r.verdict);
  if (!r.reason.empty()) j["reason"] = r.reason;
  json fs = json::array();
  for (const Finding& f : r.findings) {
    json instances = json::array();
    for (const Instance& i : f.instances) {
      json it = json::object();
      for (const auto& [n, v] : i.iterations) it[n] = v;
      instances.push_back({{"instr", i.instr}, {"line", i.line}, {"iterations", it}, {"text", i.text}});
    }
    fs.push_back({{"kind", findingKindName(f.kind)},
                  {"lines", f.lines()},
                  {"message", f.message},
                  {"instances", instances},
                  {"witness", witnessJson(f.witness)}});
  }
  j["findings"] = fs;
  j["bounds"] = r.bounds;
  return j.dump(indent);
}

Witness witnessFromJson(std::string_view text, const std::string& file) {
  json j;
  try {
    j = json::parse(text);
  } catch (const json::parse_error& e) {
    // nlohmann reports a byte offset; turn it into line and column.
    size_t off = std::min(e.byte, text.size());
    int line = 1, col = 1;
    for (size_t i = 0; i + 1 < off; ++i) {
      if (text[i] == '\n') ++line, col = 1;
      else ++col;
    }
    throw InputError(file, {line, col}, "malformed JSON witness");
  }
  // A whole check result is accepted too: take the first finding's witness.
  if (j.is_object() && j.contains("findings") && !j.contains("params")) {
    if (j["findings"].empty())
      throw InputError(file, {1, 1}, "the result has no finding to replay");
    j = j["findings"][0]["witness"];
  }
  Witness w;
  try {
    if (!j.is_object()) throw InputError(file, {1, 1}, "a witness is a JSON object");
    if (j.contains("params"))
      for (auto& [k, v] : j["params"].items()) w.params[k] = v.get<int64_t>();
    if (j.contains("conds"))
      for (auto& [k, v] : j["conds"].items())
        for (auto& b : v) w.conds[k].push_back(b.is_boolean() ? b.get<bool>() : b.get<int>() != 0);
    if (j.contains("flag_key")) {
      auto fk = parseFlagKey(j["flag_key"].get<std::string>());
      if (!fk) throw InputError(file, {1, 1}, "flag_key must be \"pair\" or \"src\"");
      w.model.flagKey = *fk;
    }
    if (j.contains("gm_visibility")) {
      auto gv = parseGmVisibility(j["gm_visibility"].get<std::string>());
      if (!gv) throw InputError(file, {1, 1}, "gm_visibility must be \"fenced\" or \"retire\"");
      w.model.gmVisibility = *gv;
    }
    if (j.contains("policy")) w.policy = j["policy"].get<std::string>();
    if (j.contains("seed")) w.seed = j["seed"].get<uint64_t>();
    if (j.contains("schedule"))
      for (auto& e : j["schedule"]) {
        ScheduleEvent ev;
        ev.instr = e.at("instr").get<uint32_t>();
        ev.line = e.value("line", 0);
        ev.start = e.at("start").get<int64_t>();
        ev.end = e.at("end").get<int64_t>();
        if (e.contains("commit")) ev.commit = e["commit"].get<int64_t>();
        w.schedule.push_back(ev);
      }
  } catch (const json::exception& e) {
    throw InputError(file, {1, 1}, std::string("malformed witness: ") + e.what());
  }
  return w;
}

std::string describe(const Finding& f) {
  std::string s(findingKindName(f.kind));
  for (size_t i = 0; i < f.instances.size(); ++i) {
    const Instance& in = f.instances[i];
    s += (i ? " / line " : " line ") + std::to_string(in.line);
    if (!in.iterations.empty()) {
      s += " (";
      for (size_t k = 0; k < in.iterations.size(); ++k)
        s += (k ? ", " : "") + in.iterations[k].first + "=" + std::to_string(in.iterations[k].second);
      s += ")";
    }
  }
  if (!f.message.empty()) s += ": " + f.message;
  return s;
}

}  // namespace syncsmith
