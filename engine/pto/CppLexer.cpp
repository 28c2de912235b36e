#include "pto/CppLexer.h"

#include <array>
#include <cctype>
#include <cstring>

namespace syncsmith::pto {
namespace {

constexpr std::array<std::string_view, 17> kMultiPunct = {
    "...", "::", "->", "<<", "<=", ">=", "==", "!=", "&&", "||",
    "+=", "-=", "*=", "/=", "++", "--", "%="};

bool identStart(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }
bool identChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }
bool digit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }

class Lexer {
 public:
  Lexer(std::string_view text, const std::string& file) : s_(text), file_(file) {}

  std::vector<Token> run() {
    while (true) {
      skipSpaceAndComments();
      if (i_ >= s_.size()) break;
      lexOne();
    }
    Token end;
    end.kind = TokKind::End;
    end.loc = here();
    out_.push_back(end);
    return std::move(out_);
  }

 private:
  SrcLoc here() const { return {line_, int(i_ - lineStart_) + 1}; }
  [[noreturn]] void fail(SrcLoc loc, const std::string& msg) const {
    throw InputError(file_, loc, msg);
  }

  void advance(size_t n = 1) {
    for (size_t k = 0; k < n && i_ < s_.size(); ++k) {
      if (s_[i_] == '\n') {
        ++line_;
        lineStart_ = i_ + 1;
        atLineStart_ = true;
      }
      ++i_;
    }
  }

  void skipSpaceAndComments() {
    while (i_ < s_.size()) {
      char c = s_[i_];
      if (c == '\n') {
        advance();
      } else if (std::isspace(static_cast<unsigned char>(c))) {
        advance();
      } else if (s_.substr(i_, 2) == "//") {
        while (i_ < s_.size() && s_[i_] != '\n') advance();
      } else if (s_.substr(i_, 2) == "/*") {
        SrcLoc start = here();
        size_t end = s_.find("*/", i_ + 2);
        if (end == std::string_view::npos) fail(start, "unterminated /* comment");
        advance(end + 2 - i_);
      } else {
        return;
      }
    }
  }

  void push(TokKind kind, size_t begin, SrcLoc loc) {
    Token t;
    t.kind = kind;
    t.text = std::string(s_.substr(begin, i_ - begin));
    t.loc = loc;
    out_.push_back(std::move(t));
  }

  void lexOne() {
    SrcLoc loc = here();
    size_t begin = i_;
    char c = s_[i_];
    bool lineStart = atLineStart_;
    atLineStart_ = false;
    if (c == '#') {
      if (!lineStart) fail(loc, "'#' in the middle of a line");
      lexDirective(loc);
      return;
    }
    if (identStart(c)) {
      while (i_ < s_.size() && identChar(s_[i_])) advance();
      push(TokKind::Ident, begin, loc);
      return;
    }
    if (digit(c) || (c == '.' && i_ + 1 < s_.size() && digit(s_[i_ + 1]))) {
      lexNumber(loc);
      return;
    }
    if (c == '"') {
      advance();
      while (i_ < s_.size() && s_[i_] != '"' && s_[i_] != '\n') advance(s_[i_] == '\\' ? 2 : 1);
      if (i_ >= s_.size() || s_[i_] != '"') fail(loc, "unterminated string literal");
      advance();
      push(TokKind::String, begin, loc);
      return;
    }
    for (std::string_view p : kMultiPunct) {
      if (s_.substr(i_, p.size()) == p) {
        advance(p.size());
        push(TokKind::Punct, begin, loc);
        return;
      }
    }
    static constexpr std::string_view kSingle = "{}()[]<>;,=+-*/%&|^!~?:.";
    if (kSingle.find(c) != std::string_view::npos) {
      advance();
      push(TokKind::Punct, begin, loc);
      return;
    }
    fail(loc, std::string("unexpected character '") + c + "'");
  }

  // One logical preprocessor line (backslash continuations joined).
  void lexDirective(SrcLoc loc) {
    std::string text;
    while (i_ < s_.size() && s_[i_] != '\n') {
      if (s_[i_] == '\\' && i_ + 1 < s_.size() && s_[i_ + 1] == '\n') {
        advance(2);
        text += ' ';
        continue;
      }
      if (s_.substr(i_, 2) == "//") {
        while (i_ < s_.size() && s_[i_] != '\n') advance();
        break;
      }
      text += s_[i_];
      advance();
    }
    Token t;
    t.kind = TokKind::Directive;
    t.text = std::move(text);
    t.loc = loc;
    out_.push_back(std::move(t));
  }

  void lexNumber(SrcLoc loc) {
    size_t begin = i_;
    bool isFloat = false;
    bool hex = s_.substr(i_, 2) == "0x" || s_.substr(i_, 2) == "0X";
    if (hex) {
      advance(2);
      while (i_ < s_.size() && std::isxdigit(static_cast<unsigned char>(s_[i_]))) advance();
    } else {
      while (i_ < s_.size() && digit(s_[i_])) advance();
      if (i_ < s_.size() && s_[i_] == '.') {
        isFloat = true;
        advance();
        while (i_ < s_.size() && digit(s_[i_])) advance();
      }
      if (i_ < s_.size() && (s_[i_] == 'e' || s_[i_] == 'E')) {
        isFloat = true;
        advance();
        if (i_ < s_.size() && (s_[i_] == '+' || s_[i_] == '-')) advance();
        if (i_ >= s_.size() || !digit(s_[i_])) fail(loc, "malformed number");
        while (i_ < s_.size() && digit(s_[i_])) advance();
      }
    }
    size_t digitsEnd = i_;
    while (i_ < s_.size() && std::strchr(isFloat ? "fFlL" : "uUlL", s_[i_]) && s_[i_] != '\0')
      advance();
    if (i_ < s_.size() && identChar(s_[i_])) fail(loc, "malformed number");
    if (isFloat) {
      push(TokKind::Float, begin, loc);
      return;
    }
    std::string_view digits = s_.substr(begin, digitsEnd - begin);
    unsigned __int128 v = 0;
    size_t k = hex ? 2 : 0;
    if (hex && digits.size() == 2) fail(loc, "malformed number");
    for (; k < digits.size(); ++k) {
      char d = digits[k];
      int dv = digit(d) ? d - '0' : (std::tolower(d) - 'a' + 10);
      v = v * (hex ? 16 : 10) + dv;
      if (v > (unsigned __int128)UINT64_MAX) fail(loc, "integer literal too large");
    }
    if (v > (unsigned __int128)INT64_MAX) fail(loc, "integer literal too large for 64-bit arithmetic");
    push(TokKind::Int, begin, loc);
    out_.back().intValue = int64_t(v);
  }

  std::string_view s_;
  const std::string& file_;
  size_t i_ = 0, lineStart_ = 0;
  int line_ = 1;
  bool atLineStart_ = true;
  std::vector<Token> out_;
};

}  // namespace

std::vector<Token> lexCpp(std::string_view text, const std::string& file) {
  return Lexer(text, file).run();
}

}  // namespace syncsmith::pto
