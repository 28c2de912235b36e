#include <gtest/gtest.h>

#include "PtoTestUtil.h"

namespace syncsmith::pto::test {
namespace {

std::string fileError(const std::string& name) {
  try {
    importData(name);
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

TEST(PtoErrorTest, UnknownCallIsReportedNotGuessed) {
  EXPECT_EQ(fileError("bad_unknown_call.cpp"),
            dataPath("bad_unknown_call.cpp") +
                ":13:3: error: unknown call 'TFOO' (not in the importer's op table; see "
                "docs/import-pto.md)");
}

TEST(PtoErrorTest, UnclosedBraceBlamesTheBlockThatSwallowedTheKernelBrace) {
  EXPECT_EQ(fileError("bad_unbalanced.cpp"),
            dataPath("bad_unbalanced.cpp") + ":7:44: error: '{' is never closed");
}

TEST(PtoErrorTest, TassignOfAFloat) {
  EXPECT_EQ(fileError("bad_tassign.cpp"),
            dataPath("bad_tassign.cpp") +
                ":5:15: error: a TASSIGN address must be an integer, found a value the "
                "importer cannot follow (float argument 'v2')");
}

TEST(PtoErrorTest, MixedCubeAndVectorIsRefused) {
  EXPECT_EQ(fileError("bad_mixed.cpp"),
            dataPath("bad_mixed.cpp") +
                ":14:3: error: core=mix is not supported yet: TMATMUL (pipe M, cube core) and "
                "TEXPANDS at 13:3 (vector core) are in one kernel; import the cube and vector "
                "parts as separate kernels");
}

TEST(PtoErrorTest, UnreadableFile) {
  try {
    importPtoFile("/nonexistent/x.cpp");
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()), "/nonexistent/x.cpp:1:1: error: cannot read file");
  }
}

struct Case {
  const char* body;  // kernel body (line 2 onwards of k.cpp)
  const char* error;
};

const char* kTile = "  Tile<TileType::Vec, float, 16, 16> t;\n";

TEST(PtoErrorTest, MalformedBodies) {
  const Case cases[] = {
      {"  TASSIGN(v1, 0);\n",
       "k.cpp:2:11: error: TASSIGN needs a tile variable as its first argument, found a GM pointer"},
      {"  Tile<TileType::Vec, float, 256, 256> t;\n  TASSIGN(t, 0);\n",
       "k.cpp:3:14: error: tile 't' (262144 bytes at 0) does not fit in ub (196608 bytes)"},
      {"  Tile<TileType::Vec, float, 16, 16> t;\n  TASSIGN(t, -64);\n",
       "k.cpp:3:14: error: negative TASSIGN address -64"},
      {"  Tile<TileType::Vec, float, 16, 16> t;\n  if (n > 1) {\n    TASSIGN(t, 0);\n  }\n",
       "k.cpp:4:13: error: TASSIGN of tile 't' inside a block nested in the one that declares it is "
       "not supported (its address after the block would depend on the path)"},
      {"  Tile<TileType::Vec, float, 16, 16> t;\n  TEXP(t, t);\n",
       "k.cpp:3:8: error: tile 't' is used before TASSIGN gives it an address"},
      {"  Tile<TileType::Scaling, float, 16, 16> t;\n",
       "k.cpp:2:8: error: unsupported tile type 'TileType::Scaling' (expected TileType::Vec, Mat, "
       "Left, Right, Acc or Bias)"},
      {"  Tile<TileType::Vec, float, 16, 16> t;\n  TASSIGN(t, 0);\n  TADD(t, t);\n",
       "k.cpp:4:3: error: no form of TADD takes (a tile, a tile); expected (dst tile, src tile, "
       "src tile)"},
      {"  Tile<TileType::Mat, float, 16, 16> t;\n  TASSIGN(t, 0);\n  TEXP(t, t);\n",
       "k.cpp:4:8: error: TEXP needs a Vec tile as its operand, but 't' is a Mat tile"},
      {"  set_flag(PIPE_ALL, PIPE_V, EVENT_ID0);\n",
       "k.cpp:2:12: error: PIPE_ALL is only allowed in pipe_barrier"},
      {"  set_flag(PIPE_MTE4, PIPE_V, EVENT_ID0);\n",
       "k.cpp:2:12: error: unsupported pipe 'PIPE_MTE4' (expected PIPE_S, PIPE_V, PIPE_M, "
       "PIPE_MTE1, PIPE_MTE2, PIPE_MTE3, PIPE_FIX or PIPE_ALL)"},
      {"  wait_flag(PIPE_MTE2, PIPE_V, PIPE_V);\n",
       "k.cpp:2:32: error: expected an event id (EVENT_ID0..EVENT_ID7 or an event_t value), "
       "found 'PIPE_V'"},
      {"  int32_t a = 1;\n  a = 2;\n",
       "k.cpp:3:3: error: assignment to 'a' is not supported (the importer expects SSA values)"},
      {"  while (n) {\n  }\n", "k.cpp:2:3: error: 'while' is not supported"},
      {"  for (int32_t i = 0; i < n; i += n) {\n  }\n",
       "k.cpp:2:30: error: the loop step must be a positive constant"},
      {"  for (int32_t i = 0; i != n; ++i) {\n  }\n",
       "k.cpp:2:23: error: the loop condition must be 'i < N' or 'i <= N'"},
      {"  int32_t a = n > 2 ? 1 : 0;\n",
       "k.cpp:2:15: error: '?:' with a non-constant condition is not supported (except min: x < "
       "y ? x : y, as a loop bound)"},
      {"  int32_t a = n < 3 ? n : 3;\n  __gm__ float* p = v1 + a;\n",
       "k.cpp:3:24: error: a non-constant min (x < y ? x : y) is only supported as a loop's upper "
       "bound"},
      {"  if (n > 1 && n < 3) {\n  }\n",
       "k.cpp:2:13: error: '&&' of two non-constant conditions is not supported"},
      {"  if (n > 1) {\n    return;\n  }\n",
       "k.cpp:3:5: error: an early 'return' is not supported (only a final 'return;')"},
      {"  return;\n  pipe_barrier(PIPE_V);\n",
       "k.cpp:3:3: error: statement after 'return' (only a final 'return;' is supported)"},
      {"#if A\n#else\n#endif\n",
       "k.cpp:3:1: error: '#else' is not supported: the importer reads every line, so both arms "
       "would be imported"},
      {"  ffts_cross_core_sync(PIPE_FIX, 0);\n",
       "k.cpp:2:3: error: cross-core synchronization ('ffts_cross_core_sync') needs core=mix, "
       "which is not supported yet"},
      {"  int32_t a = foo();\n", "k.cpp:2:15: error: unknown call 'foo' in an expression"},
      {"  int32_t a = b;\n", "k.cpp:2:15: error: unknown name 'b'"},
      {"  int32_t a = 1;\n  int32_t a = 2;\n",
       "k.cpp:3:11: error: 'a' is declared twice (the importer expects SSA names)"},
      {"  int32_t a = 1 / 0;\n", "k.cpp:2:17: error: division by zero"},
      {"  int32_t a = 1 $ 2;\n", "k.cpp:2:17: error: unexpected character '$'"},
      {"  pipe_barrier(PIPE_V)\n", "k.cpp:3:1: error: expected ';' after the call, found '}'"},
      {"  ptoas_auto_sync_tail(PTOAutoSyncTailMode::kSetWait);\n",
       "k.cpp:2:24: error: only ptoas_auto_sync_tail(PTOAutoSyncTailMode::kBarrierAll) is "
       "supported"},
  };
  for (const Case& c : cases) EXPECT_EQ(importError(kernelText(c.body)), c.error) << c.body;
}

TEST(PtoErrorTest, MalformedFiles) {
  const Case cases[] = {
      {"", "k.cpp:1:1: error: no '__global__ AICORE void f(...) { ... }' kernel function in this file"},
      {"}\n", "k.cpp:1:1: error: unbalanced '}': no block is open here"},
      {"__global__ AICORE void a() {}\n__global__ AICORE void b() {}\n",
       "k.cpp:2:1: error: a second __global__ kernel ('b'): import one kernel per file"},
      {"__global__ AICORE void a(__gm__ foo* p) {}\n",
       "k.cpp:1:33: error: unknown element type 'foo' of GM pointer 'p'"},
      {"__global__ AICORE void a(float& x) {}\n",
       "k.cpp:1:31: error: reference types are not supported"},
      {"/* unterminated\n", "k.cpp:1:1: error: unterminated /* comment"},
      {"__global__ AICORE void a(__gm__ float* p) {\n  Tile<TileType::Vec, float, 16, 16> t;\n"
       "  TASSIGN(t, 0);\n  pto::Shape<1, 1, 1, 16, 16> s;\n  pto::Stride<1, 1, 1, 16, 1> st;\n"
       "  GlobalTensor<float, pto::Shape<1, 1, 1, 16, 16>, pto::Stride<1, 1, 1, 16, 1>> g(p - 64, s, st);\n"
       "  TLOAD(t, g);\n}\n",
       "k.cpp:7:12: error: GM offset -256 before the start of 'p' (params none)"},
  };
  for (const Case& c : cases) EXPECT_EQ(importError(c.body), c.error) << c.body;
}

TEST(PtoErrorTest, UnknownParamRangeName) {
  ImportOptions o;
  o.paramRanges["nope"] = {1, 2};
  EXPECT_EQ(importError(kernelText(std::string(kTile) + "  for (int32_t i = 0; i < n; ++i) {\n"
                                                        "  }\n"),
                        o),
            "k.cpp:1:1: error: --param-range names 'nope', which is not an integer parameter of "
            "'k' (params: n)");
}

}  // namespace
}  // namespace syncsmith::pto::test
