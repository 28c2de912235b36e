#include <gtest/gtest.h>

#include "PtoTestUtil.h"
#include "ir/Parser.h"
#include "ir/Printer.h"
#include "pto/SourceMap.h"

namespace syncsmith::pto::test {
namespace {

const char* kGoodFiles[] = {"vec_add.cpp",          "double_buffer.cpp",    "matmul.cpp",
                            "softmax_rows.cpp",     "bug_missing_wait.cpp", "bug_gm_roundtrip.cpp",
                            "bug_loop_if.cpp"};

const Stmt* findOp(const Kernel& k, const std::string& name, int nth = 0) {
  const Stmt* found = nullptr;
  forEachStmt(k.body, [&](const Stmt& s) {
    if (!found && s.op() && s.op()->name == name && nth-- == 0) found = &s;
  });
  return found;
}

TEST(PtoImportTest, VecAddBecomesTheExpectedKernel) {
  ImportResult r = importData("vec_add.cpp");
  EXPECT_EQ(printKernel(r.kernel), R"(kernel vec_add arch=a2a3 core=vec {
  buffer v1 gm 4096
  buffer v2 gm 4096
  buffer v3 gm 4096
  buffer ub_0 ub 4096 @0
  buffer ub_4096 ub 4096 @4096
  buffer ub_8192 ub 4096 @8192
  gm_to_ub ub_0 <- v1[0:4096]
  gm_to_ub ub_4096 <- v2[0:4096]
  set_flag MTE2 V 0
  wait_flag MTE2 V 0
  vadd ub_8192 <- ub_0, ub_4096
  set_flag V MTE3 0
  wait_flag V MTE3 0
  ub_to_gm v3[0:4096] <- ub_8192
  pipe_barrier ALL
}
)");
  EXPECT_TRUE(r.notes.empty());
}

TEST(PtoImportTest, StatementsKeepTheirCppLineAndColumn) {
  ImportResult r = importData("vec_add.cpp");
  std::vector<int> lines;
  for (const Stmt& s : r.kernel.body) lines.push_back(s.loc.line);
  EXPECT_EQ(lines, (std::vector<int>{22, 23, 24, 25, 26, 27, 28, 29, 30}));
  EXPECT_EQ(r.kernel.body[4].loc.col, 3);
  EXPECT_EQ(r.kernel.findBuffer("ub_4096")->loc.line, 14);  // its TASSIGN
}

TEST(PtoImportTest, DoubleBufferRingBecomesASlottedBufferWithComputedIds) {
  ImportResult r = importData("double_buffer.cpp");
  const Kernel& k = r.kernel;
  const Buffer* ring = k.findBuffer("ub_0_x2");
  ASSERT_NE(ring, nullptr);
  EXPECT_EQ(ring->size, 16384);
  EXPECT_EQ(ring->slots, 2);
  ASSERT_EQ(k.params.size(), 1u);
  EXPECT_EQ(k.params[0].name, "v3");
  EXPECT_EQ(k.params[0].lo, kDefaultArgRange.lo);
  EXPECT_EQ(k.params[0].hi, kDefaultArgRange.hi);
  ASSERT_EQ(r.notes.size(), 1u);
  EXPECT_NE(r.notes[0].find("--param-range v3=LO..HI"), std::string::npos);
  const ForStmt* loop = k.body[3].forLoop();
  ASSERT_NE(loop, nullptr);
  EXPECT_EQ(printStmtLine(loop->body[0]), "wait_flag V MTE2 (v11%2)");
  EXPECT_EQ(printStmtLine(loop->body[1]), "gm_to_ub ub_0_x2[v11] <- v1[v11*8192:v11*8192+8192]");
  EXPECT_EQ(printStmtLine(loop->body[5]), "vexp ub_16384 <- ub_0_x2[v11]");
  EXPECT_EQ(printStmtLine(k.body.back()), "pipe_barrier ALL");  // ptoas_auto_sync_tail
}

TEST(PtoImportTest, MatmulIsACubeKernelWithAnIntegerIf) {
  ImportResult r = importData("matmul.cpp");
  const Kernel& k = r.kernel;
  EXPECT_EQ(k.core(), Core::Cube);
  EXPECT_TRUE(k.params.empty());
  const ForStmt* loop = k.body[2].forLoop();
  ASSERT_NE(loop, nullptr);
  EXPECT_EQ(printStmtLine(*findOp(k, "l1_to_l0a")), "l1_to_l0a l0a_0 <- l1_0");
  EXPECT_EQ(printStmtLine(*findOp(k, "l1_to_l0b")), "l1_to_l0b l0b_0 <- l1_2048");
  const IfStmt* branch = nullptr;
  for (const Stmt& s : loop->body)
    if (s.ifStmt()) branch = s.ifStmt();
  ASSERT_NE(branch, nullptr);
  EXPECT_EQ(printCond(branch->cond), "v15 == 0");
  ASSERT_TRUE(branch->elseBody.has_value());
  EXPECT_EQ(printStmtLine((*branch->elseBody)[0]), "mmad l0c_0 <- l0c_0, l0a_0, l0b_0");
  // A strided 32x32 view of a 32x128 matrix: one ref per row.
  EXPECT_EQ(findOp(k, "gm_to_l1")->op()->reads.size(), 32u);
  EXPECT_EQ(printStmtLine(*findOp(k, "l0c_to_gm")), "l0c_to_gm v3[0:4096] <- l0c_0");
  EXPECT_EQ(findOp(k, "l0c_to_gm")->loc.line, 60);
}

TEST(PtoImportTest, PrintedKernelsParseBackToTheSameKernel) {
  for (const char* f : kGoodFiles) {
    ImportResult r = importData(f);
    Kernel back = parseKernel(printKernel(r.kernel), f);
    EXPECT_EQ(back, r.kernel) << f;
    Kernel annotated = parseKernel(printWithSourceComments(r.kernel, f), f);
    EXPECT_EQ(annotated, r.kernel) << f;
  }
}

TEST(PtoImportTest, SourceCommentsNameTheCppLineOfEveryStatement) {
  ImportResult r = importData("vec_add.cpp");
  std::string text = printWithSourceComments(r.kernel, "vec_add.cpp");
  EXPECT_NE(text.find("  vadd ub_8192 <- ub_0, ub_4096  # vec_add.cpp:26\n"), std::string::npos);
  EXPECT_NE(text.find("  buffer ub_0 ub 4096 @0  # vec_add.cpp:12\n"), std::string::npos);
  std::vector<int> lines = sourceLines(r.kernel);
  EXPECT_EQ(lines.size(), 17u);  // header, 6 buffers, 9 statements, '}'
  EXPECT_EQ(lines.back(), 0);
}

TEST(PtoImportTest, StripSyncKeepsTheOpsAndDropsEverySync) {
  ImportOptions o;
  o.stripSync = true;
  for (const char* f : kGoodFiles) {
    ImportResult stripped = importData(f, o);
    ImportResult full = importData(f);
    EXPECT_EQ(countStmts(stripped.kernel).syncs(), 0) << f;
    EXPECT_GT(countStmts(full.kernel).syncs(), 0) << f;
    EXPECT_EQ(countStmts(stripped.kernel).ops, countStmts(full.kernel).ops) << f;
    EXPECT_EQ(stripped.kernel, stripSync(full.kernel)) << f;
  }
}

TEST(PtoImportTest, ParamRangeOptionSetsTheRange) {
  ImportOptions o;
  o.paramRanges["v3"] = {2, 6};
  ImportResult r = importData("double_buffer.cpp", o);
  ASSERT_EQ(r.kernel.params.size(), 1u);
  EXPECT_EQ(r.kernel.params[0].lo, 2);
  EXPECT_EQ(r.kernel.params[0].hi, 6);
  EXPECT_TRUE(r.notes.empty());
  auto [name, range] = parseParamRange("n=-1..8");
  EXPECT_EQ(name, "n");
  EXPECT_EQ(range.lo, -1);
  EXPECT_EQ(range.hi, 8);
  EXPECT_THROW(parseParamRange("n=8..1"), InputError);
  EXPECT_THROW(parseParamRange("n:1..2"), InputError);
}

TEST(PtoImportTest, GmSizeCoversEveryIterationOfEveryParamValue) {
  ImportOptions o;
  o.paramRanges["v3"] = {0, 7};
  ImportResult r = importData("double_buffer.cpp", o);
  EXPECT_EQ(r.kernel.findBuffer("v1")->size, 7 * 8192);
}

TEST(PtoImportTest, LocalMemoryIsKeyedBySpaceAndAddress) {
  ImportResult r = importBody(R"(  int64_t a = 0;
  Tile<TileType::Vec, float, 16, 16> t0;
  TASSIGN(t0, a);
  Tile<TileType::Vec, float, 16, 16> t1;
  __ubuf__ float* p = t0.data();
  uint64_t q = reinterpret_cast<uint64_t>(p);
  TASSIGN(t1, q);
  Tile<TileType::Vec, half, 8, 16> t2;
  TASSIGN(t2, 0);
  Tile<TileType::Vec, float, 16, 16> t3;
  TASSIGN(t3, 1024 + n * 2048);
  TADD(t1, t0, t2);
  TEXP(t3, t1);
)");
  const Kernel& k = r.kernel;
  EXPECT_EQ(printStmtLine(k.body[0]), "vadd ub_0_1024 <- ub_0_1024, ub_0_256");
  EXPECT_EQ(printStmtLine(k.body[1]), "vexp ub_any[n*2048+1024:n*2048+2048] <- ub_0_1024");
  EXPECT_EQ(k.findBuffer("ub_any")->size, 196608);
}

TEST(PtoImportTest, BiasTilesAreModelledPastTheOtherTiles) {
  ImportResult r = importPto(R"(__global__ AICORE void k(__gm__ float* v1) {
  Tile<TileType::Mat, float, 1, 64> m;
  TASSIGN(m, 0);
  Tile<TileType::Bias, float, 1, 64> b;
  TASSIGN(b, 0);
  Tile<TileType::Left, half, 16, 16> a;
  TASSIGN(a, 0);
  Tile<TileType::Right, half, 16, 16> w;
  TASSIGN(w, 0);
  Tile<TileType::Acc, float, 16, 64> c;
  TASSIGN(c, 0);
  TMOV(b, m);
  TMATMUL_BIAS(c, a, w, b);
}
)", "k.cpp");
  const Buffer* bias = r.kernel.findBuffer("bias_0");
  ASSERT_NE(bias, nullptr);
  EXPECT_EQ(bias->space, Space::L0B);
  EXPECT_EQ(*bias->addr, 512);  // past the 512-byte Right tile
  EXPECT_EQ(printStmtLine(r.kernel.body[0]), "l1_to_l0b bias_0 <- l1_0");
  EXPECT_EQ(printStmtLine(r.kernel.body[1]), "mmad l0c_0 <- l0a_0, l0b_0, bias_0");
  EXPECT_EQ(r.notes.size(), 1u);
}

TEST(PtoImportTest, StridedViewsBecomeOneRefPerRowOrTheirHull) {
  ImportResult r = importBody(R"(  Tile<TileType::Vec, float, 4, 16> t;
  TASSIGN(t, 0);
  Tile<TileType::Vec, float, 128, 8> u;
  TASSIGN(u, 4096);
  pto::Shape<1, 1, 1, 4, 16> s = pto::Shape<1, 1, 1, 4, 16>();
  pto::Stride<1, 1, 1, 64, 1> st = pto::Stride<1, 1, 1, 64, 1>();
  GlobalTensor<float, pto::Shape<1, 1, 1, 4, 16>, pto::Stride<1, 1, 1, 64, 1>> g = GlobalTensor<float, pto::Shape<1, 1, 1, 4, 16>, pto::Stride<1, 1, 1, 64, 1>>(v1 + 16, s, st);
  GlobalTensor<float, pto::Shape<1, 1, 1, 128, 8>, pto::Stride<1, 1, 1, 64, 1>> h(v2);
  TLOAD(t, g);
  TLOAD(u, h);
)");
  EXPECT_EQ(printStmtLine(r.kernel.body[0]),
            "gm_to_ub ub_0 <- v1[64:128], v1[320:384], v1[576:640], v1[832:896]");
  EXPECT_EQ(printStmtLine(r.kernel.body[1]), "gm_to_ub ub_4096 <- v2[0:32544]");
  EXPECT_EQ(r.notes.size(), 1u);
}

TEST(PtoImportTest, ConditionsBecomeIntegerConditionsRuntimeUnknownsOrAreFolded) {
  ImportResult r = importPto(R"(__global__ AICORE void k(__gm__ float* v1, float x, bool flag) {
  Tile<TileType::Vec, float, 16, 16> t;
  TASSIGN(t, 0);
  int32_t v3 = 7;
  bool v4 = x > 0.5f;
  if (v4) {
    TEXP(t, t);
  }
  if (v3 >> 1 == 3) {
    TLOG(t, t);
  } else {
    TABS(t, t);
  }
  if (flag) {
    TNEG(t, t);
  } else if (get_block_idx() < 1) {
    TRELU(t, t);
  };
}
)", "k.cpp");
  const Kernel& k = r.kernel;
  ASSERT_EQ(k.body.size(), 3u);
  EXPECT_EQ(printCond(k.body[0].ifStmt()->cond), "?v4");
  EXPECT_EQ(printStmtLine(k.body[1]), "vlog ub_0 <- ub_0");  // 7 >> 1 == 3 folded
  EXPECT_EQ(printCond(k.body[2].ifStmt()->cond), "flag != 0");
  EXPECT_EQ(printCond((*k.body[2].ifStmt()->elseBody)[0].ifStmt()->cond), "block_idx < 1");
  ASSERT_EQ(k.params.size(), 2u);
  EXPECT_EQ(k.params[0].name, "flag");
  EXPECT_EQ(k.params[0].hi, 1);
  EXPECT_EQ(k.params[1].name, "block_idx");
}

TEST(PtoImportTest, ScratchTilesAreWritten) {
  ImportResult r = importBody(R"(  Tile<TileType::Vec, float, 16, 16> src;
  TASSIGN(src, 0);
  Tile<TileType::Vec, float, 16, 1> dst;
  TASSIGN(dst, 1024);
  Tile<TileType::Vec, float, 16, 16> tmp;
  TASSIGN(tmp, 2048);
  TROWSUM(dst, src, tmp);
  TCVT(tmp, src, RoundMode::CAST_RINT);
  TDIVS(dst, 1.0f, dst);
)");
  EXPECT_EQ(printStmtLine(r.kernel.body[0]), "vrowsum ub_1024, ub_2048 <- ub_0");
  EXPECT_EQ(printStmtLine(r.kernel.body[1]), "vcvt ub_2048 <- ub_0");
  EXPECT_EQ(printStmtLine(r.kernel.body[2]), "vdivs ub_1024 <- ub_1024");
}

TEST(PtoImportTest, PyptoStyleFileWithSectionsAliasesAndASecondEntryFunction) {
  ImportResult r = importData("softmax_rows.cpp");
  const Kernel& k = r.kernel;
  EXPECT_EQ(k.name, "softmax_rows");
  ASSERT_EQ(k.params.size(), 1u);
  EXPECT_EQ(k.params[0].name, "block_idx");
  // x and y (.data() alias) are one buffer; the views follow the block index.
  EXPECT_EQ(printStmtLine(*findOp(k, "gm_to_ub")),
            "gm_to_ub ub_0 <- v1[block_idx*4096:block_idx*4096+4096]");
  EXPECT_EQ(printStmtLine(*findOp(k, "vrowexpandsub")), "vrowexpandsub ub_0 <- ub_0, ub_4096");
  EXPECT_EQ(printStmtLine(*findOp(k, "vrowmax")), "vrowmax ub_4096, ub_8192 <- ub_0");
  EXPECT_EQ(findOp(k, "ub_to_gm")->loc.line, 69);
  EXPECT_EQ(k.findBuffer("v2")->size, 8192);
}

TEST(PtoImportTest, FileLevelConstantsAndAttributes) {
  ImportResult r = importPto(R"(constexpr int32_t kRows = 8;
static inline AICORE void helper(int x) { if (x) { foo(); } }
__global__ __attribute__((aicore)) void k(__gm__ half* v1) {
  Tile<TileType::Vec, half, kRows, 16> t;
  TASSIGN(t, kRows * 64);
  GlobalTensor<half, pto::Shape<1, 1, 1, kRows, 16>, pto::Stride<1, 1, 1, 16, 1>> g(v1 + kRows);
  TLOAD(t, g);
}
)", "k.cpp");
  EXPECT_EQ(printStmtLine(r.kernel.body[0]), "gm_to_ub ub_512 <- v1[16:272]");
}

TEST(PtoImportTest, AMinLoopBoundRunsToOneOperandAndGuardsTheBody) {
  ImportResult r = importBody(R"(  Tile<TileType::Vec, float, 8, 8> t;
  TASSIGN(t, 0);
  int32_t c = 3;
  for (size_t i = (size_t) 0; i < ((size_t) ((uint32_t) n < (uint32_t) c ? n : c)); i += 1) {
    TEXP(t, t);
  }
)");
  const Stmt& loop = r.kernel.body[0];
  EXPECT_EQ(printStmtLine(loop), "for i in 0..n {");
  ASSERT_EQ(loop.forLoop()->body.size(), 1u);
  const IfStmt* guard = loop.forLoop()->body[0].ifStmt();
  ASSERT_NE(guard, nullptr);
  EXPECT_EQ(printCond(guard->cond), "i < 3");
  EXPECT_EQ(printStmtLine(guard->thenBody[0]), "vexp ub_0 <- ub_0");
  EXPECT_EQ(guard->thenBody[0].loc.line, 6);
  ASSERT_EQ(r.notes.size(), 2u);  // the min, and n's default range
  EXPECT_NE(r.notes[0].find("min bound"), std::string::npos);
}

TEST(PtoImportTest, LoopsTakeSymbolicBoundsAndConstantSteps) {
  ImportResult r = importBody(R"(  Tile<TileType::Vec, float, 8, 8> t;
  TASSIGN(t, 0);
  for (size_t i = (size_t) 1; i <= (size_t) n; i += 2) {
    for (int32_t j = 0; j < 3; ++j) {
      set_flag(PIPE_V, PIPE_MTE2, (event_t) (j % 2));
      wait_flag(PIPE_V, PIPE_MTE2, j % 2);
    }
  }
)");
  EXPECT_EQ(printStmtLine(r.kernel.body[0]), "for i in 1..n+1 step 2 {");
  const Stmt& innerStmt = r.kernel.body[0].forLoop()->body[0];
  EXPECT_EQ(printStmtLine(innerStmt), "for j in 0..3 {");
  const ForStmt* inner = innerStmt.forLoop();
  EXPECT_EQ(printStmtLine(inner->body[0]), "set_flag V MTE2 (j%2)");
}

}  // namespace
}  // namespace syncsmith::pto::test
