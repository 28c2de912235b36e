#include "gen/ChoiceStream.h"

namespace syncsmith::gen {
namespace {

uint64_t splitmix64(uint64_t& x) {
  uint64_t z = (x += 0x9e3779b97f4a7c15ull);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

int bytesFor(uint64_t n) {
  int b = 0;
  for (uint64_t v = n - 1; v; v >>= 8) ++b;
  return b;
}

}  // namespace

ChoiceStream ChoiceStream::seeded(uint64_t seed) {
  ChoiceStream cs;
  cs.source_ = Source::Seed;
  uint64_t x = seed;
  for (uint64_t& s : cs.state_) s = splitmix64(x);
  return cs;
}

ChoiceStream ChoiceStream::fromBytes(std::span<const uint8_t> data) {
  ChoiceStream cs;
  cs.source_ = Source::Bytes;
  cs.input_.assign(data.begin(), data.end());
  return cs;
}

ChoiceStream ChoiceStream::replay(std::vector<uint64_t> choices) {
  ChoiceStream cs;
  cs.source_ = Source::Replay;
  cs.input_ = std::move(choices);
  return cs;
}

uint64_t ChoiceStream::nextRandom() {
  uint64_t* s = state_;
  uint64_t result = rotl(s[1] * 5, 7) * 9;
  uint64_t t = s[1] << 17;
  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = rotl(s[3], 45);
  return result;
}

uint64_t ChoiceStream::draw(uint64_t n) {
  switch (source_) {
    case Source::Seed:
      return nextRandom() % n;
    case Source::Bytes: {
      uint64_t v = 0;
      for (int b = bytesFor(n); b > 0; --b) {
        uint64_t byte = 0;
        if (pos_ < input_.size())
          byte = input_[pos_++];
        else
          exhausted_ = true;
        v = (v << 8) | byte;
      }
      return v % n;
    }
    case Source::Replay:
      if (pos_ >= input_.size()) {
        exhausted_ = true;
        return 0;
      }
      return input_[pos_++] % n;
  }
  return 0;
}

uint64_t ChoiceStream::below(uint64_t n) {
  if (n <= 1) return 0;
  uint64_t v = draw(n);
  recorded_.push_back(v);
  return v;
}

int64_t ChoiceStream::between(int64_t lo, int64_t hi) {
  if (hi <= lo) return lo;
  return lo + int64_t(below(uint64_t(hi - lo) + 1));
}

bool ChoiceStream::chance(int permille) {
  if (permille <= 0) return false;
  if (permille >= 1000) return true;
  return below(1000) >= uint64_t(1000 - permille);
}

size_t ChoiceStream::pick(std::span<const uint32_t> weights) {
  uint64_t total = 0;
  size_t positive = 0, only = weights.size();
  for (size_t i = 0; i < weights.size(); ++i)
    if (weights[i]) total += weights[i], ++positive, only = i;
  if (positive <= 1) return only;  // no real choice: consume nothing
  uint64_t v = below(total);
  for (size_t i = 0; i < weights.size(); ++i) {
    if (v < weights[i]) return i;
    v -= weights[i];
  }
  return weights.size() - 1;
}

}  // namespace syncsmith::gen
