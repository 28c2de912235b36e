// The labelled data-flow dataset (`syncsmith dataset`, docs/dataset.md):
// generated kernels without sync, each with its hazard graph, static stats
// and, per engine mode (opt, naive, barrier-all and a sample of injected
// bugs), the synced text, sync counts, simulated cycles and the oracle's
// verdict. One JSON object per line (docs/dataset.schema.json), in shards
// per train/valid/test split, byte-identical for the same options whatever
// the number of jobs.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

namespace syncsmith::dataset {

inline constexpr int kSchemaVersion = 1;

// What one record is made of (everything but where it goes).
struct RecordOptions {
  std::string policy = "mix";  // a generator policy, or "mix" (drawn per kernel)
  std::string size = "default";
  int bugs = 1;                // injected-bug variants per kernel
  uint64_t oracleTimeMs = 10'000;  // per oracle check (0: none); then `unknown`
  unsigned z3TimeoutMs = 5'000;    // per Z3 query
  size_t maxParams = 64;           // param combinations the oracle explores
};

struct DatasetOptions {
  uint64_t n = 100;
  uint64_t seed = 1;  // kernel i has generator seed seed + i
  std::string out;
  unsigned jobs = 0;  // 0: all cores
  bool gzip = false;
  uint64_t shardSize = 1000;  // records per shard file
  RecordOptions record;
};

// The generator request of kernel `index` (its seed, policy, size) and its id.
struct KernelRef {
  uint64_t seed = 0;
  std::string policy, size, id;
};
KernelRef kernelRef(const DatasetOptions& o, uint64_t index);

// One record as a JSON line (no newline). Never throws for a generated
// kernel: engine or oracle failures are recorded in the record.
std::string makeRecord(const KernelRef& ref, const RecordOptions& o);

// "train", "valid" or "test": FNV-1a 64 of the id, mod 10: 0-7, 8, 9.
std::string splitOf(const std::string& id);

struct Progress {
  uint64_t done = 0, total = 0;
  double seconds = 0;
};
using ProgressFn = std::function<void(const Progress&)>;

struct DatasetSummary {
  uint64_t records = 0, train = 0, valid = 0, test = 0;
  uint64_t shards = 0;
  double seconds = 0;
};

// Writes DIR/{train,valid,test}-NNNNN.jsonl[.gz] and DIR/manifest.json
// (replacing a previous dataset there). `progress` is called from the
// writing thread after each record. Throws InputError on bad options or an
// unwritable DIR.
DatasetSummary generateDataset(const DatasetOptions& o, const ProgressFn& progress = {});

}  // namespace syncsmith::dataset
