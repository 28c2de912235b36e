// corpus/bench: every file parses and round-trips; the suite is big enough;
// unsynced kernels carry no sync, need some (a finding on some path) and
// say what they model; every hand-synced companion is the same kernel plus
// sync, and is correct on every path (model/PathCheck over all params).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "ir/Parser.h"
#include "ir/Printer.h"
#include "model/PathCheck.h"

namespace syncsmith {
namespace {

namespace fs = std::filesystem;

fs::path suiteDir() { return fs::path(SYNCSMITH_SOURCE_ROOT) / "corpus" / "bench"; }

bool isSynced(const fs::path& p) { return p.stem().extension() == ".synced"; }

std::vector<fs::path> files(bool synced) {
  std::vector<fs::path> out;
  for (const auto& e : fs::directory_iterator(suiteDir()))
    if (e.path().extension() == ".sk" && isSynced(e.path()) == synced) out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

std::string readText(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Findings over every param combination (and both constant outcomes of
// every `?` condition), at most `stopAfter` paths with findings.
std::vector<Finding> findingsOnAllPaths(const Kernel& k, bool stopAtFirst) {
  std::vector<Finding> all;
  auto space = paramSpace(k, 100000);
  EXPECT_TRUE(space.has_value()) << k.name;
  if (!space) return all;
  for (const auto& params : *space)
    for (bool cond : {false, true}) {
      Trace t = buildTrace(k, params, [cond](const std::string&, size_t) { return cond; });
      auto f = checkPath(t, {});
      all.insert(all.end(), f.begin(), f.end());
      if (stopAtFirst && !all.empty()) return all;
    }
  return all;
}

TEST(BenchCorpus, EveryFileParsesAndRoundTrips) {
  int n = 0;
  for (bool synced : {false, true})
    for (const fs::path& p : files(synced)) {
      Kernel k = parseKernelFile(p.string());
      Kernel again = parseKernel(printKernel(k), p.string());
      EXPECT_EQ(again, k) << p;
      ++n;
    }
  EXPECT_GE(n, 19);
}

TEST(BenchCorpus, SuiteIsLargeEnough) {
  EXPECT_GE(files(false).size(), 15u);
  EXPECT_GE(files(true).size(), 4u);
}

TEST(BenchCorpus, UnsyncedKernelsSayWhatTheyModelAndNeedSync) {
  for (const fs::path& p : files(false)) {
    std::string text = readText(p);
    EXPECT_EQ(text.rfind("# ", 0), 0u) << p << ": starts with a comment saying what it models";
    Kernel k = parseKernelFile(p.string());
    EXPECT_EQ(k.name, p.stem().string()) << p;
    EXPECT_EQ(countStmts(k).syncs(), 0) << p << ": the suite's kernels are unsynced";
    EXPECT_FALSE(findingsOnAllPaths(k, true).empty()) << p << ": needs no sync at all?";
  }
}

TEST(BenchCorpus, HandSyncedKernelsAreTheSameKernelPlusSync) {
  for (const fs::path& p : files(true)) {
    std::string stem = p.stem().stem().string();
    fs::path base = p.parent_path() / (stem + ".sk");
    ASSERT_TRUE(fs::exists(base)) << p << " has no unsynced " << base;
    Kernel synced = parseKernelFile(p.string());
    Kernel unsynced = parseKernelFile(base.string());
    EXPECT_EQ(synced.name, stem + "_synced") << p;
    Kernel stripped = stripSync(synced);
    stripped.name = unsynced.name;
    EXPECT_TRUE(stripped == unsynced) << p << " without its sync differs from " << base;
    EXPECT_EQ(printKernel(stripped), printKernel(unsynced)) << p;
  }
}

TEST(BenchCorpus, HandSyncedKernelsAreCorrectOnEveryPath) {
  for (const fs::path& p : files(true)) {
    Kernel k = parseKernelFile(p.string());
    auto f = findingsOnAllPaths(k, false);
    EXPECT_TRUE(f.empty()) << p << ": " << (f.empty() ? "" : describe(f[0]));
  }
}

}  // namespace
}  // namespace syncsmith
