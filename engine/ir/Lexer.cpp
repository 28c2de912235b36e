#include "ir/Lexer.h"

#include <cctype>

namespace syncsmith {
namespace {

bool isNameStart(char c) {
  return std::isalpha(static_cast<unsigned char>(c)) || c == '_';
}
bool isNameChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
}

constexpr std::string_view kTwoCharPuncts[] = {"..", "<-", "==", "!=", "<=",
                                               ">="};
constexpr std::string_view kOneCharPuncts = "{}[]():,@=+-*/%<>?";

}  // namespace

std::vector<Token> lex(const std::string& file, std::string_view src) {
  std::vector<Token> out;
  int line = 1, col = 1;
  size_t i = 0;
  auto advance = [&](size_t n) {
    i += n;
    col += int(n);
  };
  while (i < src.size()) {
    char c = src[i];
    SrcLoc loc{line, col};
    if (c == '\n') {
      out.push_back({Tok::Newline, "\n", loc});
      ++i, ++line, col = 1;
      continue;
    }
    if (c == ' ' || c == '\t' || c == '\r') {
      advance(1);
      continue;
    }
    if (c == '#') {
      while (i < src.size() && src[i] != '\n') advance(1);
      continue;
    }
    if (isNameStart(c)) {
      size_t j = i;
      while (j < src.size() && isNameChar(src[j])) ++j;
      out.push_back({Tok::Name, std::string(src.substr(i, j - i)), loc});
      advance(j - i);
      continue;
    }
    if (std::isdigit(static_cast<unsigned char>(c))) {
      size_t j = i;
      while (j < src.size() && std::isdigit(static_cast<unsigned char>(src[j])))
        ++j;
      if (j < src.size() && isNameStart(src[j]))
        throw InputError(file, loc,
                         "malformed number '" +
                             std::string(src.substr(i, j - i + 1)) + "'");
      out.push_back({Tok::Int, std::string(src.substr(i, j - i)), loc});
      advance(j - i);
      continue;
    }
    bool matched = false;
    for (std::string_view p : kTwoCharPuncts) {
      if (src.substr(i, 2) == p) {
        out.push_back({Tok::Punct, std::string(p), loc});
        advance(2);
        matched = true;
        break;
      }
    }
    if (matched) continue;
    if (kOneCharPuncts.find(c) != std::string_view::npos) {
      out.push_back({Tok::Punct, std::string(1, c), loc});
      advance(1);
      continue;
    }
    std::string shown = std::isprint(static_cast<unsigned char>(c))
                            ? std::string(1, c)
                            : "\\x" + std::to_string(int(uint8_t(c)));
    throw InputError(file, loc, "unexpected character '" + shown + "'");
  }
  out.push_back({Tok::Newline, "\n", {line, col}});
  out.push_back({Tok::End, "", {line, col}});
  return out;
}

}  // namespace syncsmith
