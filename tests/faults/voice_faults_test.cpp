// The guide's voice missing: espeak-ng's data folder emptied, or the Mandarin dictionary gone
// from it ($ESPEAK_DATA_PATH points at such a copy; a path that does not exist would not do,
// espeak-ng then falls back to its built-in path). Creating the synthesizer must fail with one
// message naming what is missing and what to do, and the tour must go on silently: the speech
// preparer (what GuidedTour and the director use) then gives every narration an estimated
// duration and timed words, so subtitles still advance.
//
// espeak-ng keeps process-wide state, so each attempt runs in a forked child.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <string>
#include <utility>

#include <sys/wait.h>
#include <unistd.h>

#include "fault_support.hpp"
#include "guide/speech_synthesizer.hpp"
#include "tour/speech_preparer.hpp"

namespace sc::faults {
namespace {

namespace fs = std::filesystem;

fs::path systemEspeakData() {
  for (const char* candidate : {"/usr/lib/x86_64-linux-gnu/espeak-ng-data", "/usr/lib/aarch64-linux-gnu/espeak-ng-data",
                                "/usr/share/espeak-ng-data"}) {
    if (fs::exists(fs::path(candidate) / "phontab")) return candidate;
  }
  return {};
}

struct Attempt {
  bool created = false;
  std::string message;
};

// In a child: ESPEAK_DATA_PATH=dataParent (unset when empty), `prepare` (when given),
// createSpeechSynthesizer(), and when it works one short English and Mandarin synthesis.
Attempt createSynthesizerWith(const fs::path& dataParent, const std::function<void()>& prepare = {}) {
  int fds[2];
  if (::pipe(fds) != 0) return {};
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::close(fds[0]);
    if (dataParent.empty()) ::unsetenv("ESPEAK_DATA_PATH");
    else ::setenv("ESPEAK_DATA_PATH", dataParent.c_str(), 1);
    if (prepare) prepare();
    std::string message;
    auto synth = guide::createSpeechSynthesizer();
    if (!synth) {
      message = synth.error().message;
    } else {
      auto english = (*synth)->synthesize("Hongyadong", guide::Language::English);
      auto mandarin = (*synth)->synthesize("洪崖洞", guide::Language::Mandarin);
      if (!english || !mandarin) message = "synthesis failed";
    }
    [[maybe_unused]] auto written = ::write(fds[1], message.data(), message.size());
    ::_exit(synth ? 0 : 3);
  }
  ::close(fds[1]);
  Attempt attempt;
  char buffer[1024];
  for (ssize_t n; (n = ::read(fds[0], buffer, sizeof buffer)) > 0;) attempt.message.append(buffer, std::size_t(n));
  ::close(fds[0]);
  int status = 0;
  ::waitpid(pid, &status, 0);
  attempt.created = WIFEXITED(status) && WEXITSTATUS(status) == 0 && attempt.message.empty();
  return attempt;
}

class VoiceFaults : public ::testing::Test {
 protected:
  void SetUp() override {
    system_ = systemEspeakData();
    if (system_.empty()) GTEST_SKIP() << "no espeak-ng-data on this machine";
    const Attempt control = createSynthesizerWith({});
    if (control.message.find("this build has no text-to-speech") != std::string::npos) GTEST_SKIP() << control.message;
    // The control: with the real data the same calls speak, so the failures below come from
    // the damage and nothing else.
    ASSERT_TRUE(control.created) << control.message;
  }
  // A copy of the data folder (symlinks) without the entries `drop` names.
  fs::path dataWithout(std::initializer_list<std::string> drop) {
    const fs::path data = dir_.path() / "espeak-ng-data";
    fs::create_directories(data);
    for (const auto& entry : fs::directory_iterator(system_)) {
      const std::string name = entry.path().filename().string();
      if (std::find(drop.begin(), drop.end(), name) == drop.end()) fs::create_symlink(entry.path(), data / name);
    }
    return dir_.path();
  }
  static void expectSilentTourGoesOn() {
    // What GuidedTour does when the synthesizer cannot be made: a null one, narrations silent.
    tour::SpeechPreparer preparer(nullptr, /*background=*/true);
    const std::string text = "洪崖洞依山就势，沿江而建。";
    preparer.request(text, guide::Language::Mandarin);
    auto speech = preparer.get(text, guide::Language::Mandarin);
    ASSERT_NE(speech, nullptr);
    EXPECT_EQ(speech->clip, nullptr);
    EXPECT_GE(speech->durationSec, 1.0);
    EXPECT_DOUBLE_EQ(speech->durationSec, tour::silentDurationSec(text));
    ASSERT_FALSE(speech->words.empty());
    EXPECT_LE(speech->words.back().timeSec, speech->durationSec);
  }

  TempDir dir_{"voice"};
  fs::path system_;
};

TEST_F(VoiceFaults, EmptyVoiceDataFolderIsOneClearErrorAndTheTourGoesOnSilently) {
  const Attempt attempt = createSynthesizerWith(dataWithout({"phontab", "phondata", "phonindex", "intonations",
                                                             "voices", "lang", "cmn_dict", "en_dict"}));
  ASSERT_FALSE(attempt.created) << "espeak-ng started without its data";
  EXPECT_NE(attempt.message.find("espeak-ng"), std::string::npos) << attempt.message;
  EXPECT_NE(attempt.message.find("ESPEAK_DATA_PATH"), std::string::npos) << attempt.message;
  expectSilentTourGoesOn();
}

// Found by this test: without cmn_dict espeak-ng still accepts the voice (espeak_SetVoiceByName
// returns EE_OK; it only prints "Can't read dictionary file" to stderr) and synthesises about 150
// samples of silence for a Mandarin sentence (37,000 with the dictionary). EspeakSynthesizer::create
// now speaks a probe word per voice and refuses a voice that yields no speech.
TEST_F(VoiceFaults, MissingMandarinVoiceIsOneClearErrorAndTheTourGoesOnSilently) {
  const Attempt attempt = createSynthesizerWith(dataWithout({"cmn_dict"}));
  ASSERT_FALSE(attempt.created) << "espeak-ng spoke Mandarin without its dictionary";
  EXPECT_NE(attempt.message.find("cmn"), std::string::npos) << attempt.message;
  EXPECT_NE(attempt.message.find("espeak-ng-data"), std::string::npos) << attempt.message;
  expectSilentTourGoesOn();
}

// A pid that no process has now: a child's, once it has ended and been reaped.
pid_t endedPid() {
  const pid_t pid = ::fork();
  if (pid == 0) ::_exit(0);
  int status = 0;
  ::waitpid(pid, &status, 0);
  return pid;
}

// An overlay as an ended process leaves it: its phontab a link into a folder removed since.
void plantDanglingOverlay(const fs::path& overlay) {
  fs::create_directories(overlay / "espeak-ng-data");
  fs::create_symlink(overlay / "gone" / "phontab", overlay / "espeak-ng-data" / "phontab");
}

// Found in CI (ASan stage): the voice overlay was /tmp/shancheng-espeak-<pid>. A forked child of
// the tests above leaves with _exit, so its overlay stays, linked into a data copy removed since;
// a later process given the same pid reused the folder, kept the dangling links, and espeak-ng
// failed on "phontab: No such file". The overlay is now a fresh mkdtemp folder, and overlays of
// ended processes are swept.
TEST_F(VoiceFaults, AnEndedProcesssOverlayWithDanglingLinksNeitherSilencesTheGuideNorStays) {
  const fs::path temp = dir_.path() / "tmp";
  fs::create_directories(temp);
  const pid_t ended = endedPid();
  const fs::path endedOld = temp / ("shancheng-espeak-" + std::to_string(ended));
  const fs::path endedNew = temp / ("shancheng-espeak-" + std::to_string(ended) + "-abc123");
  plantDanglingOverlay(endedOld);
  plantDanglingOverlay(endedNew);
  const fs::path unrelated = temp / "shancheng-espeak-notes";
  fs::create_directories(unrelated);

  const Attempt attempt = createSynthesizerWith({}, [&] {
    ::setenv("TMPDIR", temp.c_str(), 1);
    // The collision itself: a leftover named by this very process's pid.
    plantDanglingOverlay(temp / ("shancheng-espeak-" + std::to_string(::getpid())));
  });
  EXPECT_TRUE(attempt.created) << attempt.message;
  EXPECT_FALSE(fs::exists(fs::symlink_status(endedOld))) << "an ended process's overlay should be swept";
  EXPECT_FALSE(fs::exists(fs::symlink_status(endedNew))) << "an ended process's overlay should be swept";
  EXPECT_TRUE(fs::exists(unrelated)) << "a folder that only shares the prefix is not an overlay";
}

// The loudest sample of a 16-bit PCM WAV file and its sample count.
std::pair<int, std::size_t> loudness(const fs::path& wav) {
  const std::string bytes = readFile(wav);
  const std::size_t data = bytes.find("data");
  if (data == std::string::npos) return {-1, 0};
  int loudest = 0;
  std::size_t samples = 0;
  for (std::size_t i = data + 8; i + 1 < bytes.size(); i += 2, ++samples) {
    const auto sample = std::int16_t(std::uint8_t(bytes[i]) | (std::uint8_t(bytes[i + 1]) << 8));
    loudest = std::max(loudest, std::abs(int(sample)));
  }
  return {loudest, samples};
}

TEST_F(VoiceFaults, TourRendersWithoutItsVoice) {
  // The real executable: `render --tour` of the example scene, the first 9 s (its narration
  // starts at about 5.7 s), once as it is and once with espeak-ng's data emptied. Without the
  // voice: one warning, exit 0, every frame, tour.txt and a silent mix as long as the video.
  const std::string exe = shanchengExe();
  if (exe.empty()) GTEST_SKIP() << "no shancheng executable in this build";
  const auto renderTour = [&](const std::string& environment, const std::string& name) {
    return runShell(environment + shellQuoted(exe) + " render --tour " +
                    shellQuoted(std::string(SC_SOURCE_DIR) + "/scenes/example/example.scene.json") +
                    " --seconds 9 --fps 0.5 --size 64x48 --msaa 1 --audio-out " +
                    shellQuoted((dir_.path() / (name + ".wav")).string()) + " --out " +
                    shellQuoted((dir_.path() / name).string()));
  };
  const RunResult spoken = renderTour("", "spoken");
  ASSERT_EQ(spoken.exitCode, 0) << spoken.output;
  EXPECT_GT(loudness(dir_.path() / "spoken.wav").first, 1000) << "the control tour should be heard";

  const fs::path parent = dataWithout({"phontab", "phondata", "phonindex", "intonations", "voices", "lang",
                                       "cmn_dict", "en_dict"});
  const RunResult silent = renderTour("ESPEAK_DATA_PATH=" + shellQuoted(parent.string()) + " ", "silent");
  EXPECT_EQ(silent.signal, 0) << silent.output;
  ASSERT_EQ(silent.exitCode, 0) << silent.output;
  EXPECT_EQ(occurrences(silent.output, "the guide will not speak"), 1) << silent.output;
  for (const char* frame : {"frame_00001.png", "frame_00005.png"}) {
    EXPECT_TRUE(fs::exists(dir_.path() / "silent" / frame)) << frame;
  }
  EXPECT_NE(readFile(dir_.path() / "silent/tour.txt").find("This is a red triangle."), std::string::npos);
  const auto [loudest, samples] = loudness(dir_.path() / "silent.wav");
  EXPECT_GE(samples, 9u * 22050u);
  EXPECT_EQ(loudest, 0) << "the mix should be silent without a voice";
}

}  // namespace
}  // namespace sc::faults
