// The bug corpus (corpus/bugs/*/): every folder's expect.json names, per
// kernel form and model options, the verdict and the exact set of finding
// kinds (REDUNDANT excluded). One test per folder, data-driven: adding a
// folder adds a test. Checked with the exact per-path semantics over every
// path (AllPaths.h); tests/corpus/check_bugs.sh checks the same file with
// the real `syncsmith check`.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "AllPaths.h"
#include "ir/Parser.h"
#include "ir/SourceLoc.h"

namespace syncsmith::corpus {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

fs::path bugsRoot() { return fs::path(SYNCSMITH_SOURCE_ROOT) / "corpus" / "bugs"; }

std::vector<std::string> bugFolders() {
  std::vector<std::string> out;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(bugsRoot(), ec))
    if (e.is_directory()) out.push_back(e.path().filename().string());
  std::sort(out.begin(), out.end());
  return out;
}

json readJson(const fs::path& p) {
  std::ifstream in(p);
  if (!in) throw std::runtime_error("cannot read " + p.string());
  return json::parse(in);
}

ModelOptions optionsOf(const json& check) {
  ModelOptions m;
  if (!check.contains("options")) return m;
  const json& o = check["options"];
  if (o.contains("flag_key")) {
    auto k = parseFlagKey(o["flag_key"].get<std::string>());
    if (!k) throw std::runtime_error("bad flag_key");
    m.flagKey = *k;
  }
  if (o.contains("gm_visibility")) {
    auto v = parseGmVisibility(o["gm_visibility"].get<std::string>());
    if (!v) throw std::runtime_error("bad gm_visibility");
    m.gmVisibility = *v;
  }
  return m;
}

std::string optionsText(const ModelOptions& m) {
  return "--flag-key " + std::string(flagKeyName(m.flagKey)) + " --gm-visibility " +
         std::string(gmVisibilityName(m.gmVisibility));
}

std::string join(const std::set<std::string>& s) {
  std::string out = "{";
  for (const std::string& x : s) out += (out.size() > 1 ? ", " : "") + x;
  return out + "}";
}

class BugCorpus : public ::testing::TestWithParam<std::string> {};

TEST_P(BugCorpus, FormsGetTheirExpectedVerdictAndKinds) {
  const fs::path dir = bugsRoot() / GetParam();
  for (const char* required : {"buggy.sk", "fixed.sk", "expect.json", "README.md"})
    ASSERT_TRUE(fs::exists(dir / required)) << GetParam() << " lacks " << required;
  json expect = readJson(dir / "expect.json");
  ASSERT_TRUE(expect.contains("checks") && expect["checks"].is_array()) << "expect.json: checks";
  std::set<std::string> formsChecked;
  const bool verbose = std::getenv("SYNCSMITH_CORPUS_VERBOSE") != nullptr;

  for (const json& check : expect["checks"]) {
    const std::string form = check.at("form").get<std::string>();
    formsChecked.insert(form);
    const ModelOptions model = optionsOf(check);
    const std::string wantVerdict = check.at("verdict").get<std::string>();
    std::set<std::string> wantKinds;
    for (const json& k : check.at("kinds")) {
      ASSERT_TRUE(parseFindingKind(k.get<std::string>())) << "unknown kind " << k;
      ASSERT_NE(k.get<std::string>(), "REDUNDANT") << "REDUNDANT is advice, not expected";
      wantKinds.insert(k.get<std::string>());
    }
    SCOPED_TRACE(GetParam() + "/" + form + " " + optionsText(model));

    Kernel kernel;
    try {
      kernel = parseKernelFile((dir / form).string());
    } catch (const InputError& e) {
      FAIL() << e.what();
    }
    SweepResult got = checkAllPaths(kernel, model);
    std::ostringstream all;
    for (const Finding& f : got.findings) all << "  " << describe(f) << "\n";
    if (verbose)
      std::cout << GetParam() << "/" << form << " (" << optionsText(model)
                << "): " << verdictName(got.verdict) << " " << join(got.kinds()) << " over "
                << got.paths << " paths\n"
                << all.str();
    EXPECT_EQ(verdictName(got.verdict), wantVerdict) << got.reason << "\n" << all.str();
    EXPECT_EQ(join(got.kinds()), join(wantKinds)) << all.str();
  }
  EXPECT_TRUE(formsChecked.count("buggy.sk")) << "expect.json has no check of buggy.sk";
  EXPECT_TRUE(formsChecked.count("fixed.sk")) << "expect.json has no check of fixed.sk";
  for (const json& check : expect["checks"]) {
    if (check["form"] == "fixed.sk") {
      EXPECT_EQ(check["verdict"], "correct") << "a fixed form must be expected correct";
    }
  }
}

std::string testName(const ::testing::TestParamInfo<std::string>& info) {
  std::string s = info.param;
  for (char& c : s)
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  return s;
}

GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(BugCorpus);
INSTANTIATE_TEST_SUITE_P(Folders, BugCorpus, ::testing::ValuesIn(bugFolders()), testName);

TEST(BugCorpusLayout, HasFolders) { EXPECT_FALSE(bugFolders().empty()); }

}  // namespace
}  // namespace syncsmith::corpus
