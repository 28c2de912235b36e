// Crash containment: children that die by a signal, hang, or throw are
// reported with their stage, and the parent goes on.
#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <filesystem>

#include "campaign/AtomicFile.h"
#include "campaign/Sandbox.h"
#include "campaign/Worker.h"

namespace syncsmith::campaign {
namespace {

namespace fs = std::filesystem;

TEST(Sandbox, ChildExitCodeIsReturned) {
  ChildOutcome c = runInChild([] { return 7; }, 30);
  EXPECT_TRUE(c.exited);
  EXPECT_EQ(c.code, 7);
  EXPECT_FALSE(c.timedOut);
}

TEST(Sandbox, SegfaultIsReportedWithItsSignal) {
  ChildOutcome c = runInChild(
      [] {
        ::raise(SIGSEGV);
        return 0;
      },
      30);
  EXPECT_FALSE(c.exited);
  EXPECT_EQ(c.signal, "SIGSEGV");
  EXPECT_EQ(signalSignature(c.stage, c.signal), "CRASH: ?: SIGSEGV");
}

TEST(Sandbox, AbortIsReported) {
  ChildOutcome c = runInChild([]() -> int { std::abort(); }, 30);
  EXPECT_EQ(c.signal, "SIGABRT");
}

TEST(Sandbox, HangIsKilled) {
  ChildOutcome c = runInChild(
      [] {
        for (;;) ::pause();
        return 0;
      },
      0.3);
  EXPECT_TRUE(c.timedOut);
}

TEST(Worker, AnswersTasksAndSurvivesNothingElse) {
  Worker w;
  ASSERT_TRUE(w.start(
      [](const std::string& task, int fd) {
        if (task == "crash") ::raise(SIGSEGV);
        writeLine(fd, "echo " + task);
      },
      {}));
  ASSERT_TRUE(w.send("hello"));
  std::vector<std::string> got;
  bool eof = false;
  while (got.size() < 2 && !eof)
    for (const std::string& l : w.readLines(eof)) got.push_back(l);
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[0], "echo hello");
  EXPECT_EQ(got[1], "{\"t\":\"done\"}");
  // A task that crashes: the crash reporter's line, then EOF and a signal status.
  ASSERT_TRUE(w.send("crash"));
  got.clear();
  while (!eof)
    for (const std::string& l : w.readLines(eof)) got.push_back(l);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_NE(got[0].find("\"signal\":\"SIGSEGV\""), std::string::npos) << got[0];
  int status = w.reap();
  EXPECT_TRUE(WIFSIGNALED(status));
  EXPECT_FALSE(w.running());
}

TEST(AtomicFile, WritesReplaceAndLeaveNoTemporaries) {
  fs::path dir = fs::temp_directory_path() / ("syncsmith-atomic-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  writeFileAtomic(dir / "a.json", "one");
  writeFileAtomic(dir / "a.json", "two");
  EXPECT_EQ(readFile(dir / "a.json"), "two");
  fs::create_directories(dir / "tmp1");
  writeFileAtomic(dir / "tmp1" / "f", "1");
  publishFolder(dir / "tmp1", dir / "out");
  fs::create_directories(dir / "tmp2");
  writeFileAtomic(dir / "tmp2" / "g", "2");
  publishFolder(dir / "tmp2", dir / "out");  // replaces the older folder whole
  EXPECT_FALSE(fs::exists(dir / "out" / "f"));
  EXPECT_EQ(readFile(dir / "out" / "g"), "2");
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  EXPECT_EQ(names, (std::vector<std::string>{"a.json", "out"}));
  fs::remove_all(dir);
}

}  // namespace
}  // namespace syncsmith::campaign
