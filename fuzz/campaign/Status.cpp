#include "campaign/Status.h"

#include <cstdio>
#include <filesystem>
#include <sstream>

namespace syncsmith::campaign {
namespace {

constexpr size_t kMaxListed = 30;

std::string fixed(double v, int digits) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", digits, v);
  return buf;
}

std::string clock(double s) {
  long t = long(s);
  char buf[32];
  if (t >= 3600)
    std::snprintf(buf, sizeof buf, "%ld:%02ld:%02ld", t / 3600, t / 60 % 60, t % 60);
  else
    std::snprintf(buf, sizeof buf, "%ld:%02ld", t / 60, t % 60);
  return buf;
}

std::string kinds(const CampaignState& s) {
  std::string out;
  for (const auto& [kind, n] : s.byKind)
    if (n) out += (out.empty() ? "" : ", ") + kind + " " + std::to_string(n);
  return out.empty() ? "none" : out;
}

}  // namespace

std::string statusText(const CampaignState& s, const Progress& p) {
  std::string t = clock(p.elapsed) + "  " + std::to_string(s.nextIndex) + " kernels  " +
                  fixed(p.rate, 1) + "/s  findings: " + kinds(s) + "  unique " +
                  std::to_string(s.signatures.size()) + "  unknown " + std::to_string(s.unknowns);
  if (p.reducing || p.queued) t += "  reducing " + std::to_string(p.reducing + p.queued);
  if (!p.checking) t += "  (finishing)";
  return t;
}

void StatusLine::update(const CampaignState& s, const Progress& p, bool force) {
  if (quiet_) return;
  auto now = std::chrono::steady_clock::now();
  double since = std::chrono::duration<double>(now - last_).count();
  if (!force && shown_ && since < (tty_ ? 0.25 : every_)) return;
  last_ = now;
  shown_ = true;
  std::string t = "fuzz " + statusText(s, p);
  if (tty_)
    out_ << "\r\033[K" << t << std::flush;
  else
    out_ << t << "\n" << std::flush;
}

void StatusLine::message(const std::string& line) {
  if (quiet_) return;
  if (tty_) out_ << "\r\033[K";
  out_ << line << "\n" << std::flush;
  if (tty_) last_ = {};  // redraw the status line at the next update
}

void StatusLine::finish() {
  if (quiet_ || !tty_ || !shown_) return;
  out_ << "\r\033[K" << std::flush;
}

std::string summaryTable(const CampaignState& s, const RunInfo& info) {
  std::ostringstream o;
  double rate = s.checkSeconds > 0 ? double(s.nextIndex) / s.checkSeconds : 0;
  o << "syncsmith fuzz: " << s.nextIndex << " kernels in " << fixed(s.elapsed, 1) << " s, "
    << fixed(rate, 1) << " kernels/s (" << info.jobs << " job" << (info.jobs == 1 ? "" : "s")
    << "), seed " << s.id.seed << ", engine " << s.id.mode
    << (s.id.bug.empty() ? std::string() : " --inject-bug " + s.id.bug) << "\n";
  o << "  findings    " << kinds(s);
  if (s.findings) o << "  (" << s.findings << " in total)";
  o << "\n";
  o << "  unique      " << s.signatures.size() << " signature" << (s.signatures.size() == 1 ? "" : "s")
    << "\n";
  o << "  unknown     " << s.unknowns << " kernel" << (s.unknowns == 1 ? "" : "s")
    << " (the oracle hit a bound or time limit: counted, not bugs)\n";
  if (!s.id.bug.empty())
    o << "  baseline    " << s.baseline
      << " (findings the bug-free engine shows on the same kernels: not counted; see a campaign "
         "without --inject-bug)\n";
  if (!s.signatures.empty()) {
    o << "  reproducers\n";
    size_t width = 0;
    for (const SignatureRecord& r : s.signatures)
      width = std::max(width, (std::filesystem::path(info.out) / r.folder).string().size());
    size_t shown = 0;
    for (const SignatureRecord& r : s.signatures) {
      if (++shown > kMaxListed) {
        o << "    ... and " << (s.signatures.size() - kMaxListed) << " more (summary.json)\n";
        break;
      }
      std::string path = r.folder.empty() ? "(not exported)" : (std::filesystem::path(info.out) / r.folder).string();
      o << "    " << path << std::string(width > path.size() ? width - path.size() : 0, ' ') << "  ";
      if (r.status == "pending")
        o << r.kind << ": pending (" << r.message.substr(0, 100) << ")";
      else
        o << (r.description.empty() ? r.kind + ": " + r.message.substr(0, 100) : r.description);
      o << "\n";
    }
  }
  if (info.interrupted || s.pending())
    o << "  stopped early: `syncsmith fuzz --resume --out " << info.out << "` continues it\n";
  o << "  summary     " << (std::filesystem::path(info.out) / "summary.json").string() << "\n";
  return o.str();
}

}  // namespace syncsmith::campaign
