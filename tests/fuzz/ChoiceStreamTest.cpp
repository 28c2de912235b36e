#include <gtest/gtest.h>

#include "gen/ChoiceStream.h"

namespace syncsmith::gen {
namespace {

TEST(ChoiceStreamTest, SeededIsDeterministicAndRecordsChoices) {
  ChoiceStream a = ChoiceStream::seeded(42), b = ChoiceStream::seeded(42);
  for (uint64_t n = 1; n < 300; ++n) {
    uint64_t x = a.below(n);
    EXPECT_LT(x, std::max<uint64_t>(n, 1));
    EXPECT_EQ(x, b.below(n));
  }
  EXPECT_EQ(a.recorded(), b.recorded());
  EXPECT_EQ(a.recorded().size(), 298u);  // n == 1 is not a choice
  ChoiceStream c = ChoiceStream::seeded(43);
  std::vector<uint64_t> other;
  for (uint64_t n = 1; n < 300; ++n) other.push_back(c.below(n));
  EXPECT_NE(c.recorded(), a.recorded());
}

TEST(ChoiceStreamTest, ReplayGivesTheSameChoices) {
  ChoiceStream a = ChoiceStream::seeded(7);
  std::vector<uint64_t> values;
  for (int i = 0; i < 100; ++i) values.push_back(a.below(uint64_t(i % 17 + 2)));
  ChoiceStream r = ChoiceStream::replay(a.recorded());
  for (int i = 0; i < 100; ++i) EXPECT_EQ(r.below(uint64_t(i % 17 + 2)), values[size_t(i)]);
  EXPECT_FALSE(r.exhausted());
  EXPECT_EQ(r.below(5), 0u);
  EXPECT_TRUE(r.exhausted());
}

TEST(ChoiceStreamTest, ReplayTakesLargeValuesModuloN) {
  ChoiceStream r = ChoiceStream::replay({17, 3});
  EXPECT_EQ(r.below(5), 2u);
  EXPECT_EQ(r.below(2), 1u);
}

TEST(ChoiceStreamTest, BytesAreBigEndianAndRunOutToZero) {
  const uint8_t data[] = {7, 1, 2, 200};
  ChoiceStream s = ChoiceStream::fromBytes(data);
  EXPECT_EQ(s.below(10), 7u);        // one byte
  EXPECT_EQ(s.below(1000), 258u);    // two bytes: 0x0102
  EXPECT_EQ(s.below(100000), (200u << 16) % 100000u);  // three bytes, two missing
  EXPECT_TRUE(s.exhausted());
  EXPECT_EQ(s.below(3), 0u);
}

TEST(ChoiceStreamTest, MinimalChoiceIsZeroFalseAndFirstWeight) {
  ChoiceStream s = ChoiceStream::replay({});
  EXPECT_FALSE(s.chance(999));
  EXPECT_TRUE(s.chance(1000));
  EXPECT_EQ(s.pick({0, 5, 3}), 1u);
  EXPECT_EQ(s.between(3, 9), 3);
  EXPECT_EQ(s.pick({0, 0}), 2u);  // nothing to pick
}

TEST(ChoiceStreamTest, PickWithOneOptionConsumesNothing) {
  ChoiceStream s = ChoiceStream::seeded(1);
  EXPECT_EQ(s.pick({0, 4, 0}), 1u);
  EXPECT_TRUE(s.recorded().empty());
}

TEST(ChoiceStreamTest, PickFollowsWeights) {
  ChoiceStream s = ChoiceStream::seeded(5);
  int counts[3] = {};
  for (int i = 0; i < 3000; ++i) ++counts[s.pick({1, 0, 2})];
  EXPECT_EQ(counts[1], 0);
  EXPECT_GT(counts[2], counts[0]);
  EXPECT_GT(counts[0], 700);
}

}  // namespace
}  // namespace syncsmith::gen
