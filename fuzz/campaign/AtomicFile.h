// Writes that a kill at any moment cannot leave half done: a file is written
// beside its final name and renamed over it; a folder is filled under a
// temporary name and renamed into place.
#pragma once

#include <filesystem>
#include <string>

namespace syncsmith::campaign {

// Throws std::runtime_error when the file cannot be written.
void writeFileAtomic(const std::filesystem::path& path, const std::string& content);

// Moves the finished folder `tmp` to `dest`, replacing an older `dest`.
void publishFolder(const std::filesystem::path& tmp, const std::filesystem::path& dest);

// Reads a whole file; throws std::runtime_error when it cannot.
std::string readFile(const std::filesystem::path& path);

}  // namespace syncsmith::campaign
