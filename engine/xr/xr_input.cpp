// Actions and suggested bindings. One table row per interaction profile; paths follow the
// OpenXR specification's interaction-profile chapter (and the registry for newer profiles).
#include "xr/xr_input.hpp"

#include <cmath>
#include <cstring>

#include <spdlog/spdlog.h>

#include "xr/xr_ext.hpp"

namespace sc::xr {

namespace {

enum class Act : std::uint8_t { Select, Menu, Teleport, StickX, StickY, Aim, Grip };

// A binding: `side` 'B' = both hands, 'L' / 'R' = one hand; `input` is the path below the hand.
struct Binding {
  Act action;
  char side;
  const char* input;
};

struct ProfileTable {
  const char* profile;
  const char* extension;  // nullptr: core OpenXR 1.0
  std::vector<Binding> bindings;
};

// Poses every profile has.
std::vector<Binding> withPoses(std::vector<Binding> b) {
  b.push_back({Act::Aim, 'B', "input/aim/pose"});
  b.push_back({Act::Grip, 'B', "input/grip/pose"});
  return b;
}

// Thumbstick controllers: trigger selects, stick forward aims the teleport arc (release
// teleports), stick sideways snap-turns.
std::vector<Binding> stickController(const char* trigger, std::vector<Binding> menu) {
  std::vector<Binding> b = {{Act::Select, 'B', trigger},
                            {Act::StickX, 'B', "input/thumbstick/x"},
                            {Act::StickY, 'B', "input/thumbstick/y"}};
  b.insert(b.end(), menu.begin(), menu.end());
  return withPoses(b);
}

// Trackpad controllers: the pad's forward half aims the arc, its sides snap-turn.
std::vector<Binding> padController(const char* trigger, const char* menu) {
  std::vector<Binding> b = {{Act::Select, 'B', trigger},
                            {Act::StickX, 'B', "input/trackpad/x"},
                            {Act::StickY, 'B', "input/trackpad/y"}};
  if (menu) b.push_back({Act::Menu, 'B', menu});
  return withPoses(b);
}

std::vector<ProfileTable> profileTables() {
  const std::vector<Binding> leftMenuRightB = {{Act::Menu, 'L', "input/menu/click"}, {Act::Menu, 'R', "input/b/click"}};
  return {
      {"/interaction_profiles/khr/simple_controller", nullptr,
       withPoses({{Act::Select, 'B', "input/select/click"}, {Act::Menu, 'B', "input/menu/click"}})},
      {"/interaction_profiles/oculus/touch_controller", nullptr,
       stickController("input/trigger/value", leftMenuRightB)},
      {"/interaction_profiles/valve/index_controller", nullptr,
       stickController("input/trigger/click", {{Act::Menu, 'B', "input/b/click"}})},
      {"/interaction_profiles/htc/vive_controller", nullptr, padController("input/trigger/click", "input/menu/click")},
      {"/interaction_profiles/microsoft/motion_controller", nullptr,
       stickController("input/trigger/value", {{Act::Menu, 'B', "input/menu/click"}})},
      {"/interaction_profiles/oculus/go_controller", nullptr, padController("input/trigger/click", "input/back/click")},
      {"/interaction_profiles/google/daydream_controller", nullptr, padController("input/select/click", nullptr)},
      {"/interaction_profiles/hp/mixed_reality_controller", XR_EXT_HP_MIXED_REALITY_CONTROLLER_EXTENSION_NAME,
       stickController("input/trigger/value", {{Act::Menu, 'B', "input/menu/click"}})},
      {"/interaction_profiles/samsung/odyssey_controller", XR_EXT_SAMSUNG_ODYSSEY_CONTROLLER_EXTENSION_NAME,
       stickController("input/trigger/value", {{Act::Menu, 'B', "input/menu/click"}})},
      {"/interaction_profiles/htc/vive_cosmos_controller", XR_HTC_VIVE_COSMOS_CONTROLLER_INTERACTION_EXTENSION_NAME,
       stickController("input/trigger/click", leftMenuRightB)},
      {ext::kViveFocus3Profile, ext::kViveFocus3Name, stickController("input/trigger/click", leftMenuRightB)},
      {"/interaction_profiles/huawei/controller", XR_HUAWEI_CONTROLLER_INTERACTION_EXTENSION_NAME,
       padController("input/trigger/click", "input/back/click")},
      {ext::kPico4Profile, ext::kBdControllerName,
       stickController("input/trigger/click", {{Act::Menu, 'B', "input/menu/click"}})},
      // Hands: pinch selects, a grasp (or squeeze) aims the teleport arc; no menu gesture.
      {"/interaction_profiles/microsoft/hand_interaction", XR_MSFT_HAND_INTERACTION_EXTENSION_NAME,
       withPoses({{Act::Select, 'B', "input/select/value"}, {Act::Teleport, 'B', "input/squeeze/value"}})},
      {ext::kHandInteractionProfile, ext::kHandInteractionName,
       withPoses({{Act::Select, 'B', "input/pinch_ext/value"}, {Act::Teleport, 'B', "input/grasp_ext/value"}})},
  };
}

Result<XrAction> makeAction(XrInstance instance, XrActionSet set, const char* name, const char* localized,
                            XrActionType type, const std::array<XrPath, 2>& hands) {
  XrActionCreateInfo info{XR_TYPE_ACTION_CREATE_INFO};
  std::snprintf(info.actionName, XR_MAX_ACTION_NAME_SIZE, "%s", name);
  std::snprintf(info.localizedActionName, XR_MAX_LOCALIZED_ACTION_NAME_SIZE, "%s", localized);
  info.actionType = type;
  info.countSubactionPaths = 2;
  info.subactionPaths = hands.data();
  XrAction action = XR_NULL_HANDLE;
  SC_XR_TRY(instance, xrCreateAction(set, &info, &action));
  return action;
}

bool boolState(XrSession session, XrAction action, XrPath hand, bool* changedToFalse = nullptr, bool* changedToTrue = nullptr) {
  XrActionStateGetInfo get{XR_TYPE_ACTION_STATE_GET_INFO};
  get.action = action;
  get.subactionPath = hand;
  XrActionStateBoolean state{XR_TYPE_ACTION_STATE_BOOLEAN};
  if (XR_FAILED(xrGetActionStateBoolean(session, &get, &state)) || !state.isActive) return false;
  if (state.changedSinceLastSync) {
    if (changedToTrue && state.currentState) *changedToTrue = true;
    if (changedToFalse && !state.currentState) *changedToFalse = true;
  }
  return state.currentState;
}

float floatState(XrSession session, XrAction action, XrPath hand) {
  XrActionStateGetInfo get{XR_TYPE_ACTION_STATE_GET_INFO};
  get.action = action;
  get.subactionPath = hand;
  XrActionStateFloat state{XR_TYPE_ACTION_STATE_FLOAT};
  if (XR_FAILED(xrGetActionStateFloat(session, &get, &state)) || !state.isActive) return 0.0f;
  return state.currentState;
}

}  // namespace

Result<std::unique_ptr<ActionInput>> ActionInput::create(System::Impl& system, XrSession session) {
  std::unique_ptr<ActionInput> input(new ActionInput());
  input->system_ = &system;
  input->session_ = session;
  XrInstance instance = system.instance;
  SC_XR_TRY(instance, xrStringToPath(instance, "/user/hand/left", &input->hands_[0]));
  SC_XR_TRY(instance, xrStringToPath(instance, "/user/hand/right", &input->hands_[1]));

  XrActionSetCreateInfo setInfo{XR_TYPE_ACTION_SET_CREATE_INFO};
  std::snprintf(setInfo.actionSetName, XR_MAX_ACTION_SET_NAME_SIZE, "%s", "tour");
  std::snprintf(setInfo.localizedActionSetName, XR_MAX_LOCALIZED_ACTION_SET_NAME_SIZE, "%s", "Tour");
  SC_XR_TRY(instance, xrCreateActionSet(instance, &setInfo, &input->set_));
  const auto& hands = input->hands_;
  auto make = [&](const char* name, const char* localized, XrActionType type, XrAction& out) -> Status {
    auto action = makeAction(instance, input->set_, name, localized, type, hands);
    if (!action) return action.error();
    out = *action;
    return okStatus();
  };
  SC_TRY(make("select", "Select", XR_ACTION_TYPE_BOOLEAN_INPUT, input->select_));
  SC_TRY(make("menu", "Tour menu", XR_ACTION_TYPE_BOOLEAN_INPUT, input->menu_));
  SC_TRY(make("teleport", "Teleport", XR_ACTION_TYPE_BOOLEAN_INPUT, input->teleport_));
  SC_TRY(make("turn", "Snap turn", XR_ACTION_TYPE_FLOAT_INPUT, input->stickX_));
  SC_TRY(make("aim_arc", "Teleport arc", XR_ACTION_TYPE_FLOAT_INPUT, input->stickY_));
  SC_TRY(make("aim", "Pointer", XR_ACTION_TYPE_POSE_INPUT, input->aim_));
  SC_TRY(make("grip", "Hand", XR_ACTION_TYPE_POSE_INPUT, input->grip_));

  auto actionOf = [&](Act a) {
    switch (a) {
      case Act::Select: return input->select_;
      case Act::Menu: return input->menu_;
      case Act::Teleport: return input->teleport_;
      case Act::StickX: return input->stickX_;
      case Act::StickY: return input->stickY_;
      case Act::Aim: return input->aim_;
      case Act::Grip: return input->grip_;
    }
    return XrAction(XR_NULL_HANDLE);
  };
  std::size_t accepted = 0;
  for (const auto& table : profileTables()) {
    BindingResult result;
    result.profile = table.profile;
    if (table.extension && !system.has(table.extension)) {
      result.offered = false;
      result.result = fmt::format("not offered ({} missing)", table.extension);
      input->bindings_.push_back(result);
      continue;
    }
    std::vector<XrActionSuggestedBinding> suggested;
    Status paths = okStatus();
    for (const auto& b : table.bindings) {
      for (const char* hand : {"left", "right"}) {
        if ((b.side == 'L' && hand[0] != 'l') || (b.side == 'R' && hand[0] != 'r')) continue;
        std::string full = fmt::format("/user/hand/{}/{}", hand, b.input);
        XrPath path = XR_NULL_PATH;
        XrResult r = xrStringToPath(instance, full.c_str(), &path);
        if (XR_FAILED(r)) paths = makeError("xrStringToPath({}) failed: {}", full, xrResultName(instance, r));
        suggested.push_back({actionOf(b.action), path});
      }
    }
    SC_TRY(paths);
    XrInteractionProfileSuggestedBinding suggestion{XR_TYPE_INTERACTION_PROFILE_SUGGESTED_BINDING};
    SC_XR_TRY(instance, xrStringToPath(instance, table.profile, &suggestion.interactionProfile));
    suggestion.countSuggestedBindings = std::uint32_t(suggested.size());
    suggestion.suggestedBindings = suggested.data();
    XrResult r = xrSuggestInteractionProfileBindings(instance, &suggestion);
    result.accepted = r == XR_SUCCESS;
    result.result = xrResultName(instance, r);
    if (result.accepted) {
      ++accepted;
    } else {
      spdlog::warn("OpenXR: bindings for {} refused: {}", table.profile, result.result);
    }
    input->bindings_.push_back(result);
  }
  if (accepted == 0) return makeError("the OpenXR runtime accepted no controller bindings at all");

  for (std::size_t i = 0; i < 2; ++i) {
    XrActionSpaceCreateInfo spaceInfo{XR_TYPE_ACTION_SPACE_CREATE_INFO};
    spaceInfo.action = input->aim_;
    spaceInfo.subactionPath = hands[i];
    spaceInfo.poseInActionSpace.orientation.w = 1.0f;
    SC_XR_TRY(instance, xrCreateActionSpace(session, &spaceInfo, &input->aimSpaces_[i]));
  }
  XrSessionActionSetsAttachInfo attach{XR_TYPE_SESSION_ACTION_SETS_ATTACH_INFO};
  attach.countActionSets = 1;
  attach.actionSets = &input->set_;
  SC_XR_TRY(instance, xrAttachSessionActionSets(session, &attach));
  return input;
}

ActionInput::~ActionInput() {
  for (XrSpace space : aimSpaces_)
    if (space != XR_NULL_HANDLE) xrDestroySpace(space);
  // Destroying the set would destroy its actions too, but the 1.0.20 core validation layer then
  // keeps their handles and refuses a later session's actions if the runtime reuses the values.
  for (XrAction action : {select_, menu_, teleport_, stickX_, stickY_, aim_, grip_})
    if (action != XR_NULL_HANDLE) xrDestroyAction(action);
  if (set_ != XR_NULL_HANDLE) xrDestroyActionSet(set_);
}

Status ActionInput::update(bool focused, XrSpace space, XrTime time) {
  state_ = InputState{};
  if (!focused) return okStatus();
  XrActiveActionSet active{set_, XR_NULL_PATH};
  XrActionsSyncInfo sync{XR_TYPE_ACTIONS_SYNC_INFO};
  sync.countActiveActionSets = 1;
  sync.activeActionSets = &active;
  XrResult r = xrSyncActions(session_, &sync);
  if (r == XR_SESSION_NOT_FOCUSED) return okStatus();
  SC_XR_TRY(system_->instance, r);

  for (std::size_t i = 0; i < 2; ++i) {
    bool pressed = false, released = false;
    state_.select |= boolState(session_, select_, hands_[i], nullptr, &pressed);
    state_.selectPressed |= pressed;
    bool menuPressed = false;
    boolState(session_, menu_, hands_[i], nullptr, &menuPressed);
    state_.menuPressed |= menuPressed;
    state_.teleportHeld |= boolState(session_, teleport_, hands_[i], &released);
    state_.teleportReleased |= released;
  }
  // The stick of the hand that pushes furthest; snap turns and the arc are decided from it by
  // the locomotion controller (dead zones, cooldown).
  for (std::size_t i = 0; i < 2; ++i) {
    glm::vec2 stick(floatState(session_, stickX_, hands_[i]), floatState(session_, stickY_, hands_[i]));
    if (glm::length(stick) > glm::length(state_.stick)) {
      state_.stick = stick;
      state_.stickHand = int(i);
    }
  }
  for (std::size_t i = 0; i < 2; ++i) {
    XrSpaceLocation location{XR_TYPE_SPACE_LOCATION};
    if (XR_SUCCEEDED(xrLocateSpace(aimSpaces_[i], space, time, &location)) &&
        (location.locationFlags & XR_SPACE_LOCATION_POSITION_VALID_BIT) &&
        (location.locationFlags & XR_SPACE_LOCATION_ORIENTATION_VALID_BIT)) {
      state_.aimValid[i] = true;
      state_.aim[i] = toPose(location.pose);
    }
  }
  return okStatus();
}

}  // namespace sc::xr
