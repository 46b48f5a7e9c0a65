// sc::writeFileAtomic (core/file_io.hpp) when the disk fills halfway through a save: the user's
// file and its .bak must survive unchanged and no temporary file may be left. The full disk is
// a child process with RLIMIT_FSIZE (writes past the limit fail with EFBIG; SIGXFSZ ignored),
// so the failure really happens inside write(2), midway through the bytes.
#include <gtest/gtest.h>

#include <algorithm>
#include <csignal>
#include <filesystem>
#include <string>

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/file_io.hpp"
#include "fault_support.hpp"

namespace sc::faults {
namespace {

namespace fs = std::filesystem;

struct ChildSave {
  int exitCode = -1;
  std::string message;  // the Status message the child got ("" when the save succeeded)
};

// Forks; the child limits its file size to `limitBytes`, saves `bytes` to `file` and reports
// the result's message through a pipe.
ChildSave saveWithFileSizeLimit(const fs::path& file, const std::string& bytes, bool keepBackup,
                                rlim_t limitBytes) {
  int fds[2];
  if (::pipe(fds) != 0) return {};
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::close(fds[0]);
    std::signal(SIGXFSZ, SIG_IGN);
    const rlimit limit{limitBytes, limitBytes};
    ::setrlimit(RLIMIT_FSIZE, &limit);
    auto saved = writeFileAtomic(file, {reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()}, keepBackup);
    const std::string message = saved ? "" : saved.error().message;
    [[maybe_unused]] auto written = ::write(fds[1], message.data(), message.size());
    ::close(fds[1]);
    ::_exit(saved ? 0 : 3);
  }
  ::close(fds[1]);
  ChildSave result;
  char buffer[1024];
  for (ssize_t n; (n = ::read(fds[0], buffer, sizeof buffer)) > 0;) result.message.append(buffer, std::size_t(n));
  ::close(fds[0]);
  int status = 0;
  ::waitpid(pid, &status, 0);
  result.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

std::vector<std::string> namesIn(const fs::path& dir) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir)) names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

TEST(AtomicSave, DiskFullMidwayKeepsTheFileAndItsBackup) {
  TempDir dir("save");
  const fs::path file = dir.path() / "hongyadong.scene.json";
  const std::string original = "{\"formatVersion\": 1, \"the\": \"user's last good save\"}\n";
  const std::string backup = "{\"formatVersion\": 1, \"the\": \"save before that\"}\n";
  writeFile(file, original);
  writeFile(dir.path() / "hongyadong.scene.json.bak", backup);

  // 256 KiB of new content against a 64 KiB limit: write(2) fails after 64 KiB went out.
  const ChildSave save = saveWithFileSizeLimit(file, std::string(256 * 1024, 'x'), true, 64 * 1024);
  EXPECT_EQ(save.exitCode, 3) << "the save should have failed: " << save.message;
  EXPECT_NE(save.message.find(file.string()), std::string::npos) << save.message;
  EXPECT_NE(save.message.find("File too large"), std::string::npos) << save.message;
  EXPECT_NE(save.message.find("left untouched"), std::string::npos) << save.message;

  EXPECT_TRUE(readFile(file) == original) << "the original changed";
  EXPECT_EQ(readFile(dir.path() / "hongyadong.scene.json.bak"), backup);
  EXPECT_EQ(namesIn(dir.path()), (std::vector<std::string>{"hongyadong.scene.json", "hongyadong.scene.json.bak"}));
}

TEST(AtomicSave, FailingBackupCopyKeepsTheOriginal) {
  // The new content fits but the backup copy of the (larger) original does not: the save must
  // fail as a whole, keeping the original, and leave no temporary file.
  TempDir dir("backup");
  const fs::path file = dir.path() / "tour.json";
  const std::string original(128 * 1024, 'o');
  writeFile(file, original);
  const ChildSave save = saveWithFileSizeLimit(file, "{\"small\": true}\n", true, 64 * 1024);
  EXPECT_EQ(save.exitCode, 3) << "the save should have failed: " << save.message;
  EXPECT_NE(save.message.find("backup"), std::string::npos) << save.message;
  EXPECT_TRUE(readFile(file) == original) << "the original changed";
  for (const auto& name : namesIn(dir.path())) EXPECT_EQ(name.find(".tmp."), std::string::npos) << name;
}

// Found by this test: writeFileAtomic used to copy the original straight onto <file>.bak
// (std::filesystem::copy_file truncates the destination first), so a copy that failed midway
// left a partial .bak in place of the older backup while reporting "nothing was changed". It
// now copies beside the .bak and renames over it.
TEST(AtomicSave, FailingBackupCopyKeepsThePreviousBackup) {
  // As above with an older .bak present: the message says "nothing was changed", so the older
  // backup must survive too.
  TempDir dir("oldbackup");
  const fs::path file = dir.path() / "tour.json";
  const std::string original(128 * 1024, 'o');
  const std::string previous = "the backup from the save before\n";
  writeFile(file, original);
  writeFile(dir.path() / "tour.json.bak", previous);
  const ChildSave save = saveWithFileSizeLimit(file, "{\"small\": true}\n", true, 64 * 1024);
  EXPECT_EQ(save.exitCode, 3) << "the save should have failed: " << save.message;
  EXPECT_TRUE(readFile(file) == original) << "the original changed";
  const std::string bak = readFile(dir.path() / "tour.json.bak");
  EXPECT_TRUE(bak == previous) << "the previous backup was replaced by " << bak.size() << " bytes";
}

TEST(AtomicSave, SaveThatFitsReplacesTheFileAndKeepsTheOldOneAsBackup) {
  // The same path with room to spare, so the two tests above fail for the reason they claim.
  TempDir dir("fits");
  const fs::path file = dir.path() / "tour.json";
  writeFile(file, "old\n");
  const ChildSave save = saveWithFileSizeLimit(file, "new\n", true, 64 * 1024);
  EXPECT_EQ(save.exitCode, 0) << save.message;
  EXPECT_EQ(readFile(file), "new\n");
  EXPECT_EQ(readFile(dir.path() / "tour.json.bak"), "old\n");
  EXPECT_EQ(namesIn(dir.path()), (std::vector<std::string>{"tour.json", "tour.json.bak"}));
}

}  // namespace
}  // namespace sc::faults
