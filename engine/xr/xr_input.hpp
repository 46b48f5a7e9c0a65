#pragma once
// The tour's actions (select, menu, teleport, thumbstick x/y, aim and grip poses) with suggested
// bindings for every controller and hand profile the runtime can take. Internal to engine/xr.
#include <array>
#include <vector>

#include "xr/xr_internal.hpp"
#include "xr/xr_types.hpp"

namespace sc::xr {

class ActionInput {
 public:
  // Creates the action set, suggests bindings for each profile (results in bindings()), and
  // attaches the set to `session`. A profile whose extension is not enabled is listed as not
  // offered. Fails only when no profile at all was accepted or a call fails.
  static Result<std::unique_ptr<ActionInput>> create(System::Impl& system, XrSession session);
  ~ActionInput();

  // xrSyncActions (only while FOCUSED; otherwise the state is cleared) and pose location at
  // `time` in `space`.
  Status update(bool focused, XrSpace space, XrTime time);
  const InputState& state() const { return state_; }
  const std::vector<BindingResult>& bindings() const { return bindings_; }

 private:
  ActionInput() = default;
  System::Impl* system_ = nullptr;
  XrSession session_ = XR_NULL_HANDLE;
  XrActionSet set_ = XR_NULL_HANDLE;
  XrAction select_ = XR_NULL_HANDLE, menu_ = XR_NULL_HANDLE, teleport_ = XR_NULL_HANDLE;
  XrAction stickX_ = XR_NULL_HANDLE, stickY_ = XR_NULL_HANDLE, aim_ = XR_NULL_HANDLE, grip_ = XR_NULL_HANDLE;
  std::array<XrPath, 2> hands_{};
  std::array<XrSpace, 2> aimSpaces_{XR_NULL_HANDLE, XR_NULL_HANDLE};
  InputState state_;
  std::vector<BindingResult> bindings_;
};

}  // namespace sc::xr
