#include <iostream>
#include <nlohmann/json.hpp>

#include "Commands.h"
#include "ir/Parser.h"

namespace syncsmith::cli {
namespace {

int maxLoopDepth(const Block& b) {
  int d = 0;
  for (const Stmt& s : b) {
    if (auto* f = s.forLoop()) d = std::max(d, 1 + maxLoopDepth(f->body));
    if (auto* i = s.ifStmt()) {
      d = std::max(d, maxLoopDepth(i->thenBody));
      if (i->elseBody) d = std::max(d, maxLoopDepth(*i->elseBody));
    }
  }
  return d;
}

nlohmann::json infoJson(const Kernel& k, const std::string& file) {
  StmtCounts c = countStmts(k);
  nlohmann::json j;
  j["file"] = file;
  j["kernel"] = k.name;
  j["arch"] = archName(k.arch());
  j["core"] = coreName(k.core());
  nlohmann::json pipes = nlohmann::json::object();
  for (Pipe p : kAllPipes)
    if (c.opsPerPipe[int(p)]) pipes[std::string(pipeName(p))] = c.opsPerPipe[int(p)];
  j["ops"] = c.ops;
  j["ops_per_pipe"] = pipes;
  j["loops"] = c.loops;
  j["max_loop_depth"] = maxLoopDepth(k.body);
  j["ifs"] = c.ifs;
  j["sync"] = {{"set_flag", c.setFlags},
               {"wait_flag", c.waitFlags},
               {"pipe_barrier", c.barriers},
               {"gm_fence", c.fences}};
  nlohmann::json bufs = nlohmann::json::array();
  for (const Buffer& b : k.buffers)
    bufs.push_back({{"name", b.name},
                    {"space", spaceName(b.space)},
                    {"size", b.size},
                    {"address", b.base},
                    {"slots", b.slotCount()}});
  j["buffers"] = bufs;
  nlohmann::json params = nlohmann::json::array();
  for (const Param& p : k.params)
    params.push_back({{"name", p.name}, {"lo", p.lo}, {"hi", p.hi}});
  j["params"] = params;
  return j;
}

void printInfo(const nlohmann::json& j) {
  std::cout << j["file"].get<std::string>() << ": kernel " << j["kernel"].get<std::string>()
            << " (arch=" << j["arch"].get<std::string>()
            << ", core=" << j["core"].get<std::string>() << ")\n";
  std::cout << "  ops: " << j["ops"] << " (";
  bool first = true;
  for (auto& [pipe, n] : j["ops_per_pipe"].items()) {
    std::cout << (first ? "" : ", ") << pipe << " " << n;
    first = false;
  }
  std::cout << ")\n";
  std::cout << "  loops: " << j["loops"] << " (max depth " << j["max_loop_depth"]
            << "), ifs: " << j["ifs"] << "\n";
  const auto& s = j["sync"];
  std::cout << "  sync: set_flag " << s["set_flag"] << ", wait_flag " << s["wait_flag"]
            << ", pipe_barrier " << s["pipe_barrier"] << ", gm_fence " << s["gm_fence"]
            << "\n";
  for (const auto& b : j["buffers"]) {
    std::cout << "  buffer " << b["name"].get<std::string>() << ": "
              << b["space"].get<std::string>() << " [" << b["address"] << ", "
              << b["address"].get<int64_t>() + b["size"].get<int64_t>() << ")";
    if (b["slots"].get<int64_t>() > 1) std::cout << " slots=" << b["slots"];
    std::cout << "\n";
  }
  for (const auto& p : j["params"])
    std::cout << "  param " << p["name"].get<std::string>() << " in " << p["lo"] << ".."
              << p["hi"] << "\n";
}

}  // namespace

namespace {
void addInfoCommand(CLI::App& app, int& exitCode) {
  auto* cmd = app.add_subcommand("info", "Summarize a kernel: ops per pipe, buffers, loops, sync");
  auto files = std::make_shared<std::vector<std::string>>();
  auto json = std::make_shared<bool>(false);
  cmd->add_option("FILE", *files, "kernel files (.sk), - for stdin")->required();
  cmd->add_flag("--json", *json, "print JSON (one object per line)");
  cmd->callback([files, json, &exitCode] {
    for (const std::string& f : *files) {
      nlohmann::json j = infoJson(parseKernelFile(f), f);
      if (*json)
        std::cout << j.dump() << "\n";
      else
        printInfo(j);
    }
    exitCode = 0;
  });
}

}  // namespace

SYNCSMITH_COMMAND(info, 20, addInfoCommand);

}  // namespace syncsmith::cli
