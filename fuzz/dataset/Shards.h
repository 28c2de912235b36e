// Shard files: JSONL, optionally gzip (zlib), written and read line by line.
// gzread also reads plain files, so one reader serves both.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace syncsmith::dataset {

struct ShardInfo {
  std::string file, split, firstId, lastId;
  uint64_t records = 0;
};

// Writes records of each split to DIR/SPLIT-NNNNN.jsonl[.gz], a new shard
// every `shardSize` records. Throws std::runtime_error when a file cannot
// be written.
class ShardWriter {
 public:
  ShardWriter(std::filesystem::path dir, bool gzip, uint64_t shardSize);
  ~ShardWriter();
  void write(const std::string& split, const std::string& id, const std::string& line);
  // Closes every shard; the shards in the order they were opened.
  std::vector<ShardInfo> finish();

 private:
  struct Open;
  void close(Open& o);
  std::filesystem::path dir_;
  bool gzip_;
  uint64_t shardSize_;
  std::map<std::string, std::unique_ptr<Open>> open_;  // by split
  std::map<std::string, int> next_;                    // split -> next shard number
  std::vector<ShardInfo> done_;                        // in closing order
};

// Reads a .jsonl or .jsonl.gz file line by line.
class LineReader {
 public:
  explicit LineReader(const std::filesystem::path& file);  // throws std::runtime_error
  ~LineReader();
  LineReader(const LineReader&) = delete;
  LineReader& operator=(const LineReader&) = delete;
  bool next(std::string& line);  // false at the end

 private:
  void* gz_ = nullptr;
  std::string file_;
};

// The shard file name of shard `number` of `split`.
std::string shardName(const std::string& split, int number, bool gzip);
// Whether `name` looks like a shard or manifest this tool writes.
bool isDatasetFile(const std::string& name);

}  // namespace syncsmith::dataset
