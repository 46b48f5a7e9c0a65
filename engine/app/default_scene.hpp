#pragma once
// The built-in scene shown when no scene is given: a small courtyard of PBR test objects (a
// metallic/roughness sphere grid, a lacquered column, stone ground, a glass pane, a cut-out
// screen and a glowing lantern with its light) that exercises every material path.
#include "assets/model.hpp"

namespace sc::app {

assets::Model makeDefaultScene();

}  // namespace sc::app
