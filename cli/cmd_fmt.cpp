#include <iostream>

#include "Commands.h"
#include "ir/Parser.h"
#include "ir/Printer.h"

namespace syncsmith::cli {

namespace {
void addFmtCommand(CLI::App& app, int& exitCode) {
  auto* cmd = app.add_subcommand("fmt", "Parse a kernel and print it in canonical form");
  auto files = std::make_shared<std::vector<std::string>>();
  cmd->add_option("FILE", *files, "kernel files (.sk), - for stdin")->required();
  cmd->callback([files, &exitCode] {
    for (const std::string& f : *files) std::cout << printKernel(parseKernelFile(f));
    exitCode = 0;
  });
}

}  // namespace

SYNCSMITH_COMMAND(fmt, 10, addFmtCommand);

}  // namespace syncsmith::cli
