#pragma once
// The guide's body below the head: qipao-inspired jacket (torso, peplum hem, sleeves, mandarin
// collar, gold frog buttons, jade-green embroidered sash), trousers, shoes, neck and hands.
// Everything is skinned with smooth hand-overs at the joints (see shapes.hpp chainInfluences).
#include "guide_layout.hpp"
#include "guide_model.hpp"

namespace sc::avatar {

struct BodyMaterials {
  int skin, jacket, trim, trousers, shoes, sash, jade;
};

// Fills `mesh` with one primitive per material used.
void buildBody(const RigJoints& rig, const BodyMaterials& materials, Mesh& mesh);

// Position on the jacket's outer surface at (angle from front, height), and its outward normal.
glm::vec3 jacketSurface(float angleFromFront, float y, glm::vec3* normal = nullptr);

}  // namespace sc::avatar
