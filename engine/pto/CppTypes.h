// C++ types of the subset: scalars, `__gm__ T*` pointers, and the PTO class
// templates Tile / pto::Shape / pto::Stride / GlobalTensor (internal).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "ir/SourceLoc.h"

namespace syncsmith::pto {

struct TypeNode;

// A template argument: an integer constant or a type / enum name.
struct TypeArg {
  std::optional<int64_t> value;
  std::shared_ptr<TypeNode> type;
  SrcLoc loc;
};

struct TypeNode {
  std::string name;  // qualified, without a leading `pto::`: "Tile", "float", "TileType::Vec"
  bool templated = false;
  std::vector<TypeArg> args;
  std::string addrSpace;  // "__gm__", "__ubuf__", ... or ""
  int pointers = 0;
  SrcLoc loc;      // where the type starts (qualifiers included)
  SrcLoc nameLoc;  // where its name starts
  std::string str() const;
};

// Bytes of a scalar element type ("float" -> 4), or nullopt.
std::optional<int64_t> elementSize(const std::string& name);

enum class ScalarClass : uint8_t { Int, Bool, Float, Event, Auto, None };
// What a non-pointer, non-template type name holds; None for class names.
ScalarClass scalarClass(const std::string& name);
// Bit width and signedness of an integer type, for folding casts of constants.
struct IntType {
  int bits = 64;
  bool isSigned = true;
};
std::optional<IntType> intType(const std::string& name);
int64_t castConstant(IntType t, int64_t v);

// Type aliases (`using NAME = TYPE;`).
using TypeAliases = std::map<std::string, TypeNode>;

}  // namespace syncsmith::pto
