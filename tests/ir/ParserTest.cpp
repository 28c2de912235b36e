#include <gtest/gtest.h>

#include "ir/Parser.h"
#include "ir/Printer.h"

namespace syncsmith {
namespace {

const char* kPingPong = R"(# double-buffered add
kernel pingpong arch=a2a3 core=vec {
  buffer x   gm 65536
  buffer y   gm 65536
  buffer buf ub 16384 @0 slots=2
  buffer acc ub 8192 @16384
  param n in 1..8
  for i in 0..n {
    gm_to_ub buf[i%2] <- x[i*8192 : i*8192+8192]   # load
    vadd acc <- buf[i%2], acc
    if i == n-1 {
      ub_to_gm y[0:8192] <- acc
    }
  }
}
)";

TEST(ParserTest, ParsesTheSpecExample) {
  Kernel k = parseKernel(kPingPong, "pingpong.sk");
  EXPECT_EQ(k.name, "pingpong");
  EXPECT_EQ(k.arch(), Arch::A2A3);
  EXPECT_EQ(k.core(), Core::Vec);
  ASSERT_EQ(k.buffers.size(), 4u);
  EXPECT_EQ(k.buffers[2].slotCount(), 2);
  EXPECT_EQ(k.buffers[2].slotSize(), 8192);
  EXPECT_EQ(k.buffers[3].base, 16384);
  EXPECT_NE(k.buffers[0].base, k.buffers[1].base);  // gm buffers never alias
  ASSERT_EQ(k.params.size(), 1u);
  EXPECT_EQ(k.params[0].hi, 8);
  ASSERT_EQ(k.body.size(), 1u);
  const ForStmt* f = k.body[0].forLoop();
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(k.body[0].loc.line, 8);
  EXPECT_EQ(k.body[0].loc.col, 3);
  ASSERT_EQ(f->body.size(), 3u);
  const OpStmt* load = f->body[0].op();
  ASSERT_NE(load, nullptr);
  EXPECT_EQ(load->pipe, Pipe::MTE2);
  EXPECT_TRUE(load->writes[0].slot.has_value());
  EXPECT_EQ(f->body[1].op()->pipe, Pipe::V);
  EXPECT_EQ(f->body[2].ifStmt()->thenBody[0].op()->pipe, Pipe::MTE3);
  EXPECT_EQ(f->body[2].ifStmt()->thenBody[0].loc.line, 12);
}

TEST(ParserTest, UnplacedBuffersFollowTheHighestPlacedEnd) {
  Kernel k = parseKernel(R"(kernel k {
  buffer a ub 100
  buffer b ub 50 @1000
  buffer c ub 10 @0
  buffer d ub 20
}
)");
  EXPECT_EQ(k.buffers[0].base, 1050);
  EXPECT_EQ(k.buffers[1].base, 1000);
  EXPECT_EQ(k.buffers[2].base, 0);
  EXPECT_EQ(k.buffers[3].base, 1150);
}

TEST(ParserTest, SyncStatementsAndComputedIds) {
  Kernel k = parseKernel(R"(kernel k core=cube {
  buffer a l1 64
  for i in 0..4 step 2 {
    set_flag MTE2 MTE1 (i%2 + 2)
    wait_flag MTE2 MTE1 3
    set_flag MTE3 V 9
    pipe_barrier ALL
    pipe_barrier M
    gm_fence FIX
  }
  if ?c {
  } else {
    exec S <-
  }
}
)");
  const ForStmt* f = k.body[0].forLoop();
  EXPECT_EQ(*f->step, 2);
  const SyncStmt* set = f->body[0].sync();
  EXPECT_EQ(set->kind, SyncKind::SetFlag);
  EXPECT_TRUE(set->id.computed);
  EXPECT_EQ(set->pipe(), Pipe::MTE2);
  const SyncStmt* wait = f->body[1].sync();
  EXPECT_FALSE(wait->id.computed);
  EXPECT_EQ(wait->id.expr.value(), 3);
  EXPECT_EQ(wait->pipe(), Pipe::MTE1);
  // Off-core pipes and out-of-range ids are findings, not format errors.
  EXPECT_EQ(f->body[2].sync()->src, Pipe::MTE3);
  EXPECT_TRUE(f->body[3].sync()->all);
  EXPECT_EQ(f->body[5].sync()->kind, SyncKind::Fence);
  const IfStmt* i = k.body[1].ifStmt();
  EXPECT_TRUE(i->cond.runtime);
  EXPECT_EQ(i->cond.name, "c");
  EXPECT_TRUE(i->thenBody.empty());
  ASSERT_TRUE(i->elseBody.has_value());
  EXPECT_EQ((*i->elseBody)[0].op()->pipe, Pipe::S);
}

TEST(ParserTest, KeywordsAreContextual) {
  Kernel k = parseKernel(R"(kernel for {
  buffer for ub 64
  buffer V ub 64
  vadd for <- V
}
)");
  EXPECT_EQ(k.name, "for");
  EXPECT_EQ(k.body[0].op()->writes[0].buffer, "for");
}

TEST(ParserTest, SiblingLoopsMayReuseAVariable) {
  EXPECT_NO_THROW(parseKernel(R"(kernel k {
  buffer a ub 64
  for i in 0..2 {
    vadd a <-
  }
  for i in 0..3 {
    vadd a <-
  }
}
)"));
}

TEST(ParserTest, ZeroTripLoopBodiesAreNotRangeChecked) {
  // The body never runs, so its range is never out of bounds.
  EXPECT_NO_THROW(parseKernel(R"(kernel k {
  buffer a ub 64
  param n in 0..0
  for i in 0..n {
    vadd a[64:128] <-
  }
}
)"));
}

TEST(ParserTest, RangesAreCheckedForEveryParamValueAndIteration) {
  const char* text = R"(kernel k {
  buffer a ub 64
  param n in 1..3
  for i in 0..n {
    vadd a[i*16:i*16+32] <-
  }
}
)";
  EXPECT_NO_THROW(parseKernel(text));
  try {
    parseKernel(std::string(text).replace(std::string(text).find("1..3"), 4, "1..4"), "r.sk");
    FAIL() << "expected an error";
  } catch (const InputError& e) {
    EXPECT_EQ(e.loc().line, 5);
    EXPECT_EQ(e.loc().col, 10);
    EXPECT_NE(e.message().find("n=4, i=3"), std::string::npos) << e.message();
  }
}

TEST(ParserTest, PrintIsCanonicalAndStable) {
  Kernel k = parseKernel(kPingPong, "pingpong.sk");
  std::string printed = printKernel(k);
  EXPECT_EQ(printed.find('#'), std::string::npos);
  Kernel again = parseKernel(printed, "printed.sk");
  EXPECT_EQ(k, again);
  EXPECT_EQ(printKernel(again), printed);
  EXPECT_NE(printed.find("    gm_to_ub buf[i%2] <- x[i*8192:i*8192+8192]\n"), std::string::npos)
      << printed;
}

TEST(ParserTest, EqualityNoticesChanges) {
  Kernel a = parseKernel(kPingPong);
  Kernel b = a;
  EXPECT_EQ(a, b);
  b.body[0].forLoop()->body[1].op()->reads.pop_back();
  EXPECT_NE(a, b);
  Kernel c = a;
  c.buffers[2].slots = 4;
  EXPECT_NE(a, c);
}

}  // namespace
}  // namespace syncsmith
