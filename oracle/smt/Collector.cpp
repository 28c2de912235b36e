#include "oracle/smt/Collector.h"

#include <algorithm>

namespace syncsmith {

Collector::Collector(uint64_t timeLimitMs) {
  if (timeLimitMs) {
    hasDeadline_ = true;
    deadline_ = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeLimitMs);
  }
}

bool Collector::add(Finding f) {
  if (!seen_.insert({int(f.kind), f.lines()}).second) return false;
  findings_.push_back(std::move(f));
  return true;
}

bool Collector::anyBug() const {
  return std::any_of(findings_.begin(), findings_.end(),
                     [](const Finding& f) { return f.kind != FindingKind::Redundant; });
}

void Collector::cut(const std::string& reason) {
  if (std::find(cuts_.begin(), cuts_.end(), reason) == cuts_.end()) cuts_.push_back(reason);
}

void Collector::setMax(const std::string& key, int64_t v) {
  auto [it, fresh] = bounds_.emplace(key, v);
  if (!fresh) it->second = std::max(it->second, v);
}

bool Collector::expired() const {
  return hasDeadline_ && std::chrono::steady_clock::now() >= deadline_;
}

uint64_t Collector::remainingMs() const {
  if (!hasDeadline_) return UINT64_MAX;
  auto now = std::chrono::steady_clock::now();
  if (now >= deadline_) return 0;
  return uint64_t(std::chrono::duration_cast<std::chrono::milliseconds>(deadline_ - now).count());
}

}  // namespace syncsmith
