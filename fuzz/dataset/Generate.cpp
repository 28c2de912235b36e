// Parallel generation: worker threads take kernel indices in order and
// build records; the calling thread writes them strictly in index order, so
// the files do not depend on the number of jobs. Workers stay at most a
// bounded distance ahead of the writer.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <exception>
#include <fstream>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>

#include "dataset/Dataset.h"
#include "dataset/Shards.h"
#include "gen/GenPolicy.h"
#include "ir/SourceLoc.h"

namespace syncsmith::dataset {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;

void validate(const DatasetOptions& o) {
  auto bad = [](const std::string& opt, const std::string& msg) { throw InputError(opt, {}, msg); };
  if (o.out.empty()) bad("--out", "an output directory is required");
  if (o.n < 1) bad("--n", "expected at least 1 kernel");
  if (o.shardSize < 1) bad("--shard-size", "expected at least 1 record per shard");
  if (o.record.bugs < 0) bad("--bugs", "expected 0 or more injected bugs per kernel");
  if (o.record.policy != "mix" && !gen::namedPolicy(o.record.policy))
    bad("--policy", "unknown policy '" + o.record.policy + "'");
  if (!gen::parseSizeClass(o.record.size)) bad("--size", "expected small, default or large");
  if (o.seed + (o.n - 1) < o.seed) bad("--seed", "seed + n overflows 64 bits");
}

void prepareDir(const fs::path& dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec || !fs::is_directory(dir)) throw InputError(dir.string(), {}, "cannot create the output directory");
  for (const auto& e : fs::directory_iterator(dir))
    if (e.is_regular_file() && isDatasetFile(e.path().filename().string())) fs::remove(e.path());
}

Json manifestJson(const DatasetOptions& o, std::vector<ShardInfo> shards, const DatasetSummary& s) {
  std::sort(shards.begin(), shards.end(), [](const ShardInfo& a, const ShardInfo& b) { return a.file < b.file; });
  Json list = Json::array();
  for (const ShardInfo& sh : shards)
    list.push_back(Json{{"file", sh.file}, {"split", sh.split}, {"records", sh.records},
                        {"first_id", sh.firstId}, {"last_id", sh.lastId}});
  return Json{{"format", "syncsmith-dataset"},
              {"schema_version", kSchemaVersion},
              {"n", o.n},
              {"seed", o.seed},
              {"policy", o.record.policy},
              {"size", o.record.size},
              {"bugs", o.record.bugs},
              {"shard_size", o.shardSize},
              {"gzip", o.gzip},
              {"model", {{"flag_key", "pair"}, {"gm_visibility", "fenced"}}},
              {"oracle", {{"time_limit_ms", o.record.oracleTimeMs},
                          {"z3_timeout_ms", o.record.z3TimeoutMs},
                          {"max_params", o.record.maxParams}}},
              {"splits", {{"train", s.train}, {"valid", s.valid}, {"test", s.test}}},
              {"shards", list}};
}

// The hand-off between workers and the writer.
class Pipeline {
 public:
  Pipeline(uint64_t n, uint64_t window) : n_(n), window_(window) {}

  // Next index for a worker, or false when done / stopping.
  bool take(uint64_t& index) {
    std::unique_lock lock(m_);
    ahead_.wait(lock, [&] { return stop_ || next_ >= n_ || next_ < written_ + window_; });
    if (stop_ || next_ >= n_) return false;
    index = next_++;
    return true;
  }
  void put(uint64_t index, std::string record) {
    std::lock_guard lock(m_);
    ready_.emplace(index, std::move(record));
    arrived_.notify_all();
  }
  void fail(std::exception_ptr e) {
    std::lock_guard lock(m_);
    if (!error_) error_ = e;
    stop_ = true;
    arrived_.notify_all();
    ahead_.notify_all();
  }
  // The record of `index`, waiting for it; rethrows a worker's failure.
  std::string get(uint64_t index) {
    std::unique_lock lock(m_);
    arrived_.wait(lock, [&] { return error_ || ready_.count(index); });
    if (error_) std::rethrow_exception(error_);
    std::string r = std::move(ready_[index]);
    ready_.erase(index);
    written_ = index + 1;
    ahead_.notify_all();
    return r;
  }
  void stop() {
    std::lock_guard lock(m_);
    stop_ = true;
    ahead_.notify_all();
  }

 private:
  std::mutex m_;
  std::condition_variable ahead_, arrived_;
  std::map<uint64_t, std::string> ready_;
  uint64_t n_, window_, next_ = 0, written_ = 0;
  bool stop_ = false;
  std::exception_ptr error_;
};

}  // namespace

DatasetSummary generateDataset(const DatasetOptions& o, const ProgressFn& progress) {
  validate(o);
  fs::path dir(o.out);
  prepareDir(dir);
  auto t0 = std::chrono::steady_clock::now();
  unsigned jobs = o.jobs ? o.jobs : std::max(1u, std::thread::hardware_concurrency());
  jobs = unsigned(std::min<uint64_t>(jobs, o.n));
  Pipeline pipe(o.n, 64 + 16 * uint64_t(jobs));
  std::vector<std::thread> workers;
  for (unsigned w = 0; w < jobs; ++w)
    workers.emplace_back([&] {
      uint64_t i;
      while (pipe.take(i)) {
        try {
          pipe.put(i, makeRecord(kernelRef(o, i), o.record));
        } catch (...) {
          pipe.fail(std::current_exception());
          return;
        }
      }
    });

  DatasetSummary s;
  std::vector<ShardInfo> shards;
  try {
    ShardWriter writer(dir, o.gzip, o.shardSize);
    for (uint64_t i = 0; i < o.n; ++i) {
      std::string record = pipe.get(i);
      KernelRef ref = kernelRef(o, i);
      std::string split = splitOf(ref.id);
      writer.write(split, ref.id, record);
      ++s.records;
      (split == "train" ? s.train : split == "valid" ? s.valid : s.test)++;
      if (progress)
        progress({i + 1, o.n, std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count()});
    }
    shards = writer.finish();
  } catch (...) {
    pipe.stop();
    for (auto& t : workers) t.join();
    throw;
  }
  for (auto& t : workers) t.join();
  s.shards = shards.size();
  fs::path tmp = dir / "manifest.json.tmp";
  {
    std::ofstream f(tmp, std::ios::binary);
    f << manifestJson(o, shards, s).dump(2) << "\n";
    if (!f) throw InputError(tmp.string(), {}, "cannot write the manifest");
  }
  fs::rename(tmp, dir / "manifest.json");
  s.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return s;
}

}  // namespace syncsmith::dataset
