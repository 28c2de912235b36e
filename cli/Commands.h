// The syncsmith subcommands. Each lives in its own cmd_*.cpp and registers
// itself with SYNCSMITH_COMMAND; main() adds them in `order`.
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

namespace syncsmith::cli {

// Adds the subcommand to `app`; its callback stores the exit status in
// `exitCode`. Throwing InputError from a callback exits 2 with the message.
using CommandFactory = void (*)(CLI::App& app, int& exitCode);

struct CommandRegistration {
  const char* name;
  int order;
  CommandFactory factory;
};
std::vector<CommandRegistration>& commandRegistry();

struct CommandRegistrar {
  CommandRegistrar(const char* name, int order, CommandFactory f) {
    commandRegistry().push_back({name, order, f});
  }
};

}  // namespace syncsmith::cli

#define SYNCSMITH_COMMAND(name, order, factory) \
  static ::syncsmith::cli::CommandRegistrar syncsmith_command_##name(#name, order, factory)
