#include "dataset/Shards.h"

#include <zlib.h>

#include <cstdio>
#include <regex>
#include <stdexcept>

namespace syncsmith::dataset {

std::string shardName(const std::string& split, int number, bool gzip) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "-%05d.jsonl", number);
  return split + buf + (gzip ? ".gz" : "");
}

bool isDatasetFile(const std::string& name) {
  static const std::regex re("(train|valid|test)-[0-9]{5}\\.jsonl(\\.gz)?|manifest\\.json");
  return std::regex_match(name, re);
}

struct ShardWriter::Open {
  ShardInfo info;
  std::FILE* plain = nullptr;
  gzFile gz = nullptr;
  std::string path;
};

ShardWriter::ShardWriter(std::filesystem::path dir, bool gzip, uint64_t shardSize)
    : dir_(std::move(dir)), gzip_(gzip), shardSize_(shardSize) {}

ShardWriter::~ShardWriter() {
  for (auto& [split, o] : open_) {
    if (o->plain) std::fclose(o->plain);
    if (o->gz) gzclose(o->gz);
  }
}

void ShardWriter::close(Open& o) {
  bool ok = true;
  if (o.plain) ok = std::fclose(o.plain) == 0;
  if (o.gz) ok = gzclose(o.gz) == Z_OK;
  o.plain = nullptr;
  o.gz = nullptr;
  if (!ok) throw std::runtime_error("cannot write " + o.path);
  done_.push_back(o.info);
}

void ShardWriter::write(const std::string& split, const std::string& id, const std::string& line) {
  std::unique_ptr<Open>& o = open_[split];
  if (o && o->info.records >= shardSize_) {
    close(*o);
    o.reset();
  }
  if (!o) {
    o = std::make_unique<Open>();
    o->info.split = split;
    o->info.file = shardName(split, next_[split]++, gzip_);
    o->info.firstId = id;
    o->path = (dir_ / o->info.file).string();
    if (gzip_)
      o->gz = gzopen(o->path.c_str(), "wb6");
    else
      o->plain = std::fopen(o->path.c_str(), "wb");
    if (!o->gz && !o->plain) throw std::runtime_error("cannot create " + o->path);
  }
  bool ok;
  if (o->gz)
    ok = gzwrite(o->gz, line.data(), unsigned(line.size())) == int(line.size()) &&
         gzputc(o->gz, '\n') == '\n';
  else
    ok = std::fwrite(line.data(), 1, line.size(), o->plain) == line.size() &&
         std::fputc('\n', o->plain) == '\n';
  if (!ok) throw std::runtime_error("cannot write " + o->path);
  o->info.lastId = id;
  ++o->info.records;
}

std::vector<ShardInfo> ShardWriter::finish() {
  for (auto& [split, o] : open_)
    if (o) close(*o);
  open_.clear();
  return done_;
}

LineReader::LineReader(const std::filesystem::path& file) : file_(file.string()) {
  gz_ = gzopen(file_.c_str(), "rb");
  if (!gz_) throw std::runtime_error("cannot open " + file_);
  gzbuffer(static_cast<gzFile>(gz_), 1 << 17);
}

LineReader::~LineReader() {
  if (gz_) gzclose(static_cast<gzFile>(gz_));
}

bool LineReader::next(std::string& line) {
  line.clear();
  char buf[1 << 16];
  gzFile gz = static_cast<gzFile>(gz_);
  while (gzgets(gz, buf, sizeof buf)) {
    line += buf;
    if (!line.empty() && line.back() == '\n') {
      line.pop_back();
      return true;
    }
  }
  int err = 0;
  const char* msg = gzerror(gz, &err);
  if (err != Z_OK) throw std::runtime_error(file_ + ": " + msg);
  return !line.empty();
}

}  // namespace syncsmith::dataset
