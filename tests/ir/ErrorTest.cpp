// Malformed inputs: each must give FILE:LINE:COL: error: MESSAGE (exact).
#include <gtest/gtest.h>

#include "ir/Parser.h"

namespace syncsmith {
namespace {

struct BadCase {
  const char* name;
  const char* text;
  int line, col;
  const char* message;
};

const BadCase kCases[] = {
    {"unknown_op", "kernel k {\n  buffer a ub 64\n  vfoo a <-\n  frob a <-\n}\n", 4, 3,
     "unknown op 'frob'"},
    {"wrong_space_write", "kernel k {\n  buffer a gm 64\n  buffer b gm 64\n  gm_to_ub a <- b\n}\n",
     4, 12, "op 'gm_to_ub' cannot access 'a' in gm here (expected ub)"},
    {"wrong_space_read", "kernel k {\n  buffer a ub 64\n  buffer b ub 64\n  ub_to_gm a <- b\n}\n",
     4, 12, "op 'ub_to_gm' cannot access 'a' in ub here (expected gm)"},
    {"op_off_core", "kernel k core=vec {\n  buffer a l1 64\n  buffer b l0a 64\n  l1_to_l0a b <- a\n}\n",
     4, 3, "op 'l1_to_l0a' on pipe MTE1, which a vec core does not have"},
    {"barrier_off_core", "kernel k core=cube {\n  pipe_barrier V\n}\n", 2, 3,
     "pipe_barrier on pipe V, which a cube core does not have"},
    {"fence_off_core", "kernel k {\n  gm_fence FIX\n}\n", 2, 3,
     "gm_fence on pipe FIX, which a vec core does not have"},
    {"exec_off_core", "kernel k {\n  exec M <-\n}\n", 2, 3,
     "op 'exec' on pipe M, which a vec core does not have"},
    {"range_outside", "kernel k {\n  buffer a ub 64\n  vadd a[0:65] <-\n}\n", 3, 8,
     "range [0:65) is outside 'a' (64 bytes)"},
    {"range_empty", "kernel k {\n  buffer a ub 64\n  vadd a[8:8] <-\n}\n", 3, 8,
     "range [8:8) is outside 'a' (64 bytes)"},
    {"range_in_loop", "kernel k {\n  buffer a ub 64 slots=2\n  for i in 0..3 {\n    vadd a[i][i*16:i*16+16] <-\n  }\n}\n",
     4, 10, "range [32:48) is outside a slot of 'a' (32 bytes) (at i=2)"},
    {"range_per_param", "kernel k {\n  buffer a ub 64\n  param n in 0..64\n  vadd a[n:n+1] <-\n}\n", 4, 8,
     "range [64:65) is outside 'a' (64 bytes) (at n=64)"},
    {"over_capacity", "kernel k {\n  buffer a ub 196600\n  buffer b ub 16\n}\n", 3, 3,
     "buffer 'b' ends at byte 196616, over the 196608-byte capacity of ub"},
    {"placed_over_capacity", "kernel k core=cube {\n  buffer a l0a 16 @65530\n}\n", 2, 3,
     "buffer 'a' ends at byte 65546, over the 65536-byte capacity of l0a"},
    {"slot_on_unslotted", "kernel k {\n  buffer a ub 64\n  vadd a[1] <-\n}\n", 3, 10,
     "slot index on unslotted buffer 'a' (a byte range is written [start:end])"},
    {"slot_missing", "kernel k {\n  buffer a ub 64 slots=2\n  vadd a[0:8] <-\n}\n", 3, 8,
     "slotted buffer 'a' needs a slot index, as 'a[i]'"},
    {"unknown_pipe", "kernel k {\n  set_flag MTE2 VEC 0\n}\n", 2, 17, "unknown pipe 'VEC'"},
    {"undeclared_name", "kernel k {\n  buffer a ub 64\n  vadd a[0:m] <-\n}\n", 3, 12,
     "undeclared name 'm'"},
    {"undeclared_buffer", "kernel k {\n  vadd zz <-\n}\n", 2, 8, "undeclared buffer 'zz'"},
    {"malformed_id", "kernel k {\n  set_flag MTE2 V x\n}\n", 2, 19,
     "malformed event id 'x': expected an integer or a parenthesized expression"},
    {"malformed_id_negative", "kernel k {\n  wait_flag MTE2 V -1\n}\n", 2, 20,
     "malformed event id '-': expected an integer or a parenthesized expression"},
    {"zero_divisor_literal", "kernel k {\n  set_flag MTE2 V (3/0)\n}\n", 2, 22, "division by zero"},
    {"zero_divisor_runtime", "kernel k {\n  param n in 0..2\n  set_flag MTE2 V (4%n)\n}\n", 3, 22,
     "division by zero (at n=0)"},
    {"unbalanced_open", "kernel k {\n  for i in 0..2 {\n}\n", 4, 1, "unbalanced braces: missing '}'"},
    {"unbalanced_close", "kernel k {\n}\n}\n", 3, 1,
     "expected end of file after the kernel (one kernel per file)"},
    {"duplicate_buffer", "kernel k {\n  buffer a ub 64\n  buffer a ub 64\n}\n", 3, 3,
     "duplicate name 'a'"},
    {"duplicate_param", "kernel k {\n  buffer n ub 64\n  param n in 0..1\n}\n", 3, 3,
     "duplicate name 'n'"},
    {"loop_shadows", "kernel k {\n  param i in 0..1\n  for i in 0..2 {\n  }\n}\n", 3, 3,
     "loop variable 'i' shadows a name in scope"},
    {"buffer_in_expr", "kernel k {\n  buffer a ub 64\n  vadd a[0:a] <-\n}\n", 3, 12,
     "'a' is a buffer, not an integer"},
    {"gm_with_address", "kernel k {\n  buffer g gm 64 @0\n}\n", 2, 18,
     "gm buffer 'g' cannot be placed with '@'"},
    {"slots_not_dividing", "kernel k {\n  buffer a ub 64 slots=3\n}\n", 2, 24,
     "slots=3 does not divide size 64 of 'a'"},
    {"zero_size", "kernel k {\n  buffer a ub 0\n}\n", 2, 15, "buffer size must be at least 1 byte"},
    {"unknown_space", "kernel k {\n  buffer a l2 64\n}\n", 2, 12,
     "unknown memory space 'l2' (expected gm, ub, l1, l0a, l0b or l0c)"},
    {"empty_param_range", "kernel k {\n  param n in 3..1\n}\n", 2, 14,
     "empty range 3..1 for param 'n'"},
    {"zero_step", "kernel k {\n  for i in 0..4 step 0 {\n  }\n}\n", 2, 22,
     "loop step must be at least 1"},
    {"unknown_arch", "kernel k arch=a9 {\n}\n", 1, 15, "unknown arch 'a9' (expected a2a3 or a5)"},
    {"core_mix_reserved", "kernel k core=mix {\n}\n", 1, 15,
     "core=mix is reserved for a later revision of the format"},
    {"missing_arrow", "kernel k {\n  buffer a ub 64\n  vadd a a\n}\n", 3, 10,
     "expected '<-' between written and read refs, found 'a'"},
    {"two_statements_one_line", "kernel k {\n  buffer a ub 64\n  vadd a <- a vadd\n}\n", 3, 15,
     "expected end of line, found 'vadd'"},
    {"bad_character", "kernel k {\n  buffer a ub 64 $\n}\n", 2, 18, "unexpected character '$'"},
    {"decl_after_stmt", "kernel k {\n  buffer a ub 64\n  vadd a <-\n  buffer b ub 64\n}\n", 4, 3,
     "declarations must come before the first statement"},
    {"else_on_new_line", "kernel k {\n  if ?c {\n  }\n  else {\n  }\n}\n", 4, 3,
     "'else' must follow '}' on the same line, as '} else {'"},
    {"bad_condition", "kernel k {\n  if 1 {\n  }\n}\n", 2, 8,
     "expected a comparison (==, !=, <, <=, >, >=), found '{'"},
    {"huge_integer", "kernel k {\n  buffer a ub 99999999999999999999\n}\n", 2, 15,
     "integer '99999999999999999999' is out of range"},
    {"empty_file", "", 1, 1, "expected 'kernel', found end of file"},
    {"malformed_number", "kernel k {\n  buffer a ub 64x\n}\n", 2, 15, "malformed number '64x'"},
};

class ErrorTest : public ::testing::TestWithParam<BadCase> {};

TEST_P(ErrorTest, ReportsExactLocationAndMessage) {
  const BadCase& c = GetParam();
  try {
    parseKernel(c.text, "bad.sk");
    FAIL() << "no error for " << c.name;
  } catch (const InputError& e) {
    EXPECT_EQ(e.message(), c.message);
    EXPECT_EQ(e.loc().line, c.line) << e.what();
    EXPECT_EQ(e.loc().col, c.col) << e.what();
    std::string expected = "bad.sk:" + std::to_string(c.line) + ":" + std::to_string(c.col) +
                           ": error: " + c.message;
    EXPECT_EQ(std::string(e.what()), expected);
  }
}

INSTANTIATE_TEST_SUITE_P(Malformed, ErrorTest, ::testing::ValuesIn(kCases),
                         [](const auto& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace syncsmith
