// One worker process: forked from the campaign, it reads task lines on one
// pipe and writes result lines on another, so that a crash (a signal) or a
// hang in one kernel costs the campaign that kernel only: the parent sees
// the pipe close, reaps the child, records the crash and starts another.
#pragma once

#include <sys/types.h>

#include <functional>
#include <string>
#include <vector>

namespace syncsmith::campaign {

class Worker {
 public:
  // Handles one task line in the child, writing result lines with
  // writeLine(fd, ...). The worker then writes {"t":"done"}.
  using Serve = std::function<void(const std::string& task, int resultFd)>;

  // Forks. `otherFds` are the parent's pipes to other workers, closed in the
  // child so that their ends see EOF when they die. False when fork fails.
  bool start(const Serve& serve, const std::vector<int>& otherFds);
  bool running() const { return pid_ > 0; }
  pid_t pid() const { return pid_; }
  int resultFd() const { return from_; }
  int taskFd() const { return to_; }

  bool send(const std::string& line);
  // Closes the task pipe: the child finishes its task and exits.
  void closeTasks();
  // Reads what is available; returns the complete lines. `eof` when the
  // child closed its end (exited or died).
  std::vector<std::string> readLines(bool& eof);
  // After EOF (or kill): waits for the child; returns its wait status.
  int reap();
  void kill(int sig);

 private:
  pid_t pid_ = -1;
  int to_ = -1, from_ = -1;
  std::string buffer_;
};

// Writes the whole line (plus '\n') to fd; false on error.
bool writeLine(int fd, const std::string& line);

}  // namespace syncsmith::campaign
