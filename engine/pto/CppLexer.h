// Tokens of the C++ subset PTOAS emits (docs/import-pto.md). Comments are
// dropped; a preprocessor line becomes one Directive token; `>>` is never
// one token (templates close with `>` `>`; the expression parser joins two
// adjacent `>` into a shift).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ir/SourceLoc.h"

namespace syncsmith::pto {

enum class TokKind : uint8_t { Ident, Int, Float, String, Punct, Directive, End };

struct Token {
  TokKind kind = TokKind::End;
  std::string text;  // as written (Directive: the whole logical line)
  SrcLoc loc;
  int64_t intValue = 0;  // Int only
  bool is(std::string_view s) const {
    return (kind == TokKind::Punct || kind == TokKind::Ident) && text == s;
  }
};

// Splits `text` into tokens, ending with one End token. Throws InputError
// (FILE:LINE:COL) on a character or literal outside the subset.
std::vector<Token> lexCpp(std::string_view text, const std::string& file);

}  // namespace syncsmith::pto
