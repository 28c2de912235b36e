#include "campaign/State.h"

#include <nlohmann/json.hpp>
#include <stdexcept>

namespace syncsmith::campaign {

using nlohmann::json;

SignatureRecord* CampaignState::find(const std::string& signature) {
  for (SignatureRecord& r : signatures)
    if (r.signature == signature) return &r;
  return nullptr;
}

size_t CampaignState::pending() const {
  size_t n = 0;
  for (const SignatureRecord& r : signatures) n += r.status == "pending";
  return n;
}

namespace {

json identityJson(const Identity& id) {
  return {{"seed", id.seed},           {"inject_bug", id.bug},
          {"mode", id.mode},           {"policy", id.genPolicy},
          {"size", id.size},           {"schedules", id.schedules},
          {"sim_policy", id.simPolicy}, {"flag_key", id.flagKey},
          {"gm_visibility", id.gmVisibility}, {"oracle", id.oracle}};
}

Identity identityFrom(const json& j) {
  Identity id;
  id.seed = j.at("seed").get<uint64_t>();
  id.bug = j.at("inject_bug").get<std::string>();
  id.mode = j.at("mode").get<std::string>();
  id.genPolicy = j.at("policy").get<std::string>();
  id.size = j.at("size").get<std::string>();
  id.schedules = j.at("schedules").get<int>();
  id.simPolicy = j.at("sim_policy").get<std::string>();
  id.flagKey = j.at("flag_key").get<std::string>();
  id.gmVisibility = j.at("gm_visibility").get<std::string>();
  id.oracle = j.value("oracle", "graph");
  return id;
}

json recordJson(const SignatureRecord& r, bool withTiming) {
  json j = {{"signature", r.signature}, {"kind", r.kind},
            {"source", r.source},       {"folder", r.folder},
            {"status", r.status},       {"first_kernel", r.firstIndex},
            {"hits", r.hits},           {"message", r.message},
            {"lines", r.lines},         {"reduced", r.reduced},
            {"ops_before", r.opsBefore}, {"ops_after", r.opsAfter},
            {"description", r.description}, {"note", r.note}};
  if (withTiming) j["found_after_s"] = r.foundAfter;
  return j;
}

SignatureRecord recordFrom(const json& j) {
  SignatureRecord r;
  r.signature = j.at("signature").get<std::string>();
  r.kind = j.at("kind").get<std::string>();
  r.source = j.value("source", "");
  r.folder = j.value("folder", "");
  r.status = j.value("status", "pending");
  r.firstIndex = j.at("first_kernel").get<uint64_t>();
  r.hits = j.value("hits", uint64_t(1));
  r.message = j.value("message", "");
  r.lines = j.value("lines", std::vector<int>{});
  r.reduced = j.value("reduced", false);
  r.opsBefore = j.value("ops_before", 0);
  r.opsAfter = j.value("ops_after", 0);
  r.description = j.value("description", "");
  r.note = j.value("note", "");
  r.foundAfter = j.value("found_after_s", 0.0);
  return r;
}

json countsJson(const CampaignState& s) {
  return {{"kernels", s.nextIndex},
          {"findings", s.findings},
          {"findings_by_kind", s.byKind},
          {"unique_signatures", s.signatures.size()},
          {"unknowns", s.unknowns},
          {"baseline_findings", s.baseline},
          {"unknown_reasons", s.unknownReasons}};
}

}  // namespace

std::string stateToJson(const CampaignState& s) {
  json j = {{"format", "syncsmith-campaign-state"}, {"version", 1}, {"identity", identityJson(s.id)},
            {"next_index", s.nextIndex},           {"counts", countsJson(s)},
            {"elapsed_s", s.elapsed},              {"check_s", s.checkSeconds},
            {"sessions", s.sessions}};
  json sigs = json::array();
  for (const SignatureRecord& r : s.signatures) sigs.push_back(recordJson(r, true));
  j["signatures"] = sigs;
  return j.dump(2) + "\n";
}

CampaignState stateFromJson(const std::string& text) {
  try {
    json j = json::parse(text);
    if (j.value("format", "") != "syncsmith-campaign-state")
      throw std::runtime_error("not a syncsmith campaign state file");
    CampaignState s;
    s.id = identityFrom(j.at("identity"));
    s.nextIndex = j.at("next_index").get<uint64_t>();
    const json& c = j.at("counts");
    s.findings = c.at("findings").get<uint64_t>();
    s.byKind = c.at("findings_by_kind").get<std::map<std::string, uint64_t>>();
    s.unknowns = c.at("unknowns").get<uint64_t>();
    s.baseline = c.value("baseline_findings", uint64_t(0));
    s.unknownReasons = c.value("unknown_reasons", std::map<std::string, uint64_t>{});
    s.elapsed = j.value("elapsed_s", 0.0);
    s.checkSeconds = j.value("check_s", 0.0);
    s.sessions = j.value("sessions", 0);
    for (const json& r : j.at("signatures")) s.signatures.push_back(recordFrom(r));
    return s;
  } catch (const json::exception& e) {
    throw std::runtime_error(std::string("malformed campaign state: ") + e.what());
  }
}

std::string summaryToJson(const CampaignState& s, const RunInfo& info, int indent) {
  json j = countsJson(s);
  j["identity"] = identityJson(s.id);
  json repro = json::array();
  json found = json::object();
  for (const SignatureRecord& r : s.signatures) {
    repro.push_back(recordJson(r, false));
    found[r.folder.empty() ? r.signature : r.folder] = r.foundAfter;
  }
  j["reproducers"] = repro;
  double rate = s.checkSeconds > 0 ? double(s.nextIndex) / s.checkSeconds : 0;
  j["timing"] = {{"elapsed_s", s.elapsed},
                 {"check_s", s.checkSeconds},
                 {"kernels_per_s", rate},
                 {"found_after_s", found}};
  j["run"] = {{"jobs", info.jobs}, {"out", info.out}, {"sessions", s.sessions},
              {"interrupted", info.interrupted}, {"pending", s.pending()}};
  return j.dump(indent) + "\n";
}

}  // namespace syncsmith::campaign
