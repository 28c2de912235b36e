// `syncsmith fuzz`: the fuzzing campaign (fuzz/campaign, docs/campaign.md).
// Exit 0 when nothing was found, 1 with findings, 2 bad input.
#include <unistd.h>

#include <iostream>
#include <memory>

#include "Commands.h"
#include "campaign/Campaign.h"
#include "ir/SourceLoc.h"

namespace syncsmith::cli {
namespace {

using campaign::CampaignOptions;

struct FuzzArgs {
  CampaignOptions o;
  double seconds = 0;
  uint64_t runs = 0;
  bool json = false;
};

// On --resume the campaign's own options come from DIR/state.json; one given
// again on the command line must agree.
void takeResumedIdentity(CLI::App* cmd, CampaignOptions& o) {
  campaign::Identity stored = campaign::loadState(o.out).id;
  const campaign::Identity& given = o.id;
  auto clash = [&](const char* flag, bool same) {
    if (cmd->count(flag) && !same)
      throw InputError(o.out + "/state.json", SrcLoc{1, 1},
                       std::string("the campaign was started with another ") + flag +
                           ": resume it without that option");
  };
  clash("--seed", given.seed == stored.seed);
  clash("--inject-bug", given.bug == stored.bug);
  clash("--mode", given.mode == stored.mode);
  clash("--policy", given.genPolicy == stored.genPolicy);
  clash("--size", given.size == stored.size);
  clash("--schedules", given.schedules == stored.schedules);
  clash("--sim-policy", given.simPolicy == stored.simPolicy);
  clash("--flag-key", given.flagKey == stored.flagKey);
  clash("--gm-visibility", given.gmVisibility == stored.gmVisibility);
  clash("--oracle", given.oracle == stored.oracle);
  o.id = stored;
}

void addFuzzCommand(CLI::App& app, int& exitCode) {
  auto* cmd = app.add_subcommand(
      "fuzz",
      "Run a fuzzing campaign: generated kernels -> sync engine -> oracle + simulator; "
      "reduce and export every new finding");
  auto a = std::make_shared<FuzzArgs>();
  CampaignOptions& o = a->o;
  cmd->add_option("--time", a->seconds, "stop checking new kernels after SECONDS (default: until Ctrl-C)");
  cmd->add_option("--runs", a->runs, "stop after N kernels in total (with --resume: counting earlier sessions)");
  cmd->add_option("--seed", o.id.seed, "first generator seed: kernel i uses seed S+i (default 1)");
  cmd->add_option("--jobs,-j", o.jobs, "worker processes (default 1; results do not depend on it)");
  cmd->add_option("--out,-o", o.out, "campaign directory: state, summary, one folder per finding (default fuzz-out)");
  cmd->add_option("--inject-bug", o.id.bug, "run the engine with a known bug on purpose (syncsmith sync --list-bugs)");
  cmd->add_flag("--resume", o.resume, "continue the campaign in --out from its state.json");
  cmd->add_flag("--stop-on-finding", o.stopOnFinding,
                "stop checking new kernels at the first finding (then reduce and export it)");
  cmd->add_option("--policy", o.id.genPolicy,
                  "generator policy: mix (default: kernel i takes the i%4-th), default, many-pairs, "
                  "asymmetric-branches, back-edges");
  cmd->add_option("--size", o.id.size, "kernel size: small, default, large");
  cmd->add_option("--mode", o.id.mode, "engine mode: opt (default), naive, barrier-all");
  cmd->add_option("--schedules", o.id.schedules, "simulator schedules per kernel (default 3; 0: oracle only)");
  cmd->add_option("--sim-policy", o.id.simPolicy,
                  "mixed (default: fixed, random, adversarial in turn), fixed, random, adversarial");
  cmd->add_option("--flag-key", o.id.flagKey, "flags keyed by pair (default) or src");
  cmd->add_option("--gm-visibility", o.id.gmVisibility, "fenced (default) or retire");
  cmd->add_option("--oracle", o.id.oracle,
                  "oracle engine: graph (default: exact check of every path), smt (Z3), auto");
  cmd->add_option("--reduce-calls", o.reduceCalls, "predicate calls per reduction (default 1500)");
  cmd->add_option("--max-reduce", o.maxReduce,
                  "reduce the first N signatures (default 25); later ones are exported as found");
  cmd->add_option("--oracle-ms", o.oracleMs, "oracle time limit per kernel, ms (default 10000; past it: unknown)");
  cmd->add_option("--kernel-timeout", o.kernelTimeout, "seconds without a result before a kernel is a HANG (default 120)");
  cmd->add_flag("--json", a->json, "print the summary as JSON instead of the table");
  cmd->add_flag("--quiet,-q", o.quiet, "no status line");
  cmd->callback([a, cmd, &exitCode] {
    CampaignOptions o = a->o;
    if (cmd->count("--time")) o.seconds = a->seconds;
    if (cmd->count("--runs")) o.runs = a->runs;
    if (o.resume) takeResumedIdentity(cmd, o);
    bool tty = ::isatty(STDERR_FILENO);
    campaign::CampaignResult r = campaign::runCampaign(o, std::cerr, tty);
    if (a->json)
      std::cout << r.summaryJson;
    else
      std::cout << r.summaryTable;
    exitCode = r.state.signatures.empty() ? 0 : 1;
  });
}

}  // namespace

SYNCSMITH_COMMAND(fuzz, 55, addFuzzCommand);

}  // namespace syncsmith::cli
