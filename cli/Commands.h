// The syncsmith subcommands. Each lives in its own cmd_*.cpp and registers
// itself on the top-level app; `exitCode` receives what its run returns.
#pragma once

#include <CLI/CLI.hpp>

namespace syncsmith::cli {

void addFmtCommand(CLI::App& app, int& exitCode);
void addInfoCommand(CLI::App& app, int& exitCode);

}  // namespace syncsmith::cli
