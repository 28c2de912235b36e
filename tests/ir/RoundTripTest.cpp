// print(parse(x)) is stable and parse(print(k)) == k: on every corpus file
// and on thousands of randomly built IR trees.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "ir/Parser.h"
#include "ir/Printer.h"

namespace syncsmith {
namespace {

namespace fs = std::filesystem;

std::vector<fs::path> corpusFiles() {
  std::vector<fs::path> files;
  fs::path root = fs::path(SYNCSMITH_SOURCE_ROOT) / "corpus";
  for (const auto& e : fs::recursive_directory_iterator(root))
    if (e.is_regular_file() && e.path().extension() == ".sk") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  return files;
}

TEST(RoundTripTest, EveryCorpusFileRoundTrips) {
  auto files = corpusFiles();
  ASSERT_GE(files.size(), 12u);
  for (const fs::path& p : files) {
    SCOPED_TRACE(p.string());
    Kernel k;
    ASSERT_NO_THROW(k = parseKernelFile(p.string()));
    std::string printed = printKernel(k);
    Kernel again = parseKernel(printed, p.string() + " (printed)");
    EXPECT_EQ(k, again);
    EXPECT_EQ(printKernel(again), printed);
  }
}

// A tiny random IR builder: valid by construction (constant ranges inside
// buffers, nonzero constant divisors), covering every construct of the IR.
class RandomKernelBuilder {
 public:
  explicit RandomKernelBuilder(uint64_t seed) : rng_(seed) {}

  Kernel build() {
    Kernel k;
    k.name = "k" + std::to_string(pick(1000));
    if (coin()) k.archAttr = coin() ? Arch::A2A3 : Arch::A5;
    if (coin()) k.coreAttr = coin() ? Core::Vec : Core::Cube;
    core_ = k.core();
    int64_t ubNext = 0;
    for (int i = 0, n = 1 + pick(4); i < n; ++i) {
      Buffer b;
      b.name = "b" + std::to_string(i);
      b.space = core_ == Core::Vec ? (coin() ? Space::UB : Space::GM)
                                   : std::array{Space::GM, Space::L1, Space::L0A,
                                                Space::L0B, Space::L0C}[pick(5)];
      b.size = 64 << pick(4);
      if (coin()) b.slots = std::array{1, 2, 4}[pick(3)];
      if (b.space != Space::GM && coin()) b.addr = ubNext, ubNext += 64;
      k.buffers.push_back(b);
    }
    for (int i = 0, n = pick(3); i < n; ++i) {
      Param p;
      p.name = "p" + std::to_string(i);
      p.lo = int64_t(pick(5)) - 2;
      p.hi = p.lo + pick(4);
      k.params.push_back(p);
      names_.push_back(p.name);
    }
    k_ = &k;
    k.body = block(0);
    return k;
  }

 private:
  int pick(int n) { return int(rng_() % uint64_t(n)); }
  bool coin() { return rng_() & 1; }

  Expr expr(int depth) {
    if (depth > 2 || pick(3) == 0) {
      if (!names_.empty() && coin()) return Expr::var(names_[pick(int(names_.size()))]);
      return Expr::constant(int64_t(pick(20)) - 5);
    }
    switch (pick(6)) {
      case 0: return expr(depth + 1) + expr(depth + 1);
      case 1: return expr(depth + 1) - expr(depth + 1);
      case 2: return expr(depth + 1) * expr(depth + 1);
      case 3: return expr(depth + 1) / Expr::constant(1 + pick(4));
      case 4: return expr(depth + 1) % Expr::constant(coin() ? 1 + pick(4) : -1 - pick(3));
      default: return Expr::neg(expr(depth + 1));
    }
  }

  Ref ref(const Buffer& b) {
    Ref r;
    r.buffer = b.name;
    if (b.slotted()) r.slot = expr(0);
    if (coin()) {
      int64_t lo = pick(int(b.slotSize()));
      int64_t hi = lo + 1 + pick(int(b.slotSize() - lo));
      r.lo = Expr::constant(lo);
      r.hi = Expr::constant(hi);
    }
    return r;
  }

  Stmt op() {
    Stmt s;
    OpStmt o;
    o.name = "exec";
    auto pipes = core_ == Core::Vec ? std::vector{Pipe::S, Pipe::MTE2, Pipe::V, Pipe::MTE3}
                                    : std::vector{Pipe::S, Pipe::MTE2, Pipe::MTE1, Pipe::M, Pipe::FIX};
    o.pipe = pipes[pick(int(pipes.size()))];
    // Named ops with fitting buffers when we can find them, exec otherwise.
    if (core_ == Core::Vec && coin()) {
      o.name = "v" + std::string(coin() ? "add" : "exp");
      o.pipe = Pipe::V;
      for (const Buffer& b : k_->buffers)
        if (b.space == Space::UB) (coin() ? o.writes : o.reads).push_back(ref(b));
    } else {
      for (const Buffer& b : k_->buffers)
        if (coin()) (coin() ? o.writes : o.reads).push_back(ref(b));
    }
    s.node = std::move(o);
    return s;
  }

  Stmt sync() {
    Stmt s;
    SyncStmt y;
    y.kind = SyncKind(pick(4));
    auto onCore = core_ == Core::Vec ? std::vector{Pipe::S, Pipe::MTE2, Pipe::V, Pipe::MTE3}
                                     : std::vector{Pipe::S, Pipe::MTE2, Pipe::MTE1, Pipe::M, Pipe::FIX};
    if (y.isFlag()) {
      y.src = kAllPipes[pick(kNumPipes)];  // off-core is legal here
      y.dst = kAllPipes[pick(kNumPipes)];
      y.id.computed = coin();
      y.id.expr = y.id.computed ? expr(0) : Expr::constant(pick(10));
    } else if (y.kind == SyncKind::Barrier && coin()) {
      y.all = true;
    } else {
      y.src = onCore[pick(int(onCore.size()))];
    }
    s.node = std::move(y);
    return s;
  }

  Block block(int depth) {
    Block b;
    for (int i = 0, n = pick(5); i < n; ++i) {
      int what = pick(depth < 3 ? 8 : 5);
      if (what < 3) {
        b.push_back(op());
      } else if (what < 5) {
        b.push_back(sync());
      } else if (what < 7) {
        Stmt s;
        ForStmt f;
        f.var = "i" + std::to_string(loopCounter_++);
        // Small bounds keep the validator's enumeration cheap.
        f.lo = Expr::constant(pick(3));
        f.hi = (!names_.empty() && coin()) ? Expr::var(names_[pick(int(names_.size()))]) + Expr::constant(pick(3))
                                            : Expr::constant(pick(6));
        if (coin()) f.step = 1 + pick(3);
        names_.push_back(f.var);
        f.body = block(depth + 1);
        names_.pop_back();
        s.node = std::move(f);
        b.push_back(std::move(s));
      } else {
        Stmt s;
        IfStmt f;
        f.cond.runtime = coin();
        if (f.cond.runtime) {
          f.cond.name = "c" + std::to_string(pick(3));
        } else {
          f.cond.lhs = expr(0);
          f.cond.rhs = expr(0);
          f.cond.op = CmpOp(pick(6));
        }
        f.thenBody = block(depth + 1);
        if (coin()) f.elseBody = block(depth + 1);
        s.node = std::move(f);
        b.push_back(std::move(s));
      }
    }
    return b;
  }

  std::mt19937_64 rng_;
  Core core_ = Core::Vec;
  const Kernel* k_ = nullptr;
  std::vector<std::string> names_;
  int loopCounter_ = 0;
};

TEST(RoundTripTest, RandomTreesRoundTrip) {
  int checked = 0;
  for (uint64_t seed = 1; seed <= 3000; ++seed) {
    Kernel k = RandomKernelBuilder(seed).build();
    std::string printed = printKernel(k);
    Kernel again;
    try {
      again = parseKernel(printed, "random.sk");
    } catch (const InputError& e) {
      // Only a value error may reject a random tree (a slot expression is
      // never out of range; divisors are nonzero): never a syntax error.
      ADD_FAILURE() << "seed " << seed << ": " << e.what() << "\n" << printed;
      continue;
    }
    ASSERT_EQ(k, again) << "seed " << seed << "\n" << printed << "\n---\n" << printKernel(again);
    ASSERT_EQ(printKernel(again), printed);
    ++checked;
  }
  EXPECT_EQ(checked, 3000);
}

}  // namespace
}  // namespace syncsmith
