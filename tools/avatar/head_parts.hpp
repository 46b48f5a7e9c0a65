#pragma once
// The guide's head: the face mesh (skin, lips, upper eyelids, mouth cavity and upper teeth in one
// textured primitive, with the morph targets aa, ih, ou, ee, oh and blink), the eyeballs (skinned
// to leftEye / rightEye), and hair, bun, hairpin, ears and jade earrings (added to the body mesh).
#include "guide_layout.hpp"
#include "guide_model.hpp"

namespace sc::avatar {

struct HeadMaterials {
  int face, eyes, hair, trim, jade;
};

// Mouth-shape parameters of one viseme (metres; spread/pucker is a fraction of the width).
struct VisemeShape {
  float lowerOpen;   // lower lip and jaw move down
  float upperOpen;   // upper lip moves up
  float spread;      // > 0 widens the mouth, < 0 rounds it
  float protrude;    // lips move forwards
  float cornerLift;  // mouth corners move up (smile)
};
// aa, ih, ou, ee, oh in kFaceTargetNames order.
const VisemeShape& visemeShape(int index);

void buildHead(const RigJoints& rig, const HeadMaterials& materials, Mesh& face, Mesh& eyes,
               Mesh& body);

}  // namespace sc::avatar
