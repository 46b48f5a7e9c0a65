#pragma once
// Watches files and folders for edits, for hot reload in the creator preview.
//
// Backends: inotify on Linux (the watch is always on the FOLDER, so that the usual editor save
// patterns are seen: write a temporary file and rename it over the original, delete and
// recreate, or several writes in a row); a polling fallback (size, modification time and inode
// of each watched file, or the listing of each watched folder, every pollInterval) where
// inotify is unavailable, out of watches, or forced by the options.
//
// Debouncing: every event on a path (re)starts its quiet period; a path is reported once, by
// the first poll() after `debounce` has passed without a new event on it. A burst of writes or
// a temp-file-then-rename save therefore gives one report, after the editor has finished.
//
// What is reported: paths as they were given (watched files) or <folder>/<name> (files inside a
// watched folder, not recursive), weakly canonical. Editor scratch files are never reported:
// names ending in "~", ".swp", ".swo", ".swx", ".tmp", ".part", ".bak", containing ".tmp." (our
// own writeFileAtomic temporaries), starting with ".#", and vim's "4913" probe. A deleted file is
// reported too (the reader then finds it missing and keeps what it had).
//
// Threads: one thread uses a FileWatcher. Never throws; failures to watch degrade to polling.
#include <chrono>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "core/result.hpp"

namespace sc::platform {

struct FileWatchOptions {
  std::chrono::milliseconds debounce{120};      // quiet time after the last event on a path
  std::chrono::milliseconds pollInterval{200};  // polling backend: how often files are checked
  bool forcePolling = false;                    // use polling even where inotify works
};

enum class FileWatchBackend { Inotify, Polling };

class FileWatcher {
 public:
  // Never fails: without inotify the watcher polls.
  static std::unique_ptr<FileWatcher> create(const FileWatchOptions& options = {});
  ~FileWatcher();
  FileWatcher(const FileWatcher&) = delete;
  FileWatcher& operator=(const FileWatcher&) = delete;

  // Replaces what is watched: these files (which need not exist yet) and every file directly
  // inside these folders. Events still pending for paths no longer watched are dropped; those
  // for paths still watched are kept. A folder that does not exist is an error (nothing else
  // changes); a file whose folder does not exist is watched by polling.
  Status setWatched(const std::vector<std::filesystem::path>& files,
                    const std::vector<std::filesystem::path>& folders = {});

  // Non-blocking: the paths whose quiet period ended since the last call, each once, sorted.
  std::vector<std::filesystem::path> poll();
  // Blocks until poll() has something or `timeout` passes (tests, command-line tools).
  std::vector<std::filesystem::path> waitForChanges(std::chrono::milliseconds timeout);

  // True while some event has been seen but its quiet period has not ended yet.
  bool pending() const;
  FileWatchBackend backend() const;
  // "inotify" or "polling (<why>)", for the log.
  std::string describe() const;

  // Whether `name` (a file name without folder) is an editor scratch file never reported.
  static bool isScratchName(const std::string& name);

  struct Impl;

 private:
  explicit FileWatcher(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace sc::platform
