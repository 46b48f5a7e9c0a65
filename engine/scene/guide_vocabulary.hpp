#pragma once
// Names the guide settings of a scene may use: VRM humanoid bone names (VRM 0.x and 1.0) and
// tone-numbered pinyin for the Mandarin lexicon fed to espeak-ng's cmn-latn-pinyin voice.
#include <span>
#include <string>
#include <string_view>

namespace sc::scene {

// The VRM humanoid bone names (VRM 1.0 plus the 0.x thumb names), e.g. "hips", "leftUpperArm".
std::span<const std::string_view> vrmHumanoidBoneNames();
bool isVrmHumanoidBone(std::string_view name);

// Checks a pinyin reading such as "chong2 qing4": one or more syllables separated by single
// spaces, each 1-6 lowercase letters (a-z, 'ü' written as "v" or "ü") followed by a tone digit 1-5.
// Returns what is wrong, or an empty string when the reading is acceptable.
std::string pinyinProblem(std::string_view reading);

}  // namespace sc::scene
