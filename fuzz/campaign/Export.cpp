#include "campaign/Export.h"

#include <unistd.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>

#include "campaign/AtomicFile.h"
#include "campaign/Signature.h"
#include "ir/Printer.h"
#include "oracle/smt/Dot.h"

namespace syncsmith::campaign {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

void write(const fs::path& dir, const std::string& name, const std::string& text) {
  writeFileAtomic(dir / name, text);
}

const Issue* issueWith(const Analysis& a, const std::string& signature) {
  for (const Issue& i : a.issues)
    if (i.signature == signature) return &i;
  return nullptr;
}

// The findings with `f` moved to the front (what `sim --replay` takes).
std::vector<Finding> firstIs(const std::vector<Finding>& fs, const Finding* f) {
  std::vector<Finding> out;
  for (const Finding& x : fs)
    if (&x == f) out.push_back(x);
  for (const Finding& x : fs)
    if (&x != f) out.push_back(x);
  return out;
}

std::string lineText(const std::string& text, int line) {
  std::istringstream in(text);
  std::string l;
  for (int n = 1; std::getline(in, l); ++n)
    if (n == line) {
      size_t b = l.find_first_not_of(' ');
      return b == std::string::npos ? "" : l.substr(b);
    }
  return "";
}

std::string witnessWords(const Witness& w) {
  std::string s;
  for (const auto& [name, v] : w.params) s += (s.empty() ? "" : ", ") + name + "=" + std::to_string(v);
  for (const auto& [name, outs] : w.conds) {
    std::string o;
    for (bool b : outs) o += (o.empty() ? "" : ",") + std::string(b ? "1" : "0");
    s += (s.empty() ? "" : ", ") + ("?" + name) + "=" + o;
  }
  return s;
}

std::string oneLine(const std::string& kind, int ops, const std::string& message) {
  std::string m = message;
  for (char& c : m)
    if (c == '\n') c = ' ';
  std::string d = kind + " (" + std::to_string(ops) + " op" + (ops == 1 ? "" : "s") + "): " + m;
  if (d.size() > 140) d = d.substr(0, 137) + "...";
  return d;
}

}  // namespace

ExportResult exportReproducer(const ExportInput& in) {
  const SignatureRecord& rec = *in.record;
  const CampaignOptions& o = *in.options;
  ExportResult res;
  res.folder = folderName(rec.kind, rec.signature);
  res.reduced = in.wasReduced;
  res.opsBefore = in.opsBefore;
  res.opsAfter = in.opsAfter;
  res.calls = in.calls;
  res.note = in.note;

  fs::path root(o.out);
  fs::path tmp = root / (".tmp-" + res.folder + "-" + std::to_string(::getpid()));
  std::error_code ec;
  fs::remove_all(tmp, ec);
  fs::create_directories(tmp);

  std::string header = in.request.header();
  write(tmp, "original.sk", header + "\n" + printKernel(in.original));
  write(tmp, "reduced.sk",
        "# syncsmith fuzz reproducer: " + rec.signature + "\n# reduced from kernel " +
            std::to_string(rec.firstIndex) + ": " + header.substr(2) + "\n" + printKernel(in.reduced));

  ReadmeFacts facts;
  facts.kind = rec.kind;
  facts.signature = rec.signature;
  facts.folder = res.folder;
  facts.syncFlags = syncFlags(o.id);
  facts.modelFlags = modelFlags(o.id);
  facts.kernelIndex = rec.firstIndex;
  facts.genHeader = header;
  facts.opsBefore = in.opsBefore;
  facts.opsAfter = in.opsAfter;
  facts.reduced = in.wasReduced;
  facts.calls = in.calls;
  facts.note = in.note;
  facts.message = rec.message;

  const Analysis* a = in.analysis ? &*in.analysis : nullptr;
  const Issue* issue = a ? issueWith(*a, rec.signature) : nullptr;
  const Finding* f = a && issue ? findingOf(*a, *issue) : nullptr;
  if (issue) facts.message = issue->message;
  if (a && !a->syncedText.empty()) write(tmp, "synced.sk", a->syncedText);
  if (a && a->oracle) {
    CheckResult r = *a->oracle;
    if (issue && issue->source != "sim") r.findings = firstIs(a->oracle->findings, f);
    write(tmp, "oracle.json", toJson(r, 2) + "\n");
    facts.oracleVerdict = std::string(verdictName(r.verdict));
    if (!r.reason.empty()) facts.oracleVerdict += " (" + r.reason + ")";
  }
  if (a && a->sim && issue && issue->source == "sim") {
    SimResult s = *a->sim;
    s.check.findings = firstIs(a->sim->check.findings, f);
    write(tmp, "sim.json", simResultToJson(s, 2) + "\n");
  }
  if (f && a->synced) {
    facts.witnessFile = issue->source == "sim" ? "sim.json" : "oracle.json";
    if (issue->source == "sim")
      facts.simRun = "syncsmith sim synced.sk --runs " + std::to_string(o.id.schedules) + " --seed " +
                     std::to_string(simSeedFor(o.id, rec.firstIndex)) +
                     (o.id.simPolicy == "mixed" ? "" : " --policy " + o.id.simPolicy) + modelFlags(o.id);
    facts.witnessPath = witnessWords(f->witness);
    for (const Instance& inst : f->instances) {
      std::string text = lineText(a->syncedText, inst.line), iters;
      for (const auto& [var, v] : inst.iterations)
        iters += (iters.empty() ? "" : ", ") + var + "=" + std::to_string(v);
      if (!iters.empty()) text += "    # " + iters;
      facts.lines.push_back({inst.line, text});
    }
    std::shared_ptr<const RunDetail> shown;
    try {
      shown = replay(*a->synced, f->witness, facts.witnessFile).shown;
    } catch (const std::exception&) {
      if (a->sim) shown = a->sim->shown;  // NO_REPLAY: the witness itself is the problem
    }
    if (shown) {
      write(tmp, "trace.json", chromeTraceJson(*shown) + "\n");
      facts.hasTrace = true;
    }
    write(tmp, "hb.dot", findingDot(*a->synced, *f));
    facts.hasDot = true;
  }
  res.description = oneLine(rec.kind, in.opsAfter, facts.message);
  facts.description = res.description;

  json meta = {{"signature", rec.signature},
               {"kind", rec.kind},
               {"source", rec.source},
               {"message", facts.message},
               {"lines", f ? json(f->lines()) : json(rec.lines)},
               {"first_kernel", rec.firstIndex},
               {"generator", header.substr(2)},
               {"engine_flags", facts.syncFlags.empty() ? "" : facts.syncFlags.substr(1)},
               {"reduced", in.wasReduced},
               {"ops_before", in.opsBefore},
               {"ops_after", in.opsAfter},
               {"predicate_calls", in.calls},
               {"note", in.note},
               {"description", res.description}};
  if (f) meta["witness"] = json::parse(witnessToJson(f->witness));
  write(tmp, "finding.json", meta.dump(2) + "\n");
  write(tmp, "README.md", readmeText(facts));
  publishFolder(tmp, root / res.folder);
  return res;
}

}  // namespace syncsmith::campaign
