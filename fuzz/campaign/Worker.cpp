#include "campaign/Worker.h"

#include <errno.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "campaign/Sandbox.h"

namespace syncsmith::campaign {
namespace {

// Reads one line from fd into `line` (blocking); false at EOF.
bool readLineBlocking(int fd, std::string& pending, std::string& line) {
  for (;;) {
    size_t nl = pending.find('\n');
    if (nl != std::string::npos) {
      line = pending.substr(0, nl);
      pending.erase(0, nl + 1);
      return true;
    }
    char buf[4096];
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    pending.append(buf, size_t(n));
  }
}

[[noreturn]] void childMain(int in, int out, const Worker::Serve& serve) {
  installCrashReporter(out);
  std::string pending, line;
  while (readLineBlocking(in, pending, line)) {
    serve(line, out);
    if (!writeLine(out, "{\"t\":\"done\"}")) break;
  }
  ::_exit(0);
}

}  // namespace

bool writeLine(int fd, const std::string& line) {
  std::string s = line + "\n";
  size_t at = 0;
  while (at < s.size()) {
    ssize_t n = ::write(fd, s.data() + at, s.size() - at);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    at += size_t(n);
  }
  return true;
}

bool Worker::start(const Serve& serve, const std::vector<int>& otherFds) {
  int task[2], result[2];
  if (::pipe(task) != 0) return false;
  if (::pipe(result) != 0) {
    ::close(task[0]);
    ::close(task[1]);
    return false;
  }
  pid_t pid = ::fork();
  if (pid < 0) {
    for (int fd : {task[0], task[1], result[0], result[1]}) ::close(fd);
    return false;
  }
  if (pid == 0) {
    for (int fd : otherFds) ::close(fd);
    ::close(task[1]);
    ::close(result[0]);
    childMain(task[0], result[1], serve);
  }
  ::close(task[0]);
  ::close(result[1]);
  pid_ = pid;
  to_ = task[1];
  from_ = result[0];
  buffer_.clear();
  return true;
}

bool Worker::send(const std::string& line) { return to_ >= 0 && writeLine(to_, line); }

void Worker::closeTasks() {
  if (to_ >= 0) ::close(to_);
  to_ = -1;
}

std::vector<std::string> Worker::readLines(bool& eof) {
  eof = false;
  std::vector<std::string> lines;
  char buf[65536];
  ssize_t n;
  do {
    n = ::read(from_, buf, sizeof buf);
  } while (n < 0 && errno == EINTR);
  if (n <= 0) {
    eof = true;
  } else {
    buffer_.append(buf, size_t(n));
  }
  size_t nl;
  while ((nl = buffer_.find('\n')) != std::string::npos) {
    lines.push_back(buffer_.substr(0, nl));
    buffer_.erase(0, nl + 1);
  }
  return lines;
}

int Worker::reap() {
  int status = 0;
  if (pid_ > 0)
    while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
    }
  if (to_ >= 0) ::close(to_);
  if (from_ >= 0) ::close(from_);
  pid_ = -1;
  to_ = from_ = -1;
  buffer_.clear();
  return status;
}

void Worker::kill(int sig) {
  if (pid_ > 0) ::kill(pid_, sig);
}

}  // namespace syncsmith::campaign
