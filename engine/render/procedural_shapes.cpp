#include "render/procedural_shapes.hpp"

#include <cmath>

#include <glm/gtc/constants.hpp>

namespace sc::render {

using assets::Primitive;
using assets::Vertex;

namespace {
void finish(Primitive& p) {
  for (const auto& v : p.vertices) p.bounds.add(v.position);
}
}  // namespace



Primitive makeBox(glm::vec3 half, float uvScale) {
  Primitive p;
  const glm::vec3 normals[6] = {{1, 0, 0}, {-1, 0, 0}, {0, 1, 0}, {0, -1, 0}, {0, 0, 1}, {0, 0, -1}};
  for (const auto& n : normals) {
    glm::vec3 u = std::abs(n.y) > 0.5f ? glm::vec3(1, 0, 0) : glm::vec3(0, 1, 0);
    glm::vec3 t = glm::cross(u, n);
    glm::vec3 b = glm::cross(n, t);
    auto base = std::uint32_t(p.vertices.size());
    for (int i = 0; i < 4; ++i) {
      float s = (i == 1 || i == 2) ? 1.0f : -1.0f;
      float r = (i >= 2) ? 1.0f : -1.0f;
      Vertex v;
      v.position = (n + t * s + b * r) * half;
      v.normal = n;
      v.tangent = glm::vec4(t, 1.0f);
      v.uv0 = glm::vec2(s * 0.5f + 0.5f, 0.5f - r * 0.5f) * uvScale;
      p.vertices.push_back(v);
    }
    for (std::uint32_t i : {0u, 1u, 2u, 0u, 2u, 3u}) p.indices.push_back(base + i);
  }
  finish(p);
  return p;
}

Primitive makeSphere(float radius, int rings, int segments) {
  Primitive p;
  for (int r = 0; r <= rings; ++r) {
    float phi = glm::pi<float>() * float(r) / float(rings);
    for (int s = 0; s <= segments; ++s) {
      float theta = 2.0f * glm::pi<float>() * float(s) / float(segments);
      glm::vec3 n(std::sin(phi) * std::cos(theta), std::cos(phi), -std::sin(phi) * std::sin(theta));
      Vertex v;
      v.position = n * radius;
      v.normal = n;
      v.tangent = glm::vec4(-std::sin(theta), 0.0f, -std::cos(theta), 1.0f);
      v.uv0 = glm::vec2(float(s) / float(segments), float(r) / float(rings));
      p.vertices.push_back(v);
    }
  }
  for (int r = 0; r < rings; ++r) {
    for (int s = 0; s < segments; ++s) {
      std::uint32_t a = std::uint32_t(r * (segments + 1) + s), b = a + std::uint32_t(segments + 1);
      for (std::uint32_t i : {a, b, a + 1, a + 1, b, b + 1}) p.indices.push_back(i);
    }
  }
  finish(p);
  return p;
}

Primitive makeCylinder(float radius, float height, int segments) {
  Primitive p;
  for (int s = 0; s <= segments; ++s) {
    float theta = 2.0f * glm::pi<float>() * float(s) / float(segments);
    glm::vec3 n(std::cos(theta), 0.0f, -std::sin(theta));
    for (int y = 0; y < 2; ++y) {
      Vertex v;
      v.position = n * radius + glm::vec3(0.0f, float(y) * height, 0.0f);
      v.normal = n;
      v.tangent = glm::vec4(-std::sin(theta), 0.0f, -std::cos(theta), 1.0f);
      v.uv0 = glm::vec2(float(s) / float(segments), 1.0f - float(y));
      p.vertices.push_back(v);
    }
  }
  for (int s = 0; s < segments; ++s) {
    std::uint32_t a = std::uint32_t(s * 2);
    for (std::uint32_t i : {a, a + 2, a + 1, a + 1, a + 2, a + 3}) p.indices.push_back(i);
  }
  finish(p);
  return p;
}

Primitive makeQuad(glm::vec2 half) {
  Primitive p;
  const glm::vec2 corners[4] = {{-1, -1}, {1, -1}, {1, 1}, {-1, 1}};
  for (const auto& c : corners) {
    Vertex v;
    v.position = glm::vec3(c * half, 0.0f);
    v.normal = {0, 0, 1};
    v.tangent = {1, 0, 0, 1};
    v.uv0 = glm::vec2(c.x * 0.5f + 0.5f, 0.5f - c.y * 0.5f);
    p.vertices.push_back(v);
  }
  p.indices = {0, 1, 2, 0, 2, 3};
  finish(p);
  return p;
}

void addPrimitiveNode(assets::Model& model, Primitive primitive, std::uint32_t material,
                      const glm::vec3& translation, const std::string& name, const glm::quat& rotation) {
  primitive.material = material;
  assets::Mesh mesh;
  mesh.name = name;
  mesh.primitives.push_back(std::move(primitive));
  model.meshes.push_back(std::move(mesh));
  assets::Node node;
  node.name = name;
  node.translation = translation;
  node.rotation = rotation;
  node.mesh = std::int32_t(model.meshes.size() - 1);
  model.nodes.push_back(node);
  model.rootNodes.push_back(std::uint32_t(model.nodes.size() - 1));
}

}  // namespace sc::render
