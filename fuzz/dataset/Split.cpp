// Kernel ids, generator requests and the train/valid/test split.
#include <stdexcept>

#include "dataset/Dataset.h"
#include "gen/GenPolicy.h"

namespace syncsmith::dataset {
namespace {

uint64_t splitmix64(uint64_t x) {
  x += 0x9e3779b97f4a7c15ull;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
  return x ^ (x >> 31);
}

uint64_t fnv1a64(const std::string& s) {
  uint64_t h = 0xcbf29ce484222325ull;
  for (unsigned char c : s) {
    h ^= c;
    h *= 0x100000001b3ull;
  }
  return h;
}

// "mix": default 40%, each other named policy 20%, drawn from the seed.
std::string mixedPolicy(uint64_t seed) {
  static const char* const kMix[10] = {"default",    "default",    "default",
                                       "default",    "many-pairs", "many-pairs",
                                       "asymmetric-branches", "asymmetric-branches",
                                       "back-edges", "back-edges"};
  return kMix[splitmix64(seed ^ 0x64617461ull) % 10];
}

}  // namespace

KernelRef kernelRef(const DatasetOptions& o, uint64_t index) {
  KernelRef r;
  r.seed = o.seed + index;
  r.policy = o.record.policy == "mix" ? mixedPolicy(r.seed) : o.record.policy;
  r.size = o.record.size;
  r.id = "gen-" + std::to_string(r.seed) + "-" + r.policy;
  if (r.size != "default") r.id += "-" + r.size;
  return r;
}

std::string splitOf(const std::string& id) {
  uint64_t b = fnv1a64(id) % 10;
  return b < 8 ? "train" : b == 8 ? "valid" : "test";
}

}  // namespace syncsmith::dataset
