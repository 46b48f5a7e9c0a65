#pragma once
// Procedural primitives (CPU-side mesh data) for built-in content, markers and tests.
// Counter-clockwise front faces, outward normals, tangents along +U, metres.
#include <string>

#include <glm/glm.hpp>
#include <glm/gtc/quaternion.hpp>

#include "assets/model.hpp"

namespace sc::render {

// An axis-aligned box centred on the origin with half extents `half`; UVs 0..uvScale per face.
assets::Primitive makeBox(glm::vec3 half, float uvScale = 1.0f);
// A UV sphere centred on the origin.
assets::Primitive makeSphere(float radius, int rings = 24, int segments = 48);
// An open cylinder standing on the origin, from y = 0 to y = height.
assets::Primitive makeCylinder(float radius, float height, int segments = 32);
// A quad in the XY plane facing +Z with half extents `half`.
assets::Primitive makeQuad(glm::vec2 half);

// Appends a mesh with one primitive and a root node that places it.
void addPrimitiveNode(assets::Model& model, assets::Primitive primitive, std::uint32_t material,
                      const glm::vec3& translation, const std::string& name,
                      const glm::quat& rotation = glm::quat(1.0f, 0.0f, 0.0f, 0.0f));

}  // namespace sc::render
