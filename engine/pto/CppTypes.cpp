#include "pto/CppTypes.h"

#include <set>

namespace syncsmith::pto {

std::string TypeNode::str() const {
  std::string s = addrSpace.empty() ? "" : addrSpace + " ";
  s += name;
  if (templated) {
    s += "<";
    for (size_t i = 0; i < args.size(); ++i) {
      if (i) s += ", ";
      s += args[i].value ? std::to_string(*args[i].value) : args[i].type->str();
    }
    s += ">";
  }
  return s + std::string(size_t(pointers), '*');
}

std::optional<int64_t> elementSize(const std::string& n) {
  static const std::map<std::string, int64_t> kSizes = {
      {"float", 4},        {"float32_t", 4},    {"half", 2},         {"float16_t", 2},
      {"bfloat16_t", 2},   {"int8_t", 1},       {"uint8_t", 1},      {"int16_t", 2},
      {"uint16_t", 2},     {"int32_t", 4},      {"uint32_t", 4},     {"int64_t", 8},
      {"uint64_t", 8},     {"int", 4},          {"unsigned", 4},     {"unsigned int", 4},
      {"double", 8},       {"char", 1},         {"hifloat8_t", 1},   {"float8_e4m3_t", 1},
      {"float8_e5m2_t", 1}, {"fp8_e8m0_t", 1},  {"float8_e8m0_t", 1}, {"bool", 1}};
  auto it = kSizes.find(n);
  if (it == kSizes.end()) return std::nullopt;
  return it->second;
}

std::optional<IntType> intType(const std::string& n) {
  static const std::map<std::string, IntType> kInts = {
      {"int8_t", {8, true}},     {"uint8_t", {8, false}},   {"int16_t", {16, true}},
      {"uint16_t", {16, false}}, {"int32_t", {32, true}},   {"uint32_t", {32, false}},
      {"int64_t", {64, true}},   {"uint64_t", {64, false}}, {"int", {32, true}},
      {"unsigned", {32, false}}, {"unsigned int", {32, false}}, {"long", {64, true}},
      {"long long", {64, true}}, {"unsigned long", {64, false}},
      {"unsigned long long", {64, false}}, {"size_t", {64, false}},
      {"ssize_t", {64, true}},   {"short", {16, true}},     {"unsigned short", {16, false}},
      {"char", {8, true}},       {"unsigned char", {8, false}}, {"signed char", {8, true}},
      {"event_t", {32, true}}};
  auto it = kInts.find(n);
  if (it == kInts.end()) return std::nullopt;
  return it->second;
}

ScalarClass scalarClass(const std::string& n) {
  if (n == "bool") return ScalarClass::Bool;
  if (n == "event_t") return ScalarClass::Event;
  if (n == "auto") return ScalarClass::Auto;
  if (intType(n)) return ScalarClass::Int;
  static const std::set<std::string> kFloats = {"float", "double", "half", "float16_t",
                                                "float32_t", "bfloat16_t"};
  if (kFloats.count(n)) return ScalarClass::Float;
  return ScalarClass::None;
}

int64_t castConstant(IntType t, int64_t v) {
  if (t.bits >= 64) return v;  // uint64 of a negative stays as is: no wrap in 64-bit exprs
  uint64_t mask = (uint64_t(1) << t.bits) - 1;
  uint64_t u = uint64_t(v) & mask;
  if (t.isSigned && (u >> (t.bits - 1)) & 1) return int64_t(u | ~mask);
  return int64_t(u);
}

}  // namespace syncsmith::pto
