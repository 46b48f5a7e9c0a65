#pragma once
// Declarations of OpenXR extensions newer than Debian's headers (OpenXR 1.0.20), with the
// values of the Khronos registry (xr.xml). Each is used only when the runtime lists the
// extension in xrEnumerateInstanceExtensionProperties; nothing here is assumed to exist.
// Names live in sc::xr::ext so a newer openxr.h defining the same XR_* symbols cannot clash.
#include <openxr/openxr.h>

namespace sc::xr::ext {

// XR_EXT_local_floor (extension number 427): a LOCAL space whose origin is on the floor.
inline constexpr const char* kLocalFloorName = "XR_EXT_local_floor";
inline constexpr XrReferenceSpaceType kReferenceSpaceLocalFloor = XrReferenceSpaceType(1000426000);

// XR_EXT_hand_interaction (extension number 303): hands as an interaction profile.
inline constexpr const char* kHandInteractionName = "XR_EXT_hand_interaction";
inline constexpr const char* kHandInteractionProfile = "/interaction_profiles/ext/hand_interaction_ext";

// XR_HTC_vive_focus3_controller_interaction (extension number 106).
inline constexpr const char* kViveFocus3Name = "XR_HTC_vive_focus3_controller_interaction";
inline constexpr const char* kViveFocus3Profile = "/interaction_profiles/htc/vive_focus3_controller";

// XR_BD_controller_interaction (extension number 385): PICO controllers.
inline constexpr const char* kBdControllerName = "XR_BD_controller_interaction";
inline constexpr const char* kPico4Profile = "/interaction_profiles/bytedance/pico4_controller";

}  // namespace sc::xr::ext
