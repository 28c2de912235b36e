// Stage 1: Hypothesis-style shrinking of the generator's choice stream.
// Every candidate is a choice vector the generator replays, so every kernel
// tried is one the generator could have produced: valid by construction.
// A candidate is kept when its kernel is interesting and its (canonical,
// trailing-zero-trimmed) choice vector is shortlex-smaller, which makes the
// stage terminate.
#include "reduce/Stages.h"

namespace syncsmith::reduce::detail {
namespace {

bool shortlexLess(const std::vector<uint64_t>& a, const std::vector<uint64_t>& b) {
  if (a.size() != b.size()) return a.size() < b.size();
  return a < b;
}

std::vector<uint64_t> trimmed(std::vector<uint64_t> v) {
  while (!v.empty() && v.back() == 0) v.pop_back();
  return v;
}

class ChoiceShrinker {
 public:
  ChoiceShrinker(const gen::GenOptions& gen, std::vector<uint64_t> choices, Kernel kernel,
                 Tester& tester, ReduceStats& stats)
      : gen_(gen), cur_(trimmed(std::move(choices))), kernel_(std::move(kernel)),
        tester_(tester), stats_(stats) {}

  ChoiceResult run() {
    bool progress = true;
    while (progress && !tester_.exhausted()) {
      progress = false;
      progress |= chunkPass(/*zero=*/false);
      progress |= chunkPass(/*zero=*/true);
      progress |= lowerValues();
    }
    return {cur_, kernel_};
  }

 private:
  bool consider(const std::vector<uint64_t>& cand) {
    if (tester_.exhausted()) return false;
    gen::Generated g = gen::generateReplay(cand, gen_);
    std::vector<uint64_t> canon = trimmed(std::move(g.choices));
    if (!shortlexLess(canon, cur_)) return false;
    size_t before = stats_.calls;
    auto a = tester_.test(g.kernel);
    stats_.choiceCalls += stats_.calls - before;
    if (!a) return false;
    cur_ = std::move(canon);
    kernel_ = std::move(a->kernel);
    ++stats_.accepted;
    return true;
  }

  // Deletes (or zeroes) chunks of choices, largest chunks first.
  bool chunkPass(bool zero) {
    bool progress = false;
    for (size_t chunk = std::max<size_t>(cur_.size() / 2, 1); chunk >= 1; chunk /= 2) {
      for (size_t i = 0; i + chunk <= cur_.size() && !tester_.exhausted();) {
        std::vector<uint64_t> cand = cur_;
        if (zero) {
          bool allZero = true;
          for (size_t j = i; j < i + chunk; ++j) allZero &= cand[j] == 0, cand[j] = 0;
          if (allZero) {
            i += chunk;
            continue;
          }
        } else {
          cand.erase(cand.begin() + int64_t(i), cand.begin() + int64_t(i + chunk));
        }
        if (consider(cand))
          progress = true;
        else
          i += chunk;
      }
      if (chunk == 1) break;
    }
    return progress;
  }

  // Lowers single values: to 0, to half, by one.
  bool lowerValues() {
    bool progress = false;
    for (size_t i = 0; i < cur_.size() && !tester_.exhausted(); ++i) {
      uint64_t v = cur_[i];
      for (uint64_t lower : {uint64_t(0), v / 2, v - 1}) {
        if (v == 0 || lower >= v) continue;
        std::vector<uint64_t> cand = cur_;
        cand[i] = lower;
        if (consider(cand)) {
          progress = true;
          break;
        }
      }
    }
    return progress;
  }

  const gen::GenOptions& gen_;
  std::vector<uint64_t> cur_;
  Kernel kernel_;
  Tester& tester_;
  ReduceStats& stats_;
};

}  // namespace

ChoiceResult shrinkChoices(const gen::GenOptions& gen, std::vector<uint64_t> choices,
                           Kernel kernel, Tester& tester, ReduceStats& stats) {
  return ChoiceShrinker(gen, std::move(choices), std::move(kernel), tester, stats).run();
}

}  // namespace syncsmith::reduce::detail
