#include "campaign/Tasks.h"

#include <nlohmann/json.hpp>

#include "gen/Generator.h"

namespace syncsmith::campaign {
namespace {

using nlohmann::json;

json issueJson(const Issue& i) {
  return {{"kind", i.kind}, {"sig", i.signature}, {"msg", i.message}, {"lines", i.lines}, {"source", i.source}};
}

Issue issueFrom(const json& j) {
  Issue i;
  i.kind = j.at("kind").get<std::string>();
  i.signature = j.at("sig").get<std::string>();
  i.message = j.value("msg", "");
  i.lines = j.value("lines", std::vector<int>{});
  i.source = j.value("source", "");
  return i;
}

std::string kernelLine(const KernelOutcome& k) {
  json issues = json::array();
  for (const Issue& i : k.issues) issues.push_back(issueJson(i));
  return json{{"t", "kernel"}, {"i", k.index},       {"ops", k.ops},
              {"unknown", k.unknown}, {"reason", k.reason}, {"issues", issues}, {"baseline", k.baseline}}
      .dump();
}

void serveExport(const CampaignOptions& o, const json& t, int fd) {
  SignatureRecord rec;
  rec.signature = t.at("sig").get<std::string>();
  rec.kind = t.at("kind").get<std::string>();
  rec.source = t.value("source", "");
  rec.firstIndex = t.at("index").get<uint64_t>();
  rec.message = t.value("msg", "");
  rec.lines = t.value("lines", std::vector<int>{});
  std::string note = t.value("note", "");
  json out = {{"t", "exported"}, {"sig", rec.signature}};
  try {
    ExportResult r = reduceAndExport(o, rec, t.value("reduce", true), note);
    out.update({{"folder", r.folder},
                {"reduced", r.reduced},
                {"ops_before", r.opsBefore},
                {"ops_after", r.opsAfter},
                {"calls", r.calls},
                {"description", r.description},
                {"note", r.note}});
  } catch (const std::exception& e) {
    out["error"] = e.what();
  }
  writeLine(fd, out.dump());
}

}  // namespace

KernelOutcome checkOne(const CampaignOptions& o, const AnalysisConfig& cfg, uint64_t index) {
  KernelOutcome out;
  out.index = index;
  gen::Generated g;
  try {
    gen::GenRequest req = requestFor(o.id, index);
    g = gen::generateSeeded(req.seed, req.options());
  } catch (const std::exception& e) {
    Issue i;
    i.kind = "CRASH";
    i.signature = "CRASH: gen: " + stableText(e.what());
    i.message = std::string("the generator threw: ") + e.what();
    i.source = "crash";
    out.issues.push_back(i);
    return out;
  }
  Analysis a = analyzeKernel(g.kernel, cfg, simSeedFor(o.id, index));
  out.ops = a.ops;
  out.unknown = a.unknown;
  out.reason = a.unknownReason;
  if (cfg.engine.bug == InjectedBug::None || a.issues.empty()) {
    out.issues = std::move(a.issues);
    return out;
  }
  AnalysisConfig bugFree = cfg;
  bugFree.engine.bug = InjectedBug::None;
  Analysis base = analyzeKernel(g.kernel, bugFree, simSeedFor(o.id, index));
  for (Issue& i : a.issues) {
    if (hasSignature(base, i.signature))
      ++out.baseline;
    else
      out.issues.push_back(std::move(i));
  }
  return out;
}

std::string checkTask(uint64_t first, uint64_t count) {
  return json{{"t", "check"}, {"first", first}, {"count", count}}.dump();
}

std::string exportTask(const SignatureRecord& rec, bool reduce, const std::string& note) {
  return json{{"t", "export"},        {"sig", rec.signature}, {"kind", rec.kind},
              {"source", rec.source}, {"index", rec.firstIndex}, {"msg", rec.message},
              {"lines", rec.lines},   {"reduce", reduce},      {"note", note}}
      .dump();
}

Worker::Serve makeServe(const CampaignOptions& o) {
  AnalysisConfig cfg = analysisConfig(o);
  return [o, cfg](const std::string& line, int fd) {
    json t = json::parse(line, nullptr, false);
    if (t.is_discarded()) return;
    std::string type = t.value("t", "");
    if (type == "check") {
      uint64_t first = t.at("first").get<uint64_t>(), count = t.at("count").get<uint64_t>();
      for (uint64_t i = first; i < first + count; ++i)
        if (!writeLine(fd, kernelLine(checkOne(o, cfg, i)))) return;
    } else if (type == "export") {
      serveExport(o, t, fd);
    }
  };
}

ResultLine parseResult(const std::string& line) {
  ResultLine r;
  json j = json::parse(line, nullptr, false);
  if (j.is_discarded() || !j.is_object()) {
    r.error = "unreadable worker output: " + line.substr(0, 200);
    return r;
  }
  try {
    std::string t = j.value("t", "");
    if (t == "kernel") {
      r.type = ResultLine::Type::Kernel;
      r.kernel.index = j.at("i").get<uint64_t>();
      r.kernel.ops = j.value("ops", 0);
      r.kernel.unknown = j.value("unknown", false);
      r.kernel.reason = j.value("reason", "");
      r.kernel.baseline = j.value("baseline", 0);
      for (const json& i : j.at("issues")) r.kernel.issues.push_back(issueFrom(i));
    } else if (t == "exported") {
      r.type = ResultLine::Type::Exported;
      r.signature = j.at("sig").get<std::string>();
      r.error = j.value("error", "");
      r.exported.folder = j.value("folder", "");
      r.exported.reduced = j.value("reduced", false);
      r.exported.opsBefore = j.value("ops_before", 0);
      r.exported.opsAfter = j.value("ops_after", 0);
      r.exported.calls = j.value("calls", size_t(0));
      r.exported.description = j.value("description", "");
      r.exported.note = j.value("note", "");
    } else if (t == "signal" || t == "hang") {
      r.type = t == "signal" ? ResultLine::Type::Signal : ResultLine::Type::Hang;
      r.signal = j.value("signal", "");
      r.stage = j.value("stage", "");
    } else if (t == "done") {
      r.type = ResultLine::Type::Done;
    } else {
      r.error = "unknown worker message: " + line.substr(0, 200);
    }
  } catch (const json::exception& e) {
    r.type = ResultLine::Type::Bad;
    r.error = std::string("malformed worker message: ") + e.what();
  }
  return r;
}

}  // namespace syncsmith::campaign
