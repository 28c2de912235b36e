#include "gen/GenRequest.h"

#include <charconv>
#include <stdexcept>

namespace syncsmith::gen {
namespace {

constexpr std::string_view kPrefix = "# syncsmith gen ";

template <class T>
bool parseInt(std::string_view s, T& out) {
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && p == s.data() + s.size();
}

std::optional<GenRequest> parseHeaderLine(std::string_view line) {
  if (line.substr(0, kPrefix.size()) != kPrefix) return std::nullopt;
  line.remove_prefix(kPrefix.size());
  GenRequest r;
  bool haveSeed = false;
  while (!line.empty()) {
    size_t sp = line.find(' ');
    std::string_view word = line.substr(0, sp);
    line = sp == std::string_view::npos ? std::string_view() : line.substr(sp + 1);
    if (word.empty()) continue;
    size_t eq = word.find('=');
    if (eq == std::string_view::npos) return std::nullopt;
    std::string_view key = word.substr(0, eq), val = word.substr(eq + 1);
    if (key == "seed") {
      if (!parseInt(val, r.seed)) return std::nullopt;
      haveSeed = true;
    } else if (key == "policy") {
      if (!namedPolicy(val)) return std::nullopt;
      r.policy = std::string(val);
    } else if (key == "size") {
      auto s = parseSizeClass(val);
      if (!s) return std::nullopt;
      r.size = *s;
    } else if (key == "ops") {
      int n = 0;
      if (!parseInt(val, n) || n < 1) return std::nullopt;
      r.ops = n;
    } else if (key == "core") {
      if (val != "any") {
        auto c = parseCore(val);
        if (!c) return std::nullopt;
        r.core = *c;
      }
    } else if (key == "arch") {
      if (val != "any") {
        auto a = parseArch(val);
        if (!a) return std::nullopt;
        r.arch = *a;
      }
    } else {
      return std::nullopt;
    }
  }
  if (!haveSeed) return std::nullopt;
  return r;
}

}  // namespace

GenOptions GenRequest::options() const {
  auto p = namedPolicy(policy);
  if (!p) throw std::invalid_argument("unknown policy '" + policy + "'");
  GenOptions o;
  o.policy = *p;
  applySize(o.policy, size);
  if (ops) applyOps(o.policy, *ops);
  o.core = core;
  o.arch = arch;
  o.name = kernelName();
  return o;
}

std::string GenRequest::header() const {
  std::string h = std::string(kPrefix) + "seed=" + std::to_string(seed) + " policy=" + policy +
                  " size=" + std::string(sizeClassName(size));
  if (ops) h += " ops=" + std::to_string(*ops);
  h += " core=" + (core ? std::string(coreName(*core)) : std::string("any"));
  h += " arch=" + (arch ? std::string(archName(*arch)) : std::string("any"));
  return h;
}

std::optional<GenRequest> findGenHeader(std::string_view text) {
  while (!text.empty()) {
    size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.remove_suffix(1);
    if (auto r = parseHeaderLine(line)) return r;
    // Only the leading comment block is searched.
    size_t first = line.find_first_not_of(" \t");
    if (first != std::string_view::npos && line[first] != '#') break;
  }
  return std::nullopt;
}

}  // namespace syncsmith::gen
