// What a check has found so far, shared by the engines and the driver:
// findings deduplicated by kind and lines, the bounds that cut the search,
// queries that came back unknown, counters for "bounds", and the deadline.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "model/Finding.h"

namespace syncsmith {

class Collector {
 public:
  explicit Collector(uint64_t timeLimitMs);

  // Adds `f` unless a finding of its kind on the same lines is known.
  bool add(Finding f);
  bool has(FindingKind kind, const std::vector<int>& lines) const {
    return seen_.count({int(kind), lines}) > 0;
  }
  bool anyBug() const;
  const std::vector<Finding>& findings() const { return findings_; }
  std::vector<Finding> takeFindings() { return std::move(findings_); }

  // A bound or a solver gave up: the verdict cannot be `correct`.
  void cut(const std::string& reason);
  const std::vector<std::string>& cuts() const { return cuts_; }

  void count(const std::string& key, int64_t n = 1) { bounds_[key] += n; }
  void setMax(const std::string& key, int64_t v);
  void set(const std::string& key, int64_t v) { bounds_[key] = v; }
  const std::map<std::string, int64_t>& bounds() const { return bounds_; }

  bool expired() const;
  // Milliseconds left before the deadline (UINT64_MAX when there is none).
  uint64_t remainingMs() const;

 private:
  std::vector<Finding> findings_;
  std::set<std::pair<int, std::vector<int>>> seen_;
  std::vector<std::string> cuts_;
  std::map<std::string, int64_t> bounds_;
  bool hasDeadline_ = false;
  std::chrono::steady_clock::time_point deadline_;
};

}  // namespace syncsmith
