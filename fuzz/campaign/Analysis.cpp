#include "campaign/Analysis.h"

#include <algorithm>
#include <cctype>

#include "campaign/Signature.h"
#include "ir/Parser.h"
#include "ir/Printer.h"

namespace syncsmith::campaign {
namespace {

const char* volatile gStage = "";

struct StageScope {
  explicit StageScope(const char* s) { gStage = s; }
  ~StageScope() { gStage = ""; }
};

bool isFinding(const Finding& f) { return f.kind != FindingKind::Redundant; }

std::vector<int> sortedLines(const Finding& f) {
  std::vector<int> l = f.lines();
  std::sort(l.begin(), l.end());
  l.erase(std::unique(l.begin(), l.end()), l.end());
  return l;
}

bool isDataReport(const Finding& f) { return f.message.rfind("data corrupted", 0) == 0; }

// Whether `f` (from the simulator) is among `known` (the oracle's, or a
// replay's): RACE and DOUBLE_SET name their pair of statements, so the lines
// must match; the other kinds (and the simulator's data-damage RACE, which
// names the first op that read wrong data) only need the kind.
bool covers(const std::vector<Finding>& known, const Finding& f) {
  bool byLines = (f.kind == FindingKind::Race && !isDataReport(f)) || f.kind == FindingKind::DoubleSet;
  for (const Finding& o : known) {
    if (o.kind != f.kind) continue;
    if (!byLines || isDataReport(o) || sortedLines(o) == sortedLines(f)) return true;
  }
  return false;
}

void addIssue(Analysis& a, Issue issue) {
  for (const Issue& i : a.issues)
    if (i.signature == issue.signature) return;
  a.issues.push_back(std::move(issue));
}

void addCrash(Analysis& a, const char* stage, const std::string& what) {
  a.crashStage = stage;
  Issue i;
  i.kind = "CRASH";
  i.signature = "CRASH: " + std::string(stage) + ": " + stableText(what);
  i.message = "the " + std::string(stage) + " stage threw: " + what;
  i.source = "crash";
  addIssue(a, std::move(i));
}

void addBadOutput(Analysis& a, const std::string& why, const std::string& stableWhy) {
  Issue i;
  i.kind = "BAD_OUTPUT";
  i.signature = "BAD_OUTPUT: " + stableWhy;
  i.message = "the engine's output " + why;
  i.source = "engine";
  addIssue(a, std::move(i));
}

Issue findingIssue(const Kernel& k, const Finding& f, const std::string& prefix, const char* source,
                   int index) {
  Issue i;
  i.kind = prefix.empty() ? std::string(findingKindName(f.kind)) : prefix;
  i.signature = findingSignature(k, f, prefix.empty() ? "" : prefix + " ");
  i.message = f.message;
  i.lines = f.lines();
  i.source = source;
  i.finding = index;
  return i;
}

void runOracle(Analysis& a, const AnalysisConfig& cfg) {
  StageScope st("oracle");
  try {
    a.oracle = checkKernel(*a.synced, cfg.oracle);
  } catch (const std::exception& e) {
    addCrash(a, "oracle", e.what());
    return;
  }
  if (a.oracle->verdict == Verdict::Unknown) {
    a.unknown = true;
    a.unknownReason = a.oracle->reason;
  }
  const std::vector<Finding>& fs = a.oracle->findings;
  for (size_t n = 0; n < fs.size(); ++n)
    if (isFinding(fs[n])) addIssue(a, findingIssue(*a.synced, fs[n], "", "oracle", int(n)));
}

void runSim(Analysis& a, const AnalysisConfig& cfg, uint64_t seed) {
  StageScope st("sim");
  SimOptions so;
  so.model = cfg.engine.model;
  so.policy = cfg.policy;
  so.seed = seed;
  so.runs = std::max(1, cfg.schedules);
  try {
    a.sim = simulate(*a.synced, so);
  } catch (const std::exception& e) {
    addCrash(a, "sim", e.what());
    return;
  }
  // The oracle searched everything: whatever it does not have is impossible.
  bool oracleComplete = a.oracle && a.oracle->reason.empty();
  const std::vector<Finding>& fs = a.sim->check.findings;
  for (size_t n = 0; n < fs.size(); ++n) {
    const Finding& f = fs[n];
    if (!isFinding(f)) continue;
    if (oracleComplete) {
      if (!covers(a.oracle->findings, f))
        addIssue(a, findingIssue(*a.synced, f, "SIM_ONLY", "sim", int(n)));
    } else if (!a.oracle || !covers(a.oracle->findings, f)) {
      addIssue(a, findingIssue(*a.synced, f, "", "sim", int(n)));
    }
  }
}

// Replays the first oracle finding of each kind in the simulator.
void runReplay(Analysis& a) {
  StageScope st("replay");
  const std::vector<Finding>& fs = a.oracle->findings;
  std::vector<FindingKind> done;
  for (size_t n = 0; n < fs.size(); ++n) {
    const Finding& f = fs[n];
    if (!isFinding(f) || std::find(done.begin(), done.end(), f.kind) != done.end()) continue;
    done.push_back(f.kind);
    Issue issue = findingIssue(*a.synced, f, "NO_REPLAY", "replay", int(n));
    try {
      SimResult r = replay(*a.synced, f.witness, "oracle witness");
      if (covers(r.check.findings, f)) continue;
      issue.message = "the oracle's " + std::string(findingKindName(f.kind)) +
                      " witness does not show the finding when the simulator replays it: " + f.message;
    } catch (const InputError& e) {
      issue.message = "the simulator rejects the oracle's " + std::string(findingKindName(f.kind)) +
                      " witness: " + e.message();
    } catch (const std::exception& e) {
      addCrash(a, "replay", e.what());
      return;
    }
    addIssue(a, std::move(issue));
  }
}

}  // namespace

const char* currentStage() { return gStage; }

std::string stableText(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (out.size() >= 160) break;
    if (c == '\n') c = ' ';
    out += std::isdigit(static_cast<unsigned char>(c)) ? '#' : c;
  }
  return out;
}

Analysis analyzeKernel(const Kernel& input, const AnalysisConfig& cfg, uint64_t simSeed) {
  Analysis a;
  a.ops = countStmts(input).ops;
  SyncResult sr;
  {
    StageScope st("sync");
    try {
      sr = synchronize(input, cfg.engine);
    } catch (const std::exception& e) {
      addCrash(a, "sync", e.what());
      return a;
    }
  }
  {
    StageScope st("parse");
    a.syncedText = printKernel(sr.kernel);
    try {
      a.synced = parseKernel(a.syncedText, "synced.sk");
    } catch (const InputError& e) {
      addBadOutput(a, "does not parse: " + std::string(e.what()),
                   "does not parse: " + stableText(e.message()));
      return a;
    } catch (const std::exception& e) {
      addCrash(a, "parse", e.what());
      return a;
    }
    if (!(stripSync(*a.synced) == stripSync(input)))
      addBadOutput(a, "changes the kernel's ops, loops or ifs (only sync may be added)",
                   "changes the kernel's ops");
  }
  if (cfg.stages.oracle) runOracle(a, cfg);
  if (cfg.stages.sim) runSim(a, cfg, simSeed);
  if (cfg.stages.replay && a.oracle) runReplay(a);
  return a;
}

const Finding* findingOf(const Analysis& a, const Issue& issue) {
  if (issue.finding < 0) return nullptr;
  const std::vector<Finding>* fs = nullptr;
  if ((issue.source == "oracle" || issue.source == "replay") && a.oracle) fs = &a.oracle->findings;
  if (issue.source == "sim" && a.sim) fs = &a.sim->check.findings;
  if (!fs || size_t(issue.finding) >= fs->size()) return nullptr;
  return &(*fs)[size_t(issue.finding)];
}

bool hasSignature(const Analysis& a, const std::string& signature) {
  for (const Issue& i : a.issues)
    if (i.signature == signature) return true;
  return false;
}

}  // namespace syncsmith::campaign
