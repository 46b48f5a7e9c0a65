#include "platform/file_watcher.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <map>
#include <set>
#include <thread>

#include <spdlog/spdlog.h>

#ifdef __linux__
#include <sys/inotify.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

namespace sc::platform {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

// What the polling backend compares: a save through rename changes the inode even when size
// and time happen to match (coarse timestamps on some file systems).
struct Stamp {
  bool exists = false;
  std::uintmax_t size = 0;
  fs::file_time_type mtime{};
  std::uintmax_t inode = 0;
  bool operator==(const Stamp&) const = default;
};

Stamp stampOf(const fs::path& path) {
  Stamp s;
  std::error_code ec;
  auto status = fs::status(path, ec);
  if (ec || !fs::is_regular_file(status)) return s;
  s.exists = true;
  s.size = fs::file_size(path, ec);
  s.mtime = fs::last_write_time(path, ec);
#ifdef __linux__
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0) s.inode = std::uintmax_t(st.st_ino);
#endif
  return s;
}

std::map<std::string, Stamp> listFolder(const fs::path& folder) {
  std::map<std::string, Stamp> out;
  std::error_code ec;
  for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
    std::string name = it->path().filename().string();
    if (FileWatcher::isScratchName(name)) continue;
    Stamp s = stampOf(it->path());
    if (s.exists) out.emplace(std::move(name), s);
  }
  return out;
}

fs::path normalised(const fs::path& p) {
  std::error_code ec;
  fs::path abs = fs::absolute(p, ec);
  if (ec) abs = p;
  fs::path canon = fs::weakly_canonical(abs, ec);
  return ec ? abs.lexically_normal() : canon;
}

bool endsWith(const std::string& s, const char* suffix) {
  std::size_t n = std::strlen(suffix);
  return s.size() >= n && s.compare(s.size() - n, n, suffix) == 0;
}

}  // namespace

struct FileWatcher::Impl {
  FileWatchOptions options;
  int fd = -1;
  std::string pollingReason;
  std::map<int, fs::path> wdToDir;
  std::map<fs::path, int> dirToWd;
  std::set<fs::path> files;
  std::set<fs::path> folders;
  // Polling backend (also the fallback for single paths inotify could not watch).
  std::map<fs::path, Stamp> polledFiles;
  std::map<fs::path, std::map<std::string, Stamp>> polledFolders;
  Clock::time_point lastScan{};
  std::map<fs::path, Clock::time_point> pending;  // path -> time of its latest event

  ~Impl() {
#ifdef __linux__
    if (fd >= 0) ::close(fd);
#endif
  }

  bool watched(const fs::path& path) const {
    return files.count(path) > 0 || folders.count(path.parent_path()) > 0;
  }

  void touch(const fs::path& path, Clock::time_point when) { pending[path] = when; }

  void markEverything(Clock::time_point when) {
    for (const auto& f : files) touch(f, when);
    for (const auto& folder : folders) {
      for (const auto& [name, stamp] : listFolder(folder)) touch(folder / name, when);
    }
  }

  // Returns false when the folder must be polled instead.
  bool addWatch(const fs::path& dir) {
#ifdef __linux__
    if (fd < 0) return false;
    if (dirToWd.count(dir)) return true;
    // IN_MODIFY keeps the quiet period running during a long write; IN_CLOSE_WRITE and
    // IN_MOVED_TO end a save; IN_ATTRIB lets `touch` force a reload.
    std::uint32_t mask = IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE | IN_DELETE | IN_MODIFY |
                         IN_ATTRIB | IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR;
    int wd = ::inotify_add_watch(fd, dir.c_str(), mask);
    if (wd < 0) {
      spdlog::warn("file watch: cannot watch {} with inotify ({}); polling it every {} ms instead", dir.string(),
                   std::strerror(errno), options.pollInterval.count());
      return false;
    }
    wdToDir[wd] = dir;
    dirToWd[dir] = wd;
    return true;
#else
    (void)dir;
    return false;
#endif
  }

  void removeWatch(const fs::path& dir) {
    auto it = dirToWd.find(dir);
    if (it == dirToWd.end()) return;
#ifdef __linux__
    ::inotify_rm_watch(fd, it->second);
#endif
    wdToDir.erase(it->second);
    dirToWd.erase(it);
  }

  void drainInotify(Clock::time_point now) {
#ifdef __linux__
    if (fd < 0) return;
    alignas(inotify_event) char buffer[16384];
    for (;;) {
      ssize_t n = ::read(fd, buffer, sizeof(buffer));
      if (n <= 0) break;  // EAGAIN: nothing more (the descriptor is non-blocking)
      for (ssize_t at = 0; at + ssize_t(sizeof(inotify_event)) <= n;) {
        const auto* ev = reinterpret_cast<const inotify_event*>(buffer + at);
        at += ssize_t(sizeof(inotify_event) + ev->len);
        if (ev->mask & IN_Q_OVERFLOW) {
          // Events were lost: everything may have changed.
          markEverything(now);
          continue;
        }
        auto dir = wdToDir.find(ev->wd);
        if (dir == wdToDir.end()) continue;
        if (ev->mask & (IN_IGNORED | IN_DELETE_SELF | IN_MOVE_SELF)) {
          // The folder itself went away: poll its files from now on (they count as changed).
          fs::path gone = dir->second;
          dirToWd.erase(gone);
          wdToDir.erase(dir);
          for (const auto& f : files) {
            if (f.parent_path() == gone) {
              polledFiles[f] = stampOf(f);
              touch(f, now);
            }
          }
          if (folders.count(gone)) polledFolders[gone] = listFolder(gone);
          continue;
        }
        if (ev->len == 0) continue;
        std::string name(ev->name);
        if (isScratchName(name)) continue;
        fs::path path = dir->second / name;
        if (watched(path)) touch(path, now);
      }
    }
#else
    (void)now;
#endif
  }

  void scan(Clock::time_point now) {
    if (polledFiles.empty() && polledFolders.empty()) return;
    if (now - lastScan < options.pollInterval) return;
    lastScan = now;
    for (auto& [file, stamp] : polledFiles) {
      Stamp s = stampOf(file);
      if (s != stamp) {
        stamp = s;
        touch(file, now);
      }
    }
    for (auto& [folder, listing] : polledFolders) {
      auto now_listing = listFolder(folder);
      for (const auto& [name, s] : now_listing) {
        auto old = listing.find(name);
        if (old == listing.end() || old->second != s) touch(folder / name, now);
      }
      for (const auto& [name, s] : listing) {
        if (!now_listing.count(name)) touch(folder / name, now);
      }
      listing = std::move(now_listing);
    }
  }
};

bool FileWatcher::isScratchName(const std::string& name) {
  if (name.empty() || name == "4913") return true;
  if (name.rfind(".#", 0) == 0) return true;
  if (name.find(".tmp.") != std::string::npos) return true;
  for (const char* suffix : {"~", ".swp", ".swo", ".swx", ".tmp", ".part", ".bak"}) {
    if (endsWith(name, suffix)) return true;
  }
  return false;
}

std::unique_ptr<FileWatcher> FileWatcher::create(const FileWatchOptions& options) {
  auto impl = std::make_unique<Impl>();
  impl->options = options;
#ifdef __linux__
  if (options.forcePolling) {
    impl->pollingReason = "asked for";
  } else {
    impl->fd = ::inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    if (impl->fd < 0) impl->pollingReason = std::string("inotify_init1: ") + std::strerror(errno);
  }
#else
  impl->pollingReason = "no inotify on this system";
#endif
  return std::unique_ptr<FileWatcher>(new FileWatcher(std::move(impl)));
}

FileWatcher::FileWatcher(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
FileWatcher::~FileWatcher() = default;

Status FileWatcher::setWatched(const std::vector<fs::path>& files, const std::vector<fs::path>& folders) {
  Impl& w = *impl_;
  std::set<fs::path> newFiles, newFolders;
  for (const auto& f : folders) {
    fs::path folder = normalised(f);
    std::error_code ec;
    if (!fs::is_directory(folder, ec)) {
      return makeError("{}: cannot watch this folder: it does not exist or is not a folder", f.string());
    }
    newFolders.insert(folder);
  }
  for (const auto& f : files) newFiles.insert(normalised(f));

  std::set<fs::path> dirs(newFolders.begin(), newFolders.end());
  for (const auto& f : newFiles) dirs.insert(f.parent_path());
  std::vector<fs::path> stale;
  for (const auto& [dir, wd] : w.dirToWd) {
    if (!dirs.count(dir)) stale.push_back(dir);
  }
  for (const auto& dir : stale) w.removeWatch(dir);

  std::map<fs::path, Stamp> polledFiles;
  std::map<fs::path, std::map<std::string, Stamp>> polledFolders;
  std::set<fs::path> inotifyDirs;
  for (const auto& dir : dirs) {
    std::error_code ec;
    if (fs::is_directory(dir, ec) && w.addWatch(dir)) inotifyDirs.insert(dir);
  }
  for (const auto& f : newFiles) {
    if (inotifyDirs.count(f.parent_path())) continue;
    auto old = w.polledFiles.find(f);
    polledFiles[f] = old != w.polledFiles.end() ? old->second : stampOf(f);
  }
  for (const auto& folder : newFolders) {
    if (inotifyDirs.count(folder)) continue;
    auto old = w.polledFolders.find(folder);
    polledFolders[folder] = old != w.polledFolders.end() ? old->second : listFolder(folder);
  }
  w.polledFiles = std::move(polledFiles);
  w.polledFolders = std::move(polledFolders);
  w.files = std::move(newFiles);
  w.folders = std::move(newFolders);
  for (auto it = w.pending.begin(); it != w.pending.end();) {
    it = w.watched(it->first) ? std::next(it) : w.pending.erase(it);
  }
  return okStatus();
}

std::vector<fs::path> FileWatcher::poll() {
  Impl& w = *impl_;
  auto now = Clock::now();
  w.drainInotify(now);
  w.scan(now);
  std::vector<fs::path> ready;
  for (auto it = w.pending.begin(); it != w.pending.end();) {
    if (now - it->second >= w.options.debounce) {
      ready.push_back(it->first);
      it = w.pending.erase(it);
    } else {
      ++it;
    }
  }
  return ready;  // std::map order: sorted
}

std::vector<fs::path> FileWatcher::waitForChanges(std::chrono::milliseconds timeout) {
  auto until = Clock::now() + timeout;
  for (;;) {
    auto ready = poll();
    if (!ready.empty() || Clock::now() >= until) return ready;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

bool FileWatcher::pending() const { return !impl_->pending.empty(); }

FileWatchBackend FileWatcher::backend() const {
  return impl_->fd >= 0 ? FileWatchBackend::Inotify : FileWatchBackend::Polling;
}

std::string FileWatcher::describe() const {
  if (impl_->fd >= 0) {
    return impl_->polledFiles.empty() && impl_->polledFolders.empty() ? "inotify" : "inotify (some paths polled)";
  }
  return "polling (" + impl_->pollingReason + ")";
}

}  // namespace sc::platform
