#include "campaign/Sandbox.h"

#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <nlohmann/json.hpp>

#include "campaign/Analysis.h"

namespace syncsmith::campaign {
namespace {

int gReportFd = -1;

const char* rawSignalName(int sig) {
  switch (sig) {
    case SIGSEGV: return "SIGSEGV";
    case SIGBUS: return "SIGBUS";
    case SIGFPE: return "SIGFPE";
    case SIGILL: return "SIGILL";
    case SIGABRT: return "SIGABRT";
    case SIGKILL: return "SIGKILL";
    case SIGTERM: return "SIGTERM";
    case SIGALRM: return "SIGALRM";
    default: return nullptr;
  }
}

// Appends s to buf (async-signal-safe).
size_t append(char* buf, size_t at, size_t cap, const char* s) {
  while (*s && at + 1 < cap) buf[at++] = *s++;
  return at;
}

void writeLine(const char* type, const char* signal) {
  char buf[256];
  size_t n = 0;
  n = append(buf, n, sizeof buf, "{\"t\":\"");
  n = append(buf, n, sizeof buf, type);
  if (signal) {
    n = append(buf, n, sizeof buf, "\",\"signal\":\"");
    n = append(buf, n, sizeof buf, signal);
  }
  n = append(buf, n, sizeof buf, "\",\"stage\":\"");
  n = append(buf, n, sizeof buf, currentStage());
  n = append(buf, n, sizeof buf, "\"}\n");
  if (gReportFd >= 0) {
    ssize_t w = ::write(gReportFd, buf, n);
    (void)w;
  }
}

void onCrash(int sig) {
  const char* name = rawSignalName(sig);
  writeLine("signal", name ? name : "unknown");
  ::signal(sig, SIG_DFL);
  ::raise(sig);
}

void onHang(int) {
  writeLine("hang", nullptr);
  ::_exit(99);
}

}  // namespace

void installCrashReporter(int fd) {
  gReportFd = fd;
  struct sigaction sa;
  std::memset(&sa, 0, sizeof sa);
  sa.sa_handler = onCrash;
  sa.sa_flags = SA_RESETHAND | SA_NODEFER;
  for (int sig : {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT}) sigaction(sig, &sa, nullptr);
  sa.sa_handler = onHang;
  sa.sa_flags = 0;
  sigaction(SIGUSR1, &sa, nullptr);
  ::signal(SIGINT, SIG_IGN);
}

std::string signalName(int sig) {
  const char* n = rawSignalName(sig);
  return n ? n : "signal " + std::to_string(sig);
}

std::string signalSignature(const std::string& stage, const std::string& signal) {
  return "CRASH: " + (stage.empty() ? std::string("?") : stage) + ": " + signal;
}

ChildOutcome runInChild(const std::function<int()>& fn, double seconds) {
  ChildOutcome out;
  int fds[2];
  if (::pipe(fds) != 0) return out;
  pid_t pid = ::fork();
  if (pid < 0) {
    ::close(fds[0]);
    ::close(fds[1]);
    return out;
  }
  if (pid == 0) {
    ::close(fds[0]);
    installCrashReporter(fds[1]);
    int code = 1;
    try {
      code = fn();
    } catch (...) {
      code = 2;
    }
    ::_exit(code);
  }
  ::close(fds[1]);
  std::string text;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
  for (;;) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      out.timedOut = true;
      ::kill(pid, SIGKILL);
      break;
    }
    pollfd p{fds[0], POLLIN, 0};
    int r = ::poll(&p, 1, int(std::min<int64_t>(left.count(), 1000)));
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) continue;
    char buf[512];
    ssize_t n = ::read(fds[0], buf, sizeof buf);
    if (n <= 0) break;  // the child is gone
    text.append(buf, size_t(n));
  }
  ::close(fds[0]);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (out.timedOut) return out;
  if (WIFEXITED(status)) {
    out.exited = true;
    out.code = WEXITSTATUS(status);
  } else if (WIFSIGNALED(status)) {
    out.signal = signalName(WTERMSIG(status));
  }
  size_t nl = text.find('\n');
  if (nl != std::string::npos) {
    try {
      auto j = nlohmann::json::parse(text.substr(0, nl));
      out.stage = j.value("stage", "");
    } catch (...) {
    }
  }
  return out;
}

}  // namespace syncsmith::campaign
