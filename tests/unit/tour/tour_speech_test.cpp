// The director with the real espeak-ng and the real guide avatar (assets/guide): narration
// timing, the audio cue, lip-sync on the face morphs, and synthesis ahead of time.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "tour_test_scene.hpp"
#ifdef SC_TOUR_HAVE_ASSETS
#include "assets/importer.hpp"
#include "core/content_roots.hpp"
#endif

namespace sc::tour::test {
namespace {

#define SC_REQUIRE_ESPEAK() \
  if (!guide::haveSpeechSynthesizer()) GTEST_SKIP() << "built without espeak-ng (SC_HAVE_ESPEAK unset)"

std::shared_ptr<guide::SpeechSynthesizer> synthesizer() {
  static std::shared_ptr<guide::SpeechSynthesizer> s = [] {
    auto r = guide::createSpeechSynthesizer();
    EXPECT_TRUE(r) << (r ? "" : r.error().message);
    return r ? std::shared_ptr<guide::SpeechSynthesizer>(std::move(r.value())) : nullptr;
  }();
  return s;
}

std::shared_ptr<const GuideAvatar> guideAvatar() {
#ifdef SC_TOUR_HAVE_ASSETS
  static std::shared_ptr<const GuideAvatar> avatar = [] {
    std::filesystem::path dir = std::filesystem::path(SC_SOURCE_DIR) / "assets" / "guide";
    ContentRoots roots({dir});
    auto model = assets::importModel(dir / "guide.gltf", roots);
    EXPECT_TRUE(model) << (model ? "" : model.error().message);
    if (!model) return std::shared_ptr<const GuideAvatar>();
    auto a = makeGuideAvatar(*model);
    EXPECT_TRUE(a) << (a ? "" : a.error().message);
    return a ? std::make_shared<const GuideAvatar>(std::move(a.value())) : nullptr;
  }();
  return avatar;
#else
  return nullptr;
#endif
}

TEST(TourAvatar, TheDefaultGuideHasEveryFaceMorphAndSkin) {
  auto avatar = guideAvatar();
  if (!avatar) GTEST_SKIP() << "built without sc_assets";
  for (std::size_t v = 0; v < guide::kMouthVisemeCount; ++v) EXPECT_EQ(avatar->face.visemes[v].size(), 1u) << v;
  EXPECT_EQ(avatar->face.blink.size(), 1u);
  EXPECT_FALSE(avatar->skins.empty());
  EXPECT_GT(avatar->eyeHeight, 1.4f);
  EXPECT_LT(avatar->eyeHeight, 1.9f);
}

TEST(TourSpeech, SpeaksForTheNarrationsDurationWithMovingLips) {
  SC_REQUIRE_ESPEAK();
  auto avatar = guideAvatar();
  if (!avatar) GTEST_SKIP() << "built without sc_assets";
  TourDirectorOptions options;
  options.synthesis = SynthesisMode::Inline;
  auto created = TourDirector::create(makeTestScene(), avatar, synthesizer(), options);
  ASSERT_TRUE(created) << created.error().message;
  TourDirector& d = **created;
  ASSERT_TRUE(runUntil(d, [](const GuideFrame& f) { return f.phase == TourPhase::Present; }, 30.0));
  const double presentAt = d.frame().timeSec;
  ASSERT_EQ(d.spokenCues().size(), 1u);
  auto clip = d.spokenCues()[0].clip;
  ASSERT_TRUE(clip);
  EXPECT_GT(clip->durationSec, 0.8);
  EXPECT_NEAR(d.spokenCues()[0].startTimeSec, presentAt + kSpeechLeadIn, 1e-9);
  int starts = 0;
  float maxMouth = 0.0f, maxMorph = 0.0f;
  double startedAt = -1.0;
  const std::uint32_t aa = avatar->face.visemes[0][0];
  ASSERT_TRUE(runUntil(d, [&](const GuideFrame& f) {
    if (f.audio.startedNow) {
      ++starts;
      startedAt = f.timeSec;
      EXPECT_EQ(f.audio.clip, clip);
    }
    for (float w : f.mouth) maxMouth = std::max(maxMouth, w);
    for (const auto& v : avatar->face.visemes) maxMorph = std::max(maxMorph, f.palette->morphWeights[v[0]]);
    return f.phase == TourPhase::Wait;
  }, 20.0));
  EXPECT_EQ(starts, 1);
  EXPECT_NEAR(startedAt, presentAt + kSpeechLeadIn, kDt + 1e-9);
  EXPECT_NEAR(d.frame().timeSec - presentAt, kSpeechLeadIn + clip->durationSec + 0.2, kDt + 1e-9);
  EXPECT_GT(maxMouth, 0.3f);
  EXPECT_GT(maxMorph, 0.3f) << "no mouth morph opened";
  // At rest (waiting) the mouth is closed.
  for (float w : d.frame().mouth) EXPECT_EQ(w, 0.0f);
  EXPECT_EQ(d.frame().palette->morphWeights[aa], 0.0f);
  EXPECT_FALSE(d.frame().audio.playing);
}

TEST(TourSpeech, BackgroundSynthesisNeverBlocksAFrame) {
  SC_REQUIRE_ESPEAK();
  TourDirectorOptions options;
  options.synthesis = SynthesisMode::Background;
  options.start = glm::vec3(1.5f, 0.0f, 0.0f);  // already at the first stop: speech is needed at once
  auto created = TourDirector::create(makeTestScene(), referenceAvatar(), synthesizer(), options);
  ASSERT_TRUE(created) << created.error().message;
  TourDirector& d = **created;
  double slowest = 0.0;
  bool presented = false;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (!presented && std::chrono::steady_clock::now() < deadline) {
    auto t0 = std::chrono::steady_clock::now();
    const GuideFrame& f = d.update(kDt, kVisitor);
    slowest = std::max(slowest, std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
    presented = f.phase == TourPhase::Present;
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  ASSERT_TRUE(presented);
  ASSERT_TRUE(d.spokenCues()[0].clip);
  // A frame is animation only (well under a millisecond on a desktop; generous for CI).
  EXPECT_LT(slowest, 0.05) << "a frame took " << slowest << " s";
  EXPECT_TRUE(d.prepareAll().ok());
}

}  // namespace
}  // namespace sc::tour::test
