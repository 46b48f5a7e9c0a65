// The CPU-device specialisations of the PBR pipelines (pipelines without the shadow lookup for
// draws no cascade reaches; fragment shaders compiled for one kind of material, see
// GpuMaterial::shaderKey) must draw the picture of the generic pipelines: only cheaper.
#include "gpu_test_support.hpp"

#include "app/default_scene.hpp"
#include "render/gpu_model.hpp"

namespace sc::test {

class ShaderVariants : public GpuTest {
 protected:
  // The same model and camera through specialised and generic pipelines.
  void expectSamePicture(const assets::Model& model, const render::Camera& camera, const std::string& name,
                         const render::Environment& environment = {}) {
    render::RendererOptions options = renderer_->options();
    options.genericShaders = false;
    ASSERT_TRUE(renderer_->setOptions(options));
    ImageRgba8 specialised = renderModel(model, camera, 240, 160, 1, environment);
    options.genericShaders = true;
    ASSERT_TRUE(renderer_->setOptions(options));
    ImageRgba8 generic = renderModel(model, camera, 240, 160, 1, environment);
    ASSERT_FALSE(specialised.pixels.empty());
    ImageDifference d = compareImages(specialised, generic, 1);
    EXPECT_EQ(d.fractionWithin, 1.0) << name << ": " << d.maxChannelDelta << " at most";
    EXPECT_LE(d.maxChannelDelta, 1) << name;
    (void)writePng(testOutputDir() / ("variant_" + name + ".png"), specialised);
  }
};

TEST_F(ShaderVariants, SpecialisedPipelinesDrawTheGenericPicture) {
  ASSERT_TRUE(device_->info().isSoftware) << "the specialisations are made on CPU devices only";
  // Textured, normal-mapped and plain materials, a KHR_texture_transform (not plain UVs),
  // vertex colours, shadows near and far.
  render::Camera courtyard = builtinCourtyardCamera();
  render::Environment noon;
  noon.timeOfDayHours = 12.0f;
  expectSamePicture(app::makeDefaultScene(), courtyard, "builtin_noon", noon);
  for (const char* path : {"glTF2/textureTransform/TextureTransformTest.gltf", "glTF2/BoxTextured-glTF/BoxTextured.gltf",
                           "glTF2/2CylinderEngine-glTF-Binary/2CylinderEngine.glb"}) {
    assets::Model model = importTestModel(path);
    ASSERT_FALSE(model.meshes.empty()) << path;
    expectSamePicture(model, render::frameBounds(model.worldBounds(), 1.5f), std::filesystem::path(path).stem().string());
  }
}

TEST(MaterialShaderKey, NamesPresentTexturesAndPlainCoordinates) {
  EXPECT_EQ(render::materialShaderKey(0u, true), render::kMaterialKeyActive | render::kMaterialKeyPlainUvs);
  std::uint32_t baseAndNormal = render::materialShaderKey(0b00101u, false);
  EXPECT_EQ(baseAndNormal, render::kMaterialKeyActive | 0b00101u << 1);
  EXPECT_NE(render::materialShaderKey(0b00101u, true), baseAndNormal);
  EXPECT_EQ(render::materialShaderKey(0xffu, false) & ~render::kMaterialKeyActive, 0x1fu << 1);  // five textures
}

}  // namespace sc::test
