#include "campaign/Campaign.h"

#include <poll.h>
#include <signal.h>
#include <sys/wait.h>

#include <chrono>
#include <deque>
#include <filesystem>
#include <iostream>
#include <map>

#include "campaign/AtomicFile.h"
#include "campaign/Sandbox.h"
#include "campaign/Signature.h"
#include "campaign/Status.h"
#include "campaign/Tasks.h"
#include "ir/SourceLoc.h"

namespace syncsmith::campaign {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

volatile sig_atomic_t gStop = 0;
void onStop(int) { gStop = 1; }

double since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

// Installs the stop handlers (and ignores SIGPIPE) for the campaign's life.
class SignalScope {
 public:
  SignalScope() {
    gStop = 0;
    struct sigaction sa {};
    sa.sa_handler = onStop;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, &oldInt_);
    sigaction(SIGTERM, &sa, &oldTerm_);
    sa.sa_handler = SIG_IGN;
    sigaction(SIGPIPE, &sa, &oldPipe_);
  }
  ~SignalScope() {
    sigaction(SIGINT, &oldInt_, nullptr);
    sigaction(SIGTERM, &oldTerm_, nullptr);
    sigaction(SIGPIPE, &oldPipe_, nullptr);
  }

 private:
  struct sigaction oldInt_ {}, oldTerm_ {}, oldPipe_ {};
};

struct ExportJob {
  std::string signature;
  bool reduce = true;
  std::string note;
};

struct Slot {
  Worker worker;
  enum class Task { None, Check, Export } task = Task::None;
  std::deque<uint64_t> batch;  // check: indices not yet reported
  ExportJob job;               // export
  Clock::time_point progress;
  bool hangSignalled = false;
  Clock::time_point hangAt;
  std::string signal, stage;  // from the crash reporter
  bool hang = false;          // the child answered SIGUSR1
  int pendingDone = 0;        // "done" lines still to come for the task
};

constexpr size_t kMaxUnknownReasons = 20;

class Runner {
 public:
  Runner(const CampaignOptions& o, CampaignState state, std::ostream& status, bool tty)
      : o_(o),
        s_(std::move(state)),
        status_(status, tty, o.statusEvery, o.quiet),
        slots_(size_t(o.jobs)),
        serve_(makeServe(o)) {
    elapsedBefore_ = s_.elapsed;
    checkBefore_ = s_.checkSeconds;
    firstIndex_ = s_.nextIndex;
    nextDispatch_ = s_.nextIndex;
    for (size_t n = 0; n < s_.signatures.size(); ++n)
      if (s_.signatures[n].status == "pending") exports_.push_back(exportJob(n));
  }

  CampaignResult run() {
    start_ = Clock::now();
    lastPersist_ = start_;
    s_.sessions += 1;
    persist();
    for (;;) {
      if (gStop) {
        interrupted_ = true;
        break;
      }
      dispatch();
      if (!anyBusy() && !checkWork() && exports_.empty()) break;
      waitForResults();
      watchdog();
      commit();
      if (!checkEnded_ && !checkWork() && !busyWith(Slot::Task::Check)) endChecking();
      if (dirty_ || since(lastPersist_) > 1.0) persist();
      status_.update(s_, progress());
    }
    stopWorkers();
    commit();
    if (!checkEnded_) endChecking();
    persist();
    status_.finish();
    CampaignResult r;
    r.state = s_;
    r.interrupted = interrupted_;
    r.summaryJson = summaryToJson(s_, info());
    r.summaryTable = summaryTable(s_, info());
    return r;
  }

 private:
  // The n-th signature's export: reduced unless it is a hang or past --max-reduce.
  ExportJob exportJob(size_t n) const {
    const SignatureRecord& r = s_.signatures[n];
    if (r.kind == "HANG") return {r.signature, false, "not reduced: a hang is exported as found"};
    if (n >= o_.maxReduce)
      return {r.signature, false,
              "not reduced: past the first " + std::to_string(o_.maxReduce) + " signatures (--max-reduce)"};
    return {r.signature, true, ""};
  }

  RunInfo info() const { return {o_.jobs, o_.out, interrupted_}; }
  double sessionElapsed() const { return since(start_); }

  bool timeUp() const { return o_.seconds && sessionElapsed() >= *o_.seconds; }
  bool stoppedOnFinding() const { return o_.stopOnFinding && !s_.signatures.empty(); }
  bool moreKernels() const {
    return !timeUp() && !stoppedOnFinding() && (!o_.runs || nextDispatch_ < *o_.runs);
  }
  bool checkWork() const { return !retry_.empty() || moreKernels(); }
  bool anyBusy() const {
    for (const Slot& s : slots_)
      if (s.task != Slot::Task::None) return true;
    return false;
  }
  size_t busyWith(Slot::Task t) const {
    size_t n = 0;
    for (const Slot& s : slots_) n += s.task == t;
    return n;
  }

  Progress progress() const {
    Progress p;
    p.elapsed = elapsedBefore_ + sessionElapsed();
    double checkTime = checkEnded_ ? checkSession_ : sessionElapsed();
    p.rate = checkTime > 0 ? double(s_.nextIndex - firstIndex_) / checkTime : 0;
    p.reducing = busyWith(Slot::Task::Export);
    p.queued = exports_.size();
    p.checking = checkWork() || busyWith(Slot::Task::Check);
    return p;
  }

  std::vector<int> openFds() const {
    std::vector<int> fds;
    for (const Slot& s : slots_)
      if (s.worker.running()) fds.insert(fds.end(), {s.worker.taskFd(), s.worker.resultFd()});
    return fds;
  }

  bool ensureWorker(Slot& slot) {
    if (slot.worker.running()) return true;
    std::cout.flush();
    std::cerr.flush();
    return slot.worker.start(serve_, openFds());
  }

  void dispatch() {
    size_t maxReducers = o_.jobs > 1 ? size_t(o_.jobs - 1) : 1;
    for (Slot& slot : slots_) {
      if (slot.task != Slot::Task::None) continue;
      bool wantExport = !exports_.empty() &&
                        (busyWith(Slot::Task::Export) < maxReducers || !checkWork());
      if (wantExport) {
        startExport(slot);
      } else if (checkWork()) {
        startCheck(slot);
      } else {
        break;
      }
    }
  }

  void endChecking() {
    checkEnded_ = true;
    checkSession_ = sessionElapsed();
  }

  uint64_t batchSize() const {
    if (!o_.runs) return 4;
    uint64_t left = *o_.runs > nextDispatch_ ? *o_.runs - nextDispatch_ : 1;
    return std::clamp<uint64_t>(left / (uint64_t(o_.jobs) * 4), 1, 4);
  }

  void startCheck(Slot& slot) {
    std::deque<uint64_t> batch;
    if (!retry_.empty()) {
      while (!retry_.empty() && batch.size() < 4) {
        batch.push_back(retry_.front());
        retry_.pop_front();
      }
    } else {
      uint64_t n = batchSize();
      if (o_.runs) n = std::min(n, *o_.runs - nextDispatch_);
      for (uint64_t i = 0; i < n; ++i) batch.push_back(nextDispatch_++);
    }
    if (!ensureWorker(slot)) {
      retry_.insert(retry_.begin(), batch.begin(), batch.end());
      return;
    }
    // Consecutive indices go as one task; a retried batch may have gaps.
    std::string lines;
    for (size_t i = 0; i < batch.size();) {
      size_t j = i + 1;
      while (j < batch.size() && batch[j] == batch[j - 1] + 1) ++j;
      if (!slot.worker.send(checkTask(batch[i], j - i))) break;
      ++slot.pendingDone;
      i = j;
    }
    slot.task = Slot::Task::Check;
    slot.batch = std::move(batch);
    slot.progress = Clock::now();
  }

  void startExport(Slot& slot) {
    ExportJob job = exports_.front();
    SignatureRecord* rec = s_.find(job.signature);
    exports_.pop_front();
    if (!rec) return;
    if (!ensureWorker(slot)) {
      exports_.push_front(job);
      return;
    }
    slot.worker.send(exportTask(*rec, job.reduce, job.note));
    slot.pendingDone = 1;
    slot.task = Slot::Task::Export;
    slot.job = job;
    slot.progress = Clock::now();
  }

  void waitForResults() {
    std::vector<pollfd> fds;
    std::vector<Slot*> owners;
    for (Slot& s : slots_)
      if (s.worker.running() && s.task != Slot::Task::None) {
        fds.push_back({s.worker.resultFd(), POLLIN, 0});
        owners.push_back(&s);
      }
    if (fds.empty()) return;
    int r = ::poll(fds.data(), fds.size(), 100);
    if (r <= 0) return;
    for (size_t i = 0; i < fds.size(); ++i)
      if (fds[i].revents & (POLLIN | POLLHUP | POLLERR)) readFrom(*owners[i]);
  }

  void readFrom(Slot& slot) {
    bool eof = false;
    for (const std::string& line : slot.worker.readLines(eof)) handle(slot, parseResult(line));
    if (eof) died(slot);
  }

  void handle(Slot& slot, const ResultLine& r) {
    slot.progress = Clock::now();
    switch (r.type) {
      case ResultLine::Type::Kernel: {
        auto it = std::find(slot.batch.begin(), slot.batch.end(), r.kernel.index);
        if (it != slot.batch.end()) slot.batch.erase(it);
        completed_[r.kernel.index] = r.kernel;
        break;
      }
      case ResultLine::Type::Exported: exported(r); break;
      case ResultLine::Type::Signal:
        slot.signal = r.signal;
        slot.stage = r.stage;
        break;
      case ResultLine::Type::Hang:
        slot.hang = true;
        slot.stage = r.stage;
        break;
      case ResultLine::Type::Done:
        if (slot.pendingDone > 0 && --slot.pendingDone == 0) idle(slot);
        break;
      case ResultLine::Type::Bad: status_.message("fuzz: " + r.error); break;
    }
  }

  void idle(Slot& slot) {
    slot.task = Slot::Task::None;
    slot.batch.clear();
    slot.hangSignalled = false;
  }

  void exported(const ResultLine& r) {
    SignatureRecord* rec = s_.find(r.signature);
    if (!rec) return;
    dirty_ = true;
    if (!r.error.empty()) {
      rec->status = "failed";
      rec->note = "export failed: " + r.error;
      status_.message("fuzz: could not export " + rec->kind + ": " + r.error);
      return;
    }
    rec->status = "exported";
    rec->folder = r.exported.folder;
    rec->reduced = r.exported.reduced;
    rec->opsBefore = r.exported.opsBefore;
    rec->opsAfter = r.exported.opsAfter;
    rec->description = r.exported.description;
    rec->note = r.exported.note;
    status_.message("fuzz: exported " + (fs::path(o_.out) / rec->folder).string() + "  " +
                    rec->description);
  }

  // The child closed its pipe: it exited or died. What it was doing when it
  // died is a crash (or a hang, when the watchdog stopped it).
  void died(Slot& slot) {
    int status = slot.worker.reap();
    std::string signal = slot.signal;
    if (signal.empty() && WIFSIGNALED(status)) signal = signalName(WTERMSIG(status));
    if (signal.empty() && WIFEXITED(status)) signal = "exit " + std::to_string(WEXITSTATUS(status));
    bool hang = slot.hang || slot.hangSignalled;
    std::string stage = slot.stage.empty() ? "?" : slot.stage;
    if (slot.task == Slot::Task::Check && !slot.batch.empty()) {
      uint64_t index = slot.batch.front();
      slot.batch.pop_front();
      KernelOutcome k;
      k.index = index;
      Issue issue;
      if (hang) {
        issue.kind = "HANG";
        issue.signature = "HANG: " + stage;
        issue.message = "no result after " + std::to_string(int(o_.kernelTimeout)) +
                        " s (stopped in stage " + stage + ")";
        issue.source = "hang";
      } else {
        issue.kind = "CRASH";
        issue.signature = signalSignature(stage, signal);
        issue.message = "the worker died with " + signal + " in stage " + stage;
        issue.source = "crash";
      }
      k.issues.push_back(issue);
      completed_[index] = k;
      retry_.insert(retry_.begin(), slot.batch.begin(), slot.batch.end());
    } else if (slot.task == Slot::Task::Export) {
      std::string why = hang ? "the reduction took longer than " + std::to_string(int(o_.reduceTimeout)) + " s"
                             : "the reduction died with " + signal + " in stage " + stage;
      if (slot.job.reduce) {
        exports_.push_front({slot.job.signature, false, "not reduced: " + why});
      } else if (SignatureRecord* rec = s_.find(slot.job.signature)) {
        rec->status = "failed";
        rec->note = "export failed: " + why;
        dirty_ = true;
      }
    }
    slot.signal.clear();
    slot.stage.clear();
    slot.hang = false;
    slot.pendingDone = 0;
    idle(slot);
  }

  void watchdog() {
    for (Slot& slot : slots_) {
      if (slot.task == Slot::Task::None || !slot.worker.running()) continue;
      double limit = slot.task == Slot::Task::Check ? o_.kernelTimeout : o_.reduceTimeout;
      if (!slot.hangSignalled && since(slot.progress) > limit) {
        slot.worker.kill(SIGUSR1);
        slot.hangSignalled = true;
        slot.hangAt = Clock::now();
      } else if (slot.hangSignalled && since(slot.hangAt) > 2.0) {
        slot.worker.kill(SIGKILL);
      }
    }
  }

  void commit() {
    for (auto it = completed_.find(s_.nextIndex); it != completed_.end();
         it = completed_.find(s_.nextIndex)) {
      const KernelOutcome& k = it->second;
      if (k.unknown) {
        ++s_.unknowns;
        std::string reason = stableText(k.reason);
        if (!s_.unknownReasons.count(reason) && s_.unknownReasons.size() >= kMaxUnknownReasons)
          reason = "other";
        ++s_.unknownReasons[reason];
      }
      s_.baseline += uint64_t(k.baseline);
      for (const Issue& issue : k.issues) record(k.index, issue);
      completed_.erase(it);
      ++s_.nextIndex;
    }
  }

  void record(uint64_t index, const Issue& issue) {
    ++s_.findings;
    ++s_.byKind[issue.kind];
    if (SignatureRecord* r = s_.find(issue.signature)) {
      ++r->hits;
      return;
    }
    SignatureRecord r;
    r.signature = issue.signature;
    r.kind = issue.kind;
    r.source = issue.source;
    r.folder = folderName(issue.kind, issue.signature);
    r.firstIndex = index;
    r.hits = 1;
    r.message = issue.message;
    r.lines = issue.lines;
    r.foundAfter = elapsedBefore_ + sessionElapsed();
    s_.signatures.push_back(r);
    exports_.push_back(exportJob(s_.signatures.size() - 1));
    dirty_ = true;
    status_.message("fuzz: new " + r.kind + " in kernel " + std::to_string(index) + ": " + r.signature);
  }

  void persist() {
    s_.elapsed = elapsedBefore_ + sessionElapsed();
    s_.checkSeconds = checkBefore_ + (checkEnded_ ? checkSession_ : sessionElapsed());
    fs::path dir(o_.out);
    writeFileAtomic(dir / "state.json", stateToJson(s_));
    writeFileAtomic(dir / "summary.json", summaryToJson(s_, info()));
    dirty_ = false;
    lastPersist_ = Clock::now();
  }

  void stopWorkers() {
    for (Slot& slot : slots_) {
      if (!slot.worker.running()) continue;
      if (interrupted_) {
        slot.worker.kill(SIGKILL);
      } else {
        slot.worker.closeTasks();  // idle: EOF on its task pipe ends it
      }
    }
    for (Slot& slot : slots_) {
      if (!slot.worker.running()) continue;
      if (!interrupted_) {
        bool eof = false;
        while (!eof) slot.worker.readLines(eof);
      }
      slot.worker.reap();
    }
  }

  const CampaignOptions& o_;
  CampaignState s_;
  StatusLine status_;
  std::vector<Slot> slots_;
  Worker::Serve serve_;
  std::deque<ExportJob> exports_;
  std::deque<uint64_t> retry_;
  std::map<uint64_t, KernelOutcome> completed_;
  uint64_t nextDispatch_ = 0, firstIndex_ = 0;
  double elapsedBefore_ = 0, checkBefore_ = 0, checkSession_ = 0;
  bool checkEnded_ = false, dirty_ = false, interrupted_ = false;
  Clock::time_point start_, lastPersist_;
};

CampaignState freshState(const CampaignOptions& o) {
  fs::path dir(o.out);
  std::error_code ec;
  if (fs::exists(dir / "state.json", ec))
    throw InputError(o.out, SrcLoc{1, 1},
                     "holds a campaign already: add --resume to continue it, or choose another --out");
  fs::create_directories(dir, ec);
  if (ec || !fs::is_directory(dir))
    throw InputError(o.out, SrcLoc{1, 1}, "cannot create the output directory");
  CampaignState s;
  s.id = o.id;
  return s;
}

}  // namespace

CampaignState loadState(const std::string& dir) {
  fs::path p = fs::path(dir) / "state.json";
  std::string text;
  try {
    text = readFile(p);
  } catch (const std::exception&) {
    throw InputError(p.string(), SrcLoc{1, 1}, "no campaign to resume here (no state.json)");
  }
  try {
    return stateFromJson(text);
  } catch (const std::exception& e) {
    throw InputError(p.string(), SrcLoc{1, 1}, e.what());
  }
}

void requestStop() { gStop = 1; }

CampaignResult runCampaign(const CampaignOptions& o, std::ostream& status, bool tty) {
  validate(o);
  CampaignState state;
  if (o.resume) {
    state = loadState(o.out);
    if (!(state.id == o.id))
      throw InputError((fs::path(o.out) / "state.json").string(), SrcLoc{1, 1},
                       "the campaign there was started with other options (seed, --inject-bug, "
                       "--policy, ...): resume it without them");
  } else {
    state = freshState(o);
  }
  SignalScope signals;
  Runner runner(o, std::move(state), status, tty);
  return runner.run();
}

}  // namespace syncsmith::campaign
