#include "scene/guide_vocabulary.hpp"

#include <algorithm>
#include <iterator>

#include <fmt/format.h>

namespace sc::scene {

namespace {

constexpr std::string_view kVrmBones[] = {
    "hips", "spine", "chest", "upperChest", "neck", "head", "leftEye", "rightEye", "jaw",
    "leftUpperLeg", "leftLowerLeg", "leftFoot", "leftToes",
    "rightUpperLeg", "rightLowerLeg", "rightFoot", "rightToes",
    "leftShoulder", "leftUpperArm", "leftLowerArm", "leftHand",
    "rightShoulder", "rightUpperArm", "rightLowerArm", "rightHand",
    // VRM 1.0 thumbs are metacarpal/proximal/distal; VRM 0.x used proximal/intermediate/distal.
    "leftThumbMetacarpal", "leftThumbProximal", "leftThumbIntermediate", "leftThumbDistal",
    "leftIndexProximal", "leftIndexIntermediate", "leftIndexDistal",
    "leftMiddleProximal", "leftMiddleIntermediate", "leftMiddleDistal",
    "leftRingProximal", "leftRingIntermediate", "leftRingDistal",
    "leftLittleProximal", "leftLittleIntermediate", "leftLittleDistal",
    "rightThumbMetacarpal", "rightThumbProximal", "rightThumbIntermediate", "rightThumbDistal",
    "rightIndexProximal", "rightIndexIntermediate", "rightIndexDistal",
    "rightMiddleProximal", "rightMiddleIntermediate", "rightMiddleDistal",
    "rightRingProximal", "rightRingIntermediate", "rightRingDistal",
    "rightLittleProximal", "rightLittleIntermediate", "rightLittleDistal",
};

}  // namespace

std::span<const std::string_view> vrmHumanoidBoneNames() { return kVrmBones; }

bool isVrmHumanoidBone(std::string_view name) {
  return std::find(std::begin(kVrmBones), std::end(kVrmBones), name) != std::end(kVrmBones);
}

std::string pinyinProblem(std::string_view reading) {
  if (reading.empty()) return "it is empty";
  std::size_t start = 0;
  while (start <= reading.size()) {
    std::size_t end = reading.find(' ', start);
    if (end == std::string_view::npos) end = reading.size();
    std::string_view syllable = reading.substr(start, end - start);
    if (syllable.empty()) return "syllables must be separated by single spaces";
    char tone = syllable.back();
    if (tone < '1' || tone > '5') {
      return fmt::format("syllable '{}' does not end in a tone digit 1-5", syllable);
    }
    std::string_view letters = syllable.substr(0, syllable.size() - 1);
    std::size_t count = 0;
    for (std::size_t i = 0; i < letters.size(); ++i) {
      char c = letters[i];
      if (c >= 'a' && c <= 'z') {
        ++count;
      } else if (letters.substr(i, 2) == "\xC3\xBC") {  // ü
        ++count;
        ++i;
      } else {
        return fmt::format("syllable '{}' has a character other than lowercase letters",
                           syllable);
      }
    }
    if (count == 0 || count > 6) {
      return fmt::format("syllable '{}' should have 1 to 6 letters before the tone", syllable);
    }
    start = end + 1;
  }
  return {};
}

}  // namespace sc::scene
