// GPU skinning and morph targets against the CPU reference (sc::anim::skinPosition /
// skinNormal / morphPosition), on the real guide avatar (assets/guide), posed by a procedural
// clip. The CPU side bakes the same pose into a static model; both are drawn with the same camera.
#include "gpu_test_support.hpp"

#include <chrono>

#include "anim/clip.hpp"
#include "anim/humanoid.hpp"
#include "anim/humanoid_clips.hpp"
#include "anim/skeleton.hpp"
#include "anim/skin_palette.hpp"
#include "assets/importer.hpp"
#include "core/content_roots.hpp"
#include "gpu/render_target.hpp"

namespace sc::test {

namespace {

const std::filesystem::path kGuideDir = std::filesystem::path(SC_GOLDEN_DIR) / ".." / ".." / "assets" / "guide";

assets::Model importGuide() {
  ContentRoots roots({kGuideDir});
  auto model = assets::importModel(kGuideDir / "guide.gltf", roots);
  EXPECT_TRUE(model) << (model ? "" : model.error().message);
  return model ? std::move(model.value()) : assets::Model{};
}

// The guide's pose at `waveTime` seconds into the wave clip (negative: rest pose) with the `aa`
// morph at `aa`, as one frame's palette (model space: root = identity).
struct GuidePose {
  anim::Skeleton skeleton;
  anim::Pose pose;
  std::vector<anim::SkinBinding> skins;
  anim::FramePalette palette;
};

GuidePose poseGuide(const assets::Model& model, float waveTime, float aa) {
  GuidePose g;
  auto skeleton = anim::skeletonFromModel(model);
  EXPECT_TRUE(skeleton) << (skeleton ? "" : skeleton.error().message);
  if (!skeleton) return g;
  g.skeleton = std::move(skeleton.value());
  anim::Pose& pose = g.pose;
  pose = anim::restPose(g.skeleton);
  if (waveTime >= 0.0f) {
    auto rig = anim::HumanoidRig::fromSkeleton(g.skeleton);
    EXPECT_TRUE(rig) << (rig ? "" : rig.error().message);
    if (!rig) return g;
    anim::Clip wave = anim::makeWaveClip(*rig, g.skeleton);
    anim::sampleClip(wave, g.skeleton, waveTime, true, pose);
  }
  bool found = false;
  for (std::size_t n = 0; n < model.nodes.size(); ++n) {
    if (model.nodes[n].mesh < 0) continue;
    const auto& prims = model.meshes[std::size_t(model.nodes[n].mesh)].primitives;
    if (prims.empty()) continue;
    for (std::size_t t = 0; t < prims[0].morphTargets.size(); ++t) {
      if (prims[0].morphTargets[t].name == "aa") {
        pose.morphWeights[g.skeleton.morphOffsets[n] + t] = aa;
        found = true;
      }
    }
  }
  EXPECT_TRUE(found) << "the guide has no 'aa' morph target";
  for (const auto& skin : model.skins) {
    auto binding = anim::skinFromAsset(skin, g.skeleton);
    EXPECT_TRUE(binding) << (binding ? "" : binding.error().message);
    if (binding) g.skins.push_back(std::move(binding.value()));
  }
  anim::buildFramePalette(g.skeleton, pose, glm::mat4(1.0f), g.skins, g.palette);
  return g;
}

// The CPU reference: every mesh morphed and skinned on the CPU into a static model whose mesh
// nodes sit at the origin (skinned vertices are in model space already).
assets::Model bakeOnCpu(const assets::Model& model, const GuidePose& g) {
  assets::Model out;
  out.sourcePath = model.sourcePath + " (CPU-skinned)";
  out.materials = model.materials;
  out.textures = model.textures;
  auto world = model.worldMatrices();
  for (std::size_t n = 0; n < model.nodes.size(); ++n) {
    const assets::Node& node = model.nodes[n];
    if (node.mesh < 0) continue;
    assets::Mesh mesh = model.meshes[std::size_t(node.mesh)];
    std::span<const float> weights(g.palette.morphWeights.data() + g.skeleton.morphOffsets[n], g.skeleton.morphCounts[n]);
    std::span<const glm::mat4> joints;
    if (node.skin >= 0) {
      joints = std::span(g.palette.jointMatrices)
                   .subspan(g.palette.skinOffsets[std::size_t(node.skin)], model.skins[std::size_t(node.skin)].joints.size());
    }
    for (assets::Primitive& prim : mesh.primitives) {
      prim.bounds = {};
      for (std::size_t v = 0; v < prim.vertices.size(); ++v) {
        assets::Vertex& vert = prim.vertices[v];
        glm::vec3 p = anim::morphPosition(vert.position, prim.morphTargets, weights, v);
        glm::vec3 normal = vert.normal;
        for (std::size_t t = 0; t < std::min(prim.morphTargets.size(), weights.size()); ++t) {
          if (v < prim.morphTargets[t].normalDeltas.size()) normal += weights[t] * prim.morphTargets[t].normalDeltas[v];
        }
        glm::vec3 tangent(vert.tangent);
        if (!joints.empty() && prim.skin.size() == prim.vertices.size()) {
          const assets::SkinWeights& s = prim.skin[v];
          p = anim::skinPosition(joints, s.joints, s.weights, p);
          normal = anim::skinNormal(joints, s.joints, s.weights, normal);
          tangent = anim::skinNormal(joints, s.joints, s.weights, tangent);
        } else {
          p = glm::vec3(world[n] * glm::vec4(p, 1.0f));
          normal = glm::normalize(glm::transpose(glm::inverse(glm::mat3(world[n]))) * normal);
          tangent = glm::normalize(glm::mat3(world[n]) * tangent);
        }
        vert.position = p;
        vert.normal = normal;
        vert.tangent = glm::vec4(tangent, vert.tangent.w);
        prim.bounds.add(p);
      }
      prim.skin.clear();
      prim.morphTargets.clear();
      prim.defaultMorphWeights.clear();
    }
    assets::Node placed;
    placed.name = node.name;
    placed.mesh = std::int32_t(out.meshes.size());
    out.rootNodes.push_back(std::uint32_t(out.nodes.size()));
    out.nodes.push_back(placed);
    out.meshes.push_back(std::move(mesh));
  }
  return out;
}

// Model-space centre of the mouth: the centroid of the vertices the 'aa' target moves most.
glm::vec3 mouthCentre(const assets::Model& model) {
  glm::vec3 sum(0.0f);
  float count = 0.0f;
  auto world = model.worldMatrices();
  for (std::size_t n = 0; n < model.nodes.size(); ++n) {
    if (model.nodes[n].mesh < 0) continue;
    for (const auto& prim : model.meshes[std::size_t(model.nodes[n].mesh)].primitives) {
      for (const auto& target : prim.morphTargets) {
        if (target.name != "aa") continue;
        for (std::size_t v = 0; v < target.positionDeltas.size() && v < prim.vertices.size(); ++v) {
          if (glm::length(target.positionDeltas[v]) > 0.008f) {
            sum += glm::vec3(world[n] * glm::vec4(prim.vertices[v].position, 1.0f));
            count += 1.0f;
          }
        }
      }
    }
  }
  return count > 0.0f ? sum / count : glm::vec3(0.0f, 1.5f, 0.1f);
}

render::Camera fullBodyCamera() {
  render::Camera camera;
  camera.eye = {0.9f, 1.25f, 3.3f};
  camera.target = {0.05f, 0.95f, 0.0f};
  camera.fovY = 0.65f;
  camera.nearPlane = 0.05f;
  camera.farPlane = 100.0f;
  return camera;
}

ImageRgba8 leftHalf(const ImageRgba8& image, std::uint32_t index, std::uint32_t width) {
  ImageRgba8 out;
  out.width = width;
  out.height = image.height;
  for (std::uint32_t y = 0; y < image.height; ++y) {
    out.pixels.insert(out.pixels.end(), image.at(index * width, y), image.at(index * width, y) + width * 4);
  }
  return out;
}

float luma(const std::uint8_t* p) { return 0.2126f * p[0] + 0.7152f * p[1] + 0.0722f * p[2]; }

}  // namespace

class GuideSkinning : public GpuTest {
 protected:
  // Renders the model, posed when `pose` is given (GPU skinning), into width*views x height.
  ImageRgba8 render(const assets::Model& model, const GuidePose* pose, const render::Camera& camera,
                    std::uint32_t width, std::uint32_t height, std::uint32_t views = 1, float ipd = 0.0f) {
    return renderModel(model, camera, width, height, views, renderer_->environment(), ipd,
                       pose ? &pose->palette : nullptr);
  }
};

TEST_F(GuideSkinning, PoseLayoutMatchesTheAnimationPalette) {
  assets::Model guide = importGuide();
  ASSERT_FALSE(guide.meshes.empty());
  GuidePose pose = poseGuide(guide, 1.0f, 1.0f);
  auto id = renderer_->addModel(guide);
  ASSERT_TRUE(id);
  EXPECT_GE(renderer_->poseJointCount(*id), 24u);  // the importer may give each mesh its own skin
  EXPECT_EQ(renderer_->poseJointCount(*id), pose.palette.jointMatrices.size());
  EXPECT_EQ(renderer_->poseMorphWeightCount(*id), pose.palette.morphWeights.size());
  EXPECT_EQ(renderer_->poseMorphWeightCount(*id), 6u);  // aa ih ou ee oh blink on guide_face
  auto instance = renderer_->addInstance(*id);
  std::vector<glm::mat4> tooFew(3, glm::mat4(1.0f));
  Status wrong = renderer_->setInstancePose(instance, tooFew, pose.palette.morphWeights);
  ASSERT_FALSE(wrong);
  EXPECT_NE(wrong.error().message.find(std::to_string(pose.palette.jointMatrices.size())), std::string::npos)
      << wrong.error().message;
  EXPECT_TRUE(renderer_->setInstancePose(instance, pose.palette));

  // CPU cost of building and handing over one guide's palette per frame (the renderer's copy
  // into the frame slot's buffer is 1.6 KB more, inside render()).
  const int frames = 2000;
  auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < frames; ++i) {
    anim::buildFramePalette(pose.skeleton, pose.pose, glm::mat4(1.0f), pose.skins, pose.palette);
  }
  auto middle = std::chrono::steady_clock::now();
  for (int i = 0; i < frames; ++i) (void)renderer_->setInstancePose(instance, pose.palette);
  auto end = std::chrono::steady_clock::now();
  double buildUs = std::chrono::duration<double, std::micro>(middle - start).count() / frames;
  double setUs = std::chrono::duration<double, std::micro>(end - middle).count() / frames;
  std::printf("per guide per frame: buildFramePalette %.2f us, setInstancePose %.3f us (%zu joints, %zu weights)\n",
              buildUs, setUs, pose.palette.jointMatrices.size(), pose.palette.morphWeights.size());
  renderer_->removeInstance(instance);
  renderer_->removeModel(*id);
}

TEST_F(GuideSkinning, RestPoseGolden) {
  assets::Model guide = importGuide();
  ASSERT_FALSE(guide.meshes.empty());
  expectMatchesGolden(render(guide, nullptr, fullBodyCamera(), 240, 320), "guide_rest");
}

TEST_F(GuideSkinning, GpuSkinningMatchesTheCpuReference) {
  assets::Model guide = importGuide();
  ASSERT_FALSE(guide.meshes.empty());
  GuidePose pose = poseGuide(guide, 1.0f, 1.0f);
  ImageRgba8 gpu = render(guide, &pose, fullBodyCamera(), 240, 320);
  ImageRgba8 cpu = render(bakeOnCpu(guide, pose), nullptr, fullBodyCamera(), 240, 320);
  (void)writePng(testOutputDir() / "guide_wave_gpu.png", gpu);
  (void)writePng(testOutputDir() / "guide_wave_cpu.png", cpu);
  ImageDifference d = compareImages(gpu, cpu, 5);
  std::printf("GPU vs CPU skinning: %.4f%% of pixels within 5/255, largest difference %d\n",
              d.fractionWithin * 100.0, d.maxChannelDelta);
  EXPECT_GE(d.fractionWithin, 0.999);
  // The pose really differs from the rest pose (the raised arm), so the match is not trivial.
  ImageRgba8 rest = render(guide, nullptr, fullBodyCamera(), 240, 320);
  EXPECT_LT(compareImages(gpu, rest, 5).fractionWithin, 0.97);
  expectMatchesGolden(gpu, "guide_wave_aa");
  // Upper body, for docs/images/guide_wave.png (not compared).
  render::Camera upper;
  upper.eye = {0.35f, 1.6f, 2.2f};
  upper.target = {-0.12f, 1.5f, 0.0f};
  upper.fovY = 0.6f;
  upper.nearPlane = 0.05f;
  (void)writePng(testOutputDir() / "guide_wave_upper.png", render(guide, &pose, upper, 320, 320));
}

TEST_F(GuideSkinning, OpenMouthShowsTheDarkInterior) {
  assets::Model guide = importGuide();
  ASSERT_FALSE(guide.meshes.empty());
  glm::vec3 mouth = mouthCentre(guide);
  render::Camera face;
  face.eye = mouth + glm::vec3(0.0f, 0.02f, 0.40f);
  face.target = mouth;
  face.fovY = 0.35f;
  face.nearPlane = 0.02f;
  GuidePose closed = poseGuide(guide, -1.0f, 0.0f);
  GuidePose open = poseGuide(guide, -1.0f, 1.0f);
  const std::uint32_t size = 160;
  ImageRgba8 rest = render(guide, &closed, face, size, size);
  ImageRgba8 aa = render(guide, &open, face, size, size);
  (void)writePng(testOutputDir() / "guide_mouth_rest.png", rest);
  (void)writePng(testOutputDir() / "guide_mouth_aa.png", aa);
  // The mouth is at the image centre; its crop spans the lips (about 5 cm wide).
  int darkRest = 0, darkAa = 0, changed = 0, total = 0;
  for (std::uint32_t y = size / 2 - 20; y < size / 2 + 20; ++y) {
    for (std::uint32_t x = size / 2 - 28; x < size / 2 + 28; ++x) {
      darkRest += luma(rest.at(x, y)) < 45.0f ? 1 : 0;
      darkAa += luma(aa.at(x, y)) < 45.0f ? 1 : 0;
      changed += std::abs(luma(rest.at(x, y)) - luma(aa.at(x, y))) > 25.0f ? 1 : 0;
      ++total;
    }
  }
  std::printf("mouth crop: %d of %d pixels dark at rest, %d with aa = 1; %d changed\n", darkRest, total, darkAa,
              changed);
  EXPECT_GT(darkAa, darkRest + total / 20);
  EXPECT_GT(changed, total / 10);
  // Outside the mouth (the eyes, the top of the image) nothing moves.
  for (std::uint32_t y = 4; y < 24; ++y) {
    for (std::uint32_t x = 4; x < size - 4; ++x) {
      ASSERT_LE(std::abs(luma(rest.at(x, y)) - luma(aa.at(x, y))), 6.0f) << x << "," << y;
    }
  }
}

TEST_F(GuideSkinning, BothEyesOfAStereoRenderAgreeWithMonoRenders) {
  assets::Model guide = importGuide();
  ASSERT_FALSE(guide.meshes.empty());
  GuidePose pose = poseGuide(guide, 1.0f, 1.0f);
  const std::uint32_t w = 120, h = 160;
  ImageRgba8 mono = render(guide, &pose, fullBodyCamera(), w, h, 1);
  ImageRgba8 stereo = render(guide, &pose, fullBodyCamera(), w, h, 2, 0.0f);
  ASSERT_EQ(stereo.width, 2 * w);
  for (std::uint32_t eye = 0; eye < 2; ++eye) {
    ImageDifference d = compareImages(leftHalf(stereo, eye, w), mono, 2);
    EXPECT_GE(d.fractionWithin, 0.999) << "eye " << eye << ", largest difference " << d.maxChannelDelta;
  }
  // The posed eyes are not the rest pose: the palette reached both views.
  ImageRgba8 rest = render(guide, nullptr, fullBodyCamera(), w, h, 1);
  EXPECT_LT(compareImages(leftHalf(stereo, 1, w), rest, 5).fractionWithin, 0.98);
}

}  // namespace sc::test
