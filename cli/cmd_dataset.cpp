// `syncsmith dataset`: the labelled data-flow dataset (docs/dataset.md);
// `syncsmith dataset stats DIR`: its summary.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <iostream>

#include "Commands.h"
#include "dataset/Dataset.h"
#include "dataset/Stats.h"
#include "ir/SourceLoc.h"

namespace syncsmith::cli {
namespace {

std::string duration(double s) {
  char buf[32];
  long t = long(s + 0.5);
  if (t >= 3600)
    std::snprintf(buf, sizeof buf, "%ldh%02ldm", t / 3600, t / 60 % 60);
  else
    std::snprintf(buf, sizeof buf, "%ldm%02lds", t / 60, t % 60);
  return buf;
}

// A one-line display on a terminal, at most 5 updates a second.
class ProgressLine {
 public:
  ProgressLine() : tty_(isatty(fileno(stderr))) {}
  void operator()(const dataset::Progress& p) {
    if (!tty_) return;
    if (p.done != p.total && p.seconds - last_ < 0.2) return;
    last_ = p.seconds;
    double rate = p.seconds > 0 ? double(p.done) / p.seconds : 0;
    double eta = rate > 0 ? double(p.total - p.done) / rate : 0;
    std::fprintf(stderr, "\r\033[Kdataset: %llu/%llu kernels (%.1f%%), %.1f kernels/s, ETA %s",
                 (unsigned long long)p.done, (unsigned long long)p.total, 100.0 * double(p.done) / double(p.total),
                 rate, duration(eta).c_str());
    std::fflush(stderr);
    shown_ = true;
  }
  void end() {
    if (shown_) std::fputs("\n", stderr);
  }

 private:
  bool tty_;
  bool shown_ = false;
  double last_ = -1;
};

void addDatasetCommand(CLI::App& app, int& exitCode) {
  auto* cmd = app.add_subcommand(
      "dataset", "Write a labelled data-flow dataset of generated kernels (JSONL shards)");
  auto o = std::make_shared<dataset::DatasetOptions>();
  cmd->add_option("--n", o->n, "number of kernels (default 100)");
  cmd->add_option("--seed", o->seed, "generator seed of the first kernel (default 1)");
  cmd->add_option("--out", o->out, "output directory (its shards and manifest are replaced)");
  cmd->add_option("--jobs,-j", o->jobs, "worker threads (default: all cores)");
  cmd->add_flag("--gzip", o->gzip, "gzip the shards (.jsonl.gz)");
  cmd->add_option("--shard-size", o->shardSize, "records per shard file (default 1000)");
  cmd->add_option("--bugs", o->record.bugs, "injected-bug variants per kernel (default 1)");
  cmd->add_option("--policy", o->record.policy, "generator policy, or mix (default: mix)");
  cmd->add_option("--size", o->record.size, "generator size class: small, default or large");
  cmd->add_option("--oracle-time-ms", o->record.oracleTimeMs,
                  "time limit per oracle check; past it the verdict is unknown (default 10000; 0: none)");
  cmd->add_option("--z3-timeout-ms", o->record.z3TimeoutMs, "per Z3 query (default 5000)");
  cmd->add_option("--max-params", o->record.maxParams, "param combinations the oracle explores (default 64)");

  auto* stats = cmd->add_subcommand("stats", "Summarize a dataset directory");
  auto dir = std::make_shared<std::string>();
  auto json = std::make_shared<bool>(false);
  stats->add_option("DIR", *dir, "dataset directory")->required();
  stats->add_flag("--json", *json, "print the summary as JSON");
  stats->callback([dir, json, &exitCode] {
    std::cout << (*json ? dataset::datasetStatsJson(*dir) : dataset::datasetStatsText(*dir));
    exitCode = 0;
  });

  cmd->callback([stats, o, &exitCode] {
    if (stats->parsed()) return;
    if (o->out.empty()) throw CLI::ValidationError("--out", "an output directory is required");
    ProgressLine line;
    dataset::DatasetSummary s;
    try {
      s = dataset::generateDataset(*o, [&](const dataset::Progress& p) { line(p); });
    } catch (const InputError&) {
      line.end();
      throw;
    } catch (const std::exception& e) {
      line.end();
      throw InputError(o->out, {}, e.what());
    }
    line.end();
    std::fprintf(stderr,
                 "dataset: wrote %llu kernels (train %llu, valid %llu, test %llu) in %llu shards to %s "
                 "in %s (%.1f kernels/s)\n",
                 (unsigned long long)s.records, (unsigned long long)s.train, (unsigned long long)s.valid,
                 (unsigned long long)s.test, (unsigned long long)s.shards, o->out.c_str(),
                 duration(s.seconds).c_str(), s.seconds > 0 ? double(s.records) / s.seconds : 0.0);
    exitCode = 0;
  });
}

}  // namespace

SYNCSMITH_COMMAND(dataset, 80, addDatasetCommand);

}  // namespace syncsmith::cli
