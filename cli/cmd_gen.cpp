// `syncsmith gen`: random kernels without sync, valid by construction.
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "Commands.h"
#include "gen/GenRequest.h"
#include "gen/Generator.h"
#include "ir/Parser.h"
#include "ir/Printer.h"

namespace syncsmith::cli {
namespace {

struct GenArgs {
  uint64_t seed = 1;
  int count = 1;
  std::string out;
  std::string policy = "default";
  std::string core = "any";
  std::string arch = "any";
  std::string size = "default";
  int ops = 0;
  bool features = false;
  bool choices = false;
};

gen::GenRequest requestFor(const GenArgs& a, uint64_t seed) {
  gen::GenRequest r;
  r.seed = seed;
  r.policy = a.policy;
  r.size = *gen::parseSizeClass(a.size);
  if (a.ops > 0) r.ops = a.ops;
  if (a.core != "any") r.core = parseCore(a.core);
  if (a.arch != "any") r.arch = parseArch(a.arch);
  return r;
}

// The file text: header comment(s), then the kernel. Self-checks that the
// kernel parses back to itself (the generator's validity guarantee).
std::string kernelText(const GenArgs& a, const gen::GenRequest& r) {
  gen::Generated g = gen::generateSeeded(r.seed, r.options());
  std::string body = printKernel(g.kernel);
  Kernel again = parseKernel(body, r.kernelName() + ".sk");
  if (!(again == g.kernel))
    throw std::runtime_error("generator bug: seed " + std::to_string(r.seed) +
                             " does not round-trip through the parser");
  std::string text = r.header() + "\n";
  if (a.features) text += "# features: " + g.features.str() + "\n";
  if (a.choices) {
    text += "# choices:";
    for (uint64_t c : g.choices) text += " " + std::to_string(c);
    text += "\n";
  }
  return text + body;
}

void writeAtomically(const std::filesystem::path& path, const std::string& text) {
  std::filesystem::path tmp = path;
  tmp += ".tmp";
  {
    std::ofstream f(tmp, std::ios::binary);
    f << text;
    if (!f) throw std::runtime_error("cannot write " + tmp.string());
  }
  std::filesystem::rename(tmp, path);
}

void addGenCommand(CLI::App& app, int& exitCode) {
  auto* cmd = app.add_subcommand("gen", "Generate random kernels without sync (valid by construction)");
  auto a = std::make_shared<GenArgs>();
  cmd->add_option("--seed", a->seed, "seed of the first kernel (default 1)");
  cmd->add_option("--count", a->count, "number of kernels (seeds S, S+1, ...); > 1 needs --out")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--out", a->out, "write DIR/gen-<seed>.sk instead of printing");
  cmd->add_option("--policy", a->policy, "generation policy")
      ->check(CLI::IsMember(gen::policyNames()));
  cmd->add_option("--core", a->core, "vec, cube or any (drawn per kernel)")
      ->check(CLI::IsMember({"vec", "cube", "any"}));
  cmd->add_option("--arch", a->arch, "a2a3, a5 or any (drawn per kernel)")
      ->check(CLI::IsMember({"a2a3", "a5", "any"}));
  cmd->add_option("--size", a->size, "small, default or large")
      ->check(CLI::IsMember({"small", "default", "large"}));
  cmd->add_option("--ops", a->ops, "exact number of ops (overrides --size)")
      ->check(CLI::PositiveNumber);
  cmd->add_flag("--features", a->features, "add a '# features: ...' line (the swarm mask)");
  cmd->add_flag("--choices", a->choices, "add a '# choices: ...' line (the choice stream)");
  cmd->callback([a, &exitCode] {
    if (a->count > 1 && a->out.empty())
      throw CLI::ValidationError("--count", "more than one kernel needs --out DIR");
    if (a->out.empty()) {
      std::cout << kernelText(*a, requestFor(*a, a->seed));
      exitCode = 0;
      return;
    }
    std::filesystem::create_directories(a->out);
    auto t0 = std::chrono::steady_clock::now();
    for (int i = 0; i < a->count; ++i) {
      uint64_t seed = a->seed + uint64_t(i);
      writeAtomically(std::filesystem::path(a->out) / ("gen-" + std::to_string(seed) + ".sk"),
                      kernelText(*a, requestFor(*a, seed)));
    }
    double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::cerr << "gen: wrote " << a->count << " kernels to " << a->out << " ("
              << int64_t(a->count / std::max(s, 1e-9)) << " kernels/s)\n";
    exitCode = 0;
  });
}

}  // namespace

SYNCSMITH_COMMAND(gen, 60, addGenCommand);

}  // namespace syncsmith::cli
