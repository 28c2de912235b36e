#pragma once

#include <stdexcept>
#include <string>

namespace syncsmith {

// A 1-based position in a kernel file. 0 means "made by a tool, not parsed".
struct SrcLoc {
  int line = 0;
  int col = 0;
};

// A malformed-input error: printed as FILE:LINE:COL: error: MESSAGE.
class InputError : public std::runtime_error {
 public:
  InputError(std::string file, SrcLoc loc, std::string message)
      : std::runtime_error(file + ":" + std::to_string(loc.line) + ":" +
                           std::to_string(loc.col) + ": error: " + message),
        file_(std::move(file)),
        loc_(loc),
        message_(std::move(message)) {}
  const std::string& file() const { return file_; }
  SrcLoc loc() const { return loc_; }
  const std::string& message() const { return message_; }

 private:
  std::string file_;
  SrcLoc loc_;
  std::string message_;
};

}  // namespace syncsmith
