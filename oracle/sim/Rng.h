// A small deterministic generator (SplitMix64): the same seed gives the same
// numbers on every platform and standard library, unlike <random>'s
// distributions.
#pragma once

#include <cstdint>
#include <string_view>

namespace syncsmith::sim {

inline uint64_t mix64(uint64_t x) {
  x += 0x9e3779b97f4a7c15ull;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
  return x ^ (x >> 31);
}

inline uint64_t hashCombine(uint64_t h, uint64_t v) { return mix64(h ^ mix64(v)); }

inline uint64_t hashString(std::string_view s) {
  uint64_t h = 0xcbf29ce484222325ull;  // FNV-1a, then mixed
  for (char c : s) h = (h ^ uint8_t(c)) * 0x100000001b3ull;
  return mix64(h);
}

class Rng {
 public:
  explicit Rng(uint64_t seed) : state_(seed) {}
  Rng(uint64_t seed, std::string_view stream) : state_(hashCombine(seed, hashString(stream))) {}
  uint64_t next() {
    state_ += 0x9e3779b97f4a7c15ull;
    uint64_t z = state_;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
  }
  // Uniform in [0, n); n == 0 gives 0.
  uint64_t below(uint64_t n) { return n == 0 ? 0 : uint64_t((__uint128_t(next()) * n) >> 64); }
  // Uniform in [lo, hi] (inclusive), any 64-bit range.
  int64_t between(int64_t lo, int64_t hi) {
    uint64_t width = uint64_t(hi) - uint64_t(lo);
    if (width == UINT64_MAX) return int64_t(next());
    return int64_t(uint64_t(lo) + below(width + 1));
  }
  bool chance(uint64_t num, uint64_t den) { return below(den) < num; }

 private:
  uint64_t state_;
};

}  // namespace syncsmith::sim
