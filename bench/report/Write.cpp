// Writes the report files, and the plot when gnuplot is there.
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "Overhead.h"
#include "ir/SourceLoc.h"

namespace syncsmith::bench {
namespace {

namespace fs = std::filesystem;

void writeFile(const fs::path& p, const std::string& text) {
  std::ofstream f(p, std::ios::binary);
  f << text;
  if (!f) throw InputError(p.string(), {}, "cannot write the file");
}

std::string shellQuote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

}  // namespace

std::vector<std::string> writeOverhead(const OverheadReport& r, const std::string& dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (!fs::is_directory(dir)) throw InputError(dir, {}, "cannot create the output directory (--out)");
  fs::path d(dir);
  std::vector<std::string> lines;
  for (auto [name, text] : {std::pair{"overhead.md", overheadMarkdown(r)},
                            std::pair{"overhead.csv", overheadCsv(r)},
                            std::pair{"overhead.json", overheadJson(r)},
                            std::pair{"overhead.dat", overheadPlotData(r)},
                            std::pair{"overhead.gp", overheadPlotScript("overhead.dat", "overhead.png")}}) {
    writeFile(d / name, text);
    lines.push_back("wrote " + (d / name).string());
  }
  if (std::system("command -v gnuplot >/dev/null 2>&1") != 0) {
    lines.push_back("gnuplot not found: skipped " + (d / "overhead.png").string() +
                    " (install gnuplot-nox, scripts/setup.sh does)");
    return lines;
  }
  std::string cmd = "cd " + shellQuote(d.string()) + " && gnuplot overhead.gp";
  if (std::system(cmd.c_str()) != 0) {
    lines.push_back("gnuplot failed: " + (d / "overhead.png").string() + " not written");
    return lines;
  }
  lines.push_back("wrote " + (d / "overhead.png").string());
  return lines;
}

}  // namespace syncsmith::bench
