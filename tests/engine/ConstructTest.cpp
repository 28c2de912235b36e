// Hand-written kernels, one construct each; every output is checked by the
// exact per-path checker, and some shapes of the output are asserted too.
#include <cstring>

#include "EngineTestUtil.h"

namespace syncsmith::test {
namespace {

Kernel k(const std::string& text) { return parseKernel(text, "construct.sk"); }

SyncResult check(const std::string& text, const std::string& what, ModelOptions m = {}) {
  Kernel kern = k(text);
  SyncResult r = syncAndCheck(kern, engineOptions(m), what);
  syncAndCheck(kern, engineOptions(m, SyncMode::Naive), what);
  syncAndCheck(kern, engineOptions(m, SyncMode::BarrierAll), what);
  return r;
}

TEST(ConstructTest, StraightLineRawWarWaw) {
  auto r = check(R"(kernel s {
  buffer x gm 4096
  buffer y gm 4096
  buffer u ub 4096
  buffer w ub 4096
  gm_to_ub u <- x
  vexp w <- u
  ub_to_gm y <- w
  gm_to_ub w <- x
  vadd u <- w, u
  ub_to_gm x <- u
})", "straight line");
  EXPECT_EQ(r.report.barrierAlls, 0);
}

TEST(ConstructTest, VectorChainNeedsBarriersOnlyOnA2a3) {
  std::string body = R"( {
  buffer x gm 4096
  buffer u ub 4096
  buffer w ub 4096
  gm_to_ub u <- x
  vexp w <- u
  vmul u <- w
  vadd w <- u, w
  ub_to_gm x <- w
})";
  auto a2 = check("kernel v arch=a2a3" + body, "a2a3 chain");
  auto a5 = check("kernel v arch=a5" + body, "a5 chain");
  EXPECT_GE(countText(printKernel(a2.kernel), "pipe_barrier V"), 2u);
  EXPECT_EQ(countText(printKernel(a5.kernel), "pipe_barrier V"), 0u);
}

TEST(ConstructTest, GmRoundTripFenceOnlyWhenFenced) {
  std::string text = R"(kernel g {
  buffer x gm 4096
  buffer ws gm 4096
  buffer a ub 4096
  buffer b ub 4096
  gm_to_ub a <- x
  ub_to_gm ws <- a
  gm_to_ub b <- ws
  ub_to_gm x <- b
})";
  auto fenced = check(text, "fenced");
  EXPECT_GE(countText(printKernel(fenced.kernel), "gm_fence MTE3"), 1u);
  auto retire = check(text, "retire", {FlagKey::Pair, GmVisibility::Retire});
  EXPECT_EQ(countText(printKernel(retire.kernel), "gm_fence"), 0u);
}

TEST(ConstructTest, ScalarStoreReadByAnotherPipeNeedsAnSFence) {
  auto r = check(R"(kernel s {
  buffer h gm 64
  buffer u ub 64
  scalar_store h[0:8] <-
  gm_to_ub u[0:8] <- h[0:8]
  vadd u <- u
  ub_to_gm h <- u
  scalar_load <- h[0:8]
})", "scalar");
  EXPECT_GE(countText(printKernel(r.kernel), "gm_fence S"), 1u);
}

TEST(ConstructTest, AliasingByAddressNotName) {
  check(R"(kernel a {
  buffer x gm 8192
  buffer y gm 8192
  buffer p ub 4096 @0
  buffer q ub 4096 @2048
  gm_to_ub p <- x[0:4096]
  ub_to_gm y[0:4096] <- p
  gm_to_ub q <- x[4096:8192]
  ub_to_gm y[4096:8192] <- q
})", "overlapping buffers");
}

TEST(ConstructTest, ZeroTripLoopsAndSymbolicTrips) {
  check(R"(kernel z {
  buffer x gm 32768
  buffer y gm 4096
  buffer u ub 4096
  buffer s ub 4096
  param n in 0..4
  param m in 0..3
  gm_to_ub u <- x[0:4096]
  for i in 0..n {
    gm_to_ub u <- x[i*4096 : i*4096+4096]
    vadd s <- s, u
  }
  vmul s <- u
  for j in m..n {
    ub_to_gm y <- s
  }
  vexp u <- s
})", "zero trip");
}

TEST(ConstructTest, NestedLoopsCarryOnBothLevels) {
  check(R"(kernel n {
  buffer in gm 65536
  buffer out gm 8192
  buffer t ub 4096 slots=2
  buffer r ub 1024
  param rows in 1..3
  param cols in 0..3
  for i in 0..rows {
    for j in 0..cols {
      gm_to_ub t[j%2] <- in[(i*4+j)*2048 : (i*4+j)*2048+2048]
      vadd r <- t[j%2][0:1024], r
    }
    ub_to_gm out[i*1024 : i*1024+1024] <- r
    dup r <-
  }
})", "nested");
}

TEST(ConstructTest, BranchesWithAndWithoutElse) {
  check(R"(kernel b {
  buffer x gm 16384
  buffer y gm 16384
  buffer u ub 4096
  buffer v ub 4096
  param n in 1..4
  for i in 0..n {
    gm_to_ub u <- x[i*4096 : i*4096+4096]
    if ?relu {
      vmax v <- u
    } else {
      vmul v <- u
    }
    if i % 2 == 1 {
      ub_to_gm y[i*4096 : i*4096+4096] <- v
    }
    if ?again {
      gm_to_ub v <- x[0:4096]
    }
  }
  ub_to_gm y[0:4096] <- v
})", "branches");
}

TEST(ConstructTest, ConditionalConsumerGetsItsSyncInsideTheArm) {
  auto r = check(R"(kernel c {
  buffer x gm 32768
  buffer y gm 4096
  buffer u ub 4096
  buffer acc ub 4096
  param n in 1..8
  for i in 0..n {
    gm_to_ub u <- x[i*4096 : i*4096+4096]
    vadd acc <- acc, u
    if i == n-1 {
      ub_to_gm y <- acc
    }
  }
})", "conditional consumer");
  // V->MTE3 only in the last iteration, and no credit is needed for it.
  EXPECT_EQ(r.report.credits, 0) << printKernel(r.kernel);
}

TEST(ConstructTest, PingPongAndTripleBufferUseLanes) {
  auto r = check(R"(kernel p {
  buffer x gm 65536
  buffer y gm 65536
  buffer t ub 12288 slots=3
  buffer d ub 8192 slots=2
  param n in 0..7
  for i in 0..n {
    gm_to_ub t[i%3] <- x[i*4096 : i*4096+4096]
    vexp d[i%2] <- t[i%3]
    ub_to_gm y[i*4096 : i*4096+4096] <- d[i%2]
  }
})", "lanes");
  EXPECT_GE(r.report.lanes.size(), 2u) << reportText(r.report);
}

// A hazard carried by the outer loop through slots chosen by an inner one
// (matmul's L0 buffers a0[kk] reloaded every k): the pair's set and wait go
// inside the inner loop with ids chosen by the slot, primed and drained
// around the outer loop, so the next load of slot kk waits only for the
// mmad of the same kk one k earlier (the hand-written matmul_db).
TEST(ConstructTest, LanesChosenByAnInnerLoop) {
  const std::string text = R"(kernel m core=cube {
  buffer a gm 65536
  buffer a1 l1 16384
  buffer a0 l0a 16384 slots=SLOTS
  buffer b0 l0b 8192
  buffer c0 l0c 16384
  param kt in 1..4
  for k in 0..kt {
    for kk in 0..INNER {
      l1_to_l0a a0[SLOT] <- a1[0:4096]
      mmad c0 <- a0[SLOT], b0, c0
    }
  }
})";
  struct Case {
    const char *slots, *inner, *slot, *id;
  };
  for (Case cs : {Case{"2", "2", "kk", "(kk%2)"}, Case{"4", "4", "kk", "(kk%4)"},
                  Case{"2", "2", "(kk+1)%2", "((kk+1)%2)"}, Case{"4", "3", "kk", "(kk%4)"}}) {
    std::string t = text;
    for (auto [from, to] : {std::pair{"SLOTS", cs.slots}, {"INNER", cs.inner}, {"SLOT", cs.slot}})
      for (size_t at; (at = t.find(from)) != std::string::npos;) t.replace(at, strlen(from), to);
    SyncResult r = check(t, std::string("inner lanes ") + cs.slot);
    std::string out = printKernel(r.kernel);
    EXPECT_NE(out.find(std::string("wait_flag M MTE1 ") + cs.id), std::string::npos) << out;
    EXPECT_TRUE(r.report.fallbacks.empty()) << reportText(r.report);
    bool lanes = false;
    for (const auto& l : r.report.lanes) lanes |= l.pair == "M->MTE1" && l.lanes == std::stoi(cs.slots);
    EXPECT_TRUE(lanes) << reportText(r.report);
    // Syncing the output again recognizes the shape: nothing added.
    SyncResult again = syncAndCheck(r.kernel, engineOptions(), "inner lanes again");
    EXPECT_EQ(again.report.setFlags + again.report.waitFlags, 0) << printKernel(again.kernel);
  }

  // Not when the inner loop's range follows the outer loop (kk in 0..k+1):
  // a wait could then take a set from two outer iterations back.
  std::string moving = text;
  for (auto [from, to] : {std::pair{"SLOTS", "2"}, {"0..INNER", "k..k+2"}, {"SLOT", "kk%2"}})
    for (size_t at; (at = moving.find(from)) != std::string::npos;) moving.replace(at, strlen(from), to);
  SyncResult r = check(moving, "inner range moving with the outer loop");
  EXPECT_EQ(printKernel(r.kernel).find("wait_flag M MTE1 (kk"), std::string::npos)
      << printKernel(r.kernel);
}

TEST(ConstructTest, SlotsThatDoNotFollowTheIterationFallBackToOneId) {
  auto r = check(R"(kernel q {
  buffer x gm 65536
  buffer y gm 65536
  buffer t ub 8192 slots=2
  param n in 0..6
  for i in 0..n {
    gm_to_ub t[i/2%2] <- x[i*4096 : i*4096+4096]
    ub_to_gm y[i*4096 : i*4096+4096] <- t[i/2%2]
  }
})", "slots by i/2");
  EXPECT_TRUE(r.report.lanes.empty()) << reportText(r.report);
}

TEST(ConstructTest, RunningOutOfIdsDegradesAndReports) {
  std::string text = "kernel e {\n  buffer x gm 65536\n  buffer y gm 65536\n  buffer z ub 1024\n";
  for (int i = 0; i < 10; ++i) text += "  buffer u" + std::to_string(i) + " ub 1024\n";
  for (int i = 0; i < 10; ++i)
    text += "  gm_to_ub u" + std::to_string(i) + " <- x[" + std::to_string(i * 1024) + ":" +
            std::to_string(i * 1024 + 1024) + "]\n  ub_to_gm y[" + std::to_string(i * 1024) + ":" +
            std::to_string(i * 1024 + 1024) + "] <- z\n";
  for (int i = 0; i < 10; ++i) text += "  vexp u" + std::to_string(i) + " <- u" + std::to_string(i) + "\n";
  text += "}\n";
  auto r = check(text, "ten live pairs");
  for (const auto& [pair, ids] : r.report.idsPerPair) EXPECT_LE(ids.size(), 8u) << pair;
  ASSERT_FALSE(r.report.fallbacks.empty()) << reportText(r.report);
  EXPECT_EQ(r.report.fallbacks[0].kind, "barrier-all");
  EXPECT_GE(r.report.barrierAlls, 1);
}

// Found by the fuzz campaign: a pair replaced by `pipe_barrier ALL` (ids
// ran out) took with it the drain of V that its set gave, and the V->V
// hazard vmul -> vexp had been left to ride on that drain.
TEST(ConstructTest, BarrierAllFallbackKeepsTheSetsDrain) {
  auto r = check(R"(kernel d arch=a2a3 core=vec {
  buffer ub0 ub 256
  buffer ub1 ub 49152 slots=3
  buffer ub2 ub 32
  buffer ub3 ub 128
  vadd ub0 <-
  for i in 0..1 {
    ub_to_gm <- ub0
    vadd ub1[i] <-
    ub_to_gm <- ub1[i]
    ub_to_ub ub1[(i+1)%3] <-
    ub_to_l1 <- ub1[(i+1)%3]
    vadd ub2 <-
    ub_to_l1 <- ub2
    vmul ub3 <- ub2
    if ?q2 {
      vexp ub1[1] <- ub3
    }
    ub_to_l1 <- ub3
  }
})", "fallback after a drained set");
  // (That kernel, found by the campaign, now reuses an id with a credit
  // instead of falling back; it stays as a regression test.) Ten V->MTE3
  // pairs live at once: the last two become pipe_barrier ALL, and the V->V
  // hazard from `vexp a9` to `vadd w <- a9` relied on the drain of a9's set.
  std::string text = "kernel d {\n  buffer x gm 65536\n  buffer y gm 65536\n  buffer w ub 1024\n";
  for (int j = 0; j < 10; ++j) text += "  buffer a" + std::to_string(j) + " ub 1024\n";
  for (int j = 0; j < 10; ++j)
    text += "  vexp a" + std::to_string(j) + " <- a" + std::to_string(j) + "\n  scalar_load <- x[" +
            std::to_string(j * 8) + ":" + std::to_string(j * 8 + 8) + "]\n";
  text += "  vadd w <- a9\n";
  for (int j = 0; j < 10; ++j)
    text += "  ub_to_gm y[" + std::to_string(j * 1024) + ":" + std::to_string(j * 1024 + 1024) +
            "] <- a" + std::to_string(j) + "\n";
  SyncResult f = check(text + "}\n", "fallback keeps the drain");
  ASSERT_FALSE(f.report.fallbacks.empty()) << reportText(f.report);
  EXPECT_EQ(f.report.fallbacks[0].kind, "barrier-all");
  std::string out = printKernel(f.kernel);
  EXPECT_NE(out.find("vexp a9 <- a9\n  pipe_barrier V"), std::string::npos) << out;
}

TEST(ConstructTest, ConsecutiveLoadsShareOneSet) {
  auto r = check(R"(kernel l {
  buffer x gm 65536
  buffer a ub 4096
  buffer b ub 4096
  buffer c ub 4096
  gm_to_ub a <- x[0:4096]
  gm_to_ub b <- x[4096:8192]
  gm_to_ub c <- x[8192:12288]
  vadd a <- a, b
  vadd c <- c, a
  ub_to_gm x[0:4096] <- c
})", "grouped loads");
  EXPECT_EQ(countText(printKernel(r.kernel), "set_flag MTE2 V"), 1u) << printKernel(r.kernel);
}

TEST(ConstructTest, CubeMatmulPipeline) {
  check(R"(kernel m core=cube {
  buffer a gm 65536
  buffer c gm 16384
  buffer a1 l1 16384 slots=2
  buffer a0 l0a 8192 slots=2
  buffer b0 l0b 8192
  buffer c0 l0c 16384
  param kt in 1..4
  l1_to_l0b b0 <- a1[0][0:8192]
  for k in 0..kt {
    gm_to_l1 a1[k%2] <- a[k*8192 : k*8192+8192]
    l1_to_l0a a0[k%2] <- a1[k%2][0:8192]
    if k == 0 {
      mmad c0 <- a0[k%2], b0
    } else {
      mmad c0 <- a0[k%2], b0, c0
    }
  }
  l0c_to_gm c <- c0
  l0c_to_l1 a1[1] <- c0[0:8192]
})", "cube");
}

TEST(ConstructTest, FlagKeyBySource) {
  check(R"(kernel f {
  buffer x gm 8192
  buffer u ub 4096
  buffer w ub 4096
  param n in 0..3
  for i in 0..n {
    gm_to_ub u <- x[0:4096]
    gm_to_ub w <- x[4096:8192]
    vadd u <- u, w
    ub_to_gm x[0:4096] <- u
    scalar_load <- x[0:8]
  }
})", "flag-key src", {FlagKey::Src, GmVisibility::Fenced});
}

TEST(ConstructTest, PartialInputSyncIsKeptAndCompleted) {
  Kernel kern = k(R"(kernel p {
  buffer x gm 4096
  buffer u ub 4096
  buffer w ub 4096
  gm_to_ub u <- x
  set_flag MTE2 V 0
  wait_flag MTE2 V 0
  vexp w <- u
  ub_to_gm x <- w
})");
  SyncResult r = syncAndCheck(kern, engineOptions(), "partial sync");
  EXPECT_EQ(r.report.keptSync, 2);
  std::string text = printKernel(r.kernel);
  EXPECT_EQ(countText(text, "set_flag MTE2 V 0"), 1u) << text;  // not duplicated
  EXPECT_GE(countText(text, "wait_flag V MTE3"), 1u) << text;
}

// Input lanes with computed ids count as order only in the complete shape
// (a prime and a drain per id, the wait before the set in the body, the ids
// used nowhere else); otherwise the engine adds its own sync.
TEST(ConstructTest, InputLanesAreTrustedOnlyWhenComplete) {
  const std::string head = R"(kernel p {
  buffer x gm 65536
  buffer buf ub 16384 slots=2
  buffer acc ub 8192
  param n in 0..6
)";
  const std::string loop = R"(  for i in 0..n {
    wait_flag V MTE2 (i%2)
    gm_to_ub buf[i%2] <- x[i*8192 : i*8192+8192]
    set_flag MTE2 V (i%2)
    wait_flag MTE2 V (i%2)
    vadd acc <- buf[i%2], acc
    set_flag V MTE2 (i%2)
  }
)";
  auto added = [](const SyncResult& r) { return r.report.setFlags + r.report.waitFlags; };
  std::string complete = head + "  set_flag V MTE2 0\n  set_flag V MTE2 1\n" + loop +
                         "  wait_flag V MTE2 0\n  wait_flag V MTE2 1\n}\n";
  ASSERT_TRUE(checkAllPaths(k(complete)).correct());
  EXPECT_EQ(added(syncAndCheck(k(complete), engineOptions(), "complete lanes")), 0);

  // Lane 1 is never primed: the loop waits for a set that never comes on
  // the first odd iteration. Not the engine's shape, so not trusted as
  // order; the engine adds its own lanes (the input's DEADLOCK stays).
  std::string noPrime = head + "  set_flag V MTE2 0\n" + loop +
                        "  wait_flag V MTE2 0\n  wait_flag V MTE2 1\n}\n";
  EXPECT_GT(added(synchronize(k(noPrime))), 0);

  // Id 1 used again after the loop (safely: MTE2 -> V orders the drain
  // before the new set) is a second unit after the first: both trusted.
  std::string reused = head + "  set_flag V MTE2 0\n  set_flag V MTE2 1\n" + loop +
                       "  wait_flag V MTE2 0\n  wait_flag V MTE2 1\n"
                       "  set_flag MTE2 V 5\n  wait_flag MTE2 V 5\n"
                       "  set_flag V MTE2 1\n  wait_flag V MTE2 1\n}\n";
  ASSERT_TRUE(checkAllPaths(k(reused)).correct());
  EXPECT_EQ(added(syncAndCheck(k(reused), engineOptions(), "lanes, then the id reused")), 0);

  // Lanes by (i/2%2): correct, but the walk cannot tell which earlier
  // iteration a wait takes its token from, so the engine adds its own and
  // then takes all of it back, each proven redundant on every path.
  std::string byHalf = head + "  set_flag V MTE2 0\n  set_flag V MTE2 1\n" + loop +
                       "  wait_flag V MTE2 0\n  wait_flag V MTE2 1\n}\n";
  for (const char* from : {"buf[i%2]", "(i%2)"}) {
    std::string to = from[0] == 'b' ? "buf[i/2%2]" : "(i/2%2)";
    for (size_t at; (at = byHalf.find(from)) != std::string::npos;) byHalf.replace(at, strlen(from), to);
  }
  ASSERT_TRUE(checkAllPaths(k(byHalf)).correct()) << byHalf;
  SyncResult half = syncAndCheck(k(byHalf), engineOptions(), "lanes by i/2");
  EXPECT_EQ(added(half), 0) << reportText(half.report);
  EXPECT_EQ(half.report.inputUnread, 6);
  EXPECT_GT(half.report.pruned, 0);
  EXPECT_EQ(printKernel(half.kernel), printKernel(k(byHalf)));
}

// A double-buffered loop synced by hand with lanes by (i/2%2): correct, but
// not in a shape the engine reads as order (its ids do not step linearly).
const char* const kUnreadHead = R"(kernel p {
  buffer x gm 65536
  buffer buf ub 16384 slots=2
  buffer acc ub 8192
)";
const char* const kUnreadLanesLoop = R"(  set_flag V MTE2 0
  set_flag V MTE2 1
  for i in 0..n {
    wait_flag V MTE2 (i/2%2)
    gm_to_ub buf[i/2%2] <- x[i%8*8192 : i%8*8192+8192]
    set_flag MTE2 V (i/2%2)
    wait_flag MTE2 V (i/2%2)
    vadd acc <- buf[i/2%2], acc
    set_flag V MTE2 (i/2%2)
  }
  wait_flag V MTE2 0
  wait_flag V MTE2 1
)";

// Input flags the engine cannot read: what it adds for them is taken back
// only where the path check proves it redundant, never what is missing.
TEST(ConstructTest, UnreadInputSyncKeepsWhatIsMissing) {
  std::string kernel = std::string(kUnreadHead) + "  buffer y gm 8192\n  param n in 1..6\n" +
                       kUnreadLanesLoop + "  ub_to_gm y <- acc\n}\n";
  SyncResult r = syncAndCheck(k(kernel), engineOptions(), "unread lanes, unsynced store");
  std::string text = printKernel(r.kernel);
  EXPECT_GT(r.report.pruned, 0) << text;
  EXPECT_EQ(countText(text, "set_flag V MTE3"), 1u) << text;  // the store's RAW on acc
  EXPECT_EQ(r.report.setFlags, 1) << text;
  EXPECT_EQ(r.report.waitFlags, 1) << text;
}

// `?conditions` are checked on every outcome sequence; where the paths or
// the params are too many for that, nothing is taken back and the report
// says why.
TEST(ConstructTest, UnreadInputSyncIsPrunedOnlyWithAnExhaustiveCheck) {
  const std::string head = kUnreadHead, loop = kUnreadLanesLoop;
  // One `?` execution: 2 paths per assignment, all checked.
  SyncResult once = syncAndCheck(
      k(head + "  param n in 0..6\n  if ?more {\n    vexp acc <- acc\n  }\n" + loop + "}\n"),
      engineOptions(), "one ?condition");
  EXPECT_GT(once.report.pruned, 0);
  EXPECT_EQ(once.report.setFlags + once.report.waitFlags, 0) << reportText(once.report);
  EXPECT_TRUE(once.report.fallbacks.empty()) << reportText(once.report);

  struct Case {
    std::string kernel, why;
  };
  for (const Case& c :
       {Case{head + "  param n in 0..6\n  for j in 0..12 {\n    if ?more {\n      vexp acc <- acc\n"
                    "    }\n  }\n" + loop + "}\n",
             "more than 1024 paths"},
        Case{head + "  param n in 0..6\n  param m in 0..40\n" + loop + "}\n",
             "more than 256 assignments"}}) {
    SyncResult r = syncAndCheck(k(c.kernel), engineOptions(), c.why);
    EXPECT_GT(r.report.setFlags, 0) << c.why;
    EXPECT_EQ(r.report.pruned, 0) << c.why;
    ASSERT_EQ(r.report.fallbacks.size(), 1u) << c.why << "\n" << reportText(r.report);
    EXPECT_EQ(r.report.fallbacks[0].kind, "input-sync-unpruned");
    EXPECT_NE(r.report.fallbacks[0].reason.find(c.why), std::string::npos)
        << r.report.fallbacks[0].reason;
  }
}

// Found by the campaign: a load covered for its own GM read inside a loop
// that may run zero times does not cover a later load of the same buffer
// (when it does not run, the FIX write before the loop is still unfenced).
TEST(ConstructTest, AnEarlierCoveredLoadInAMaybeEmptyLoopCoversNothing) {
  auto r = check(R"(kernel g core=cube {
  buffer l1_0 l1 32
  buffer gm0 gm 1024
  buffer c0 l0c 32
  param n0 in 0..2
  l0c_to_gm gm0 <- c0
  for i in 0..n0 step 2 {
    l0c_to_gm gm0 <-
    gm_to_l1 <- gm0
  }
  gm_to_l1 l1_0 <- gm0
})", "covered load in a loop that may not run");
  EXPECT_GE(r.report.fences, 2) << printKernel(r.kernel);
}

TEST(ConstructTest, StrictRefusesInputWithSync) {
  Kernel kern = k(R"(kernel p {
  buffer u ub 64
  vexp u <- u
  pipe_barrier V
  vexp u <- u
})");
  EngineOptions o;
  o.strict = true;
  o.file = "strict.sk";
  try {
    synchronize(kern, o);
    FAIL() << "--strict accepted sync";
  } catch (const InputError& e) {
    EXPECT_EQ(e.loc().line, 4);
    EXPECT_NE(std::string(e.what()).find("strict.sk:4:"), std::string::npos) << e.what();
  }
}

TEST(ConstructTest, ReportCountsWhatWasInserted) {
  Kernel kern = stripSync(parseKernelFile(corpusPath("examples/vec_add_synced.sk")));
  SyncResult r = synchronize(kern);
  StmtCounts c = countStmts(r.kernel);
  EXPECT_EQ(r.report.setFlags, c.setFlags);
  EXPECT_EQ(r.report.waitFlags, c.waitFlags);
  EXPECT_EQ(r.report.setFlags, 2);  // MTE2->V and V->MTE3, nothing more
  std::string json = reportJson(r.report);
  EXPECT_NE(json.find("\"ids_per_pair\""), std::string::npos);
  EXPECT_NE(reportText(r.report).find("MTE2->V"), std::string::npos);
}

}  // namespace
}  // namespace syncsmith::test
