#include "gen/Features.h"

#include <array>
#include <string>
#include <vector>

namespace syncsmith::gen {
namespace {

constexpr std::array<std::string_view, kNumFeatures> kNames = {
    "loops",      "nested",       "params",   "zero-trip",  "step",
    "triangular", "branches",     "else",     "runtime-conds", "slots",
    "gm-roundtrip", "alias",      "vv-chain", "mmad-accum", "fanout",
    "asymmetric", "carried",      "exec",     "scalar"};

std::vector<std::string> split(std::string_view s, char sep) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s) {
    if (c == sep) {
      if (!cur.empty()) out.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  if (!cur.empty()) out.push_back(cur);
  return out;
}

}  // namespace

std::string_view featureName(Feature f) { return kNames[size_t(f)]; }

std::optional<Feature> parseFeature(std::string_view s) {
  for (size_t i = 0; i < kNames.size(); ++i)
    if (kNames[i] == s) return Feature(i);
  return std::nullopt;
}

std::string FeatureSet::str() const {
  std::string out;
  for (int i = 0; i < kNumFeatures; ++i)
    if (has(Feature(i))) out += (out.empty() ? "" : ",") + std::string(kNames[size_t(i)]);
  if (out.empty()) out = "none";
  out += " pipes=";
  bool first = true;
  for (Pipe p : kAllPipes)
    if (hasPipe(p)) {
      out += (first ? "" : ",") + std::string(pipeName(p));
      first = false;
    }
  if (first) out += "none";
  out += " core=" + std::string(coreName(core));
  out += " arch=" + std::string(archName(arch));
  return out;
}

std::optional<FeatureSet> parseFeatureSet(std::string_view s) {
  FeatureSet f;
  std::vector<std::string> words = split(s, ' ');
  if (words.empty()) return std::nullopt;
  if (words[0] != "none")
    for (const std::string& w : split(words[0], ',')) {
      auto feat = parseFeature(w);
      if (!feat) return std::nullopt;
      f.set(*feat);
    }
  for (size_t i = 1; i < words.size(); ++i) {
    std::string_view w = words[i];
    auto eq = w.find('=');
    if (eq == std::string_view::npos) return std::nullopt;
    std::string_view key = w.substr(0, eq), val = w.substr(eq + 1);
    if (key == "pipes") {
      if (val == "none") continue;
      for (const std::string& p : split(val, ',')) {
        auto pipe = parsePipe(p);
        if (!pipe) return std::nullopt;
        f.pipes |= pipeBit(*pipe);
      }
    } else if (key == "core") {
      auto c = parseCore(val);
      if (!c) return std::nullopt;
      f.core = *c;
    } else if (key == "arch") {
      auto a = parseArch(val);
      if (!a) return std::nullopt;
      f.arch = *a;
    } else {
      return std::nullopt;
    }
  }
  return f;
}

}  // namespace syncsmith::gen
