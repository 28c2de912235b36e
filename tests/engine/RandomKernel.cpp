#include "RandomKernel.h"

#include <vector>

namespace syncsmith::test {
namespace {

class Rng {
 public:
  explicit Rng(uint64_t seed) : s_(seed * 0x9E3779B97F4A7C15ull + 1) {}
  uint64_t next() {
    uint64_t z = (s_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  int below(int n) { return int(next() % uint64_t(n)); }
  bool chance(int percent) { return below(100) < percent; }
  template <class T>
  const T& pick(const std::vector<T>& v) { return v[size_t(below(int(v.size())))]; }

 private:
  uint64_t s_;
};

class Builder {
 public:
  explicit Builder(uint64_t seed) : rng_(seed), cube_(rng_.chance(30)) {}

  std::string build(uint64_t seed) {
    std::string arch = rng_.chance(30) ? "a5" : "a2a3";
    std::string out = "kernel r" + std::to_string(seed) + " arch=" + arch +
                      (cube_ ? " core=cube" : "") + " {\n";
    if (cube_) {
      out += "  buffer g0 gm 8192\n  buffer g1 gm 8192\n";
      out += "  buffer a1 l1 4096 @0 slots=2\n  buffer b1 l1 2048 @4096\n";
      out += "  buffer a0 l0a 2048 slots=2\n  buffer b0 l0b 2048\n";
      out += "  buffer c0 l0c 2048 @0\n";
      out += "  buffer c1 l0c 1024 @" + std::string(rng_.chance(40) ? "1024" : "4096") + "\n";
    } else {
      out += "  buffer g0 gm 4096\n  buffer g1 gm 4096\n  buffer g2 gm 4096\n";
      out += "  buffer u0 ub 2048 @0\n  buffer u1 ub 2048 @2048 slots=2\n";
      out += "  buffer u2 ub 3072 @4096 slots=3\n";
      out += "  buffer u3 ub 1024 @" + rng_.pick<std::string>({"0", "1024", "2560", "8192"}) + "\n";
    }
    int lo = rng_.below(2);
    out += "  param n in " + std::to_string(lo) + ".." + std::to_string(lo + 1 + rng_.below(3 - lo)) + "\n";
    budget_ = 4 + rng_.below(10);
    std::vector<std::string> vars;
    genBlock(out, 1, vars, 2 + rng_.below(5));
    out += "}\n";
    return out;
  }

 private:
  void indent(std::string& out, int depth) { out.append(size_t(depth) * 2, ' '); }

  void genBlock(std::string& out, int depth, std::vector<std::string>& vars, int count) {
    for (int i = 0; i < count && budget_ > 0; ++i) {
      int r = rng_.below(100);
      if (r < 14 && vars.size() < 2) {
        genLoop(out, depth, vars);
      } else if (r < 24) {
        genIf(out, depth, vars);
      } else {
        indent(out, depth);
        out += cube_ ? cubeOp(vars) : vecOp(vars);
        out += "\n";
        --budget_;
      }
    }
  }

  void genLoop(std::string& out, int depth, std::vector<std::string>& vars) {
    std::string v = "i" + std::to_string(vars.size());
    indent(out, depth);
    out += "for " + v + " in " + rng_.pick<std::string>({"0..n", "0..n", "0..2", "1..n", "0..n step 2"}) + " {\n";
    vars.push_back(v);
    genBlock(out, depth + 1, vars, 1 + rng_.below(4));
    vars.pop_back();
    indent(out, depth);
    out += "}\n";
  }

  void genIf(std::string& out, int depth, std::vector<std::string>& vars) {
    std::vector<std::string> conds = {"?c", "?d", "n > 1"};
    if (!vars.empty()) {
      conds.push_back(vars.back() + " == 0");
      conds.push_back(vars.back() + " % 2 == 1");
      conds.push_back(vars.back() + " == n - 1");
    }
    indent(out, depth);
    out += "if " + rng_.pick(conds) + " {\n";
    genBlock(out, depth + 1, vars, 1 + rng_.below(3));
    if (rng_.chance(50)) {
      indent(out, depth);
      out += "} else {\n";
      genBlock(out, depth + 1, vars, 1 + rng_.below(3));
    }
    indent(out, depth);
    out += "}\n";
  }

  std::string var(const std::vector<std::string>& vars) {
    return vars.empty() ? "" : vars[size_t(rng_.below(int(vars.size())))];
  }

  std::string slotIndex(const std::vector<std::string>& vars, int k) {
    std::string v = var(vars);
    if (v.empty() || rng_.chance(20)) return std::to_string(rng_.below(k));
    if (k == 3 && rng_.chance(30)) return "(" + v + "+1)%3";
    return v + "%" + std::to_string(k);
  }

  std::string gm(const std::string& name, const std::vector<std::string>& vars, int chunk) {
    int r = rng_.below(4);
    if (r == 0) return name;
    std::string v = var(vars);
    if (r == 1 && !v.empty())
      return name + "[" + v + "*" + std::to_string(chunk) + " : " + v + "*" + std::to_string(chunk) +
             "+" + std::to_string(chunk) + "]";
    int off = rng_.below(4) * chunk;
    return name + "[" + std::to_string(off) + ":" + std::to_string(off + chunk) + "]";
  }

  std::string ub(const std::vector<std::string>& vars) {
    switch (rng_.below(4)) {
      case 0: {
        std::string v = var(vars);
        if (!v.empty() && rng_.chance(40))
          return "u0[" + v + "*512 : " + v + "*512+512]";
        return rng_.pick<std::string>({"u0", "u0[0:1024]", "u0[1024:2048]"});
      }
      case 1: return "u1[" + slotIndex(vars, 2) + "]" + rng_.pick<std::string>({"", "", "[0:512]", "[512:1024]"});
      case 2: return "u2[" + slotIndex(vars, 3) + "]";
      default: return rng_.pick<std::string>({"u3", "u3[0:512]"});
    }
  }

  std::string vecOp(const std::vector<std::string>& vars) {
    std::string g = rng_.pick<std::string>({"g0", "g1", "g2"});
    switch (rng_.below(9)) {
      case 0:
      case 1: return "gm_to_ub " + ub(vars) + " <- " + gm(g, vars, 256);
      case 2: return "ub_to_gm " + gm(g, vars, 256) + " <- " + ub(vars);
      case 3: return "vadd " + ub(vars) + " <- " + ub(vars) + ", " + ub(vars);
      case 4: return rng_.pick<std::string>({"vexp ", "vmul ", "vmax "}) + ub(vars) + " <- " + ub(vars);
      case 5: return "dup " + ub(vars) + " <-";
      case 6: return "ub_to_ub " + ub(vars) + " <- " + ub(vars);
      case 7: return rng_.chance(50) ? "scalar_store " + g + "[0:8] <-" : "scalar_load <- " + g + "[0:8]";
      default: return "ub_to_gm " + gm(g, vars, 256) + " <- " + ub(vars);
    }
  }

  std::string l1(const std::vector<std::string>& vars) {
    if (rng_.chance(50)) return "a1[" + slotIndex(vars, 2) + "]";
    return "b1";
  }

  std::string cubeOp(const std::vector<std::string>& vars) {
    std::string g = rng_.pick<std::string>({"g0", "g1"});
    std::string c = rng_.chance(70) ? "c0" : "c1";
    std::string a0 = "a0[" + slotIndex(vars, 2) + "]";
    switch (rng_.below(8)) {
      case 0:
      case 1: return "gm_to_l1 " + l1(vars) + " <- " + gm(g, vars, 512);
      case 2: return "l1_to_l0a " + a0 + " <- " + l1(vars);
      case 3: return "l1_to_l0b b0 <- " + l1(vars);
      case 4: return "mmad " + c + " <- " + a0 + ", b0" + (rng_.chance(50) ? ", " + c : "");
      case 5: return "l0c_to_gm " + gm(g, vars, 512) + " <- " + c;
      case 6: return "l0c_to_l1 " + l1(vars) + " <- " + c;
      default: return rng_.chance(50) ? "scalar_store " + g + "[0:8] <-" : "scalar_load <- " + g + "[0:8]";
    }
  }

  Rng rng_;
  bool cube_;
  int budget_ = 0;
};

}  // namespace

std::string randomKernelText(uint64_t seed) { return Builder(seed).build(seed); }

std::string randomNestText(uint64_t seed) {
  Rng rng(seed);
  int k = 2 + rng.below(3);                          // slots, and lanes
  int inner = rng.chance(25) ? k - 1 : k;            // the inner loop's trips
  if (inner < 2) inner = 2;
  std::string slot = rng.pick<std::string>({"kk", "kk", "(kk+1)%" + std::to_string(k)});
  std::string out = "kernel nest" + std::to_string(seed) + " {\n";
  out += "  buffer g0 gm 65536\n  buffer g1 gm 65536\n";
  out += "  buffer t ub " + std::to_string(1024 * k) + " slots=" + std::to_string(k) + "\n";
  out += "  buffer w ub 1024\n  buffer acc ub 1024\n";
  out += "  param n in " + std::to_string(rng.below(2)) + ".." + std::to_string(2 + rng.below(2)) + "\n";
  if (rng.chance(30)) out += "  dup acc <-\n";
  out += "  for k in 0..n {\n";
  if (rng.chance(30)) out += "    vexp w <- acc\n";
  out += "    for kk in 0.." + std::to_string(inner) + " {\n";
  std::string ref = "t[" + slot + "]";
  std::vector<std::string> ops = {
      "gm_to_ub " + ref + " <- g0[k*4096+kk*1024 : k*4096+kk*1024+1024]",
      "vexp w <- " + ref,
      "vadd " + ref + " <- " + ref + ", acc",
      "vadd acc <- acc, " + ref,
      "ub_to_gm g1[k*4096+kk*1024 : k*4096+kk*1024+1024] <- " + ref,
  };
  int count = 2 + rng.below(4);
  out += "      " + ops[0] + "\n";  // every body reloads its slot
  for (int i = 1; i < count; ++i) {
    const std::string& op = ops[size_t(1 + rng.below(int(ops.size()) - 1))];
    if (rng.chance(15))
      out += "      if ?c" + std::to_string(i) + " {\n        " + op + "\n      }\n";
    else
      out += "      " + op + "\n";
  }
  out += "    }\n";
  if (rng.chance(30)) out += "    ub_to_gm g1[60000:61024] <- acc\n";
  out += "  }\n}\n";
  return out;
}

}  // namespace syncsmith::test
