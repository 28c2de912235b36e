#include "reduce/Tester.h"

#include "ir/Parser.h"
#include "ir/Printer.h"

namespace syncsmith::reduce::detail {

bool Tester::exhausted() {
  if (stats_.calls >= opts_.maxCalls) stats_.budgetExhausted = true;
  return stats_.calls >= opts_.maxCalls || stats_.calls >= stageLimit_;
}

std::optional<Tester::Accepted> Tester::validate(const Kernel& candidate) {
  std::string text = printKernel(candidate);
  try {
    Kernel k = parseKernel(text, "candidate.sk");
    KernelSize size = kernelSize(k, text.size());
    return Accepted{std::move(k), size};
  } catch (const InputError&) {
    return std::nullopt;
  }
}

std::optional<Tester::Accepted> Tester::test(const Kernel& candidate, const KernelSize* bound) {
  ++stats_.candidates;
  std::string text = printKernel(candidate);
  auto cached = cache_.find(text);
  if (cached != cache_.end() && !cached->second) {
    ++stats_.cacheHits;
    return std::nullopt;
  }
  std::optional<Accepted> v = validate(candidate);
  if (!v) {
    ++stats_.invalid;
    cache_[text] = false;
    return std::nullopt;
  }
  if (bound && !(v->size < *bound)) return std::nullopt;
  if (cached != cache_.end()) {
    ++stats_.cacheHits;
    return v;  // known interesting
  }
  if (exhausted()) return std::nullopt;
  ++stats_.calls;
  bool interesting = pred_(v->kernel);
  cache_[text] = interesting;
  if (!interesting) return std::nullopt;
  return v;
}

}  // namespace syncsmith::reduce::detail
