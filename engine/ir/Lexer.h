// Tokens of the `.sk` format. Line oriented: newlines are tokens.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ir/SourceLoc.h"

namespace syncsmith {

enum class Tok : uint8_t { Name, Int, Punct, Newline, End };

struct Token {
  Tok kind = Tok::End;
  std::string text;  // name, digits or punctuation
  SrcLoc loc;
  bool is(std::string_view punct) const {
    return kind == Tok::Punct && text == punct;
  }
  bool isWord(std::string_view w) const {
    return kind == Tok::Name && text == w;
  }
};

// Splits `src` into tokens; throws InputError on a character outside the
// format. Comments are dropped; consecutive newlines are kept (the parser
// skips blank lines).
std::vector<Token> lex(const std::string& file, std::string_view src);

}  // namespace syncsmith
