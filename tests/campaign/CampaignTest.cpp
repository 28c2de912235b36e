// Whole campaigns, in worker processes: injected bugs are found, reduced and
// exported; the opt engine yields nothing; results do not depend on --jobs;
// --resume continues; a kill loses no reported finding.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "campaign/AtomicFile.h"
#include "campaign/Campaign.h"
#include "ir/Parser.h"
#include "ir/Printer.h"
#include "oracle/smt/Oracle.h"
#include "sync/Engine.h"

namespace syncsmith::campaign {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

fs::path freshDir(const std::string& name) {
  fs::path d = fs::temp_directory_path() / ("syncsmith-campaign-" + std::to_string(::getpid())) / name;
  fs::remove_all(d);
  fs::create_directories(d.parent_path());
  return d;
}

CampaignOptions options(const fs::path& dir, uint64_t runs, int jobs, const std::string& bug = "") {
  CampaignOptions o;
  o.out = dir.string();
  o.runs = runs;
  o.jobs = jobs;
  o.id.bug = bug;
  o.quiet = true;
  o.maxReduce = 2;      // keep the suite fast: later signatures are exported as found
  o.reduceCalls = 400;
  return o;
}

CampaignResult run(const CampaignOptions& o) {
  std::ostringstream status;
  return runCampaign(o, status, false);
}

// The summary without what timing and the run's own settings decide.
json comparable(const std::string& summary) {
  json j = json::parse(summary);
  j.erase("timing");
  j.erase("run");
  return j;
}

const char* kFiles[] = {"reduced.sk", "original.sk", "synced.sk", "oracle.json",
                        "trace.json", "hb.dot",      "finding.json", "README.md"};

void expectCompleteReproducer(const fs::path& folder, const std::string& bug, const std::string& kind) {
  for (const char* f : kFiles) EXPECT_TRUE(fs::exists(folder / f)) << folder << " lacks " << f;
  std::string readme = readFile(folder / "README.md");
  EXPECT_NE(readme.find("syncsmith sync reduced.sk --inject-bug " + bug + " | syncsmith check - --json"),
            std::string::npos)
      << readme;
  EXPECT_NE(readme.find("syncsmith sim synced.sk --replay oracle.json --trace t.json"), std::string::npos);
  EXPECT_NE(readme.find("has a " + kind), std::string::npos) << readme;
  // synced.sk is exactly what `syncsmith sync reduced.sk --inject-bug BUG` prints ...
  EngineOptions eo;
  eo.bug = *parseInjectedBug(bug);
  Kernel reduced = parseKernelFile((folder / "reduced.sk").string());
  std::string synced = readFile(folder / "synced.sk");
  EXPECT_EQ(printKernel(synchronize(reduced, eo).kernel), synced);
  // ... and the oracle finds the kind there (the exact path engine, as the
  // campaign itself: Z3 under a loaded machine may time out to `unknown`).
  OracleOptions oo;
  oo.engine = OracleEngine::Graph;
  CheckResult r = checkKernel(parseKernel(synced, "synced.sk"), oo);
  bool found = false;
  for (const Finding& f : r.findings) found |= findingKindName(f.kind) == kind;
  EXPECT_TRUE(found) << folder;
  json oracle = json::parse(readFile(folder / "oracle.json"));
  EXPECT_EQ(oracle["findings"][0]["kind"], kind);
  EXPECT_FALSE(json::parse(readFile(folder / "trace.json")).empty());
}

class InjectedBug : public ::testing::TestWithParam<const char*> {};

TEST_P(InjectedBug, IsFoundReducedAndExported) {
  std::string bug = GetParam();
  fs::path dir = freshDir("bug-" + bug);
  CampaignResult r = run(options(dir, 24, 2, bug));
  ASSERT_FALSE(r.state.signatures.empty()) << bug << ": nothing found in 24 kernels";
  EXPECT_EQ(r.state.nextIndex, 24u);
  EXPECT_EQ(r.state.pending(), 0u);
  const SignatureRecord& first = r.state.signatures[0];
  EXPECT_EQ(first.status, "exported");
  EXPECT_TRUE(first.reduced);
  EXPECT_LE(first.opsAfter, 12) << first.signature;
  EXPECT_LT(first.opsAfter, first.opsBefore);
  for (const SignatureRecord& rec : r.state.signatures) {
    ASSERT_EQ(rec.status, "exported") << rec.signature << ": " << rec.note;
    expectCompleteReproducer(dir / rec.folder, bug, rec.kind);
  }
  json summary = json::parse(readFile(dir / "summary.json"));
  EXPECT_EQ(summary["kernels"], 24);
  EXPECT_EQ(summary["unique_signatures"], r.state.signatures.size());
  EXPECT_EQ(summary["reproducers"][0]["folder"], first.folder);
  EXPECT_NE(r.summaryTable.find((dir / first.folder).string()), std::string::npos) << r.summaryTable;
}

INSTANTIATE_TEST_SUITE_P(Campaign, InjectedBug,
                         ::testing::Values("gm-roundtrip-flag-only", "skip-back-edge",
                                           "drop-same-pipe-barrier"));

TEST(Campaign, StopOnFindingEndsCheckingAtTheFirstSignature) {
  fs::path dir = freshDir("stop");
  CampaignOptions o = options(dir, 400, 1, "gm-roundtrip-flag-only");
  o.stopOnFinding = true;
  CampaignResult r = run(o);
  ASSERT_FALSE(r.state.signatures.empty());
  EXPECT_LT(r.state.nextIndex, 400u);
  // Kernels in flight when the first finding was committed may still add one.
  EXPECT_LE(r.state.nextIndex, r.state.signatures[0].firstIndex + 8);
  EXPECT_EQ(r.state.signatures[0].status, "exported");
}

TEST(Campaign, OptEngineFindsNothing) {
  fs::path dir = freshDir("opt");
  CampaignResult r = run(options(dir, 60, 2));
  EXPECT_EQ(r.state.nextIndex, 60u);
  for (const SignatureRecord& rec : r.state.signatures)
    ADD_FAILURE() << "a real bug: " << rec.signature << " (" << rec.message << "), reproducer in "
                  << (dir / rec.folder).string();
  EXPECT_EQ(r.state.findings, 0u);
}

TEST(Campaign, SameSeedSameSummaryForAnyJobs) {
  fs::path one = freshDir("jobs1"), two = freshDir("jobs2");
  CampaignResult a = run(options(one, 16, 1, "gm-roundtrip-flag-only"));
  CampaignResult b = run(options(two, 16, 2, "gm-roundtrip-flag-only"));
  ASSERT_FALSE(a.state.signatures.empty());
  EXPECT_EQ(comparable(a.summaryJson), comparable(b.summaryJson));
  for (const SignatureRecord& rec : a.state.signatures)
    for (const char* f : {"reduced.sk", "synced.sk", "oracle.json", "README.md"})
      EXPECT_EQ(readFile(one / rec.folder / f), readFile(two / rec.folder / f)) << rec.folder << "/" << f;
}

TEST(Campaign, ResumeContinuesToTheSameResult) {
  fs::path whole = freshDir("whole"), parts = freshDir("parts");
  CampaignResult full = run(options(whole, 20, 2, "gm-roundtrip-flag-only"));
  CampaignResult first = run(options(parts, 8, 2, "gm-roundtrip-flag-only"));
  EXPECT_EQ(first.state.nextIndex, 8u);
  CampaignOptions more = options(parts, 20, 2, "gm-roundtrip-flag-only");
  more.resume = true;
  CampaignResult second = run(more);
  EXPECT_EQ(second.state.nextIndex, 20u);
  EXPECT_EQ(second.state.sessions, 2);
  EXPECT_EQ(comparable(second.summaryJson), comparable(full.summaryJson));
}

// A campaign killed (SIGKILL, workers included) as soon as state.json reports
// a finding: every published folder is complete, the finding is in the
// state, and --resume exports it.
TEST(Campaign, KillLosesNoReportedFinding) {
  fs::path dir = freshDir("killed");
  CampaignOptions o = options(dir, 100000, 1, "gm-roundtrip-flag-only");
  pid_t pid = ::fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    ::setpgid(0, 0);
    std::ostringstream status;
    try {
      runCampaign(o, status, false);
    } catch (...) {
    }
    ::_exit(0);
  }
  ::setpgid(pid, pid);
  std::string state;
  for (int i = 0; i < 1200; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    try {
      state = readFile(dir / "state.json");
    } catch (...) {
      continue;
    }
    if (!stateFromJson(state).signatures.empty()) break;
  }
  ::kill(-pid, SIGKILL);
  int st = 0;
  ::waitpid(pid, &st, 0);
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  CampaignState saved = loadState(dir.string());
  ASSERT_FALSE(saved.signatures.empty()) << "no finding reported before the time limit";
  for (const auto& e : fs::directory_iterator(dir)) {
    std::string name = e.path().filename().string();
    if (!e.is_directory() || name[0] == '.') continue;
    for (const char* f : kFiles) EXPECT_TRUE(fs::exists(e.path() / f)) << name << " lacks " << f;
  }
  CampaignOptions resume = options(dir, saved.nextIndex, 1, "gm-roundtrip-flag-only");
  resume.resume = true;
  CampaignResult r = run(resume);
  EXPECT_EQ(r.state.pending(), 0u);
  for (const SignatureRecord& rec : saved.signatures) {
    const SignatureRecord* now = r.state.find(rec.signature);
    ASSERT_NE(now, nullptr) << rec.signature;
    EXPECT_EQ(now->status, "exported");
    EXPECT_TRUE(fs::exists(dir / now->folder / "README.md"));
  }
}

TEST(Campaign, RejectsBadOptionsAndDirectories) {
  fs::path dir = freshDir("bad");
  CampaignOptions o = options(dir, 2, 1);
  o.id.bug = "no-such-bug";
  EXPECT_THROW(run(o), InputError);
  o = options(dir, 2, 1);
  o.resume = true;
  EXPECT_THROW(run(o), InputError);  // nothing to resume
  o.resume = false;
  run(o);
  EXPECT_THROW(run(o), InputError);  // a campaign is there already
  o.resume = true;
  o.id.seed = 99;
  EXPECT_THROW(run(o), InputError);  // started with another seed
}

}  // namespace
}  // namespace syncsmith::campaign
