#include "guide_builder.hpp"

#include "anim/humanoid.hpp"
#include "body_parts.hpp"
#include "core/result.hpp"
#include "head_parts.hpp"
#include "textures.hpp"

namespace sc::avatar {
namespace {

glm::vec4 srgbColor(std::uint8_t r, std::uint8_t g, std::uint8_t b) {
  return {srgbToLinear(r), srgbToLinear(g), srgbToLinear(b), 1.0f};
}

std::uint64_t mixSeed(std::uint64_t seed, std::uint64_t salt) {
  return (seed + 0x9E3779B97F4A7C15ULL * (salt + 1)) * 0xBF58476D1CE4E5B9ULL;
}

}  // namespace

RigJoints rigJoints(const GuideModel& model) {
  auto j = [&](anim::HumanoidBone b) {
    const int i = model.jointIndex(std::string(anim::vrmBoneName(b)));
    SC_CHECK(i >= 0, "guide skeleton lacks {}", anim::vrmBoneName(b));
    return i;
  };
  using B = anim::HumanoidBone;
  RigJoints r{};
  r.hips = j(B::Hips); r.spine = j(B::Spine); r.chest = j(B::Chest);
  r.upperChest = j(B::UpperChest); r.neck = j(B::Neck); r.head = j(B::Head);
  r.leftEye = j(B::LeftEye); r.rightEye = j(B::RightEye);
  r.leftShoulder = j(B::LeftShoulder); r.leftUpperArm = j(B::LeftUpperArm);
  r.leftLowerArm = j(B::LeftLowerArm); r.leftHand = j(B::LeftHand);
  r.rightShoulder = j(B::RightShoulder); r.rightUpperArm = j(B::RightUpperArm);
  r.rightLowerArm = j(B::RightLowerArm); r.rightHand = j(B::RightHand);
  r.leftUpperLeg = j(B::LeftUpperLeg); r.leftLowerLeg = j(B::LeftLowerLeg);
  r.leftFoot = j(B::LeftFoot); r.leftToes = j(B::LeftToes);
  r.rightUpperLeg = j(B::RightUpperLeg); r.rightLowerLeg = j(B::RightLowerLeg);
  r.rightFoot = j(B::RightFoot); r.rightToes = j(B::RightToes);
  r.mirrorMap.resize(model.joints.size());
  for (std::size_t i = 0; i < model.joints.size(); ++i) r.mirrorMap[i] = int(i);
  for (std::size_t b = 0; b < anim::kHumanoidBoneCount; ++b) {
    const auto bone = static_cast<B>(b);
    const B other = anim::sided(anim::Side::Right, bone);
    if (other != bone) {
      r.mirrorMap[std::size_t(j(bone))] = j(other);
      r.mirrorMap[std::size_t(j(other))] = j(bone);
    }
  }
  return r;
}

GuideModel buildGuide(const GuideOptions& options) {
  GuideModel model;
  // Skeleton: the reference humanoid, joint for joint (names, parents, offsets).
  const anim::Skeleton ref = anim::makeReferenceHumanoid();
  const std::vector<glm::mat4> world = anim::modelMatrices(ref, anim::restPose(ref));
  for (std::size_t i = 0; i < ref.jointCount(); ++i) {
    model.joints.push_back(Joint{ref.names[i], ref.parents[i], ref.restPose[i].translation,
                                 glm::vec3(world[i][3])});
  }
  const RigJoints rig = rigJoints(model);

  // Textures.
  const JacketMaps jacket = paintJacket(mixSeed(options.seed, 1), options.jacketTextureSize);
  const HairMaps hair = paintHair(mixSeed(options.seed, 2), 256);
  const int faceTex = model.addTexture("face_basecolor.png",
                                       paintFace(mixSeed(options.seed, 3), options.faceTextureSize));
  const int jacketBase = model.addTexture("jacket_basecolor.png", jacket.baseColor);
  const int jacketNormal = model.addTexture("jacket_normal.png", jacket.normal);
  const int jacketMr = model.addTexture("jacket_metallicroughness.png", jacket.metallicRoughness);
  const int hairBase = model.addTexture("hair_basecolor.png", hair.baseColor);
  const int hairNormal = model.addTexture("hair_normal.png", hair.normal);
  const int eyeTex = model.addTexture("eye_basecolor.png", paintEye(128));
  const int sashTex = model.addTexture("sash_basecolor.png", paintSash(options.seed, 256, 128));

  // Materials (colours in linear space; sRGB-picked values converted).
  Material skin{"skin", srgbColor(kSkinSrgb[0], kSkinSrgb[1], kSkinSrgb[2]), 0.0f, 0.62f};
  Material face{"face", glm::vec4(1.0f), 0.0f, 0.58f, faceTex};
  Material jacketM{"jacket_qipao_red", glm::vec4(1.0f), 1.0f, 1.0f, jacketBase, jacketMr,
                   jacketNormal, 1.0f};
  Material trim{"gold_embroidery", srgbColor(222, 176, 82), 0.75f, 0.35f};
  Material trousers{"trousers_ink", srgbColor(38, 40, 52), 0.0f, 0.82f};
  Material shoes{"shoes_leather", srgbColor(30, 24, 24), 0.0f, 0.38f};
  Material hairM{"hair", glm::vec4(1.0f), 0.0f, 0.5f, hairBase, -1, hairNormal, 0.6f, true};
  Material eyes{"eyes", glm::vec4(1.0f), 0.0f, 0.12f, eyeTex};
  Material sash{"sash_bayu_brocade", glm::vec4(1.0f), 0.0f, 0.66f, sashTex};
  Material jade{"jade", srgbColor(92, 176, 140), 0.0f, 0.22f};
  const BodyMaterials bm{model.addMaterial(skin), model.addMaterial(jacketM),
                         model.addMaterial(trim), model.addMaterial(trousers),
                         model.addMaterial(shoes), model.addMaterial(sash),
                         model.addMaterial(jade)};
  const HeadMaterials hm{model.addMaterial(face), model.addMaterial(eyes),
                         model.addMaterial(hairM), bm.trim, bm.jade};

  Mesh body, faceMesh, eyesMesh;
  buildBody(rig, bm, body);
  buildHead(rig, hm, faceMesh, eyesMesh, body);
  model.meshes.push_back(std::move(body));
  model.meshes.push_back(std::move(faceMesh));
  model.meshes.push_back(std::move(eyesMesh));
  return model;
}

}  // namespace sc::avatar
