// Valid scenes parse into the documented model, with defaults filled in.
#include <glm/gtc/quaternion.hpp>
#include <gtest/gtest.h>

#include "scene/scene_parser.hpp"
#include "scene_test_util.hpp"

namespace sc::scene::test {
namespace {

TEST(SceneParser, ExampleSceneParsesWithoutAnyDiagnostic) {
  std::string text = readText(kExampleScene);
  Parsed p = parse(text, kExampleScene.string());
  ASSERT_TRUE(p.ok) << p.report.format();
  EXPECT_TRUE(p.report.diagnostics().empty()) << p.report.format();

  const SceneDocument& doc = p.doc;
  EXPECT_EQ(doc.formatVersion, 1);
  EXPECT_EQ(doc.title.zh, "示例场景");
  EXPECT_EQ(doc.title.en, "Example scene");
  ASSERT_EQ(doc.contentRoots.size(), 1u);
  EXPECT_EQ(doc.contentRoots[0], "../../assets");

  ASSERT_EQ(doc.models.size(), 1u);
  const ModelInstance& model = doc.models[0];
  EXPECT_EQ(model.id, "marker");
  EXPECT_EQ(model.path, "triangle.gltf");
  EXPECT_EQ(model.transform.translation, glm::vec3(0, 0, -3));
  EXPECT_EQ(model.transform.scale, glm::vec3(2.0f));
  ASSERT_TRUE(model.transform.eulerDegrees.has_value());
  // 30 degrees about +Y turns +X towards -Z.
  glm::vec3 x = model.transform.rotation * glm::vec3(1, 0, 0);
  EXPECT_NEAR(x.x, std::cos(glm::radians(30.0f)), 1e-5);
  EXPECT_NEAR(x.z, -std::sin(glm::radians(30.0f)), 1e-5);

  EXPECT_EQ(doc.environment.timeOfDay.hour, 19);
  EXPECT_EQ(doc.environment.timeOfDay.minute, 30);
  EXPECT_FALSE(doc.environment.sun.azimuthDeg.has_value());
  EXPECT_FLOAT_EQ(doc.environment.sun.intensity, 0.4f);
  EXPECT_FLOAT_EQ(doc.environment.sky.turbidity, 5.0f);
  EXPECT_FLOAT_EQ(doc.environment.fog.density, 0.01f);
  EXPECT_FLOAT_EQ(doc.environment.exposureEv, 0.5f);

  ASSERT_EQ(doc.lights.size(), 2u);
  EXPECT_EQ(doc.lights[0].type, LightType::Point);
  EXPECT_EQ(doc.lights[1].type, LightType::Spot);
  EXPECT_NEAR(glm::length(doc.lights[1].direction), 1.0f, 1e-6);
  EXPECT_FLOAT_EQ(doc.lights[1].outerConeDeg, 25.0f);

  ASSERT_EQ(doc.pois.size(), 1u);
  const PointOfInterest& poi = doc.pois[0];
  EXPECT_EQ(poi.name.en, "The red triangle");
  EXPECT_EQ(poi.narration.shortText.zh, "这是一个红色的三角形。");
  EXPECT_FALSE(poi.narration.longText.en.empty());
  EXPECT_EQ(poi.desktopView.target, glm::vec3(0.5f, 1.0f, -3.0f));
  EXPECT_TRUE(poi.panorama.empty());

  ASSERT_EQ(doc.tours.size(), 1u);
  ASSERT_EQ(doc.tours[0].stops.size(), 1u);
  const TourStop& stop = doc.tours[0].stops[0];
  EXPECT_EQ(stop.poi, "marker");
  EXPECT_EQ(stop.gesture, Gesture::Point);
  EXPECT_EQ(stop.guideWaypoints.size(), 2u);
  EXPECT_FLOAT_EQ(stop.dwellSeconds, 3.0f);
  EXPECT_EQ(doc.findPoi("marker"), &doc.pois[0]);
  EXPECT_EQ(doc.findPoi("nothing"), nullptr);

  ASSERT_TRUE(doc.guide.has_value());
  EXPECT_EQ(doc.guide->voices.zh, "cmn-latn-pinyin");
  EXPECT_EQ(doc.guide->pinyinLexicon.at("重庆"), "chong2 qing4");
  ASSERT_TRUE(doc.kiosk.has_value());
  EXPECT_EQ(doc.kiosk->attractTour, "intro");
  EXPECT_FLOAT_EQ(doc.kiosk->idleTimeoutSeconds, 90.0f);
  EXPECT_EQ(doc.spawn.xr.position, glm::vec3(0, 0, 1));
}

TEST(SceneParser, MinimalSceneGetsDocumentedDefaults) {
  Parsed p = parse(kMinimalScene);
  ASSERT_TRUE(p.ok) << p.report.format();
  EXPECT_TRUE(p.report.diagnostics().empty()) << p.report.format();
  const SceneDocument& doc = p.doc;
  EXPECT_EQ(doc.environment.timeOfDay.hour, 15);
  EXPECT_FLOAT_EQ(doc.environment.sky.turbidity, 3.0f);
  EXPECT_FALSE(doc.guide.has_value());
  EXPECT_EQ(doc.models[0].transform.scale, glm::vec3(1.0f));
  EXPECT_TRUE(doc.description.en.empty());
  // The shorthand "en": "text" is the short narration alone.
  EXPECT_EQ(doc.pois[0].narration.shortText.en, "About A.");
  EXPECT_TRUE(doc.pois[0].narration.longText.en.empty());
  EXPECT_EQ(doc.pois[1].narration.longText.zh, "乙的长介绍。");
  EXPECT_FLOAT_EQ(doc.pois[1].xrView.yawDeg, 0.0f);
  EXPECT_EQ(doc.tours[0].stops[1].gesture, Gesture::None);
  EXPECT_FLOAT_EQ(doc.tours[0].stops[1].dwellSeconds, 2.0f);
  EXPECT_FLOAT_EQ(doc.kiosk->idleTimeoutSeconds, 120.0f);
}

TEST(SceneParser, EulerRotationIsXThenYThenZAboutFixedAxes) {
  Parsed p = parse(edit(kMinimalScene, R"("path": "triangle.gltf"})",
                        R"("path": "triangle.gltf", "transform": {"rotationDegrees": [90, 90, 0]}})"));
  ASSERT_TRUE(p.ok) << p.report.format();
  // Rx(90) takes +Y to +Z; then Ry(90) takes +Z to +X.
  glm::vec3 y = p.doc.models[0].transform.rotation * glm::vec3(0, 1, 0);
  EXPECT_NEAR(y.x, 1.0f, 1e-5);
  EXPECT_NEAR(y.y, 0.0f, 1e-5);
  EXPECT_NEAR(y.z, 0.0f, 1e-5);
}

TEST(SceneParser, QuaternionRotationAndVectorScale) {
  Parsed p = parse(edit(kMinimalScene, R"("path": "triangle.gltf"})",
                        R"("path": "triangle.gltf", "transform": {"rotationQuaternion": [0, 0.70710678, 0, 0.70710678], "scale": [1, 2, 3]}})"));
  ASSERT_TRUE(p.ok) << p.report.format();
  const Transform& t = p.doc.models[0].transform;
  EXPECT_FALSE(t.eulerDegrees.has_value());
  glm::vec3 x = t.rotation * glm::vec3(1, 0, 0);
  EXPECT_NEAR(x.z, -1.0f, 1e-5);
  EXPECT_EQ(t.scale, glm::vec3(1, 2, 3));
}

TEST(SceneParser, LodsGuideAndPanoramaAreRead) {
  std::string text = edit(kMinimalScene, R"("path": "triangle.gltf"})",
                          R"("path": "triangle.gltf", "lods": [{"path": "lod1.glb", "screenRatio": 0.3}, {"path": "lod2.glb", "screenRatio": 0.1}]})");
  text = edit(text, R"("anchor": [4, 0, 0],)", R"("anchor": [4, 0, 0], "panorama": "pano/b.jpg",)");
  text = edit(text, R"("kiosk": {"attractTour": "t"})",
              R"("kiosk": {"attractTour": "t"},
  "guide": {"avatar": "guide/guide.vrm", "voices": {"en": "en-gb"},
            "boneMap": {"mixamorig:Hips": "hips", "mixamorig:Head": "head"},
            "pinyinLexicon": {"解放碑": "jie3 fang4 bei1", "绿": "lü4"}})");
  Parsed p = parse(text);
  ASSERT_TRUE(p.ok) << p.report.format();
  ASSERT_EQ(p.doc.models[0].lods.size(), 2u);
  EXPECT_EQ(p.doc.models[0].lods[1].path, "lod2.glb");
  EXPECT_FLOAT_EQ(p.doc.models[0].lods[0].screenRatio, 0.3f);
  EXPECT_EQ(p.doc.pois[1].panorama, "pano/b.jpg");
  ASSERT_TRUE(p.doc.guide);
  EXPECT_EQ(p.doc.guide->avatar, "guide/guide.vrm");
  EXPECT_EQ(p.doc.guide->voices.en, "en-gb");
  EXPECT_EQ(p.doc.guide->voices.zh, "cmn-latn-pinyin");  // default kept
  EXPECT_EQ(p.doc.guide->boneMap.at("mixamorig:Hips"), "hips");
  EXPECT_EQ(p.doc.guide->pinyinLexicon.size(), 2u);
}

TEST(SceneParser, ByteOrderMarkIsAccepted) {
  std::string text = "\xEF\xBB\xBF" + std::string(kMinimalScene);
  Parsed p = parse(text);
  EXPECT_TRUE(p.ok) << p.report.format();
}

TEST(SceneParser, SchemaKeyIsAllowedAtTheRoot) {
  Parsed p = parse(edit(kMinimalScene, R"("formatVersion": 1,)",
                        R"("$schema": "../schema/scene.schema.json", "formatVersion": 1,)"));
  EXPECT_TRUE(p.ok);
  EXPECT_TRUE(p.report.diagnostics().empty()) << p.report.format();
}

TEST(SceneParser, UnknownKeysAreWarnedWithASuggestionAndDoNotFail) {
  std::string text = edit(kMinimalScene, R"("color": [1, 1, 1]})", R"("colour": [1, 1, 1]})");
  Parsed p = parse(text);
  EXPECT_TRUE(p.ok);
  ASSERT_EQ(p.report.diagnostics().size(), 1u) << p.report.format();
  const Diagnostic& d = p.report.diagnostics()[0];
  EXPECT_EQ(d.severity, Severity::Warning);
  EXPECT_EQ(d.jsonPointer, "/lights/0/colour");
  EXPECT_EQ(d.line, lineOf(text, "\"colour\""));
  EXPECT_EQ(d.hint, "did you mean 'color'?");
}

TEST(SceneParser, UnknownKeyFarFromAnyKnownOneListsTheKnownKeys) {
  Parsed p = parse(edit(kMinimalScene, R"("kiosk": {"attractTour": "t"})",
                        R"("kiosk": {"attractTour": "t", "zzzzzzzz": 1})"));
  EXPECT_TRUE(p.ok);
  ASSERT_EQ(p.report.diagnostics().size(), 1u);
  EXPECT_EQ(p.report.diagnostics()[0].jsonPointer, "/kiosk/zzzzzzzz");
  EXPECT_EQ(p.report.diagnostics()[0].hint, "known fields here: attractTour, idleTimeoutSeconds");
}

}  // namespace
}  // namespace sc::scene::test
