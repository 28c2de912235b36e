#include <gtest/gtest.h>

#include "campaign/Signature.h"
#include "ir/Parser.h"

namespace syncsmith::campaign {
namespace {

const char* kKernel = R"(kernel k arch=a2a3 core=vec {
  buffer x gm 4096
  buffer a ub 1024
  buffer b ub 1024
  gm_to_ub a <- x[0:1024]
  set_flag MTE2 V 3
  wait_flag MTE2 V 3
  vadd b <- a, b
  vexp b <- a
  exec V a <- b
  pipe_barrier ALL
}
)";

Finding findingOn(std::vector<int> lines) {
  Finding f;
  f.kind = FindingKind::Race;
  for (int l : lines) f.instances.push_back(Instance{0, l, {}, ""});
  return f;
}

TEST(Signature, ShapesNameClassPipeAndSpaces) {
  Kernel k = parseKernel(kKernel, "k.sk");
  EXPECT_EQ(stmtShape(k, 5), "MTE2 gm_to_ub ub<-gm");
  EXPECT_EQ(stmtShape(k, 6), "set_flag MTE2->V");
  EXPECT_EQ(stmtShape(k, 7), "wait_flag MTE2->V");
  EXPECT_EQ(stmtShape(k, 8), "V v* ub<-ub");  // vector compute ops are one class
  EXPECT_EQ(stmtShape(k, 9), "V v* ub<-ub");
  EXPECT_EQ(stmtShape(k, 10), "V exec ub<-ub");
  EXPECT_EQ(stmtShape(k, 11), "pipe_barrier ALL");
  EXPECT_EQ(stmtShape(k, 99), "?");
}

TEST(Signature, IgnoresLinesIdsAndDuplicates) {
  Kernel k = parseKernel(kKernel, "k.sk");
  EXPECT_EQ(findingSignature(k, findingOn({5, 8})), "RACE: MTE2 gm_to_ub ub<-gm | V v* ub<-ub");
  // vadd and vexp have one shape: the same signature, listed once.
  EXPECT_EQ(findingSignature(k, findingOn({5, 9})), findingSignature(k, findingOn({5, 8})));
  EXPECT_EQ(findingSignature(k, findingOn({8, 9})), "RACE: V v* ub<-ub");
  EXPECT_EQ(findingSignature(k, findingOn({5, 8}), "SIM_ONLY "), "SIM_ONLY RACE: MTE2 gm_to_ub ub<-gm | V v* ub<-ub");
  // The same kernel with a comment line on top: lines move, signature stays.
  Kernel shifted = parseKernel(std::string("# moved\n") + kKernel, "k.sk");
  EXPECT_EQ(findingSignature(shifted, findingOn({6, 9})), findingSignature(k, findingOn({5, 8})));
}

TEST(Signature, HashAndFolderAreStable) {
  std::string sig = "RACE: MTE2 gm_to_ub ub<-gm | V v* ub<-ub";
  EXPECT_EQ(shortHash(sig).size(), 8u);
  EXPECT_EQ(shortHash(sig), shortHash(sig));
  EXPECT_NE(shortHash(sig), shortHash(sig + " "));
  EXPECT_EQ(shortHash(""), "67f80c33");  // FNV-1a offset basis, folded: pinned across platforms
  EXPECT_EQ(folderName("DOUBLE_SET", sig), "double-set-" + shortHash(sig));
  EXPECT_EQ(folderName("RACE", sig), "race-" + shortHash(sig));
}

}  // namespace
}  // namespace syncsmith::campaign
