// Shared by the engine test files: parse, sync, check.
#pragma once

#include <gtest/gtest.h>

#include <string>

#include "CheckHelper.h"
#include "ir/Parser.h"
#include "ir/Printer.h"
#include "sync/Engine.h"

namespace syncsmith::test {

inline std::string corpusPath(const std::string& rel) {
  return std::string(SYNCSMITH_SOURCE_ROOT) + "/corpus/" + rel;
}

inline EngineOptions engineOptions(ModelOptions model = {}, SyncMode mode = SyncMode::Opt) {
  EngineOptions o;
  o.model = model;
  o.mode = mode;
  return o;
}

// Syncs `k` and checks the result on every path; returns the synced kernel.
inline SyncResult syncAndCheck(const Kernel& k, const EngineOptions& o, const std::string& what) {
  SyncResult r = synchronize(k, o);
  CheckOptions co;
  co.model = o.model;
  CheckSummary s = checkAllPaths(r.kernel, co);
  EXPECT_TRUE(s.correct()) << what << " (mode " << syncModeName(o.mode) << ", flag-key "
                           << flagKeyName(o.model.flagKey) << ", gm "
                           << gmVisibilityName(o.model.gmVisibility) << "): " << s.first()
                           << "\n" << printKernel(r.kernel);
  return r;
}

inline size_t countText(const std::string& text, const std::string& needle) {
  size_t n = 0;
  for (size_t pos = text.find(needle); pos != std::string::npos; pos = text.find(needle, pos + 1)) ++n;
  return n;
}

}  // namespace syncsmith::test
