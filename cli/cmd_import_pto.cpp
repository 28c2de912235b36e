// `syncsmith import-pto FILE.cpp`: a PTOAS-generated kernel -> .sk, and with
// --check its verdict with findings at C++ lines (docs/import-pto.md).
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "Commands.h"
#include "ir/Printer.h"
#include "pto/Import.h"
#include "pto/PtoCheck.h"
#include "pto/SourceMap.h"

namespace syncsmith::cli {
namespace {

struct ImportPtoArgs {
  std::string file, out, flagKey = "pair", gmVisibility = "fenced", arch = "a2a3",
      checker = "auto";
  std::vector<std::string> paramRanges;
  bool check = false, json = false, stripSync = false, plain = false, quiet = false;
};

std::vector<std::string> sourceText(const std::string& path) {
  std::vector<std::string> lines;
  if (path == "-" || path == "<stdin>") return lines;
  std::ifstream in(path);
  std::string l;
  while (std::getline(in, l)) lines.push_back(l);
  return lines;
}

std::string trimmed(const std::vector<std::string>& src, int line) {
  if (line < 1 || size_t(line) > src.size()) return "";
  const std::string& s = src[size_t(line) - 1];
  size_t b = s.find_first_not_of(" \t"), e = s.find_last_not_of(" \t\r");
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

std::string witnessText(const Witness& w) {
  std::string s;
  for (const auto& [n, v] : w.params) s += (s.empty() ? "" : ", ") + n + "=" + std::to_string(v);
  for (const auto& [n, outs] : w.conds) {
    std::string o;
    for (bool b : outs) o += b ? '1' : '0';
    s += (s.empty() ? "?" : ", ?") + n + "=" + o;
  }
  return s;
}

void printCheckText(const CheckResult& r, const std::string& file, const std::string& checker,
                    const std::vector<std::string>& src) {
  std::cout << file << ": " << verdictName(r.verdict);
  if (!r.findings.empty())
    std::cout << " (" << r.findings.size() << (r.findings.size() == 1 ? " finding)" : " findings)");
  if (!r.reason.empty()) std::cout << ": " << r.reason;
  std::cout << "  [checker " << checker;
  for (const char* k : {"param_combinations", "paths"})
    if (auto it = r.bounds.find(k); it != r.bounds.end()) std::cout << ", " << k << " " << it->second;
  std::cout << "]\n";
  for (const Finding& f : r.findings) {
    int line = f.instances.empty() ? 0 : f.instances.back().line;
    std::cout << file << ":" << line << ": " << findingKindName(f.kind) << ": " << f.message
              << "\n";
    for (const Instance& in : f.instances) {
      std::cout << "  " << file << ":" << in.line << ": " << trimmed(src, in.line);
      if (!in.iterations.empty()) {
        std::cout << "   (";
        for (size_t k = 0; k < in.iterations.size(); ++k)
          std::cout << (k ? ", " : "") << in.iterations[k].first << "=" << in.iterations[k].second;
        std::cout << ")";
      }
      std::cout << "\n";
    }
    std::string w = witnessText(f.witness);
    if (!w.empty()) std::cout << "  on the path " << w << "\n";
  }
}

nlohmann::json checkJson(const CheckResult& r, const std::string& file, const std::string& checker,
                         const std::vector<std::string>& src) {
  nlohmann::json j = nlohmann::json::parse(toJson(r));
  j["file"] = file;
  j["checker"] = checker;
  for (auto& f : j["findings"])
    for (auto& in : f["instances"]) in["source"] = trimmed(src, in["line"].get<int>());
  return j;
}

void writeText(const std::string& path, const std::string& text) {
  if (path == "-") {
    std::cout << text;
    return;
  }
  std::ofstream out(path, std::ios::binary);
  if (!out) throw InputError(path, {1, 1}, "cannot write file");
  out << text;
}

int runImportPto(const ImportPtoArgs& a) {
  pto::ImportOptions opts;
  opts.stripSync = a.stripSync;
  opts.arch = *parseArch(a.arch);
  for (const std::string& pr : a.paramRanges) {
    auto [name, range] = pto::parseParamRange(pr);
    opts.paramRanges[name] = range;
  }
  pto::ImportResult r = pto::importPtoFile(a.file, opts);
  if (!a.quiet)
    for (const std::string& n : r.notes) std::cerr << r.file << ": note: " << n << "\n";
  std::string text = a.plain ? printKernel(r.kernel) : pto::printWithSourceComments(r.kernel, r.file);
  if (!a.out.empty()) writeText(a.out, text);
  if (!a.check) {
    if (a.json) {
      nlohmann::json j;
      j["file"] = r.file;
      j["kernel"] = printKernel(r.kernel);
      j["source_lines"] = pto::sourceLines(r.kernel);
      j["notes"] = r.notes;
      std::cout << j.dump() << "\n";
    } else if (a.out.empty()) {
      std::cout << text;
    }
    return 0;
  }
  pto::PtoCheckOptions co;
  co.model.flagKey = *parseFlagKey(a.flagKey);
  co.model.gmVisibility = *parseGmVisibility(a.gmVisibility);
  co.checker = a.checker == "paths"    ? pto::PtoChecker::Paths
               : a.checker == "oracle" ? pto::PtoChecker::Oracle
                                       : pto::PtoChecker::Auto;
  if (co.checker == pto::PtoChecker::Oracle && !pto::haveOracle())
    throw InputError("--checker", {1, 1}, "this syncsmith was built without the oracle");
  CheckResult res = pto::checkImported(r.kernel, co);
  std::string checker = pto::checkerName(co.checker);
  std::vector<std::string> src = sourceText(a.file);
  if (a.json)
    std::cout << checkJson(res, r.file, checker, src).dump() << "\n";
  else
    printCheckText(res, r.file, checker, src);
  return verdictExitCode(res.verdict);
}

void addImportPtoCommand(CLI::App& app, int& exitCode) {
  auto* cmd = app.add_subcommand(
      "import-pto", "Import a PTOAS-generated kernel (*-pto-sync.cpp) as .sk, and check it");
  auto a = std::make_shared<ImportPtoArgs>();
  cmd->add_option("FILE", a->file, "the kernel C++ file, - for stdin")->required();
  cmd->add_option("-o,--output", a->out, "write the .sk kernel here (- for stdout)");
  cmd->add_flag("--check", a->check,
                "check the imported kernel; exit 0 correct, 1 buggy, 3 unknown, 2 bad input");
  cmd->add_flag("--json", a->json, "print JSON (the check result, or the kernel and its line map)");
  cmd->add_option("--flag-key", a->flagKey, "flag key: pair (src,dst,id) or src (src,id)")
      ->check(CLI::IsMember({"pair", "src"}));
  cmd->add_option("--gm-visibility", a->gmVisibility, "GM write visibility: fenced or retire")
      ->check(CLI::IsMember({"fenced", "retire"}));
  cmd->add_option("--checker", a->checker,
                  "auto (the oracle when built in), oracle, or paths (enumerate paths, check each "
                  "with the per-path model)")
      ->check(CLI::IsMember({"auto", "oracle", "paths"}));
  cmd->add_option("--arch", a->arch, "architecture of the kernel: a2a3 or a5")
      ->check(CLI::IsMember({"a2a3", "a5"}));
  cmd->add_option("--param-range", a->paramRanges,
                  "NAME=LO..HI: the range of an integer kernel argument or builtin param "
                  "(default 0..4 for arguments)");
  cmd->add_flag("--strip-sync", a->stripSync,
                "drop every set/wait/barrier (the input of `syncsmith sync`)");
  cmd->add_flag("--no-source-comments", a->plain,
                "print plain .sk without '# FILE:LINE' comments");
  cmd->add_flag("-q,--quiet", a->quiet, "do not print notes about defaults");
  cmd->callback([a, &exitCode] { exitCode = runImportPto(*a); });
}

}  // namespace

SYNCSMITH_COMMAND(import_pto, 90, addImportPtoCommand);

}  // namespace syncsmith::cli
