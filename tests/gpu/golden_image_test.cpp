// Renders real content (the built-in scene and models from Debian's assimp-testmodels, written
// by others) and compares with golden PNGs in tests/golden.
#include "gpu_test_support.hpp"

#include "app/default_scene.hpp"
#include "assets/importer.hpp"

namespace sc::test {

class GoldenImages : public GpuTest {};

TEST_F(GoldenImages, BuiltinSceneAtNoon) {
  render::Environment env;
  env.timeOfDayHours = 12.0f;
  expectMatchesGolden(renderModel(app::makeDefaultScene(), builtinCourtyardCamera(), 480, 270, 1, env), "builtin_noon");
}

TEST_F(GoldenImages, BuiltinSceneAtDusk) {
  render::Environment env;
  env.timeOfDayHours = 18.3f;
  expectMatchesGolden(renderModel(app::makeDefaultScene(), builtinCourtyardCamera(), 480, 270, 1, env), "builtin_dusk");
}

TEST_F(GoldenImages, BuiltinSceneAtNight) {
  render::Environment env;
  env.timeOfDayHours = 22.0f;
  expectMatchesGolden(renderModel(app::makeDefaultScene(), builtinCourtyardCamera(), 480, 270, 1, env), "builtin_night");
}

TEST_F(GoldenImages, BuiltinSceneStereo) {
  expectMatchesGolden(renderModel(app::makeDefaultScene(), builtinCourtyardCamera(), 320, 240, 2), "builtin_stereo");
}

struct ModelCase {
  const char* name;
  const char* path;
};

class GoldenModels : public GpuTest, public ::testing::WithParamInterface<ModelCase> {};

TEST_P(GoldenModels, MatchesGolden) {
  assets::Model model = importTestModel(GetParam().path);
  ASSERT_FALSE(model.meshes.empty());
  render::Camera camera = render::frameBounds(model.worldBounds(), 4.0f / 3.0f);
  expectMatchesGolden(renderModel(model, camera, 320, 240), GetParam().name);
}

INSTANTIATE_TEST_SUITE_P(
    AssimpTestModels, GoldenModels,
    ::testing::Values(ModelCase{"box_textured", "glTF2/BoxTextured-glTF/BoxTextured.gltf"},
                      ModelCase{"two_cylinder_engine", "glTF2/2CylinderEngine-glTF-Binary/2CylinderEngine.glb"},
                      ModelCase{"texture_transform", "glTF2/textureTransform/TextureTransformTest.gltf"},
                      ModelCase{"fbx_box", "FBX/box.fbx"},
                      ModelCase{"collada_duck", "Collada/duck.dae"}),
    [](const auto& info) { return std::string(info.param.name); });

}  // namespace sc::test
