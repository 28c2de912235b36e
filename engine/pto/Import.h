// `syncsmith import-pto`: a PTOAS-generated kernel (`*-pto-sync.cpp`) -> a
// `.sk` Kernel. The accepted C++ subset, the op -> pipe table, the memory
// mapping and every default are in docs/import-pto.md. Every statement of
// the result carries its position in the C++ file (Stmt::loc), so findings
// on the imported kernel point at C++ lines. Anything outside the subset is
// an InputError "FILE:LINE:COL: error: ..." (never guessed, never partial).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "ir/Kernel.h"

namespace syncsmith::pto {

struct ParamRange {
  int64_t lo = 0, hi = 0;  // inclusive
};

// The range an integer kernel argument (and get_block_idx() ...) takes when
// no --param-range names it.
inline constexpr ParamRange kDefaultArgRange{0, 4};

struct ImportOptions {
  Arch arch = Arch::A2A3;
  std::map<std::string, ParamRange> paramRanges;  // --param-range NAME=LO..HI
  bool stripSync = false;                         // --strip-sync
};

struct ImportResult {
  Kernel kernel;  // validated; Stmt::loc / Buffer::loc are C++ positions
  std::string file;
  std::vector<std::string> notes;  // defaults that were taken, for the user
};

ImportResult importPto(std::string_view text, const std::string& file,
                       const ImportOptions& opts = {});
// Reads PATH ("-" for stdin); an unreadable file is an InputError at 1:1.
ImportResult importPtoFile(const std::string& path, const ImportOptions& opts = {});

// Parses "NAME=LO..HI" (the --param-range syntax); throws InputError.
std::pair<std::string, ParamRange> parseParamRange(std::string_view text);

}  // namespace syncsmith::pto
