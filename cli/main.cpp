#include <algorithm>
#include <iostream>

#include "Commands.h"
#include "ir/SourceLoc.h"

#ifndef SYNCSMITH_VERSION
#define SYNCSMITH_VERSION "0.0.0"
#endif

namespace syncsmith::cli {
std::vector<CommandRegistration>& commandRegistry() {
  static std::vector<CommandRegistration> registry;
  return registry;
}
}  // namespace syncsmith::cli

int main(int argc, char** argv) {
  using namespace syncsmith;
  CLI::App app{"syncsmith: find pipe-synchronization bugs in NPU kernels"};
  app.set_version_flag("--version", std::string("syncsmith ") + SYNCSMITH_VERSION);
  app.require_subcommand(1);
  int exitCode = 0;
  auto commands = cli::commandRegistry();
  std::stable_sort(commands.begin(), commands.end(),
                   [](const auto& a, const auto& b) { return a.order < b.order; });
  for (const auto& c : commands) c.factory(app, exitCode);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    return rc == 0 ? 0 : 2;  // usage errors are bad input
  } catch (const InputError& e) {
    std::cerr << e.what() << "\n";
    return 2;
  }
  return exitCode;
}
