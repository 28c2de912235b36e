// Buffer declarations: made on demand, within the space capacities, laid end
// to end; with the Alias feature every local buffer carries an explicit
// @ADDR and some are placed over earlier ones.
#include <algorithm>

#include "gen/GenState.h"

namespace syncsmith::gen::detail {
namespace {

const char* prefix(Space s) {
  switch (s) {
    case Space::GM: return "gm";
    case Space::UB: return "ub";
    case Space::L1: return "l1_";
    case Space::L0A: return "a";
    case Space::L0B: return "b";
    case Space::L0C: return "c";
  }
  return "x";
}

constexpr int64_t kMinSlot = 32;

}  // namespace

size_t Gen::countIn(Space s) const {
  return size_t(std::count_if(k_.buffers.begin(), k_.buffers.end(),
                              [s](const Buffer& b) { return b.space == s; }));
}

std::optional<size_t> Gen::buffersIn(Space s, size_t nth) const {
  for (size_t i = 0; i < k_.buffers.size(); ++i)
    if (k_.buffers[i].space == s && nth-- == 0) return i;
  return std::nullopt;
}

size_t Gen::pickBuffer(Space s, int64_t wantLen) {
  size_t n = countIn(s);
  size_t locals = k_.buffers.size() - countIn(Space::GM);
  bool canNew = s == Space::GM ? countIn(Space::GM) < size_t(pol_.maxGmBuffers)
                               : locals < size_t(pol_.maxLocalBuffers);
  if (n > 0 && (!canNew || likely(pol_.pReuseBuffer))) return *buffersIn(s, cs_.below(n));
  if (s == Space::GM) return newGm(wantLen * (maxIndexValue() + 1));
  if (auto b = newLocal(s)) return *b;
  if (n > 0) return *buffersIn(s, cs_.below(n));
  // Unreachable in practice (an empty space always takes a new buffer); kept
  // so that the function never fails: the smallest buffer, at byte 0.
  Buffer b;
  b.name = prefix(s) + std::to_string(nameCount_[int(s)]++);
  b.space = s;
  b.size = kMinSlot;
  b.addr = 0;
  b.base = 0;
  used_[int(s)] = std::max<int64_t>(used_[int(s)], kMinSlot);
  k_.buffers.push_back(b);
  return k_.buffers.size() - 1;
}

std::optional<size_t> Gen::newLocal(Space s, int64_t exactSize, int slots, bool allowAlias) {
  const int64_t cap = *capacity(s);
  const int64_t used = used_[int(s)];
  bool alias = allowAlias && exactSize == 0 && on(Feature::Alias) && used >= kMinSlot &&
               cs_.chance(pol_.pAlias);
  int64_t k = slots;
  if (k < 0) k = on(Feature::Slots) && cs_.chance(pol_.pSlotted) ? cs_.between(2, 4) : 0;
  int64_t kk = std::max<int64_t>(k, 1);
  int64_t addr = alias ? kMinSlot * int64_t(cs_.below(uint64_t(used / kMinSlot))) : used;
  int64_t avail = alias ? used - addr : cap - used;
  int64_t size;
  if (exactSize > 0) {
    if (exactSize % kk != 0 || exactSize > avail) return std::nullopt;
    size = exactSize;
  } else {
    int64_t slot = kMinSlot << cs_.below(10);  // 32 B .. 16 KiB per slot
    while (slot * kk > avail && slot > kMinSlot) slot /= 2;
    if (slot * kk > avail) {
      if (!alias) return std::nullopt;
      k = 0, kk = 1;  // an alias always has kMinSlot bytes under it
      slot = std::min(slot, avail);
    }
    size = slot * kk;
  }
  Buffer b;
  b.name = prefix(s) + std::to_string(nameCount_[int(s)]++);
  b.space = s;
  b.size = size;
  if (k > 0) b.slots = k;
  if (explicitAddr_) b.addr = addr;
  b.base = addr;
  if (!alias) used_[int(s)] += size;
  k_.buffers.push_back(b);
  return k_.buffers.size() - 1;
}

size_t Gen::newGm(int64_t minSize) {
  int64_t size = int64_t(1024) << cs_.below(7);  // 1 KiB .. 64 KiB
  minSize = std::min<int64_t>(minSize, int64_t(1) << 24);
  if (size < minSize) size = (minSize + kMinSlot - 1) / kMinSlot * kMinSlot;
  Buffer b;
  b.name = prefix(Space::GM) + std::to_string(nameCount_[int(Space::GM)]++);
  b.space = Space::GM;
  b.size = size;
  k_.buffers.push_back(b);
  return k_.buffers.size() - 1;
}

}  // namespace syncsmith::gen::detail
