// The kernels of a report: a suite directory (every *.sk except the
// *.synced.sk companions, in file-name order) and N generated kernels
// (seeds seed..seed+N-1, `syncsmith gen` defaults), measured by a small
// pool of workers. Rows come back in input order whatever the pool size.
#include <algorithm>
#include <atomic>
#include <filesystem>
#include <iostream>
#include <mutex>
#include <thread>

#include "Overhead.h"
#include "gen/GenRequest.h"
#include "gen/Generator.h"
#include "ir/Parser.h"
#include "ir/SourceLoc.h"

namespace syncsmith::bench {
namespace {

namespace fs = std::filesystem;

struct Job {
  std::string name, origin, file;
  Kernel kernel;
  std::optional<Kernel> synced;
};

bool isSyncedCompanion(const fs::path& p) {
  return p.stem().extension() == ".synced";
}

std::vector<Job> suiteJobs(const std::string& dir) {
  std::vector<Job> jobs;
  if (dir.empty()) return jobs;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) throw InputError(dir, {}, "not a directory (--suite)");
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().extension() == ".sk" && !isSyncedCompanion(e.path())) files.push_back(e.path());
  std::sort(files.begin(), files.end());
  for (const fs::path& p : files) {
    Job j;
    j.name = p.stem().string();
    j.origin = "suite";
    j.file = p.filename().string();
    j.kernel = parseKernelFile(p.string());
    fs::path companion = p.parent_path() / (j.name + ".synced.sk");
    if (fs::exists(companion)) j.synced = parseKernelFile(companion.string());
    jobs.push_back(std::move(j));
  }
  return jobs;
}

std::vector<Job> generatedJobs(int n, uint64_t seed) {
  std::vector<Job> jobs;
  for (int i = 0; i < n; ++i) {
    gen::GenRequest r;
    r.seed = seed + uint64_t(i);
    Job j;
    j.name = r.kernelName();
    j.origin = "generated";
    j.kernel = gen::generateSeeded(r.seed, r.options()).kernel;
    jobs.push_back(std::move(j));
  }
  return jobs;
}

}  // namespace

std::string defaultSuiteDir() {
#ifdef SYNCSMITH_BENCH_SUITE
  return SYNCSMITH_BENCH_SUITE;
#else
  return "corpus/bench";
#endif
}

OverheadReport runOverhead(const OverheadOptions& o) {
  std::vector<Job> jobs = suiteJobs(o.suiteDir);
  for (Job& j : generatedJobs(o.generated, o.seed)) jobs.push_back(std::move(j));

  OverheadReport report;
  report.options = o;
  report.rows.resize(jobs.size());
  std::atomic<size_t> next{0};
  std::mutex logMutex;
  auto worker = [&] {
    for (size_t i = next++; i < jobs.size(); i = next++) {
      const Job& j = jobs[i];
      KernelRow row = measureKernel(j.kernel, j.synced ? &*j.synced : nullptr, o);
      row.name = j.name;
      row.origin = j.origin;
      row.file = j.file;
      if (o.progress) {
        std::lock_guard<std::mutex> lock(logMutex);
        std::cerr << "bench overhead: " << row.name;
        for (Mode m : {Mode::Opt, Mode::Naive, Mode::BarrierAll, Mode::Hand}) {
          const ModeResult& x = row.at(m);
          if (x.present)
            std::cerr << "  " << modeName(m) << " sync " << x.syncSeconds << "s check "
                      << x.checkSeconds << "s";
        }
        std::cerr << (row.error.empty() ? "" : "  error: " + row.error) << "\n";
      }
      report.rows[i] = std::move(row);
    }
  };
  int n = std::max(1, std::min<int>(o.jobs, int(jobs.size())));
  std::vector<std::thread> pool;
  for (int t = 1; t < n; ++t) pool.emplace_back(worker);
  worker();
  for (std::thread& t : pool) t.join();
  report.summary = summarize(report.rows);
  return report;
}

}  // namespace syncsmith::bench
