// Each injected bug yields, on some kernel, output the checker refutes,
// while the same kernel without the bug is proven correct.
#include "EngineTestUtil.h"

namespace syncsmith::test {
namespace {

struct BugCase {
  InjectedBug bug;
  std::string kernel;  // text, or "file:" + corpus path (sync stripped)
  ModelOptions model;
};

Kernel load(const std::string& spec) {
  if (spec.rfind("file:", 0) == 0) return stripSync(parseKernelFile(corpusPath(spec.substr(5))));
  return parseKernel(spec, "bug.sk");
}

// The V->MTE2 forward pair for `vadd z` (after the body set, which cannot
// slide past the store) is needed after the loop, next to the drain of the
// loop's own V->MTE2 pair.
const char* kLoopTail = R"(kernel t {
  buffer x gm 16384
  buffer y gm 16384
  buffer u ub 4096
  buffer t ub 4096
  buffer z ub 4096
  param n in 0..3
  for i in 0..n {
    gm_to_ub u <- x[i*4096 : i*4096+4096]
    vexp t <- u
    ub_to_gm y[i*4096 : i*4096+4096] <- t
    vadd z <- t
  }
  gm_to_ub z <- x[0:4096]
})";

const char* kAlias = R"(kernel a {
  buffer x gm 8192
  buffer y gm 8192
  buffer p ub 4096 @0
  buffer q ub 4096 @0
  gm_to_ub p <- x[0:4096]
  ub_to_gm y[0:4096] <- p
  gm_to_ub q <- x[4096:8192]
  ub_to_gm y[4096:8192] <- q
})";

const char* kZeroTrip = R"(kernel z {
  buffer x gm 32768
  buffer u ub 4096
  buffer s ub 4096
  buffer w ub 4096
  param n in 0..3
  gm_to_ub u <- x[0:4096]
  for i in 0..n {
    gm_to_ub s <- x[i*4096 : i*4096+4096]
    vadd s <- s
  }
  vexp w <- u
})";

const char* kReacquire = R"(kernel r {
  buffer x gm 8192
  buffer y gm 8192
  buffer u ub 4096
  buffer w ub 4096
  gm_to_ub u <- x[0:4096]
  vexp w <- u
  gm_to_ub u <- x[4096:8192]
  vadd w <- u
  ub_to_gm y <- w
})";

const char* kCallCount = R"(kernel c {
  buffer x gm 65536
  buffer y gm 65536
  buffer t ub 8192 slots=2
  param n in 0..6
  for i in 0..n {
    gm_to_ub t[i/2%2] <- x[i*4096 : i*4096+4096]
    ub_to_gm y[i*4096 : i*4096+4096] <- t[i/2%2]
  }
})";

// Ten loads each followed by an unrelated store (so no set can cover two
// loads), all consumed later: ten MTE2->V pairs live at once.
std::string exhaust() {
  std::string text = "kernel e {\n  buffer x gm 65536\n  buffer y gm 65536\n  buffer z ub 1024\n";
  for (int i = 0; i < 10; ++i) text += "  buffer u" + std::to_string(i) + " ub 1024\n";
  for (int i = 0; i < 10; ++i)
    text += "  gm_to_ub u" + std::to_string(i) + " <- x[" + std::to_string(i * 1024) + ":" +
            std::to_string(i * 1024 + 1024) + "]\n  ub_to_gm y[" + std::to_string(i * 1024) + ":" +
            std::to_string(i * 1024 + 1024) + "] <- z\n";
  for (int i = 0; i < 10; ++i) text += "  vexp u" + std::to_string(i) + " <- u" + std::to_string(i) + "\n";
  return text + "}\n";
}

std::vector<BugCase> cases() {
  return {
      {InjectedBug::LoopTailSetBeforeDrain, kLoopTail, {}},
      {InjectedBug::GmRoundtripFlagOnly, "file:examples/gm_roundtrip.sk", {}},
      {InjectedBug::AliasByName, kAlias, {}},
      {InjectedBug::FallbackBarrierAtTail, exhaust(), {}},
      {InjectedBug::AssumeLoopRuns, kZeroTrip, {}},
      {InjectedBug::NoValidReacquire, kReacquire, {}},
      {InjectedBug::DropSamePipeBarrier, "file:examples/vv_chain.sk", {}},
      {InjectedBug::IdsByCallCount, kCallCount, {}},
      {InjectedBug::SkipBackEdge, "file:examples/pingpong.sk", {}},
  };
}

TEST(BugTest, EveryBugHasACase) { EXPECT_EQ(cases().size(), injectedBugs().size()); }

TEST(BugTest, EachInjectedBugIsRefuted) {
  for (const BugCase& c : cases()) {
    std::string name(injectedBugName(c.bug));
    Kernel k = load(c.kernel);
    syncAndCheck(k, engineOptions(c.model), name + " (bug off)");
    EngineOptions o = engineOptions(c.model);
    o.bug = c.bug;
    SyncResult r = synchronize(k, o);
    CheckOptions co;
    co.model = c.model;
    CheckSummary s = checkAllPaths(r.kernel, co);
    EXPECT_FALSE(s.findings.empty()) << name << " was not refuted:\n" << printKernel(r.kernel);
    EXPECT_EQ(r.report.bug, name);
  }
}

TEST(BugTest, NamesRoundTrip) {
  for (const InjectedBugInfo& b : injectedBugs()) {
    EXPECT_EQ(parseInjectedBug(b.name), b.bug);
    EXPECT_FALSE(b.description.empty());
  }
  EXPECT_FALSE(parseInjectedBug("no-such-bug"));
}

}  // namespace
}  // namespace syncsmith::test
