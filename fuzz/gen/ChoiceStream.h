// The generator's only source of randomness: a stream of bounded integer
// choices, read from a seeded PRNG (`gen --seed`), from raw bytes (libFuzzer)
// or from a recorded choice vector (the reducer's replays). Whatever the
// source, 0 is the minimal choice and an exhausted source yields 0, so any
// byte string gives a valid (small) kernel. Every choice made is recorded,
// so a run can be replayed exactly and its choices shrunk (Hypothesis-style
// internal reduction). All arithmetic is integer: same source -> same
// choices on every platform.
#pragma once

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <span>
#include <vector>

namespace syncsmith::gen {

class ChoiceStream {
 public:
  enum class Source : uint8_t { Seed, Bytes, Replay };

  static ChoiceStream seeded(uint64_t seed);
  // The bytes are copied; choices take ceil(log256(n)) big-endian bytes each.
  static ChoiceStream fromBytes(std::span<const uint8_t> data);
  // Replays recorded choices; a value >= n is taken modulo n.
  static ChoiceStream replay(std::vector<uint64_t> choices);

  // A value in [0, n). n <= 1 returns 0 and consumes and records nothing.
  uint64_t below(uint64_t n);
  // A value in [lo, hi] (inclusive; lo when hi <= lo).
  int64_t between(int64_t lo, int64_t hi);
  // True with probability permille/1000; the minimal choice (0) is false
  // unless permille >= 1000.
  bool chance(int permille);
  // An index into `weights` with probability proportional to its weight;
  // the minimal choice is the first index with a positive weight. Returns
  // weights.size() when every weight is 0.
  size_t pick(std::span<const uint32_t> weights);
  size_t pick(std::initializer_list<uint32_t> weights) {
    return pick(std::span<const uint32_t>(weights.begin(), weights.size()));
  }

  // Every choice made so far (values in [0, n) of each call with n > 1).
  const std::vector<uint64_t>& recorded() const { return recorded_; }
  Source source() const { return source_; }
  // Whether a Bytes/Replay source has run out (later choices are 0).
  bool exhausted() const { return exhausted_; }

 private:
  uint64_t draw(uint64_t n);
  uint64_t nextRandom();

  Source source_ = Source::Seed;
  uint64_t state_[4] = {};         // xoshiro256** state (Seed)
  std::vector<uint64_t> input_;    // Replay: choices; Bytes: one byte per entry
  size_t pos_ = 0;
  bool exhausted_ = false;
  std::vector<uint64_t> recorded_;
};

}  // namespace syncsmith::gen
