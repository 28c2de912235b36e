#include "campaign/Options.h"

#include "gen/GenPolicy.h"
#include "ir/SourceLoc.h"

namespace syncsmith::campaign {
namespace {

[[noreturn]] void bad(const std::string& msg) { throw InputError("<arguments>", SrcLoc{}, msg); }

std::string policyList() {
  std::string s = "mix";
  for (const std::string& p : gen::policyNames()) s += ", " + p;
  return s;
}

}  // namespace

void validate(const CampaignOptions& o) {
  const Identity& id = o.id;
  if (!id.bug.empty() && !parseInjectedBug(id.bug))
    bad("unknown --inject-bug '" + id.bug + "' (see syncsmith sync --list-bugs)");
  if (!parseSyncMode(id.mode)) bad("unknown --mode '" + id.mode + "' (opt, naive, barrier-all)");
  if (id.genPolicy != "mix" && !gen::namedPolicy(id.genPolicy))
    bad("unknown --policy '" + id.genPolicy + "' (" + policyList() + ")");
  if (!gen::parseSizeClass(id.size)) bad("unknown --size '" + id.size + "' (small, default, large)");
  if (id.schedules < 0) bad("--schedules must be >= 0");
  if (id.simPolicy != "mixed" && !parseSimPolicy(id.simPolicy))
    bad("unknown --sim-policy '" + id.simPolicy + "' (mixed, fixed, random, adversarial)");
  if (!parseFlagKey(id.flagKey)) bad("unknown --flag-key '" + id.flagKey + "' (pair, src)");
  if (!parseGmVisibility(id.gmVisibility))
    bad("unknown --gm-visibility '" + id.gmVisibility + "' (fenced, retire)");
  if (!parseOracleEngine(id.oracle)) bad("unknown --oracle '" + id.oracle + "' (graph, smt, auto)");
  if (o.jobs < 1 || o.jobs > 256) bad("--jobs must be in 1..256");
  if (o.seconds && !(*o.seconds > 0)) bad("--time must be > 0 seconds");
  if (o.runs && *o.runs == 0) bad("--runs must be >= 1");
  if (o.out.empty()) bad("--out needs a directory");
}

gen::GenRequest requestFor(const Identity& id, uint64_t index) {
  gen::GenRequest r;
  r.seed = id.seed + index;
  const std::vector<std::string>& names = gen::policyNames();
  r.policy = id.genPolicy == "mix" ? names[index % names.size()] : id.genPolicy;
  r.size = *gen::parseSizeClass(id.size);
  return r;
}

AnalysisConfig analysisConfig(const CampaignOptions& o) {
  const Identity& id = o.id;
  AnalysisConfig c;
  c.engine.mode = *parseSyncMode(id.mode);
  if (!id.bug.empty()) c.engine.bug = *parseInjectedBug(id.bug);
  c.engine.model.flagKey = *parseFlagKey(id.flagKey);
  c.engine.model.gmVisibility = *parseGmVisibility(id.gmVisibility);
  c.engine.file = "kernel.sk";
  c.oracle.model = c.engine.model;
  c.oracle.timeLimitMs = o.oracleMs;
  c.oracle.engine = *parseOracleEngine(id.oracle);
  c.schedules = id.schedules;
  if (id.simPolicy != "mixed") c.policy = parseSimPolicy(id.simPolicy);
  c.stages.sim = id.schedules > 0;
  return c;
}

std::string syncFlags(const Identity& id) {
  std::string s;
  if (id.mode != "opt") s += " --mode " + id.mode;
  if (!id.bug.empty()) s += " --inject-bug " + id.bug;
  return s + modelFlags(id);
}

std::string modelFlags(const Identity& id) {
  std::string s;
  if (id.flagKey != "pair") s += " --flag-key " + id.flagKey;
  if (id.gmVisibility != "fenced") s += " --gm-visibility " + id.gmVisibility;
  return s;
}

}  // namespace syncsmith::campaign
