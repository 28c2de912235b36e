#include "campaign/AtomicFile.h"

#include <unistd.h>

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace syncsmith::campaign {

namespace fs = std::filesystem;

void writeFileAtomic(const fs::path& path, const std::string& content) {
  fs::path tmp = path;
  tmp += ".tmp." + std::to_string(::getpid());
  {
    std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
    if (!f) throw std::runtime_error("cannot write " + tmp.string());
    f << content;
    f.flush();
    if (!f) throw std::runtime_error("cannot write " + tmp.string());
  }
  std::error_code ec;
  fs::rename(tmp, path, ec);
  if (ec) {
    fs::remove(tmp, ec);
    throw std::runtime_error("cannot rename " + tmp.string() + " to " + path.string());
  }
}

void publishFolder(const fs::path& tmp, const fs::path& dest) {
  std::error_code ec;
  fs::path old = dest;
  old += ".old." + std::to_string(::getpid());
  bool hadOld = fs::exists(dest, ec);
  if (hadOld) fs::rename(dest, old, ec);
  fs::rename(tmp, dest, ec);
  if (ec && hadOld) {
    std::error_code back;
    fs::rename(old, dest, back);
  }
  if (ec) throw std::runtime_error("cannot rename " + tmp.string() + " to " + dest.string());
  if (hadOld) fs::remove_all(old, ec);
}

std::string readFile(const fs::path& path) {
  std::ifstream f(path, std::ios::binary);
  if (!f) throw std::runtime_error("cannot read " + path.string());
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

}  // namespace syncsmith::campaign
