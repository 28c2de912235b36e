// C++ types: qualifiers, multi-word integer names, `pto::` class templates,
// pointers with an address space, and `using` aliases.
#include "pto/Importer.h"

namespace syncsmith::pto {
namespace {

const std::set<std::string> kQualifiers = {"const", "constexpr", "static", "volatile",
                                           "typename", "struct", "inline", "__restrict__",
                                           "__restrict", "restrict", "__aicore__", "AICORE"};
const std::set<std::string> kAddrSpaces = {"__gm__", "__ubuf__", "__cbuf__", "__ca__",
                                           "__cb__", "__cc__", "__fbuf__"};
const std::set<std::string> kIntWords = {"unsigned", "signed", "long", "short", "int", "char"};
const std::set<std::string> kClassTemplates = {"Tile", "Shape", "Stride", "GlobalTensor"};

}  // namespace

bool Importer::isClassTypeName(const std::string& n) const {
  if (kClassTemplates.count(n)) return true;
  auto it = aliases_.find(n);
  return it != aliases_.end() && kClassTemplates.count(it->second.name);
}

bool Importer::atTypeStart(size_t k) const {
  const Token& t = peek(k);
  if (t.kind != TokKind::Ident) return false;
  const std::string& n = t.text;
  if (kQualifiers.count(n) || kAddrSpaces.count(n) || kIntWords.count(n)) return true;
  if (n == "pto" || n == "std") return peek(k + 1).is("::") && atTypeStart(k + 2);
  if (scalarClass(n) != ScalarClass::None || kClassTemplates.count(n)) return true;
  if (n == "void") return true;
  return aliases_.count(n) > 0;
}

TypeArg Importer::parseTemplateArg() {
  TypeArg a;
  a.loc = peek().loc;
  bool neg = accept("-");
  if (peek().kind == TokKind::Int) {
    a.value = neg ? -next().intValue : next().intValue;
    return a;
  }
  if (neg) fail(a.loc, "expected a number after '-' in a template argument");
  if (peek().is("DYNAMIC")) {  // pto::DYNAMIC == -1
    next();
    a.value = -1;
    return a;
  }
  if (peek().kind == TokKind::Ident && !peek(1).is("::") && !peek(1).is("<")) {
    if (const Value* v = lookup(peek().text)) {
      auto* iv = std::get_if<IntVal>(v);
      auto c = iv ? iv->e.constantValue() : std::nullopt;
      if (!c) fail(a.loc, "template argument '" + peek().text + "' is not a constant");
      next();
      a.value = *c;
      return a;
    }
  }
  a.type = std::make_shared<TypeNode>(parseType());
  return a;
}

TypeNode Importer::parseType() {
  TypeNode t;
  t.loc = peek().loc;
  auto qualifiers = [&] {
    while (peek().kind == TokKind::Ident) {
      if (kQualifiers.count(peek().text)) {
        next();
      } else if (kAddrSpaces.count(peek().text)) {
        t.addrSpace = next().text;
      } else {
        break;
      }
    }
  };
  qualifiers();
  if (peek().kind != TokKind::Ident) fail(peek().loc, "expected a type");
  t.nameLoc = peek().loc;
  if (kIntWords.count(peek().text)) {
    // unsigned / signed / long long / short int ... -> one name.
    std::vector<std::string> words;
    while (peek().kind == TokKind::Ident && kIntWords.count(peek().text)) words.push_back(next().text);
    if (words.size() > 1 && words.back() == "int" && words.front() != "int") words.pop_back();
    if (words.size() > 1 && words.front() == "signed") words.erase(words.begin());
    for (size_t i = 0; i < words.size(); ++i) t.name += (i ? " " : "") + words[i];
    if (t.name == "signed") t.name = "int";
  } else {
    t.name = next().text;
    while (peek().is("::")) {
      next();
      t.name += "::" + expectIdent("a name after '::'").text;
    }
    for (std::string_view prefix : {"pto::", "std::"})
      if (t.name.rfind(prefix, 0) == 0) t.name = t.name.substr(prefix.size());
  }
  if (peek().is("<")) {
    if (!kClassTemplates.count(t.name))
      fail(t.loc, "unknown class template '" + t.name + "'");
    next();
    t.templated = true;
    if (!accept(">")) {
      while (true) {
        t.args.push_back(parseTemplateArg());
        if (accept(">")) break;
        expect(",", "between template arguments");
      }
    }
  }
  qualifiers();
  while (accept("*")) {
    ++t.pointers;
    qualifiers();
  }
  if (peek().is("&")) fail(peek().loc, "reference types are not supported");
  auto it = aliases_.find(t.name);
  if (it != aliases_.end() && !t.templated) {
    TypeNode r = it->second;
    r.loc = t.loc;
    r.nameLoc = t.nameLoc;
    r.pointers += t.pointers;
    if (!t.addrSpace.empty()) r.addrSpace = t.addrSpace;
    return r;
  }
  if (!t.templated && kClassTemplates.count(t.name))
    fail(t.loc, "class template '" + t.name + "' needs template arguments");
  return t;
}

void Importer::parseUsing() {
  SrcLoc loc = expect("using", "").loc;
  if (accept("namespace")) {
    expectIdent("a namespace name");
    while (accept("::")) expectIdent("a namespace name");
    expect(";", "after 'using namespace'");
    return;
  }
  const Token& n = expectIdent("an alias name");
  expect("=", "in a 'using' alias");
  TypeNode t = parseType();
  expect(";", "after a 'using' alias");
  if (aliases_.count(n.text) || lookup(n.text))
    fail(loc, "'" + n.text + "' is declared twice");
  aliases_[n.text] = t;
}

}  // namespace syncsmith::pto
