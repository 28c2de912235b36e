#include <gtest/gtest.h>

#include "ir/Expr.h"
#include "ir/Parser.h"

namespace syncsmith {
namespace {

// Parses `e` as the id expression of a set_flag in a tiny kernel.
Expr parseExpr(const std::string& e, const std::string& params = "") {
  std::string text = "kernel k {\n" + params + "  set_flag MTE2 V (" + e + ")\n}\n";
  Kernel k = parseKernel(text, "expr.sk");
  return k.body.at(0).sync()->id.expr;
}

TEST(ExprTest, FloorDivisionAndModuloFollowTheSpec) {
  EXPECT_EQ(floorDiv(7, 2), 3);
  EXPECT_EQ(floorDiv(-7, 2), -4);
  EXPECT_EQ(floorDiv(7, -2), -4);
  EXPECT_EQ(floorDiv(-7, -2), 3);
  EXPECT_EQ(floorMod(-1, 2), 1);  // (i-1)%2 is 0 or 1
  EXPECT_EQ(floorMod(7, -2), -1); // takes the sign of k
  EXPECT_EQ(floorMod(-7, -2), -1);
  EXPECT_EQ(floorMod(6, 3), 0);
}

TEST(ExprTest, PrecedenceAndAssociativity) {
  Env env;
  EXPECT_EQ(parseExpr("2 + 3 * 4").eval(env), 14);
  EXPECT_EQ(parseExpr("10 - 3 - 2").eval(env), 5);
  EXPECT_EQ(parseExpr("100 / 10 / 5").eval(env), 2);
  EXPECT_EQ(parseExpr("(2 + 3) * 4").eval(env), 20);
  EXPECT_EQ(parseExpr("7 % 4 * 2").eval(env), 6);
  EXPECT_EQ(parseExpr("-7 / 2").eval(env), -4);  // unary minus binds tightest
  EXPECT_EQ(parseExpr("-(7 / 2)").eval(env), -3);
  EXPECT_EQ(parseExpr("2 - -3").eval(env), 5);
}

TEST(ExprTest, EvaluatesParamsAndRejectsZeroDivisorAtRunTime) {
  Expr e = parseExpr("n / (n - 3)", "  param n in 4..4\n");
  Env env;
  env.push("n", 4);
  EXPECT_EQ(e.eval(env), 4);
  env.set("n", 3);
  EXPECT_THROW(e.eval(env), EvalError);
}

TEST(ExprTest, AffineFormsAreRecognized) {
  auto a = parseExpr("2*i + 3*(j - 1) - i", "  param i in 0..1\n  param j in 0..1\n").affine();
  ASSERT_TRUE(a.has_value());
  EXPECT_EQ(a->constant, -3);
  EXPECT_EQ(a->coeffs.at("i"), 1);
  EXPECT_EQ(a->coeffs.at("j"), 3);
  EXPECT_FALSE(parseExpr("i*j", "  param i in 0..1\n  param j in 0..1\n").affine());
  EXPECT_FALSE(parseExpr("i%2", "  param i in 0..1\n").affine());
  EXPECT_FALSE(parseExpr("i/2", "  param i in 0..1\n").affine());
  auto c = parseExpr("i - i + 7/2", "  param i in 0..1\n").affine();
  ASSERT_TRUE(c.has_value());
  EXPECT_TRUE(c->isConstant());
  EXPECT_EQ(c->constant, 3);
}

TEST(ExprTest, PrintsMinimalParenthesesThatReparseToTheSameTree) {
  const char* cases[] = {"a+b*c", "(a+b)*c", "a-(b-c)", "a-b-c", "a/(b/c)",
                         "-a*b", "-(a*b)", "a- -3", "-(3)", "(a%2+1)%3"};
  for (const char* text : cases) {
    Expr e = parseExpr(text, "  param a in 1..2\n  param b in 4..5\n  param c in 1..2\n");
    Expr again = parseExpr(e.str(), "  param a in 1..2\n  param b in 4..5\n  param c in 1..2\n");
    EXPECT_EQ(e, again) << text << " printed as " << e.str();
  }
  EXPECT_EQ(parseExpr("(a+b)*c", "  param a in 1..2\n  param b in 4..5\n  param c in 1..2\n").str(),
            "(a+b)*c");
  EXPECT_EQ(Expr::neg(Expr::constant(3)).str(), "-(3)");
  EXPECT_EQ(Expr::constant(-3).str(), "-3");
}

}  // namespace
}  // namespace syncsmith
